import type { Execution, GraphConnection, GraphNode, TaskType, Workflow } from '../api/types';
import { needsLayout, layout } from '../graph/layout';
import { toFlow, type FlowEdge, type TaskFlowNode } from '../graph/model';

/**
 * The graph an execution is shown on: the workflow's nodes and connections, plus a bare node for each node the
 * execution ran that the graph no longer has (it ran another version), laid out when any node has no position.
 */
export function runGraph(
  workflow: Pick<Workflow, 'nodes' | 'connections'>,
  ranNodes: Record<string, { nodeId: string }>,
  types: ReadonlyMap<string, TaskType>,
): { nodes: TaskFlowNode[]; edges: FlowEdge[]; missing: string[] } {
  const known = new Set(workflow.nodes.map((n) => n.id));
  const missing = Object.keys(ranNodes).filter((id) => !known.has(id));
  const nodes: GraphNode[] = [...workflow.nodes, ...missing.map((id) => ({ id, nodeId: ranNodes[id].nodeId, label: id }))];
  const connections: GraphConnection[] = workflow.connections;
  const flow = toFlow({ nodes, connections }, types);
  const placed = needsLayout(nodes) ? layout(flow.nodes, flow.edges) : flow.nodes;
  return {
    nodes: placed.map((n) => ({ ...n, draggable: false, deletable: false, connectable: false })),
    edges: flow.edges.map((e) => ({ ...e, deletable: false, focusable: false })),
    missing,
  };
}

/** The canvas's nodes with each node's run and the selection; edges into a running node move. */
export function withRuns(
  graph: { nodes: TaskFlowNode[]; edges: FlowEdge[] },
  execution: Pick<Execution, 'nodes'>,
  selected: string | null,
): { nodes: TaskFlowNode[]; edges: FlowEdge[] } {
  const runs = execution.nodes ?? {};
  return {
    nodes: graph.nodes.map((n) => ({ ...n, selected: n.id === selected, data: { ...n.data, run: runs[n.id] } })),
    edges: graph.edges.map((e) => ({ ...e, animated: runs[e.target]?.status === 'running' })),
  };
}
