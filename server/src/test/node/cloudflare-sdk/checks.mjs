// Drives the server's /accounts API with Cloudflare's official SDK (npm "cloudflare"), unchanged, and prints one
// JSON line per check: {"check": name, "ok": true|false, "detail": ...}. CloudflareSdkTests runs it against a test
// server and asserts every line; run it by hand with:
//   DATAFLOW_URL=http://127.0.0.1:8080 DATAFLOW_TOKEN=<key> DATAFLOW_ACCOUNT_ID=<organization id> \
//   DATAFLOW_OTHER_ACCOUNT_ID=<another organization's id> node checks.mjs
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

function report(check, ok, detail) {
  console.log(JSON.stringify({ check, ok, detail }));
  return ok;
}

let failed = 0;
for (const [prefix, baseURL] of [['root', url], ['client-v4', `${url}/client/v4`]]) {
  const sdk = client(baseURL, token);
  const checks = [
    // A token the server does not know: the SDK's AuthenticationError (401), code 10000.
    () => expectError(`${prefix}: bad token`,
      () => client(baseURL, 'not-a-valid-token').workflows.list({ account_id: accountId }),
      Cloudflare.AuthenticationError, 401, [10000]),
    // Another organization's account id: PermissionDeniedError (403), code 9109.
    () => expectError(`${prefix}: another account`,
      () => sdk.workflows.list({ account_id: otherAccountId }),
      Cloudflare.PermissionDeniedError, 403, [9109]),
    // Routes of seed 003 that no handler answers yet: NotFoundError (404) with Cloudflare's 7003 and 7000.
    // When the workflow and instance endpoints land these become "unknown workflow" and "unknown instance"
    // checks, with the codes 10501 and 10502 instead.
    () => expectError(`${prefix}: unknown workflow route`,
      () => sdk.workflows.get('nope', { account_id: accountId }),
      Cloudflare.NotFoundError, 404, [7003, 7000]),
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
