import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { ApiProblem } from '../api/problem';
import { FINAL_STATUSES, type Execution } from '../api/types';
import { applyChange } from './executionState';
import { openExecutionStream, type StreamState } from './liveStream';

export interface ExecutionView {
  execution: Execution | null;
  /** Reading the execution failed. */
  error: unknown;
  /** The live stream stopped on a refusal (it does not reconnect). */
  streamError: ApiProblem | null;
  /** Where the live stream is; `idle` while none is needed (the execution finished). */
  connection: StreamState | 'idle';
  /** Takes the execution as an action's answer gave it. */
  replace: (execution: Execution) => void;
}

/**
 * An execution kept up to date: read once, then, while it has not finished, followed through its live stream
 * (server-sent events, no polling). When an action makes a finished execution run again (restart), the stream
 * opens again.
 */
export function useExecution(id: string): ExecutionView {
  const [execution, setExecution] = useState<Execution | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [streamError, setStreamError] = useState<ApiProblem | null>(null);
  const [connection, setConnection] = useState<StreamState | 'idle'>('idle');

  useEffect(() => {
    setExecution(null);
    setError(null);
    const controller = new AbortController();
    api.get<Execution>(`/api/v1/executions/${encodeURIComponent(id)}`, undefined, controller.signal).then(
      (found) => setExecution(found),
      (e) => !controller.signal.aborted && setError(e),
    );
    return () => controller.abort();
  }, [id]);

  const running = execution !== null && execution.id === id && !FINAL_STATUSES.has(execution.status);
  useEffect(() => {
    if (!running) {
      setConnection('idle');
      return;
    }
    setStreamError(null);
    const stream = openExecutionStream(id, {
      onSnapshot: (e) => setExecution(e),
      onChange: (change) => setExecution((held) => (held ? applyChange(held, change) : held)),
      onError: (problem) => setStreamError(problem),
      onState: (state) => setConnection(state),
    });
    return () => stream.close();
  }, [id, running]);

  return { execution, error, streamError, connection, replace: setExecution };
}
