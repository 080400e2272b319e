import { ApiProblem, type ProblemEntry } from '../api/problem';

/**
 * The problems of an answer shown on the field they name: `fieldProblem(error, '#/name')` is the detail (or the
 * details, joined) of the entries at that pointer or under it, for the field's own message.
 */
export function fieldProblem(error: unknown, pointer: string): string | undefined {
  if (!(error instanceof ApiProblem)) return undefined;
  const entries = error.at(pointer);
  return entries.length > 0 ? entries.map((e) => e.detail).join('; ') : undefined;
}

/**
 * What of an error no field of the form shows: the entries at none of `pointers`, or the whole error when it has no
 * entries at all (a 403, a 409). Null when every entry is shown on a field.
 */
export function formLevelError(error: unknown, pointers: string[]): unknown {
  if (!error) return null;
  if (!(error instanceof ApiProblem) || error.errors.length === 0) return error;
  const rest: ProblemEntry[] = error.errors.filter((e) => !pointers.some((p) => e.pointer !== undefined && (e.pointer === p || e.pointer.startsWith(p + '/'))));
  if (rest.length === 0) return null;
  return new ApiProblem(error.status, error.title, error.detail, rest, error.extra);
}
