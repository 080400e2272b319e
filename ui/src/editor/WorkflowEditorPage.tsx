import { ReactFlowProvider } from '@xyflow/react';
import { Link, useParams } from 'react-router';
import { ApiProblem } from '../api/problem';
import { EmptyState } from '../common/EmptyState';
import { ErrorNotice } from '../common/ErrorNotice';
import { useLoad } from '../common/useLoad';
import { useTaskTypes } from '../graph/useTaskTypes';
import { loadWorkflow } from './loadWorkflow';
import { WorkflowEditor } from './WorkflowEditor';

/**
 * `/#/workflows/new` and `/#/workflows/:id`: loads the workflow and the task types, then the editor. A workflow
 * saved for the first time moves to its own address, which loads it afresh.
 */
export function WorkflowEditorPage() {
  const { id } = useParams();
  const { types, error: typesError } = useTaskTypes();
  const loaded = useLoad((signal) => (id ? loadWorkflow(id, signal) : Promise.resolve(null)), [id]);

  if (loaded.error instanceof ApiProblem && loaded.error.status === 404) {
    return (
      <EmptyState title="No such workflow">
        <p>
          There is no workflow <code>{id}</code>, or your key may not read it. <Link to="/">Back to the workflows</Link>
        </p>
      </EmptyState>
    );
  }
  if (loaded.error || typesError) {
    return (
      <div className="page">
        <ErrorNotice error={loaded.error} title="Could not load the workflow" />
        <ErrorNotice error={typesError} title="Could not load the task types" />
      </div>
    );
  }
  // Until the answer for this address is in, an earlier one (the new workflow's, say) is not shown.
  const stale = id ? loaded.data?.workflow.id !== id : loaded.data !== null && loaded.data !== undefined;
  if (loaded.loading || stale || !types) return <p className="page-loading">Loading the workflow…</p>;
  return (
    <ReactFlowProvider key={id ?? 'new'}>
      <WorkflowEditor loaded={loaded.data ?? null} types={types} />
    </ReactFlowProvider>
  );
}
