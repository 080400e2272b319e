import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { call } from './support';

/** A node of the canvas by its id. */
export function canvasNode(page: Page, id: string): Locator {
  return page.locator(`.react-flow__node[data-id="${id}"]`);
}

/** A port's handle on a node: `out:<port>` or `in:<port>`. */
export function handle(page: Page, id: string, handleId: string): Locator {
  return canvasNode(page, id).locator(`[data-handleid="${handleId}"]`);
}

/** The inspector, the side panel of the selected node. */
export function inspector(page: Page): Locator {
  return page.locator('aside.inspector');
}

/** Drags a task type from the palette onto the canvas, dropping it at a point of the canvas. */
export async function dragFromPalette(page: Page, type: string, at: { x: number; y: number }): Promise<void> {
  const pane = page.locator('.canvas-flow .react-flow__pane');
  await page.locator(`.palette-item[data-type="${type}"]`).dragTo(pane, { targetPosition: at });
}

/** Draws a connection by dragging from an output handle to an input handle. */
export async function connectPorts(page: Page, from: [string, string], to: [string, string]): Promise<void> {
  await handle(page, from[0], `out:${from[1]}`).dragTo(handle(page, to[0], `in:${to[1]}`));
}

/** Waits for an execution of `/api/v1` to finish and answers it. */
export async function finishedExecution<T extends { status: string }>(request: APIRequestContext, path: string, final: string[]): Promise<T> {
  let execution: T | undefined;
  await expect
    .poll(
      async () => {
        execution = await call<T>(request, 'GET', path);
        return final.includes(execution.status);
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  return execution!;
}
