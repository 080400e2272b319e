import type { Connection, Edge } from '@xyflow/react';
import { makesCycle, portOfHandle, type FlowEdge, type TaskFlowNode } from '../graph/model';
import { typeMismatch } from '../graph/ports';
import { dependencies, type Dependency } from './dependencies';

type Link = Pick<Connection, 'source' | 'target' | 'sourceHandle' | 'targetHandle'>;

/**
 * Why a connection cannot be made, or null when it can: an unknown port, a cycle (through connections or the
 * templates that read other tasks), an input that already has a connection or a value in its config (the server
 * refuses both: clearing the value is left to the user, so nothing typed is lost), or ports whose types do not fit.
 * `deps` may give the graph's dependencies when many links of one graph are checked.
 */
export function connectionRefusal(link: Link | Edge, nodes: TaskFlowNode[], edges: FlowEdge[], deps?: Dependency[]): string | null {
  const source = nodes.find((n) => n.id === link.source);
  const target = nodes.find((n) => n.id === link.target);
  if (!source || !target) return 'connect two nodes of the graph';
  const sourcePort = source.data.outputs.find((p) => p.name === portOfHandle(link.sourceHandle));
  const targetPort = target.data.inputs.find((p) => p.name === portOfHandle(link.targetHandle));
  if (!sourcePort || !targetPort) return 'connect an output port to an input port';
  const label = (n: TaskFlowNode) => n.data.node.label || n.id;
  if (source.id === target.id) return `${label(source)} cannot feed itself`;
  if (makesCycle(deps ?? dependencies(nodes.map((n) => n.data.node), edges), source.id, target.id)) return `${label(target)} already leads to ${label(source)}: this would make a cycle`;
  const taken = edges.find((e) => e.target === target.id && portOfHandle(e.targetHandle) === targetPort.name);
  if (taken) return `${targetPort.name} of ${label(target)} is already fed by ${taken.source}.${portOfHandle(taken.sourceHandle)}`;
  if (target.data.configured.includes(targetPort.name)) {
    return `${targetPort.name} of ${label(target)} has a value; clear it in the inspector to connect it instead`;
  }
  return typeMismatch(sourcePort, targetPort);
}
