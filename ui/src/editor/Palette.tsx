import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { TaskType } from '../api/types';
import { TRIGGER } from '../graph/ports';
import { DRAG_FORMAT, paletteItems, type PaletteItem } from './palette';

interface Props {
  types: ReadonlyMap<string, TaskType>;
  hasTrigger: boolean;
  onAdd: (type: string) => void;
  onRefused: (reason: string) => void;
}

const TRIGGER_TAKEN = 'the workflow already has its trigger: a workflow has at most one';

/**
 * The task types to add, searchable. Drag one onto the canvas, or focus it (arrow keys move through the list) and
 * press Enter to add it in the middle of the view.
 */
export function Palette({ types, hasTrigger, onAdd, onRefused }: Props) {
  const [search, setSearch] = useState('');
  const [active, setActive] = useState(0);
  const refs = useRef<(HTMLLIElement | null)[]>([]);
  const listId = useId();
  const items = paletteItems(types, search);
  const current = Math.min(active, Math.max(items.length - 1, 0));
  const disabled = (item: PaletteItem) => item.type === TRIGGER && hasTrigger;

  const focus = (index: number) => {
    const next = Math.max(0, Math.min(index, items.length - 1));
    setActive(next);
    refs.current[next]?.focus();
  };

  const add = (item: PaletteItem) => (disabled(item) ? onRefused(TRIGGER_TAKEN) : onAdd(item.type));

  const onKeyDown = (e: KeyboardEvent, index: number) => {
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: items.length - 1 };
    if (e.key in moves) {
      e.preventDefault();
      focus(moves[e.key]);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      add(items[index]);
    }
  };

  return (
    <aside className="palette nokey" aria-labelledby={`${listId}-title`}>
      <h2 id={`${listId}-title`}>Task types</h2>
      <label className="palette-search">
        Search task types
        <input
          type="search"
          value={search}
          placeholder="Name, description or port"
          aria-controls={listId}
          onChange={(e) => {
            setSearch(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' && items.length) {
              e.preventDefault();
              focus(0);
            }
          }}
        />
      </label>
      <p className="hint">Drag onto the canvas, or focus one and press Enter.</p>
      {items.length === 0 ? (
        <p className="empty-note" role="status">
          No task type matches “{search}”.
        </p>
      ) : (
        <ul id={listId} role="listbox" aria-label="Task types to add" className="palette-list">
          {items.map((item, index) => (
            <li
              key={item.type}
              ref={(el) => {
                refs.current[index] = el;
              }}
              role="option"
              aria-selected={index === current}
              aria-disabled={disabled(item) || undefined}
              tabIndex={index === current ? 0 : -1}
              draggable={!disabled(item)}
              data-type={item.type}
              className={`palette-item${disabled(item) ? ' disabled' : ''}`}
              title={disabled(item) ? TRIGGER_TAKEN : undefined}
              onFocus={() => setActive(index)}
              onKeyDown={(e) => onKeyDown(e, index)}
              onDoubleClick={() => add(item)}
              onDragStart={(e) => {
                e.dataTransfer.setData(DRAG_FORMAT, item.type);
                e.dataTransfer.setData('text/plain', item.type);
                e.dataTransfer.effectAllowed = 'copy';
              }}
            >
              <span className="palette-name">{item.title}</span>
              <span className="palette-description">{item.description}</span>
              <code className="palette-ports">{item.ports}</code>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
