import type { Execution, GraphNode } from '../api/types';
import { StatusBadge } from '../common/StatusBadge';
import { formatDuration, formatTime } from '../common/time';

/** The execution's nodes as a table, each selectable by its name: the canvas's content for keyboard and screen readers. */
export function NodeRunList({
  execution,
  graphNodes,
  selected,
  onSelect,
}: {
  execution: Execution;
  graphNodes: GraphNode[];
  selected: string | null;
  onSelect: (nodeId: string) => void;
}) {
  const labels = new Map(graphNodes.map((n) => [n.id, n.label || n.id]));
  const entries = Object.entries(execution.nodes ?? {});
  return (
    <table className="list node-runs">
      <caption>Nodes of this execution</caption>
      <thead>
        <tr>
          <th scope="col">Node</th>
          <th scope="col">Type</th>
          <th scope="col">Status</th>
          <th scope="col">Attempts</th>
          <th scope="col">Started</th>
          <th scope="col">Duration</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([id, run]) => (
          <tr key={id} className={id === selected ? 'selected' : undefined} data-node-row={id}>
            <th scope="row">
              <button type="button" className="link" aria-pressed={id === selected} onClick={() => onSelect(id)}>
                {labels.get(id) ?? id}
              </button>
            </th>
            <td>
              <code>{run.nodeId}</code>
            </td>
            <td>
              <StatusBadge status={run.status} />
            </td>
            <td>{run.attempts}</td>
            <td>{formatTime(run.startedAt)}</td>
            <td>{run.startedAt ? formatDuration(run.startedAt, run.finishedAt) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
