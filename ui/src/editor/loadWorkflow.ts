import { api } from '../api/client';
import type { Workflow } from '../api/types';

/** The shape a workflow was written in through `/workflows`: linear steps (seed 000), tasks (seed 001), or a graph. */
export type Dialect = 'steps' | 'tasks' | 'graph';

export interface LoadedWorkflow {
  workflow: Workflow;
  dialect: Dialect;
}

/**
 * The workflow as a graph (`/api/v1`) and the shape of its `/workflows` document, which says whether saving the
 * graph changes the document's shape. A document that cannot be read only loses that note.
 */
export async function loadWorkflow(id: string, signal: AbortSignal): Promise<LoadedWorkflow> {
  const path = encodeURIComponent(id);
  const [workflow, document] = await Promise.all([
    api.get<Workflow>(`/api/v1/workflows/${path}`, undefined, signal),
    api.get<Record<string, unknown>>(`/workflows/${path}`, undefined, signal).catch(() => null),
  ]);
  return { workflow, dialect: dialectOf(document) };
}

export function dialectOf(document: Record<string, unknown> | null): Dialect {
  if (document && Array.isArray(document.steps)) return 'steps';
  if (document && Array.isArray(document.tasks)) return 'tasks';
  return 'graph';
}
