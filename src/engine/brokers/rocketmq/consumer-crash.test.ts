/**
 * A crash armed at a moment of a RocketMQ consumer's work (the fault menu's "crash before / after
 * processing", `when` of a `crash` fault), as Kafka's consumers support it. Two consumers share g1;
 * c1 persists its offsets every persistConsumerOffsetInterval (5 s), so what it consumed after its
 * last persist is consumed again by c2 when c2 takes c1's queues.
 */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../run';
import { run } from '../../testing/scenarios';
import { anomalies, rocketDoc } from './testing';

const ARM_MS = 7500;

function crashRun(when: string): RunResult {
  return run(
    rocketDoc({
      consumers: ['c1', 'c2'].map((id) => ({
        id,
        consumerGroup: 'g1',
        topic: 'orders',
        consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
      })),
      faults: [{ atMs: ARM_MS, type: 'crash', node: 'c1', when }],
    }),
  );
}

/** The crash of c1 the armed fault caused. */
function crashOf(r: RunResult): { at: number; id: number } {
  const armed = r.record.journal.find((e) => e.kind === 'fault-armed' && e.node === 'c1');
  const crash = r.record.journal.find(
    (e) => e.kind === 'crash' && e.node === 'c1' && e.cause === armed?.id,
  );
  expect(crash).toBeDefined();
  return { at: crash?.at ?? -1, id: crash?.id ?? -1 };
}

/** Times c1's listener applied each message. */
function effectsAt(r: RunResult, consumer: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const o of r.record.history)
    if (o.type === 'effect' && o.consumer === consumer && !out.has(o.msg)) out.set(o.msg, o.at);
  return out;
}

describe('RocketMQ consumer: a crash armed at a moment of its work', () => {
  it('after-process: the message just consumed and everything since the 5 s persist are consumed again by c2 (rocketmq.offset-not-persisted)', () => {
    const r = crashRun('after-process');
    expect(r.report.unaccounted).toBe(0);
    expect(r.report.counts.lost).toBe(0);
    const crash = crashOf(r);
    expect(crash.at).toBeGreaterThanOrEqual(ARM_MS * 1000);
    const dups = anomalies(r, 'duplicated');
    expect(dups.length).toBeGreaterThan(0);
    const c1 = effectsAt(r, 'c1');
    for (const a of dups) {
      expect(a.mechanisms).toEqual(['rocketmq.offset-not-persisted']);
      // Consumed by c1 after its last persist (at 5 s) and before it crashed.
      const at = c1.get(a.msg) ?? -1;
      expect(at).toBeGreaterThanOrEqual(5_000_000);
      expect(at).toBeLessThanOrEqual(crash.at);
    }
    // The message c1 finished just as it crashed is among them.
    const last = [...c1].reduce((a, b) => (b[1] >= a[1] ? b : a));
    expect(dups.map((a) => a.msg)).toContain(last[0]);
    // The re-reading is linked to this crash.
    const requeue = r.record.journal.find(
      (e) => e.mech === 'rocketmq.offset-not-persisted' && e.node === 'c2',
    );
    expect(requeue?.links?.some((l) => l.role === 'fault' && l.id === crash.id)).toBe(true);
  });

  it('before-process: c1 stops as its listener would take the next message: nothing handed to it is left half done', () => {
    const r = crashRun('before-process');
    expect(r.report.unaccounted).toBe(0);
    const crash = crashOf(r);
    const handed = r.record.history.filter(
      (o) => o.type === 'deliver' && o.consumer === 'c1' && o.at <= crash.at,
    );
    const c1 = effectsAt(r, 'c1');
    // Every message handed to c1 before the crash took effect there: the crash came first.
    for (const o of handed) if (o.type === 'deliver') expect(c1.has(o.msg)).toBe(true);
    // Duplicates are only what c1 finished since its last persist.
    expect(anomalies(r, 'duplicated').length).toBeGreaterThan(0);
    for (const a of anomalies(r, 'duplicated')) expect(c1.has(a.msg)).toBe(true);
    expect(r.report.counts.lost).toBe(0);
  });

  it('after-commit: c1 crashes right after its next persist (10 s), so almost nothing is consumed twice', () => {
    const r = crashRun('after-commit');
    expect(r.report.unaccounted).toBe(0);
    expect(crashOf(r).at).toBe(10_000_000);
    const after = anomalies(r, 'duplicated').length;
    const processed = anomalies(crashRun('after-process'), 'duplicated').length;
    expect(after).toBeLessThan(processed);
  });
});
