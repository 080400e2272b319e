import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { authHeaders } from '../api/client';
import { ApiProblem } from '../api/problem';
import { session } from '../auth/session';
import type { Execution } from '../api/types';
import type { ExecutionChange } from './executionState';

/** The wait before reconnecting when the server named none, and the longest wait after failures in a row. */
export const DEFAULT_RETRY_MS = 1000;
export const MAX_RETRY_MS = 10_000;

/** Where a live stream is: opening, receiving, waiting to reconnect, or stopped (ended, failed or closed). */
export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'ended' | 'failed' | 'closed';

export interface LiveStreamHandlers {
  /** The whole execution, exactly as `GET /api/v1/executions/:id` shows it: replaces what the client holds. */
  onSnapshot: (execution: Execution) => void;
  /** The execution's own fields and the nodes that changed: merged into what the client holds. */
  onChange: (change: ExecutionChange) => void;
  /** The execution finished; the stream is over. */
  onEnd?: (status: string | null) => void;
  /** The server refused the stream (a 4xx answer): it is over and will not reconnect. */
  onError?: (error: ApiProblem) => void;
  onState?: (state: StreamState) => void;
}

export interface LiveStreamOptions {
  /** The fetch to use (tests give their own). */
  fetch?: typeof fetch;
  /** The API key sent with each connection; the session's by default. */
  key?: () => string | null;
  /** Waits before a reconnection; resolves early (or rejects) when the signal aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** The id of the state the client already holds, sent as `Last-Event-ID` on the first connection. */
  lastEventId?: string;
}

export interface LiveStream {
  /** Stops the stream: the connection is dropped and nothing more is told. */
  close: () => void;
  /** The id of the last event applied: a fingerprint of the state it brought the client to. */
  lastEventId: () => string | undefined;
}

/**
 * Follows an execution live through `GET /api/v1/executions/:id/stream`, with `fetch` rather than `EventSource`
 * so that the API key goes in a header, never in the address. The server sends a `snapshot` of the whole
 * execution, then a `change` whenever it changes, then `end` once it finished. When the connection drops the
 * stream connects again after the server's `retry` delay (doubling after failures in a row, at most 10 s), sending
 * the last event's id as `Last-Event-ID`, so the server sends only what the client does not hold yet. A 4xx answer
 * stops it with the server's problem, except 429 (too many streams open), after which it tries again when the
 * server's `Retry-After` says.
 */
export function openExecutionStream(executionId: string, handlers: LiveStreamHandlers, options: LiveStreamOptions = {}): LiveStream {
  const fetchImpl = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const key = options.key ?? (() => session.key());
  const sleep = options.sleep ?? wait;
  const stop = new AbortController();
  let lastId = options.lastEventId;
  let state: StreamState | null = null;

  const tell = (next: StreamState) => {
    if (state === next || (stop.signal.aborted && next !== 'closed')) return;
    state = next;
    handlers.onState?.(next);
  };

  /** One connection: how it ended. */
  async function connect(serverRetry: { ms: number; busyMs: number }): Promise<'ended' | 'cut' | 'refused' | 'healthy-cut' | 'busy'> {
    const headers: Record<string, string> = { Accept: 'text/event-stream', ...authHeaders(key()) };
    if (lastId !== undefined) headers['Last-Event-ID'] = lastId;
    const response = await fetchImpl(`/api/v1/executions/${encodeURIComponent(executionId)}/stream`, {
      headers,
      signal: stop.signal,
      cache: 'no-store',
    });
    if (response.status === 429) {
      // Too many open streams: not a refusal of this one; try again when the server says.
      const after = Number(response.headers.get('Retry-After'));
      serverRetry.busyMs = Number.isFinite(after) && after > 0 ? after * 1000 : 0;
      response.body?.cancel().catch(() => undefined);
      return 'busy';
    }
    if (response.status >= 400 && response.status < 500) {
      const problem = await ApiProblem.from(response);
      if (!stop.signal.aborted) handlers.onError?.(problem);
      return 'refused';
    }
    if (!response.ok || !response.body) {
      response.body?.cancel().catch(() => undefined);
      return 'cut';
    }
    tell('live');
    let heard = false;
    let ended = false;
    let broken = false;
    const parser = createParser({
      onRetry: (ms) => {
        serverRetry.ms = ms;
      },
      onComment: () => {
        heard = true;
      },
      onEvent: (event) => {
        if (ended || broken || stop.signal.aborted) return;
        heard = true;
        const applied = apply(event);
        if (applied === 'bad') broken = true;
        if (applied === 'end') ended = true;
      },
    });
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(decoder.decode(value, { stream: true }));
        if (ended || broken) break;
      }
    } finally {
      if (ended || broken) reader.cancel().catch(() => undefined);
    }
    if (ended) return 'ended';
    return heard && !broken ? 'healthy-cut' : 'cut';
  }

  /** Applies one event; `bad` when its data cannot be read (the connection is dropped and made again). */
  function apply(event: EventSourceMessage): 'applied' | 'end' | 'ignored' | 'bad' {
    if (event.event !== 'snapshot' && event.event !== 'change' && event.event !== 'end') return 'ignored';
    let data: unknown;
    try {
      data = event.data ? JSON.parse(event.data) : null;
    } catch {
      return 'bad';
    }
    if (event.event === 'snapshot') {
      if (!data || typeof data !== 'object') return 'bad';
      handlers.onSnapshot(data as Execution);
    } else if (event.event === 'change') {
      if (!data || typeof data !== 'object' || !('execution' in data)) return 'bad';
      handlers.onChange(data as ExecutionChange);
    }
    if (event.id !== undefined) lastId = event.id;
    if (event.event === 'end') {
      const status = data && typeof data === 'object' && 'status' in data ? String((data as { status: unknown }).status) : null;
      tell('ended');
      handlers.onEnd?.(status);
      return 'end';
    }
    return 'applied';
  }

  async function run() {
    const serverRetry = { ms: DEFAULT_RETRY_MS, busyMs: 0 };
    let failures = 0;
    tell('connecting');
    while (!stop.signal.aborted) {
      let outcome: Awaited<ReturnType<typeof connect>>;
      try {
        outcome = await connect(serverRetry);
      } catch {
        outcome = 'cut';
      }
      if (stop.signal.aborted) return;
      if (outcome === 'ended') return;
      if (outcome === 'refused') {
        tell('failed');
        return;
      }
      failures = outcome === 'healthy-cut' ? 1 : failures + 1;
      const delay = Math.max(reconnectDelay(serverRetry.ms, failures), outcome === 'busy' ? serverRetry.busyMs : 0);
      tell('reconnecting');
      try {
        await sleep(delay, stop.signal);
      } catch {
        return;
      }
    }
  }

  void run();
  return {
    close: () => {
      if (stop.signal.aborted) return;
      stop.abort();
      if (state !== 'ended' && state !== 'failed') {
        state = 'closed';
        handlers.onState?.('closed');
      }
    },
    lastEventId: () => lastId,
  };
}

/** The wait before reconnection number `failures` in a row: the server's delay, doubled each time, at most 10 s. */
export function reconnectDelay(retryMs: number, failures: number): number {
  const base = Math.max(0, retryMs);
  return Math.min(MAX_RETRY_MS, base * 2 ** Math.max(0, failures - 1));
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
