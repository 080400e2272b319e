import { describe, expect, it } from 'vitest';
import { collectInputs, initialRaw, isRequired, kindOf, parseInputsJson, parseRaw } from './runForm';

const file = { file_id: 'file-1', name: 'a.csv', content_type: 'text/csv', size: 3, url: '/files/file-1' };

describe('run form fields', () => {
  it('picks a field by type, anything unknown as any', () => {
    expect(kindOf('string')).toBe('text');
    expect(['text', 'number', 'integer', 'boolean', 'object', 'array', 'file', 'any', undefined, 'weird'].map(kindOf)).toEqual([
      'text', 'number', 'integer', 'boolean', 'object', 'array', 'file', 'any', 'any', 'any',
    ]);
  });

  it('takes an input as required unless it says otherwise or has a default', () => {
    expect(isRequired({ name: 'a' })).toBe(true);
    expect(isRequired({ name: 'a', default: 'x' })).toBe(false);
    expect(isRequired({ name: 'a', required: false })).toBe(false);
    expect(isRequired({ name: 'a', default: 1, required: true })).toBe(true);
  });

  it('starts from the value given, else the default', () => {
    expect(initialRaw({ name: 'n', type: 'integer', default: 3 })).toBe('3');
    expect(initialRaw({ name: 'n', type: 'integer', default: 3 }, 7)).toBe('7');
    expect(initialRaw({ name: 'b', type: 'boolean', default: true })).toBe(true);
    expect(initialRaw({ name: 'b', type: 'boolean' })).toBe(false);
    expect(initialRaw({ name: 'o', type: 'object', default: { a: 1 } })).toBe('{\n  "a": 1\n}');
    expect(initialRaw({ name: 't', type: 'text' })).toBe('');
    expect(initialRaw({ name: 'f', type: 'file' }, file)).toEqual(file);
    expect(initialRaw({ name: 'f', type: 'file' }, 'file-1')).toBeNull();
    expect(initialRaw({ name: 'x', type: 'any' }, 'plain')).toBe('plain');
  });

  it('reads numbers and whole numbers, and says what is wrong', () => {
    expect(parseRaw('number', ' 2.5 ')).toEqual({ ok: true, value: 2.5, omit: false });
    expect(parseRaw('integer', '42')).toEqual({ ok: true, value: 42, omit: false });
    expect(parseRaw('integer', '4.2')).toEqual({ ok: false, error: 'must be a whole number, got 4.2' });
    expect(parseRaw('number', 'abc')).toEqual({ ok: false, error: "must be a number, got 'abc'" });
  });

  it('reads JSON objects and arrays of the right shape', () => {
    expect(parseRaw('object', '{"a": [1]}')).toEqual({ ok: true, value: { a: [1] }, omit: false });
    expect(parseRaw('array', '[1, "x"]')).toEqual({ ok: true, value: [1, 'x'], omit: false });
    expect(parseRaw('object', '[1]')).toMatchObject({ ok: false, error: expect.stringContaining('JSON object') });
    expect(parseRaw('array', '{}')).toMatchObject({ ok: false, error: expect.stringContaining('JSON array') });
    expect(parseRaw('object', '{a:1}')).toMatchObject({ ok: false, error: expect.stringContaining('is not valid JSON') });
  });

  it('takes text as typed, any as JSON when it reads as JSON, a box as true or false, a file by its reference', () => {
    expect(parseRaw('text', ' 12 ')).toEqual({ ok: true, value: ' 12 ', omit: false });
    expect(parseRaw('any', '12')).toEqual({ ok: true, value: 12, omit: false });
    expect(parseRaw('any', 'hello')).toEqual({ ok: true, value: 'hello', omit: false });
    expect(parseRaw('boolean', false)).toEqual({ ok: true, value: false, omit: false });
    expect(parseRaw('file', file)).toEqual({ ok: true, value: file, omit: false });
  });

  it('leaves empty fields out, so the server applies defaults or says what is required', () => {
    const inputs = [
      { name: 'name', type: 'text', required: true },
      { name: 'n', type: 'integer' },
      { name: 'flag', type: 'boolean' },
      { name: 'doc', type: 'file' },
      { name: 'obj', type: 'object' },
    ];
    expect(collectInputs(inputs, { name: 'ada', n: '', flag: true, doc: null, obj: ' ' })).toEqual({
      values: { name: 'ada', flag: true },
      errors: {},
    });
    expect(collectInputs(inputs, { name: '', n: 'x', flag: false, doc: file, obj: '[]' })).toEqual({
      values: { flag: false, doc: file },
      errors: { n: "must be a number, got 'x'", obj: 'must be a JSON object, such as {"key": "value"}' },
    });
  });

  it('reads the whole trigger inputs of a trigger that declares none as a JSON object', () => {
    expect(parseInputsJson('')).toEqual({ ok: true, value: {}, omit: false });
    expect(parseInputsJson('{"a": 1}')).toEqual({ ok: true, value: { a: 1 }, omit: false });
    expect(parseInputsJson('[1]')).toMatchObject({ ok: false });
    expect(parseInputsJson('{')).toMatchObject({ ok: false, error: expect.stringContaining('is not valid JSON') });
  });
});
