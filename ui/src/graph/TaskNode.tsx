import '@xyflow/react/dist/style.css';
import './graph.css';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { TaskFlowNode } from './model';
import { sourceHandle, targetHandle } from './model';
import { TRIGGER, type PortSpec } from './ports';
import { outputPreview } from './preview';

/**
 * A node of the canvas: its label and type, its input ports on the left and output ports on the right (each a
 * handle to connect), its problems, and, in a run, its status, attempts and output. The whole input and whole output
 * are the small handles of the header.
 */
function TaskNodeView({ data, selected }: NodeProps<TaskFlowNode>) {
  const { node, inputs, outputs, problems, run, configured } = data;
  const status = run?.status;
  const named = (ports: PortSpec[]) => ports.filter((p) => !p.whole);
  const wholeIn = inputs.find((p) => p.whole);
  const wholeOut = outputs.find((p) => p.whole);
  const label = node.label || node.id;
  return (
    <div
      className={`task-node${selected ? ' selected' : ''}${problems.length ? ' has-problems' : ''}${status ? ` run-${status}` : ''}`}
      data-node-id={node.id}
      data-status={status ?? undefined}
      aria-label={`${label} (${node.nodeId})${status ? `, ${status}` : ''}${problems.length ? `, ${problems.length} problem${problems.length > 1 ? 's' : ''}` : ''}`}
    >
      <div className="task-node-head">
        {wholeIn && <Handle type="target" position={Position.Left} id={targetHandle(wholeIn.name)} className="handle whole" title="whole input" />}
        <div className="task-node-title">
          <strong>{label}</strong>
          <span className="task-node-type">{node.nodeId === TRIGGER ? 'trigger' : node.nodeId}</span>
        </div>
        {status && (
          <span className={`badge status-${status}`} title={run && run.attempts > 1 ? `${run.attempts} attempts` : undefined}>
            {status}
            {run && run.attempts > 1 ? ` ×${run.attempts}` : ''}
          </span>
        )}
        {wholeOut && <Handle type="source" position={Position.Right} id={sourceHandle(wholeOut.name)} className="handle whole" title="whole output" />}
      </div>
      <div className="task-node-ports">
        <ul className="ports in">
          {named(inputs).map((p) => (
            <li key={p.name} title={`${p.name}: ${p.type}${p.required ? ', required' : ''}${p.description ? ` — ${p.description}` : ''}`}>
              <Handle type="target" position={Position.Left} id={targetHandle(p.name)} className={`handle type-${p.type}`} />
              <span className={configured.includes(p.name) ? 'port configured' : 'port'}>
                {p.name}
                {p.required && !configured.includes(p.name) ? '*' : ''}
              </span>
            </li>
          ))}
        </ul>
        <ul className="ports out">
          {named(outputs).map((p) => (
            <li key={p.name} title={`${p.name}: ${p.type}${p.description ? ` — ${p.description}` : ''}`}>
              <span className="port">{p.name}</span>
              <Handle type="source" position={Position.Right} id={sourceHandle(p.name)} className={`handle type-${p.type}`} />
            </li>
          ))}
        </ul>
      </div>
      {run && status === 'completed' && run.output !== undefined && run.output !== null && (
        <div className="task-node-output" data-testid="node-output">
          {outputPreview(run.output)}
        </div>
      )}
      {run && status === 'failed' && Boolean(run.error) && <div className="task-node-error">{errorText(run.error)}</div>}
      {problems.length > 0 && (
        <ul className="task-node-problems" role="list" aria-label={`Problems of ${label}`}>
          {problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function errorText(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  return typeof error === 'string' ? error : JSON.stringify(error);
}

export const TaskNode = memo(TaskNodeView);

export const nodeTypes = { task: TaskNode };
