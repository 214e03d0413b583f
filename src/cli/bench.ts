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
import { rabbitmqReferences } from './bench/rabbitmq';
import { singleNodeReferences } from './bench/single-node';

interface ScenarioFigures {
  name: string;
  events: number;
  wallMs: number;
  /** With the history and journal recorded, as every run a user sees. */
  eventsPerSec: number;
  /** The same run with recording off: the engine alone. */
  engineOnlyEventsPerSec: number;
  simSecondsPerWallSecond: number;
  peakHeapMb: number;
  checkMs: number;
  messages: number;
}

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');

/** The limit: pop an event, push its successor a random delay later; nothing else. */
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

function engineOnly(s: Scenario): number {
  const run = new Run(s, { record: false });
  const t0 = performance.now();
  run.advanceTo(run.endUs);
  return run.sim.eventsFired / ((performance.now() - t0) / 1000);
}

function measure(s: Scenario): ScenarioFigures {
  const bare = engineOnly(s);
  const run = new Run(s);
  const sliceUs = 1_000_000;
  let peak = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  while (run.now < run.endUs) {
    run.advanceTo(run.now + sliceUs);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  const wallMs = performance.now() - t0;
  const c0 = performance.now();
  const result = run.finish();
  const checkMs = performance.now() - c0;
  return {
    name: s.name,
    events: result.events,
    wallMs: Math.round(wallMs),
    eventsPerSec: Math.round(result.events / (wallMs / 1000)),
    engineOnlyEventsPerSec: Math.round(bare),
    simSecondsPerWallSecond: Math.round(result.simulatedUs / 1e6 / (wallMs / 1000)),
    peakHeapMb: Math.round(peak / 1e6),
    checkMs: Math.round(checkMs),
    messages: result.report.messages,
  };
}

// Warm up the JIT on both paths before measuring.
bareLoop(200_000);
measure(singleNodeReferences(true)[0] as Scenario);

const baseline = bareLoop(quick ? 2_000_000 : 10_000_000);
const references = [
  ...singleNodeReferences(quick),
  ...kafkaReferences(quick),
  ...rabbitmqReferences(quick),
];
const figures = references.map(measure);
const totalEvents = figures.reduce((a, f) => a + f.events, 0);
const totalWall = figures.reduce((a, f) => a + f.wallMs, 0);
const eventsPerSec = Math.round(totalEvents / (totalWall / 1000));
const out = {
  eventsPerSec,
  baselineEventsPerSec: Math.round(baseline.eventsPerSec),
  ratio: Number((eventsPerSec / baseline.eventsPerSec).toFixed(3)),
  engineOnlyEventsPerSec: Math.round(
    totalEvents / figures.reduce((a, f) => a + f.events / f.engineOnlyEventsPerSec, 0),
  ),
  node: process.version,
  scenarios: figures,
};

if (args.has('--json')) {
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
} else {
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  process.stdout.write(
    `bare event-queue loop: ${out.baselineEventsPerSec.toLocaleString('en')} events/s (the limit)\n\n`,
  );
  process.stdout.write(
    `${'scenario'.padEnd(22)}${pad('events', 12)}${pad('events/s', 13)}${pad('engine only', 13)}${pad('sim s/wall s', 14)}${pad('peak heap MB', 14)}${pad('check ms', 10)}\n`,
  );
  for (const f of figures) {
    process.stdout.write(
      `${f.name.padEnd(22)}${pad(f.events.toLocaleString('en'), 12)}${pad(f.eventsPerSec.toLocaleString('en'), 13)}${pad(f.engineOnlyEventsPerSec.toLocaleString('en'), 13)}${pad(f.simSecondsPerWallSecond, 14)}${pad(f.peakHeapMb, 14)}${pad(f.checkMs, 10)}\n`,
    );
  }
  const engineShare = (out.engineOnlyEventsPerSec / out.baselineEventsPerSec) * 100;
  process.stdout.write(
    `\nall scenarios: ${eventsPerSec.toLocaleString('en')} events/s with recording = ${(out.ratio * 100).toFixed(1)}% of the bare loop; ` +
      `engine only ${out.engineOnlyEventsPerSec.toLocaleString('en')} events/s = ${engineShare.toFixed(1)}%\n`,
  );
}
