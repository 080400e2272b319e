import { ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { useMemo } from 'react';
import type { TaskType } from '../api/types';
import { layout, needsLayout } from '../graph/layout';
import { toFlow } from '../graph/model';
import { nodeTypes } from '../graph/TaskNode';
import type { GraphSnapshot } from './versionDiff';

export type NodeMark = 'added' | 'removed' | 'changed';

/**
 * One version's graph, read-only, its nodes marked as the comparison sees them (added, removed, changed) by a class
 * and in their accessible name. Laid out when the version's nodes have no positions.
 */
export function VersionCanvas({
  title,
  graph,
  marks,
  types,
}: {
  title: string;
  graph: GraphSnapshot;
  marks: ReadonlyMap<string, NodeMark>;
  types: ReadonlyMap<string, TaskType>;
}) {
  const { nodes, edges } = useMemo(() => {
    const flow = toFlow(graph, types);
    const placed = needsLayout(graph.nodes) ? layout(flow.nodes, flow.edges) : flow.nodes;
    return {
      nodes: placed.map((n) => {
        const mark = marks.get(n.id);
        return { ...n, className: mark ? `diff-node-${mark}` : undefined, ariaLabel: mark ? `${n.id}, ${mark}` : undefined, draggable: false, selectable: false };
      }),
      edges: flow.edges,
    };
  }, [graph, marks, types]);

  return (
    <figure className="version-canvas">
      <figcaption>{title}</figcaption>
      <div className="version-canvas-frame">
        <ReactFlowProvider>
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable={false}
            fitView
            minZoom={0.2}
            proOptions={{ hideAttribution: true }}
          />
        </ReactFlowProvider>
      </div>
    </figure>
  );
}
