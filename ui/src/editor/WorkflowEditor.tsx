import { useReactFlow, type Connection, type Edge } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import type { GraphConnection, Position, TaskType, Workflow } from '../api/types';
import { can, useCaller } from '../auth/caller';
import { layout, NODE_WIDTH } from '../graph/layout';
import { edgeId, fromFlow, portOfHandle, sourceHandle, targetHandle, type FlowEdge, type TaskFlowNode } from '../graph/model';
import { TRIGGER } from '../graph/ports';
import { Canvas } from './Canvas';
import { connectionRefusal } from './connectionCheck';
import { DialectNote } from './DialectNote';
import { EditorHeader, parseTags, type HeaderValues } from './EditorHeader';
import { connected, newNode, renamed, withNode, without } from './graphEdits';
import { Inspector } from './Inspector';
import type { LoadedWorkflow } from './loadWorkflow';
import { Palette } from './Palette';
import { ProblemSummary } from './ProblemSummary';
import { saveProblems, type HeaderField, type SummaryLine } from './problems';
import { movedDrafts, useEditorState, withoutNodes } from './useEditorState';
import { useUnsavedGuard } from './useUnsavedGuard';
import './editor.css';

const headerOf = (w: Workflow | null): HeaderValues => ({ name: w?.name ?? '', description: w?.description ?? '', tags: (w?.tags ?? []).join(', ') });

/**
 * The workflow editor: header, palette, canvas and inspector over one graph. Outside the canvas (class `nokey`),
 * Delete and Backspace edit text and never delete the selected nodes. Saving sends the whole graph (a new
 * version when it changed) and puts the server's problems on the nodes, connections and header fields they name.
 */
export function WorkflowEditor({ loaded, types }: { loaded: LoadedWorkflow | null; types: ReadonlyMap<string, TaskType> }) {
  const me = useCaller();
  const navigate = useNavigate();
  const location = useLocation();
  const flow = useReactFlow<TaskFlowNode, FlowEdge>();
  const wrapper = useRef<HTMLDivElement>(null);
  const [workflow, setWorkflow] = useState<Workflow | null>(loaded?.workflow ?? null);
  const state = useEditorState(loaded?.workflow ?? null, types);
  const { canvas, edit } = state;
  const [header, setHeader] = useState<HeaderValues>(() => headerOf(workflow));
  const [headerProblems, setHeaderProblems] = useState<Partial<Record<HeaderField, string[]>>>({});
  const [summary, setSummary] = useState<{ title: string; lines: SummaryLine[] } | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveMessage, setSaveMessage] = useState(() => ((location.state as { created?: boolean } | null)?.created ? `Saved as version ${workflow?.version}.` : ''));
  const [canvasMessage, setCanvasMessage] = useState('');
  const guard = useUnsavedGuard(state.dirty);
  // The inspector keeps its fields' texts while its node is renamed: its key follows the node's id.
  const inspectorKeys = useRef(new Map<string, string>());
  const added = useRef(0);

  const selected = canvas.nodes.filter((n) => n.selected);
  const hasTrigger = canvas.nodes.some((n) => n.data.node.nodeId === TRIGGER);
  const refusal = (c: Connection | Edge) => connectionRefusal(c, canvas.nodes, canvas.edges);

  /** Selects a node (its inspector opens) and brings it into view. */
  const show = (id: string) => {
    state.setCanvas((c) => ({ ...c, nodes: c.nodes.map((n) => (n.selected === (n.id === id) ? n : { ...n, selected: n.id === id })) }));
    void flow.fitView({ nodes: [{ id }], maxZoom: 1, duration: 200 });
  };

  const addNode = (type: string, position: Position) => {
    if (type === TRIGGER && hasTrigger) {
      setCanvasMessage('Not added: the workflow already has its trigger, and a workflow has at most one.');
      return;
    }
    const node = newNode(type, position, canvas, types);
    edit((c) => ({ nodes: [...c.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), { ...node, selected: true }], edges: c.edges }), []);
    setCanvasMessage(`Added ${node.id} (${type}).`);
  };

  const addInView = (type: string) => {
    const box = wrapper.current?.getBoundingClientRect();
    const center = box ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }) : { x: 0, y: 0 };
    const step = (added.current++ % 6) * 28; // several added in a row do not cover each other
    addNode(type, { x: Math.round(center.x - NODE_WIDTH / 2 + step), y: Math.round(center.y - 50 + step) });
  };

  const connect = (c: GraphConnection) => {
    const reason = refusal({ source: c.sourceNodeId, sourceHandle: sourceHandle(c.sourcePort), target: c.targetNodeId, targetHandle: targetHandle(c.targetPort) });
    if (reason) {
      setCanvasMessage(`Not connected: ${reason}.`);
      return;
    }
    edit((cv) => connected(cv, c), [c.targetNodeId]);
    setCanvasMessage(`Connected ${c.sourceNodeId}.${c.sourcePort} to ${c.targetNodeId}.${c.targetPort}.`);
  };

  const disconnect = (c: GraphConnection) => {
    edit((cv) => without(cv, [], [edgeId(c)]), [c.targetNodeId]);
    setCanvasMessage(`Disconnected ${c.targetNodeId}.${c.targetPort}.`);
  };

  const remove = (ids: string[]) => {
    edit((cv) => without(cv, ids), ids);
    state.setDrafts((d) => withoutNodes(d, ids));
    setCanvasMessage(`Deleted ${ids.join(', ')}.`);
  };

  const rename = (from: string, to: string) => {
    inspectorKeys.current.set(to, inspectorKeys.current.get(from) ?? from);
    edit((cv) => renamed(cv, from, to), [from]);
    state.setDrafts((d) => movedDrafts(d, from, to));
    setCanvasMessage(`Renamed ${from} to ${to}.`);
  };

  const arrange = () => {
    state.setCanvas((c) => ({ ...c, nodes: layout(c.nodes, c.edges) }));
    state.setDirty(true);
    requestAnimationFrame(() => flow.fitView({ padding: 0.2, maxZoom: 1, duration: 200 }));
  };

  const changeHeader = (field: HeaderField, value: string) => {
    setHeader((h) => ({ ...h, [field]: value }));
    setHeaderProblems((p) => ({ ...p, [field]: undefined }));
    state.setDirty(true);
  };

  const save = async () => {
    if (saving) return;
    if (state.drafts.size) {
      const lines = [...state.drafts].flatMap(([node, fields]) => [...fields].map(([field, error]) => ({ text: `Node ${node}, ${field.replace(/^config\//, '')}: ${error}`, node })));
      setSummary({ title: 'Not saved: these fields do not hold a value yet.', lines });
      return;
    }
    const graph = fromFlow(canvas.nodes, canvas.edges);
    const body = { name: header.name.trim(), description: header.description || null, tags: parseTags(header.tags), ...graph };
    setSaving(true);
    setSaveMessage('Saving…');
    try {
      if (!workflow) {
        const created = await api.post<{ workflowId: string }>('/api/v1/workflows', body);
        guard.release();
        navigate(`/workflows/${created.workflowId}`, { state: { created: true } });
        return;
      }
      const saved = await api.put<Workflow>(`/api/v1/workflows/${encodeURIComponent(workflow.id)}`, body);
      state.setDirty(false);
      state.setServer(null);
      setHeaderProblems({});
      setSummary(null);
      setHeader(headerOf(saved));
      setSaveMessage(saved.version !== workflow.version ? `Saved as version ${saved.version}.` : `Saved. The graph did not change, so it stays version ${saved.version}.`);
      setWorkflow(saved);
    } catch (error) {
      const problems = saveProblems(error, graph);
      state.setServer(problems);
      setHeaderProblems(problems.header);
      const count = problems.summary.length;
      setSummary({ title: `Not saved: ${count === 1 ? 'the server found a problem' : `the server found ${count} problems`}.`, lines: problems.summary });
      setSaveMessage('Not saved.');
    } finally {
      setSaving(false);
    }
  };

  // "Saved as version 1" is said once, not again when the page is reloaded.
  useEffect(() => {
    if (location.state) navigate(location.pathname, { replace: true, state: null });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void saveRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const one = selected.length === 1 ? selected[0] : null;
  return (
    <section className="editor" aria-label={workflow ? `Workflow ${workflow.name}` : 'New workflow'}>
      <h1 className="visually-hidden">{workflow ? workflow.name : 'New workflow'}</h1>
      <EditorHeader
        workflow={workflow}
        values={header}
        problems={headerProblems}
        dirty={state.dirty}
        saving={saving}
        canWrite={can(me, 'workflows:write')}
        message={saveMessage}
        onChange={changeHeader}
        onSave={() => void save()}
        onWorkflowChanged={(w) => setWorkflow((old) => (old ? { ...old, status: w.status, version: w.version, updatedAt: w.updatedAt } : w))}
      />
      {workflow && loaded && <DialectNote dialect={loaded.dialect} id={workflow.id} />}
      {summary && <ProblemSummary title={summary.title} lines={summary.lines} onShowNode={show} />}
      <div className="editor-body">
        <Palette types={types} hasTrigger={hasTrigger} onAdd={addInView} onRefused={(reason) => setCanvasMessage(`Not added: ${reason}.`)} />
        <Canvas
          wrapper={wrapper}
          nodes={state.shownNodes}
          edges={state.shownEdges}
          message={canvasMessage}
          onNodesChange={state.onNodesChange}
          onEdgesChange={state.onEdgesChange}
          onConnect={(c) =>
            connect({ sourceNodeId: c.source, sourcePort: portOfHandle(c.sourceHandle), targetNodeId: c.target, targetPort: portOfHandle(c.targetHandle) })
          }
          refusal={refusal}
          onRefused={setCanvasMessage}
          onDropType={addNode}
          onArrange={arrange}
        />
        {one ? (
          <Inspector
            key={inspectorKeys.current.get(one.id) ?? one.id}
            node={one}
            nodes={canvas.nodes}
            edges={canvas.edges}
            problems={state.problemsOf(one.id)}
            onChange={(node) => edit((c) => withNode(c, one.id, () => node), [one.id])}
            onRename={(to) => rename(one.id, to)}
            onDelete={() => remove([one.id])}
            onConnect={connect}
            onDisconnect={disconnect}
            onFieldError={(field, error) => state.setDraft(one.id, field, error)}
          />
        ) : (
          <aside className="inspector inspector-empty nokey" aria-label="Inspector">
            {selected.length > 1 ? (
              <>
                <h2>{selected.length} nodes selected</h2>
                <button type="button" className="danger" onClick={() => remove(selected.map((n) => n.id))}>
                  Delete the {selected.length} nodes
                </button>
              </>
            ) : (
              <>
                <h2>No node selected</h2>
                <p className="hint">Select a node on the canvas to fill its inputs. Delete or Backspace removes the selected nodes and connections.</p>
              </>
            )}
          </aside>
        )}
      </div>
    </section>
  );
}
