import { describe, expect, it } from 'vitest';
import { Run, runScenario } from '../engine/run';
import { parseScenario } from '../scenario/load';
import type { Scenario } from '../scenario/schema';
import { MAX_EVENTS } from '../scenario/budget';
import {
  APP_LIMITS,
  CLI_LIMITS,
  EVENTS_PER_CHECK,
  overBudget,
  runBytes,
  tightened,
  type RunLimits,
} from './limits';
import { RunRecorder } from './recorder';

const clock = () => performance.now();

/** A busy single-node run: 5,000 messages a second for 4 s, far more events than frames. */
function busy(): Scenario {
  const r = parseScenario({
    version: 1,
    system: 'single-node',
    name: 'busy',
    seed: 3,
    durationMs: 4_000,
    producers: [{ id: 'p1', ratePerSec: 5_000, messages: 20_000 }],
    consumers: [{ id: 'c1', prefetch: 50, processingMs: { kind: 'fixed', ms: 0.1 } }],
  });
  if (!r.ok) throw new Error(`the busy scenario is invalid: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** Drives a recorder as the worker does: slices, then a budget check between them. */
function drive(rec: RunRecorder, limits: RunLimits): void {
  while (!rec.slice(12, clock)) {
    const over = overBudget({ ...rec.usage(), wallMs: rec.wallMs }, limits);
    if (over) rec.halt(over);
  }
}

describe('budgets', () => {
  const l: RunLimits = { events: 100, wallMs: 1000, bytes: 10_000, heapShare: 0.5 };

  it('names the first limit a run is over, memory first', () => {
    expect(overBudget({ events: 100, wallMs: 1000, bytes: 10_000 }, l)).toBeNull();
    expect(overBudget({ events: 101, wallMs: 0, bytes: 0 }, l)).toBe('events');
    expect(overBudget({ events: 0, wallMs: 1001, bytes: 0 }, l)).toBe('wall');
    expect(overBudget({ events: 0, wallMs: 0, bytes: 10_001 }, l)).toBe('memory');
    expect(overBudget({ events: 101, wallMs: 1001, bytes: 10_001 }, l)).toBe('memory');
    const heap = { used: 51, limit: 100 };
    expect(overBudget({ events: 0, wallMs: 0, bytes: 0, heap }, l)).toBe('memory');
    expect(overBudget({ events: 0, wallMs: 0, bytes: 0, heap: { used: 49, limit: 100 } }, l)).toBe(
      null,
    );
  });

  it('a request can tighten the budgets, never loosen them', () => {
    expect(tightened(APP_LIMITS, { events: 10 }).events).toBe(10);
    expect(tightened(APP_LIMITS, { events: 1e12, wallMs: 5 })).toEqual({
      ...APP_LIMITS,
      wallMs: 5,
    });
    expect(tightened(APP_LIMITS, { events: -1, bytes: Number.NaN })).toEqual(APP_LIMITS);
    expect(tightened(APP_LIMITS, undefined)).toBe(APP_LIMITS);
  });

  it("the event budget is the validator's, so an accepted scenario is never stopped for its events alone", () => {
    expect(APP_LIMITS.events).toBe(MAX_EVENTS);
    expect(CLI_LIMITS.events).toBe(MAX_EVENTS);
  });

  it("memory stops a run: the recording's exact bytes, the frames and the checker's arrays", () => {
    const rec = new RunRecorder(busy(), 1);
    drive(rec, APP_LIMITS);
    const { bytes } = rec.usage();
    const recorded = rec.run.sim.rec.byteSize();
    expect(recorded).toBeGreaterThan(0);
    expect(bytes).toBeGreaterThan(2 * recorded + rec.frameBytes);
    expect(bytes).toBe(
      runBytes(recorded, rec.frameBytes, rec.summary().messages, rec.run.model.groups.length),
    );
    // A tighter memory budget than the run needs stops it as 'memory', with what it got.
    const small = new RunRecorder(busy(), 2);
    drive(small, { ...APP_LIMITS, bytes: bytes / 2 });
    expect(small.stopped?.reason).toBe('memory');
    expect(small.stopped?.bytes).toBeGreaterThan(bytes / 2);
    expect(small.frames.length).toBeGreaterThan(1);
  });
});

describe('a run over budget', () => {
  it('stops near the event budget and keeps its frames seekable, equal to a full run', () => {
    const s = busy();
    const stopped = new RunRecorder(s, 1);
    drive(stopped, { ...APP_LIMITS, events: 20_000 });
    const stop = stopped.stopped;
    expect(stop?.reason).toBe('events');
    expect(stop?.events).toBeGreaterThan(20_000);
    // Checked between slices of 12 ms: the overshoot is what one slice fires.
    expect(stop?.events).toBeLessThan(20_000 + 100 * EVENTS_PER_CHECK);
    expect(stop?.atUs).toBeGreaterThan(0);
    expect(stop?.atUs).toBeLessThan(stopped.durationUs);

    const sum = stopped.summary();
    expect(sum.stopped?.reason).toBe('events');
    expect(sum.simulatedUs).toBe(stop?.atUs);
    expect(sum.anomalies).toEqual([]);
    expect(sum.frames).toBe(stopped.frames.length);

    const full = new RunRecorder(s, 1);
    drive(full, APP_LIMITS);
    expect(full.stopped).toBeNull();
    const at = Math.floor((stop?.atUs ?? 0) / 2);
    expect(stopped.frameAt(at, 50_000)).toEqual(full.frameAt(at, 50_000));
    // Past where it stopped, a seek shows the last frame it recorded.
    expect(stopped.frameAt(stopped.durationUs, 0).atUs).toBe(stop?.atUs);
    // That last frame is taken where it stopped (off the frame grid), with everything computed.
    expect(stopped.frameAt(stopped.durationUs, 0).counters.events).toBe(stop?.events);
  });

  it('stops on the wall-clock budget', () => {
    const rec = new RunRecorder(busy(), 1);
    drive(rec, { ...APP_LIMITS, wallMs: 30 });
    expect(rec.stopped?.reason).toBe('wall');
    expect(rec.stopped?.wallMs).toBeGreaterThan(30);
  });

  it('stops on the memory estimate', () => {
    const rec = new RunRecorder(busy(), 1);
    drive(rec, { ...APP_LIMITS, bytes: 3_000_000 });
    expect(rec.stopped?.reason).toBe('memory');
    expect(rec.usage().bytes).toBeGreaterThan(3_000_000);
  });

  it('a cancel stops it where it stands; a finished run ignores it', () => {
    const rec = new RunRecorder(busy(), 1);
    rec.slice(12, clock);
    rec.halt('cancelled');
    expect(rec.done).toBe(true);
    expect(rec.summary().stopped?.reason).toBe('cancelled');
    expect(rec.slice(12, clock)).toBe(true);
    const done = new RunRecorder(busy(), 1);
    drive(done, APP_LIMITS);
    done.halt('cancelled');
    expect(done.stopped).toBeNull();
  });

  it('a slice whose time is up returns after at most one check of events, even mid-frame', () => {
    const rec = new RunRecorder(busy(), 1);
    // Let frame 0 and a few frames be recorded, then a clock that is up after one step.
    rec.slice(5, clock);
    const before = rec.run.sim.eventsFired;
    let calls = 0;
    rec.slice(1, () => (calls++ < 2 ? 0 : 1e9));
    expect(rec.run.sim.eventsFired - before).toBeLessThanOrEqual(EVENTS_PER_CHECK);
  });
});

describe('Run.advanceBounded', () => {
  it('in small steps, fires the same events as one straight run (same trace hash)', () => {
    const s = busy();
    const r = new Run(s);
    let calls = 0;
    for (let t = 0; t <= r.endUs; t += 1_000_000) {
      while (!r.advanceBounded(t, 777)) calls++;
    }
    expect(calls).toBeGreaterThan(10);
    expect(r.finish().traceHash).toBe(runScenario(s).traceHash);
  });
});
