/** The most characters of a value shown on the page; the rest is in its download. */
export const SHOWN_CHARS = 2000;

export interface ValueText {
  /** What is shown: all of it, or its first `max` characters. */
  text: string;
  truncated: boolean;
  /** The length of the whole text. */
  length: number;
}

/** A value as text to read: a string as it is, anything else as indented JSON. */
export function valueToText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2) ?? String(value);
}

/** A value's text, cut at `max` characters when it is longer (the page offers the whole as a download). */
export function showValue(value: unknown, max = SHOWN_CHARS): ValueText {
  const whole = valueToText(value);
  if (whole.length <= max) return { text: whole, truncated: false, length: whole.length };
  return { text: whole.slice(0, max), truncated: true, length: whole.length };
}

/** A name for a value's download: letters, digits, `-`, `_` and `.` only. */
export function downloadName(...parts: string[]): string {
  return `${parts.filter(Boolean).join('-').replace(/[^A-Za-z0-9._-]+/g, '_')}.json`;
}

/** An error of a run (`{"message", "task"}`, text or anything) as one readable line. */
export function errorMessage(error: unknown): string {
  if (error === null || error === undefined) return '';
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  return JSON.stringify(error);
}
