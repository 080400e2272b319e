/**
 * Node ids are the tasks' names: letters, digits and `_`, starting with a letter or `_`, at most 100 characters,
 * unique in the graph (docs/api-v1.md, Graphs). New nodes get one derived from their type.
 */
const ID = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const MAX_ID_LENGTH = 100;

/** Why an id cannot name a node of the graph (`taken` holds the other nodes' ids), or null when it can. */
export function idProblem(id: string, taken: Iterable<string>): string | null {
  if (id === '') return 'an id is needed';
  if (id.length > MAX_ID_LENGTH) return `at most ${MAX_ID_LENGTH} characters`;
  if (!ID.test(id)) return 'only letters, digits and _, starting with a letter or _';
  for (const other of taken) if (other === id) return `another node is already called ${id}`;
  return null;
}

/**
 * The base of a type's ids: its last dotted part in snake case (`TextOperation.Reverse` → `reverse`,
 * `StaticTextInput` → `static_text_input`, `trigger.manual` → `trigger`).
 */
export function idBase(type: string): string {
  if (type === 'trigger.manual') return 'trigger';
  const last = type.split('.').filter(Boolean).pop() ?? '';
  const snake = last
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const base = snake === '' ? 'node' : /^[0-9]/.test(snake) ? `_${snake}` : snake;
  return base.slice(0, MAX_ID_LENGTH - 4);
}

/** A new id for a node of `type`: its base, else the base with the first free `_2`, `_3`, ... */
export function newNodeId(type: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const base = idBase(type);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const id = `${base}_${n}`;
    if (!used.has(id)) return id;
  }
}
