/**
 * A single broker that loses power and comes back: what the producer's requests to it do. A dead
 * machine sends no reset, so requests hang; the rebooted machine's kernel answers the client's
 * TCP retransmission with a RST, which fails them as retriable disconnects (NetworkException).
 */
import { describe, expect, it } from 'vitest';
import { run, type Doc } from './testing';

/** One broker, three partitions with one copy each, acks=1; power cut at 6 s. */
function doc(restartAtMs: number | null): Doc {
  return {
    version: 1,
    system: 'kafka',
    name: 'power-restart',
    seed: 22,
    durationMs: 30_000,
    brokers: ['broker-1'],
    topic: { name: 'orders', partitions: 3, 'replication.factor': 1 },
    producers: [{ id: 'p', ratePerSec: 60, messages: 600, keys: 16, acks: '1' }],
    consumers: [{ id: 'c1', 'group.id': 'g', 'auto.offset.reset': 'earliest', startMs: 1000 }],
    faults: [
      { atMs: 6000, type: 'power-loss', node: 'broker-1' },
      ...(restartAtMs === null ? [] : [{ atMs: restartAtMs, type: 'restart', node: 'broker-1' }]),
    ],
  };
}

function heldInFlight(r: ReturnType<typeof run>): number {
  return r.report.groups.reduce((n, g) => n + g.fates['in-flight'], 0);
}

describe('a producer whose only broker lost power', () => {
  it('retries the requests it sent during the outage once the broker is back, well before request.timeout.ms', () => {
    const r = run(doc(9000));
    const errors = r.record.journal.filter(
      (e) => e.kind === 'produce-error' && e.data?.['error'] === 'NETWORK_EXCEPTION',
    );
    expect(errors.length).toBeGreaterThan(0);
    // Within the watch period (retry.backoff.ms, at most 1 s) of the restart, not 30 s later.
    for (const e of errors) expect(e.at).toBeLessThan(10_000_000);
    expect(r.record.journal.some((e) => e.kind === 'publish-retry')).toBe(true);
    expect(heldInFlight(r)).toBe(0);
    expect(r.report.unaccounted).toBe(0);
  });

  it('keeps them in flight while the machine stays dead (no reset comes, request.timeout.ms is 30 s)', () => {
    const r = run(doc(null));
    expect(heldInFlight(r)).toBeGreaterThan(0);
    expect(
      r.record.journal.some(
        (e) => e.kind === 'produce-error' && e.data?.['error'] === 'NETWORK_EXCEPTION',
      ),
    ).toBe(false);
  });
});
