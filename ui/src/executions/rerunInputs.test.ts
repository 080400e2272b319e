import { describe, expect, it } from 'vitest';
import type { NodeRun, TaskType } from '../api/types';
import { changedConfig, configPointer, EMPTIED, isChanged, lastInputs, nodeInputPorts, withUndeclared } from './rerunInputs';

const concat: TaskType = {
  name: 'TextOperation.Concat',
  description: 'Joins two texts',
  inputs: [
    { name: 'text', type: 'text', required: true, default_value: null, description: 'The first text' },
    { name: 'with', type: 'text', required: true, default_value: null, description: null },
    { name: 'separator', type: 'text', required: false, default_value: '', description: null },
    { name: 'times', type: 'integer', required: false, default_value: 1, description: null },
  ],
  outputs: [{ name: 'text', type: 'text', required: false, default_value: null, description: null }],
};

const run = (input: unknown) => ({ nodeId: 'TextOperation.Concat', status: 'completed', input }) as NodeRun;

describe('a rerun changing its node inputs', () => {
  it('has a field per input port of the type, started from the last input', () => {
    expect(nodeInputPorts(concat).map((p) => [p.name, p.type, p.required])).toEqual([
      ['text', 'text', true],
      ['with', 'text', true],
      ['separator', 'text', false],
      ['times', 'integer', false],
    ]);
    expect(nodeInputPorts(undefined)).toEqual([]);
    expect(lastInputs(run({ text: 'ADA', with: '!' }))).toEqual({ text: 'ADA', with: '!' });
    expect(lastInputs(run(null))).toEqual({});
    expect(lastInputs(run(['not', 'ports']))).toEqual({});
    expect(lastInputs(undefined)).toEqual({});
  });

  it('sends only the ports whose value changed, templates included', () => {
    const ports = nodeInputPorts(concat);
    const initial = { text: 'ADA', with: '!', separator: '', times: 1 };
    const { config, errors } = changedConfig(ports, initial, {
      text: { value: 'hey {{ tasks.shout.outputs.text }}', error: null },
      with: { value: '!', error: null }, // typed again as it was: not a change
      times: { value: 3, error: null },
    });
    expect(config).toEqual({ text: 'hey {{ tasks.shout.outputs.text }}', times: 3 });
    expect(errors).toEqual({});
  });

  it('sends a value for a port the last input did not have', () => {
    const { config } = changedConfig(nodeInputPorts(concat), { text: 'a', with: 'b' }, { separator: { value: '-', error: null } });
    expect(config).toEqual({ separator: '-' });
  });

  it('does not send a field that cannot be read or was emptied, and says why on it', () => {
    const ports = nodeInputPorts(concat);
    const { config, errors } = changedConfig(ports, { text: 'ADA', with: '!', times: 1 }, {
      with: { value: undefined, error: null },
      times: { value: 1, error: 'must be a whole number' },
      separator: { value: undefined, error: null }, // empty as it was: unchanged
    });
    expect(config).toEqual({});
    expect(errors).toEqual({ with: EMPTIED, times: 'must be a whole number' });
  });

  it('tells a changed field from one that holds the last input', () => {
    expect(isChanged(undefined, 'x')).toBe(false);
    expect(isChanged({ value: { a: [1] }, error: null }, { a: [1] })).toBe(false);
    expect(isChanged({ value: { a: [2] }, error: null }, { a: [1] })).toBe(true);
    expect(isChanged({ value: 'x', error: 'bad' }, 'x')).toBe(true);
    expect(isChanged({ value: undefined, error: null }, null)).toBe(false);
  });

  it('points at a port as the server does, escaping it', () => {
    expect(configPointer('text')).toBe('#/config/text');
    expect(configPointer('a/b~c')).toBe('#/config/a~1b~0c');
  });
});

describe('withUndeclared', () => {
  it("keeps the original's trigger inputs that no field shows, and lets the fields decide the declared ones", () => {
    const declared = [{ name: 'name' }, { name: 'times' }];
    expect(withUndeclared({ name: 'grace' }, { name: 'ada', times: 3, pattern: '(' }, declared)).toEqual({ name: 'grace', pattern: '(' });
    expect(withUndeclared({ a: 1 }, { b: 2 }, null)).toEqual({ a: 1 });
    expect(withUndeclared({ name: 'x' }, null, declared)).toEqual({ name: 'x' });
  });
});
