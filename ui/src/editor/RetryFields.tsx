import { useEffect, useId, useRef, useState, type InputHTMLAttributes } from 'react';
import type { GraphNode } from '../api/types';
import { FieldErrors } from './FieldErrors';
import { problemsAt, type FieldProblem } from './problems';

/** A node's retries in Cloudflare's words (docs/api-v1.md): `limit` and `delay` required, `backoff` optional. */
interface Retries {
  limit?: number | string;
  delay?: number | string;
  backoff?: string;
}

const BACKOFFS = ['constant', 'linear', 'exponential'];

/** A duration as typed: whole milliseconds as a number, words (`5 seconds`) or ISO-8601 as text, nothing as none. */
export function parseDuration(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return /^\d+$/.test(t) ? Number(t) : t;
}

/** The node with its retries set from the three fields: none at all when every field is empty. */
export function withRetries(node: GraphNode, patch: Retries): GraphNode {
  const current = (node.retries && typeof node.retries === 'object' ? node.retries : {}) as Retries;
  const next: Retries = { ...current, ...patch };
  for (const key of Object.keys(next) as (keyof Retries)[]) if (next[key] === undefined) delete next[key];
  const { retries: _old, ...rest } = node;
  return Object.keys(next).length ? { ...rest, retries: next } : rest;
}

export function withTimeout(node: GraphNode, value: number | string | undefined): GraphNode {
  const { timeout: _old, ...rest } = node;
  return value === undefined ? rest : { ...rest, timeout: value };
}

/** A duration field that keeps what is typed (`5 s` on the way to `5 seconds`) and reports what it means. */
function DurationInput({ value, onValue, ...rest }: { value: unknown; onValue: (v: number | string | undefined) => void } & Omit<InputHTMLAttributes<HTMLInputElement>, 'value'>) {
  const format = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  const [text, setText] = useState(() => format(value));
  const shown = useRef(value);
  useEffect(() => {
    if (shown.current === value) return;
    shown.current = value;
    setText(format(value));
  }, [value]);
  return (
    <input
      {...rest}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const parsed = parseDuration(e.target.value);
        shown.current = parsed;
        onValue(parsed);
      }}
    />
  );
}

/**
 * A task node's own retries and time limit, folded away unless set or refused. Left empty, the node takes them
 * from the workflow's settings or the execution's defaults.
 */
export function RetryFields({ node, problems, onChange }: { node: GraphNode; problems: FieldProblem[]; onChange: (node: GraphNode) => void }) {
  const id = useId();
  const retries = (node.retries && typeof node.retries === 'object' ? node.retries : {}) as Retries;
  const errors = { limit: problemsAt(problems, 'retries/limit'), delay: problemsAt(problems, 'retries/delay'), backoff: problemsAt(problems, 'retries/backoff'), timeout: problemsAt(problems, 'timeout') };
  const general = problems.filter((p) => p.field === 'retries').map((p) => p.detail);
  const anyProblem = general.length > 0 || Object.values(errors).some((e) => e.length > 0);
  const set = node.retries !== undefined || node.timeout !== undefined;
  const show = (name: keyof typeof errors) => <FieldErrors id={`${id}-${name}`} errors={errors[name]} />;
  const aria = (name: keyof typeof errors) => ({
    'aria-invalid': errors[name].length > 0 || undefined,
    'aria-describedby': errors[name].length > 0 ? `${id}-${name}` : `${id}-about`,
  });
  return (
    <details className="retry-fields" open={set || anyProblem}>
      <summary>Retries and time limit</summary>
      <p className="hint" id={`${id}-about`}>
        Durations in milliseconds or words such as <code>10 seconds</code>. Left empty, the workflow's settings apply.
      </p>
      {general.length > 0 && <p className="field-error">{general.join('; ')}</p>}
      <div className="row">
        <label>
          Retries
          <input type="number" min={0} max={20} step={1} value={retries.limit ?? ''} onChange={(e) => onChange(withRetries(node, { limit: e.target.value === '' ? undefined : Number(e.target.value) }))} {...aria('limit')} />
        </label>
        <label>
          First retry after
          <DurationInput value={retries.delay} onValue={(delay) => onChange(withRetries(node, { delay }))} {...aria('delay')} />
        </label>
      </div>
      {show('limit')}
      {show('delay')}
      <label>
        Backoff
        <select value={retries.backoff ?? ''} onChange={(e) => onChange(withRetries(node, { backoff: e.target.value || undefined }))} {...aria('backoff')}>
          <option value="">exponential (default)</option>
          {BACKOFFS.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </label>
      {show('backoff')}
      <label>
        Time limit of an attempt
        <DurationInput value={node.timeout} onValue={(timeout) => onChange(withTimeout(node, timeout))} {...aria('timeout')} />
      </label>
      {show('timeout')}
    </details>
  );
}
