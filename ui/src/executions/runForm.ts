import type { DeclaredInput } from '../graph/ports';
import { isFileRef, type FileRef } from './files';

/** How a declared input is typed in: the field that suits its type. */
export type FieldKind = 'text' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'file' | 'any';

/** What a field holds before it is read: text typed, a box ticked, a file uploaded (or none yet). */
export type RawValue = string | boolean | FileRef | null;

export type Parsed = { ok: true; value: unknown; omit: boolean } | { ok: false; error: string };

export function kindOf(type: string | undefined): FieldKind {
  switch (type) {
    case 'string':
      return 'text';
    case 'text':
    case 'number':
    case 'integer':
    case 'boolean':
    case 'object':
    case 'array':
    case 'file':
      return type;
    default:
      return 'any';
  }
}

/** Whether an input must be given: as declared, else when it has no default (docs/api.md, seed 001's inputs). */
export function isRequired(input: DeclaredInput): boolean {
  return typeof input.required === 'boolean' ? input.required : input.default === undefined;
}

/** The field's first content: the value given (a rerun's earlier inputs), else the input's default, else empty. */
export function initialRaw(input: DeclaredInput, value?: unknown): RawValue {
  const kind = kindOf(input.type);
  const start = value !== undefined ? value : input.default;
  switch (kind) {
    case 'boolean':
      return start === true;
    case 'file':
      return isFileRef(start) ? start : null;
    case 'text':
      return start === undefined || start === null ? '' : typeof start === 'string' ? start : JSON.stringify(start);
    case 'number':
    case 'integer':
      return start === undefined || start === null ? '' : String(start);
    case 'any':
      if (start === undefined || start === null) return '';
      return typeof start === 'string' ? start : JSON.stringify(start, null, 2);
    default:
      return start === undefined || start === null ? '' : JSON.stringify(start, null, 2);
  }
}

/**
 * Reads a field as its input's value. An empty field is left out of the trigger inputs (`omit`), so the server
 * applies the input's default or says it is required, on that field. A value that cannot be the input's type is an
 * error said on the field before anything is sent.
 */
export function parseRaw(kind: FieldKind, raw: RawValue): Parsed {
  if (kind === 'boolean') return { ok: true, value: raw === true, omit: false };
  if (kind === 'file') {
    if (raw === null || raw === '') return { ok: true, value: undefined, omit: true };
    return isFileRef(raw) ? { ok: true, value: raw, omit: false } : { ok: false, error: 'choose a file' };
  }
  const text = typeof raw === 'string' ? raw : '';
  if (kind === 'text') return text === '' ? { ok: true, value: undefined, omit: true } : { ok: true, value: text, omit: false };
  if (text.trim() === '') return { ok: true, value: undefined, omit: true };
  switch (kind) {
    case 'number':
    case 'integer': {
      const n = Number(text.trim());
      if (!Number.isFinite(n)) return { ok: false, error: `must be a number, got '${text.trim()}'` };
      if (kind === 'integer' && !Number.isInteger(n)) return { ok: false, error: `must be a whole number, got ${text.trim()}` };
      return { ok: true, value: n, omit: false };
    }
    case 'object':
    case 'array': {
      const json = readJson(text);
      if (!json.ok) return json;
      const isArray = Array.isArray(json.value);
      if (kind === 'array' && !isArray) return { ok: false, error: 'must be a JSON array, such as [1, 2]' };
      if (kind === 'object' && (isArray || json.value === null || typeof json.value !== 'object')) {
        return { ok: false, error: 'must be a JSON object, such as {"key": "value"}' };
      }
      return { ok: true, value: json.value, omit: false };
    }
    default: {
      // `any`: JSON when it reads as JSON, else the text itself.
      const json = readJson(text);
      return { ok: true, value: json.ok ? json.value : text, omit: false };
    }
  }
}

export function readJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text), omit: false };
  } catch (e) {
    return { ok: false, error: `is not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** The trigger inputs the fields give, or the error of each field that cannot be read, by input name. */
export function collectInputs(
  inputs: DeclaredInput[],
  raws: Record<string, RawValue>,
): { values: Record<string, unknown>; errors: Record<string, string> } {
  const values: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const input of inputs) {
    const parsed = parseRaw(kindOf(input.type), raws[input.name] ?? null);
    if (!parsed.ok) errors[input.name] = parsed.error;
    else if (!parsed.omit) values[input.name] = parsed.value;
  }
  return { values, errors };
}

/** The whole trigger inputs typed as JSON (a trigger that declares none): an object. */
export function parseInputsJson(text: string): Parsed {
  if (text.trim() === '') return { ok: true, value: {}, omit: false };
  const json = readJson(text);
  if (!json.ok) return json;
  if (json.value === null || typeof json.value !== 'object' || Array.isArray(json.value)) {
    return { ok: false, error: 'must be a JSON object of trigger inputs, such as {"name": "value"}' };
  }
  return json;
}
