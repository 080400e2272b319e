import type { Execution, NodeRun } from '../api/types';

/** An execution's own fields, without its nodes: the `execution` member of a live `change` event. */
export type ExecutionFields = Omit<Execution, 'nodes'>;

/**
 * A live `change` event's data: the execution's own fields as they are now, and only the nodes whose run changed
 * since the last event (a node that is gone is null).
 */
export interface ExecutionChange {
  execution: ExecutionFields;
  nodes: Record<string, NodeRun | null>;
}

/**
 * The execution after a change: its fields replaced, each changed node replaced in place (keeping the nodes' order),
 * a new node added at the end, a null one removed. Nodes the change does not name are kept as they were.
 */
export function applyChange(current: Execution, change: ExecutionChange): Execution {
  const nodes: Record<string, NodeRun> = {};
  for (const [id, run] of Object.entries(current.nodes ?? {})) {
    const changed = Object.prototype.hasOwnProperty.call(change.nodes ?? {}, id) ? change.nodes[id] : run;
    if (changed) nodes[id] = changed;
  }
  for (const [id, run] of Object.entries(change.nodes ?? {})) {
    if (run && !(id in nodes)) nodes[id] = run;
  }
  return { ...change.execution, nodes };
}
