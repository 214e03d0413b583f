/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  // Relative asset URLs so the built app works from any sub-path or a file server.
  base: './',
  plugins: [react()],
  // Module workers (`new Worker(new URL(...), { type: 'module' })`) are emitted as ES chunks.
  worker: { format: 'es' },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // An empty unit suite is not an error here; scripts/summary.mjs fails the run when no test
    // ran at all across unit and e2e.
    passWithNoTests: true,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
