import { describe, expect, it, vi } from 'vitest';
import type { Execution, NodeRun } from '../api/types';
import { applyChange, type ExecutionChange } from './executionState';
import { openExecutionStream, reconnectDelay, type LiveStreamHandlers, type StreamState } from './liveStream';

const run = (status: string, output: unknown = null): NodeRun => ({
  nodeId: 'Echo',
  status,
  input: null,
  output,
  error: null,
  attempts: status === 'pending' ? 0 : 1,
  attemptHistory: [],
  startedAt: null,
  finishedAt: null,
});

const execution = (status: Execution['status'], nodes: Record<string, NodeRun>): Execution => ({
  id: 'ex-1',
  workflowId: 'wf-1',
  workflowVersion: 1,
  status,
  triggerInputs: {},
  output: null,
  error: null,
  createdAt: '2026-12-01T10:00:00Z',
  startedAt: null,
  finishedAt: null,
  rerunOf: null,
  nodes,
});

const fields = (status: Execution['status']) => {
  const { nodes: _nodes, ...rest } = execution(status, {});
  return rest;
};

/** An SSE event as the server writes it. */
function event(type: string, data: unknown, id: string): string {
  return `event: ${type}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A 200 answer whose body streams the chunks, then ends (the connection is cut unless an `end` event came). */
function stream(...chunks: string[]): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}

/** A fetch that answers each call with the next answer, and records each call's headers. */
function fakeFetch(...answers: (Response | Error)[]) {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), headers: { ...(init?.headers as Record<string, string>) } });
    const answer = answers.shift();
    if (!answer) return new Promise<Response>(() => undefined); // a connection that never answers
    if (answer instanceof Error) throw answer;
    return answer;
  });
  return { fetch: fn as unknown as typeof fetch, calls };
}

/** Follows a stream, holding the state as the page does, until it stops. */
function follow(fetch: typeof globalThis.fetch, lastEventId?: string) {
  let state: Execution | null = null;
  const states: StreamState[] = [];
  const sleeps: number[] = [];
  const errors: unknown[] = [];
  const ends: (string | null)[] = [];
  let stopped!: () => void;
  const done = new Promise<void>((resolve) => (stopped = resolve));
  const handlers: LiveStreamHandlers = {
    onSnapshot: (e) => (state = e),
    onChange: (c: ExecutionChange) => (state = state && applyChange(state, c)),
    onEnd: (s) => ends.push(s),
    onError: (e) => errors.push(e),
    onState: (s) => {
      states.push(s);
      if (s === 'ended' || s === 'failed' || s === 'closed') stopped();
    },
  };
  const live = openExecutionStream('ex-1', handlers, {
    fetch,
    key: () => 'dfp_key',
    lastEventId,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return { live, done, states, sleeps, errors, ends, state: () => state };
}

describe('applyChange', () => {
  it('replaces the fields and the changed nodes in place, adds new ones at the end and drops null ones', () => {
    const before = execution('running', { a: run('completed', { text: 'A' }), b: run('running'), c: run('pending') });
    const after = applyChange(before, {
      execution: fields('running'),
      nodes: { b: run('completed', { text: 'B' }), c: null, d: run('pending') },
    });
    expect(Object.keys(after.nodes)).toEqual(['a', 'b', 'd']);
    expect(after.nodes.a).toBe(before.nodes.a);
    expect(after.nodes.b.output).toEqual({ text: 'B' });
    expect(after.status).toBe('running');
  });
});

describe('openExecutionStream', () => {
  it('takes the snapshot, merges each change, and stops at the end', async () => {
    const { fetch, calls } = fakeFetch(
      stream(
        'retry: 1000\n\n',
        event('snapshot', execution('running', { a: run('running'), b: run('pending') }), 'f1'),
        ': keepalive\n\n',
        event('change', { execution: fields('running'), nodes: { a: run('completed', 'x') } }, 'f2'),
        event('change', { execution: fields('completed'), nodes: { b: run('completed', 'y') } }, 'f3'),
        event('end', { status: 'completed' }, 'f3'),
        event('change', { execution: fields('failed'), nodes: {} }, 'f4'),
      ),
    );
    const f = follow(fetch);
    await f.done;
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe('/api/v1/executions/ex-1/stream');
    expect(calls[0].headers['X-API-Key']).toBe('dfp_key');
    expect(calls[0].headers.Accept).toBe('text/event-stream');
    expect(calls[0].headers['Last-Event-ID']).toBeUndefined();
    expect(f.state()!.status).toBe('completed');
    expect(f.state()!.nodes.a.status).toBe('completed');
    expect(f.state()!.nodes.b.output).toBe('y');
    expect(f.ends).toEqual(['completed']);
    expect(f.states).toEqual(['connecting', 'live', 'ended']);
    expect(f.live.lastEventId()).toBe('f3');
  });

  it('reconnects after a cut with the last id, after the delay the server asked for', async () => {
    const { fetch, calls } = fakeFetch(
      stream(
        'retry: 2500\n\n',
        event('snapshot', execution('running', { a: run('running') }), 'f1'),
        // the connection drops in the middle of the next event: it is not applied
        'event: change\nid: f2\ndata: {"execution":',
      ),
      stream(event('change', { execution: fields('completed'), nodes: { a: run('completed', 'done') } }, 'f3'), event('end', { status: 'completed' }, 'f3')),
    );
    const f = follow(fetch);
    await f.done;
    expect(calls).toHaveLength(2);
    expect(calls[1].headers['Last-Event-ID']).toBe('f1');
    expect(f.sleeps).toEqual([2500]);
    expect(f.state()!.nodes.a.output).toBe('done');
    expect(f.states).toEqual(['connecting', 'live', 'reconnecting', 'live', 'ended']);
  });

  it('sends the id it was given on the first connection, and keeps the state when the server has nothing new', async () => {
    const { fetch, calls } = fakeFetch(stream('retry: 1000\n\n', ': keepalive\n\n', event('end', { status: 'completed' }, 'held')));
    const f = follow(fetch, 'held');
    await f.done;
    expect(calls[0].headers['Last-Event-ID']).toBe('held');
    expect(f.state()).toBeNull();
    expect(f.ends).toEqual(['completed']);
  });

  it('stops with the problem when the server refuses the stream', async () => {
    const { fetch, calls } = fakeFetch(
      new Response(JSON.stringify({ status: 404, title: 'Not Found', detail: 'no execution ex-1' }), {
        status: 404,
        headers: { 'Content-Type': 'application/problem+json' },
      }),
      stream(event('snapshot', execution('running', {}), 'f1')),
    );
    const f = follow(fetch);
    await f.done;
    expect(calls).toHaveLength(1);
    expect(f.errors).toHaveLength(1);
    expect(f.errors[0]).toMatchObject({ status: 404, detail: 'no execution ex-1' });
    expect(f.states).toEqual(['connecting', 'failed']);
  });

  it('tries again when the server has too many streams open, after its Retry-After', async () => {
    const { fetch, calls } = fakeFetch(
      new Response(JSON.stringify({ status: 429, title: 'Too Many Requests', detail: 'DATAFLOW_LIMIT_STREAMS' }), { status: 429, headers: { 'Retry-After': '5' } }),
      stream(event('snapshot', execution('completed', {}), 'f1'), event('end', { status: 'completed' }, 'f1')),
    );
    const f = follow(fetch);
    await f.done;
    expect(calls).toHaveLength(2);
    expect(f.sleeps).toEqual([5000]);
    expect(f.errors).toEqual([]);
    expect(f.ends).toEqual(['completed']);
  });

  it('backs off after failures in a row, to at most 10 s, and starts again from the server delay once it hears it', async () => {
    const down = () => new TypeError('Failed to fetch');
    const { fetch, calls } = fakeFetch(
      down(),
      new Response('busy', { status: 503 }),
      down(),
      down(),
      down(),
      stream(event('snapshot', execution('running', {}), 'f1')),
      down(),
      stream(event('end', { status: 'completed' }, 'f1')),
    );
    const f = follow(fetch);
    await f.done;
    expect(calls).toHaveLength(8);
    expect(f.sleeps).toEqual([1000, 2000, 4000, 8000, 10000, 1000, 2000]);
    expect(calls[7].headers['Last-Event-ID']).toBe('f1');
  });

  it('drops a connection whose event cannot be read, without taking its id', async () => {
    const { fetch, calls } = fakeFetch(
      stream(event('snapshot', execution('running', {}), 'f1'), 'event: change\nid: f2\ndata: {not json\n\n'),
      stream(event('end', { status: 'failed' }, 'f3')),
    );
    const f = follow(fetch);
    await f.done;
    expect(calls[1].headers['Last-Event-ID']).toBe('f1');
    expect(f.ends).toEqual(['failed']);
  });

  it('tells nothing more once closed, and does not reconnect', async () => {
    let push!: (text: string) => void;
    let cut!: () => void;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (text) => controller.enqueue(new TextEncoder().encode(text));
        cut = () => controller.close();
      },
    });
    const { fetch, calls } = fakeFetch(new Response(body, { status: 200 }));
    const snapshot = vi.fn();
    const states: StreamState[] = [];
    const live = openExecutionStream('ex-1', { onSnapshot: snapshot, onChange: vi.fn(), onState: (s) => states.push(s) }, { fetch, key: () => 'k', sleep: async () => undefined });
    push(event('snapshot', execution('running', {}), 'f1'));
    await vi.waitFor(() => expect(snapshot).toHaveBeenCalledTimes(1));
    live.close();
    push(event('snapshot', execution('completed', {}), 'f2'));
    cut();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(snapshot).toHaveBeenCalledTimes(1);
    expect(calls).toHaveLength(1);
    expect(live.lastEventId()).toBe('f1');
    expect(states).toEqual(['connecting', 'live', 'closed']);
  });
});

describe('reconnectDelay', () => {
  it('doubles from the server delay and stops at 10 s', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => reconnectDelay(1000, n))).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
    expect(reconnectDelay(15000, 1)).toBe(10000);
  });
});
