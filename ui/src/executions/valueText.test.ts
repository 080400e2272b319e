import { describe, expect, it } from 'vitest';
import { fileRefsIn, formatBytes, isFileRef } from './files';
import { downloadName, errorMessage, showValue, valueToText } from './valueText';

describe('values shown on the page', () => {
  it('shows text as it is and anything else as indented JSON', () => {
    expect(valueToText('hi')).toBe('hi');
    expect(valueToText({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(valueToText(null)).toBe('null');
  });

  it('cuts a long value at the limit and says how long it was', () => {
    const long = 'x'.repeat(2500);
    expect(showValue(long)).toEqual({ text: 'x'.repeat(2000), truncated: true, length: 2500 });
    expect(showValue('short')).toEqual({ text: 'short', truncated: false, length: 5 });
    const big = { rows: Array.from({ length: 300 }, (_, i) => ({ i })) };
    const shown = showValue(big, 100);
    expect(shown.truncated).toBe(true);
    expect(shown.text).toHaveLength(100);
    expect(shown.length).toBe(JSON.stringify(big, null, 2).length);
  });

  it('names downloads safely and reads errors', () => {
    expect(downloadName('ex-1', 'my node', 'output')).toBe('ex-1-my_node-output.json');
    expect(errorMessage({ message: 'boom', task: 'a' })).toBe('boom');
    expect(errorMessage('bad')).toBe('bad');
    expect(errorMessage(null)).toBe('');
  });
});

describe('file references', () => {
  const a = { file_id: 'file-a', name: 'a.txt', size: 2048, url: '/files/file-a' };
  const b = { file_id: 'file-b', name: 'b.pdf' };
  it('finds each file anywhere in a value, once', () => {
    expect(isFileRef(a)).toBe(true);
    expect(isFileRef({ file_id: '' })).toBe(false);
    expect(isFileRef('file-a')).toBe(false);
    expect(fileRefsIn({ doc: a, more: [{ inner: b }, a], text: 'x' })).toEqual([a, b]);
    expect(fileRefsIn('nothing')).toEqual([]);
  });
  it('says sizes in bytes, KiB and MiB', () => {
    expect(formatBytes(6)).toBe('6 B');
    expect(formatBytes(2048)).toBe('2.0 KiB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MiB');
  });
});
