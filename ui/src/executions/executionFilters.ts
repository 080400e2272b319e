import type { ExecutionStatus } from '../api/types';

export const EXECUTION_STATUSES: ExecutionStatus[] = ['queued', 'running', 'waiting', 'pausing', 'paused', 'completed', 'failed', 'terminated'];

export const PAGE_SIZE = 20;

/** The statuses chosen in the URL's `status` (comma-separated, as the API takes them), known ones only, in order. */
export function statusesOf(param: string | null): ExecutionStatus[] {
  const chosen = new Set((param ?? '').split(',').map((s) => s.trim().toLowerCase()));
  return EXECUTION_STATUSES.filter((s) => chosen.has(s));
}

/** The `status` parameter for a set of statuses: empty for none (every status). */
export function statusParam(statuses: Iterable<string>): string {
  const chosen = new Set(statuses);
  return EXECUTION_STATUSES.filter((s) => chosen.has(s)).join(',');
}

/** The offset of a page, from the URL: a multiple of nothing in particular, never negative. */
export function offsetOf(param: string | null): number {
  const n = Number(param ?? 0);
  return Number.isInteger(n) && n > 0 ? n : 0;
}
