import { useEffect, useId, useState } from 'react';
import type { GraphConnection, GraphNode } from '../api/types';
import { portOfHandle, sourceHandle, targetHandle, type FlowEdge, type TaskFlowNode } from '../graph/model';
import { declaredInputs, TRIGGER, WHOLE_INPUT } from '../graph/ports';
import { connectionRefusal } from './connectionCheck';
import { FieldErrors } from './FieldErrors';
import { dependencies, downstreamOf } from './dependencies';
import { feeding, withConfigValue } from './graphEdits';
import { idProblem } from './nodeIds';
import { PortField, type SourceOption } from './PortField';
import { problemsAt, type FieldProblem } from './problems';
import { RetryFields } from './RetryFields';
import { templateSuggestions } from './templateSuggest';
import { TriggerInputsForm } from './TriggerInputsForm';

export interface InspectorProps {
  node: TaskFlowNode;
  nodes: TaskFlowNode[];
  edges: FlowEdge[];
  problems: FieldProblem[];
  onChange: (node: GraphNode) => void;
  onRename: (id: string) => void;
  onDelete: () => void;
  onConnect: (connection: GraphConnection) => void;
  onDisconnect: (connection: GraphConnection) => void;
  onFieldError: (field: string, error: string | null) => void;
}

/**
 * The side panel of the selected node: its id and label, one field per input port (or where a connection feeds
 * it from), the trigger's declared inputs, retries and time limit, and the node's problems at the fields they name.
 */
export function Inspector(props: InspectorProps) {
  const { node, nodes, edges, problems, onChange } = props;
  const graphNode = node.data.node;
  const isTrigger = graphNode.nodeId === TRIGGER;
  const type = node.data.taskType;
  const title = graphNode.label || node.id;
  const ports = node.data.inputs.filter((p) => !p.whole);
  const placed = ['id', 'label', 'retries', 'timeout', ...(isTrigger ? ['config/inputs'] : ports.map((p) => `config/${p.name}`))];
  const general = problems.filter((p) => !p.field || !placed.some((f) => p.field === f || p.field!.startsWith(`${f}/`)));
  const suggestions = templateSuggestions(node.id, nodes, edges);
  const whole = feeding(edges, node.id, WHOLE_INPUT);

  const deps = dependencies(nodes.map((n) => n.data.node), edges);
  const downstream = downstreamOf(node.id, deps);
  const sourcesFor = (port: string): SourceOption[] =>
    nodes
      .filter((n) => n.id !== node.id && !downstream.has(n.id))
      .flatMap((n) =>
        n.data.outputs
          .filter((out) => connectionRefusal({ source: n.id, sourceHandle: sourceHandle(out.name), target: node.id, targetHandle: targetHandle(port) }, nodes, edges, deps) === null)
          .map((out) => ({ node: n.id, port: out.name, label: `${n.data.node.label || n.id}.${out.name} (${out.type})` })),
      );

  return (
    <aside className="inspector nokey" aria-labelledby="inspector-title">
      <div className="inspector-head">
        <h2 id="inspector-title">{title}</h2>
        <p className="muted">
          <code>{graphNode.nodeId}</code>
          {type?.description ? ` — ${type.description}` : ''}
        </p>
      </div>
      {general.length > 0 && (
        <div role="alert" className="notice notice-error" aria-label={`Problems of ${title}`}>
          <ul>
            {general.map((p, i) => (
              <li key={i}>{p.detail}</li>
            ))}
          </ul>
        </div>
      )}
      {!isTrigger && !type && (
        <p className="notice notice-error">
          The server has no task type <code>{graphNode.nodeId}</code>; its config is kept as it is. Delete the node or
          replace it.
        </p>
      )}
      <IdField id={node.id} taken={nodes.filter((n) => n.id !== node.id).map((n) => n.id)} problems={problemsAt(problems, 'id')} onRename={props.onRename} />
      <LabelField node={graphNode} problems={problemsAt(problems, 'label')} onChange={onChange} />
      {isTrigger ? (
        <TriggerInputsForm
          inputs={declaredInputs(graphNode)}
          problems={problems}
          onChange={(inputs) => onChange({ ...graphNode, config: { ...(graphNode.config ?? {}), inputs } })}
          onError={props.onFieldError}
        />
      ) : (
        type && (
          <section className="inspector-inputs" aria-labelledby="inspector-inputs-title">
            <h3 id="inspector-inputs-title">Inputs</h3>
            <p className="hint">
              Type <code>{'{{'}</code> in a field to insert a trigger input or an output of another task.
            </p>
            {whole && (
              <p className="fed">
                Whole input from <code>{`${whole.sourceNodeId}.${whole.sourcePort}`}</code>{' '}
                <button type="button" className="small" onClick={() => props.onDisconnect(whole)}>
                  Disconnect the whole input
                </button>
              </p>
            )}
            {ports.length === 0 && <p className="hint">This task type takes no input.</p>}
            {ports.map((port) => {
              const spec = type.inputs.find((p) => p.name === port.name);
              return (
                <PortField
                  key={port.name}
                  port={port}
                  defaultValue={spec?.default_value}
                  value={graphNode.config?.[port.name]}
                  feed={feeding(edges, node.id, port.name)}
                  problems={problemsAt(problems, `config/${port.name}`)}
                  suggestions={suggestions}
                  sources={sourcesFor(port.name)}
                  onValue={(value) => onChange(withConfigValue(graphNode, port.name, value))}
                  onError={(error) => props.onFieldError(`config/${port.name}`, error)}
                  onConnect={(s) => props.onConnect({ sourceNodeId: s.node, sourcePort: s.port, targetNodeId: node.id, targetPort: port.name })}
                  onDisconnect={props.onDisconnect}
                />
              );
            })}
          </section>
        )
      )}
      {!isTrigger && <RetryFields node={graphNode} problems={problems} onChange={onChange} />}
      {node.data.outputs.length > 0 && (
        <section aria-labelledby="inspector-outputs-title" className="inspector-outputs">
          <h3 id="inspector-outputs-title">Outputs</h3>
          <ul>
            {node.data.outputs
              .filter((p) => !p.whole)
              .map((p) => (
                <li key={p.name}>
                  <code>{p.name}</code> <span className="muted">{p.type}</span>
                  {edges.filter((e) => e.source === node.id && portOfHandle(e.sourceHandle) === p.name).length > 0 && <span className="muted"> · connected</span>}
                </li>
              ))}
          </ul>
        </section>
      )}
      <button type="button" className="danger" onClick={props.onDelete}>
        Delete {title}
      </button>
    </aside>
  );
}

/** The node's id, renamed when the field is left or Enter is pressed, if the new id is valid and free. */
function IdField({ id, taken, problems, onRename }: { id: string; taken: string[]; problems: string[]; onRename: (id: string) => void }) {
  const fieldId = useId();
  const [text, setText] = useState(id);
  useEffect(() => setText(id), [id]);
  const problem = text === id ? null : idProblem(text, taken);
  const errors = [...(problem ? [problem] : []), ...problems];
  const commit = () => {
    if (text !== id && !problem) onRename(text);
  };
  return (
    <div className="field">
      <label htmlFor={fieldId}>Id</label>
      <input
        id={fieldId}
        value={text}
        spellCheck={false}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={`${fieldId}-about${errors.length ? ` ${fieldId}-error` : ''}`}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setText(id);
        }}
      />
      <p className="hint" id={`${fieldId}-about`}>
        The task’s name in templates, <code>{`tasks.${id}.outputs`}</code>; renaming keeps its connections and the templates that read it.
      </p>
      <FieldErrors id={`${fieldId}-error`} errors={errors} />
    </div>
  );
}

function LabelField({ node, problems, onChange }: { node: GraphNode; problems: string[]; onChange: (node: GraphNode) => void }) {
  const fieldId = useId();
  return (
    <div className="field">
      <label htmlFor={fieldId}>Label</label>
      <input
        id={fieldId}
        value={node.label ?? ''}
        placeholder={node.id}
        aria-invalid={problems.length > 0 || undefined}
        aria-describedby={problems.length ? `${fieldId}-error` : undefined}
        onChange={(e) => {
          const { label: _old, ...rest } = node;
          onChange(e.target.value === '' ? rest : { ...rest, label: e.target.value });
        }}
      />
      <FieldErrors id={`${fieldId}-error`} errors={problems} />
    </div>
  );
}
