import { useMemo } from 'react';
import { api } from '../api/client';
import { ErrorNotice } from '../common/ErrorNotice';
import { useLoad } from '../common/useLoad';
import { useTaskTypes } from '../graph/useTaskTypes';
import { VersionCanvas, type NodeMark } from './VersionCanvas';
import { diffVersions } from './versionDiff';
import { VersionDiffList } from './VersionDiffList';
import { versionName, type VersionDefinition, type VersionEntry } from './versions';

/**
 * Two versions side by side: what differs as a list, and both graphs read-only with the nodes that differ marked.
 * Each version's graph is read from `GET .../versions/{version}`.
 */
export function VersionCompare({ workflowId, from, to }: { workflowId: string; from: VersionEntry; to: VersionEntry }) {
  const pair = useLoad(
    (signal) =>
      Promise.all(
        [from.version, to.version].map((v) => api.get<VersionDefinition>(`/api/v1/workflows/${workflowId}/versions/${v}`, undefined, signal)),
      ),
    [workflowId, from.version, to.version],
  );
  const { types } = useTaskTypes();
  const [before, after] = pair.data ?? [];
  const loadedPair = before && after && before.version === from.version && after.version === to.version;
  const diff = useMemo(() => (loadedPair ? diffVersions(before, after) : null), [loadedPair, before, after]);
  const marks = useMemo(() => {
    const left = new Map<string, NodeMark>();
    const right = new Map<string, NodeMark>();
    if (diff) {
      diff.nodesRemoved.forEach((n) => left.set(n.id, 'removed'));
      diff.nodesAdded.forEach((n) => right.set(n.id, 'added'));
      diff.nodesChanged.forEach((n) => {
        left.set(n.id, 'changed');
        right.set(n.id, 'changed');
      });
    }
    return { left, right };
  }, [diff]);

  return (
    <section className="version-compare" aria-labelledby="compare-title" aria-busy={pair.loading}>
      <h2 id="compare-title">
        {versionName(from)} → {versionName(to)}
      </h2>
      <ErrorNotice error={pair.error} title="Could not read the versions" />
      {!diff && !pair.error && <p className="muted">Reading both versions…</p>}
      {diff && before && after && (
        <>
          <VersionDiffList diff={diff} fromName={versionName(from)} toName={versionName(to)} />
          {types && (
            <>
              <div className="version-canvases">
                <VersionCanvas title={versionName(from)} graph={before} marks={marks.left} types={types} />
                <VersionCanvas title={versionName(to)} graph={after} marks={marks.right} types={types} />
              </div>
              <p className="hint canvas-legend">
                Outlined nodes differ: <span className="legend-changed">changed</span>, <span className="legend-added">added</span>{' '}
                (right), <span className="legend-removed">removed</span> (left).
              </p>
            </>
          )}
        </>
      )}
    </section>
  );
}
