import { useId } from 'react';
import type { DeclaredInput } from '../graph/ports';
import { fieldKind } from './fieldValue';
import { FieldErrors } from './FieldErrors';
import { idProblem } from './nodeIds';
import { problemsAt, type FieldProblem } from './problems';
import { useFieldText } from './useFieldText';

export const INPUT_TYPES = ['text', 'number', 'integer', 'boolean', 'object', 'array', 'file', 'any'];

interface Props {
  inputs: DeclaredInput[];
  problems: FieldProblem[];
  onChange: (inputs: DeclaredInput[]) => void;
  onError: (field: string, error: string | null) => void;
}

/**
 * The inputs the trigger declares, in seed 001's shape (`config.inputs`): each becomes an output port of the
 * trigger and `inputs.<name>` in templates, and is checked when an execution starts.
 */
export function TriggerInputsForm({ inputs, problems, onChange, onError }: Props) {
  const change = (index: number, input: DeclaredInput) => onChange(inputs.map((x, i) => (i === index ? input : x)));
  return (
    <section className="trigger-inputs" aria-labelledby="trigger-inputs-title">
      <h3 id="trigger-inputs-title">Inputs</h3>
      {inputs.length === 0 && (
        <p className="hint">No input declared: an execution may give any inputs. Declare one to check it and to read it as {'{{ inputs.<name> }}'}.</p>
      )}
      {inputs.map((input, index) => (
        <InputRow
          key={index}
          index={index}
          input={input}
          names={inputs.filter((_, i) => i !== index).map((x) => x.name)}
          problems={problems.filter((p) => p.field?.startsWith(`config/inputs/${index}`))}
          onChange={(next) => change(index, next)}
          onRemove={() => {
            onError(`config/inputs/${index}/default`, null);
            onChange(inputs.filter((_, i) => i !== index));
          }}
          onError={(error) => onError(`config/inputs/${index}/default`, error)}
        />
      ))}
      <button type="button" onClick={() => onChange([...inputs, { name: nextName(inputs), type: 'text', required: true }])}>
        Add an input
      </button>
    </section>
  );
}

function nextName(inputs: DeclaredInput[]): string {
  const taken = new Set(inputs.map((i) => i.name));
  for (let n = 1; ; n++) if (!taken.has(`input_${n}`)) return `input_${n}`;
}

interface RowProps {
  index: number;
  input: DeclaredInput;
  names: string[];
  problems: FieldProblem[];
  onChange: (input: DeclaredInput) => void;
  onRemove: () => void;
  onError: (error: string | null) => void;
}

function InputRow({ index, input, names, problems, onChange, onRemove, onError }: RowProps) {
  const id = useId();
  const type = input.type ?? 'any';
  const at = (field: string) => problemsAt(problems, `config/inputs/${index}/${field}`);
  const nameProblem = idProblem(input.name, names);
  const nameErrors = [...(nameProblem ? [nameProblem] : []), ...at('name')];
  const set = (patch: Partial<DeclaredInput>) => {
    const next: DeclaredInput = { ...input, ...patch };
    for (const key of Object.keys(next) as (keyof DeclaredInput)[]) if (next[key] === undefined || next[key] === '') delete next[key];
    onChange({ ...next, name: next.name ?? '' });
  };
  const fallback = useFieldText(type, input.default, (value) => set({ default: value }), onError);
  const defaultErrors = [...(fallback.error ? [fallback.error] : []), ...at('default')];
  const field = (name: string, errors: string[]) => ({
    'aria-invalid': errors.length > 0 || undefined,
    'aria-describedby': errors.length ? `${id}-${name}-error` : undefined,
  });
  const errorList = (name: string, errors: string[]) => <FieldErrors id={`${id}-${name}-error`} errors={errors} />;

  return (
    <fieldset className="trigger-input">
      <legend>{input.name || `Input ${index + 1}`}</legend>
      <label>
        Name
        <input value={input.name} onChange={(e) => set({ name: e.target.value })} {...field('name', nameErrors)} />
      </label>
      {errorList('name', nameErrors)}
      <label>
        Type
        <select value={type} onChange={(e) => set({ type: e.target.value, default: undefined })} {...field('type', at('type'))}>
          {INPUT_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      {errorList('type', at('type'))}
      <label className="inline">
        <input type="checkbox" checked={input.required ?? input.default === undefined} onChange={(e) => set({ required: e.target.checked })} />
        Required
      </label>
      <label>
        Default
        {fieldKind(type) === 'json' ? (
          <textarea rows={2} value={fallback.text} onChange={(e) => fallback.setText(e.target.value)} {...field('default', defaultErrors)} />
        ) : (
          <input value={fallback.text} onChange={(e) => fallback.setText(e.target.value)} {...field('default', defaultErrors)} />
        )}
      </label>
      {errorList('default', defaultErrors)}
      <label>
        Description
        <input value={input.description ?? ''} onChange={(e) => set({ description: e.target.value })} {...field('description', at('description'))} />
      </label>
      {errorList('description', at('description'))}
      <button type="button" className="danger small" onClick={onRemove}>
        Remove {input.name || `input ${index + 1}`}
      </button>
    </fieldset>
  );
}
