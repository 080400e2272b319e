import type { GraphConnection, GraphNode, TaskType } from '../api/types';
import { toFlow } from '../graph/model';
import { TRIGGER } from '../graph/ports';

// Task types as the server describes them, for the editor's tests.
const port = (name: string, type: string, required = true, default_value: unknown = null) => ({ name, type, required, default_value, description: null });

export const TYPES = new Map<string, TaskType>(
  [
    { name: 'StaticTextInput', description: 'Outputs a fixed text', inputs: [port('text', 'text')], outputs: [port('text', 'text', false)] },
    { name: 'TextOperation.Reverse', description: 'Reverses', inputs: [port('text', 'text')], outputs: [port('text', 'text', false)] },
    { name: 'TextOperation.Length', description: 'Counts', inputs: [port('text', 'text')], outputs: [port('length', 'integer', false)] },
    { name: 'Echo', description: 'Passes it on', inputs: [port('text', 'any')], outputs: [port('text', 'any', false)] },
    {
      name: 'http.request',
      description: 'Calls an HTTP endpoint',
      inputs: [port('url', 'text'), port('method', 'text', false, 'GET'), port('headers', 'object', false), port('timeout_ms', 'integer', false, 30000), port('fail_on_error', 'boolean', false, true)],
      outputs: [port('body', 'any', false), port('status', 'integer', false)],
    },
  ].map((t) => [t.name, t]),
);

/** Seed 000's workflow as `/api/v1` shows it: a trigger and three steps in a chain. */
export const SEED_000: { nodes: GraphNode[]; connections: GraphConnection[] } = {
  nodes: [
    { id: 'trigger', nodeId: TRIGGER, label: 'Trigger', position: { x: 0, y: 0 }, config: { inputs: [{ name: 'text', type: 'text', required: false, default: 'Hello, world!' }] } },
    { id: 'step_1', nodeId: 'StaticTextInput', label: 'step_1', position: { x: 250, y: 0 }, config: {} },
    { id: 'step_2', nodeId: 'TextOperation.Reverse', label: 'step_2', position: { x: 500, y: 0 }, config: {} },
    { id: 'step_3', nodeId: 'Echo', label: 'step_3', position: { x: 750, y: 0 }, config: {} },
  ],
  connections: [
    { sourceNodeId: 'trigger', sourcePort: 'text', targetNodeId: 'step_1', targetPort: 'text' },
    { sourceNodeId: 'step_1', sourcePort: 'text', targetNodeId: 'step_2', targetPort: 'text' },
    { sourceNodeId: 'step_2', sourcePort: 'text', targetNodeId: 'step_3', targetPort: 'text' },
  ],
};

export function canvasOf(graph: { nodes: GraphNode[]; connections: GraphConnection[] }) {
  return toFlow(graph, TYPES);
}
