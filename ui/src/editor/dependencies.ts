import type { GraphNode } from '../api/types';

/** An edge of the dependency graph: `target` runs after `source`. */
export interface Dependency {
  source: string;
  target: string;
}

/** The task names a config's templates read (`{{ tasks.greet.outputs.text }}` reads `greet`). */
export function templateReads(config: unknown): Set<string> {
  const found = new Set<string>();
  const visit = (value: unknown) => {
    if (typeof value === 'string') {
      for (const block of value.match(/\{\{[\s\S]*?\}\}/g) ?? []) {
        for (const m of block.matchAll(/\btasks\.([A-Za-z_][A-Za-z0-9_]*)/g)) found.add(m[1]);
      }
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(config);
  return found;
}

/** What each node waits for: its connections and the tasks its templates read (as the engine orders them). */
export function dependencies(nodes: GraphNode[], edges: { source: string; target: string }[]): Dependency[] {
  const ids = new Set(nodes.map((n) => n.id));
  const fromTemplates = nodes.flatMap((n) =>
    [...templateReads(n.config)].filter((id) => ids.has(id) && id !== n.id).map((id) => ({ source: id, target: n.id })),
  );
  return [...edges.map(({ source, target }) => ({ source, target })), ...fromTemplates];
}

/** The nodes that `id` leads to, directly or not (itself excluded). */
export function downstreamOf(id: string, deps: Dependency[]): Set<string> {
  return reachable(id, deps, (d) => [d.source, d.target]);
}

/** The nodes that lead to `id`, directly or not (itself excluded). */
export function upstreamOf(id: string, deps: Dependency[]): Set<string> {
  return reachable(id, deps, (d) => [d.target, d.source]);
}

function reachable(start: string, deps: Dependency[], direction: (d: Dependency) => [string, string]): Set<string> {
  const next = new Map<string, string[]>();
  for (const d of deps) {
    const [from, to] = direction(d);
    next.set(from, [...(next.get(from) ?? []), to]);
  }
  const seen = new Set<string>();
  const stack = [...(next.get(start) ?? [])];
  while (stack.length) {
    const at = stack.pop()!;
    if (seen.has(at) || at === start) continue;
    seen.add(at);
    stack.push(...(next.get(at) ?? []));
  }
  return seen;
}
