/**
 * Benchmark (not a timed test):
 * `npm run bench [-- --json] [-- --quick] [-- --pairs N] [-- --montecarlo-only] [-- --mc-seeds N]
 * [-- --tsx]`: an esbuild bundle of this file (scripts/bench.mjs), or this source under tsx.
 *
 * Runs reference scenarios headless and reports engine events per second, simulated seconds per
 * wall second and peak memory, next to a bare event-queue loop (the limit for any model built on
 * this kernel), with the ratio. The bare loop is measured interleaved with each workload (A B A B
 * ..., `--pairs` pairs, 3 by default) and each ratio is the median of the per-pair ratios
 * (`bench/pairs.ts`), so a noisy neighbour on a shared machine moves it little. Figures are ratios
 * against the same-run baseline so they can be compared across machines. Last, the Monte Carlo
 * figure (`bench/montecarlo.ts`): 1,000 seeds of the acks=1 leader-crash preset, with a random
 * crash moment, recorded and checked on worker threads.
 */
import { EventQueue } from '../engine/kernel/queue';
import { Rng } from '../engine/kernel/prng';
import { Run } from '../engine/run';
import type { Scenario } from '../scenario/schema';
import { kafkaReferences } from './bench/kafka';
import { rocketMqReferences } from './bench/rocketmq';
import { rabbitmqReferences } from './bench/rabbitmq';
import { singleNodeReferences } from './bench/single-node';
import { interleave, median, overallRatio, summarisePairs, type Pair } from './bench/pairs';
import { recordedBytes, RECORDED_BYTES_METHOD } from './bench/bytes';
import { monteCarloFigures } from './bench/montecarlo';

interface ScenarioFigures {
  name: string;
  events: number;
  simulatedSec: number;
  /** The engine alone (history and journal hashed, not kept): median of the pairs. */
  eventsPerSec: number;
  /** The bare loop, median of the runs interleaved with this workload. */
  baselineEventsPerSec: number;
  /** Median of the per-pair ratios workload / bare loop. */
  ratio: number;
  /** Every A-B pair measured. */
  pairs: Pair[];
  simSecondsPerWallSecond: number;
  peakHeapMb: number;
  /**
   * The same run recording the history and journal, as every run a user sees, then checked.
   * Null when recording would not fit in `RECORD_HEAP_LIMIT` (the run is abandoned there).
   */
  recorded: {
    eventsPerSec: number;
    peakHeapMb: number;
    checkMs: number;
    messages: number;
    /** Recorded history and journal bytes per message sent (see `bytesMethod` in the output). */
    bytesPerMessage: number;
  } | null;
  recordedNote?: string;
}

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const argv = process.argv.slice(2);
const pairsArg = argv.indexOf('--pairs');
const PAIRS = pairsArg >= 0 ? Math.max(1, Number(argv[pairsArg + 1]) || 3) : 3;
/** Bare-loop events per A run of a pair. */
const BARE_EVENTS = quick ? 2_000_000 : 5_000_000;
/** A recorded run that grows past this heap is abandoned: it would not fit a browser tab either. */
const RECORD_HEAP_LIMIT = 3e9;
const SLICE_US = 1_000_000;

function bareLoop(events: number): { eventsPerSec: number; wallMs: number } {
  const q = new EventQueue<{ at: number; seq: number; hi: number; fn: () => void }>();
  const rng = new Rng(1);
  let seq = 0;
  let fired = 0;
  const noop = (): void => {
    fired++;
  };
  for (let i = 0; i < 1000; i++) q.push({ at: rng.int(0, 1000), seq: seq++, hi: -1, fn: noop });
  const t0 = performance.now();
  for (let i = 0; i < events; i++) {
    const e = q.pop() as { at: number; seq: number; hi: number; fn: () => void };
    e.fn();
    q.push({ at: e.at + rng.int(1, 1000), seq: seq++, hi: -1, fn: noop });
  }
  const wallMs = performance.now() - t0;
  if (fired !== events) throw new Error('bare loop miscounted');
  return { eventsPerSec: events / (wallMs / 1000), wallMs };
}

type EngineFigures = Omit<
  ScenarioFigures,
  'recorded' | 'recordedNote' | 'baselineEventsPerSec' | 'ratio' | 'pairs'
>;

function engineOnly(s: Scenario): EngineFigures {
  const run = new Run(s, { record: false });
  let peak = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  while (run.now < run.endUs) {
    run.advanceTo(run.now + SLICE_US);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  const wallSec = (performance.now() - t0) / 1000;
  return {
    name: s.name,
    events: run.sim.eventsFired,
    simulatedSec: run.now / 1e6,
    eventsPerSec: Math.round(run.sim.eventsFired / wallSec),
    simSecondsPerWallSecond: Math.round(run.now / 1e6 / wallSec),
    peakHeapMb: Math.round(peak / 1e6),
  };
}

function recorded(s: Scenario): Pick<ScenarioFigures, 'recorded' | 'recordedNote'> {
  // The guard measures what this run adds, not what an earlier pass left for the collector.
  const start = process.memoryUsage().heapUsed;
  const run = new Run(s);
  let peak = start;
  const t0 = performance.now();
  while (run.now < run.endUs) {
    run.advanceTo(run.now + SLICE_US);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    if (peak - start > RECORD_HEAP_LIMIT) {
      return {
        recorded: null,
        recordedNote: `recording stopped at ${(run.now / 1e6).toFixed(0)} s simulated: the history passed ${RECORD_HEAP_LIMIT / 1e9} GB`,
      };
    }
  }
  const wallSec = (performance.now() - t0) / 1000;
  const c0 = performance.now();
  const result = run.finish();
  return {
    recorded: {
      eventsPerSec: Math.round(result.events / wallSec),
      peakHeapMb: Math.round(peak / 1e6),
      checkMs: Math.round(performance.now() - c0),
      messages: result.report.messages,
      bytesPerMessage: Math.round(recordedBytes(run.sim.rec) / Math.max(1, result.report.messages)),
    },
  };
}

function measure(s: Scenario, pairs: number): ScenarioFigures {
  let last: EngineFigures | null = null;
  const measured = interleave(
    pairs,
    () => {
      globalThis.gc?.();
      return bareLoop(BARE_EVENTS).eventsPerSec;
    },
    () => {
      globalThis.gc?.();
      const f = engineOnly(s);
      if (last === null || f.peakHeapMb > last.peakHeapMb) last = { ...f };
      return f.eventsPerSec;
    },
  );
  const sum = summarisePairs(measured);
  const engine = last as unknown as EngineFigures;
  globalThis.gc?.();
  const rec = recorded(s);
  globalThis.gc?.();
  return {
    ...engine,
    eventsPerSec: Math.round(sum.eventsPerSec),
    simSecondsPerWallSecond: Math.round(
      (engine.simulatedSec * sum.eventsPerSec) / Math.max(1, engine.events),
    ),
    baselineEventsPerSec: Math.round(sum.baselineEventsPerSec),
    ratio: Number(sum.ratio.toFixed(4)),
    pairs: measured.map((p) => ({
      baselineEventsPerSec: Math.round(p.baselineEventsPerSec),
      eventsPerSec: Math.round(p.eventsPerSec),
    })),
    ...rec,
  };
}

const mcSeedsArg = argv.indexOf('--mc-seeds');
const MC_SEEDS = mcSeedsArg >= 0 ? Math.max(1, Number(argv[mcSeedsArg + 1]) || 1000) : 1000;
if (args.has('--montecarlo-only')) {
  const mc = await monteCarloFigures(MC_SEEDS);
  process.stdout.write(
    args.has('--json') ? `${JSON.stringify({ montecarlo: mc }, null, 2)}\n` : mcLine(mc),
  );
  process.exit(0);
}

function mcLine(mc: Awaited<ReturnType<typeof monteCarloFigures>>): string {
  return (
    `\nMonte Carlo: ${mc.seeds} seeds of ${mc.scenario} (random crash moment), recorded and checked, ` +
    `${mc.workers} worker threads: ${mc.wallSec} s wall (goal ${mc.goalSec} s), ${mc.cpuSec} s CPU = ` +
    `${mc.cpuMsPerSeed} ms per seed, ${mc.idleEstimateSec} s with the cores to itself; ` +
    `P(lost >= 1) = ${(mc.lostAtLeastOne.p * 100).toFixed(1)}% ` +
    `(95% ${(mc.lostAtLeastOne.low * 100).toFixed(1)}..${(mc.lostAtLeastOne.high * 100).toFixed(1)}%)` +
    `${mc.failed > 0 ? `, ${mc.failed} seeds failed` : ''}\n`
  );
}

// Warm up the JIT on both paths before measuring.
bareLoop(200_000);
measure(singleNodeReferences(true)[0] as Scenario, 1);

const references = [
  ...singleNodeReferences(quick),
  ...kafkaReferences(quick),
  ...rocketMqReferences(quick),
  ...rabbitmqReferences(quick),
];
const figures = references.map((s) => measure(s, PAIRS));
const totalEvents = figures.reduce((a, f) => a + f.events, 0);
const eventsPerSec = Math.round(
  totalEvents / figures.reduce((a, f) => a + f.events / f.eventsPerSec, 0),
);
const withRecording = figures.filter((f) => f.recorded !== null);
const recordedEvents = withRecording.reduce((a, f) => a + f.events, 0);
const recordedEventsPerSec =
  withRecording.length === 0
    ? null
    : Math.round(
        recordedEvents /
          withRecording.reduce((a, f) => a + f.events / (f.recorded?.eventsPerSec ?? 1), 0),
      );
const baselineEventsPerSec = median(
  figures.flatMap((f) => f.pairs.map((p) => p.baselineEventsPerSec)),
);
const out = {
  eventsPerSec,
  /** Median of every bare-loop run of every pair. */
  baselineEventsPerSec: Math.round(baselineEventsPerSec),
  /** Per-workload medians of per-pair ratios, combined weighted by events (`overallRatio`). */
  ratio: Number(overallRatio(figures).toFixed(4)),
  recordedEventsPerSec,
  recordedRatio:
    recordedEventsPerSec === null
      ? null
      : Number((recordedEventsPerSec / baselineEventsPerSec).toFixed(3)),
  pairsPerWorkload: PAIRS,
  montecarlo: await monteCarloFigures(MC_SEEDS),
  bytesMethod: RECORDED_BYTES_METHOD,
  node: process.version,
  quick,
  scenarios: figures,
};

if (args.has('--json')) {
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
} else {
  const pad = (v: string | number, n: number) => String(v).padStart(n);
  const n = (v: number) => v.toLocaleString('en');
  process.stdout.write(
    `bare event-queue loop: ${n(out.baselineEventsPerSec)} events/s (the limit; median of ${PAIRS} runs interleaved with each workload)\n\n`,
  );
  process.stdout.write(
    `${'scenario'.padEnd(24)}${pad('events', 13)}${pad('sim s', 8)}${pad('events/s', 12)}${pad('ratio', 8)}${pad('sim s/wall s', 14)}${pad('heap MB', 9)}` +
      `${pad('recorded ev/s', 15)}${pad('heap MB', 9)}${pad('check ms', 10)}${pad('B/msg', 8)}\n`,
  );
  for (const f of figures) {
    const r = f.recorded;
    process.stdout.write(
      `${f.name.padEnd(24)}${pad(n(f.events), 13)}${pad(f.simulatedSec, 8)}${pad(n(f.eventsPerSec), 12)}${pad(`${(f.ratio * 100).toFixed(1)}%`, 8)}${pad(n(f.simSecondsPerWallSecond), 14)}${pad(f.peakHeapMb, 9)}` +
        `${pad(r ? n(r.eventsPerSec) : '-', 15)}${pad(r ? r.peakHeapMb : '-', 9)}${pad(r ? r.checkMs : '-', 10)}${pad(r ? r.bytesPerMessage : '-', 8)}\n`,
    );
    if (f.recordedNote) process.stdout.write(`  (${f.recordedNote})\n`);
  }
  process.stdout.write(
    `\nengine: ${n(eventsPerSec)} events/s = ${(out.ratio * 100).toFixed(1)}% of the bare loop (median of per-pair ratios)` +
      (recordedEventsPerSec === null
        ? '\n'
        : `; with recording: ${n(recordedEventsPerSec)} events/s = ${((out.recordedRatio ?? 0) * 100).toFixed(1)}%\n`),
  );
  process.stdout.write(mcLine(out.montecarlo));
}
