import type { Execution, NodeRun } from '../api/types';
import { FINAL_STATUSES } from '../api/types';

/** The actions on a whole execution, each a `POST /api/v1/executions/:id/<action>`. */
export type ControlAction = 'pause' | 'resume' | 'terminate' | 'restart';

export const CONTROL_ACTIONS: ControlAction[] = ['pause', 'resume', 'terminate', 'restart'];

/** Which actions an execution's status allows, as docs/api-v1.md "Controls" says. */
export function allowedControls(status: string): Record<ControlAction, boolean> {
  const final = FINAL_STATUSES.has(status);
  return {
    pause: status === 'queued' || status === 'running' || status === 'waiting',
    resume: status === 'pausing' || status === 'paused',
    terminate: !final,
    restart: true,
  };
}

/** A rerun from a node starts a new execution from a finished one. */
export function canRerun(execution: Pick<Execution, 'status'>): boolean {
  return FINAL_STATUSES.has(execution.status);
}

/** The task type that waits for an event sent to its execution. */
export const WAIT_FOR_EVENT = 'wait_for_event';

/** Whether a node waits for an event now, so that one can be sent to it. */
export function waitsForEvent(execution: Pick<Execution, 'status'>, run: NodeRun | undefined): boolean {
  return Boolean(run) && run!.nodeId === WAIT_FOR_EVENT && run!.status === 'waiting' && !FINAL_STATUSES.has(execution.status);
}

/** The event type a waiting node waits for, from its resolved input. */
export function awaitedEventType(run: NodeRun | undefined): string {
  const input = run?.input;
  if (input && typeof input === 'object' && 'event_type' in input) {
    const type = (input as { event_type: unknown }).event_type;
    return typeof type === 'string' ? type : '';
  }
  return '';
}
