import type { GraphConnection, GraphNode } from '../api/types';

/** One version as `GET .../versions` lists it. */
export interface VersionEntry {
  version: number;
  versionTag: string | null;
  description: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface VersionListing {
  workflowId: string;
  currentVersion: number;
  deployedVersion: number | null;
  versions: VersionEntry[];
}

/** One version with the graph it pinned, from `GET .../versions/{version}`. */
export interface VersionDefinition extends VersionEntry {
  workflowId: string;
  nodes: GraphNode[];
  connections: GraphConnection[];
  config: Record<string, unknown>;
  settings: Record<string, unknown>;
}

/** A version as one short name: `v3 (v1.2.0)`. */
export function versionName(v: Pick<VersionEntry, 'version' | 'versionTag'>): string {
  return v.versionTag ? `v${v.version} (${v.versionTag})` : `v${v.version}`;
}

/**
 * The two versions to compare: those the address names when the workflow has them, else the one before the
 * current and the current. Null when there is only one version.
 */
export function comparedPair(numbers: number[], from: string | null, to: string | null): { from: number; to: number } | null {
  if (numbers.length < 2) return null;
  const sorted = [...numbers].sort((a, b) => a - b);
  const has = (text: string | null) => (text !== null && sorted.includes(Number(text)) ? Number(text) : null);
  const last = sorted[sorted.length - 1];
  const pickedTo = has(to) ?? last;
  const before = sorted.filter((n) => n < pickedTo);
  const pickedFrom = has(from) ?? (before.length > 0 ? before[before.length - 1] : sorted[0] === pickedTo ? sorted[1] : sorted[0]);
  return { from: pickedFrom, to: pickedTo };
}
