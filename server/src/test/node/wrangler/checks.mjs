// Cloudflare's wrangler CLI, unchanged, against this server's /accounts API: each of its `workflows` commands is run
// as a user runs it, with CLOUDFLARE_API_BASE_URL pointing at the server's /client/v4, and what it prints is checked.
// Prints one JSON line per check, {check, ok, detail}; WranglerTests asserts them. Settings come from the
// environment: DATAFLOW_URL, DATAFLOW_TOKEN, DATAFLOW_ACCOUNT_ID, DATAFLOW_WORKFLOW_NAME (a name bound to a workflow
// that uppercases params.text, waits for an "approval" event, then lowercases the event's note).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const url = process.env.DATAFLOW_URL;
const token = process.env.DATAFLOW_TOKEN;
const accountId = process.env.DATAFLOW_ACCOUNT_ID;
const workflow = process.env.DATAFLOW_WORKFLOW_NAME;
const home = mkdtempSync(join(tmpdir(), 'wrangler-checks-'));

/** Runs `wrangler workflows ...args`; its exit code and what it printed, without colours. */
function wrangler(args, { withAccount = true, apiToken = token } = {}) {
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: home,
    CLOUDFLARE_API_BASE_URL: `${url}/client/v4`,
    CLOUDFLARE_API_TOKEN: apiToken,
    WRANGLER_SEND_METRICS: 'false',
    WRANGLER_LOG_PATH: home,
  };
  if (withAccount) {
    env.CLOUDFLARE_ACCOUNT_ID = accountId;
  }
  return new Promise((resolve) => {
    execFile('node_modules/.bin/wrangler', ['workflows', ...args], { env, timeout: 60_000 },
      (error, stdout, stderr) => resolve({
        code: error ? (error.code ?? 1) : 0,
        // eslint-disable-next-line no-control-regex
        text: `${stdout}\n${stderr}`.replace(/\u001b\[[0-9;]*m/g, ''),
      }));
  });
}

/** The instance as the API shows it, read directly (to wait for what a command set going). */
async function instance(id) {
  const response = await fetch(`${url}/accounts/${accountId}/workflows/${workflow}/instances/${id}`,
    { headers: { Authorization: `Bearer ${token}` } });
  return (await response.json()).result;
}

async function until(id, done) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const current = await instance(id);
    if (done(current) || Date.now() > deadline) {
      return current;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function check(name, run) {
  let line;
  try {
    const [ok, detail] = await run();
    line = { check: name, ok, detail };
  } catch (error) {
    line = { check: name, ok: false, detail: { error: String(error?.stack ?? error) } };
  }
  console.log(JSON.stringify(line));
}

/** A command that succeeds and prints `expected`. */
function prints(name, args, expected, options) {
  return check(name, async () => {
    const { code, text } = await wrangler(args, options);
    return [code === 0 && text.includes(expected), { code, text }];
  });
}

/** A command that fails, printing the API's error code. */
function fails(name, args, errorCode, options) {
  return check(name, async () => {
    const { code, text } = await wrangler(args, options);
    return [code !== 0 && text.includes(`[code: ${errorCode}]`), { code, text }];
  });
}

let id;
try {
  await prints('list', ['list'], workflow);
  await prints('list without an account id', ['list'], workflow, { withAccount: false });
  await prints('describe', ['describe', workflow], 'Class Name:');
  await check('trigger', async () => {
    const { code, text } = await wrangler(['trigger', workflow, JSON.stringify({ text: 'hello' })]);
    id = /instance "([^"]+)" has been queued successfully/.exec(text)?.[1];
    const started = id === undefined ? null : await until(id, (i) => i.status === 'waiting');
    return [code === 0 && started?.status === 'waiting' && started.params.text === 'hello', { code, text, id }];
  });
  await prints('instances list', ['instances', 'list', workflow], id);
  await prints('instances describe latest', ['instances', 'describe', workflow, 'latest'], `Instance Id:           ${id}`);
  await prints('instances pause', ['instances', 'pause', workflow, id], 'was paused successfully');
  await prints('instances resume', ['instances', 'resume', workflow, 'latest'], 'was resumed successfully');
  await check('instances send-event', async () => {
    await until(id, (i) => i.status === 'waiting');
    const { code, text } = await wrangler(['instances', 'send-event', workflow, id, '--type', 'approval',
      '--payload', JSON.stringify({ note: 'Yes' })]);
    const done = await until(id, (i) => i.status === 'complete');
    return [code === 0 && text.includes('was sent') && done.output?.note === 'yes', { code, text, done }];
  });
  await check('instances restart', async () => {
    const { code, text } = await wrangler(['instances', 'restart', workflow, id]);
    const again = await until(id, (i) => i.status === 'waiting');
    return [code === 0 && text.includes('restarted successfully') && again.status === 'waiting', { code, text }];
  });
  await prints('instances terminate', ['instances', 'terminate', workflow, id], 'terminated successfully');
  await check('instances terminate-all', async () => {
    const triggered = await wrangler(['trigger', workflow, JSON.stringify({ text: 'all' })]);
    const all = /instance "([^"]+)" has been queued successfully/.exec(triggered.text)?.[1];
    const waiting = all === undefined ? null : await until(all, (i) => i.status === 'waiting');
    const { code, text } = await wrangler(['instances', 'terminate-all', workflow, '--status', 'waiting']);
    const done = all === undefined ? null : await until(all, (i) => i.status === 'terminated');
    return [code === 0 && waiting?.status === 'waiting' && text.includes('with status "waiting" has been started')
      && done?.status === 'terminated', { code, text, all, done: done?.status }];
  });
  await fails('unknown instance', ['instances', 'describe', workflow, 'nope'], 10502);
  await fails('unknown workflow', ['describe', 'no-such-workflow'], 10501);
  await fails('bad token', ['list'], 10000, { apiToken: 'dfp_not-a-key' });
  await check('delete', async () => {
    const { code, text } = await wrangler(['delete', workflow]);
    const listed = await wrangler(['list']);
    return [code === 0 && text.includes('removed successfully') && !listed.text.includes(workflow),
      { code, text, listed: listed.text }];
  });
} finally {
  rmSync(home, { recursive: true, force: true });
}
