import type { TaskType } from '../api/types';
import { TRIGGER } from '../graph/ports';

/** An entry of the palette: a task type, or the trigger. */
export interface PaletteItem {
  type: string;
  title: string;
  description: string;
  ports: string;
}

export const TRIGGER_ITEM: PaletteItem = {
  type: TRIGGER,
  title: 'Trigger',
  description: 'Starts the workflow by hand or through the API; its outputs are the execution’s inputs. At most one.',
  ports: 'declared inputs → each input',
};

/** The ports of a type in one line: inputs (required ones starred) → outputs. */
export function portSummary(type: TaskType): string {
  const inputs = type.inputs.map((p) => `${p.name}${p.required ? '*' : ''}`).join(', ') || 'no input';
  const outputs = type.outputs.map((p) => p.name).join(', ') || 'no output';
  return `${inputs} → ${outputs}`;
}

/** The palette's entries matching a search over name, description and port names, the trigger first. */
export function paletteItems(types: ReadonlyMap<string, TaskType>, search: string): PaletteItem[] {
  const all = [
    TRIGGER_ITEM,
    ...[...types.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((t) => ({ type: t.name, title: t.name, description: t.description, ports: portSummary(t) })),
  ];
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return all;
  return all.filter((item) => {
    const text = `${item.type} ${item.title} ${item.description} ${item.ports}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** The drag-and-drop format carrying a palette entry's type to the canvas. */
export const DRAG_FORMAT = 'application/x-dataflow-node-type';
