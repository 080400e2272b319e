import { describe, expect, it } from 'vitest';
import { credentialBody, defaultTemplates, fieldsOfKind, rowProblems, rowsFor, type CredentialForm } from './credentials';

const form = (over: Partial<CredentialForm> = {}): CredentialForm => ({
  name: ' openai ',
  type: ' openai ',
  usableBy: 'organization',
  templates: false,
  rows: [
    { key: 1, field: 'api_key', value: 'sk-1 ' },
    { key: 2, field: ' base_url ', value: 'https://api.example.com' },
    { key: 3, field: '', value: '' },
  ],
  ...over,
});

describe('credentialBody', () => {
  it('makes the value of the named rows, keeping values exactly as typed and dropping blank rows', () => {
    expect(credentialBody(form(), true)).toEqual({
      name: 'openai',
      type: 'openai',
      usableBy: 'organization',
      templates: false,
      value: { api_key: 'sk-1 ', base_url: 'https://api.example.com' },
    });
  });

  it('leaves the name out of a replacement and an empty type out of both', () => {
    const body = credentialBody(form({ type: '  ' }), false);
    expect(body).not.toHaveProperty('name');
    expect(body).not.toHaveProperty('type');
    expect(body.usableBy).toBe('organization');
  });

  it('keeps a named field with an empty value, for the API to judge', () => {
    expect(credentialBody(form({ rows: [{ key: 1, field: 'token', value: '' }] }), true).value).toEqual({ token: '' });
  });
});

describe('rows and kinds', () => {
  it("finds a value without a field name and a field given twice, on the row at fault", () => {
    const problems = rowProblems([
      { key: 1, field: 'a', value: 'x' },
      { key: 2, field: '', value: 'y' },
      { key: 3, field: ' a', value: 'z' },
      { key: 4, field: '', value: '' },
    ]);
    expect([...problems.entries()]).toEqual([
      [2, 'give the field a name'],
      [3, 'the field a is given twice'],
    ]);
  });

  it('gives the fields of a known kind and one empty row otherwise', () => {
    expect(fieldsOfKind('sql')).toEqual(['url', 'user', 'password']);
    expect(fieldsOfKind('custom')).toBeNull();
    expect(rowsFor([]).map((r) => r.field)).toEqual(['']);
    const rows = rowsFor(['a', 'b']);
    expect(new Set(rows.map((r) => r.key)).size).toBe(2);
    expect(rows.every((r) => r.value === '')).toBe(true);
  });

  it("follows the API's default for templates", () => {
    expect(defaultTemplates('admins')).toBe(true);
    expect(defaultTemplates('organization')).toBe(false);
  });
});
