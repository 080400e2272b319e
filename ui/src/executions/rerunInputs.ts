import type { NodeRun, TaskType } from '../api/types';
import type { PortSpec } from '../graph/ports';

/**
 * What a rerun from a node sends (docs/api-v1.md "Controls"): new values for the node's input ports as `config`,
 * each port's field started from the node's last input and only the ports the user changed sent, so the others keep
 * what they had (a connection, a template, a secret); and new trigger inputs.
 */

/** The JSON pointer of a port's value in a rerun's problem (RFC 6901: `~` and `/` escaped). */
export function configPointer(port: string): string {
  return `#/config/${port.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** The whole `config` of a rerun, where a problem about all of it (a change that makes a cycle) points. */
export const CONFIG_POINTER = '#/config';

/** The input ports of a node's task type, as fields show them; none when the type is not known. */
export function nodeInputPorts(type: TaskType | undefined): PortSpec[] {
  return (type?.inputs ?? []).map((p) => ({ name: p.name, type: p.type, required: p.required, description: p.description }));
}

/** The node's last input by port, as its run shows it; empty when it did not start (or its input is not an object). */
export function lastInputs(run: NodeRun | undefined): Record<string, unknown> {
  const input = run?.input;
  return input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
}

/**
 * What a port's field holds: its value (undefined when the field is empty) and the reason its text is not a value
 * of the port's type, if it is not.
 */
export interface PortFieldState {
  value: unknown;
  error: string | null;
}

/** Whether a field no longer holds the node's last input for its port. */
export function isChanged(field: PortFieldState | undefined, initial: unknown): boolean {
  if (!field) return false;
  return field.error !== null || !sameValue(field.value, initial);
}

export const EMPTIED = 'give a value, or reset the field to keep the one the node had';

/**
 * The rerun's `config`: the value of each changed field. A field that cannot be read, or that was emptied (the
 * server takes no "no value"), is an error by port instead; such a port is not sent.
 */
export function changedConfig(
  ports: PortSpec[],
  initial: Record<string, unknown>,
  fields: Record<string, PortFieldState>,
): { config: Record<string, unknown>; errors: Record<string, string> } {
  const config: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const port of ports) {
    const field = fields[port.name];
    if (!field || !isChanged(field, initial[port.name])) continue;
    if (field.error !== null) errors[port.name] = field.error;
    else if (field.value === undefined) errors[port.name] = EMPTIED;
    else config[port.name] = field.value;
  }
  return { config, errors };
}

/**
 * New trigger inputs with the original's that the trigger does not declare (those only a connection names), which
 * the form has no field for: changing a declared one does not drop them.
 */
export function withUndeclared(
  edited: Record<string, unknown>,
  original: Record<string, unknown> | null,
  declared: { name: string }[] | null,
): Record<string, unknown> {
  if (!declared || !original) return edited;
  const names = new Set(declared.map((i) => i.name));
  return { ...Object.fromEntries(Object.entries(original).filter(([name]) => !names.has(name))), ...edited };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
