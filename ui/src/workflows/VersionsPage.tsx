import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQueryState } from '../common/useQueryState';
import { api } from '../api/client';
import type { Workflow } from '../api/types';
import { useCaller } from '../auth/caller';
import { ErrorNotice } from '../common/ErrorNotice';
import { StatusBadge } from '../common/StatusBadge';
import { formatTime } from '../common/time';
import { useLoad } from '../common/useLoad';
import { userLabel, useOrganizationUsers } from '../settings/users';
import { CutVersionForm } from './CutVersionForm';
import { mayChange } from './lifecycle';
import { VersionCompare } from './VersionCompare';
import { comparedPair, versionName, type VersionEntry, type VersionListing } from './versions';
import { WorkflowActions } from './WorkflowActions';
import './versions.css';

/**
 * A workflow's versions, newest first, which one is current and which deployed; tagging a new one; and two of them
 * compared side by side (the pair is kept in the address: `?from=2&to=3`).
 */
export function VersionsPage() {
  const { id = '' } = useParams();
  const me = useCaller();
  const [params, change] = useQueryState();
  const [workflow, setWorkflow] = useState<Workflow | null>(null);
  const [notice, setNotice] = useState('');
  const loaded = useLoad((signal) => api.get<Workflow>(`/api/v1/workflows/${id}`, undefined, signal), [id]);
  const listing = useLoad((signal) => api.get<VersionListing>(`/api/v1/workflows/${id}/versions`, undefined, signal), [id]);
  const { users } = useOrganizationUsers(me);

  useEffect(() => {
    if (loaded.data) setWorkflow(loaded.data);
  }, [loaded.data]);

  const versions = listing.data?.versions ?? [];
  const pair = comparedPair(
    versions.map((v) => v.version),
    params.get('from'),
    params.get('to'),
  );
  const entry = (n: number) => versions.find((v) => v.version === n)!;
  const compare = (from: number, to: number) => change({ from: String(from), to: String(to) });

  if (loaded.error) {
    return (
      <section className="page">
        <ErrorNotice error={loaded.error} title="Could not open the workflow" />
        <Link to="/">Back to the workflows</Link>
      </section>
    );
  }

  return (
    <section aria-labelledby="versions-title" className="page versions-page">
      <div className="page-head">
        <div className="title-block">
          <Link to={`/workflows/${id}`} className="muted">
            ← {workflow?.name ?? 'Workflow'}
          </Link>
          <h1 id="versions-title">Versions{workflow ? ` of ${workflow.name}` : ''}</h1>
        </div>
        {workflow && <StatusBadge status={workflow.status} />}
        {workflow && (
          <WorkflowActions
            workflow={workflow}
            onChanged={(w) => {
              setWorkflow(w);
              listing.reload();
            }}
          />
        )}
      </div>
      {workflow && mayChange(me, workflow) && (
        <CutVersionForm
          workflowId={id}
          onCut={(version, tag) => {
            setNotice(`Version ${version} tagged ${tag}.`);
            listing.reload();
            loaded.reload();
          }}
        />
      )}
      <p role="status" className="versions-notice">
        {notice}
      </p>
      <ErrorNotice error={listing.error} title="Could not list the versions" />
      {listing.data && (
        <table className="list versions-table">
          <caption className="visually-hidden">Versions, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Tag</th>
              <th scope="col">Description</th>
              <th scope="col">Made by</th>
              <th scope="col">Made</th>
              <th scope="col">
                <span className="visually-hidden">Compare</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {[...versions].reverse().map((v) => {
              const previous = versions.filter((o) => o.version < v.version).pop();
              return (
                <tr key={v.version} className={pair && (pair.from === v.version || pair.to === v.version) ? 'compared' : undefined}>
                  <td>
                    v{v.version}
                    {v.version === listing.data!.currentVersion && <span className="badge">current</span>}
                    {v.version === listing.data!.deployedVersion && <span className="badge status-active">deployed</span>}
                  </td>
                  <td>{v.versionTag ? <code>{v.versionTag}</code> : <span className="muted">—</span>}</td>
                  <td>{v.description ?? <span className="muted">—</span>}</td>
                  <td>{userLabel(v.createdBy, me, users)}</td>
                  <td>{formatTime(v.createdAt)}</td>
                  <td>
                    {previous && (
                      <button type="button" onClick={() => compare(previous.version, v.version)} aria-label={`Compare v${v.version} with v${previous.version}`}>
                        Compare with v{previous.version}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {listing.data && !pair && <p className="muted empty-compare">There is one version so far: change the workflow or tag a version to have two to compare.</p>}
      {pair && (
        <>
          <form className="compare-picker" onSubmit={(e) => e.preventDefault()} aria-label="Versions to compare">
            <VersionSelect id="compare-from" label="Compare" versions={versions} value={pair.from} onChange={(v) => compare(v, pair.to)} />
            <VersionSelect id="compare-to" label="with" versions={versions} value={pair.to} onChange={(v) => compare(pair.from, v)} />
            <button type="button" onClick={() => compare(pair.to, pair.from)}>
              Swap
            </button>
          </form>
          <VersionCompare workflowId={id} from={entry(pair.from)} to={entry(pair.to)} />
        </>
      )}
    </section>
  );
}

function VersionSelect({
  id,
  label,
  versions,
  value,
  onChange,
}: {
  id: string;
  label: string;
  versions: VersionEntry[];
  value: number;
  onChange: (version: number) => void;
}) {
  return (
    <div className="picker-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            {versionName(v)}
          </option>
        ))}
      </select>
    </div>
  );
}
