import { defineConfig } from '@playwright/test';

// End-to-end tests of the UI in Debian's Chromium (never a downloaded browser), against a real server whose address
// and admin key the runner gives (server/src/test/java/.../ui/UiEndToEndTests starts one on H2 and runs these).
const chromium = process.env.DATAFLOW_CHROMIUM ?? '/usr/bin/chromium';
const out = process.env.DATAFLOW_UI_RESULTS ?? 'target/playwright';

export default defineConfig({
  testDir: 'e2e',
  outputDir: `${out}/output`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: `${out}/results.json` }]],
  use: {
    baseURL: process.env.DATAFLOW_UI_URL ?? 'http://127.0.0.1:8080',
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
