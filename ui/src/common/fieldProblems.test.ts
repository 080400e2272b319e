import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../api/problem';
import { fieldProblem, formLevelError } from './fieldProblems';

const invalid = new ApiProblem(400, 'Bad Request', 'the request has 3 problems', [
  { pointer: '#/name', detail: 'must not be blank' },
  { pointer: '#/scopes/0', detail: "is not a scope: 'bad'" },
  { pointer: '#/extra', detail: 'is not a known field' },
]);

describe('fieldProblem', () => {
  it('gives the detail at a pointer or under it, and nothing for other fields or other errors', () => {
    expect(fieldProblem(invalid, '#/name')).toBe('must not be blank');
    expect(fieldProblem(invalid, '#/scopes')).toBe("is not a scope: 'bad'");
    expect(fieldProblem(invalid, '#/userId')).toBeUndefined();
    expect(fieldProblem(new Error('offline'), '#/name')).toBeUndefined();
    expect(fieldProblem(null, '#/name')).toBeUndefined();
  });
});

describe('formLevelError', () => {
  it('keeps only the entries no field shows', () => {
    const rest = formLevelError(invalid, ['#/name', '#/scopes']) as ApiProblem;
    expect(rest.errors.map((e) => e.pointer)).toEqual(['#/extra']);
    expect(rest.status).toBe(400);
    expect(formLevelError(invalid, ['#/name', '#/scopes', '#/extra'])).toBeNull();
  });

  it('keeps a problem without entries, and any other error, whole', () => {
    const conflict = new ApiProblem(409, 'Conflict', 'already exists');
    expect(formLevelError(conflict, ['#/name'])).toBe(conflict);
    const offline = new TypeError('Failed to fetch');
    expect(formLevelError(offline, ['#/name'])).toBe(offline);
    expect(formLevelError(null, ['#/name'])).toBeNull();
  });
});
