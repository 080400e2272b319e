import type { Edge, Node } from '@xyflow/react';
import type { GraphConnection, GraphNode, NodeRun, TaskType } from '../api/types';
import { portsOf, TRIGGER, type PortSpec } from './ports';

/** What a node of the canvas carries: its graph node, its ports and, where known, its problems and its run. */
export type TaskNodeData = {
  node: GraphNode;
  taskType?: TaskType;
  inputs: PortSpec[];
  outputs: PortSpec[];
  /** Inputs that have a value in the node's config (they need no connection). */
  configured: string[];
  problems: string[];
  run?: NodeRun;
};

export type TaskFlowNode = Node<TaskNodeData, 'task'>;
export type FlowEdge = Edge;

export const sourceHandle = (port: string) => `out:${port}`;
export const targetHandle = (port: string) => `in:${port}`;
export const portOfHandle = (handle: string | null | undefined) => (handle ?? '').replace(/^(in|out):/, '');

export function edgeId(c: GraphConnection): string {
  return `${c.sourceNodeId}.${c.sourcePort}->${c.targetNodeId}.${c.targetPort}`;
}

/** The canvas's nodes and edges for a graph; nodes without a position get none here (see layout). */
export function toFlow(
  graph: { nodes: GraphNode[]; connections: GraphConnection[] },
  types: ReadonlyMap<string, TaskType>,
): { nodes: TaskFlowNode[]; edges: FlowEdge[] } {
  const nodes = graph.nodes.map((node) => flowNode(node, types, graph.connections));
  const edges = graph.connections.map(flowEdge);
  return { nodes, edges };
}

export function flowNode(node: GraphNode, types: ReadonlyMap<string, TaskType>, connections: GraphConnection[] = []): TaskFlowNode {
  const used = connections.filter((c) => c.sourceNodeId === node.id).map((c) => c.sourcePort);
  const ports = portsOf(node, types, used);
  return {
    id: node.id,
    type: 'task',
    position: node.position ? { x: node.position.x, y: node.position.y } : { x: 0, y: 0 },
    data: {
      node,
      taskType: types.get(node.nodeId),
      inputs: ports.inputs,
      outputs: ports.outputs,
      configured: configuredInputs(node),
      problems: [],
    },
    deletable: true,
  };
}

export function flowEdge(c: GraphConnection): FlowEdge {
  return {
    id: edgeId(c),
    source: c.sourceNodeId,
    sourceHandle: sourceHandle(c.sourcePort),
    target: c.targetNodeId,
    targetHandle: targetHandle(c.targetPort),
  };
}

/** The graph's nodes and connections as the API takes them, positions from the canvas. */
export function fromFlow(nodes: TaskFlowNode[], edges: FlowEdge[]): { nodes: GraphNode[]; connections: GraphConnection[] } {
  return {
    nodes: nodes.map((n) => ({ ...n.data.node, position: { x: Math.round(n.position.x), y: Math.round(n.position.y) } })),
    connections: edges.map((e) => ({
      sourceNodeId: e.source,
      sourcePort: portOfHandle(e.sourceHandle),
      targetNodeId: e.target,
      targetPort: portOfHandle(e.targetHandle),
    })),
  };
}

function configuredInputs(node: GraphNode): string[] {
  if (node.nodeId === TRIGGER || !node.config) return [];
  return Object.entries(node.config)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k]) => k);
}

/** Whether adding an edge from `source` to `target` would close a cycle. */
export function makesCycle(edges: { source: string; target: string }[], source: string, target: string): boolean {
  if (source === target) return true;
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
  const seen = new Set<string>();
  const stack = [target];
  while (stack.length) {
    const at = stack.pop()!;
    if (at === source) return true;
    if (seen.has(at)) continue;
    seen.add(at);
    stack.push(...(next.get(at) ?? []));
  }
  return false;
}

/** Maps a problem's pointer (`#/nodes/2/config`, `#/connections/0`) to the node it belongs to. */
export function nodeOfPointer(
  pointer: string | undefined,
  graph: { nodes: GraphNode[]; connections: GraphConnection[] },
): string | null {
  if (!pointer) return null;
  const node = /^#\/nodes\/(\d+)(\/|$)/.exec(pointer);
  if (node) return graph.nodes[Number(node[1])]?.id ?? null;
  const connection = /^#\/connections\/(\d+)(\/|$)/.exec(pointer);
  if (connection) return graph.connections[Number(connection[1])]?.targetNodeId ?? null;
  return null;
}
