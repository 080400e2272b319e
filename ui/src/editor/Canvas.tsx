import {
  Background,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  useReactFlow,
  useUpdateNodeInternals,
  type Connection,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
} from '@xyflow/react';
import { useEffect, useRef, useState, type DragEvent, type RefObject } from 'react';
import type { Position } from '../api/types';
import { nodeTypes } from '../graph/TaskNode';
import type { FlowEdge, TaskFlowNode } from '../graph/model';
import { DRAG_FORMAT } from './palette';

interface Props {
  wrapper: RefObject<HTMLDivElement | null>;
  nodes: TaskFlowNode[];
  edges: FlowEdge[];
  message: string;
  onNodesChange: (changes: NodeChange<TaskFlowNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<FlowEdge>[]) => void;
  onConnect: (connection: Connection) => void;
  refusal: (connection: Connection | Edge) => string | null;
  onRefused: (reason: string) => void;
  onDropType: (type: string, position: Position) => void;
  onArrange: () => void;
}

/**
 * The graph on a ReactFlow canvas. Task types dropped from the palette land at the pointer; a connection the
 * graph cannot take is refused as it is drawn, and the reason is said in the live region under the canvas.
 */
export function Canvas({ wrapper, nodes, edges, message, onNodesChange, onEdgesChange, onConnect, refusal, onRefused, onDropType, onArrange }: Props) {
  const flow = useReactFlow<TaskFlowNode, FlowEdge>();
  // A graph that is there when the page opens is fitted into view; an empty one keeps its place as nodes come.
  const [fitAtStart] = useState(() => nodes.length > 0);
  // ReactFlow measures a node's handles once: when ports come, go or are renamed (the trigger's inputs, the
  // implicit ports its connections use), it must measure them again, or connections to them are not found.
  const updateNodeInternals = useUpdateNodeInternals();
  const ids = useRef<string[]>([]);
  ids.current = nodes.map((n) => n.id);
  const ports = nodes.map((n) => `${n.id}(${n.data.inputs.map((p) => p.name)}|${n.data.outputs.map((p) => p.name)})`).join(';');
  useEffect(() => updateNodeInternals(ids.current), [ports, updateNodeInternals]);

  const onDragOver = (e: DragEvent) => {
    if (!e.dataTransfer.types.includes(DRAG_FORMAT)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  };
  const onDrop = (e: DragEvent) => {
    const type = e.dataTransfer.getData(DRAG_FORMAT);
    if (!type) return;
    e.preventDefault();
    onDropType(type, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
  };

  // Dropped on a handle that refused it: say why (drawn from either end, the link is read source to target).
  const onConnectEnd = (_: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (state.isValid !== false || !state.fromHandle || !state.toHandle) return;
    const [from, to] = state.fromHandle.type === 'source' ? [state.fromHandle, state.toHandle] : [state.toHandle, state.fromHandle];
    const reason = refusal({ source: from.nodeId, sourceHandle: from.id ?? null, target: to.nodeId, targetHandle: to.id ?? null });
    if (reason) onRefused(`Not connected: ${reason}.`);
  };

  return (
    <div className="canvas" ref={wrapper}>
      <div className="canvas-flow" onDragOver={onDragOver} onDrop={onDrop}>
        <ReactFlow<TaskFlowNode, FlowEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          isValidConnection={(c) => refusal(c) === null}
          onConnectEnd={onConnectEnd}
          deleteKeyCode={['Delete', 'Backspace']}
          fitView={fitAtStart}
          fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
          minZoom={0.2}
          aria-label="Workflow canvas"
        >
          <Background gap={16} />
          <Controls />
          <MiniMap pannable zoomable ariaLabel="Overview of the workflow" style={{ width: 160, height: 100 }} />
          <Panel position="top-right">
            <button type="button" onClick={onArrange} disabled={nodes.length === 0} title="Lay the graph out left to right">
              Arrange
            </button>
          </Panel>
          {nodes.length === 0 && (
            <Panel position="top-center" className="canvas-empty">
              <strong>The canvas is empty.</strong> Drag a task type here from the palette, or focus one in the list and press
              Enter. Connect an output port (right) to an input port (left) by dragging between them.
            </Panel>
          )}
        </ReactFlow>
      </div>
      <p className="canvas-status" role="status" aria-live="polite">
        {message}
      </p>
    </div>
  );
}
