import './executions.css';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../api/client';
import { ApiProblem } from '../api/problem';
import type { Workflow } from '../api/types';
import { can, useCaller } from '../auth/caller';
import { ErrorNotice } from '../common/ErrorNotice';
import { useLoad, type Loaded } from '../common/useLoad';
import { useTaskTypes } from '../graph/useTaskTypes';
import type { VersionDefinition } from '../workflows/versions';
import { ExecutionControls } from './ExecutionControls';
import { ExecutionHeader } from './ExecutionHeader';
import { NodeDetails } from './NodeDetails';
import { NodeRunList } from './NodeRunList';
import { RerunDialog } from './RerunDialog';
import { RunCanvas } from './RunCanvas';
import { useExecution } from './useExecution';
import { ValueView } from './ValueView';
import { downloadName } from './valueText';

/**
 * `/#/executions/:id`: an execution on its workflow's graph, updating live while it runs (server-sent events), with
 * its controls, and the details of the node selected.
 */
export function ExecutionPage() {
  const { id = '' } = useParams();
  // Another execution (a rerun's) is a new page: nothing selected, no dialog open.
  return <ExecutionView key={id} id={id} />;
}

function ExecutionView({ id }: { id: string }) {
  const me = useCaller();
  const view = useExecution(id);
  const { execution } = view;
  const workflowId = execution?.workflowId;
  const workflow = useLoad(
    (signal) => (workflowId ? api.get<Workflow>(`/api/v1/workflows/${encodeURIComponent(workflowId)}`, undefined, signal) : Promise.resolve(undefined)),
    [workflowId],
  );
  const ranGraph = useVersionGraph(workflowId, execution?.workflowVersion);
  // The graph of the version that ran when the API has it, else the current one (the header says which); nothing
  // until the version's answer is in, so that the current graph never flashes first.
  const shown: Workflow | undefined =
    !workflow.data || ranGraph.loading
      ? undefined
      : ranGraph.data
        ? { ...workflow.data, version: ranGraph.data.version, nodes: ranGraph.data.nodes, connections: ranGraph.data.connections }
        : workflow.data;
  const { types, error: typesError } = useTaskTypes();
  const [selected, setSelected] = useState<string | null>(null);
  const [fromList, setFromList] = useState(false);
  const select = (nodeId: string | null, listed = false) => {
    setSelected(nodeId);
    setFromList(listed);
  };
  const [rerunFrom, setRerunFrom] = useState<string | null>(null);
  const mayExecute = can(me, 'workflows:execute');

  if (!execution) {
    const missing = view.error instanceof ApiProblem && view.error.status === 404;
    return (
      <section className="page" aria-labelledby="execution-title">
        <h1 id="execution-title">Execution</h1>
        {view.error ? (
          <ErrorNotice error={view.error} title={missing ? 'No such execution' : 'Could not read the execution'} />
        ) : (
          <p>Loading…</p>
        )}
      </section>
    );
  }

  const graphNode = shown?.nodes.find((n) => n.id === selected);
  return (
    <section className="page execution-page" aria-labelledby="execution-title">
      <ExecutionHeader execution={execution} workflow={shown} connection={view.connection} />
      {mayExecute && <ExecutionControls execution={execution} onChanged={view.replace} />}
      {view.streamError && <ErrorNotice error={view.streamError} title="Live updates stopped" />}
      <ErrorNotice error={workflow.error} title="Could not read the workflow's graph" />
      <ErrorNotice error={typesError} title="Could not read the task types" />
      <div className={`execution-body${selected ? ' with-details' : ''}`}>
        <div className="execution-graph">
          {shown && types ? (
            <RunCanvas
              workflow={shown}
              execution={execution}
              types={types}
              selected={selected}
              onSelect={select}
            />
          ) : (
            !workflow.error && <p className="muted">Loading the graph…</p>
          )}
        </div>
        {selected && (
          <NodeDetails
            key={selected}
            execution={execution}
            nodeId={selected}
            graphNode={graphNode}
            mayExecute={mayExecute}
            onRerun={() => setRerunFrom(selected)}
            onClose={() => select(null)}
            focusOnOpen={fromList}
          />
        )}
      </div>
      <div className="execution-summary">
        <ValueView label="Trigger inputs" value={execution.triggerInputs} fileName={downloadName(execution.id, 'trigger-inputs')} />
        <ValueView label="Output" value={execution.output} fileName={downloadName(execution.id, 'output')} empty="none yet" />
        {execution.error !== null && execution.error !== undefined && (
          <ValueView label="Error" value={execution.error} fileName={downloadName(execution.id, 'error')} tone="error" />
        )}
      </div>
      <NodeRunList execution={execution} graphNodes={shown?.nodes ?? []} selected={selected} onSelect={(nodeId) => select(nodeId, true)} />
      {rerunFrom && (
        <RerunDialog
          execution={execution}
          nodeId={rerunFrom}
          run={execution.nodes?.[rerunFrom]}
          workflow={shown}
          types={types}
          onClose={() => setRerunFrom(null)}
        />
      )}
    </section>
  );
}

/**
 * The graph a numbered version pinned (`GET .../versions/{version}`), or undefined while it loads, for an execution
 * of its own definition (a negative version), or when the version cannot be read: then the current graph is shown.
 */
function useVersionGraph(workflowId: string | undefined, version: number | undefined): Loaded<VersionDefinition | undefined> {
  return useLoad(
    (signal) =>
      workflowId && version !== undefined && version > 0
        ? api.get<VersionDefinition>(`/api/v1/workflows/${encodeURIComponent(workflowId)}/versions/${version}`, undefined, signal)
        : Promise.resolve(undefined),
    [workflowId, version],
  );
}
