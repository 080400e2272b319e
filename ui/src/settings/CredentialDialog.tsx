import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { ApiProblem } from '../api/problem';
import { ErrorNotice } from '../common/ErrorNotice';
import { FieldError, invalidProps } from '../common/FieldError';
import { fieldProblem, formLevelError } from '../common/fieldProblems';
import { ModalDialog } from '../common/ModalDialog';
import {
  credentialBody,
  defaultTemplates,
  fieldsOfKind,
  KINDS,
  rowProblems,
  rowsFor,
  type Credential,
  type CredentialForm,
  type UsableBy,
  type ValueRow,
} from './credentials';

const FIELDS = ['#/name', '#/type', '#/usableBy', '#/templates', '#/value'];

/**
 * Creates a credential, or replaces one (`existing`): its name, type, who may use it, and its value's fields as
 * password inputs. Values are write-only: a replacement starts from the field names with every value empty, and the
 * values typed are dropped with the dialog once saved.
 */
export function CredentialDialog({
  existing,
  onSaved,
  onClose,
}: {
  existing?: Credential;
  onSaved: (saved: Credential) => void;
  onClose: () => void;
}) {
  const [form, setForm] = useState<CredentialForm>(() => ({
    name: existing?.name ?? '',
    type: existing?.type ?? '',
    usableBy: existing?.usableBy ?? 'admins',
    templates: existing?.templates ?? defaultTemplates('admins'),
    rows: rowsFor(existing?.fields ?? []),
  }));
  const [templatesTouched, setTemplatesTouched] = useState(existing !== undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [checked, setChecked] = useState(false);
  const problems = rowProblems(form.rows);

  const change = (patch: Partial<CredentialForm>) => setForm((f) => ({ ...f, ...patch }));
  const changeRow = (key: number, patch: Partial<ValueRow>) =>
    change({ rows: form.rows.map((r) => (r.key === key ? { ...r, ...patch } : r)) });
  const changeType = (type: string) => {
    const fields = fieldsOfKind(type);
    const untouched = form.rows.every((r) => r.value === '' && (r.field === '' || fieldsOfKind(form.type)?.includes(r.field)));
    change(fields && untouched ? { type, rows: rowsFor(fields) } : { type });
  };
  const changeUsableBy = (usableBy: UsableBy) =>
    change(templatesTouched ? { usableBy } : { usableBy, templates: defaultTemplates(usableBy) });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (problems.size > 0) return;
    setBusy(true);
    setError(null);
    try {
      const saved = existing
        ? await api.put<Credential>(`/api/v1/credentials/${encodeURIComponent(existing.name)}`, credentialBody(form, false))
        : await api.post<Credential>('/api/v1/credentials', credentialBody(form, true));
      onSaved(saved);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  // A name already taken is a 409 without a pointer: it belongs to the name field.
  const taken = error instanceof ApiProblem && error.status === 409 ? error.detail : undefined;
  const nameError = fieldProblem(error, '#/name') ?? taken;
  const typeError = fieldProblem(error, '#/type');
  const usableByError = fieldProblem(error, '#/usableBy');
  const valueError = error instanceof ApiProblem ? error.errors.find((e) => e.pointer === '#/value')?.detail : undefined;
  const rest = taken ? null : formLevelError(error, FIELDS);
  const rowError = (row: ValueRow) =>
    (checked ? problems.get(row.key) : undefined) ?? (row.field.trim() ? fieldProblem(error, `#/value/${row.field.trim()}`) : undefined);

  return (
    <ModalDialog title={existing ? `Replace “${existing.name}”` : 'New credential'} onClose={onClose} className="credential-dialog">
      <form onSubmit={submit} noValidate className="stack-form" autoComplete="off">
        {existing ? (
          <p className="hint">
            Values are write-only and are never shown: enter every field again. What you leave out is no longer part of
            the credential.
          </p>
        ) : (
          <label>
            Name
            <input
              value={form.name}
              onChange={(e) => change({ name: e.target.value })}
              maxLength={100}
              required
              data-autofocus
              placeholder="openai"
              {...invalidProps('credential-name-error', nameError)}
            />
          </label>
        )}
        <FieldError id="credential-name-error" message={nameError} />
        <div className="inline">
          <label>
            Type
            <input
              value={form.type}
              list="credential-kinds"
              onChange={(e) => changeType(e.target.value)}
              placeholder="optional: openai, sql, http…"
              {...invalidProps('credential-type-error', typeError)}
            />
            <datalist id="credential-kinds">
              {KINDS.map((k) => (
                <option key={k.type} value={k.type}>
                  {k.label}
                </option>
              ))}
            </datalist>
          </label>
          <label>
            Usable by
            <select
              value={form.usableBy}
              onChange={(e) => changeUsableBy(e.target.value as UsableBy)}
              {...invalidProps('credential-usable-error', usableByError)}
            >
              <option value="admins">Executions started with an admin key</option>
              <option value="organization">Executions started by any key of the organization</option>
            </select>
          </label>
        </div>
        <FieldError id="credential-type-error" message={typeError} />
        <FieldError id="credential-usable-error" message={usableByError} />
        <label className="check">
          <input
            type="checkbox"
            checked={form.templates}
            onChange={(e) => {
              setTemplatesTouched(true);
              change({ templates: e.target.checked });
            }}
          />
          <span>
            Let <code>{'{{ secrets.<name> }}'}</code> templates read the value{' '}
            <span className="hint">(whoever may template it may read it; task types' own credential input works either way)</span>
          </span>
        </label>
        <fieldset aria-describedby={valueError ? 'credential-value-error' : undefined}>
          <legend>Value</legend>
          <p className="hint">Each field's value is sent once and never shown again.</p>
          <div className="value-rows">
            {form.rows.map((row, index) => {
              const message = rowError(row);
              const errorId = `credential-row-${row.key}-error`;
              return (
                <div key={row.key} className="value-row">
                  <label>
                    Field {index + 1} name
                    <input value={row.field} onChange={(e) => changeRow(row.key, { field: e.target.value })} placeholder="api_key" spellCheck={false} {...invalidProps(errorId, message)} />
                  </label>
                  <label>
                    Field {index + 1} value
                    <input
                      type="password"
                      value={row.value}
                      autoComplete="new-password"
                      onChange={(e) => changeRow(row.key, { value: e.target.value })}
                      {...invalidProps(errorId, message)}
                    />
                  </label>
                  <button
                    type="button"
                    onClick={() => change({ rows: form.rows.length > 1 ? form.rows.filter((r) => r.key !== row.key) : rowsFor([]) })}
                    aria-label={`Remove field ${index + 1}`}
                  >
                    Remove
                  </button>
                  <FieldError id={errorId} message={message} />
                </div>
              );
            })}
          </div>
          <button type="button" onClick={() => change({ rows: [...form.rows, ...rowsFor([])] })}>
            Add field
          </button>
        </fieldset>
        <FieldError id="credential-value-error" message={valueError} />
        <ErrorNotice error={rest} title="The credential was not saved" />
        <div className="modal-actions">
          <button type="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : existing ? 'Replace credential' : 'Save credential'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
