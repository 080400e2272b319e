#!/usr/bin/env node
// The web UI's benchmark, in Debian's Chromium driven by Playwright (the UI's own packages; run `npm ci` in ui/ or
// build once with ./dataflow server). It starts the server jar on a fresh H2 database, fills it, and prints:
//   - the workflow list's time to interactive (rows shown and the search box usable), and until every row's last
//     runs are shown;
//   - a 200-node workflow's time until all its nodes are drawn on the canvas (laid out by the browser: the graph has
//     no positions);
//   - the live view's event-to-paint delay: from a task's completion in the server (its finishedAt) to the frame
//     after its node turned completed on the page (same machine, same clock).
// It asserts nothing; numbers are medians and 90th percentiles over --runs page loads. Usage:
//   node bench/ui/ui-bench.mjs [--server-jar server/target/dataflow-server.jar] [--runs 10] [--workflows 100]
//                              [--nodes 200] [--live-tasks 20] [--chromium /usr/bin/chromium] [--only list,canvas,live]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { chromium } = createRequire(join(root, 'ui', 'package.json'))('playwright-core');

const options = parseArgs(process.argv.slice(2), {
  'server-jar': join(root, 'server', 'target', 'dataflow-server.jar'),
  runs: '10',
  workflows: '100',
  nodes: '200',
  'live-tasks': '20',
  chromium: '/usr/bin/chromium',
  only: 'list,canvas,live',
  java: process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java',
});
const RUNS = Number(options.runs);
const KEY = 'dfp_bench_admin_key_0123456789';

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const data = mkdtempSync(join(tmpdir(), 'dataflow-ui-bench-'));
const server = spawn(options.java, ['-XX:+UseParallelGC', '-jar', options['server-jar']], {
  env: { ...process.env, DATAFLOW_PORT: String(port), DATAFLOW_DATA_DIR: data, DATAFLOW_ADMIN_API_KEY: KEY },
  stdio: ['ignore', 'ignore', 'inherit'],
});
let browser;
try {
  await waitForServer();
  console.log(`server ${options['server-jar']} on ${base}; ${RUNS} runs each`);
  browser = await chromium.launch({
    executablePath: options.chromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const only = new Set(options.only.split(','));
  if (only.has('list')) await listScenario();
  if (only.has('canvas')) await canvasScenario();
  if (only.has('live')) await liveScenario();
} finally {
  await browser?.close();
  server.kill('SIGTERM');
  await new Promise((done) => server.once('exit', done));
  rmSync(data, { recursive: true, force: true });
}

// The workflow list: --workflows workflows, each run once, so every row has a last run to show.
async function listScenario() {
  const count = Number(options.workflows);
  for (let i = 0; i < count; i++) {
    const { workflowId: id } = await call('POST', '/api/v1/workflows', {
      name: `Bench list ${i}`,
      tags: ['bench'],
      nodes: [{ id: 'echo', nodeId: 'Echo', config: { text: `row ${i}` } }],
      connections: [],
    });
    await call('POST', `/api/v1/workflows/${id}/execute`, { triggerInputs: {} });
  }
  const interactive = [];
  const complete = [];
  for (let run = 0; run < RUNS + 1; run++) {
    const page = await signedInPage();
    await page.goto(`${base}/`);
    const times = await page.evaluate(() => window.__bench.listDone);
    await page.close();
    if (run === 0) continue; // the first load warms the server's caches and the browser's
    interactive.push(times.interactive);
    complete.push(times.complete);
  }
  report(`workflow list (${count} workflows, 20 a page): time to interactive`, interactive);
  report('workflow list: until every row shows its last runs', complete);
}

// A graph of --nodes nodes without positions: the trigger and a chain of text tasks with a few branches.
async function canvasScenario() {
  const size = Number(options.nodes);
  const nodes = [{ id: 'trigger', nodeId: 'trigger.manual', config: { inputs: [{ name: 'text', type: 'text', default: 'x' }] } }];
  const connections = [];
  for (let i = 1; i < size; i++) {
    nodes.push({ id: `n${i}`, nodeId: i % 3 ? 'TextOperation.Uppercase' : 'TextOperation.Reverse', config: {} });
    const from = i === 1 ? 'trigger' : `n${i % 10 === 0 ? Math.max(1, i - 5) : i - 1}`;
    connections.push({ sourceNodeId: from, sourcePort: 'text', targetNodeId: `n${i}`, targetPort: 'text' });
  }
  const { workflowId: id } = await call('POST', '/api/v1/workflows', { name: 'Bench canvas', nodes, connections });
  const drawn = [];
  for (let run = 0; run < RUNS + 1; run++) {
    const page = await signedInPage({ expectNodes: size });
    await page.goto(`${base}/#/workflows/${id}`);
    const time = await page.evaluate(() => window.__bench.canvasDone);
    await page.close();
    if (run > 0) drawn.push(time);
  }
  report(`${size}-node workflow: until every node is drawn`, drawn);
}

// A chain of --live-tasks sleeps of 300 ms after a first one of 3 s (time for the page to open): every status
// change after the page is up is timed from the server's timestamp to the frame after the node changed.
async function liveScenario() {
  const tasks = Number(options['live-tasks']);
  const nodes = [{ id: 's0', nodeId: 'sleep', config: { value: 'go', duration: 3000 } }];
  const connections = [];
  for (let i = 1; i <= tasks; i++) {
    nodes.push({ id: `s${i}`, nodeId: 'sleep', config: { duration: 300 } });
    connections.push({ sourceNodeId: `s${i - 1}`, sourcePort: 'value', targetNodeId: `s${i}`, targetPort: 'value' });
  }
  const { workflowId: id } = await call('POST', '/api/v1/workflows', { name: 'Bench live', nodes, connections });
  const delays = [];
  const runs = Math.max(1, Math.ceil(RUNS / 3));
  for (let run = 0; run < runs; run++) {
    const { executionId } = await call('POST', `/api/v1/workflows/${id}/execute`, { triggerInputs: {} });
    const page = await signedInPage();
    await page.goto(`${base}/#/executions/${executionId}`);
    await page.waitForFunction(
      (last) => document.querySelector(`[data-node-id="${last}"]`)?.getAttribute('data-status') === 'completed',
      `s${tasks}`,
      { timeout: 60_000 + tasks * 2_000 },
    );
    const painted = await page.evaluate(() => window.__bench.statusPaints);
    await page.close();
    const execution = await call('GET', `/api/v1/executions/${executionId}`);
    // Completions: their time is exact (finishedAt). A sleep's other changes (running, waiting, woken) share one
    // startedAt, so they are not timed.
    for (const paint of painted) {
      const finishedAt = paint.status === 'completed' ? execution.nodes[paint.node]?.finishedAt : null;
      if (finishedAt) delays.push(paint.at - Date.parse(finishedAt));
    }
  }
  report(`live view: event to paint (${delays.length} task completions in ${runs} runs of ${tasks} tasks)`, delays);
}

// A page signed in through session storage, with observers that note when the measured things are on screen.
async function signedInPage({ expectNodes = 0 } = {}) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(
    ({ key, expectNodes }) => {
      sessionStorage.setItem('dataflow.apiKey', key);
      const bench = (window.__bench = { statusPaints: [] });
      let listDone;
      bench.listDone = new Promise((done) => (listDone = done));
      let canvasDone;
      bench.canvasDone = new Promise((done) => (canvasDone = done));
      const afterPaint = (then) => requestAnimationFrame(() => setTimeout(then, 0));
      let interactive = null;
      let statusReady = false;
      new MutationObserver((mutations) => {
        const rows = document.querySelectorAll('table.list tbody tr').length;
        const search = document.querySelector('input[type="search"]');
        if (interactive === null && rows > 0 && search && !search.disabled) {
          interactive = performance.now();
          afterPaint(() => (interactive = performance.now()));
        }
        if (interactive !== null && rows > 0 && !/…/.test(document.querySelector('table.list tbody')?.textContent ?? '…')) {
          const complete = performance.now();
          afterPaint(() => listDone({ interactive, complete }));
        }
        if (expectNodes && document.querySelectorAll('.react-flow__node').length >= expectNodes) {
          afterPaint(() => canvasDone(performance.now()));
        }
        if (!statusReady && document.querySelector('[data-node-id]')) {
          setTimeout(() => (statusReady = true), 500); // changes drawn from the first snapshot are not events
        }
        if (statusReady) {
          for (const m of mutations) {
            const el = m.target;
            if (m.type === 'attributes' && m.attributeName === 'data-status' && el.dataset?.nodeId && el.dataset.status) {
              const node = el.dataset.nodeId;
              const status = el.dataset.status;
              afterPaint(() => bench.statusPaints.push({ node, status, at: performance.timeOrigin + performance.now() }));
            }
          }
        }
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status', 'disabled'] });
    },
    { key: KEY, expectNodes },
  );
  return page;
}

async function call(method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: { 'X-API-Key': KEY, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

function report(label, values) {
  if (values.length === 0) {
    console.log(`${label}: no samples`);
    return;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  console.log(`${label}: p50 ${at(0.5).toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms, max ${sorted.at(-1).toFixed(0)} ms (n=${values.length})`);
}

async function waitForServer() {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    try {
      const r = await fetch(`${base}/api/v1/me`, { headers: { 'X-API-Key': KEY } });
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error('the server did not answer within 120 s');
}

function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
    probe.on('error', fail);
  });
}

function parseArgs(args, defaults) {
  const result = { ...defaults };
  for (let i = 0; i < args.length; i++) {
    const name = args[i].replace(/^--/, '');
    if (!(name in defaults) || i + 1 >= args.length) {
      console.error(`unknown or incomplete option ${args[i]}; options: ${Object.keys(defaults).map((o) => `--${o}`).join(' ')}`);
      process.exit(2);
    }
    result[name] = args[++i];
  }
  return result;
}
