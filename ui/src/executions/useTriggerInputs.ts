import { useCallback, useMemo, useState } from 'react';
import type { ApiProblem } from '../api/problem';
import type { DeclaredInput } from '../graph/ports';
import { collectInputs, initialRaw, parseInputsJson, type RawValue } from './runForm';

/** The JSON pointer of a trigger input in a problem of the API. */
export const inputPointer = (name: string) => `#/triggerInputs/${name}`;

export interface TriggerInputsState {
  /** The declared inputs, or null when the trigger declares none (one JSON editor for all). */
  inputs: DeclaredInput[] | null;
  raws: Record<string, RawValue>;
  json: string;
  setRaw: (name: string, raw: RawValue) => void;
  setJson: (text: string) => void;
  /** Whether a field changed since the start. */
  edited: boolean;
  /** Whether a file is being uploaded (the form waits for it). */
  busy: boolean;
  setBusy: (name: string, busy: boolean) => void;
  /** The errors of each field (its own and the server's), and those of the JSON editor under `""`. */
  errorsOf: (name: string) => string[];
  /** Reads the fields: the trigger inputs, or null after marking the fields that cannot be read. */
  collect: () => Record<string, unknown> | null;
  /** Shows a refused request's problems on the fields they name. */
  setProblem: (problem: ApiProblem | null) => void;
}

/**
 * The state of a trigger inputs form: the field of each declared input (or the JSON editor), started from given
 * values or the defaults, the fields' own errors and the server's problems on the fields they name.
 */
export function useTriggerInputs(declared: DeclaredInput[], initial?: Record<string, unknown> | null): TriggerInputsState {
  const inputs = declared.length ? declared : null;
  const [raws, setRaws] = useState<Record<string, RawValue>>(() =>
    Object.fromEntries(declared.map((i) => [i.name, initialRaw(i, initial?.[i.name])])),
  );
  const [json, setJsonText] = useState(() => JSON.stringify(initial ?? {}, null, 2));
  const [edited, setEdited] = useState(false);
  const [own, setOwn] = useState<Record<string, string>>({});
  const [problem, setProblemState] = useState<ApiProblem | null>(null);
  // Fields changed since the server's problem: its words about them no longer hold.
  const [changedSince, setChangedSince] = useState<ReadonlySet<string>>(new Set());
  const setProblem = useCallback((next: ApiProblem | null) => {
    setProblemState(next);
    setChangedSince(new Set());
  }, []);
  const [uploads, setUploads] = useState<ReadonlySet<string>>(new Set());

  const setRaw = useCallback((name: string, raw: RawValue) => {
    setRaws((r) => ({ ...r, [name]: raw }));
    setEdited(true);
    setChangedSince((c) => new Set(c).add(name));
    setOwn(({ [name]: _gone, ...rest }) => rest);
  }, []);
  const setJson = useCallback((text: string) => {
    setJsonText(text);
    setEdited(true);
    setChangedSince((c) => new Set(c).add(''));
    setOwn({});
  }, []);
  const setBusy = useCallback((name: string, busy: boolean) => {
    setUploads((u) => {
      const next = new Set(u);
      if (busy) next.add(name);
      else next.delete(name);
      return next;
    });
  }, []);

  const errorsOf = useCallback(
    (name: string) => {
      const mine = own[name] ? [own[name]] : [];
      const pointer = name === '' ? '#/triggerInputs' : inputPointer(name);
      const server = problem && !changedSince.has(name) ? problem.at(pointer).map((e) => e.detail) : [];
      return [...mine, ...server];
    },
    [own, problem, changedSince],
  );

  const collect = useCallback(() => {
    setProblem(null);
    if (!inputs) {
      const parsed = parseInputsJson(json);
      if (!parsed.ok) {
        setOwn({ '': parsed.error });
        return null;
      }
      setOwn({});
      return parsed.value as Record<string, unknown>;
    }
    const { values, errors } = collectInputs(inputs, raws);
    setOwn(errors);
    return Object.keys(errors).length ? null : values;
  }, [inputs, json, raws, setProblem]);

  return useMemo(
    () => ({ inputs, raws, json, setRaw, setJson, edited, busy: uploads.size > 0, setBusy, errorsOf, collect, setProblem }),
    [inputs, raws, json, setRaw, setJson, edited, uploads, setBusy, errorsOf, collect, setProblem],
  );
}
