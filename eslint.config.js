// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/*
 * The engine and the scenario format must be deterministic: the same seed replays the same run in
 * a Worker, in Node and in tests. Time may enter only through the simulation clock and randomness
 * only through the seeded PRNG streams, and nothing there may reach for the UI, the DOM or Node.
 */
const DETERMINISM = 'src/engine and src/scenario must stay deterministic and worker-safe';
const UI_IMPORT = `${DETERMINISM}: UI/state libraries belong in src/ui, src/viz, src/store or src/flows; the engine exposes plain data.`;
const NODE_IMPORT = `${DETERMINISM}: Node APIs are not available in the browser Worker; do I/O in src/cli or tests.`;
const TIME = `${DETERMINISM}: time enters only through the simulation clock (kernel time), never the wall clock.`;
const RANDOM = `${DETERMINISM}: randomness comes only from seeded PRNG streams derived from the run's master seed.`;
const HOST = `${DETERMINISM}: host/DOM globals are not available or not reproducible here.`;

const pureFiles = ['src/engine/**/*.{ts,tsx}', 'src/scenario/**/*.{ts,tsx}'];

export default defineConfig([
  globalIgnores([
    'dist/',
    'test-results/',
    'playwright-report/',
    'blob-report/',
    'node_modules/',
    'public/scenario.schema.json',
  ]),

  js.configs.recommended,

  // TypeScript, type-aware. Each file is checked against the tsconfig that owns it.
  {
    files: ['**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      // Exhaustive switches end in `default: throw new Error(`... ${value}`)` with value: never.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNever: true }],
    },
  },

  // Plain JS tooling (this file, scripts/*.mjs) runs in Node.
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },

  // Node-side tooling TypeScript outside src/ belongs to tsconfig.node.json.
  {
    files: ['vite.config.ts', 'playwright.config.ts', 'e2e/**/*.ts'],
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: false, project: './tsconfig.node.json' },
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    languageOptions: { globals: globals.node },
  },

  // Browser code.
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/cli/**'],
    languageOptions: { globals: globals.browser },
  },

  // React components and hooks.
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/main.tsx'],
    extends: [reactHooks.configs.flat.recommended],
  },

  // Determinism and purity of the simulation core.
  {
    files: pureFiles,
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'react', message: UI_IMPORT },
            { name: 'react-dom', message: UI_IMPORT },
            { name: 'd3', message: UI_IMPORT },
            { name: 'zustand', message: UI_IMPORT },
            { name: 'xstate', message: UI_IMPORT },
            { name: 'fs', message: NODE_IMPORT },
            { name: 'path', message: NODE_IMPORT },
          ],
          patterns: [
            { group: ['react/*', 'react-dom/*'], message: UI_IMPORT },
            { group: ['d3-*'], message: UI_IMPORT },
            { group: ['zustand/*', 'xstate/*', '@xstate/*'], message: UI_IMPORT },
            { group: ['node:*', 'fs/*', 'path/*'], message: NODE_IMPORT },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: RANDOM },
        { object: 'Date', property: 'now', message: TIME },
        { object: 'performance', property: 'now', message: TIME },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: TIME },
        { name: 'performance', message: TIME },
        { name: 'setTimeout', message: `${TIME} Schedule events on the simulation event queue.` },
        { name: 'setInterval', message: `${TIME} Schedule events on the simulation event queue.` },
        { name: 'crypto', message: RANDOM },
        { name: 'window', message: HOST },
        { name: 'document', message: HOST },
        { name: 'fetch', message: `${HOST} Scenarios arrive as data, not via network calls.` },
      ],
    },
  },
]);
