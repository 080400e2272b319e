import type { GraphConnection, GraphNode } from '../api/types';

/** What of a version takes part in a comparison: its graph, the graph's settings and its free-form config. */
export interface GraphSnapshot {
  nodes: GraphNode[];
  connections: GraphConnection[];
  settings?: Record<string, unknown> | null;
  config?: Record<string, unknown> | null;
}

/** One value that differs: `before` or `after` is undefined when the value was added or removed. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** A node present in both versions whose type, label, config values, retries, timeout or position differ. */
export interface NodeChange {
  id: string;
  changes: FieldChange[];
}

/** What differs from one version (`before`) to another (`after`), node by node, connection by connection. */
export interface VersionDiff {
  nodesAdded: GraphNode[];
  nodesRemoved: GraphNode[];
  nodesChanged: NodeChange[];
  connectionsAdded: GraphConnection[];
  connectionsRemoved: GraphConnection[];
  settings: FieldChange[];
  config: FieldChange[];
}

/**
 * Compares two versions of a graph. Nodes are matched by id (a node's id is its task's name, so a renamed node is
 * one removed and one added); connections by their four ends. Config, settings and the workflow's config are
 * compared value by value at their first level, a nested value as a whole.
 */
export function diffVersions(before: GraphSnapshot, after: GraphSnapshot): VersionDiff {
  const beforeNodes = new Map(before.nodes.map((n) => [n.id, n]));
  const afterNodes = new Map(after.nodes.map((n) => [n.id, n]));
  const beforeLinks = new Map(before.connections.map((c) => [connectionKey(c), c]));
  const afterLinks = new Map(after.connections.map((c) => [connectionKey(c), c]));
  return {
    nodesAdded: after.nodes.filter((n) => !beforeNodes.has(n.id)),
    nodesRemoved: before.nodes.filter((n) => !afterNodes.has(n.id)),
    nodesChanged: after.nodes.flatMap((n) => {
      const old = beforeNodes.get(n.id);
      if (!old) return [];
      const changes = nodeChanges(old, n);
      return changes.length > 0 ? [{ id: n.id, changes }] : [];
    }),
    connectionsAdded: after.connections.filter((c) => !beforeLinks.has(connectionKey(c))),
    connectionsRemoved: before.connections.filter((c) => !afterLinks.has(connectionKey(c))),
    settings: valueChanges('', before.settings, after.settings),
    config: valueChanges('', before.config, after.config),
  };
}

/** Whether two versions are the same in everything the comparison looks at. */
export function isSame(diff: VersionDiff): boolean {
  return countChanges(diff) === 0;
}

/** How many things differ: each node added, removed or changed, each connection, each setting and config value. */
export function countChanges(diff: VersionDiff): number {
  return (
    diff.nodesAdded.length +
    diff.nodesRemoved.length +
    diff.nodesChanged.length +
    diff.connectionsAdded.length +
    diff.connectionsRemoved.length +
    diff.settings.length +
    diff.config.length
  );
}

/** A connection as one line: `fetch.body → shape.input`. */
export function describeConnection(c: GraphConnection): string {
  return `${c.sourceNodeId}.${c.sourcePort} → ${c.targetNodeId}.${c.targetPort}`;
}

/** A value as the diff shows it: text in quotes, anything structured as compact JSON, cut at `max` characters. */
export function formatValue(value: unknown, max = 120): string {
  if (value === undefined) return '(not set)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function connectionKey(c: GraphConnection): string {
  return JSON.stringify([c.sourceNodeId, c.sourcePort, c.targetNodeId, c.targetPort]);
}

function nodeChanges(before: GraphNode, after: GraphNode): FieldChange[] {
  const changes: FieldChange[] = [];
  const compare = (field: string, a: unknown, b: unknown) => {
    if (!sameValue(a, b)) changes.push({ field, before: a, after: b });
  };
  compare('type', before.nodeId, after.nodeId);
  compare('label', blankToUndefined(before.label), blankToUndefined(after.label));
  changes.push(...valueChanges('config.', before.config, after.config));
  compare('retries', before.retries ?? undefined, after.retries ?? undefined);
  compare('timeout', before.timeout ?? undefined, after.timeout ?? undefined);
  compare('position', before.position ?? undefined, after.position ?? undefined);
  return changes;
}

/** The first-level values of two objects that differ, in the order of `before`'s keys then `after`'s new ones. */
function valueChanges(
  prefix: string,
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): FieldChange[] {
  const a = before ?? {};
  const b = after ?? {};
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys
    .filter((k) => !sameValue(a[k], b[k]))
    .map((k) => ({ field: prefix + k, before: a[k], after: b[k] }));
}

function blankToUndefined(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value === '' ? undefined : value;
}

/** Deep equality of JSON values, blind to the order of an object's keys. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}
