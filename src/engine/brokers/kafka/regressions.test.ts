/**
 * Seeds that once failed a Kafka property, pinned by name so they stay fixed.
 */
import { describe, expect, it } from 'vitest';
import { run } from './testing';

const unsafe = {
  version: 1,
  system: 'kafka',
  name: 'random-kafka',
  durationMs: 60000,
  topic: {
    partitions: 3,
    'replication.factor': 3,
    'replica.lag.time.max.ms': 5000,
    'min.insync.replicas': 1,
    'unclean.leader.election.enable': true,
  },
  producers: ['p1', 'p2'].map((id) => ({
    id,
    ratePerSec: 40,
    messages: 1000,
    keys: 7,
    'linger.ms': 5,
    'request.timeout.ms': 3000,
    acks: '1',
    'enable.idempotence': false,
  })),
  consumers: ['c1', 'c2'].map((id) => ({
    id,
    'group.id': 'g1',
    'auto.offset.reset': 'earliest',
    'session.timeout.ms': 10000,
    processingMs: { kind: 'fixed', ms: 1 },
  })),
};

describe('Kafka regressions', () => {
  it('committed offset past the end of a log replaced by an unclean election (seed 2872270666)', () => {
    // The group had committed offsets into broker-1's log; after the unclean election the new
    // leader reused those offsets for new records. Without KIP-320 epoch validation the group
    // skipped them, and nothing accounted for them.
    const r = run({
      ...unsafe,
      seed: 2872270666,
      faults: [
        { atMs: 0, type: 'split', sides: [['broker-1'], ['broker-2', 'broker-3']] },
        { atMs: 21001, type: 'crash', node: 'broker-1' },
        { atMs: 30001, type: 'heal' },
        { atMs: 30002, type: 'restart', node: 'broker-1' },
      ],
    });
    expect(r.report.unaccounted).toBe(0);
    expect(
      r.record.journal.some(
        (e) => e.kind === 'assign' && e.data?.['reason'] === 'log-truncation-detected',
      ),
    ).toBe(true);
  });

  it('a paused, isolated leader replaced by an unclean election (seed 3751944432)', () => {
    const r = run({
      ...unsafe,
      seed: 3751944432,
      producers: unsafe.producers.map((p) => ({ ...p, keys: 6, 'linger.ms': 0 })),
      faults: [
        { atMs: 0, type: 'split', sides: [['broker-3'], ['broker-1', 'broker-2']] },
        { atMs: 15468, type: 'pause', node: 'broker-3', durationMs: 8532 },
        { atMs: 30001, type: 'heal' },
        { atMs: 30002, type: 'restart', node: 'broker-3' },
      ],
    });
    expect(r.report.unaccounted).toBe(0);
  });

  it('acks=all: a duplicate of a batch still below the high watermark waits for it (K21 setup)', () => {
    // The leader answered a retried duplicate at once, acknowledging a record only it held.
    const r = run({
      ...unsafe,
      seed: 1,
      topic: {
        partitions: 1,
        'replication.factor': 3,
        'replica.assignment': [['broker-1', 'broker-2', 'broker-3']],
        'replica.lag.time.max.ms': 3000,
        'min.insync.replicas': 2,
      },
      producers: [{ id: 'p1', ratePerSec: 50, messages: 500, keys: 1, 'request.timeout.ms': 2000 }],
      consumers: [{ id: 'c1', 'group.id': 'g1', 'auto.offset.reset': 'earliest' }],
      faults: [{ atMs: 2000, type: 'split', sides: [['broker-1'], ['broker-2', 'broker-3']] }],
    });
    const acked = new Set<number>();
    for (const o of r.record.history)
      if (o.type === 'outcome' && o.result === 'ack') acked.add(o.msg);
    const appendedAfterCut = r.record.journal.filter(
      (e) => e.kind === 'append' && e.at > 2_010_000,
    );
    for (const e of appendedAfterCut)
      for (const m of e.msgs ?? []) expect(acked.has(m)).toBe(false);
  });
});
