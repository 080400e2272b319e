import { describe, expect, it } from 'vitest';
import { offsetOf, statusesOf, statusParam } from './executionFilters';

describe('execution list filters in the URL', () => {
  it('reads known statuses in their order and writes them back', () => {
    expect(statusesOf('failed,running,nope')).toEqual(['running', 'failed']);
    expect(statusesOf(null)).toEqual([]);
    expect(statusParam(['failed', 'running'])).toBe('running,failed');
    expect(statusParam([])).toBe('');
  });
  it('reads an offset, never negative or fractional', () => {
    expect(offsetOf('40')).toBe(40);
    expect(offsetOf('-3')).toBe(0);
    expect(offsetOf('x')).toBe(0);
    expect(offsetOf(null)).toBe(0);
  });
});
