import type { GraphConnection, GraphNode, Position, TaskType } from '../api/types';
import { flowEdge, flowNode, fromFlow, portOfHandle, type FlowEdge, type TaskFlowNode } from '../graph/model';
import { TRIGGER } from '../graph/ports';
import { newNodeId } from './nodeIds';

/**
 * The edits of the editor, as functions from one canvas state to the next: nodes keep their place, selection and
 * measured size; what a node shows (its ports, which inputs have values) is derived again from its graph node.
 */
export interface Canvas {
  nodes: TaskFlowNode[];
  edges: FlowEdge[];
}

export function connectionsOf(edges: FlowEdge[]): GraphConnection[] {
  return fromFlow([], edges).connections;
}

/** The canvas with every node's ports and configured inputs derived again (after a node or a connection changed). */
export function refreshed(canvas: Canvas, types: ReadonlyMap<string, TaskType>): Canvas {
  const connections = connectionsOf(canvas.edges);
  return {
    nodes: canvas.nodes.map((n) => ({ ...n, data: { ...flowNode(n.data.node, types, connections).data, problems: n.data.problems } })),
    edges: canvas.edges,
  };
}

/** A new node of `type` at `position`, with an id derived from the type; the trigger starts declaring no input. */
export function newNode(type: string, position: Position, canvas: Canvas, types: ReadonlyMap<string, TaskType>): TaskFlowNode {
  const id = newNodeId(type, canvas.nodes.map((n) => n.id));
  const node: GraphNode = { id, nodeId: type, config: type === TRIGGER ? { inputs: [] } : {} };
  return { ...flowNode(node, types, connectionsOf(canvas.edges)), position };
}

/** The graph node `id` changed by `change` (its label, config, retries, timeout). */
export function withNode(canvas: Canvas, id: string, change: (node: GraphNode) => GraphNode): Canvas {
  return {
    nodes: canvas.nodes.map((n) => (n.id === id ? { ...n, data: { ...n.data, node: change(n.data.node) } } : n)),
    edges: canvas.edges,
  };
}

/** A node's config with one input's value set, or left out when `value` is undefined. */
export function withConfigValue(node: GraphNode, port: string, value: unknown): GraphNode {
  const config = { ...(node.config ?? {}) };
  if (value === undefined) delete config[port];
  else config[port] = value;
  return { ...node, config };
}

/** Node `from` called `to`: its connections follow, and so do the templates of other nodes that read it. */
export function renamed(canvas: Canvas, from: string, to: string): Canvas {
  const reads = new RegExp(`(\\{\\{[^}]*?\\btasks\\.)${from}\\b`, 'g');
  const rewrite = (value: unknown): unknown => {
    if (typeof value === 'string') {
      let out = value;
      // a block may read the node more than once: rewrite until nothing changes
      for (let before = ''; before !== out; ) {
        before = out;
        out = out.replace(reads, `$1${to}`);
      }
      return out;
    }
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v)]));
    return value;
  };
  const nodes = canvas.nodes.map((n) => {
    const node = { ...n.data.node, id: n.id === from ? to : n.id, config: rewrite(n.data.node.config) as GraphNode['config'] };
    return { ...n, id: node.id, data: { ...n.data, node } };
  });
  const edges = connectionsOf(canvas.edges).map((c) =>
    flowEdge({
      ...c,
      sourceNodeId: c.sourceNodeId === from ? to : c.sourceNodeId,
      targetNodeId: c.targetNodeId === from ? to : c.targetNodeId,
    }),
  );
  return { nodes, edges };
}

/** The canvas without the given nodes and edges, and without the edges of the nodes removed. */
export function without(canvas: Canvas, nodeIds: Iterable<string>, edgeIds: Iterable<string> = []): Canvas {
  const gone = new Set(nodeIds);
  const cut = new Set(edgeIds);
  return {
    nodes: canvas.nodes.filter((n) => !gone.has(n.id)),
    edges: canvas.edges.filter((e) => !cut.has(e.id) && !gone.has(e.source) && !gone.has(e.target)),
  };
}

/** The canvas with one more connection (none when it is there already). */
export function connected(canvas: Canvas, c: GraphConnection): Canvas {
  const edge = flowEdge(c);
  if (canvas.edges.some((e) => e.id === edge.id)) return canvas;
  return { nodes: canvas.nodes, edges: [...canvas.edges, edge] };
}

/** The connection feeding input `port` of node `id`, if any. */
export function feeding(edges: FlowEdge[], id: string, port: string): GraphConnection | undefined {
  return connectionsOf(edges.filter((e) => e.target === id && portOfHandle(e.targetHandle) === port))[0];
}
