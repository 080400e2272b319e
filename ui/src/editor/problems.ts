import type { GraphConnection, GraphNode, TaskType } from '../api/types';
import { ApiProblem } from '../api/problem';
import { edgeId, nodeOfPointer, portOfHandle, type FlowEdge, type TaskFlowNode } from '../graph/model';
import { TRIGGER } from '../graph/ports';

/**
 * A problem of a node, at one of its fields: the rest of the server's pointer after `#/nodes/<i>/` (`config/text`,
 * `retries/limit`, `config/inputs/0/name`), or none for the node as a whole.
 */
export interface FieldProblem {
  field?: string;
  detail: string;
}

export type NodeProblems = Map<string, FieldProblem[]>;

/** The header's fields a problem can name. */
export type HeaderField = 'name' | 'description' | 'tags';

export interface SummaryLine {
  text: string;
  node?: string;
}

/** A save's refusal, sorted by where it is shown. */
export interface SaveProblems {
  nodes: NodeProblems;
  edges: Map<string, string[]>;
  header: Partial<Record<HeaderField, string[]>>;
  /** Problems of no node and no header field (`#/settings/timeout`, or a refusal without pointers). */
  other: string[];
  /** Every problem in one line each, for the summary, with the node it is on. */
  summary: SummaryLine[];
}

function add<K, V>(map: Map<K, V[]>, key: K, value: V) {
  map.set(key, [...(map.get(key) ?? []), value]);
}

/** The problems the editor sees before saving: unknown types, required inputs left without a value or connection. */
export function clientProblems(nodes: TaskFlowNode[], edges: FlowEdge[], types: ReadonlyMap<string, TaskType>): NodeProblems {
  const found: NodeProblems = new Map();
  const fedPorts = new Map<string, Set<string>>();
  for (const e of edges) fedPorts.set(e.target, (fedPorts.get(e.target) ?? new Set()).add(portOfHandle(e.targetHandle)));
  for (const n of nodes) {
    const node = n.data.node;
    if (node.nodeId === TRIGGER) continue;
    const type = types.get(node.nodeId);
    if (!type) {
      add(found, n.id, { field: 'nodeId', detail: `unknown task type '${node.nodeId}'` });
      continue;
    }
    const fed = fedPorts.get(n.id) ?? new Set<string>();
    if (fed.has('input')) continue; // the whole input may feed any port: only the server can tell
    for (const port of type.inputs) {
      if (port.required && !fed.has(port.name) && !n.data.configured.includes(port.name)) {
        add(found, n.id, { field: `config/${port.name}`, detail: `${port.name} is required: give it a value or connect an output to it` });
      }
    }
  }
  return found;
}

/** Maps a refused save to the nodes, connections and header fields of the graph that was sent. */
export function saveProblems(error: unknown, sent: { nodes: GraphNode[]; connections: GraphConnection[] }): SaveProblems {
  const result: SaveProblems = { nodes: new Map(), edges: new Map(), header: {}, other: [], summary: [] };
  if (!(error instanceof ApiProblem)) {
    const message = error instanceof Error ? error.message : String(error);
    result.other.push(message);
    result.summary.push({ text: message });
    return result;
  }
  if (error.errors.length === 0) {
    const detail = error.detail || error.title;
    // The one refusal of a save without pointers that names a field: the name is taken (409).
    if (error.status === 409) result.header.name = [detail];
    else result.other.push(detail);
    result.summary.push({ text: error.status === 409 ? `Name: ${detail}` : detail });
    return result;
  }
  for (const entry of error.errors) {
    const pointer = entry.pointer ?? '';
    const header = /^#\/(name|description|tags)(\/|$)/.exec(pointer);
    const node = nodeOfPointer(pointer, sent);
    const connection = /^#\/connections\/(\d+)/.exec(pointer);
    if (header) {
      const field = header[1] as HeaderField;
      result.header[field] = [...(result.header[field] ?? []), entry.detail];
      result.summary.push({ text: `${field[0].toUpperCase()}${field.slice(1)}: ${entry.detail}` });
    } else if (connection && node) {
      const c = sent.connections[Number(connection[1])];
      const where = `connection ${c.sourceNodeId}.${c.sourcePort} → ${c.targetNodeId}.${c.targetPort}`;
      add(result.edges, edgeId(c), entry.detail);
      add(result.nodes, node, { detail: `${where}: ${entry.detail}` });
      result.summary.push({ text: `${where}: ${entry.detail}`, node });
    } else if (node) {
      const problem = { field: /^#\/nodes\/\d+\/(.+)$/.exec(pointer)?.[1], detail: entry.detail };
      add(result.nodes, node, problem);
      const name = fieldName(problem);
      result.summary.push({ text: `Node ${node}${name ? `, ${name}` : ''}: ${entry.detail}`, node });
    } else {
      const where = entry.pointer ?? entry.parameter;
      const text = where ? `${where}: ${entry.detail}` : entry.detail;
      result.other.push(text);
      result.summary.push({ text });
    }
  }
  return result;
}

/** A server's problem of a node in one line, naming its field (`retries.limit: must be ...`) unless it is the config. */
export function withField(p: FieldProblem): string {
  const name = fieldName(p);
  return name ? `${name}: ${p.detail}` : p.detail;
}

/** The field a problem names, as a reader says it (`retries.limit`, `text`), or null for the node as a whole. */
function fieldName(p: FieldProblem): string | null {
  if (!p.field || p.field === 'config' || p.field === 'nodeId') return null;
  return p.field.replace(/^config\//, '').replaceAll('/', '.');
}

/** The problems at a field of a node, and those under it (`config/inputs` finds `config/inputs/0/name`). */
export function problemsAt(problems: FieldProblem[], field: string): string[] {
  return problems.filter((p) => p.field === field || p.field?.startsWith(`${field}/`)).map((p) => p.detail);
}
