#!/usr/bin/env node
/**
 * `npm run bench [-- args]`: bundles src/cli/bench.ts with esbuild (as Vite ships the engine:
 * no tsx `keepNames` wrapper around every function and closure) into a temporary file and runs
 * it with `node --expose-gc`. `-- --tsx` runs the TypeScript source under tsx instead, as the
 * bench ran before. The Monte Carlo figure's worker threads load the TypeScript worker entry
 * under tsx either way (`src/cli/montecarlo.ts`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = join(root, 'src/cli/bench.ts');
const args = process.argv.slice(2);
const underTsx = args.includes('--tsx');
const rest = args.filter((a) => a !== '--tsx');

let status;
if (underTsx) {
  const tsx = join(root, 'node_modules/.bin/tsx');
  status = spawnSync(tsx, ['--expose-gc', entry, ...rest], { stdio: 'inherit' }).status;
} else {
  const dir = mkdtempSync(join(tmpdir(), 'brokerlab-bench-'));
  const out = join(dir, 'bench.mjs');
  try {
    await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: out,
      logLevel: 'warning',
      // Files next to the entry (the Monte Carlo worker) are found from the source folder.
      define: { 'import.meta.url': JSON.stringify(pathToFileURL(entry).href) },
    });
    status = spawnSync(process.execPath, ['--expose-gc', out, ...rest], {
      stdio: 'inherit',
    }).status;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
process.exit(status ?? 1);
