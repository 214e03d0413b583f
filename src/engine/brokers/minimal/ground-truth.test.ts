/**
 * Ground-truth rows (../shared/ground-truth.md) that a single RabbitMQ-style node can show. Each
 * test asserts the outcome AND the mechanism: the anomaly's causal chain must name the engine
 * events that caused it, not just the count.
 */
import { describe, expect, it } from 'vitest';
import { journal, run } from '../../testing/scenarios';

const steady = { ratePerSec: 100, messages: 300, keys: 3, reconnectDelayMs: 500 };
const consumer = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  prefetch: 10,
  processingMs: { kind: 'fixed', ms: 4 },
  reconnectDelayMs: 500,
  ...extra,
});

describe('RabbitMQ single node, as ground-truth.md states', () => {
  it('R1: autoAck + consumer crash loses what the consumer had received', () => {
    const r = run({
      durationMs: 6000,
      producers: [{ id: 'p1', ...steady, ratePerSec: 200, messages: 600 }],
      consumers: [
        consumer('c1', { autoAck: true, prefetch: 0, processingMs: { kind: 'fixed', ms: 15 } }),
        consumer('c2', { autoAck: true, prefetch: 0, processingMs: { kind: 'fixed', ms: 15 } }),
      ],
      faults: [
        { atMs: 2000, type: 'crash', node: 'c1', when: 'before-process' },
        { atMs: 3000, type: 'restart', node: 'c1' },
      ],
    });
    expect(r.report.counts.lost).toBeGreaterThan(10);
    const lost = r.report.anomalies.filter((a) => a.kind === 'lost');
    for (const a of lost) {
      const drop = a.chain.find((e) => e.kind === 'drop');
      expect(drop?.data?.['reason']).toBe('auto-ack-consumer-crash');
      expect(drop?.node).toBe('c1');
      // The chain reaches the crash through the drop's cause link.
      expect(a.chain.some((e) => e.kind === 'crash' && e.node === 'c1')).toBe(true);
      expect(a.reason.en).toMatch(/autoAck/);
      expect(a.reason.zh).toMatch(/崩溃/);
    }
  });

  it('R1 (control): the same crash with manual ack loses nothing; the broker requeues', () => {
    const r = run({
      durationMs: 6000,
      producers: [{ id: 'p1', ...steady, ratePerSec: 200, messages: 600 }],
      consumers: [
        consumer('c1', { processingMs: { kind: 'fixed', ms: 15 } }),
        consumer('c2', { processingMs: { kind: 'fixed', ms: 15 } }),
      ],
      faults: [
        { atMs: 2000, type: 'crash', node: 'c1', when: 'before-process' },
        { atMs: 3000, type: 'restart', node: 'c1' },
      ],
    });
    expect(r.report.counts.lost).toBe(0);
    expect(journal(r, 'requeue').length).toBeGreaterThan(0);
    const redelivered = r.record.history.filter((o) => o.type === 'deliver' && o.redelivered);
    expect(redelivered.length).toBeGreaterThan(0);
  });

  it('R2: manual ack, crash after processing and before basic.ack: duplicated, redelivered, at most prefetch per channel', () => {
    const prefetch = 5;
    const r = run({
      durationMs: 5000,
      producers: [{ id: 'p1', ...steady }],
      consumers: [consumer('c1', { prefetch }), consumer('c2', { prefetch })],
      faults: [
        { atMs: 1500, type: 'crash', node: 'c1', when: 'after-process' },
        { atMs: 2000, type: 'restart', node: 'c1' },
      ],
    });
    expect(r.report.counts.lost).toBe(0);
    const dups = r.report.anomalies.filter((a) => a.kind === 'duplicated');
    expect(dups.length).toBeGreaterThanOrEqual(1);
    expect(dups.length).toBeLessThanOrEqual(prefetch);
    // The processed-but-unacked one is applied twice by the plain insert sink.
    expect(dups.some((a) => a.details.effectsApplied === 2)).toBe(true);
    for (const a of dups) {
      expect(a.chain.some((e) => e.kind === 'requeue')).toBe(true);
      expect(a.reason.en).toMatch(/requeued/);
    }
    const second = r.record.history.filter((o) => o.type === 'deliver' && o.msg === dups[0]?.msg);
    expect(second.map((o) => o.type === 'deliver' && o.redelivered)).toEqual([false, true]);
  });

  it('R4: durable + persistent, confirms off, broker crash before the batched fsync: lost, and the publisher cannot know', () => {
    const r = run({
      durationMs: 10_000,
      broker: { syncIntervalMs: 25 },
      producers: [
        {
          id: 'p1',
          ratePerSec: 200,
          messages: 1600,
          keys: 4,
          confirms: false,
          reconnectDelayMs: 1000,
        },
      ],
      consumers: [
        consumer('c1', {
          prefetch: 20,
          processingMs: { kind: 'fixed', ms: 6 },
          reconnectDelayMs: 1000,
        }),
      ],
      faults: [
        { atMs: 3000, type: 'crash', node: 'broker-1' },
        { atMs: 3500, type: 'restart', node: 'broker-1' },
      ],
    });
    const lost = r.report.anomalies.filter((a) => a.kind === 'lost');
    expect(lost.length).toBeGreaterThan(0);
    for (const a of lost) {
      expect(a.details.producer?.result).toBe('sent');
      const drop = a.chain.find((e) => e.kind === 'drop');
      expect(drop?.data?.['reason']).toBe('crash-unwritten');
      expect(a.chain.some((e) => e.kind === 'crash' && e.node === 'broker-1')).toBe(true);
      expect(a.chain.some((e) => e.kind === 'fsync' && e.msgs?.includes(a.msg))).toBe(false);
    }
    // Publishes made while the broker was down failed visibly: never accepted, not lost.
    expect(r.report.groups[0]?.fates['never-accepted']).toBeGreaterThan(0);
  });

  it('R5: durable + persistent, confirms on: a crash or a power loss after basic.ack loses nothing confirmed', () => {
    for (const fault of ['crash', 'power-loss'] as const) {
      const r = run({
        durationMs: 10_000,
        broker: { syncIntervalMs: 25, fsyncLatencyMs: 20 },
        producers: [
          {
            id: 'p1',
            ratePerSec: 200,
            messages: 1600,
            keys: 4,
            confirms: true,
            confirmTimeoutMs: 1000,
            reconnectDelayMs: 500,
            heartbeatMs: 1000,
          },
        ],
        consumers: [
          consumer('c1', {
            prefetch: 20,
            processingMs: { kind: 'fixed', ms: 6 },
            heartbeatMs: 1000,
          }),
        ],
        faults: [
          { atMs: 3000, type: fault, node: 'broker-1' },
          { atMs: 3500, type: 'restart', node: 'broker-1' },
        ],
      });
      expect(r.report.counts.lost).toBe(0);
      // The crash did take messages that were not yet confirmed: the mechanism was exercised.
      expect(journal(r, 'drop').length).toBeGreaterThan(0);
      const confirmed = new Set(
        r.record.history
          .filter((o) => o.type === 'outcome' && o.result === 'ack')
          .map((o) => o.msg),
      );
      for (const d of journal(r, 'drop'))
        for (const m of d.msgs ?? []) {
          // Anything dropped by the crash had not been confirmed at the time of the crash.
          const ackAt = r.record.history.find(
            (o) => o.type === 'outcome' && o.msg === m && o.result === 'ack',
          )?.at;
          if (ackAt !== undefined) expect(ackAt).toBeGreaterThan(d.at);
          else expect(confirmed.has(m)).toBe(false);
        }
    }
  });

  it('R6: a confirm lost in flight makes the republished message a duplicate, never a loss', () => {
    const r = run({
      durationMs: 5000,
      producers: [
        {
          id: 'p1',
          ratePerSec: 20,
          messages: 80,
          keys: 2,
          confirms: true,
          confirmTimeoutMs: 500,
          republishUnconfirmed: true,
        },
      ],
      consumers: [
        consumer('c1', { prefetch: 1 }),
        consumer('c2', { prefetch: 1, sink: 'unique-key' }),
      ],
      faults: [
        { atMs: 1000, type: 'drop-next', from: 'broker-1', to: 'p1', match: 'ack', count: 3 },
      ],
    });
    expect(r.report.counts.lost).toBe(0);
    const dups = r.report.anomalies.filter((a) => a.kind === 'duplicated');
    expect(dups.length).toBe(3);
    for (const a of dups) {
      expect(a.chain.some((e) => e.kind === 'net-drop' && e.data?.['type'] === 'confirm')).toBe(
        true,
      );
      expect(a.chain.some((e) => e.kind === 'publish-retry')).toBe(true);
      expect(a.reason.en).toMatch(/republished/);
    }
  });

  it('C2: an idempotent sink absorbs the duplicate that a plain insert applies twice', () => {
    const base = {
      durationMs: 5000,
      producers: [{ id: 'p1', ratePerSec: 20, messages: 80, keys: 2, confirmTimeoutMs: 500 }],
      faults: [
        { atMs: 1000, type: 'drop-next', from: 'broker-1', to: 'p1', match: 'ack', count: 3 },
      ],
    };
    const insert = run({ ...base, consumers: [consumer('c1', { sink: 'insert' })] });
    const dedup = run({ ...base, consumers: [consumer('c1', { sink: 'dedup-table' })] });
    const applied = (r: typeof insert) =>
      r.report.anomalies
        .filter((a) => a.kind === 'duplicated')
        .map((a) => a.details.effectsApplied);
    expect(applied(insert)).toEqual([2, 2, 2]);
    expect(applied(dedup)).toEqual([1, 1, 1]);
  });

  it('R7: transient messages in a durable queue are discarded on restart', () => {
    const r = run({
      durationMs: 8000,
      producers: [
        {
          id: 'p1',
          ratePerSec: 50,
          messages: 300,
          keys: 3,
          deliveryMode: 1,
          reconnectDelayMs: 1000,
        },
      ],
      consumers: [
        consumer('c1', {
          prefetch: 5,
          processingMs: { kind: 'fixed', ms: 30 },
          reconnectDelayMs: 1000,
        }),
      ],
      faults: [
        { atMs: 3000, type: 'crash', node: 'broker-1' },
        { atMs: 3200, type: 'restart', node: 'broker-1' },
      ],
    });
    expect(r.report.counts.lost).toBeGreaterThan(10);
    for (const a of r.report.anomalies.filter((x) => x.kind === 'lost')) {
      expect(a.chain.find((e) => e.kind === 'drop')?.data?.['reason']).toBe('crash-transient');
      expect(a.reason.en).toMatch(/deliveryMode=1/);
    }
  });

  it('R8: a non-durable queue loses everything on restart, persistent messages included', () => {
    const r = run({
      durationMs: 8000,
      queue: { name: 'tmp', durable: false },
      producers: [
        {
          id: 'p1',
          ratePerSec: 50,
          messages: 300,
          keys: 3,
          deliveryMode: 2,
          reconnectDelayMs: 1000,
        },
      ],
      consumers: [
        consumer('c1', {
          prefetch: 5,
          processingMs: { kind: 'fixed', ms: 30 },
          reconnectDelayMs: 1000,
        }),
      ],
      faults: [
        { atMs: 3000, type: 'crash', node: 'broker-1' },
        { atMs: 3200, type: 'restart', node: 'broker-1' },
      ],
    });
    expect(r.report.counts.lost).toBeGreaterThan(10);
    for (const a of r.report.anomalies.filter((x) => x.kind === 'lost')) {
      expect(a.chain.find((e) => e.kind === 'drop')?.data?.['reason']).toBe('queue-deleted');
    }
    expect(journal(r, 'recover')).toEqual([]);
  });

  it('an unacked ack record: a message acked just before a crash comes back after restart (duplicate, not loss)', () => {
    const r = run({
      durationMs: 6000,
      broker: { syncIntervalMs: 200 },
      // A backlog, so messages reach the disk before they are processed and acked.
      producers: [{ id: 'p1', ratePerSec: 150, messages: 600, keys: 2, reconnectDelayMs: 300 }],
      consumers: [
        consumer('c1', { reconnectDelayMs: 300, processingMs: { kind: 'fixed', ms: 8 } }),
      ],
      faults: [
        { atMs: 2050, type: 'crash', node: 'broker-1' },
        { atMs: 2300, type: 'restart', node: 'broker-1' },
      ],
    });
    expect(r.report.counts.lost).toBe(0);
    const recovered = journal(r, 'recover').flatMap((e) => e.msgs ?? []);
    const processedBefore = r.record.history
      .filter((o) => o.type === 'effect' && o.at < 2_050_000)
      .map((o) => o.msg);
    const back = recovered.filter((m) => processedBefore.includes(m));
    expect(back.length).toBeGreaterThan(0);
    const dup = r.report.anomalies.find((a) => a.kind === 'duplicated' && back.includes(a.msg));
    expect(dup?.chain.some((e) => e.kind === 'recover')).toBe(true);
    // The ones acked before the crash are recorded as such, with the restart that brought them.
    const notPersisted = journal(r, 'recover').filter((e) => e.mech === 'rabbit.ack-not-persisted');
    expect(notPersisted.flatMap((e) => e.msgs ?? [])).toEqual(expect.arrayContaining(back));
    expect(notPersisted.every((e) => e.links?.some((l) => l.role === 'restart'))).toBe(true);
  });
});
