import { ApiProblem } from './problem';
import { session } from '../auth/session';

type Query = Record<string, string | number | boolean | undefined | null>;

function url(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Listeners told when the server refuses the session's key (401), so the app can ask for it again. */
const unauthorizedListeners = new Set<() => void>();

export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** Headers every request of this session carries: its API key. */
export function authHeaders(key: string | null = session.key()): Record<string, string> {
  return key ? { 'X-API-Key': key } : {};
}

/**
 * Sends one request with the session's key. JSON in and out; an error answer is thrown as an {@link ApiProblem}
 * (401 also tells the unauthorized listeners).
 */
export async function request<T>(method: string, path: string, options: { query?: Query; body?: unknown; key?: string; signal?: AbortSignal } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...authHeaders(options.key ?? session.key()) };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(url(path, options.query), { method, headers, body, signal: options.signal });
  if (!response.ok) {
    const problem = await ApiProblem.from(response);
    if (response.status === 401 && options.key === undefined) unauthorizedListeners.forEach((l) => l());
    throw problem;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: Query) => request<T>('POST', path, { body: body ?? {}, query }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body: body ?? {} }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body: body ?? {} }),
  del: <T>(path: string) => request<T>('DELETE', path),
};
