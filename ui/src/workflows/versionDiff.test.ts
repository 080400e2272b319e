import { describe, expect, it } from 'vitest';
import type { GraphConnection, GraphNode } from '../api/types';
import { countChanges, describeConnection, diffVersions, formatValue, isSame, sameValue, type GraphSnapshot } from './versionDiff';

const trigger: GraphNode = { id: 'trigger', nodeId: 'trigger.manual', label: 'Start', position: { x: 0, y: 0 }, config: { inputs: [{ name: 'url', type: 'text' }] } };
const fetchNode: GraphNode = { id: 'fetch', nodeId: 'http.request', label: 'Fetch', position: { x: 200, y: 0 }, config: { method: 'GET' } };
const shape: GraphNode = { id: 'shape', nodeId: 'json.transform', label: 'Shape', position: { x: 400, y: 0 }, config: { expression: '$.items' } };
const link = (s: string, sp: string, t: string, tp: string): GraphConnection => ({ sourceNodeId: s, sourcePort: sp, targetNodeId: t, targetPort: tp });

const v1: GraphSnapshot = {
  nodes: [trigger, fetchNode, shape],
  connections: [link('trigger', 'url', 'fetch', 'url'), link('fetch', 'body', 'shape', 'input')],
  settings: { timeout: 60, retryOnFailure: true },
  config: { owner: 'team-a' },
};

describe('diffVersions', () => {
  it('finds nothing between a version and itself, whatever the order of keys', () => {
    const reordered: GraphSnapshot = {
      ...v1,
      nodes: v1.nodes.map((n) => ({ config: n.config, position: n.position, label: n.label, nodeId: n.nodeId, id: n.id })),
      settings: { retryOnFailure: true, timeout: 60 },
    };
    const diff = diffVersions(v1, reordered);
    expect(isSame(diff)).toBe(true);
    expect(countChanges(diff)).toBe(0);
  });

  it('lists nodes added and removed by id, and the connections that went with them', () => {
    const v2: GraphSnapshot = {
      ...v1,
      nodes: [trigger, fetchNode, { id: 'summarize', nodeId: 'ai.summarize', config: {} }],
      connections: [link('trigger', 'url', 'fetch', 'url'), link('fetch', 'body', 'summarize', 'text')],
    };
    const diff = diffVersions(v1, v2);
    expect(diff.nodesAdded.map((n) => n.id)).toEqual(['summarize']);
    expect(diff.nodesRemoved.map((n) => n.id)).toEqual(['shape']);
    expect(diff.nodesChanged).toEqual([]);
    expect(diff.connectionsAdded.map(describeConnection)).toEqual(['fetch.body → summarize.text']);
    expect(diff.connectionsRemoved.map(describeConnection)).toEqual(['fetch.body → shape.input']);
    expect(countChanges(diff)).toBe(4);
  });

  it('names each changed field of a node: type, label, each config value, retries, timeout, position', () => {
    const changed: GraphNode = {
      ...shape,
      nodeId: 'JsonTransform',
      label: 'Reshape',
      position: { x: 420, y: 10 },
      config: { expression: '$.data', strict: true },
      retries: { limit: 3, delay: '5 seconds' },
      timeout: '1 minute',
    };
    const diff = diffVersions(v1, { ...v1, nodes: [trigger, fetchNode, changed] });
    expect(diff.nodesChanged).toHaveLength(1);
    const { id, changes } = diff.nodesChanged[0];
    expect(id).toBe('shape');
    expect(changes).toEqual([
      { field: 'type', before: 'json.transform', after: 'JsonTransform' },
      { field: 'label', before: 'Shape', after: 'Reshape' },
      { field: 'config.expression', before: '$.items', after: '$.data' },
      { field: 'config.strict', before: undefined, after: true },
      { field: 'retries', before: undefined, after: { limit: 3, delay: '5 seconds' } },
      { field: 'timeout', before: undefined, after: '1 minute' },
      { field: 'position', before: { x: 400, y: 0 }, after: { x: 420, y: 10 } },
    ]);
  });

  it('compares a nested config value as a whole and treats a missing config or label like an empty one', () => {
    const bare: GraphNode = { id: 'fetch', nodeId: 'http.request', position: { x: 200, y: 0 } };
    const sameBare: GraphNode = { ...bare, config: {}, label: '', retries: null };
    expect(isSame(diffVersions({ nodes: [bare], connections: [] }, { nodes: [sameBare], connections: [] }))).toBe(true);

    const moreInputs: GraphNode = { ...trigger, config: { inputs: [{ name: 'url', type: 'text' }, { name: 'n', type: 'integer' }] } };
    const diff = diffVersions(v1, { ...v1, nodes: [moreInputs, fetchNode, shape] });
    expect(diff.nodesChanged[0].changes.map((c) => c.field)).toEqual(['config.inputs']);
  });

  it('lists settings and the workflow config value by value, including removed ones', () => {
    const diff = diffVersions(v1, { ...v1, settings: { timeout: 90, maxRetries: 2 }, config: {} });
    expect(diff.settings).toEqual([
      { field: 'timeout', before: 60, after: 90 },
      { field: 'retryOnFailure', before: true, after: undefined },
      { field: 'maxRetries', before: undefined, after: 2 },
    ]);
    expect(diff.config).toEqual([{ field: 'owner', before: 'team-a', after: undefined }]);
  });

  it('sees a connection moved to another port as one removed and one added', () => {
    const diff = diffVersions(v1, { ...v1, connections: [link('trigger', 'url', 'fetch', 'url'), link('fetch', 'output', 'shape', 'input')] });
    expect(diff.connectionsRemoved.map(describeConnection)).toEqual(['fetch.body → shape.input']);
    expect(diff.connectionsAdded.map(describeConnection)).toEqual(['fetch.output → shape.input']);
  });
});

describe('formatValue and sameValue', () => {
  it('quotes text, writes structures as JSON, says when a value is not set and cuts long ones', () => {
    expect(formatValue('$.items')).toBe('"$.items"');
    expect(formatValue(3)).toBe('3');
    expect(formatValue({ limit: 3 })).toBe('{"limit":3}');
    expect(formatValue(undefined)).toBe('(not set)');
    expect(formatValue(null)).toBe('null');
    const long = formatValue('x'.repeat(500), 20);
    expect(long).toHaveLength(20);
    expect(long.endsWith('…')).toBe(true);
  });

  it('tells arrays in another order apart but not objects with keys in another order', () => {
    expect(sameValue({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue(1, '1')).toBe(false);
    expect(sameValue(undefined, null)).toBe(false);
  });
});
