/**
 * Transactions (KIP-98): fencing of an older instance, the producer epoch on the broker, the last
 * stable offset and the aborted-transaction index.
 */
import { describe, expect, it } from 'vitest';
import { Run } from '../../run';
import type { KafkaModel } from '.';
import { ReplicaLog } from './log';
import type { Batch } from './protocol';
import { kafkaDoc, scenario } from './testing';

const txnProducer = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  ratePerSec: 50,
  messages: 300,
  keys: 1,
  'request.timeout.ms': 2000,
  'transactional.id': 'tx-1',
  'transaction.records': 10,
  ...extra,
});

function fakeLog(): ReplicaLog {
  const entries: Batch[] = [];
  const file = {
    name: 'x',
    entries,
    synced: 0,
    append: (b: Batch) => entries.push(b),
    truncate: (i: number) => entries.splice(i),
  };
  return new ReplicaLog(file as unknown as ConstructorParameters<typeof ReplicaLog>[0]);
}

function batch(
  base: number,
  pid: number,
  producerEpoch: number,
  extra: Partial<Batch> = {},
): Batch {
  return {
    base,
    epoch: 0,
    recs: [{ id: base, key: null, producer: 'p', seq: base }],
    ids: [base],
    pid,
    firstSeq: 0,
    bytes: 1,
    appendedAt: 0,
    acks: 'all',
    producerEpoch,
    txn: true,
    ...extra,
  };
}

describe('Kafka transactions', () => {
  it('the log: LSO stops at the first open transaction; an ABORT marker indexes the aborted range and fences older epochs', () => {
    const log = fakeLog();
    log.append(batch(0, 7, 0));
    log.append(batch(1, 8, 0));
    log.hw = 2;
    expect(log.lso).toBe(0);
    log.append(batch(2, 7, 1, { control: 'abort', ids: [] }));
    log.hw = 3;
    // pid 8's transaction is still open at offset 1.
    expect(log.lso).toBe(1);
    expect(log.abortedIn(0, 3)).toEqual([[7, 0, 2]]);
    // The marker carried epoch 1: the zombie with epoch 0 is fenced, epoch 1 starts at sequence 0.
    expect(log.checkSequence(7, 1, 1, 0).kind).toBe('fenced');
    expect(log.checkSequence(7, 0, 1, 1).kind).toBe('ok');
    log.append(batch(3, 8, 0, { control: 'commit', ids: [] }));
    log.hw = 4;
    expect(log.lso).toBe(4);
    // Rebuilt from the batches (recovery, truncation): the same state.
    log.rebuild();
    expect(log.lso).toBe(4);
    expect(log.abortedIn(0, 4)).toEqual([[7, 0, 2]]);
  });

  it('fencing: a second instance with the same transactional.id fences the first; its open transaction is aborted', () => {
    const doc = kafkaDoc({
      // Transactions of 50 records (1 s each): p2 initialises in the middle of p1's third one.
      producers: [
        txnProducer('p1', { 'transaction.records': 50 }),
        txnProducer('p2', { startMs: 2500, messages: 100, 'transaction.records': 50 }),
      ],
      consumers: [
        {
          id: 'c1',
          'group.id': 'g1',
          'auto.offset.reset': 'earliest',
          'session.timeout.ms': 6000,
          'isolation.level': 'read_committed',
        },
      ],
    });
    const runner = new Run(scenario(doc));
    const r = runner.finish();
    expect(r.report.unaccounted).toBe(0);
    expect(r.report.counts.unexpected).toBe(0);
    expect(r.report.counts.lost).toBe(0);
    const j = r.record.journal;
    // The coordinator bumped the epoch for p2 and aborted p1's open transaction.
    const init = j.find((e) => e.kind === 'fence' && e.data?.['reason'] === 'init-transactions');
    expect(init?.data?.['previous']).toBe('p1');
    expect(j.some((e) => e.kind === 'txn-abort' && e.data?.['reason'] === 'fenced-by-init')).toBe(
      true,
    );
    // p1 learnt it was fenced and stopped; its later records failed definitely.
    const zombie = j.find(
      (e) =>
        e.kind === 'fence' &&
        e.node === 'p1' &&
        ['PRODUCER_FENCED', 'INVALID_PRODUCER_EPOCH'].includes(String(e.data?.['reason'])),
    );
    expect(zombie).toBeDefined();
    const fencedAt = zombie?.at ?? 0;
    expect(
      j.some((e) => e.kind === 'txn-commit' && e.data?.['owner'] === 'p1' && e.at > fencedAt),
    ).toBe(false);
    const failed = r.record.history.filter(
      (op) => op.type === 'outcome' && op.producer === 'p1' && op.result === 'error',
    );
    expect(failed.length).toBeGreaterThan(0);
    // Nothing p1 sent after the fence was appended anywhere.
    const m = runner.model as unknown as KafkaModel;
    const lateP1 = new Set(
      r.record.history
        .filter((op) => op.type === 'send' && op.producer === 'p1' && op.at > fencedAt)
        .map((op) => op.msg),
    );
    for (const b of m.brokers)
      for (const batch of b.replicas.get(0)?.log.batches ?? [])
        for (const id of batch.ids) expect(lateP1.has(id)).toBe(false);
    // p2 committed its records, and the read_committed consumer read them.
    const p2acks = r.record.history.filter(
      (op) => op.type === 'outcome' && op.producer === 'p2' && op.result === 'ack',
    );
    expect(p2acks.length).toBe(100);
  });

  it('a producer crash mid-transaction: the restarted instance bumps the epoch and aborts the open transaction', () => {
    for (const isolation of ['read_committed', 'read_uncommitted']) {
      const runner = new Run(
        scenario(
          kafkaDoc({
            topic: { 'min.insync.replicas': 2 },
            producers: [txnProducer('p1', { messages: 500, keys: 3, abortEvery: 4 })],
            consumers: [
              {
                id: 'c1',
                'group.id': 'g1',
                'auto.offset.reset': 'earliest',
                'isolation.level': isolation,
              },
            ],
            faults: [
              { atMs: 3100, type: 'crash', node: 'p1' },
              { atMs: 4000, type: 'crash', node: 'broker-1' },
              { atMs: 6000, type: 'restart', node: 'p1' },
              { atMs: 12000, type: 'restart', node: 'broker-1' },
            ],
          }),
        ),
      );
      const r = runner.finish();
      expect(r.report.unaccounted).toBe(0);
      expect(r.report.counts.lost).toBe(0);
      expect(r.report.counts.duplicated).toBe(0);
      const j = r.record.journal;
      const bump = j.find((e) => e.kind === 'fence' && e.data?.['reason'] === 'init-transactions');
      expect(bump?.data?.['epoch']).toBe(1);
      expect(bump?.at).toBeGreaterThanOrEqual(6_000_000);
      if (isolation === 'read_committed') expect(r.report.counts.unexpected).toBe(0);
      else expect(r.report.counts.unexpected).toBeGreaterThan(0);
    }
  });
});
