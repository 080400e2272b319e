import { useEffect, useRef } from 'react';
import type { Execution, GraphNode } from '../api/types';
import { StatusBadge } from '../common/StatusBadge';
import { formatDuration, formatTime } from '../common/time';
import { TRIGGER } from '../graph/ports';
import { AttemptHistory } from './AttemptHistory';
import { awaitedEventType, canRerun, waitsForEvent } from './controls';
import { SendEventForm } from './SendEventForm';
import { ValueView } from './ValueView';
import { downloadName } from './valueText';

/**
 * What one node did in the execution: its status, attempts and their history, its input, output and error; for a
 * node waiting for an event, a form to send one; for a finished execution, a rerun from this node.
 */
export function NodeDetails({
  execution,
  nodeId,
  graphNode,
  mayExecute,
  onRerun,
  onClose,
  focusOnOpen,
}: {
  execution: Execution;
  nodeId: string;
  graphNode: GraphNode | undefined;
  mayExecute: boolean;
  onRerun: () => void;
  onClose: () => void;
  /** Takes the focus when it opens (chosen from the list of nodes, far below it). */
  focusOnOpen?: boolean;
}) {
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnOpen) title.current?.focus();
  }, [focusOnOpen]);
  const run = execution.nodes?.[nodeId];
  const label = graphNode?.label || nodeId;
  const name = (part: string) => downloadName(execution.id, nodeId, part);
  const isTrigger = graphNode?.nodeId === TRIGGER;
  return (
    <aside className="node-details" aria-labelledby="node-details-title">
      <div className="node-details-head">
        <h2 id="node-details-title" ref={title} tabIndex={-1}>
          {label}
        </h2>
        <button type="button" onClick={onClose} aria-label="Close the node's details">
          Close
        </button>
      </div>
      <p className="muted">
        <code>{run?.nodeId ?? graphNode?.nodeId}</code>
        {label !== nodeId && (
          <>
            {' '}
            · id <code>{nodeId}</code>
          </>
        )}
      </p>
      {isTrigger ? (
        <>
          <p>The trigger has no run of its own: its outputs are the execution's trigger inputs.</p>
          <ValueView label="Trigger inputs" value={execution.triggerInputs} fileName={name('trigger-inputs')} />
        </>
      ) : !run ? (
        <p>This node did not run in this execution (it is not in the version the execution ran).</p>
      ) : (
        <>
          <dl className="facts">
            <dt>Status</dt>
            <dd>
              <StatusBadge status={run.status} />
            </dd>
            <dt>Attempts</dt>
            <dd>{run.attempts}</dd>
            <dt>Started</dt>
            <dd>{formatTime(run.startedAt)}</dd>
            <dt>Finished</dt>
            <dd>{formatTime(run.finishedAt)}</dd>
            <dt>Duration</dt>
            <dd>{run.startedAt ? formatDuration(run.startedAt, run.finishedAt) : '—'}</dd>
          </dl>
          {mayExecute && waitsForEvent(execution, run) && (
            <SendEventForm key={nodeId} execution={execution} eventType={awaitedEventType(run)} nodeId={nodeId} />
          )}
          {mayExecute && canRerun(execution) && (
            <div className="form-actions">
              <button type="button" onClick={onRerun}>
                Rerun from here
              </button>
            </div>
          )}
          <ValueView label="Input" value={run.input} fileName={name('input')} empty="not started yet" />
          <ValueView label="Output" value={run.output} fileName={name('output')} />
          {run.error !== null && run.error !== undefined && <ValueView label="Error" value={run.error} fileName={name('error')} tone="error" />}
          <section aria-label="Attempt history">
            <h3>Attempt history</h3>
            <AttemptHistory attempts={run.attemptHistory ?? []} />
          </section>
        </>
      )}
    </aside>
  );
}
