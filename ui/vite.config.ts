import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The build goes where Maven packs it: target/classes/static is served by the server at /.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'target/classes/static',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `npm run dev` serves the UI on 5173 and sends the API to a server on 8080.
    proxy: Object.fromEntries(
      ['/api', '/workflows', '/task-types', '/files', '/organization', '/accounts', '/actuator'].map((path) => [
        path,
        'http://127.0.0.1:8080',
      ]),
    ),
  },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
  },
});
