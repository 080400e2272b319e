import { api, authHeaders } from '../api/client';
import { ApiProblem } from '../api/problem';

/** A stored file as values carry it (docs/api.md, "Files"). */
export interface FileRef {
  file_id: string;
  name?: string;
  content_type?: string;
  size?: number;
  url?: string;
}

export function isFileRef(value: unknown): value is FileRef {
  return (
    Boolean(value) &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    typeof (value as { file_id?: unknown }).file_id === 'string' &&
    (value as { file_id: string }).file_id.length > 0
  );
}

/** The file references anywhere in a value (an output, an input), each once, looking at most `limit` values deep in all. */
export function fileRefsIn(value: unknown, limit = 5000): FileRef[] {
  const found = new Map<string, FileRef>();
  const stack: unknown[] = [value];
  let seen = 0;
  while (stack.length && seen++ < limit) {
    const at = stack.pop();
    if (isFileRef(at)) {
      if (!found.has(at.file_id)) found.set(at.file_id, at);
    } else if (Array.isArray(at)) {
      for (let i = at.length - 1; i >= 0; i--) stack.push(at[i]);
    } else if (at && typeof at === 'object') {
      stack.push(...Object.values(at as Record<string, unknown>).reverse());
    }
  }
  return [...found.values()];
}

/** Uploads a file as a multipart form (`POST /files`, part `file`) and gives its reference. */
export function uploadFile(file: File): Promise<FileRef> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.post<FileRef>('/files', form);
}

/**
 * Downloads a stored file with the session's key in a header (never in an address) and saves it under its name.
 */
export async function downloadFile(ref: FileRef): Promise<void> {
  const response = await fetch(`/files/${encodeURIComponent(ref.file_id)}`, { headers: authHeaders() });
  if (!response.ok) throw await ApiProblem.from(response);
  saveBlob(await response.blob(), ref.name || ref.file_id);
}

/** Saves a value as a JSON file, all of it however long. */
export function downloadJson(value: unknown, name: string): void {
  saveBlob(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }), name);
}

/** Hands a blob to the browser as a download. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A size in bytes in the unit a reader expects. */
export function formatBytes(size: number | undefined): string {
  if (size === undefined || !Number.isFinite(size)) return '';
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KiB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MiB`;
}
