import { describe, expect, it } from 'vitest';
import { formatDuration } from './time';

describe('formatDuration', () => {
  const start = '2026-12-01T10:00:00Z';
  it('picks the unit by size', () => {
    expect(formatDuration(start, '2026-12-01T10:00:00.250Z')).toBe('250 ms');
    expect(formatDuration(start, '2026-12-01T10:00:12.400Z')).toBe('12.4 s');
    expect(formatDuration(start, '2026-12-01T10:03:05Z')).toBe('3 min 5 s');
    expect(formatDuration(start, '2026-12-01T12:10:00Z')).toBe('2 h 10 min');
  });
  it('counts to now while running and shows a dash before the start', () => {
    expect(formatDuration(start, null, Date.parse('2026-12-01T10:00:02Z'))).toBe('2.0 s');
    expect(formatDuration(null, null)).toBe('—');
  });
});
