import './executions.css';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import { ApiProblem } from '../api/problem';
import type { Workflow } from '../api/types';
import { can, useCaller } from '../auth/caller';
import { ErrorNotice } from '../common/ErrorNotice';
import { StatusBadge } from '../common/StatusBadge';
import { useLoad } from '../common/useLoad';
import { declaredInputs, TRIGGER } from '../graph/ports';
import { focusFirstInvalid, TriggerInputsFields } from './TriggerInputsFields';
import { useTriggerInputs } from './useTriggerInputs';

/** `/#/workflows/:id/run`: a form built from the trigger's declared inputs that starts an execution. */
export function RunPage() {
  const { id = '' } = useParams();
  const workflow = useLoad((signal) => api.get<Workflow>(`/api/v1/workflows/${encodeURIComponent(id)}`, undefined, signal), [id]);
  return (
    <section className="page run-page" aria-labelledby="run-title">
      {workflow.data ? (
        <RunForm key={workflow.data.id} workflow={workflow.data} />
      ) : (
        <>
          <h1 id="run-title">Run a workflow</h1>
          {workflow.loading && <p>Loading…</p>}
          <ErrorNotice error={workflow.error} title="Could not read the workflow" />
        </>
      )}
    </section>
  );
}

const TAKES_EXECUTIONS = new Set(['draft', 'active']);

function RunForm({ workflow }: { workflow: Workflow }) {
  const me = useCaller();
  const navigate = useNavigate();
  const trigger = workflow.nodes.find((n) => n.nodeId === TRIGGER);
  const form = useTriggerInputs(trigger ? declaredInputs(trigger) : []);
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
      const started = await api.post<{ executionId: string }>(`/api/v1/workflows/${encodeURIComponent(workflow.id)}/execute`, { triggerInputs });
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

  const conflict = error instanceof ApiProblem && error.status === 409;
  return (
    <>
      <div className="page-head">
        <h1 id="run-title">Run {workflow.name}</h1>
        <StatusBadge status={workflow.status} />
        <span className="muted">version {workflow.version}</span>
        <Link to={`/workflows/${workflow.id}`}>Open in the editor</Link>
        <Link to={`/workflows/${workflow.id}/executions`}>Executions</Link>
      </div>
      {!TAKES_EXECUTIONS.has(workflow.status) && (
        <p className="notice notice-info">
          This workflow is {workflow.status}: only draft and active workflows take executions.
        </p>
      )}
      {!can(me, 'workflows:execute') && (
        <p className="notice notice-info">Your API key may not run workflows (it lacks the workflows:execute scope).</p>
      )}
      <form ref={formRef} className="run-form" onSubmit={submit} noValidate aria-describedby="run-form-help">
        <p id="run-form-help" className="hint">
          {form.inputs
            ? `The trigger declares ${form.inputs.length} input${form.inputs.length > 1 ? 's' : ''}. Empty fields take their default.`
            : 'Give the trigger inputs the nodes read.'}
        </p>
        <TriggerInputsFields form={form} idPrefix="run" disabled={sending} />
        <ErrorNotice
          error={error}
          title={conflict ? 'The workflow does not take executions now' : 'Could not start the execution'}
        />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={sending || form.busy}>
            {sending ? 'Starting…' : 'Run'}
          </button>
          {form.busy && <span className="hint">Waiting for the upload…</span>}
        </div>
      </form>
    </>
  );
}
