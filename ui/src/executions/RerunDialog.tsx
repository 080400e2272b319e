import { useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { ApiProblem } from '../api/problem';
import type { Execution, NodeRun, Workflow } from '../api/types';
import { ErrorNotice } from '../common/ErrorNotice';
import { declaredInputs, TRIGGER } from '../graph/ports';
import { ModalDialog } from '../common/ModalDialog';
import { focusFirstInvalid, TriggerInputsFields } from './TriggerInputsFields';
import { useTriggerInputs } from './useTriggerInputs';
import { ValueView } from './ValueView';
import { downloadName } from './valueText';

/**
 * Reruns a finished execution from a node (`POST /api/v1/executions/:id/rerun`): a new execution that reuses the
 * runs of the nodes the chosen one does not depend on and runs it and everything downstream again. What a rerun
 * may change is the trigger inputs (the API takes `fromNode` and `triggerInputs`), so the dialog shows the node's
 * last input and the trigger inputs to edit, started from the execution's own.
 */
export function RerunDialog({
  execution,
  nodeId,
  run,
  workflow,
  onClose,
}: {
  execution: Execution;
  nodeId: string;
  run: NodeRun | undefined;
  workflow: Workflow | undefined;
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const trigger = workflow?.nodes.find((n) => n.nodeId === TRIGGER);
  const form = useTriggerInputs(trigger ? declaredInputs(trigger) : [], execution.triggerInputs ?? {});
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const triggerInputs = form.collect();
    if (!triggerInputs) {
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
      return;
    }
    setSending(true);
    try {
      // Unchanged inputs are left to the server, which reuses the original's.
      const body = form.edited ? { fromNode: nodeId, triggerInputs } : { fromNode: nodeId };
      const started = await api.post<{ executionId: string }>(`/api/v1/executions/${encodeURIComponent(execution.id)}/rerun`, body);
      onClose();
      navigate(`/executions/${started.executionId}`);
    } catch (problem) {
      setSending(false);
      setError(problem);
      if (problem instanceof ApiProblem) {
        form.setProblem(problem);
        requestAnimationFrame(() => focusFirstInvalid(formRef.current));
      }
    }
  };

  return (
    <ModalDialog title={`Rerun from ${nodeId}`} onClose={onClose} className="wide">
      <form ref={formRef} onSubmit={submit} noValidate className="rerun-form">
        <p className="hint">
          A new execution runs <strong>{nodeId}</strong> and every node after it again; the other nodes keep their
          runs. The node's input comes from the trigger inputs and the nodes before it: edit the trigger inputs below to
          change it.
        </p>
        <ValueView label="Its last input" value={run?.input} fileName={downloadName(execution.id, nodeId, 'input')} />
        <fieldset>
          <legend>Trigger inputs</legend>
          <TriggerInputsFields form={form} idPrefix="rerun" disabled={sending} />
        </fieldset>
        <ErrorNotice error={error} title="Could not rerun" />
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={sending || form.busy}>
            {sending ? 'Starting…' : 'Rerun'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
