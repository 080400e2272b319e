import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { TaskType } from '../api/types';

let cached: Promise<Map<string, TaskType>> | null = null;

/** The server's task types by name, read once per page load (`GET /task-types`); a failed read is tried again. */
export function loadTaskTypes(): Promise<Map<string, TaskType>> {
  if (!cached) {
    cached = api
      .get<{ task_types: TaskType[] }>('/task-types')
      .then((body) => new Map(body.task_types.map((t) => [t.name, t])))
      .catch((error) => {
        cached = null;
        throw error;
      });
  }
  return cached;
}

export function useTaskTypes(): { types: Map<string, TaskType> | null; error: unknown } {
  const [state, setState] = useState<{ types: Map<string, TaskType> | null; error: unknown }>({ types: null, error: null });
  useEffect(() => {
    let live = true;
    loadTaskTypes().then(
      (types) => live && setState({ types, error: null }),
      (error) => live && setState({ types: null, error }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
