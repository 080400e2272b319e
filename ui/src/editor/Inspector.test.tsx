import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { GraphConnection, GraphNode } from '../api/types';
import { TRIGGER } from '../graph/ports';
import { refreshed, withNode, type Canvas } from './graphEdits';
import { Inspector } from './Inspector';
import { canvasOf, SEED_000, TYPES } from './testGraph';

const GRAPH = {
  nodes: [
    { id: 'start', nodeId: TRIGGER, config: { inputs: [{ name: 'site', type: 'text' }] } },
    { id: 'fetch', nodeId: 'http.request', config: {} },
    { id: 'after', nodeId: 'Echo', config: { text: '{{ tasks.fetch.outputs.status }}' } },
  ] as GraphNode[],
  connections: [] as GraphConnection[],
};

/** The inspector over a graph it edits, as the editor holds it; `seen` gets each node it sends. */
function Harness({ id, graph = GRAPH, seen, onFieldError = () => {} }: { id: string; graph?: typeof GRAPH; seen: (n: GraphNode) => void; onFieldError?: (f: string, e: string | null) => void }) {
  const [canvas, setCanvas] = useState<Canvas>(() => canvasOf(graph));
  const node = canvas.nodes.find((n) => n.id === id)!;
  return (
    <Inspector
      node={node}
      nodes={canvas.nodes}
      edges={canvas.edges}
      problems={[]}
      onChange={(next) => {
        seen(next);
        setCanvas((c) => refreshed(withNode(c, id, () => next), TYPES));
      }}
      onRename={() => {}}
      onDelete={() => {}}
      onConnect={() => {}}
      onDisconnect={() => {}}
      onFieldError={onFieldError}
    />
  );
}

const last = (spy: ReturnType<typeof vi.fn>) => spy.mock.calls.at(-1)![0] as GraphNode;

describe('Inspector', () => {
  it('labels every control, and marks the required ports', () => {
    const { container } = render(<Harness id="fetch" seen={() => {}} />);
    const controls = container.querySelectorAll('input, textarea, select');
    expect(controls.length).toBeGreaterThan(8);
    controls.forEach((control) => expect(control).toHaveAccessibleName());
    expect(screen.getByRole('combobox', { name: 'url' })).toHaveAttribute('aria-required', 'true');
    expect(screen.getByRole('combobox', { name: 'method' })).not.toHaveAttribute('aria-required');
    expect(screen.getByText(/text · optional|default GET/)).toBeInTheDocument();
  });

  it('sets the node’s config from what is typed, by port type', async () => {
    const user = userEvent.setup();
    const seen = vi.fn();
    render(<Harness id="fetch" seen={seen} />);
    await user.type(screen.getByRole('combobox', { name: 'url' }), 'https://example.com');
    expect(last(seen).config).toEqual({ url: 'https://example.com' });
    await user.type(screen.getByRole('spinbutton', { name: 'timeout_ms' }), '5000');
    expect(last(seen).config).toMatchObject({ timeout_ms: 5000 });
    await user.click(screen.getByRole('checkbox', { name: 'fail_on_error' }));
    expect(last(seen).config).toMatchObject({ fail_on_error: false });
    await user.type(screen.getByRole('combobox', { name: 'headers' }), '{{"Accept": "text/plain"}');
    expect(last(seen).config).toMatchObject({ headers: { Accept: 'text/plain' } });
    await user.clear(screen.getByRole('combobox', { name: 'url' }));
    expect(last(seen).config).not.toHaveProperty('url');
    await user.type(screen.getByRole('textbox', { name: 'Label' }), 'Fetch the page');
    expect(last(seen).label).toBe('Fetch the page');
  });

  it('shows why a JSON field does not hold a value, and keeps the value it had', async () => {
    const user = userEvent.setup();
    const seen = vi.fn();
    const onFieldError = vi.fn();
    render(<Harness id="fetch" seen={seen} onFieldError={onFieldError} />);
    const headers = screen.getByRole('combobox', { name: 'headers' });
    await user.type(headers, '[[1]');
    expect(headers).toHaveAttribute('aria-invalid', 'true');
    expect(headers).toHaveAccessibleDescription(/must be a JSON object/);
    expect(onFieldError).toHaveBeenLastCalledWith('config/headers', 'must be a JSON object, {...}');
    await user.clear(headers);
    await user.type(headers, '{{"a": ');
    expect(within(headers.closest('.port-field') as HTMLElement).getByText(/^not valid JSON/)).toBeInTheDocument();
    expect(seen.mock.calls.every(([n]) => !(n as GraphNode).config?.headers)).toBe(true);
    await user.type(headers, '1}');
    expect(headers).not.toHaveAttribute('aria-invalid');
    expect(onFieldError).toHaveBeenLastCalledWith('config/headers', null);
    expect(last(seen).config).toEqual({ headers: { a: 1 } });
  });

  it('completes templates with the trigger’s inputs and the outputs it may read, by keyboard', async () => {
    const user = userEvent.setup();
    const seen = vi.fn();
    render(<Harness id="fetch" seen={seen} />);
    const url = screen.getByRole('combobox', { name: 'url' });
    await user.type(url, '{{{{');
    expect(url).toHaveAttribute('aria-expanded', 'true');
    const options = within(screen.getByRole('listbox', { name: 'Template suggestions' })).getAllByRole('option');
    // `after` reads fetch, so it is downstream and not offered
    expect(options.map((o) => o.querySelector('code')!.textContent)).toEqual(['inputs.site']);
    expect(url).toHaveAttribute('aria-activedescendant', options[0].id);
    await user.keyboard('{Enter}');
    expect(url).toHaveValue('{{ inputs.site }}');
    expect(url).toHaveAttribute('aria-expanded', 'false');
    expect(last(seen).config).toEqual({ url: '{{ inputs.site }}' });
  });

  it('shows where a connected port comes from instead of a field', () => {
    render(<Harness id="step_2" graph={SEED_000} seen={() => {}} />);
    expect(screen.getByText('step_1.text').closest('.port-field')).toHaveTextContent('from step_1.text');
    expect(screen.queryByRole('combobox', { name: 'text' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Disconnect text' })).toBeInTheDocument();
  });

  it('declares the trigger’s inputs in seed 001’s shape', async () => {
    const user = userEvent.setup();
    const seen = vi.fn();
    render(<Harness id="start" seen={seen} />);
    await user.click(screen.getByRole('button', { name: 'Add an input' }));
    const second = screen.getAllByRole('group')[1];
    await user.clear(within(second).getByRole('textbox', { name: 'Name' }));
    await user.type(within(second).getByRole('textbox', { name: 'Name' }), 'count');
    await user.selectOptions(within(second).getByRole('combobox', { name: 'Type' }), 'integer');
    await user.type(within(second).getByRole('textbox', { name: 'Default' }), '3');
    await user.click(within(second).getByRole('checkbox', { name: 'Required' }));
    expect(last(seen).config).toEqual({
      inputs: [
        { name: 'site', type: 'text' },
        { name: 'count', type: 'integer', required: false, default: 3 },
      ],
    });
    await user.type(within(second).getByRole('textbox', { name: 'Name' }), '-x');
    expect(within(second).getByRole('textbox', { name: 'Name' })).toHaveAccessibleDescription(/only letters, digits and _/);
  });
});
