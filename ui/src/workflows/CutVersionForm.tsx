import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { ApiProblem } from '../api/problem';
import { ErrorNotice } from '../common/ErrorNotice';
import { FieldError, invalidProps } from '../common/FieldError';
import { fieldProblem, formLevelError } from '../common/fieldProblems';

/**
 * Cuts a new version from the workflow's current definition under a tag (unique within the workflow: a tag it
 * already has is refused on the tag field) and a description of what changed.
 */
export function CutVersionForm({ workflowId, onCut }: { workflowId: string; onCut: (version: number, tag: string) => void }) {
  const [tag, setTag] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: { versionTag: string; description?: string } = { versionTag: tag.trim() };
      if (description.trim()) body.description = description.trim();
      const cut = await api.post<{ version: number; versionTag: string }>(`/api/v1/workflows/${workflowId}/versions`, body);
      setTag('');
      setDescription('');
      onCut(cut.version, cut.versionTag);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  // A tag the workflow already has is a 409 without a pointer: it belongs to the tag field.
  const taken = error instanceof ApiProblem && error.status === 409 ? error.detail : undefined;
  const tagError = fieldProblem(error, '#/versionTag') ?? taken;
  const descriptionError = fieldProblem(error, '#/description');
  const rest = taken ? null : formLevelError(error, ['#/versionTag', '#/description']);

  return (
    <form className="cut-version" onSubmit={submit} noValidate aria-labelledby="cut-version-title">
      <h2 id="cut-version-title">Tag a new version</h2>
      <p className="hint">Snapshots the saved current definition as a new version carrying the tag.</p>
      <div className="cut-version-fields">
        <label>
          Tag
          <input value={tag} onChange={(e) => setTag(e.target.value)} maxLength={100} placeholder="v1.0.0" required {...invalidProps('version-tag-error', tagError)} />
        </label>
        <label className="grow">
          Description
          <input value={description} onChange={(e) => setDescription(e.target.value)} placeholder="What changed" {...invalidProps('version-description-error', descriptionError)} />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Tagging…' : 'Tag version'}
        </button>
      </div>
      <FieldError id="version-tag-error" message={tagError} />
      <FieldError id="version-description-error" message={descriptionError} />
      <ErrorNotice error={rest} title="The version was not tagged" />
    </form>
  );
}
