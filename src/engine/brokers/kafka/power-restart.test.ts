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

/** The same cluster with a consumer that auto-commits, and the data topic fsynced per message. */
function flushedDoc(brokers: string[], powerAtMs: number): Doc {
  return {
    ...doc(powerAtMs + 3000),
    brokers,
    topic: {
      name: 'orders',
      partitions: 3,
      'replication.factor': 1,
      'replica.assignment': [['broker-1'], ['broker-1'], ['broker-1']],
      'flush.messages': 1,
    },
    consumers: [
      {
        id: 'c1',
        'group.id': 'g',
        'auto.offset.reset': 'earliest',
        'session.timeout.ms': 10_000,
        startMs: 1000,
        processingMs: { kind: 'fixed', ms: 20 },
      },
    ],
    faults: [
      { atMs: powerAtMs, type: 'power-loss', node: 'broker-1' },
      { atMs: powerAtMs + 3000, type: 'restart', node: 'broker-1' },
    ],
  };
}

describe('flush.messages=1 on the topic, and the group coordinator loses power', () => {
  it('the group re-reads what it had processed: __consumer_offsets is not flushed by the topic setting', () => {
    const r = run(flushedDoc(['broker-1'], 12_000));
    // flush.messages=1 kept every acknowledged record...
    expect(r.report.counts.lost).toBe(0);
    // ...but an auto-commit made before the cut did not survive it.
    const commits = r.record.journal.filter((e) => e.kind === 'offset-commit');
    expect(commits.some((e) => e.at < 12_000_000)).toBe(true);
    const resumed = r.record.journal.filter(
      (e) => e.mech === 'kafka.uncommitted-redelivery' && e.at > 15_000_000,
    );
    expect(resumed.length).toBeGreaterThan(0);
    for (const e of resumed) expect(e.data?.['offset']).toBe(0);
    const power = r.record.journal.find((e) => e.kind === 'power-loss');
    const restart = r.record.journal.find((e) => e.kind === 'restart' && e.node === 'broker-1');
    for (const e of resumed) {
      expect(e.cause).toBe(power?.id);
      expect(e.links).toContainEqual({ role: 'restart', id: restart?.id });
    }
    const dup = r.report.anomalies.filter((a) => a.kind === 'duplicated');
    expect(dup.length).toBeGreaterThan(0);
    for (const a of dup) {
      expect(a.mechanisms).toContain('kafka.uncommitted-redelivery');
      expect(a.reason.en).toContain('__consumer_offsets');
      expect(a.reason.zh).toContain('__consumer_offsets');
    }
  });

  it('a live broker with a replica of the offsets keeps the commits: the group resumes from them', () => {
    const r = run(flushedDoc(['broker-1', 'broker-2', 'broker-3'], 12_000));
    const resumed = r.record.journal.filter((e) => e.mech === 'kafka.uncommitted-redelivery');
    expect(resumed.length).toBeGreaterThan(0);
    for (const e of resumed) {
      expect(e.data?.['offset']).toBeGreaterThan(0);
      expect(e.data?.['offsetsLostWith']).toBeUndefined();
    }
  });
});
