/**
 * Benchmark (not a timed test): `npm run bench [-- --json] [-- --quick]`.
 *
 * Runs reference scenarios headless and reports engine events per second, simulated seconds per
 * wall second and peak memory, next to a bare event-queue loop measured in the same process (the
 * limit for any model built on this kernel), with the ratio. Figures are ratios against that
 * same-run baseline so they can be compared across machines.
 */
import { EventQueue } from '../engine/kernel/queue';
import { Rng } from '../engine/kernel/prng';
import { Run } from '../engine/run';
import type { Scenario } from '../scenario/schema';
import { kafkaReferences } from './bench/kafka';
import { rocketMqReferences } from './bench/rocketmq';
import { rabbitmqReferences } from './bench/rabbitmq';
import { singleNodeReferences } from './bench/single-node';

interface ScenarioFigures {
  name: string;
  events: number;
  simulatedSec: number;
  /** The engine alone (history and journal hashed, not kept). */
  eventsPerSec: number;
  simSecondsPerWallSecond: number;
  peakHeapMb: number;
  /**
   * The same run recording the history and journal, as every run a user sees, then checked.
   * Null when recording would not fit in `RECORD_HEAP_LIMIT` (the run is abandoned there).
   */
  recorded: { eventsPerSec: number; peakHeapMb: number; checkMs: number; messages: number } | null;
  recordedNote?: string;
}

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
/** A recorded run that grows past this heap is abandoned: it would not fit a browser tab either. */
const RECORD_HEAP_LIMIT = 3e9;
const SLICE_US = 1_000_000;

function bareLoop(events: number): { eventsPerSec: number; wallMs: number } {
  const q = new EventQueue<{ at: number; seq: number; fn: () => void }>();
  const rng = new Rng(1);
  let seq = 0;
  let fired = 0;
  const noop = (): void => {
    fired++;
  };
  for (let i = 0; i < 1000; i++) q.push({ at: rng.int(0, 1000), seq: seq++, fn: noop });
  const t0 = performance.now();
  for (let i = 0; i < events; i++) {
    const e = q.pop() as { at: number; seq: number; fn: () => void };
    e.fn();
    q.push({ at: e.at + rng.int(1, 1000), seq: seq++, fn: noop });
  }
  const wallMs = performance.now() - t0;
  if (fired !== events) throw new Error('bare loop miscounted');
  return { eventsPerSec: events / (wallMs / 1000), wallMs };
}

function engineOnly(s: Scenario): Omit<ScenarioFigures, 'recorded' | 'recordedNote'> {
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
    },
  };
}

function measure(s: Scenario): ScenarioFigures {
  const engine = engineOnly(s);
  globalThis.gc?.();
  const rec = recorded(s);
  globalThis.gc?.();
  return { ...engine, ...rec };
}

// Warm up the JIT on both paths before measuring.
bareLoop(200_000);
measure(singleNodeReferences(true)[0] as Scenario);

const baseline = bareLoop(quick ? 2_000_000 : 10_000_000);
const references = [
  ...singleNodeReferences(quick),
  ...kafkaReferences(quick),
  ...rocketMqReferences(quick),
  ...rabbitmqReferences(quick),
];
const figures = references.map(measure);
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
const out = {
  eventsPerSec,
  baselineEventsPerSec: Math.round(baseline.eventsPerSec),
  ratio: Number((eventsPerSec / baseline.eventsPerSec).toFixed(3)),
  recordedEventsPerSec,
  recordedRatio:
    recordedEventsPerSec === null
      ? null
      : Number((recordedEventsPerSec / baseline.eventsPerSec).toFixed(3)),
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
    `bare event-queue loop: ${n(out.baselineEventsPerSec)} events/s (the limit)\n\n`,
  );
  process.stdout.write(
    `${'scenario'.padEnd(24)}${pad('events', 13)}${pad('sim s', 8)}${pad('events/s', 12)}${pad('sim s/wall s', 14)}${pad('heap MB', 9)}` +
      `${pad('recorded ev/s', 15)}${pad('heap MB', 9)}${pad('check ms', 10)}\n`,
  );
  for (const f of figures) {
    const r = f.recorded;
    process.stdout.write(
      `${f.name.padEnd(24)}${pad(n(f.events), 13)}${pad(f.simulatedSec, 8)}${pad(n(f.eventsPerSec), 12)}${pad(n(f.simSecondsPerWallSecond), 14)}${pad(f.peakHeapMb, 9)}` +
        `${pad(r ? n(r.eventsPerSec) : '-', 15)}${pad(r ? r.peakHeapMb : '-', 9)}${pad(r ? r.checkMs : '-', 10)}\n`,
    );
    if (f.recordedNote) process.stdout.write(`  (${f.recordedNote})\n`);
  }
  process.stdout.write(
    `\nengine: ${n(eventsPerSec)} events/s = ${(out.ratio * 100).toFixed(1)}% of the bare loop` +
      (recordedEventsPerSec === null
        ? '\n'
        : `; with recording: ${n(recordedEventsPerSec)} events/s = ${((out.recordedRatio ?? 0) * 100).toFixed(1)}%\n`),
  );
}
