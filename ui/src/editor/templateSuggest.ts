import { TRIGGER } from '../graph/ports';
import type { TaskFlowNode } from '../graph/model';
import { dependencies, downstreamOf, upstreamOf } from './dependencies';

/** A path a template may read, with a few words on what it is. */
export interface Suggestion {
  value: string;
  detail: string;
}

/** The part of a field's text the caret is completing: a path inside an open `{{`, from `start` to `end`. */
export interface Completion {
  start: number;
  end: number;
  query: string;
}

const PATH_CHAR = /[A-Za-z0-9_.]/;

/** The path being typed at `caret` when the caret is inside a `{{ }}` block, else null. */
export function completionAt(text: string, caret: number): Completion | null {
  const before = text.slice(0, caret);
  const open = before.lastIndexOf('{{');
  if (open < 0 || before.lastIndexOf('}}') > open) return null;
  let start = caret;
  while (start > open + 2 && PATH_CHAR.test(text[start - 1])) start--;
  let end = caret;
  while (end < text.length && PATH_CHAR.test(text[end])) end++;
  return { start, end, query: text.slice(start, caret) };
}

/** The suggestions that complete `query`: those starting with it first, then those containing it. */
export function matching(all: Suggestion[], query: string, limit = 30): Suggestion[] {
  const q = query.toLowerCase();
  const starts = all.filter((s) => s.value.toLowerCase().startsWith(q));
  const contains = q ? all.filter((s) => !s.value.toLowerCase().startsWith(q) && s.value.toLowerCase().includes(q)) : [];
  return [...starts, ...contains].slice(0, limit);
}

/** The text with the completed path put in (`{{ path }}`), closing the block with ` }}` when it is not closed yet. */
export function applySuggestion(text: string, at: Completion, value: string): { text: string; caret: number } {
  const after = text.slice(at.end);
  const nextClose = after.indexOf('}}');
  const nextOpen = after.indexOf('{{');
  const closed = nextClose >= 0 && (nextOpen < 0 || nextClose < nextOpen);
  const spaced = text[at.start - 1] === '{' ? ` ${value}` : value;
  const insert = closed ? spaced : `${spaced} }}`;
  return { text: text.slice(0, at.start) + insert + after, caret: at.start + insert.length };
}

/**
 * What the templates of node `id` may read: the trigger's inputs as `inputs.<name>`, and the outputs of every task
 * that does not depend on this node as `tasks.<id>.outputs.<port>` (reading one makes it upstream; a node
 * downstream would make a cycle). Nodes already upstream come first.
 */
export function templateSuggestions(id: string, nodes: TaskFlowNode[], edges: { source: string; target: string }[]): Suggestion[] {
  const deps = dependencies(nodes.map((n) => n.data.node), edges);
  const downstream = downstreamOf(id, deps);
  const upstream = upstreamOf(id, deps);
  const inputs = nodes
    .filter((n) => n.data.node.nodeId === TRIGGER)
    .flatMap((n) => n.data.outputs.filter((p) => !p.whole))
    .map((p) => ({ value: `inputs.${p.name}`, detail: `trigger input, ${p.type}` }));
  const readable = nodes.filter((n) => n.id !== id && n.data.node.nodeId !== TRIGGER && !downstream.has(n.id));
  const ordered = [...readable.filter((n) => upstream.has(n.id)), ...readable.filter((n) => !upstream.has(n.id))];
  const tasks = ordered.flatMap((n) =>
    n.data.outputs
      .filter((p) => !p.whole)
      .map((p) => ({ value: `tasks.${n.id}.outputs.${p.name}`, detail: `${p.type} output of ${n.data.node.label || n.id}` })),
  );
  return [...inputs, ...tasks];
}
