import { useState } from 'react';
import { api } from '../api/client';
import type { Execution } from '../api/types';
import { ErrorNotice } from '../common/ErrorNotice';
import { allowedControls, CONTROL_ACTIONS, type ControlAction } from './controls';
import { ConfirmDialog } from '../common/ConfirmDialog';

const LABELS: Record<ControlAction, string> = { pause: 'Pause', resume: 'Resume', terminate: 'Terminate', restart: 'Restart' };

/** What is asked before an action that throws work away. */
const CONFIRM: Partial<Record<ControlAction, { title: string; text: string }>> = {
  terminate: {
    title: 'Terminate this execution?',
    text: 'Running attempts are told to stop and every unfinished node is cancelled. A terminated execution can be restarted or rerun, not resumed.',
  },
  restart: {
    title: 'Restart this execution?',
    text: 'It runs again from the start with the same inputs; its node runs are cleared (the earlier run stays readable through the API).',
  },
};

/** Pause, resume, terminate and restart, each enabled when the execution's status allows it. */
export function ExecutionControls({ execution, onChanged }: { execution: Execution; onChanged: (execution: Execution) => void }) {
  const [busy, setBusy] = useState<ControlAction | null>(null);
  const [asking, setAsking] = useState<ControlAction | null>(null);
  const [error, setError] = useState<{ action: ControlAction; problem: unknown } | null>(null);
  const allowed = allowedControls(execution.status);

  const send = async (action: ControlAction) => {
    onChanged(await api.post<Execution>(`/api/v1/executions/${encodeURIComponent(execution.id)}/${action}`));
  };
  const act = async (action: ControlAction) => {
    setError(null);
    setBusy(action);
    try {
      await send(action);
    } catch (problem) {
      setError({ action, problem });
    } finally {
      setBusy(null);
    }
  };
  // A confirmed action shows its refusal in the dialog, which stays open; done, the dialog closes.
  const confirmed = async (action: ControlAction) => {
    await send(action);
    setAsking(null);
  };

  const confirm = asking ? CONFIRM[asking] : undefined;
  return (
    <div className="execution-controls">
      <div role="group" aria-label="Execution controls" className="control-buttons">
        {CONTROL_ACTIONS.map((action) => (
          <button
            key={action}
            type="button"
            className={action === 'terminate' ? 'danger' : undefined}
            disabled={!allowed[action] || busy !== null}
            onClick={() => {
              setError(null);
              if (CONFIRM[action]) setAsking(action);
              else void act(action);
            }}
          >
            {busy === action ? `${LABELS[action]}…` : LABELS[action]}
          </button>
        ))}
      </div>
      {error && <ErrorNotice error={error.problem} title={`Could not ${error.action}`} />}
      {asking && confirm && (
        <ConfirmDialog title={confirm.title} confirmLabel={LABELS[asking]} onConfirm={() => confirmed(asking)} onClose={() => setAsking(null)}>
          <p>{confirm.text}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
