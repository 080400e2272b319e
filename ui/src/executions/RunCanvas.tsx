import { Background, Controls, ReactFlow, useReactFlow, useStore, type NodeChange } from '@xyflow/react';
import { useEffect, useMemo } from 'react';
import type { Execution, TaskType, Workflow } from '../api/types';
import type { TaskFlowNode } from '../graph/model';
import { nodeTypes } from '../graph/TaskNode';
import { runGraph, withRuns } from './runGraph';

/**
 * The workflow's graph, read-only, each node showing its run in the execution: status, attempts, output or error.
 * Clicking a node, or Enter on a focused one, selects it.
 */
export function RunCanvas({
  workflow,
  execution,
  types,
  selected,
  onSelect,
}: {
  workflow: Workflow;
  execution: Execution;
  types: ReadonlyMap<string, TaskType>;
  selected: string | null;
  onSelect: (nodeId: string | null) => void;
}) {
  const ranKey = Object.keys(execution.nodes ?? {}).join('\n');
  const graph = useMemo(
    () => runGraph(workflow, execution.nodes ?? {}, types),
    // the layout changes only with the graph and the set of nodes that ran, not with each change of a run
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [workflow, types, ranKey],
  );
  const { nodes, edges } = useMemo(() => withRuns(graph, execution, selected), [graph, execution, selected]);

  const onNodesChange = (changes: NodeChange<TaskFlowNode>[]) => {
    const chosen = changes.find((c) => c.type === 'select' && c.selected);
    if (chosen && chosen.type === 'select') onSelect(chosen.id);
  };

  return (
    <div className="run-canvas" role="region" aria-label="Graph of the execution">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeClick={(_, node) => onSelect(node.id)}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        elementsSelectable
        deleteKeyCode={null}
        fitView
        fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
        minZoom={0.2}
      >
        <FitOnResize />
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}

/** Fits the graph into the canvas again when the canvas's width changes (the node's details open or close). */
function FitOnResize() {
  const { fitView } = useReactFlow();
  const width = useStore((s) => s.width);
  useEffect(() => {
    if (width > 0) void fitView({ padding: 0.15, maxZoom: 1 });
  }, [width, fitView]);
  return null;
}
