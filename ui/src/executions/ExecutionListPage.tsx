import './executions.css';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQueryState } from '../common/useQueryState';
import { api } from '../api/client';
import type { ExecutionListing, Workflow } from '../api/types';
import { can, useCaller } from '../auth/caller';
import { EmptyState } from '../common/EmptyState';
import { ErrorNotice } from '../common/ErrorNotice';
import { StatusBadge } from '../common/StatusBadge';
import { formatDuration, formatTime } from '../common/time';
import { useLoad } from '../common/useLoad';
import { EXECUTION_STATUSES, offsetOf, PAGE_SIZE, statusesOf, statusParam } from './executionFilters';
import { OffsetPager } from '../common/OffsetPager';

/** `/#/workflows/:id/executions`: the workflow's executions, newest first, filtered by status and paged, kept in the URL. */
export function ExecutionListPage() {
  const { id = '' } = useParams();
  const me = useCaller();
  const [params, change] = useQueryState();
  const statuses = statusesOf(params.get('status'));
  const status = statusParam(statuses);
  const offset = offsetOf(params.get('offset'));
  // The boxes follow the user's clicks at once; the address (changed in a transition) follows, and wins on back/forward.
  const [ticked, setTicked] = useState<string[]>(statuses);
  useEffect(() => setTicked(statusesOf(status)), [status]);

  const workflow = useLoad((signal) => api.get<Workflow>(`/api/v1/workflows/${encodeURIComponent(id)}`, undefined, signal), [id]);
  const listing = useLoad(
    (signal) =>
      api.get<ExecutionListing>(`/api/v1/workflows/${encodeURIComponent(id)}/executions`, { status, limit: PAGE_SIZE, offset }, signal),
    [id, status, offset],
  );

  const toggle = (s: string, on: boolean) => {
    const next = new Set<string>(ticked);
    if (on) next.add(s);
    else next.delete(s);
    setTicked(statusesOf(statusParam(next)));
    change({ status: statusParam(next), offset: '' });
  };

  const page = listing.data;
  const name = workflow.data?.name ?? id;
  return (
    <section className="page" aria-labelledby="executions-title">
      <div className="page-head">
        <h1 id="executions-title">Executions of {name}</h1>
        <Link to={`/workflows/${id}`}>Open in the editor</Link>
        {can(me, 'workflows:execute') && (
          <Link className="button primary" to={`/workflows/${id}/run`}>
            Run
          </Link>
        )}
      </div>
      <ErrorNotice error={workflow.error} title="Could not read the workflow" />
      <form className="filters" role="search" aria-label="Filter the executions" onSubmit={(e) => e.preventDefault()}>
        <fieldset className="status-filter">
          <legend>Status</legend>
          {EXECUTION_STATUSES.map((s) => (
            <label key={s} className="inline">
              <input type="checkbox" checked={ticked.includes(s)} onChange={(e) => toggle(s, e.target.checked)} />
              {s}
            </label>
          ))}
          <button
            type="button"
            disabled={ticked.length === 0}
            onClick={() => {
              setTicked([]);
              change({ status: '', offset: '' });
            }}
          >
            Any status
          </button>
        </fieldset>
      </form>
      <ErrorNotice error={listing.error} title="Could not list the executions" />
      {page && page.executions.length === 0 && (
        <EmptyState title={status ? 'No execution matches' : 'Not run yet'}>
          {status ? (
            <p>No execution of this workflow is {statuses.join(' or ')}. Choose other statuses.</p>
          ) : (
            can(me, 'workflows:execute') && (
              <p>
                <Link to={`/workflows/${id}/run`}>Run it</Link> to see its executions here.
              </p>
            )
          )}
        </EmptyState>
      )}
      {page && page.executions.length > 0 && (
        <>
          <table className="list executions">
            <caption className="visually-hidden">
              Executions, newest first, {page.count} in all{status ? `, ${statuses.join(' or ')}` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Execution</th>
                <th scope="col">Status</th>
                <th scope="col">Version</th>
                <th scope="col">Created</th>
                <th scope="col">Started</th>
                <th scope="col">Finished</th>
                <th scope="col">Duration</th>
              </tr>
            </thead>
            <tbody>
              {page.executions.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Link to={`/executions/${e.id}`}>
                      <code>{e.id}</code>
                    </Link>
                    {e.rerunOf && <div className="muted">rerun of {e.rerunOf}</div>}
                  </td>
                  <td>
                    <StatusBadge status={e.status} />
                  </td>
                  <td>{e.workflowVersion < 0 ? 'own' : `v${e.workflowVersion}`}</td>
                  <td>{formatTime(e.createdAt)}</td>
                  <td>{formatTime(e.startedAt)}</td>
                  <td>{formatTime(e.finishedAt)}</td>
                  <td>{e.finishedAt ? formatDuration(e.startedAt, e.finishedAt) : e.startedAt ? `${formatDuration(e.startedAt, null)} so far` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <OffsetPager offset={offset} shown={page.executions.length} count={page.count} pageSize={PAGE_SIZE} onOffset={(o) => change({ offset: o ? String(o) : '' })} />
        </>
      )}
    </section>
  );
}
