import { useId, useState } from 'react';
import type { GraphConnection } from '../api/types';
import type { PortSpec } from '../graph/ports';
import { preview } from '../graph/preview';
import { fieldKind, isTemplateValue } from './fieldValue';
import { FieldErrors } from './FieldErrors';
import { TemplateInput } from './TemplateInput';
import type { Suggestion } from './templateSuggest';
import { useFieldText } from './useFieldText';

/** An output another node may connect to this port, as `node.port`. */
export interface SourceOption {
  node: string;
  port: string;
  label: string;
}

interface Props {
  port: PortSpec;
  defaultValue: unknown;
  value: unknown;
  feed: GraphConnection | undefined;
  problems: string[];
  suggestions: Suggestion[];
  sources: SourceOption[];
  onValue: (value: unknown) => void;
  onError: (error: string | null) => void;
  onConnect: (source: SourceOption) => void;
  onDisconnect: (connection: GraphConnection) => void;
}

/**
 * One input port of a node: a field of the port's type (text, number, checkbox, JSON), any of which may hold a
 * `{{ }}` template instead; or, when a connection feeds the port, where it comes from. A port without a value may
 * also be connected from here, without dragging on the canvas.
 */
export function PortField(props: Props) {
  const { port, defaultValue, feed, problems } = props;
  const id = useId();
  const describe = `${id}-about`;
  const errorId = `${id}-error`;
  const [asTemplate, setAsTemplate] = useState(() => isTemplateValue(props.value));
  const field = useFieldText(port.type, props.value, props.onValue, props.onError);
  const errors = [...(field.error ? [field.error] : []), ...problems];
  const kind = fieldKind(port.type);
  const switchable = kind === 'number' || kind === 'boolean';

  const about = [
    port.type,
    port.required ? 'required' : defaultValue !== null && defaultValue !== undefined ? `default ${preview(defaultValue, 40)}` : 'optional',
    port.description,
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <div className={`port-field${errors.length ? ' invalid' : ''}`} data-port={port.name}>
      <div className="port-field-head">
        <span className="port-label">
          {feed ? (
            <span className="port-name" id={`${id}-name`}>
              {port.name}
            </span>
          ) : (
            <label htmlFor={id}>{port.name}</label>
          )}
          {port.required && (
            <span className="required" aria-hidden="true" title="required">
              {' '}*
            </span>
          )}
        </span>
        {switchable && !feed && (
          <button
            type="button"
            className="small"
            aria-pressed={asTemplate}
            aria-label={`${port.name} as a template`}
            title="Write a {{ }} template instead of a value"
            onClick={() => {
              setAsTemplate(!asTemplate);
              field.setText('');
            }}
          >
            {'{{ }}'}
          </button>
        )}
      </div>
      <p id={describe} className="hint">
        {about}
      </p>
      {feed ? (
        <div className="fed" role="group" aria-labelledby={`${id}-name`}>
          from <code>{`${feed.sourceNodeId}.${feed.sourcePort}`}</code>
          <button type="button" className="small" onClick={() => props.onDisconnect(feed)} aria-label={`Disconnect ${port.name}`}>
            Disconnect
          </button>
        </div>
      ) : (
        <Control {...props} id={id} kind={asTemplate ? 'text' : kind} text={field.text} setText={field.setText} invalid={errors.length > 0} describedBy={`${describe}${errors.length ? ` ${errorId}` : ''}`} />
      )}
      <FieldErrors id={errorId} errors={errors} />
      {!feed && field.text === '' && props.sources.length > 0 && (
        <select
          className="connect-from"
          aria-label={`Connect ${port.name} from`}
          value=""
          onChange={(e) => {
            const source = props.sources[Number(e.target.value)];
            if (source) props.onConnect(source);
          }}
        >
          <option value="">or connect from…</option>
          {props.sources.map((s, i) => (
            <option key={`${s.node}.${s.port}`} value={i}>
              {s.label}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}

function Control({
  id,
  kind,
  port,
  defaultValue,
  text,
  setText,
  invalid,
  describedBy,
  suggestions,
}: Props & { id: string; kind: string; text: string; setText: (t: string) => void; invalid: boolean; describedBy: string }) {
  if (kind === 'number') {
    return (
      <input
        id={id}
        type="number"
        step={port.type === 'integer' ? 1 : 'any'}
        value={text}
        placeholder={defaultValue !== null && defaultValue !== undefined ? String(defaultValue) : undefined}
        aria-invalid={invalid || undefined}
        aria-required={port.required || undefined}
        aria-describedby={describedBy}
        onChange={(e) => setText(e.target.value)}
      />
    );
  }
  if (kind === 'boolean') {
    const checked = text === '' ? defaultValue === true : text === 'true';
    return (
      <input
        id={id}
        type="checkbox"
        checked={checked}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(e) => setText(String(e.target.checked))}
      />
    );
  }
  return (
    <TemplateInput
      id={id}
      value={text}
      onChange={setText}
      suggestions={suggestions}
      multiline
      rows={kind === 'json' ? 3 : 1}
      invalid={invalid}
      required={port.required}
      describedBy={describedBy}
    />
  );
}
