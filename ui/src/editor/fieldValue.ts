import type { PortType } from '../api/types';

/**
 * How a port's value is typed in the inspector and read back into the node's config. Every field may hold a
 * `{{ }}` template instead of a literal (the server checks it when the workflow is saved, and resolves it when the
 * task runs).
 */
export type FieldKind = 'text' | 'number' | 'boolean' | 'json';

export function fieldKind(type: PortType): FieldKind {
  switch (type) {
    case 'text':
    case 'string':
    case 'file':
      return 'text';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'json';
  }
}

/** What a field's text means: no value (the port is left out of the config), a value, or why it is not one. */
export type Parsed = { kind: 'empty' } | { kind: 'value'; value: unknown } | { kind: 'error'; error: string };

const EMPTY: Parsed = { kind: 'empty' };

/** Whether a text holds a template (`{{ ... }}`), which stands for a value of any type. */
export function hasTemplate(text: string): boolean {
  return /\{\{[\s\S]*\}\}/.test(text);
}

/** Reads the text typed for a port of `type` as the value its config takes. */
export function parseField(type: PortType, text: string): Parsed {
  const kind = fieldKind(type);
  if (kind === 'text') return text === '' ? EMPTY : { kind: 'value', value: text };
  const trimmed = text.trim();
  if (trimmed === '') return EMPTY;
  if (hasTemplate(trimmed)) {
    // A JSON field may hold text with templates in it; a number or a boolean only a template standing for it.
    if (kind === 'json' || (trimmed.startsWith('{{') && trimmed.endsWith('}}'))) return { kind: 'value', value: trimmed };
    return { kind: 'error', error: 'a template here must be the whole value, {{ ... }}' };
  }
  if (kind === 'number') return parseNumber(type, trimmed);
  if (kind === 'boolean') {
    if (trimmed === 'true' || trimmed === 'false') return { kind: 'value', value: trimmed === 'true' };
    return { kind: 'error', error: 'must be true or false' };
  }
  return parseJson(type, trimmed);
}

function parseNumber(type: PortType, text: string): Parsed {
  const value = Number(text);
  if (!Number.isFinite(value)) return { kind: 'error', error: 'must be a number' };
  if (type === 'integer' && !Number.isInteger(value)) return { kind: 'error', error: 'must be a whole number' };
  return { kind: 'value', value };
}

function parseJson(type: PortType, text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { kind: 'error', error: `not valid JSON (${(e as Error).message}); write text in quotes, or a {{ }} template` };
  }
  if (type === 'object' && (value === null || typeof value !== 'object' || Array.isArray(value))) {
    return { kind: 'error', error: 'must be a JSON object, {...}' };
  }
  if (type === 'array' && !Array.isArray(value)) return { kind: 'error', error: 'must be a JSON array, [...]' };
  return { kind: 'value', value };
}

/** The text a field shows for a config value (the inverse of {@link parseField}). */
export function formatField(type: PortType, value: unknown): string {
  if (value === undefined || value === null) return '';
  const kind = fieldKind(type);
  if (typeof value === 'string' && (kind !== 'json' || hasTemplate(value))) return value;
  if (kind === 'number' || kind === 'boolean') return String(value);
  return JSON.stringify(value, null, 2);
}

/** Whether a number or boolean field shows its template text rather than its own control. */
export function isTemplateValue(value: unknown): boolean {
  return typeof value === 'string' && hasTemplate(value);
}
