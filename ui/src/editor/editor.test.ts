import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../api/problem';
import { fromFlow } from '../graph/model';
import { connectionRefusal } from './connectionCheck';
import { formatField, parseField } from './fieldValue';
import { connected, newNode, renamed, without, withConfigValue, withNode, refreshed } from './graphEdits';
import { idBase, idProblem, newNodeId } from './nodeIds';
import { paletteItems, portSummary } from './palette';
import { clientProblems, problemsAt, saveProblems } from './problems';
import { applySuggestion, completionAt, matching, templateSuggestions } from './templateSuggest';
import { parseTags } from './EditorHeader';
import { dialectOf } from './loadWorkflow';
import { withRetries, withTimeout, parseDuration } from './RetryFields';
import { canvasOf, SEED_000, TYPES } from './testGraph';

describe('node ids', () => {
  it('derives an id from the type, in snake case, numbered when taken', () => {
    expect(idBase('TextOperation.Reverse')).toBe('reverse');
    expect(idBase('StaticTextInput')).toBe('static_text_input');
    expect(idBase('html.extract_text')).toBe('extract_text');
    expect(idBase('openai.audio.tts')).toBe('tts');
    expect(idBase('trigger.manual')).toBe('trigger');
    expect(idBase('3d.Render')).toBe('render');
    expect(idBase('x.9lives')).toBe('_9lives');
    expect(idBase('HTTPRequest')).toBe('http_request');
    expect(newNodeId('TextOperation.Reverse', [])).toBe('reverse');
    expect(newNodeId('TextOperation.Reverse', ['reverse'])).toBe('reverse_2');
    expect(newNodeId('TextOperation.Reverse', ['reverse', 'reverse_2', 'reverse_4'])).toBe('reverse_3');
  });

  it('gives every new id the rule of the API: letters, digits and _, not starting with a digit', () => {
    for (const type of TYPES.keys()) expect(idProblem(newNodeId(type, ['reverse']), ['reverse'])).toBeNull();
  });

  it('says why an id cannot be used', () => {
    expect(idProblem('', [])).toBe('an id is needed');
    expect(idProblem('2x', [])).toMatch(/starting with a letter or _/);
    expect(idProblem('a-b', [])).toMatch(/only letters, digits and _/);
    expect(idProblem('a'.repeat(101), [])).toMatch(/at most 100/);
    expect(idProblem('echo', ['echo'])).toBe('another node is already called echo');
    expect(idProblem('_echo_2', ['echo'])).toBeNull();
  });
});

describe('field values', () => {
  it('reads text as it is, and an empty field as no value', () => {
    expect(parseField('text', 'Hello, world!')).toEqual({ kind: 'value', value: 'Hello, world!' });
    expect(parseField('text', ' ')).toEqual({ kind: 'value', value: ' ' });
    expect(parseField('text', '')).toEqual({ kind: 'empty' });
    expect(parseField('file', '{{ inputs.doc }}')).toEqual({ kind: 'value', value: '{{ inputs.doc }}' });
  });

  it('reads numbers by their port type, and refuses what is not one', () => {
    expect(parseField('integer', '42')).toEqual({ kind: 'value', value: 42 });
    expect(parseField('integer', '4.5')).toEqual({ kind: 'error', error: 'must be a whole number' });
    expect(parseField('number', '4.5')).toEqual({ kind: 'value', value: 4.5 });
    expect(parseField('number', 'abc')).toEqual({ kind: 'error', error: 'must be a number' });
    expect(parseField('integer', '{{ inputs.n }}')).toEqual({ kind: 'value', value: '{{ inputs.n }}' });
    expect(parseField('integer', 'n = {{ inputs.n }}').kind).toBe('error');
    expect(parseField('boolean', 'true')).toEqual({ kind: 'value', value: true });
    expect(parseField('boolean', 'yes').kind).toBe('error');
  });

  it('reads JSON for objects, arrays and any, or a template, and says what is wrong', () => {
    expect(parseField('object', '{"a": 1}')).toEqual({ kind: 'value', value: { a: 1 } });
    expect(parseField('object', '[1]')).toEqual({ kind: 'error', error: 'must be a JSON object, {...}' });
    expect(parseField('array', '{"a": 1}')).toEqual({ kind: 'error', error: 'must be a JSON array, [...]' });
    expect(parseField('any', '"hi"')).toEqual({ kind: 'value', value: 'hi' });
    expect(parseField('any', '12')).toEqual({ kind: 'value', value: 12 });
    expect(parseField('any', '{{ tasks.a.outputs.body }}')).toEqual({ kind: 'value', value: '{{ tasks.a.outputs.body }}' });
    const bad = parseField('any', '{"a": ');
    expect(bad.kind).toBe('error');
    expect(bad.kind === 'error' && bad.error).toMatch(/^not valid JSON/);
    expect(parseField('any', 'hello').kind).toBe('error');
  });

  it('shows a value as the text that reads back as it', () => {
    for (const [type, value] of [
      ['text', 'Hi {{ inputs.name }}'],
      ['integer', 7],
      ['boolean', false],
      ['object', { a: [1, 2] }],
      ['array', [1, 'x']],
      ['any', 'plain text'],
      ['any', '{{ inputs.x }}'],
    ] as const) {
      const parsed = parseField(type, formatField(type, value));
      expect(parsed).toEqual({ kind: 'value', value });
    }
    expect(formatField('text', undefined)).toBe('');
  });
});

describe('template completion', () => {
  it('finds the path typed inside an open {{ block', () => {
    expect(completionAt('Hi {{', 5)).toEqual({ start: 5, end: 5, query: '' });
    expect(completionAt('Hi {{ inp', 9)).toEqual({ start: 6, end: 9, query: 'inp' });
    expect(completionAt('{{ tasks.a.outputs.text & inp }}', 29)).toMatchObject({ query: 'inp' });
    expect(completionAt('{{ a }} b', 9)).toBeNull();
    expect(completionAt('no template', 4)).toBeNull();
  });

  it('puts the path in and closes the block when it is open', () => {
    const at = completionAt('Hi {{ inp', 9)!;
    expect(applySuggestion('Hi {{ inp', at, 'inputs.name')).toEqual({ text: 'Hi {{ inputs.name }}', caret: 20 });
    expect(applySuggestion('{{', completionAt('{{', 2)!, 'inputs.name')).toEqual({ text: '{{ inputs.name }}', caret: 17 });
    const inside = completionAt('{{ inp }}!', 6)!;
    expect(applySuggestion('{{ inp }}!', inside, 'inputs.name')).toEqual({ text: '{{ inputs.name }}!', caret: 14 });
  });

  it('offers the trigger inputs and the outputs of the nodes this one may read, upstream first, never downstream', () => {
    const flow = canvasOf(SEED_000);
    const forStep2 = templateSuggestions('step_2', flow.nodes, flow.edges).map((s) => s.value);
    expect(forStep2).toEqual(['inputs.text', 'tasks.step_1.outputs.text']);
    expect(forStep2).not.toContain('tasks.step_3.outputs.text');
    expect(forStep2).not.toContain('tasks.step_2.outputs.text');
    const forStep1 = templateSuggestions('step_1', flow.nodes, flow.edges).map((s) => s.value);
    expect(forStep1).toEqual(['inputs.text']);
  });

  it('counts a template read as a dependency: a node read by another is not offered to it', () => {
    const graph = {
      nodes: [
        { id: 'a', nodeId: 'StaticTextInput', config: { text: 'x' } },
        { id: 'b', nodeId: 'TextOperation.Reverse', config: { text: '{{ tasks.a.outputs.text }}' } },
        { id: 'c', nodeId: 'TextOperation.Length', config: { text: 'y' } },
      ],
      connections: [],
    };
    const flow = canvasOf(graph);
    expect(templateSuggestions('a', flow.nodes, flow.edges).map((s) => s.value)).toEqual(['tasks.c.outputs.length']);
    expect(templateSuggestions('b', flow.nodes, flow.edges).map((s) => s.value)).toEqual(['tasks.a.outputs.text', 'tasks.c.outputs.length']);
  });

  it('matches what starts with the query first, then what contains it', () => {
    const all = [
      { value: 'tasks.inputs_fix.outputs.text', detail: '' },
      { value: 'tasks.a.outputs.text', detail: '' },
      { value: 'inputs.text', detail: '' },
    ];
    expect(matching(all, 'inputs').map((s) => s.value)).toEqual(['inputs.text', 'tasks.inputs_fix.outputs.text']);
    expect(matching(all, 'TASKS.').map((s) => s.value)).toEqual(['tasks.inputs_fix.outputs.text', 'tasks.a.outputs.text']);
    expect(matching(all, '')).toHaveLength(3);
    expect(matching(all, 'zzz')).toEqual([]);
  });
});

describe('connection checks', () => {
  const refusal = (source: string, sourcePort: string, target: string, targetPort: string, graph = SEED_000) => {
    const flow = canvasOf(graph);
    return connectionRefusal({ source, sourceHandle: `out:${sourcePort}`, target, targetHandle: `in:${targetPort}` }, flow.nodes, flow.edges);
  };
  const loose = {
    nodes: [
      { id: 'length', nodeId: 'TextOperation.Length', config: {} },
      { id: 'reverse', nodeId: 'TextOperation.Reverse', config: {} },
      { id: 'echo', nodeId: 'Echo', config: { text: 'set' } },
      { id: 'echo_2', nodeId: 'Echo', config: {} },
    ],
    connections: [],
  };

  it('refuses ports whose types do not fit, saying which', () => {
    expect(refusal('length', 'length', 'reverse', 'text', loose)).toBe('length gives an integer, text takes a text');
  });

  it('takes ports that fit', () => {
    expect(refusal('reverse', 'text', 'length', 'text', loose)).toBeNull();
    expect(refusal('length', 'length', 'echo_2', 'text', loose)).toBeNull();
    expect(refusal('length', 'output', 'reverse', 'input', loose)).toBeNull();
    expect(refusal('step_3', 'text', 'trigger', 'text')).toBe('connect an output port to an input port');
  });

  it('refuses a second connection into one input and a value already set', () => {
    expect(refusal('trigger', 'text', 'step_2', 'text')).toBe('text of step_2 is already fed by step_1.text');
    expect(refusal('length', 'length', 'echo', 'text', loose)).toBe('text of echo has a value; clear it in the inspector to connect it instead');
  });

  it('refuses cycles, through connections and through templates', () => {
    expect(refusal('step_3', 'text', 'step_1', 'input')).toBe('step_1 already leads to step_3: this would make a cycle');
    expect(refusal('step_2', 'text', 'step_2', 'input')).toBe('step_2 cannot feed itself');
    const read = {
      nodes: [
        { id: 'a', nodeId: 'StaticTextInput', config: {} },
        { id: 'b', nodeId: 'Echo', config: { text: '{{ tasks.a.outputs.text }}' } },
      ],
      connections: [],
    };
    expect(refusal('b', 'text', 'a', 'text', read)).toBe('a already leads to b: this would make a cycle');
  });
});

describe('graph edits', () => {
  it('adds nodes with fresh ids, the trigger declaring no input', () => {
    const flow = canvasOf(SEED_000);
    const node = newNode('TextOperation.Reverse', { x: 1, y: 2 }, flow, TYPES);
    expect(node.id).toBe('reverse');
    expect(node.position).toEqual({ x: 1, y: 2 });
    expect(node.data.inputs.map((p) => p.name)).toEqual(['input', 'text']);
    expect(newNode('trigger.manual', { x: 0, y: 0 }, { nodes: [], edges: [] }, TYPES).data.node.config).toEqual({ inputs: [] });
  });

  it('renames a node: its connections and the templates reading it follow', () => {
    const graph = {
      nodes: [...SEED_000.nodes, { id: 'shout', nodeId: 'Echo', config: { text: '{{ tasks.step_1.outputs.text & tasks.step_1.outputs.text }} {{ tasks.step_10.outputs.x }}' } }],
      connections: SEED_000.connections,
    };
    const next = renamed(canvasOf(graph), 'step_1', 'greeting');
    const out = fromFlow(next.nodes, next.edges);
    expect(out.nodes.map((n) => n.id)).toEqual(['trigger', 'greeting', 'step_2', 'step_3', 'shout']);
    expect(out.connections.map((c) => `${c.sourceNodeId}->${c.targetNodeId}`)).toEqual(['trigger->greeting', 'greeting->step_2', 'step_2->step_3']);
    expect(out.nodes[4].config).toEqual({ text: '{{ tasks.greeting.outputs.text & tasks.greeting.outputs.text }} {{ tasks.step_10.outputs.x }}' });
    expect(next.edges[0].id).toBe('trigger.text->greeting.text');
  });

  it('sets and clears config values, and removes nodes with their connections', () => {
    let canvas = canvasOf(SEED_000);
    canvas = refreshed(withNode(canvas, 'step_3', (n) => withConfigValue(n, 'text', 'x')), TYPES);
    expect(canvas.nodes[3].data.configured).toEqual(['text']);
    canvas = refreshed(withNode(canvas, 'step_3', (n) => withConfigValue(n, 'text', undefined)), TYPES);
    expect(canvas.nodes[3].data.node.config).toEqual({});
    const cut = without(canvas, ['step_2']);
    expect(cut.nodes.map((n) => n.id)).toEqual(['trigger', 'step_1', 'step_3']);
    expect(cut.edges.map((e) => e.id)).toEqual(['trigger.text->step_1.text']);
    const again = connected(cut, { sourceNodeId: 'step_1', sourcePort: 'text', targetNodeId: 'step_3', targetPort: 'text' });
    expect(connected(again, { sourceNodeId: 'step_1', sourcePort: 'text', targetNodeId: 'step_3', targetPort: 'text' }).edges).toHaveLength(2);
  });

  it('keeps retries and timeout only when given, durations as milliseconds or words', () => {
    const node = { id: 'a', nodeId: 'Echo' };
    expect(parseDuration('5000')).toBe(5000);
    expect(parseDuration(' 5 seconds ')).toBe('5 seconds');
    expect(parseDuration('')).toBeUndefined();
    const retried = withRetries(node, { limit: 3, delay: '5 seconds' });
    expect(retried.retries).toEqual({ limit: 3, delay: '5 seconds' });
    expect(withRetries(retried, { limit: undefined, delay: undefined })).toEqual(node);
    expect(withTimeout(node, '1 minute')).toEqual({ ...node, timeout: '1 minute' });
    expect(withTimeout({ ...node, timeout: 5 }, undefined)).toEqual(node);
  });
});

describe('problems', () => {
  it('finds required inputs left without a value or a connection, and unknown types', () => {
    const graph = {
      nodes: [
        { id: 'r', nodeId: 'TextOperation.Reverse', config: {} },
        { id: 'h', nodeId: 'http.request', config: { url: 'https://example.com' } },
        { id: 'x', nodeId: 'No.Such' },
      ],
      connections: [],
    };
    const flow = canvasOf(graph);
    const found = clientProblems(flow.nodes, flow.edges, TYPES);
    expect(found.get('r')).toEqual([{ field: 'config/text', detail: 'text is required: give it a value or connect an output to it' }]);
    expect(found.has('h')).toBe(false);
    expect(found.get('x')).toEqual([{ field: 'nodeId', detail: "unknown task type 'No.Such'" }]);
    const seed = canvasOf(SEED_000);
    expect(clientProblems(seed.nodes, seed.edges, TYPES).size).toBe(0);
  });

  it('puts the server’s problems on the nodes, connections and header fields their pointers name', () => {
    const problem = new ApiProblem(400, 'Bad Request', 'the request has 5 problems', [
      { pointer: '#/name', detail: 'must not be blank' },
      { pointer: '#/tags/0', detail: 'must be text of 1 to 50 characters' },
      { pointer: '#/nodes/2/config', detail: "node 'step_2' needs input 'text'" },
      { pointer: '#/nodes/1/retries/limit', detail: 'must be a whole number from 0 to 20' },
      { pointer: '#/connections/2/targetPort', detail: "node 'step_3' has no input port 'txt'" },
      { pointer: '#/settings/timeout', detail: 'must be 1 to 86400' },
    ]);
    const mapped = saveProblems(problem, SEED_000);
    expect(mapped.header).toEqual({ name: ['must not be blank'], tags: ['must be text of 1 to 50 characters'] });
    expect(mapped.nodes.get('step_2')).toEqual([{ field: 'config', detail: "node 'step_2' needs input 'text'" }]);
    expect(problemsAt(mapped.nodes.get('step_1')!, 'retries')).toEqual(['must be a whole number from 0 to 20']);
    expect(mapped.nodes.get('step_3')).toEqual([{ detail: "connection step_2.text → step_3.text: node 'step_3' has no input port 'txt'" }]);
    expect([...mapped.edges.keys()]).toEqual(['step_2.text->step_3.text']);
    expect(mapped.other).toEqual(['#/settings/timeout: must be 1 to 86400']);
    expect(mapped.summary.map((l) => l.node ?? '-')).toEqual(['-', '-', 'step_2', 'step_1', 'step_3', '-']);
    expect(mapped.summary[3].text).toBe('Node step_1, retries.limit: must be a whole number from 0 to 20');
    expect(mapped.summary[2].text).toBe("Node step_2: node 'step_2' needs input 'text'");
  });

  it('puts a taken name on the name field, and any other refusal in the summary', () => {
    expect(saveProblems(new ApiProblem(409, 'Conflict', "a workflow named 'x' already exists"), SEED_000).header.name).toEqual(["a workflow named 'x' already exists"]);
    const down = saveProblems(new TypeError('Failed to fetch'), SEED_000);
    expect(down.summary).toEqual([{ text: 'Failed to fetch' }]);
  });
});

describe('header, palette and dialects', () => {
  it('reads tags from comma-separated text', () => {
    expect(parseTags(' etl, nightly,,etl ,')).toEqual(['etl', 'nightly']);
    expect(parseTags('')).toEqual([]);
  });

  it('searches the palette over names, descriptions and ports, the trigger first', () => {
    expect(paletteItems(TYPES, '').map((i) => i.type)[0]).toBe('trigger.manual');
    expect(paletteItems(TYPES, 'reverse').map((i) => i.type)).toEqual(['TextOperation.Reverse']);
    expect(paletteItems(TYPES, 'http endpoint').map((i) => i.type)).toEqual(['http.request']);
    expect(paletteItems(TYPES, 'length').map((i) => i.type)).toEqual(['TextOperation.Length']);
    expect(paletteItems(TYPES, 'nothing like it')).toEqual([]);
    expect(portSummary(TYPES.get('http.request')!)).toBe('url*, method, headers, timeout_ms, fail_on_error → body, status');
  });

  it('tells the shape a /workflows document was written in', () => {
    expect(dialectOf({ steps: [] })).toBe('steps');
    expect(dialectOf({ tasks: [] })).toBe('tasks');
    expect(dialectOf({ nodes: [] })).toBe('graph');
    expect(dialectOf(null)).toBe('graph');
  });
});
