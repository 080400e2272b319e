import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react';
import { useMemo, useState } from 'react';
import type { TaskType, Workflow } from '../api/types';
import { layout, needsLayout } from '../graph/layout';
import { toFlow, type FlowEdge, type TaskFlowNode } from '../graph/model';
import { refreshed, type Canvas } from './graphEdits';
import { clientProblems, withField, type FieldProblem, type SaveProblems } from './problems';

/** Field texts that do not read as a value yet (invalid JSON, a number that is not one), by node and field. */
export type Drafts = Map<string, Map<string, string>>;

/** The canvas of a workflow as loaded: laid out when a node has no position (made through an API without one). */
export function initialCanvas(workflow: Workflow | null, types: ReadonlyMap<string, TaskType>): Canvas {
  if (!workflow) return { nodes: [], edges: [] };
  const flow = toFlow(workflow, types);
  return needsLayout(workflow.nodes) ? { nodes: layout(flow.nodes, flow.edges), edges: flow.edges } : flow;
}

/**
 * The editor's graph and what is known about it: whether it changed since it was saved, the problems the server
 * found in the last save (on a node until that node is edited), and the fields whose text is not a value yet.
 */
export function useEditorState(workflow: Workflow | null, types: ReadonlyMap<string, TaskType>) {
  const [canvas, setCanvas] = useState<Canvas>(() => initialCanvas(workflow, types));
  const [dirty, setDirty] = useState(false);
  const [server, setServer] = useState<SaveProblems | null>(null);
  const [drafts, setDrafts] = useState<Drafts>(new Map());

  /** Forgets the server's problems of the nodes an edit touched: they no longer describe them. */
  const touch = (ids: Iterable<string>) => {
    const touched = [...ids];
    if (!touched.length) return;
    setServer((s) => {
      if (!s || !touched.some((id) => s.nodes.has(id))) return s;
      const nodes = new Map(s.nodes);
      touched.forEach((id) => nodes.delete(id));
      return { ...s, nodes };
    });
  };

  const edit = (change: (c: Canvas) => Canvas, touched: string[]) => {
    setCanvas((c) => refreshed(change(c), types));
    setDirty(true);
    touch(touched);
  };

  const onNodesChange = (changes: NodeChange<TaskFlowNode>[]) => {
    const removed = changes.flatMap((c) => (c.type === 'remove' ? [c.id] : []));
    setCanvas((c) => {
      const next = { ...c, nodes: applyNodeChanges(changes, c.nodes) };
      return removed.length ? refreshed(next, types) : next;
    });
    if (changes.some((c) => c.type === 'remove' || c.type === 'add' || c.type === 'replace' || (c.type === 'position' && !c.dragging))) setDirty(true);
    if (removed.length) {
      touch(removed);
      setDrafts((d) => withoutNodes(d, removed));
    }
  };

  const onEdgesChange = (changes: EdgeChange<FlowEdge>[]) => {
    const removed = changes.flatMap((c) => (c.type === 'remove' ? [c.id] : []));
    if (removed.length) {
      const targets = canvas.edges.filter((e) => removed.includes(e.id)).map((e) => e.target);
      setCanvas((c) => refreshed({ ...c, edges: applyEdgeChanges(changes, c.edges) }, types));
      setDirty(true);
      touch(targets);
    } else {
      setCanvas((c) => ({ ...c, edges: applyEdgeChanges(changes, c.edges) }));
    }
  };

  const setDraft = (node: string, field: string, error: string | null) =>
    setDrafts((d) => {
      if ((d.get(node)?.get(field) ?? null) === error) return d;
      const next = new Map(d);
      const fields = new Map(next.get(node) ?? []);
      if (error === null) fields.delete(field);
      else fields.set(field, error);
      if (fields.size) next.set(node, fields);
      else next.delete(node);
      return next;
    });

  const client = useMemo(() => clientProblems(canvas.nodes, canvas.edges, types), [canvas, types]);

  /** The problems the inspector shows at its fields: the server's for a node it refused, else the editor's own. */
  const problemsOf = (id: string): FieldProblem[] => server?.nodes.get(id) ?? client.get(id) ?? [];

  /** What each node shows on the canvas: its problems, unreadable fields included. */
  const shownNodes = useMemo(
    () =>
      canvas.nodes.map((n) => {
        const unread = [...(drafts.get(n.id) ?? [])].map(([field, error]) => `${field.replace(/^config\//, '')}: ${error}`);
        const found = server?.nodes.get(n.id)?.map(withField) ?? client.get(n.id)?.map((p) => p.detail) ?? [];
        const problems = [...found, ...unread];
        return problems.length || n.data.problems.length ? { ...n, data: { ...n.data, problems } } : n;
      }),
    [canvas.nodes, drafts, server, client],
  );
  const shownEdges = useMemo(
    () =>
      canvas.edges.map((e) => {
        const problems = server?.edges.get(e.id);
        return problems ? { ...e, className: 'has-problem', ariaLabel: `${e.id}: ${problems.join('; ')}` } : e;
      }),
    [canvas.edges, server],
  );

  return {
    canvas,
    setCanvas,
    shownNodes,
    shownEdges,
    dirty,
    setDirty,
    server,
    setServer,
    drafts,
    setDraft,
    setDrafts,
    edit,
    onNodesChange,
    onEdgesChange,
    problemsOf,
  };
}

export function withoutNodes(drafts: Drafts, ids: string[]): Drafts {
  if (!ids.some((id) => drafts.has(id))) return drafts;
  const next = new Map(drafts);
  ids.forEach((id) => next.delete(id));
  return next;
}

/** The unreadable fields of a renamed node, under its new id. */
export function movedDrafts(drafts: Drafts, from: string, to: string): Drafts {
  const fields = drafts.get(from);
  if (!fields) return drafts;
  const next = new Map(drafts);
  next.delete(from);
  next.set(to, fields);
  return next;
}
