// Drives the server's /accounts API with Cloudflare's official SDK (npm "cloudflare"), unchanged, and prints one
// JSON line per check: {"check": name, "ok": true|false, "detail": ...}. CloudflareSdkTests runs it against a test
// server and asserts every line; run it by hand with:
//   DATAFLOW_URL=http://127.0.0.1:8080 DATAFLOW_TOKEN=<key> DATAFLOW_ACCOUNT_ID=<organization id> \
//   DATAFLOW_OTHER_ACCOUNT_ID=<another organization's id> DATAFLOW_WORKFLOW_ID=<a workflow of the organization> \
//   node checks.mjs
// Each check runs twice: with the server's root as the base URL and with Cloudflare's /client/v4 prefix after it.
import Cloudflare from 'cloudflare';

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    console.error(`checks.mjs: set ${name}`);
    process.exit(2);
  }
  return value;
};

const url = env('DATAFLOW_URL').replace(/\/$/, '');
const token = env('DATAFLOW_TOKEN');
const accountId = env('DATAFLOW_ACCOUNT_ID');
const otherAccountId = env('DATAFLOW_OTHER_ACCOUNT_ID');
const workflowId = env('DATAFLOW_WORKFLOW_ID');

const client = (baseURL, apiToken) => new Cloudflare({ baseURL, apiToken, maxRetries: 0, timeout: 30_000 });

/** Runs a call that must fail with this SDK error class and status, and these envelope error codes. */
async function expectError(name, call, errorClass, status, codes) {
  try {
    const result = await call();
    return report(name, false, { unexpected: 'success', result });
  } catch (e) {
    const codesSeen = (e.errors ?? []).map((error) => error.code);
    const ok = e instanceof errorClass && e.status === status
      && JSON.stringify(codesSeen) === JSON.stringify(codes);
    return report(name, ok, {
      error: e.constructor?.name, status: e.status, codes: codesSeen, message: e.message,
      contentType: e.headers?.get?.('content-type') ?? null,
    });
  }
}

/** Runs a call that must succeed and pass the test; reports what it answered. */
async function expectOk(name, call, test) {
  try {
    const result = await call();
    let ok = false;
    let why = null;
    try {
      ok = test(result) === true;
    } catch (e) {
      why = String(e);
    }
    return report(name, ok, { result, why });
  } catch (e) {
    return report(name, false, { error: e.constructor?.name, status: e.status, message: e.message });
  }
}

/** Every item of an SDK list, through its async iteration over pages. */
async function all(list) {
  const items = [];
  for await (const item of list) {
    items.push(item);
  }
  return items;
}

const STATUS_WORDS = ['complete', 'errored', 'paused', 'queued', 'running', 'terminated', 'waiting',
  'waitingForPause'];

function report(check, ok, detail) {
  console.log(JSON.stringify({ check, ok, detail }));
  return ok;
}

let failed = 0;
for (const [prefix, baseURL] of [['root', url], ['client-v4', `${url}/client/v4`]]) {
  const sdk = client(baseURL, token);
  const account = { account_id: accountId };
  const name = `sdk-${prefix}-${Date.now()}`;
  const versions = [];
  const checks = [
    // Binding a workflow of the organization under a name: the SDK's full object.
    () => expectOk(`${prefix}: workflows.update creates`,
      () => sdk.workflows.update(name, { ...account, class_name: 'SdkFlow', script_name: workflowId }),
      (w) => {
        versions.push(w.version_id);
        return w.name === name && w.class_name === 'SdkFlow' && w.script_name === workflowId && w.is_deleted === 0
          && w.terminator_running === 0 && w.triggered_on === null && typeof w.version_id === 'string';
      }),
    // A change of the label: a new version.
    () => expectOk(`${prefix}: workflows.update versions`,
      () => sdk.workflows.update(name, { ...account, class_name: 'SdkFlowV2', script_name: workflowId }),
      (w) => {
        versions.push(w.version_id);
        return w.class_name === 'SdkFlowV2' && w.version_id !== versions[0];
      }),
    // Two more, so that listing three a page takes more than one page.
    () => expectOk(`${prefix}: workflows.update more`,
      async () => {
        for (const n of ['a', 'b', 'c']) {
          await sdk.workflows.update(`${name}-${n}`, { ...account, class_name: 'SdkFlow', script_name: workflowId });
        }
        return true;
      },
      (ok) => ok),
    () => expectOk(`${prefix}: workflows.list pages`,
      () => all(sdk.workflows.list({ ...account, search: name, per_page: 3 })),
      (items) => items.length === 4 && items.every((w) => w.name.startsWith(name))
        && STATUS_WORDS.every((word) => items[0].instances[word] === 0)),
    () => expectOk(`${prefix}: workflows.get`,
      () => sdk.workflows.get(name, account),
      (w) => w.name === name && w.class_name === 'SdkFlowV2' && w.script_name === workflowId
        && Object.keys(w.instances).sort().join() === [...STATUS_WORDS].sort().join()),
    () => expectOk(`${prefix}: workflows.versions.list`,
      () => all(sdk.workflows.versions.list(name, { ...account, per_page: 1 })),
      (items) => items.map((v) => v.id).join() === [versions[1], versions[0]].join()
        && items.every((v) => v.has_dag === true && v.language === 'javascript')),
    () => expectOk(`${prefix}: workflows.versions.get`,
      () => sdk.workflows.versions.get(versions[0], { ...account, workflow_name: name }),
      (v) => v.id === versions[0] && v.class_name === 'SdkFlow'),
    () => expectOk(`${prefix}: workflows.versions.graph`,
      () => sdk.workflows.versions.graph(versions[1], { ...account, workflow_name: name }),
      (g) => g.id === versions[1] && g.graph.version === 1 && g.graph.workflow.class_name === 'SdkFlowV2'
        && g.graph.workflow.nodes.length > 0),
    () => expectOk(`${prefix}: workflows.delete`,
      async () => {
        const deleted = [];
        for (const n of [name, `${name}-a`, `${name}-b`, `${name}-c`]) {
          deleted.push(await sdk.workflows.delete(n, account));
        }
        return deleted;
      },
      (deleted) => deleted.every((d) => d.status === 'ok' && d.success === true)),
    () => expectError(`${prefix}: deleted workflow`,
      () => sdk.workflows.get(name, account),
      Cloudflare.NotFoundError, 404, [10501]),
    () => expectError(`${prefix}: unknown script_name`,
      () => sdk.workflows.update(name, { ...account, class_name: 'SdkFlow', script_name: 'no-such-workflow' }),
      Cloudflare.BadRequestError, 400, [10004]),
    // A token the server does not know: the SDK's AuthenticationError (401), code 10000.
    () => expectError(`${prefix}: bad token`,
      () => client(baseURL, 'not-a-valid-token').workflows.list({ account_id: accountId }),
      Cloudflare.AuthenticationError, 401, [10000]),
    // Another organization's account id: PermissionDeniedError (403), code 9109.
    () => expectError(`${prefix}: another account`,
      () => sdk.workflows.list({ account_id: otherAccountId }),
      Cloudflare.PermissionDeniedError, 403, [9109]),
    // An unknown workflow: NotFoundError (404), code 10501.
    () => expectError(`${prefix}: unknown workflow`,
      () => sdk.workflows.get('nope', { account_id: accountId }),
      Cloudflare.NotFoundError, 404, [10501]),
    // Instance routes no handler answers yet: NotFoundError (404) with Cloudflare's 7003 and 7000; they become an
    // "unknown instance" check with code 10502 when the instance endpoints land.
    () => expectError(`${prefix}: unknown instance route`,
      () => sdk.workflows.instances.get('nope', { account_id: accountId, workflow_name: 'nope' }),
      Cloudflare.NotFoundError, 404, [7003, 7000]),
  ];
  for (const check of checks) {
    if (!(await check())) {
      failed++;
    }
  }
}
process.exitCode = failed === 0 ? 0 : 1;
