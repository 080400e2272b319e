import { describe, expect, it } from 'vitest';
import { comparedPair, versionName } from './versions';

describe('comparedPair', () => {
  it('compares the version before the current with the current by default', () => {
    expect(comparedPair([1, 2, 3], null, null)).toEqual({ from: 2, to: 3 });
  });

  it('takes the versions the address names, and the one before a named target', () => {
    expect(comparedPair([1, 2, 3, 4], '1', '3')).toEqual({ from: 1, to: 3 });
    expect(comparedPair([1, 2, 3, 4], null, '3')).toEqual({ from: 2, to: 3 });
    expect(comparedPair([1, 2, 3, 4], '4', '2')).toEqual({ from: 4, to: 2 });
  });

  it('ignores versions the workflow does not have, and has nothing to compare with one version', () => {
    expect(comparedPair([1, 2], '9', 'x')).toEqual({ from: 1, to: 2 });
    expect(comparedPair([1, 2], null, '1')).toEqual({ from: 2, to: 1 });
    expect(comparedPair([1], null, null)).toBeNull();
  });
});

describe('versionName', () => {
  it('shows the tag next to the number when there is one', () => {
    expect(versionName({ version: 3, versionTag: 'v1.2.0' })).toBe('v3 (v1.2.0)');
    expect(versionName({ version: 1, versionTag: null })).toBe('v1');
  });
});
