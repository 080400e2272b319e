import { describe, expect, it } from 'vitest';
import type { NodeRun } from '../api/types';
import { allowedControls, awaitedEventType, canRerun, waitsForEvent } from './controls';

const allowed = (status: string) =>
  Object.entries(allowedControls(status))
    .filter(([, ok]) => ok)
    .map(([action]) => action);

describe('controls by status', () => {
  it('allows what the API allows in each status', () => {
    expect(allowed('queued')).toEqual(['pause', 'terminate', 'restart']);
    expect(allowed('running')).toEqual(['pause', 'terminate', 'restart']);
    expect(allowed('waiting')).toEqual(['pause', 'terminate', 'restart']);
    expect(allowed('pausing')).toEqual(['resume', 'terminate', 'restart']);
    expect(allowed('paused')).toEqual(['resume', 'terminate', 'restart']);
    expect(allowed('completed')).toEqual(['restart']);
    expect(allowed('failed')).toEqual(['restart']);
    expect(allowed('terminated')).toEqual(['restart']);
  });

  it('reruns only a finished execution', () => {
    expect(canRerun({ status: 'completed' })).toBe(true);
    expect(canRerun({ status: 'failed' })).toBe(true);
    expect(canRerun({ status: 'running' })).toBe(false);
    expect(canRerun({ status: 'paused' })).toBe(false);
  });

  it('sends events only to a waiting wait_for_event node of an unfinished execution', () => {
    const run = (nodeId: string, status: string): NodeRun => ({
      nodeId, status, input: { event_type: 'approval' }, output: null, error: null, attempts: 1, attemptHistory: [], startedAt: null, finishedAt: null,
    });
    expect(waitsForEvent({ status: 'waiting' }, run('wait_for_event', 'waiting'))).toBe(true);
    expect(waitsForEvent({ status: 'waiting' }, run('sleep', 'waiting'))).toBe(false);
    expect(waitsForEvent({ status: 'running' }, run('wait_for_event', 'completed'))).toBe(false);
    expect(waitsForEvent({ status: 'terminated' }, run('wait_for_event', 'waiting'))).toBe(false);
    expect(waitsForEvent({ status: 'waiting' }, undefined)).toBe(false);
    expect(awaitedEventType(run('wait_for_event', 'waiting'))).toBe('approval');
    expect(awaitedEventType(undefined)).toBe('');
  });
});
