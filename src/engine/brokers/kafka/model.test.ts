/**
 * Mechanisms of the Kafka model that the ground-truth rows rely on, one at a time.
 */
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../check/history';
import type { RunResult } from '../../run';
import { kafkaDoc, run, type Doc } from './testing';

const j = (r: RunResult, kind: string, pred: (e: JournalEntry) => boolean = () => true) =>
  r.record.journal.filter((e) => e.kind === kind && pred(e));
const cut = (atMs: number): Doc => ({
  atMs,
  type: 'split',
  sides: [['broker-1'], ['broker-2', 'broker-3']],
});

describe('Kafka model mechanisms', () => {
  it('the ISR shrinks after replica.lag.time.max.ms and grows again when followers catch up', () => {
    // After the heal a follower resends its fetch once replica.socket.timeout.ms (30 s) passed.
    const r = run(
      kafkaDoc({ durationMs: 60_000, faults: [cut(2000), { atMs: 10000, type: 'heal' }] }),
    );
    const shrink = j(r, 'isr-shrink', (e) => e.data?.['isr'] === 'broker-1');
    expect(shrink.length).toBe(1);
    // replica.lag.time.max.ms=3000, checked every 1500 ms: out between 5 and 6.5 s.
    expect(shrink[0]?.at).toBeGreaterThanOrEqual(5_000_000);
    expect(shrink[0]?.at).toBeLessThanOrEqual(6_600_000);
    const grow = j(r, 'isr-expand');
    expect(grow.length).toBeGreaterThan(0);
    const isr = String(grow[grow.length - 1]?.data?.['isr'])
      .split(',')
      .sort();
    expect(isr).toEqual(['broker-1', 'broker-2', 'broker-3']);
    expect(r.report.counts.lost).toBe(0);
  });

  it('acks=all below min.insync.replicas: NotEnoughReplicas before the append, NotEnoughReplicasAfterAppend after it', () => {
    const r = run(
      kafkaDoc({
        durationMs: 80_000,
        topic: { 'min.insync.replicas': 2 },
        producers: [
          { id: 'p1', ratePerSec: 50, messages: 500, keys: 1, 'request.timeout.ms': 30000 },
        ],
        faults: [cut(2000), { atMs: 12000, type: 'heal' }],
      }),
    );
    const errors = new Set(j(r, 'produce-error').map((e) => e.data?.['error']));
    expect(errors).toContain('NOT_ENOUGH_REPLICAS');
    expect(errors).toContain('NOT_ENOUGH_REPLICAS_AFTER_APPEND');
    expect(
      j(r, 'reject', (e) => e.data?.['reason'] === 'NOT_ENOUGH_REPLICAS').length,
    ).toBeGreaterThan(0);
    // Retries succeed once the followers are back: nothing acknowledged is lost or duplicated.
    expect(r.report.counts.lost).toBe(0);
    expect(r.report.counts.duplicated).toBe(0);
    expect(r.report.groups[0]?.fates.processed).toBe(500);
  });

  it('a crashed leader is fenced after broker.session.timeout.ms and an ISR member takes over', () => {
    const r = run(kafkaDoc({ faults: [{ atMs: 2000, type: 'crash', node: 'broker-1' }] }));
    const fence = j(r, 'fence')[0];
    expect(fence?.data?.['broker']).toBe('broker-1');
    expect(fence?.at).toBeGreaterThanOrEqual(11_000_000);
    const elected = j(r, 'leader-elected')[0];
    expect(elected?.data?.['leader']).toBe('broker-2');
    expect(elected?.data?.['unclean']).toBe(false);
    expect(elected?.cause).toBe(fence?.id);
  });

  it('without an in-sync replica and with unclean election off, the partition stays offline', () => {
    const r = run(
      kafkaDoc({
        faults: [
          cut(2000),
          { atMs: 8000, type: 'crash', node: 'broker-1' },
          { atMs: 8100, type: 'heal' },
        ],
      }),
    );
    const elected = j(r, 'leader-elected');
    expect(elected.length).toBe(1);
    expect(elected[0]?.data?.['leader']).toBe('none');
    expect(r.report.counts.lost).toBe(0);
  });

  it('a controller restart does not fence live brokers', () => {
    const r = run(
      kafkaDoc({
        faults: [
          { atMs: 2000, type: 'crash', node: 'controller' },
          { atMs: 20000, type: 'restart', node: 'controller' },
        ],
      }),
    );
    expect(j(r, 'fence').length).toBe(0);
    expect(r.report.counts.lost).toBe(0);
  });

  it('a consumer crash makes the group rebalance after session.timeout.ms; the survivor takes over', () => {
    const r = run(
      kafkaDoc({
        topic: { partitions: 2, 'replica.assignment': undefined },
        consumers: [
          {
            id: 'c1',
            'group.id': 'g1',
            'auto.offset.reset': 'earliest',
            'session.timeout.ms': 6000,
          },
          {
            id: 'c2',
            'group.id': 'g1',
            'auto.offset.reset': 'earliest',
            'session.timeout.ms': 6000,
          },
        ],
        faults: [{ atMs: 6000, type: 'crash', node: 'c1' }],
      }),
    );
    const prepared = j(r, 'rebalance', (e) => e.data?.['reason'] === 'session.timeout.ms');
    expect(prepared.length).toBe(1);
    // The join completed at 4 s; c1's session (6 s) runs out after 10 s.
    expect(prepared[0]?.at).toBeGreaterThanOrEqual(10_000_000);
    expect(prepared[0]?.data?.['members']).toBe('c1-0');
    const last = j(r, 'rebalance', (e) => e.data?.['phase'] === 'complete').pop();
    expect(last?.data?.['assignment']).toBe('c2-0:[0,1]');
    expect(r.report.counts.lost).toBe(0);
    expect(r.report.groups[0]?.fates.processed).toBe(500);
  });

  it('the group uses the configured assignor (roundrobin)', () => {
    const r = run(
      kafkaDoc({
        topic: { partitions: 3, 'replica.assignment': undefined },
        consumers: ['c1', 'c2'].map((id) => ({
          id,
          'group.id': 'g1',
          'auto.offset.reset': 'earliest',
          'partition.assignment.strategy': 'roundrobin',
        })),
      }),
    );
    const done = j(r, 'rebalance', (e) => e.data?.['phase'] === 'complete').pop();
    expect(done?.data?.['assignment']).toBe('c1-0:[0,2] c2-0:[1]');
  });

  it('a consumer that stops polling for max.poll.interval.ms leaves the group', () => {
    const r = run(
      kafkaDoc({
        consumers: [
          {
            id: 'c1',
            'group.id': 'g1',
            'auto.offset.reset': 'earliest',
            'max.poll.interval.ms': 5000,
            'max.poll.records': 500,
          },
        ],
        faults: [
          {
            atMs: 5000,
            type: 'slow-consumer',
            node: 'c1',
            processingMs: { kind: 'fixed', ms: 400 },
          },
        ],
      }),
    );
    expect(
      j(r, 'rebalance', (e) => e.data?.['reason'] === 'max.poll.interval.ms').length,
    ).toBeGreaterThan(0);
  });

  it('flush.ms fsyncs on a timer: a power loss keeps what was flushed', () => {
    const faults: Doc[] = [];
    for (const b of ['broker-1', 'broker-2', 'broker-3']) {
      faults.push({ atMs: 5000, type: 'power-loss', node: b });
      faults.push({ atMs: 6000, type: 'restart', node: b });
    }
    const consumers = [
      { id: 'c1', 'group.id': 'g1', 'auto.offset.reset': 'earliest', startMs: 7000 },
    ];
    const none = run(kafkaDoc({ consumers, faults }));
    const flushed = run(kafkaDoc({ topic: { 'flush.ms': 1000 }, consumers, faults }));
    expect(flushed.report.counts.lost).toBeGreaterThan(0);
    expect(flushed.report.counts.lost).toBeLessThan(none.report.counts.lost / 2);
  });

  it('the same scenario and seed replay to the same trace hash', () => {
    const doc = kafkaDoc({ faults: [{ atMs: 2000, type: 'crash', node: 'broker-1' }] });
    expect(run(doc).traceHash).toBe(run(doc).traceHash);
    expect(run(doc, 7).traceHash).not.toBe(run(doc).traceHash);
  });
});
