// Installs the UI's packages with `npm ci` when node_modules is missing or older than package-lock.json, so that a
// build on a fresh machine installs them and later builds do not pay for it again. Packages come from the npm
// registry exactly as package-lock.json has them.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = join(root, 'package-lock.json');
const installed = join(root, 'node_modules', '.package-lock.json');

if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) {
  process.exit(0);
}
console.log('[ui] installing packages: npm ci');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
