import dagre from '@dagrejs/dagre';
import type { GraphNode } from '../api/types';
import type { FlowEdge, TaskFlowNode } from './model';

export const NODE_WIDTH = 240;
const HEADER = 56;
const PORT_ROW = 22;

/** The height a node takes on the canvas: its header and one row per port of its longer side. */
export function nodeHeight(node: TaskFlowNode): number {
  const rows = Math.max(node.data.inputs.length, node.data.outputs.length);
  return HEADER + rows * PORT_ROW;
}

/**
 * Lays the graph out left to right (dagre), for graphs whose nodes have no positions and on request. Returns new
 * nodes; edges are unchanged.
 */
export function layout(nodes: TaskFlowNode[], edges: FlowEdge[]): TaskFlowNode[] {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: NODE_WIDTH, height: nodeHeight(n) });
  for (const e of edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
  dagre.layout(g);
  return nodes.map((n) => {
    const at = g.node(n.id);
    return { ...n, position: { x: at.x - NODE_WIDTH / 2, y: at.y - nodeHeight(n) / 2 } };
  });
}

/** Whether a graph needs a layout: a node of it has no position (made through the API without one). */
export function needsLayout(nodes: GraphNode[]): boolean {
  return nodes.some((n) => !n.position);
}
