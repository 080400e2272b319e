import { useState, type FormEvent } from 'react';
import { request } from '../api/client';
import { ApiProblem } from '../api/problem';
import type { Execution } from '../api/types';
import { ErrorNotice } from '../common/ErrorNotice';
import { readJson } from './runForm';

/**
 * Sends an event to an execution whose node waits for one (`POST /workflows/{id}/executions/{eid}/events/{type}`,
 * the payload as the body); the node takes it and the live view shows it complete.
 */
export function SendEventForm({ execution, eventType, nodeId }: { execution: Execution; eventType: string; nodeId: string }) {
  const [type, setType] = useState(eventType);
  const [payload, setPayload] = useState('{}');
  const [payloadError, setPayloadError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const id = `event-${nodeId}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSent(null);
    const body = payload.trim() === '' ? { ok: true as const, value: null, omit: false } : readJson(payload);
    if (!body.ok) {
      setPayloadError(body.error);
      return;
    }
    setPayloadError(null);
    setSending(true);
    try {
      await request('POST', `/workflows/${encodeURIComponent(execution.workflowId)}/executions/${encodeURIComponent(execution.id)}/events/${encodeURIComponent(type.trim())}`, {
        body: body.value,
      });
      setSent(type.trim());
    } catch (problem) {
      setError(problem);
    } finally {
      setSending(false);
    }
  };

  const typeErrors = error instanceof ApiProblem ? error.errors.filter((p) => p.parameter === 'type').map((p) => p.detail) : [];
  const tooLarge = error instanceof ApiProblem && error.status === 413 ? [error.detail || 'the payload is too large'] : [];
  const payloadErrors = [...(payloadError ? [payloadError] : []), ...tooLarge];
  return (
    <form className="send-event" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>Send event</h3>
      <p className="hint">This node waits for an event of its type; the event's payload becomes its output.</p>
      <label htmlFor={`${id}-type`}>Event type</label>
      <input
        id={`${id}-type`}
        value={type}
        onChange={(e) => setType(e.target.value)}
        aria-invalid={typeErrors.length > 0 || undefined}
        aria-describedby={typeErrors.length ? `${id}-type-error` : undefined}
        required
      />
      {typeErrors.length > 0 && (
        <p id={`${id}-type-error`} className="field-error">
          {typeErrors.join('; ')}
        </p>
      )}
      <label htmlFor={`${id}-payload`}>Payload (JSON)</label>
      <textarea
        id={`${id}-payload`}
        rows={4}
        spellCheck={false}
        value={payload}
        onChange={(e) => setPayload(e.target.value)}
        aria-invalid={payloadErrors.length > 0 || undefined}
        aria-describedby={payloadErrors.length ? `${id}-payload-error` : undefined}
      />
      {payloadErrors.length > 0 && (
        <p id={`${id}-payload-error`} className="field-error">
          {payloadErrors.join('; ')}
        </p>
      )}
      <ErrorNotice error={error} title="Could not send the event" />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={sending || type.trim() === ''}>
          {sending ? 'Sending…' : 'Send event'}
        </button>
        <span role="status" className="hint">
          {sent ? `Event ${sent} sent.` : ''}
        </span>
      </div>
    </form>
  );
}
