import type { DeclaredInput } from '../graph/ports';
import { FileField } from './FileField';
import type { FileRef } from './files';
import { isRequired, kindOf, type RawValue } from './runForm';

const HINTS: Record<string, string> = {
  text: 'Text',
  boolean: 'Yes or no',
  number: 'A number',
  integer: 'A whole number',
  object: 'A JSON object',
  array: 'A JSON array',
  any: 'JSON, or plain text',
  file: 'A file, uploaded as soon as it is chosen',
};

/** One labelled field for a declared trigger input, by its type, with its description and its errors. */
export function InputField({
  input,
  idPrefix,
  raw,
  errors,
  onChange,
  onBusy,
  disabled,
}: {
  input: DeclaredInput;
  idPrefix: string;
  raw: RawValue;
  errors: string[];
  onChange: (raw: RawValue) => void;
  onBusy: (busy: boolean) => void;
  disabled?: boolean;
}) {
  const kind = kindOf(input.type);
  const required = isRequired(input);
  const id = `${idPrefix}-${input.name}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hintId, errors.length ? errorId : ''].filter(Boolean).join(' ');
  const invalid = errors.length > 0;
  const hint = [input.description, HINTS[kind], required ? 'required' : ''].filter(Boolean).join(' · ');
  const text = typeof raw === 'string' ? raw : '';

  let control;
  switch (kind) {
    case 'boolean':
      control = (
        <input
          id={id}
          type="checkbox"
          checked={raw === true}
          disabled={disabled}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.checked)}
        />
      );
      break;
    case 'file':
      control = (
        <FileField
          id={id}
          value={raw && typeof raw === 'object' ? (raw as FileRef) : null}
          onChange={onChange}
          onBusy={onBusy}
          describedBy={describedBy}
          invalid={invalid}
          required={required}
          disabled={disabled}
        />
      );
      break;
    case 'object':
    case 'array':
    case 'any':
      control = (
        <textarea
          id={id}
          rows={kind === 'any' ? 2 : 4}
          value={text}
          spellCheck={false}
          disabled={disabled}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          aria-required={required || undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
    default:
      control = (
        <input
          id={id}
          type="text"
          inputMode={kind === 'number' ? 'decimal' : kind === 'integer' ? 'numeric' : undefined}
          value={text}
          disabled={disabled}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          aria-required={required || undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      );
  }

  return (
    <div className={`input-field kind-${kind}`}>
      <label htmlFor={id} className={[kind === 'boolean' ? 'inline' : '', required ? 'required' : ''].filter(Boolean).join(' ') || undefined}>
        {kind === 'boolean' && control}
        <span className="input-name">{input.name}</span>
      </label>
      {kind !== 'boolean' && control}
      <p id={hintId} className="hint">
        {hint}
      </p>
      {errors.length > 0 && (
        <p id={errorId} className="field-error">
          {errors.join('; ')}
        </p>
      )}
    </div>
  );
}
