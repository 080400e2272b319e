import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { applySuggestion, completionAt, matching, type Completion, type Suggestion } from './templateSuggest';

interface Props {
  id: string;
  value: string;
  onChange: (text: string) => void;
  suggestions: Suggestion[];
  multiline?: boolean;
  rows?: number;
  invalid?: boolean;
  describedBy?: string;
  placeholder?: string;
  required?: boolean;
}

/**
 * A text field that completes template paths: typing `{{` (or inside a `{{ }}` block) opens a list of what the
 * template may read. It follows the ARIA combobox pattern: arrow keys move through the list, Enter or Tab takes
 * the active suggestion, Escape closes it.
 */
export function TemplateInput({ id, value, onChange, suggestions, multiline, rows = 3, invalid, describedBy, placeholder, required }: Props) {
  const listId = useId();
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [at, setAt] = useState<Completion | null>(null);
  const [active, setActive] = useState(0);
  const [caret, setCaret] = useState<number | null>(null);
  const items = at ? matching(suggestions, at.query) : [];
  const open = items.length > 0;

  useEffect(() => {
    if (caret === null || !ref.current) return;
    ref.current.setSelectionRange(caret, caret);
    setCaret(null);
  }, [caret]);

  const look = (text: string, position: number | null) => {
    const found = position === null ? null : completionAt(text, position);
    setAt(found);
    setActive(0);
  };

  const take = (suggestion: Suggestion) => {
    if (!at) return;
    const next = applySuggestion(value, at, suggestion.value);
    onChange(next.text);
    setAt(null);
    setCaret(next.caret);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (!open) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + items.length) % items.length);
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      take(items[active]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setAt(null);
    }
  };

  const common = {
    id,
    ref,
    value,
    placeholder,
    'aria-required': required || undefined,
    role: 'combobox' as const,
    'aria-autocomplete': 'list' as const,
    'aria-expanded': open,
    'aria-controls': listId,
    'aria-activedescendant': open ? `${listId}-${active}` : undefined,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    autoComplete: 'off',
    spellCheck: false,
    onKeyDown,
    onChange: (e: { target: HTMLInputElement | HTMLTextAreaElement }) => {
      onChange(e.target.value);
      look(e.target.value, e.target.selectionStart);
    },
    onClick: (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => look(e.currentTarget.value, e.currentTarget.selectionStart),
    onBlur: () => setAt(null),
  };

  return (
    <div className="template-input">
      {multiline ? <textarea rows={rows} {...common} /> : <input type="text" {...common} />}
      <ul id={listId} role="listbox" aria-label="Template suggestions" className="suggestions" hidden={!open}>
        {items.map((s, i) => (
          <li
            key={s.value}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(e) => {
              e.preventDefault();
              take(s);
            }}
          >
            <code>{s.value}</code> <span className="muted">{s.detail}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
