/**
 * The stepped checker does bounded work per step: every `next()` of `checkSteps` reports the
 * units it did (history rows, journal rows and their message references, (message, group) pairs,
 * explanations and chain entries, counted where the work is done), and no step does more than
 * the step budget plus one item. Counted units, not timing: the machine's speed cannot make it
 * pass or fail.
 */
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../scenario/presets';
import { parseScenario, describeScenarioError } from '../../scenario/load';
import { Run } from '../run';
import { ANOMALY_UNITS, CHAIN_ENTRY_UNITS, check, checkSteps, type CheckProgress } from './checker';
import type { RunRecord } from './history';
import { FateMap, MsgIndex } from './dense';

function recordOf(
  name: string,
  edit: (doc: Record<string, unknown>) => void = () => {},
): RunRecord {
  const p = PRESETS.find((x) => x.name === name);
  const doc = structuredClone(p) as Record<string, unknown>;
  edit(doc);
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(describeScenarioError(r.error));
  const run = new Run(r.value);
  run.advanceTo(run.endUs);
  return run.record();
}

function drive(rec: RunRecord, step: number): { steps: CheckProgress[]; units: number } {
  const it = checkSteps(rec, {}, step);
  const steps: CheckProgress[] = [];
  for (let r = it.next(); ; r = it.next()) {
    if (r.done) break;
    steps.push(r.value);
  }
  return { steps, units: steps.reduce((a, s) => a + s.units, 0) };
}

describe('checkSteps: bounded work per step', () => {
  // One with many anomalies and long chains, one clean RabbitMQ cluster, one with set-aside.
  it.each(['kafka-acks1-leader-crash', 'rabbitmq-e2-classic-cluster', 'rabbitmq-f2-ttl-dlx'])(
    '%s: no step does more than the budget plus one item, and progress only grows',
    (name) => {
      const rec = recordOf(name);
      const report = check(rec);
      // The largest single item: an explanation with the longest chain (or the journal entries
      // of one message, which are in its chain).
      let longest = 0;
      for (const a of [...report.anomalies, ...report.setAside]) {
        longest = Math.max(longest, a.chain.length);
      }
      const item = ANOMALY_UNITS + CHAIN_ENTRY_UNITS * longest + 64;
      const step = 2_000;
      const { steps } = drive(rec, step);
      // A run of a few thousand rows must take several steps at this budget.
      expect(steps.length).toBeGreaterThan(3);
      let done = 0;
      for (const s of steps) {
        expect(s.units).toBeGreaterThan(0);
        expect(s.units).toBeLessThan(step + item);
        expect(s.done).toBe(done + s.units);
        expect(s.total).toBeGreaterThanOrEqual(s.done);
        done = s.done;
      }
    },
    60_000,
  );

  it('the work counted does not depend on the step size', () => {
    const rec = recordOf('rabbitmq-e2-classic-cluster');
    const a = drive(rec, 500);
    const b = drive(rec, 5_000);
    // The tail after the last yield is not reported, so compare what both saw to a bound.
    expect(Math.abs(a.units - b.units)).toBeLessThan(5_000 + ANOMALY_UNITS * 2);
    expect(a.steps.length).toBeGreaterThan(b.steps.length);
  });

  it('the report drives to the same end with no yield at all (the synchronous check)', () => {
    const rec = recordOf('kafka-acks1-leader-crash');
    const it = checkSteps(rec, {}, Number.POSITIVE_INFINITY);
    const r = it.next();
    expect(r.done).toBe(true);
  });
});

describe('dense message index and the fates map', () => {
  it('maps ids to dense indices in first-seen order, near and far ids alike', () => {
    const ix = new MsgIndex();
    const ids = [5, 0, 1e9, -3, 70_000, 2, 5];
    const dense = ids.map((id) => ix.add(id));
    expect(dense).toEqual([0, 1, 2, 3, 4, 5, 0]);
    expect(ix.size).toBe(6);
    for (const [k, id] of ids.entries()) expect(ix.find(id)).toBe(dense[k]);
    for (let d = 0; d < ix.size; d++) expect(ix.find(ix.id(d))).toBe(d);
    expect(ix.find(6)).toBe(-1);
    // An id once far outside the direct range stays found after the range has grown past it.
    const big = new MsgIndex();
    big.add(100_000);
    for (let i = 0; i < 30_000; i++) big.add(i);
    expect(big.find(100_000)).toBe(0);
    expect(big.find(29_999)).toBe(30_000);
  });

  it('iterates history-settled fates first, then journal-settled ones, each in send order', () => {
    const ix = new MsgIndex();
    for (const id of [10, 11, 12, 13]) ix.add(id);
    const m = new FateMap(ix, Int32Array.from([3, 0, 1, 2]), ['a', 'b', 'c'] as const);
    m.put(1, 2, true);
    m.put(0, 0, false);
    m.put(2, 1, false);
    expect([...m]).toEqual([
      [10, 'a'],
      [12, 'b'],
      [11, 'c'],
    ]);
    expect(m.size).toBe(3);
    expect(m.get(13)).toBeUndefined();
    expect(m.get(11)).toBe('c');
    expect([...m.keys()]).toEqual([10, 12, 11]);
  });
});

describe('checkSteps: long cause chains', () => {
  it('a long cause chain is walked in steps: no step grows with the chain (counted units)', () => {
    // kafka-e4-replication's truncation drops hundreds of records and each of their chains holds
    // every entry of that truncation; a shorter run keeps the test quick and the chains long.
    const rec = recordOf('kafka-e4-replication', (doc) => {
      const ps = doc.producers as { messages: number }[];
      (ps[0] as { messages: number }).messages = 1_200;
    });
    const report = check(rec);
    const longest = report.anomalies.reduce((a, x) => Math.max(a, x.chain.length), 0);
    const step = 500;
    // What one step may overshoot by: one explanation's fixed cost plus one counted item (a
    // chunk of the act finder or the sort); nothing proportional to the chain.
    const bound = step + ANOMALY_UNITS + 256;
    // The chain alone is worth many steps: a walk in one go would break the bound.
    expect(CHAIN_ENTRY_UNITS * longest).toBeGreaterThan(2 * bound);
    const { steps } = drive(rec, step);
    const worst = steps.reduce((a, s) => Math.max(a, s.units), 0);
    expect(worst).toBeLessThan(bound);
  }, 120_000);
});
