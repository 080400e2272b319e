import type { GraphNode, PortType, TaskType } from '../api/types';

/** The node type that is not a task: its outputs are the execution's trigger inputs. */
export const TRIGGER = 'trigger.manual';
/** A source port standing for a node's whole output object, and a target port for its whole input. */
export const WHOLE_OUTPUT = 'output';
export const WHOLE_INPUT = 'input';

export interface PortSpec {
  name: string;
  type: PortType;
  required: boolean;
  description?: string | null;
  /** The whole output or the whole input rather than one named port. */
  whole?: boolean;
}

export interface NodePorts {
  inputs: PortSpec[];
  outputs: PortSpec[];
}

/** A trigger input as declared in the trigger's config (seed 001's shape). */
export interface DeclaredInput {
  name: string;
  type?: string;
  description?: string;
  required?: boolean;
  default?: unknown;
}

export function declaredInputs(node: GraphNode): DeclaredInput[] {
  const inputs = (node.config as { inputs?: unknown } | null | undefined)?.inputs;
  return Array.isArray(inputs) ? inputs.filter((i): i is DeclaredInput => Boolean(i) && typeof i.name === 'string') : [];
}

/**
 * The ports a node shows: a task's from its type, the trigger's from the inputs it declares (plus any port a
 * connection reads, which the server declares as `any`), and on every node the whole output and (tasks) the whole
 * input. `extraOutputs` are the trigger ports the graph's connections use.
 */
export function portsOf(node: GraphNode, types: ReadonlyMap<string, TaskType>, extraOutputs: string[] = []): NodePorts {
  const whole: PortSpec = { name: WHOLE_OUTPUT, type: 'object', required: false, whole: true, description: 'The whole output' };
  if (node.nodeId === TRIGGER) {
    const declared = declaredInputs(node).map<PortSpec>((i) => ({
      name: i.name,
      type: i.type ?? 'any',
      required: Boolean(i.required),
      description: i.description ?? null,
    }));
    const implicit = extraOutputs
      .filter((p) => p !== WHOLE_OUTPUT && !declared.some((d) => d.name === p))
      .map<PortSpec>((name) => ({ name, type: 'any', required: false }));
    return { inputs: [], outputs: [...declared, ...implicit, whole] };
  }
  const type = types.get(node.nodeId);
  return {
    inputs: [
      { name: WHOLE_INPUT, type: 'object', required: false, whole: true, description: 'The whole input, by port name' },
      ...(type?.inputs ?? []).map((p) => ({ name: p.name, type: p.type, required: p.required, description: p.description })),
    ],
    outputs: [...(type?.outputs ?? []).map((p) => ({ name: p.name, type: p.type, required: false, description: p.description })), whole],
  };
}

/** Whether a port of type `target` accepts values of type `source`, as the engine decides it. */
export function accepts(target: PortType, source: PortType): boolean {
  return target === 'any' || source === 'any' || target === source || (target === 'number' && source === 'integer');
}

/**
 * Why a connection from `source` to `target` cannot be made, or null when it can. The whole input takes anything
 * (it feeds the ports of the same names); a whole output is an object.
 */
export function typeMismatch(source: PortSpec, target: PortSpec): string | null {
  if (target.whole) return null;
  if (accepts(target.type, source.type)) return null;
  return `${source.name} gives ${article(source.type)}, ${target.name} takes ${article(target.type)}`;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
