import '../editor/editor.css';
import './rerun.css';
import type { TaskType } from '../api/types';
import { PortField } from '../editor/PortField';
import type { Suggestion } from '../editor/templateSuggest';
import type { NodeInputsState } from './useNodeInputs';

/**
 * The input ports of the node a rerun starts from, each a field of its type (a `{{ }}` template allowed, with
 * suggestions of what it may read) started from the node's last input; a changed field can be reset to it.
 */
export function NodeInputsFields({
  form,
  type,
  suggestions,
}: {
  form: NodeInputsState;
  type: TaskType;
  suggestions: Suggestion[];
}) {
  if (form.ports.length === 0) return <p className="muted">Its task type takes no inputs.</p>;
  return (
    <div className="node-inputs">
      {form.ports.map((port) => (
        <div key={port.name} className={`node-input${form.changed(port.name) ? ' changed' : ''}`}>
          <PortField
            key={form.generation(port.name)}
            port={port}
            defaultValue={type.inputs.find((p) => p.name === port.name)?.default_value}
            value={form.valueOf(port.name)}
            feed={undefined}
            problems={form.problemsOf(port.name)}
            suggestions={suggestions}
            sources={[]}
            onValue={(value) => form.setValue(port.name, value)}
            onError={(error) => form.setError(port.name, error)}
            onConnect={() => undefined}
            onDisconnect={() => undefined}
          />
          {form.changed(port.name) && (
            <button type="button" className="small" onClick={() => form.reset(port.name)} aria-label={`Reset ${port.name} to its last input`}>
              Reset
            </button>
          )}
        </div>
      ))}
    </div>
  );
}
