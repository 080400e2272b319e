import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useQueryState } from '../common/useQueryState';
import { api } from '../api/client';
import type { ExecutionListing, WorkflowListing } from '../api/types';
import { can, useCaller } from '../auth/caller';
import { EmptyState } from '../common/EmptyState';
import { ErrorNotice } from '../common/ErrorNotice';
import { StatusBadge } from '../common/StatusBadge';
import { formatTime } from '../common/time';
import { useLoad } from '../common/useLoad';
import { OffsetPager } from '../common/OffsetPager';

const PAGE_SIZE = 20;
const STATUSES = ['draft', 'active', 'paused', 'archived'];
const SORTS: [string, string][] = [
  ['updatedAt:desc', 'Recently changed'],
  ['createdAt:desc', 'Newest'],
  ['name:asc', 'Name A–Z'],
  ['name:desc', 'Name Z–A'],
];

/** The organization's workflows the caller may read: search, filters, sort and pages, kept in the URL. */
export function WorkflowList() {
  const me = useCaller();
  const [params, change] = useQueryState();
  const search = params.get('search') ?? '';
  const status = params.get('status') ?? '';
  const tag = params.get('tag') ?? '';
  const sort = params.get('sort') ?? 'updatedAt:desc';
  const offset = Number(params.get('offset') ?? 0) || 0;
  const [typed, setTyped] = useState(search);

  // Searching waits for a pause in typing, so that every key press is not a request.
  useEffect(() => {
    if (typed === search) return;
    const timer = setTimeout(() => change({ search: typed, offset: '' }), 250);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [typed]);


  const listing = useLoad(
    (signal) =>
      api.get<WorkflowListing>('/api/v1/workflows', { search, status, tag, sort, limit: PAGE_SIZE, offset }, signal),
    [search, status, tag, sort, offset],
  );
  const stats = useLoad((signal) => api.get<Record<string, number>>('/api/v1/workflows/stats', undefined, signal), []);

  const filtered = Boolean(search || status || tag);
  const page = listing.data;

  return (
    <section aria-labelledby="workflows-title" className="page">
      <div className="page-head">
        <h1 id="workflows-title">Workflows</h1>
        {stats.data && (
          <p className="stats" aria-label="Workflows by status">
            {stats.data.total} in all · {stats.data.active} active · {stats.data.draft} draft · {stats.data.paused} paused ·{' '}
            {stats.data.archived} archived
          </p>
        )}
        {can(me, 'workflows:write') && (
          <Link className="button primary" to="/workflows/new">
            New workflow
          </Link>
        )}
      </div>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Search
          <input type="search" value={typed} placeholder="Name or description" onChange={(e) => setTyped(e.target.value)} />
        </label>
        <label>
          Status
          <select value={status} onChange={(e) => change({ status: e.target.value, offset: '' })}>
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tag
          <input value={tag} onChange={(e) => change({ tag: e.target.value.trim(), offset: '' })} />
        </label>
        <label>
          Sort
          <select value={sort} onChange={(e) => change({ sort: e.target.value })}>
            {SORTS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </form>
      <ErrorNotice error={listing.error} title="Could not list the workflows" />
      {page && page.workflows.length === 0 && (
        <EmptyState title={filtered ? 'No workflow matches' : 'No workflows yet'}>
          {filtered ? (
            <p>Change the search or the filters.</p>
          ) : (
            can(me, 'workflows:write') && (
              <p>
                <Link to="/workflows/new">Create the first workflow</Link> on the canvas.
              </p>
            )
          )}
        </EmptyState>
      )}
      {page && page.workflows.length > 0 && (
        <>
          <table className="list">
            <caption className="visually-hidden">Workflows, {page.count} in all</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Tags</th>
                <th scope="col">Version</th>
                <th scope="col">Changed</th>
                <th scope="col">Last runs</th>
              </tr>
            </thead>
            <tbody>
              {page.workflows.map((w) => (
                <tr key={w.id}>
                  <td>
                    <Link to={`/workflows/${w.id}`}>{w.name}</Link>
                    {w.description && <div className="muted">{w.description}</div>}
                  </td>
                  <td>
                    <StatusBadge status={w.status} />
                  </td>
                  <td>
                    {w.tags.map((t) => (
                      <button key={t} type="button" className="tag" onClick={() => change({ tag: t, offset: '' })} title={`Only workflows tagged ${t}`}>
                        {t}
                      </button>
                    ))}
                  </td>
                  <td>v{w.version}</td>
                  <td>{formatTime(w.updatedAt)}</td>
                  <td>
                    <LastRuns workflowId={w.id} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <OffsetPager offset={offset} shown={page.workflows.length} count={page.count} pageSize={PAGE_SIZE} onOffset={(o) => change({ offset: o ? String(o) : '' })} />
        </>
      )}
    </section>
  );
}

/** A workflow's last five executions as status dots linking to them, newest first. */
function LastRuns({ workflowId }: { workflowId: string }) {
  const runs = useLoad(
    (signal) => api.get<ExecutionListing>(`/api/v1/workflows/${workflowId}/executions`, { limit: 5 }, signal),
    [workflowId],
  );
  if (runs.error) return <span className="muted">—</span>;
  if (!runs.data) return <span className="muted">…</span>;
  if (runs.data.executions.length === 0) return <span className="muted">never run</span>;
  return (
    <span className="last-runs">
      {runs.data.executions.map((e) => (
        <Link key={e.id} to={`/executions/${e.id}`} className={`dot status-${e.status}`} title={`${e.status}, ${formatTime(e.createdAt)}`}>
          <span className="visually-hidden">
            {e.status} {formatTime(e.createdAt)}
          </span>
        </Link>
      ))}
      <Link to={`/workflows/${workflowId}/executions`} className="muted">
        all
      </Link>
    </span>
  );
}
