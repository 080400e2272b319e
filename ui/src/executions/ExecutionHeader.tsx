import { Link } from 'react-router';
import type { Execution, Workflow } from '../api/types';
import { FINAL_STATUSES } from '../api/types';
import { StatusBadge } from '../common/StatusBadge';
import { formatDuration, formatTime } from '../common/time';
import type { ExecutionView } from './useExecution';

const CONNECTION_WORDS: Record<ExecutionView['connection'], string> = {
  idle: '',
  connecting: 'Connecting to live updates…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  ended: '',
  failed: 'Live updates stopped',
  closed: '',
};

/** The execution's title, status, live state, times and version, and where it came from. */
export function ExecutionHeader({ execution, workflow, connection }: { execution: Execution; workflow: Workflow | undefined; connection: ExecutionView['connection'] }) {
  const final = FINAL_STATUSES.has(execution.status);
  const connectionWord = final ? '' : CONNECTION_WORDS[connection];
  return (
    <div className="execution-header">
      <div className="page-head">
        <h1 id="execution-title">
          Execution <code>{execution.id}</code>
        </h1>
        <span className="status-large" aria-label={`Status: ${execution.status}`}>
          <StatusBadge status={execution.status} />
        </span>
        <span className={`live-state live-${connection}`} role="status" aria-live="polite">
          {connectionWord}
        </span>
      </div>
      <dl className="facts inline">
        <dt>Workflow</dt>
        <dd>
          <Link to={`/workflows/${execution.workflowId}`}>{workflow?.name ?? execution.workflowId}</Link>
        </dd>
        <dt>Version</dt>
        <dd>{execution.workflowVersion < 0 ? 'its own definition' : `v${execution.workflowVersion}`}</dd>
        <dt>Created</dt>
        <dd>{formatTime(execution.createdAt)}</dd>
        <dt>Started</dt>
        <dd>{formatTime(execution.startedAt)}</dd>
        <dt>Finished</dt>
        <dd>{formatTime(execution.finishedAt)}</dd>
        <dt>Duration</dt>
        <dd>{formatDuration(execution.startedAt, execution.finishedAt)}{!final && execution.startedAt ? ' so far' : ''}</dd>
        {execution.rerunOf && (
          <>
            <dt>Rerun of</dt>
            <dd>
              <Link to={`/executions/${execution.rerunOf}`}>{execution.rerunOf}</Link>
            </dd>
          </>
        )}
      </dl>
      <p className="header-links">
        <Link to={`/workflows/${execution.workflowId}/executions`}>All executions of this workflow</Link>
        <Link to={`/workflows/${execution.workflowId}/run`}>Run again</Link>
      </p>
      <VersionNotice execution={execution} workflow={workflow} />
    </div>
  );
}

/**
 * Says when the graph shown is not the one the execution ran: for an execution of its own definition, whose graph is
 * not kept as a version, the workflow's current graph is shown.
 */
function VersionNotice({ execution, workflow }: { execution: Execution; workflow: Workflow | undefined }) {
  if (!workflow || execution.workflowVersion === workflow.version) return null;
  const ran = execution.workflowVersion < 0 ? 'a definition given when it was started' : `version ${execution.workflowVersion}`;
  return (
    <p className="notice notice-info">
      This execution ran {ran}; the graph shows the workflow's current version ({workflow.version}), so its nodes may
      differ from those that ran: nodes that ran but are not in it are added without connections.
    </p>
  );
}
