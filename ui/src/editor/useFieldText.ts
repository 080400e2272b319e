import { useEffect, useRef, useState } from 'react';
import type { PortType } from '../api/types';
import { formatField, parseField } from './fieldValue';

/**
 * The text of a field bound to a value of a port's type: typing sets the value when the text reads as one, and
 * reports why when it does not (the value then stays as it was). A value changed from elsewhere (a node renamed,
 * a template rewritten) replaces the text, unless the text already means it.
 */
export function useFieldText(
  type: PortType,
  value: unknown,
  onValue: (value: unknown) => void,
  onError: (error: string | null) => void,
): { text: string; error: string | null; setText: (text: string) => void } {
  const [text, setTextState] = useState(() => formatField(type, value));
  const [error, setError] = useState<string | null>(null);
  const shown = useRef(value);

  useEffect(() => {
    if (same(shown.current, value)) return;
    shown.current = value;
    setTextState(formatField(type, value));
    setError(null);
  }, [type, value]);

  const setText = (next: string) => {
    setTextState(next);
    const parsed = parseField(type, next);
    if (parsed.kind === 'error') {
      setError(parsed.error);
      onError(parsed.error);
      return;
    }
    const v = parsed.kind === 'value' ? parsed.value : undefined;
    setError(null);
    onError(null);
    shown.current = v;
    onValue(v);
  };

  return { text, error, setText };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
