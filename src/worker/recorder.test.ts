import { describe, expect, it } from 'vitest';
import { runScenario } from '../engine/run';
import { DEFAULT_PRESET, PRESETS } from '../scenario/presets';
import { LiveRun, RunRecorder } from './recorder';

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

  it('metrics cover the run', () => {
    const sum = record().summary();
    expect(sum.metrics.length).toBeGreaterThan(10);
    expect(sum.metrics.some((m) => m.throughput > 0)).toBe(true);
    expect(sum.timeline.some((e) => e.kind === 'crash')).toBe(true);
    expect(sum.links.length).toBeGreaterThan(0);
  });
});
