import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { ApiProblem } from '../api/problem';
import type { Execution, NodeRun, TaskType, Workflow } from '../api/types';
import { ErrorNotice } from '../common/ErrorNotice';
import { formLevelError } from '../common/fieldProblems';
import { templateSuggestions } from '../editor/templateSuggest';
import { declaredInputs, TRIGGER } from '../graph/ports';
import { ModalDialog } from '../common/ModalDialog';
import { NodeInputsFields } from './NodeInputsFields';
import { configPointer, lastInputs, nodeInputPorts, withUndeclared } from './rerunInputs';
import { runGraph } from './runGraph';
import { focusFirstInvalid, TriggerInputsFields } from './TriggerInputsFields';
import { useNodeInputs } from './useNodeInputs';
import { inputPointer, useTriggerInputs } from './useTriggerInputs';
import { ValueView } from './ValueView';
import { downloadName } from './valueText';

/**
 * Reruns a finished execution from a node (`POST /api/v1/executions/:id/rerun`): a new execution that reuses the
 * runs of the nodes the chosen one does not depend on and runs it and everything downstream again. A rerun may
 * change the node's inputs (`config`: only the ports changed here are sent, the others keep what they had) and the
 * trigger inputs; each field starts from what the execution had.
 */
export function RerunDialog({
  execution,
  nodeId,
  run,
  workflow,
  types,
  onClose,
}: {
  execution: Execution;
  nodeId: string;
  run: NodeRun | undefined;
  workflow: Workflow | undefined;
  /** The task types, or null while they are read (or when they could not be). */
  types: ReadonlyMap<string, TaskType> | null;
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const trigger = workflow?.nodes.find((n) => n.nodeId === TRIGGER);
  const form = useTriggerInputs(trigger ? declaredInputs(trigger) : [], execution.triggerInputs ?? {});
  const type = run ? types?.get(run.nodeId) : undefined;
  const ports = useMemo(() => nodeInputPorts(type), [type]);
  const initial = useMemo(() => lastInputs(run), [run]);
  const node = useNodeInputs(ports, initial);
  const suggestions = useMemo(() => {
    if (!workflow || !types) return [];
    const graph = runGraph(workflow, execution.nodes ?? {}, types);
    return templateSuggestions(nodeId, graph.nodes, graph.edges);
  }, [workflow, types, execution.nodes, nodeId]);
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const triggerInputs = form.collect();
    const config = node.collect();
    if (!triggerInputs || !config) {
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
      return;
    }
    setSending(true);
    try {
      // What was not changed is left to the server, which keeps the original's.
      const body = {
        fromNode: nodeId,
        ...(form.edited ? { triggerInputs: withUndeclared(triggerInputs, execution.triggerInputs, form.inputs) } : {}),
        ...(Object.keys(config).length ? { config } : {}),
      };
      const started = await api.post<{ executionId: string }>(`/api/v1/executions/${encodeURIComponent(execution.id)}/rerun`, body);
      onClose();
      navigate(`/executions/${started.executionId}`);
    } catch (problem) {
      setSending(false);
      setError(problem);
      if (problem instanceof ApiProblem) {
        form.setProblem(problem);
        node.setProblem(problem);
        requestAnimationFrame(() => focusFirstInvalid(formRef.current));
      }
    }
  };

  // What the fields show of a refused rerun is not listed again above the buttons, only said.
  const shownOnFields = [
    ...(form.inputs ? form.inputs.map((i) => inputPointer(i.name)) : ['#/triggerInputs']),
    ...ports.map((p) => configPointer(p.name)),
  ];
  const fieldsShowProblems =
    ports.some((p) => node.problemsOf(p.name).length > 0) ||
    (form.inputs ? form.inputs.some((i) => form.errorsOf(i.name).length > 0) : form.errorsOf('').length > 0);
  const notice =
    formLevelError(error, shownOnFields) ??
    (error instanceof ApiProblem && fieldsShowProblems ? new ApiProblem(error.status, error.title, error.detail) : null);
  const started = run?.input !== null && run?.input !== undefined;
  return (
    <ModalDialog title={`Rerun from ${nodeId}`} onClose={onClose} className="wide">
      <form ref={formRef} onSubmit={submit} noValidate className="rerun-form">
        <p className="hint">
          A new execution runs <strong>{nodeId}</strong> and every node after it again; the other nodes keep their
          runs. Change the node's inputs or the trigger inputs below; what you leave as it is stays as it was.
        </p>
        <fieldset disabled={sending}>
          <legend>Inputs of {nodeId}</legend>
          {type ? (
            <>
              <p className="hint">
                {started
                  ? 'Each field starts from the input the node last ran with. A changed field replaces that input, whether it came from the node or from a connection; a {{ }} template may read the trigger inputs and the nodes before it.'
                  : 'The node did not start in this execution, so its last input is not known: a field left empty keeps what the node gets.'}
              </p>
              <NodeInputsFields form={node} type={type} suggestions={suggestions} />
            </>
          ) : (
            <>
              <p className="hint">
                {types === null
                  ? 'Reading the task types…'
                  : `The task type ${run?.nodeId ?? ''} is not known to the server: its inputs cannot be changed here.`}
              </p>
              <ValueView label="Its last input" value={run?.input} fileName={downloadName(execution.id, nodeId, 'input')} />
            </>
          )}
        </fieldset>
        <fieldset disabled={sending}>
          <legend>Trigger inputs</legend>
          <TriggerInputsFields form={form} idPrefix="rerun" />
        </fieldset>
        <ErrorNotice error={notice} title="Could not rerun" />
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
