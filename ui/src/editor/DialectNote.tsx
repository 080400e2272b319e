import type { Dialect } from './loadWorkflow';

/** Says what saving does to a workflow written as linear steps or as tasks through `/workflows`. */
export function DialectNote({ dialect, id }: { dialect: Dialect; id: string }) {
  if (dialect === 'graph') return null;
  const shape = dialect === 'steps' ? 'linear steps (seed 000)' : 'inputs, tasks and outputs (seed 001)';
  return (
    <div className="notice notice-info dialect-note" role="note">
      This workflow was written through <code>/workflows</code> as {shape} and is shown here as a graph. Saving stores
      the graph as a new version: it stays readable and executable through <code>/workflows/{id}</code>, whose document
      then shows <code>nodes</code> and <code>connections</code> instead of <code>{dialect}</code>, and an execution’s
      outputs become the whole outputs of the last nodes, by node id.
    </div>
  );
}
