// Drives the server's /accounts API with Cloudflare's official SDK (npm "cloudflare"), unchanged, and prints one
// JSON line per check: {"check": name, "ok": true|false, "detail": ...}. CloudflareSdkTests runs it against a test
// server and asserts every line; run it by hand with:
//   DATAFLOW_URL=http://127.0.0.1:8080 DATAFLOW_TOKEN=<key> DATAFLOW_ACCOUNT_ID=<organization id> \
//   DATAFLOW_OTHER_ACCOUNT_ID=<another organization's id> DATAFLOW_WORKFLOW_ID=<a workflow of the organization> \
//   DATAFLOW_WORKFLOW_NAME=<a bound workflow> node checks.mjs
// DATAFLOW_WORKFLOW_ID is a workflow the workflow checks bind under names of their own. DATAFLOW_WORKFLOW_NAME names
// a workflow bound in the account that takes a text input "text", then waits for an event of type "approval" and
// outputs the event's "note" lowercased as "note" (CloudflareSdkTests binds one).
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
const workflowName = env('DATAFLOW_WORKFLOW_NAME');

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

/** Awaits an SDK call with its answer: its data and the answer's Content-Type. */
async function answered(promise) {
  const { data, response } = await promise.withResponse();
  return { data, contentType: response.headers.get('content-type') };
}

/** Calls `read` until `done` holds for what it gives, for at most 20 s; the last value read. */
async function until(read, done) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A check that runs `body`, which returns [ok, detail]; an exception fails it. */
function check(name, body) {
  return async () => {
    try {
      const [ok, detail] = await body();
      return report(name, ok, detail);
    } catch (e) {
      return report(name, false, { error: e.constructor?.name, status: e.status, message: e.message,
        contentType: e.headers?.get?.('content-type') ?? null });
    }
  };
}

/**
 * Seed 003's instances through the SDK: create (with params as an object and as a JSON-encoded string), a
 * duplicate id, batch create, list with the SDK's page iteration, get with steps, an event a waiting instance
 * takes, and pause, resume, terminate and restart. The instance ids carry the prefix, so both rounds coexist.
 */
function instanceChecks(sdk, prefix) {
  const instances = sdk.workflows.instances;
  const ids = { one: `${prefix}-one`, json: `${prefix}-json`, batch: `${prefix}-batch` };
  const get = (id) => instances.get(id, { account_id: accountId, workflow_name: workflowName });
  return [
    check(`${prefix}: create instance`, async () => {
      const { data, contentType } = await answered(instances.create(workflowName,
        { account_id: accountId, instance_id: ids.one, params: { text: 'hello' } }));
      const json = await instances.create(workflowName,
        { account_id: accountId, instance_id: ids.json, params: JSON.stringify({ text: 'json' }) });
      const ok = data.id === ids.one && data.status === 'queued' && typeof data.version_id === 'string'
        && typeof data.workflow_id === 'string' && json.id === ids.json;
      return [ok, { data, json, contentType }];
    }),
    () => expectError(`${prefix}: duplicate instance`,
      () => instances.create(workflowName,
        { account_id: accountId, instance_id: ids.one, params: { text: 'again' } }),
      Cloudflare.ConflictError, 409, [10504]),
    check(`${prefix}: batch create`, async () => {
      const page = await instances.bulk(workflowName, { account_id: accountId, body: [
        { instance_id: ids.batch, params: { text: 'batch' } },
        { instance_id: ids.one, params: { text: 'skipped' } }] });
      const created = [];
      for await (const instance of page) {
        created.push(instance.id);
      }
      return [JSON.stringify(created) === JSON.stringify([ids.batch]),
        { created, contentType: page.response.headers.get('content-type') }];
    }),
    check(`${prefix}: list instances`, async () => {
      const first = await instances.list(workflowName, { account_id: accountId, per_page: 1 });
      const seen = [];
      for await (const instance of first) {
        seen.push(instance.id);
      }
      const mine = Object.values(ids).every((id) => seen.includes(id));
      const total = first.result_info.total_count;
      return [mine && seen.length === total && new Set(seen).size === seen.length,
        { seen, total, contentType: first.response.headers.get('content-type') }];
    }),
    check(`${prefix}: get instance`, async () => {
      const waiting = await until(() => get(ids.one), (i) => i.status === 'waiting');
      const { data, contentType } = await answered(get(ids.one));
      const wait = data.steps.find((step) => step.type === 'waitForEvent');
      const ok = waiting.status === 'waiting' && data.params.text === 'hello' && data.step_count === 2
        && data.steps[0].type === 'step' && data.steps[0].output.text === 'HELLO'
        && data.steps[0].attempts.length === 1 && typeof data.steps[0].config.retries.limit === 'number'
        && wait?.event_type === 'approval' && wait.finished === false && data.trigger.source === 'api';
      return [ok, { data, contentType }];
    }),
    check(`${prefix}: get step`, async () => {
      const { data, contentType } = await answered(instances.step(ids.one, {
        account_id: accountId, workflow_name: workflowName, name: (await get(ids.one)).steps[0].name, type: 'step' }));
      const ok = data.status === 'complete' && data.error === null && data.output.text === 'HELLO';
      return [ok, { data, contentType }];
    }),
    check(`${prefix}: send event`, async () => {
      const { data, contentType } = await answered(instances.events.create('approval', {
        account_id: accountId, workflow_name: workflowName, instance_id: ids.one, body: { note: 'Yes' } }));
      const done = await until(() => get(ids.one), (i) => i.status === 'complete');
      const ok = data.instanceId === ids.one && typeof data.timestamp === 'string' && done.status === 'complete'
        && done.output.note === 'yes' && done.success === true;
      return [ok, { data, done: { status: done.status, output: done.output }, contentType }];
    }),
    () => expectError(`${prefix}: bad event type`,
      () => instances.events.create('bad.type', {
        account_id: accountId, workflow_name: workflowName, instance_id: ids.json, body: {} }),
      Cloudflare.BadRequestError, 400, [10506]),
    check(`${prefix}: change status`, async () => {
      await until(() => get(ids.json), (i) => i.status === 'waiting');
      const edit = (status) => instances.status.edit(ids.json,
        { account_id: accountId, workflow_name: workflowName, status });
      const { data: paused, contentType } = await answered(edit('pause'));
      const resumed = await edit('resume');
      const terminated = await edit('terminate');
      const restarted = await edit('restart');
      const again = await until(() => get(ids.json), (i) => i.status === 'waiting');
      await edit('terminate');
      const ok = ['waitingForPause', 'paused'].includes(paused.status) && resumed.status !== 'paused'
        && terminated.status === 'terminated' && restarted.status === 'queued' && again.status === 'waiting'
        && typeof paused.timestamp === 'string';
      return [ok, { paused, resumed, terminated, restarted, again: again.status, contentType }];
    }),
    check(`${prefix}: restart from a step`, async () => {
      const before = await get(ids.one);
      const wait = before.steps.find((step) => step.type === 'waitForEvent');
      const { data, contentType } = await answered(instances.status.edit(ids.one, {
        account_id: accountId, workflow_name: workflowName, status: 'restart',
        from: { name: wait.name, count: 1, type: 'waitForEvent' } }));
      const again = await until(() => get(ids.one), (i) => i.status === 'waiting');
      await instances.status.edit(ids.one, { account_id: accountId, workflow_name: workflowName, status: 'terminate' });
      const ok = before.status === 'complete' && data.status === 'queued' && again.step_count === 2
        && again.steps[0].start === before.steps[0].start && again.steps[0].output.text === 'HELLO';
      return [ok, { data, before: before.steps, again: again.steps, contentType }];
    }),
    () => expectError(`${prefix}: status change that makes no sense`,
      () => instances.status.edit(ids.one, { account_id: accountId, workflow_name: workflowName, status: 'pause' }),
      Cloudflare.ConflictError, 409, [10505]),
    () => expectError(`${prefix}: unknown instance`,
      () => get('nope'),
      Cloudflare.NotFoundError, 404, [10502]),
    // Batch terminate has no SDK method (7.x): the SDK's generic post, put and get, which answer the envelope.
    check(`${prefix}: batch terminate`, async () => {
      const path = `/accounts/${accountId}/workflows/${workflowName}/instances/batch/terminate`;
      const finished = (await get(ids.one)).status;
      const { data, contentType } = await answered(sdk.post(path, { body: [ids.batch, ids.one, `${prefix}-nope`] }));
      const batch = await until(() => get(ids.batch), (i) => i.status === 'terminated');
      const one = await get(ids.one);
      const ok = data.success === true && data.result.instancesTerminated === 1 && data.result.status === 'ok'
        && batch.status === 'terminated' && ['complete', 'terminated'].includes(finished) && one.status === finished;
      return [ok, { data, batch: batch.status, one: [finished, one.status], contentType }];
    }),
    check(`${prefix}: terminate all`, async () => {
      const path = `/accounts/${accountId}/workflows/${workflowName}/instances/terminate`;
      const all = `${prefix}-all`;
      await instances.create(workflowName, { account_id: accountId, instance_id: all, params: { text: 'all' } });
      const { data, contentType } = await answered(sdk.put(path));
      const state = await until(() => sdk.get(path), (s) => s.result.status === 'complete');
      const instance = await get(all);
      const ok = data.result.instancesTerminated === 1 && data.result.status === 'ok'
        && state.result.status === 'complete' && state.result.instancesTerminated === 1
        && instance.status === 'terminated';
      return [ok, { data, state, instance: instance.status, contentType }];
    }),
  ];
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
    // An instance of a workflow that is not bound: 10501.
    () => expectError(`${prefix}: unknown instance route`,
      () => sdk.workflows.instances.get('nope', { account_id: accountId, workflow_name: 'nope' }),
      Cloudflare.NotFoundError, 404, [10501]),
    ...instanceChecks(sdk, prefix),
  ];
  for (const check of checks) {
    if (!(await check())) {
      failed++;
    }
  }
}
process.exitCode = failed === 0 ? 0 : 1;
