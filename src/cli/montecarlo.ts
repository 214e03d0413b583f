/**
 * `npm run sim -- <scenario> --seeds N [--json] [--model file]`: N seeds of the scenario, each
 * with a fault schedule drawn from the fault model (the scenario's own faults made random when no
 * model is given: `defaultModel`), across a pool of worker threads sized to the machine. Progress
 * goes to stderr; the report (text, or JSON with --json) to stdout. A seed whose run throws is
 * reported with its seed and the others go on.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ANOMALY_KINDS } from '../engine/check/checker';
import { MonteCarloAggregate, type MonteCarloSummary } from '../engine/montecarlo/aggregate';
import { seedsOf } from '../engine/montecarlo/schedule';
import type { FaultModel } from '../scenario/faultmodel';
import type { Scenario } from '../scenario/schema';
import { SeedPool, type PoolWorker } from '../worker/mc-pool';
import type { McResponse } from '../worker/mc-protocol';

/**
 * Starts one worker thread running `montecarlo-worker.ts`. The CLI runs under tsx, whose loader
 * hooks are per thread: the thread registers them before importing the TypeScript entry.
 */
export function spawnThread(): PoolWorker {
  const entry = new URL('./montecarlo-worker.ts', import.meta.url).href;
  const w = new Worker(
    `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true },
  );
  return {
    post: (req) => w.postMessage(req),
    listen(onMessage, onError) {
      w.on('message', (r: McResponse) => onMessage(r));
      w.on('error', (e) => onError(e instanceof Error ? e.message : String(e)));
      w.on('exit', (code) => {
        if (code !== 0) onError(`worker exited with code ${code}`);
      });
    },
    terminate: () => void w.terminate(),
  };
}

export interface McRunOptions {
  seeds: number;
  workers?: number;
  /** Called with (done, total, elapsed ms) as results arrive. */
  progress?: (done: number, total: number, elapsedMs: number) => void;
}

export interface McOutcome {
  /** One summary per configuration, in `configs` order. */
  summaries: MonteCarloSummary[];
  wallMs: number;
  workers: number;
  firstSeed: number;
}

/** Runs the request on a worker-thread pool; resolves with the summaries. */
export async function runMonteCarlo(
  configs: Scenario[],
  model: FaultModel,
  opts: McRunOptions,
): Promise<McOutcome> {
  const base = configs[0] as Scenario;
  const workers = Math.max(1, Math.min(opts.workers ?? availableParallelism(), opts.seeds));
  const pool = new SeedPool(spawnThread, workers);
  const aggs = configs.map(() => new MonteCarloAggregate());
  const total = opts.seeds * configs.length;
  let done = 0;
  const t0 = performance.now();
  await pool.run({ configs, model, seeds: seedsOf(base, opts.seeds) }, (r) => {
    aggs[r.config]?.add(r);
    done++;
    opts.progress?.(done, total, performance.now() - t0);
  });
  pool.close();
  return {
    summaries: aggs.map((a) => a.summary()),
    wallMs: performance.now() - t0,
    workers,
    firstSeed: base.seed,
  };
}

/** One progress line: seeds done, elapsed, and an estimate of the time left. */
export function progressLine(done: number, total: number, elapsedMs: number): string {
  const left = done === 0 ? null : ((total - done) * elapsedMs) / done;
  return (
    `seeds ${done}/${total} (${Math.floor((100 * done) / total)}%), ${(elapsedMs / 1000).toFixed(1)} s` +
    (left === null ? '' : `, about ${(left / 1000).toFixed(0)} s left`)
  );
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** The text report of one configuration. */
export function mcText(
  name: string,
  s: MonteCarloSummary,
  reproduce: (seed: number) => string,
): string {
  const lines = [
    `${name}: ${s.seeds} seeds checked${s.failed.length ? `, ${s.failed.length} failed` : ''}`,
  ];
  for (const k of s.kinds) {
    if (k.max === 0 && k.kind !== 'lost') continue;
    const w = k.atLeastOne;
    lines.push(
      `  ${k.kind.padEnd(11)} at least one in ${k.seedsWithAny}/${s.seeds} seeds = ${pct(w.p)} ` +
        `(95% ${pct(w.low)}..${pct(w.high)}); per seed mean ${k.mean.toFixed(2)}, median ${k.median}, max ${k.max}`,
    );
  }
  if (s.mechanisms.length > 0) {
    lines.push('  mechanisms (seeds, anomalies):');
    for (const m of s.mechanisms) lines.push(`    ${m.id}  ${m.seeds} seeds, ${m.anomalies}`);
  }
  if (s.worst.length > 0) {
    lines.push('  worst seeds:');
    for (const w of s.worst.slice(0, 5))
      lines.push(
        `    seed ${w.seed}: ${ANOMALY_KINDS.filter((k) => w.counts[k] > 0)
          .map((k) => `${k} ${w.counts[k]}`)
          .join(', ')}  -> ${reproduce(w.seed)}`,
      );
  }
  for (const f of s.failed.slice(0, 10)) lines.push(`  seed ${f.seed} failed: ${f.error}`);
  return `${lines.join('\n')}\n`;
}
