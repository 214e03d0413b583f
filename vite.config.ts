/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { lessonMeta } from './src/lessons/content/meta.ts';
import { presetMeta } from './src/scenario/presets/meta.ts';

// A virtual id that does not end in `.json`, so the JSON plugin leaves the generated module alone.
const META = '\0content-meta:';
const META_END = '.meta.js';

/**
 * `import x from './file.json?meta'` (or the same through `import.meta.glob(..., { query: '?meta' })`)
 * gives the small index entry of a lesson or preset file instead of the whole document, computed
 * when the file is built. The lessons home and the preset menu list every file from these entries
 * at first render, and load a document only when it is chosen.
 */
function contentMeta(): Plugin {
  return {
    name: 'brokerlab-content-meta',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!source.endsWith('.json?meta')) return null;
      const r = await this.resolve(source.slice(0, -'?meta'.length), importer, { skipSelf: true });
      return r ? META + r.id + META_END : null;
    },
    load(id) {
      if (!id.startsWith(META)) return null;
      const file = id.slice(META.length, -META_END.length);
      this.addWatchFile(file);
      const doc: unknown = JSON.parse(readFileSync(file, 'utf8'));
      const path = file.replaceAll('\\', '/');
      const meta = path.includes('/src/lessons/content/')
        ? lessonMeta(doc)
        : path.includes('/src/scenario/presets/')
          ? presetMeta(doc)
          : null;
      if (meta === null) this.error(`?meta is for lesson and preset files, not ${file}`);
      return `export default ${JSON.stringify(meta)};`;
    },
  };
}

export default defineConfig({
  // Relative asset URLs so the built app works from any sub-path or a file server.
  base: './',
  plugins: [contentMeta(), react()],
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
