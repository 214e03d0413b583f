/**
 * Curriculum D2 (ordering with an in-consumer worker pool): one consumer that hands messages to
 * worker threads in turn processes a key's messages out of order, because each worker's service
 * time differs; dispatching a key to one worker (`hash(key) % threads`) keeps every key in order
 * while the threads still share the load.
 */
import { describe, expect, it } from 'vitest';
import { run } from '../../testing/scenarios';
import { laneOfKey } from './workers';

const RATE = 80;
const MESSAGES = 400;

/** One consumer with `threads` workers (or none), 10-90 ms per message. */
function pool(threads: number | null, dispatch: 'round-robin' | 'by-key' = 'round-robin') {
  return run({
    seed: 12,
    durationMs: 30_000,
    producers: [{ id: 'orders-api', ratePerSec: RATE, messages: MESSAGES, keys: 4 }],
    consumers: [
      {
        id: 'c1',
        prefetch: 16,
        processingMs: { kind: 'uniform', minMs: 10, maxMs: 90 },
        ...(threads === null ? {} : { workers: { threads, dispatch } }),
      },
    ],
  });
}

describe('an in-consumer worker pool (D2)', () => {
  it('round robin over four workers reorders keys, and each reorder names the worker pool', () => {
    const r = pool(4, 'round-robin');
    const reordered = r.report.anomalies.filter((a) => a.kind === 'reordered');
    expect(reordered.length).toBeGreaterThan(0);
    for (const a of reordered) expect(a.mechanisms).toContain('consumer.worker-pool');
    expect(r.report.counts.lost).toBe(0);
    expect(r.report.counts.duplicated).toBe(0);
  });

  it('by key over four workers keeps every key in order, and still drains what one thread cannot', () => {
    const byKey = pool(4, 'by-key');
    expect(byKey.report.counts.reordered).toBe(0);
    expect(byKey.report.counts.lost).toBe(0);
    const single = pool(null);
    expect(single.report.counts.reordered).toBe(0);
    // One thread at 50 ms a message serves 20 a second against 80 arriving: it falls behind.
    expect(byKey.stats.drainedAtMs as number).toBeGreaterThan(0);
    expect(single.stats.drainedAtMs as number).toBeGreaterThan(
      (byKey.stats.drainedAtMs as number) * 2,
    );
  });

  it('one worker is one thread: no reordering', () => {
    expect(pool(1, 'round-robin').report.counts.reordered).toBe(0);
  });

  it("picks a key's worker like Java: Math.abs(key.hashCode()) % n", () => {
    // "k0".hashCode() = 31 * 'k' + '0' = 31 * 107 + 48 = 3365; "k1" = 3366.
    expect(laneOfKey('k0', 4)).toBe(3365 % 4);
    expect(laneOfKey('k1', 4)).toBe(3366 % 4);
    // Negative hash codes: Math.abs of the remainder, never a negative worker.
    expect(laneOfKey('polygenelubricants', 7)).toBeGreaterThanOrEqual(0);
    expect(laneOfKey('k0', 1)).toBe(0);
  });
});
