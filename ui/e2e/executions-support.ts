import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { call, unique } from './support';

/** What the execution tests build their workflows from (docs/api-v1.md "Graphs"). */
export interface Node {
  id: string;
  nodeId: string;
  label?: string;
  position?: { x: number; y: number };
  config?: Record<string, unknown>;
}
export type Connection = [source: string, sourcePort: string, target: string, targetPort: string];

/** Creates a workflow of these nodes and connections under a unique name; gives its id. */
export async function createWorkflow(request: APIRequestContext, prefix: string, nodes: Node[], connections: Connection[]): Promise<string> {
  const created = await call<{ workflowId: string }>(request, 'POST', '/api/v1/workflows', {
    name: unique(prefix),
    nodes,
    connections: connections.map(([sourceNodeId, sourcePort, targetNodeId, targetPort]) => ({ sourceNodeId, sourcePort, targetNodeId, targetPort })),
  });
  return created.workflowId;
}

/** Starts an execution through the API; gives its id. */
export async function execute(request: APIRequestContext, workflowId: string, triggerInputs: Record<string, unknown> = {}): Promise<string> {
  const started = await call<{ executionId: string }>(request, 'POST', `/api/v1/workflows/${workflowId}/execute`, { triggerInputs });
  return started.executionId;
}

/** Waits, through the API, until an execution is in one of the statuses (test set-up only; the page never polls). */
export async function waitForStatus(request: APIRequestContext, executionId: string, statuses: string[]): Promise<void> {
  await expect
    .poll(async () => (await call<{ status: string }>(request, 'GET', `/api/v1/executions/${executionId}`)).status, { timeout: 20_000 })
    .toMatch(new RegExp(`^(${statuses.join('|')})$`));
}

/** A node of the execution page's canvas, carrying its run's status in `data-status`. */
export function canvasNode(page: Page, nodeId: string): Locator {
  return page.locator(`.run-canvas [data-node-id="${nodeId}"]`);
}

/** The execution's status as its header shows it. */
export function executionStatus(page: Page): Locator {
  return page.locator('.status-large .badge');
}

/** Marks the window, so a test can tell the page was never reloaded: the mark is gone after a reload. */
export async function markWindow(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __notReloaded?: boolean }).__notReloaded = true;
  });
}

export async function windowStillMarked(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded === true);
}

/**
 * Counts the page's plain reads of executions (`GET /api/v1/executions/:id`, not their streams): a page that
 * follows an execution live reads it once, then only listens.
 */
export function countExecutionReads(page: Page): () => number {
  let reads = 0;
  page.on('request', (r) => {
    if (r.method() === 'GET' && /^\/api\/v1\/executions\/[^/]+$/.test(new URL(r.url()).pathname)) reads++;
  });
  return () => reads;
}
