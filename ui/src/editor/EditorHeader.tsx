import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { Workflow } from '../api/types';
import { StatusBadge } from '../common/StatusBadge';
import { WorkflowActions } from '../workflows/WorkflowActions';
import { FieldErrors } from './FieldErrors';
import type { HeaderField } from './problems';

/** The header's fields as typed: tags as one comma-separated text. */
export interface HeaderValues {
  name: string;
  description: string;
  tags: string;
}

/** Tags as the API takes them: trimmed, without empty ones or repeats. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(',').map((t) => t.trim()).filter(Boolean))];
}

interface Props {
  workflow: Workflow | null;
  values: HeaderValues;
  problems: Partial<Record<HeaderField, string[]>>;
  dirty: boolean;
  saving: boolean;
  canWrite: boolean;
  message: string;
  onChange: (field: HeaderField, value: string) => void;
  onSave: () => void;
  onWorkflowChanged: (workflow: Workflow) => void;
}

/**
 * The workflow's name, description and tags (a small form whose fields show the server's problems), its version and
 * status, its actions, and Save, Run, Executions and Versions.
 */
export function EditorHeader({ workflow, values, problems, dirty, saving, canWrite, message, onChange, onSave, onWorkflowChanged }: Props) {
  const id = useId();
  const runBlocked = !workflow ? 'Save to run it.' : dirty ? 'Save the changes to run them.' : null;
  return (
    <header className="editor-header nokey">
      <form className="editor-meta" aria-label="Workflow details" onSubmit={(e) => e.preventDefault()}>
        <HeaderField id={`${id}-name`} label="Name" errors={problems.name}>
          <input id={`${id}-name`} value={values.name} required maxLength={200} onChange={(e) => onChange('name', e.target.value)} {...invalid(`${id}-name`, problems.name)} />
        </HeaderField>
        <HeaderField id={`${id}-description`} label="Description" errors={problems.description}>
          <input id={`${id}-description`} value={values.description} maxLength={10000} onChange={(e) => onChange('description', e.target.value)} {...invalid(`${id}-description`, problems.description)} />
        </HeaderField>
        <HeaderField id={`${id}-tags`} label="Tags" hint="comma-separated" errors={problems.tags}>
          <input id={`${id}-tags`} value={values.tags} onChange={(e) => onChange('tags', e.target.value)} {...invalid(`${id}-tags`, problems.tags)} />
        </HeaderField>
      </form>
      <div className="editor-bar">
        <p className="editor-version">
          {workflow ? (
            <>
              Version <strong>{workflow.version}</strong> <StatusBadge status={workflow.status} />
            </>
          ) : (
            'New workflow'
          )}
          {dirty && <span className="unsaved"> · unsaved changes</span>}
        </p>
        {workflow && <WorkflowActions workflow={workflow} onChanged={onWorkflowChanged} />}
        <div className="editor-buttons">
          <button type="button" className="primary" onClick={onSave} disabled={saving || !canWrite} title={canWrite ? 'Save (Ctrl+S)' : 'Your key may not change workflows'}>
            {saving ? 'Saving…' : 'Save'}
          </button>
          {runBlocked ? (
            <>
              <button type="button" disabled aria-describedby={`${id}-run`}>
                Run
              </button>
              <span id={`${id}-run`} className="hint">
                {runBlocked}
              </span>
            </>
          ) : (
            <Link className="button" to={`/workflows/${workflow!.id}/run`}>
              Run
            </Link>
          )}
          {workflow && (
            <>
              <Link to={`/workflows/${workflow.id}/executions`}>Executions</Link>
              <Link to={`/workflows/${workflow.id}/versions`}>Versions</Link>
            </>
          )}
        </div>
        <p className="save-status" role="status">
          {message}
        </p>
      </div>
    </header>
  );
}

function invalid(id: string, errors: string[] | undefined) {
  return errors?.length ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {};
}

function HeaderField({ id, label, hint, errors, children }: { id: string; label: string; hint?: string; errors?: string[]; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {hint && <span className="hint"> ({hint})</span>}
      </label>
      {children}
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  );
}
