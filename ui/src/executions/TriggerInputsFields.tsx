import { InputField } from './InputField';
import type { TriggerInputsState } from './useTriggerInputs';

/**
 * The fields of a trigger inputs form: one per declared input, or, when the trigger declares none, a JSON editor
 * for the whole trigger inputs object.
 */
export function TriggerInputsFields({ form, idPrefix, disabled }: { form: TriggerInputsState; idPrefix: string; disabled?: boolean }) {
  if (!form.inputs) {
    const id = `${idPrefix}-json`;
    const errors = form.errorsOf('');
    return (
      <div className="input-field kind-object">
        <label htmlFor={id}>Trigger inputs (JSON)</label>
        <textarea
          id={id}
          rows={6}
          value={form.json}
          spellCheck={false}
          disabled={disabled}
          aria-invalid={errors.length > 0 || undefined}
          aria-describedby={`${id}-hint${errors.length ? ` ${id}-error` : ''}`}
          onChange={(e) => form.setJson(e.target.value)}
        />
        <p id={`${id}-hint`} className="hint">
          The trigger declares no inputs: give any JSON object, read by the nodes as trigger ports.
        </p>
        {errors.length > 0 && (
          <p id={`${id}-error`} className="field-error">
            {errors.join('; ')}
          </p>
        )}
      </div>
    );
  }
  return (
    <div className="input-fields">
      {form.inputs.map((input) => (
        <InputField
          key={input.name}
          input={input}
          idPrefix={idPrefix}
          raw={form.raws[input.name] ?? null}
          errors={form.errorsOf(input.name)}
          onChange={(raw) => form.setRaw(input.name, raw)}
          onBusy={(busy) => form.setBusy(input.name, busy)}
          disabled={disabled}
        />
      ))}
    </div>
  );
}

/** Moves the focus to the first field marked invalid, so a keyboard user lands on what to fix. */
export function focusFirstInvalid(container: HTMLElement | null): void {
  container?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
