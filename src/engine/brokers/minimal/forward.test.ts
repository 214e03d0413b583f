/**
 * Curriculum F1 (a backlog of millions, the emergency fix): when the backlogged queue lets only one
 * consumer work (x-single-active-consumer here; a partition per consumer in Kafka), adding
 * consumers does not drain it sooner, but a forwarding consumer that copies the backlog into ten
 * new queues with a consumer each does. Its costs come out of the mechanism: a forwarder that dies
 * after forwarding and before acking forwards those messages again (duplicates), and forwarding
 * round robin splits a key over queues (reordering).
 */
import { describe, expect, it } from 'vitest';
import { run } from '../../testing/scenarios';

const RATE = 200;
const MESSAGES = 3000;
const AT = 10_000;

const slow = (id: string, startMs = 0, extra: Record<string, unknown> = {}) => ({
  id,
  startMs,
  prefetch: 10,
  processingMs: { kind: 'fixed', ms: 20 },
  ...extra,
});

type Plan = 'alone' | 'scale-out' | 'forward';

function backlog(
  plan: Plan,
  opts: { sac?: boolean; dispatch?: 'by-key' | 'round-robin'; faults?: unknown[] } = {},
) {
  const sac = opts.sac ?? true;
  const consumers =
    plan === 'alone'
      ? [slow('c0')]
      : plan === 'scale-out'
        ? [slow('c0'), ...Array.from({ length: 9 }, (_x, i) => slow(`s${i + 1}`, AT))]
        : [
            slow('c0', 0, { stopMs: AT }),
            {
              id: 'fwd',
              // After c0 has finished the messages it still held when it cancelled (10 x 20 ms).
              startMs: AT + 500,
              prefetch: 50,
              forward: true,
              processingMs: { kind: 'fixed', ms: 0.5 },
            },
          ];
  return run({
    seed: 11,
    durationMs: 80_000,
    queue: { name: 'orders', durable: true, ...(sac ? { singleActiveConsumer: true } : {}) },
    producers: [{ id: 'orders-api', ratePerSec: RATE, messages: MESSAGES, keys: 8 }],
    consumers,
    ...(plan === 'forward'
      ? {
          forward: {
            queues: 10,
            dispatch: opts.dispatch ?? 'by-key',
            startMs: AT,
            prefetch: 10,
            processingMs: { kind: 'fixed', ms: 20 },
          },
        }
      : {}),
    faults: opts.faults ?? [],
  });
}

const drained = (r: ReturnType<typeof backlog>) => r.stats.drainedAtMs as number;

describe('a forwarding consumer at a moment (F1)', () => {
  it('with one active consumer, scale-out does not help and forwarding does', () => {
    const alone = backlog('alone');
    const scaled = backlog('scale-out');
    const fwd = backlog('forward');
    // One consumer at 50 a second needs 60 s for 3,000 messages, with or without nine idle ones.
    expect(drained(alone)).toBeGreaterThanOrEqual(60_000);
    expect(drained(scaled)).toBeGreaterThan(drained(alone) * 0.95);
    // Ten new queues with a consumer each take 500 a second: done soon after the producer stops.
    expect(drained(fwd)).toBeGreaterThan(0);
    expect(drained(fwd)).toBeLessThan(drained(scaled) / 2);
    for (const r of [alone, scaled, fwd]) {
      expect(r.report.counts.lost).toBe(0);
      expect(r.report.counts.duplicated).toBe(0);
    }
    // Every message was processed by a consumer of a new queue or by c0, none by the forwarder.
    const effects = fwd.record.history.filter((o) => o.type === 'effect');
    expect(effects.length).toBe(MESSAGES);
    expect(effects.some((o) => o.type === 'effect' && o.consumer === 'fwd')).toBe(false);
  });

  it('without single-active-consumer the queue itself scales out (the cap is what forwarding is for)', () => {
    expect(drained(backlog('scale-out', { sac: false }))).toBeLessThan(
      drained(backlog('scale-out')) / 2,
    );
  });

  it('forwarding by key keeps each key in order; round robin does not, and says why', () => {
    expect(backlog('forward').report.counts.reordered).toBe(0);
    const rr = backlog('forward', { dispatch: 'round-robin' });
    const reordered = rr.report.anomalies.filter((a) => a.kind === 'reordered');
    expect(reordered.length).toBeGreaterThan(0);
    for (const a of reordered) expect(a.mechanisms).toContain('consumer.forward-repartition');
  });

  it('a forwarder that dies after forwarding and before acking forwards it twice', () => {
    const r = backlog('forward', {
      faults: [
        { type: 'crash', atMs: 12_000, node: 'fwd', when: 'after-process' },
        { type: 'restart', atMs: 13_000, node: 'fwd' },
      ],
    });
    const dups = r.report.anomalies.filter((a) => a.kind === 'duplicated');
    expect(dups.length).toBeGreaterThan(0);
    for (const a of dups) expect(a.mechanisms).toContain('consumer.forward-redelivered');
    expect(r.report.counts.lost).toBe(0);
  });
});
