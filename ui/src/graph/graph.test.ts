import { describe, expect, it } from 'vitest';
import type { GraphConnection, GraphNode, TaskType } from '../api/types';
import { layout, needsLayout } from './layout';
import { edgeId, fromFlow, makesCycle, nodeOfPointer, toFlow } from './model';
import { accepts, portsOf, typeMismatch, TRIGGER } from './ports';

const port = (name: string, type: string, required = true) => ({ name, type, required, default_value: null, description: null });
const TYPES = new Map<string, TaskType>([
  ['StaticTextInput', { name: 'StaticTextInput', description: '', inputs: [port('text', 'text')], outputs: [port('text', 'text', false)] }],
  ['TextOperation.Length', { name: 'TextOperation.Length', description: '', inputs: [port('text', 'text')], outputs: [port('length', 'integer', false)] }],
  ['Echo', { name: 'Echo', description: '', inputs: [port('text', 'any')], outputs: [port('text', 'any', false)] }],
]);

// Seed 000's "Dummy Workflow" as /api/v1 shows it.
const nodes: GraphNode[] = [
  { id: 'trigger', nodeId: TRIGGER, label: 'Trigger', position: { x: 0, y: 0 }, config: { inputs: [{ name: 'text', type: 'text', default: 'Hello, world!' }] } },
  { id: 'step_1', nodeId: 'StaticTextInput', label: 'step_1', position: { x: 250, y: 0 }, config: {} },
  { id: 'step_2', nodeId: 'TextOperation.Length', label: 'step_2', position: { x: 500, y: 0 }, config: {} },
];
const connections: GraphConnection[] = [
  { sourceNodeId: 'trigger', sourcePort: 'text', targetNodeId: 'step_1', targetPort: 'text' },
  { sourceNodeId: 'step_1', sourcePort: 'text', targetNodeId: 'step_2', targetPort: 'text' },
];

describe('ports', () => {
  it('gives a task the ports of its type and the whole input and output', () => {
    const ports = portsOf(nodes[2], TYPES);
    expect(ports.inputs.map((p) => p.name)).toEqual(['input', 'text']);
    expect(ports.outputs.map((p) => `${p.name}:${p.type}`)).toEqual(['length:integer', 'output:object']);
  });

  it('gives the trigger its declared inputs and the ports connections read', () => {
    const ports = portsOf(nodes[0], TYPES, ['text', 'city']);
    expect(ports.inputs).toEqual([]);
    expect(ports.outputs.map((p) => `${p.name}:${p.type}`)).toEqual(['text:text', 'city:any', 'output:object']);
  });

  it('accepts as the engine does: any either way, same type, an integer as a number', () => {
    expect(accepts('any', 'file')).toBe(true);
    expect(accepts('text', 'any')).toBe(true);
    expect(accepts('number', 'integer')).toBe(true);
    expect(accepts('integer', 'number')).toBe(false);
    expect(accepts('text', 'integer')).toBe(false);
  });

  it('says why two ports do not fit', () => {
    const length = portsOf(nodes[2], TYPES).outputs[0];
    const text = portsOf(nodes[1], TYPES).inputs[1];
    expect(typeMismatch(length, text)).toBe('length gives an integer, text takes a text');
    expect(typeMismatch(text, portsOf(nodes[1], TYPES).inputs[0])).toBeNull();
  });
});

describe('graph mapping', () => {
  it('maps a graph to the canvas and back unchanged', () => {
    const flow = toFlow({ nodes, connections }, TYPES);
    expect(flow.edges.map((e) => e.id)).toEqual(connections.map(edgeId));
    expect(flow.edges[0]).toMatchObject({ source: 'trigger', sourceHandle: 'out:text', target: 'step_1', targetHandle: 'in:text' });
    expect(fromFlow(flow.nodes, flow.edges)).toEqual({ nodes, connections });
  });

  it('marks the inputs a node has a value for in its config', () => {
    const configured = toFlow({ nodes: [{ id: 'a', nodeId: 'Echo', config: { text: 'hi', other: '' } }], connections: [] }, TYPES);
    expect(configured.nodes[0].data.configured).toEqual(['text']);
  });

  it('finds cycles before they are made', () => {
    const edges = [
      { source: 'a', target: 'b' },
      { source: 'b', target: 'c' },
    ];
    expect(makesCycle(edges, 'c', 'a')).toBe(true);
    expect(makesCycle(edges, 'a', 'a')).toBe(true);
    expect(makesCycle(edges, 'a', 'c')).toBe(false);
  });

  it('puts a problem on the node its pointer names, a connection problem on the node it feeds', () => {
    expect(nodeOfPointer('#/nodes/1/config', { nodes, connections })).toBe('step_1');
    expect(nodeOfPointer('#/nodes/2', { nodes, connections })).toBe('step_2');
    expect(nodeOfPointer('#/connections/1/sourcePort', { nodes, connections })).toBe('step_2');
    expect(nodeOfPointer('#/name', { nodes, connections })).toBeNull();
  });

  it('lays out a graph without positions left to right', () => {
    const bare = nodes.map(({ position: _position, ...rest }) => rest);
    expect(needsLayout(bare)).toBe(true);
    expect(needsLayout(nodes)).toBe(false);
    const flow = toFlow({ nodes: bare, connections }, TYPES);
    const placed = layout(flow.nodes, flow.edges);
    const x = placed.map((n) => n.position.x);
    expect(x[0]).toBeLessThan(x[1]);
    expect(x[1]).toBeLessThan(x[2]);
  });
});
