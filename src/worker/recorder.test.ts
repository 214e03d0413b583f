import { describe, expect, it } from 'vitest';
import { Run, runScenario } from '../engine/run';
import { DEFAULT_PRESET, PRESETS } from '../scenario/presets';
import { parseScenario } from '../scenario/load';
import { BUSY_WIRE, LiveRun, RunRecorder } from './recorder';

const clock = () => performance.now();
const tick = () => Promise.resolve();

function record(s = DEFAULT_PRESET): RunRecorder {
  const r = new RunRecorder(s, 1);
  while (!r.slice(50, clock)) {
    /* next slice */
  }
  return r;
}

describe('RunRecorder', () => {
  it('records the straight run: same trace hash and counts as the CLI', () => {
    for (const s of PRESETS.slice(0, 3)) {
      const r = record(s);
      const straight = runScenario(s);
      const sum = r.summary();
      expect(sum.traceHash).toBe(straight.traceHash);
      expect(sum.counts).toEqual(straight.report.counts);
      expect(sum.frames).toBe(Math.ceil(r.durationUs / r.frameUs) + 1);
    }
  });

  it('frames are keyed by virtual time and seek both ways to the same frame', () => {
    const r = record();
    const a = r.frameAt(5_000_000, 0);
    r.frameAt(1_000_000, 0);
    r.frameAt(11_000_000, 0);
    expect(r.frameAt(5_000_000, 0)).toEqual(a);
    expect(a.atUs).toBe(5_000_000);
    expect(a.counters.sent).toBeGreaterThan(0);
    expect(a.flights.length + Object.keys(a.aggregated).length).toBeGreaterThanOrEqual(0);
  });

  it('a live replay equals the recorded straight run at the same moment', async () => {
    const r = record();
    const live = new LiveRun(r);
    for (const t of [3_000_000, 1_000_000, 6_500_000]) {
      await live.seek(t, 20, clock, tick);
      const recorded = r.frameAt(t, 0);
      const stepped = live.step('event');
      expect(stepped.counters.events).toBe(recorded.counters.events + 1);
      expect(stepped.atUs).toBeGreaterThan(t);
      // A fresh frame at the same moment (no step) matches the recording exactly.
      await live.seek(t, 20, clock, tick);
      const again = new LiveRun(r);
      await again.seek(t, 20, clock, tick);
      const s2 = again.step('event');
      expect(s2.counters).toEqual(stepped.counters);
      expect(s2.nodes).toEqual(stepped.nodes);
    }
  });

  it('recorded nodes (shared between frames when unchanged) equal a straight run’s', () => {
    const kafka = PRESETS.find((p) => p.name === 'kafka-c3-idempotent-producer');
    if (!kafka) throw new Error('no Kafka preset');
    const r = record(kafka);
    const run = new Run(kafka);
    for (const t of [1_000_000, 3_050_000, 5_010_000, 12_000_000]) {
      run.advanceTo(t);
      expect(r.frameAt(t, 0).nodes).toEqual(run.model.clusterView().nodes);
    }
  });

  it('metrics cover the run', () => {
    const sum = record().summary();
    expect(sum.metrics.length).toBeGreaterThan(10);
    expect(sum.metrics.some((m) => m.throughput > 0)).toBe(true);
    expect(sum.timeline.some((e) => e.kind === 'crash')).toBe(true);
    expect(sum.links.length).toBeGreaterThan(0);
  });
});

describe('frames of a busy cluster', () => {
  // 5 brokers, 20 partitions x RF 3: followers' fetches alone keep well over BUSY_WIRE flights
  // on the wire, as in the UI benchmark's heavy scenario (which is too slow for a unit test).
  const busy = parseScenario({
    version: 1,
    system: 'kafka',
    name: 'busy',
    seed: 11,
    durationMs: 3_000,
    brokers: ['b1', 'b2', 'b3', 'b4', 'b5'],
    topic: { name: 't', partitions: 20, 'replication.factor': 3 },
    producers: Array.from({ length: 6 }, (_, i) => ({
      id: `p${i + 1}`,
      ratePerSec: 400,
      messages: 1_000,
      keys: 32,
    })),
    consumers: Array.from({ length: 6 }, (_, i) => ({ id: `c${i + 1}`, 'group.id': 'g' })),
  });

  it('leave out requests without messages, and count only messages beyond the cap', () => {
    if (!busy.ok) throw new Error('the busy scenario does not parse');
    const r = record(busy.value);
    const window = 450_000;
    let busyFrames = 0;
    for (let t = 500_000; t <= 2_500_000; t += 250_000) {
      const all = r.frameAt(t, window, 100_000);
      const capped = r.frameAt(t, window, 50);
      if (all.flights.length <= BUSY_WIRE) continue;
      busyFrames++;
      expect(all.flights.every((f) => f.n > 0)).toBe(true);
      // The cap keeps the newest flights; the rest are counted, message by message, per link.
      expect(capped.flights.length).toBe(50);
      const messages = (f: typeof all) =>
        f.flights.reduce((n, w) => n + w.n, 0) +
        Object.values(f.aggregated).reduce((n, x) => n + x, 0);
      expect(messages(capped)).toBe(messages(all));
    }
    expect(busyFrames).toBeGreaterThan(3);
  });

  it('a quiet wire keeps its requests, so a learner sees the fetches', () => {
    const kafka = PRESETS.find((p) => p.system === 'kafka');
    if (!kafka) throw new Error('no Kafka preset');
    const quiet = record(kafka).frameAt(2_000_000, 450_000);
    expect(quiet.flights.length).toBeLessThanOrEqual(BUSY_WIRE);
    expect(quiet.flights.some((f) => f.n === 0)).toBe(true);
  });
});
