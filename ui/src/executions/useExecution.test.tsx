import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Execution } from '../api/types';
import { useExecution } from './useExecution';

const execution = (status: Execution['status'], echo: string): Execution => ({
  id: 'ex-1', workflowId: 'wf-1', workflowVersion: 1, status, triggerInputs: {}, output: null, error: null,
  createdAt: '', startedAt: null, finishedAt: null, rerunOf: null,
  nodes: { echo: { nodeId: 'Echo', status: echo, input: null, output: null, error: null, attempts: 0, attemptHistory: [], startedAt: null, finishedAt: null } },
});
const { nodes: _nodes, ...completedFields } = execution('completed', 'completed');

/** A stream body the test writes to. */
function pipe() {
  let write!: (text: string) => void;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      write = (text) => controller.enqueue(new TextEncoder().encode(text));
    },
  });
  return { body, write: (text: string) => write(text) };
}

afterEach(() => vi.unstubAllGlobals());

describe('useExecution', () => {
  it('reads a finished execution once and opens no stream', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify(execution('completed', 'completed')), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    const { result } = renderHook(() => useExecution('ex-1'));
    await waitFor(() => expect(result.current.execution?.status).toBe('completed'));
    await new Promise((r) => setTimeout(r, 20));
    expect(fetch.mock.calls.map((c) => String((c as unknown[])[0]))).toEqual(['/api/v1/executions/ex-1']);
    expect(result.current.connection).toBe('idle');
  });

  it('follows a running execution through its stream only, and closes it once it finished', async () => {
    const stream = pipe();
    let aborted = false;
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if (url.endsWith('/stream')) {
        init?.signal?.addEventListener('abort', () => (aborted = true));
        return new Response(stream.body, { status: 200 });
      }
      return new Response(JSON.stringify(execution('running', 'pending')), { status: 200 });
    });
    vi.stubGlobal('fetch', fetch);
    const { result } = renderHook(() => useExecution('ex-1'));
    await waitFor(() => expect(result.current.connection).toBe('live'));

    act(() => stream.write(`event: snapshot\nid: a\ndata: ${JSON.stringify(execution('running', 'running'))}\n\n`));
    await waitFor(() => expect(result.current.execution?.nodes.echo.status).toBe('running'));
    act(() =>
      stream.write(`event: change\nid: b\ndata: ${JSON.stringify({ execution: completedFields, nodes: { echo: execution('completed', 'completed').nodes.echo } })}\n\n`),
    );
    await waitFor(() => expect(result.current.execution?.status).toBe('completed'));
    expect(result.current.execution?.nodes.echo.status).toBe('completed');
    await waitFor(() => expect(aborted).toBe(true));
    expect(fetch.mock.calls.map((c) => String((c as unknown[])[0]))).toEqual(['/api/v1/executions/ex-1', '/api/v1/executions/ex-1/stream']);
  });

  it('opens the stream again when an action makes a finished execution run again', async () => {
    const fetch = vi.fn(async (url: string) =>
      url.endsWith('/stream') ? new Response(new ReadableStream(), { status: 200 }) : new Response(JSON.stringify(execution('completed', 'completed')), { status: 200 }),
    );
    vi.stubGlobal('fetch', fetch);
    const { result } = renderHook(() => useExecution('ex-1'));
    await waitFor(() => expect(result.current.execution?.status).toBe('completed'));
    act(() => result.current.replace(execution('queued', 'pending')));
    await waitFor(() => expect(result.current.connection).toBe('live'));
    expect(fetch.mock.calls.filter((c) => String((c as unknown[])[0]).endsWith('/stream'))).toHaveLength(1);
  });
});
