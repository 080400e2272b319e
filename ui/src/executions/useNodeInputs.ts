import { useCallback, useMemo, useState } from 'react';
import type { ApiProblem } from '../api/problem';
import type { PortSpec } from '../graph/ports';
import { changedConfig, configPointer, isChanged, type PortFieldState } from './rerunInputs';

export interface NodeInputsState {
  ports: PortSpec[];
  /** The node's last input by port: where each field starts, and what a reset brings it back to. */
  initial: Record<string, unknown>;
  /** The value a port's field holds now. */
  valueOf: (port: string) => unknown;
  /** Changes each time a port's field is reset, so that the field starts again from its last input. */
  generation: (port: string) => number;
  setValue: (port: string, value: unknown) => void;
  setError: (port: string, error: string | null) => void;
  reset: (port: string) => void;
  changed: (port: string) => boolean;
  /** Whether any field was changed: the rerun then sends `config`. */
  edited: boolean;
  /** The problems of a port to show on its field, besides what its text does not read as: the server's, and ours. */
  problemsOf: (port: string) => string[];
  /** Reads the fields: the changed values, or null after marking the fields that cannot be sent. */
  collect: () => Record<string, unknown> | null;
  /** Shows a refused request's problems on the fields they name. */
  setProblem: (problem: ApiProblem | null) => void;
}

/**
 * The state of a node's input fields in a rerun: one per port, started from the node's last input, each changed
 * one sent, and the server's problems on the field they name until it changes again.
 */
export function useNodeInputs(ports: PortSpec[], initial: Record<string, unknown>): NodeInputsState {
  const [fields, setFields] = useState<Record<string, PortFieldState>>({});
  const [generations, setGenerations] = useState<Record<string, number>>({});
  const [own, setOwn] = useState<Record<string, string>>({});
  const [problem, setProblemState] = useState<ApiProblem | null>(null);
  const [changedSince, setChangedSince] = useState<ReadonlySet<string>>(new Set());

  const touch = useCallback((port: string) => {
    setChangedSince((c) => new Set(c).add(port));
    setOwn(({ [port]: _gone, ...rest }) => rest);
  }, []);
  const setValue = useCallback(
    (port: string, value: unknown) => {
      setFields((f) => ({ ...f, [port]: { value, error: null } }));
      touch(port);
    },
    [touch],
  );
  const setError = useCallback(
    (port: string, error: string | null) => {
      // A text that reads as a value reports no error and then the value (setValue); only errors are kept here.
      if (error === null) return;
      setFields((f) => ({ ...f, [port]: { value: f[port]?.value ?? initial[port], error } }));
      touch(port);
    },
    [initial, touch],
  );
  const reset = useCallback(
    (port: string) => {
      setFields(({ [port]: _gone, ...rest }) => rest);
      setGenerations((g) => ({ ...g, [port]: (g[port] ?? 0) + 1 }));
      touch(port);
    },
    [touch],
  );
  const setProblem = useCallback((next: ApiProblem | null) => {
    setProblemState(next);
    setChangedSince(new Set());
  }, []);

  const valueOf = useCallback((port: string) => (port in fields ? fields[port].value : initial[port]), [fields, initial]);
  const generation = useCallback((port: string) => generations[port] ?? 0, [generations]);
  const changed = useCallback((port: string) => isChanged(fields[port], initial[port]), [fields, initial]);
  const edited = ports.some((p) => isChanged(fields[p.name], initial[p.name]));
  const problemsOf = useCallback(
    (port: string) => {
      const mine = own[port] && !fields[port]?.error ? [own[port]] : [];
      const server = problem && !changedSince.has(port) ? problem.at(configPointer(port)).map((e) => e.detail) : [];
      return [...mine, ...server];
    },
    [own, fields, problem, changedSince],
  );
  const collect = useCallback(() => {
    setProblem(null);
    const { config, errors } = changedConfig(ports, initial, fields);
    setOwn(errors);
    return Object.keys(errors).length ? null : config;
  }, [ports, initial, fields, setProblem]);

  return useMemo(
    () => ({ ports, initial, valueOf, generation, setValue, setError, reset, changed, edited, problemsOf, collect, setProblem }),
    [ports, initial, valueOf, generation, setValue, setError, reset, changed, edited, problemsOf, collect, setProblem],
  );
}
