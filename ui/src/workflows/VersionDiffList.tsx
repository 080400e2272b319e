import type { ReactNode } from 'react';
import type { GraphNode } from '../api/types';
import { countChanges, describeConnection, formatValue, type FieldChange, type VersionDiff } from './versionDiff';

/** What differs between two versions as lists a reader scans: every change says in words what happened. */
export function VersionDiffList({ diff, fromName, toName }: { diff: VersionDiff; fromName: string; toName: string }) {
  const total = countChanges(diff);
  if (total === 0) {
    return <p className="diff-same">{fromName} and {toName} have the same nodes, connections, settings and config.</p>;
  }
  return (
    <div className="diff-list">
      <p className="diff-summary">{summary(diff)}</p>
      {diff.nodesAdded.length > 0 && (
        <DiffSection title="Nodes added">
          <ul>
            {diff.nodesAdded.map((n) => (
              <li key={n.id} className="diff-added">
                <Mark kind="added" /> <NodeName node={n} />
              </li>
            ))}
          </ul>
        </DiffSection>
      )}
      {diff.nodesRemoved.length > 0 && (
        <DiffSection title="Nodes removed">
          <ul>
            {diff.nodesRemoved.map((n) => (
              <li key={n.id} className="diff-removed">
                <Mark kind="removed" /> <NodeName node={n} />
              </li>
            ))}
          </ul>
        </DiffSection>
      )}
      {diff.nodesChanged.length > 0 && (
        <DiffSection title="Nodes changed">
          {diff.nodesChanged.map((n) => (
            <div key={n.id} className="diff-node" data-node={n.id}>
              <h4>
                <Mark kind="changed" /> <code>{n.id}</code>
              </h4>
              <ChangeTable changes={n.changes} fromName={fromName} toName={toName} caption={`Changes of node ${n.id}`} />
            </div>
          ))}
        </DiffSection>
      )}
      {(diff.connectionsAdded.length > 0 || diff.connectionsRemoved.length > 0) && (
        <DiffSection title="Connections">
          <ul>
            {diff.connectionsRemoved.map((c) => (
              <li key={`-${describeConnection(c)}`} className="diff-removed">
                <Mark kind="removed" /> <code>{describeConnection(c)}</code>
              </li>
            ))}
            {diff.connectionsAdded.map((c) => (
              <li key={`+${describeConnection(c)}`} className="diff-added">
                <Mark kind="added" /> <code>{describeConnection(c)}</code>
              </li>
            ))}
          </ul>
        </DiffSection>
      )}
      {diff.settings.length > 0 && (
        <DiffSection title="Settings">
          <ChangeTable changes={diff.settings} fromName={fromName} toName={toName} caption="Changes of the settings" />
        </DiffSection>
      )}
      {diff.config.length > 0 && (
        <DiffSection title="Workflow config">
          <ChangeTable changes={diff.config} fromName={fromName} toName={toName} caption="Changes of the workflow config" />
        </DiffSection>
      )}
    </div>
  );
}

function summary(diff: VersionDiff): string {
  const parts: [number, string, string][] = [
    [diff.nodesAdded.length, 'node added', 'nodes added'],
    [diff.nodesRemoved.length, 'node removed', 'nodes removed'],
    [diff.nodesChanged.length, 'node changed', 'nodes changed'],
    [diff.connectionsAdded.length, 'connection added', 'connections added'],
    [diff.connectionsRemoved.length, 'connection removed', 'connections removed'],
    [diff.settings.length, 'setting changed', 'settings changed'],
    [diff.config.length, 'config value changed', 'config values changed'],
  ];
  return parts
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => `${n} ${n === 1 ? one : many}`)
    .join(' · ');
}

function DiffSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="diff-section">
      <h3>{title}</h3>
      {children}
    </section>
  );
}

/** The word of a change, so that colour is never the only sign of it. */
function Mark({ kind }: { kind: 'added' | 'removed' | 'changed' }) {
  const sign = { added: '+', removed: '−', changed: '~' }[kind];
  return (
    <span className={`diff-mark diff-mark-${kind}`}>
      <span aria-hidden="true">{sign}</span>
      <span className="visually-hidden">{kind}</span>
    </span>
  );
}

function NodeName({ node }: { node: GraphNode }) {
  return (
    <>
      <code>{node.id}</code> <span className="muted">{node.nodeId}</span>
      {node.label && node.label !== node.id && <> “{node.label}”</>}
    </>
  );
}

function ChangeTable({ changes, fromName, toName, caption }: { changes: FieldChange[]; fromName: string; toName: string; caption: string }) {
  return (
    <table className="diff-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">{fromName}</th>
          <th scope="col">{toName}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.field}>
            <th scope="row">
              <code>{c.field}</code>
            </th>
            <td className="diff-before">
              <code>{formatValue(c.before)}</code>
            </td>
            <td className="diff-after">
              <code>{formatValue(c.after)}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
