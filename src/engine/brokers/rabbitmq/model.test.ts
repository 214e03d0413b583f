/** Model mechanisms beyond the ground-truth rows: basic.get, consumer_timeout, delivery-limit, SAC. */
import { describe, expect, it } from 'vitest';
import { runRabbit } from './testing';

const q = (args: Record<string, unknown> = {}) => [{ queues: [{ name: 'q', arguments: args }] }];
const pub = (extra: Record<string, unknown> = {}) => ({
  id: 'p1',
  routingKeys: ['q'],
  ratePerSec: 100,
  messages: 200,
  confirms: true,
  ...extra,
});

describe('RabbitMQ model mechanisms', () => {
  it('basic.get (pull), manual and auto ack, drains the queue', () => {
    for (const autoAck of [false, true]) {
      const r = runRabbit({
        durationMs: 5000,
        vhosts: q(),
        publishers: [pub()],
        consumers: [
          {
            id: 'puller',
            queue: 'q',
            mode: 'get',
            autoAck,
            pollMs: 20,
            processingMs: { kind: 'fixed', ms: 1 },
          },
        ],
      });
      expect(r.report.unaccounted).toBe(0);
      expect(r.report.groups[0]?.fates.processed).toBe(200);
    }
  });

  it('consumer_timeout closes a channel whose delivery stays unacked, and requeues it', () => {
    const r = runRabbit({
      durationMs: 20_000,
      cluster: { consumerTimeoutMs: 3000 },
      vhosts: q(),
      publishers: [pub({ messages: 5, ratePerSec: 10 })],
      consumers: [
        {
          id: 'stuck',
          queue: 'q',
          prefetch: 1,
          processingMs: { kind: 'fixed', ms: 10_000 },
          reconnectDelayMs: 500,
        },
        { id: 'other', queue: 'q', prefetch: 1, startMs: 2000 },
      ],
    });
    expect(r.record.journal.some((e) => e.data?.['kind'] === 'consumer_timeout')).toBe(true);
    expect(
      r.record.journal.some(
        (e) => e.kind === 'requeue' && e.data?.['reason'] === 'consumer_timeout',
      ),
    ).toBe(true);
    expect(r.report.counts.lost).toBe(0);
  });

  it('quorum delivery-limit: a message nacked too often is dropped with its reason', () => {
    const r = runRabbit({
      durationMs: 5000,
      vhosts: q({ 'x-queue-type': 'quorum', 'x-delivery-limit': 2 }),
      publishers: [pub({ messages: 20 })],
      consumers: [
        {
          id: 'c',
          queue: 'q',
          failureRate: 1,
          onFailure: 'nack-requeue',
          processingMs: { kind: 'fixed', ms: 1 },
        },
      ],
    });
    expect(r.report.unaccounted).toBe(0);
    // Over the delivery limit is a fate of its own (rejected), not a loss.
    expect(r.report.anomalies.filter((a) => a.kind === 'lost')).toEqual([]);
    const aside = r.report.setAside;
    expect(aside.length).toBe(20);
    expect(aside.every((a) => a.fate === 'rejected')).toBe(true);
    expect(aside[0]?.mechanisms).toEqual(['rabbit.delivery-limit']);
    expect(aside[0]?.reason.en).toMatch(/x-delivery-limit/);
  });

  it('x-single-active-consumer: one consumer gets everything while it lives', () => {
    const r = runRabbit({
      durationMs: 5000,
      vhosts: q({ 'x-single-active-consumer': true }),
      publishers: [pub()],
      consumers: [
        { id: 'a', queue: 'q', prefetch: 5 },
        { id: 'b', queue: 'q', prefetch: 5 },
      ],
    });
    const by = (c: string) =>
      r.record.history.filter((o) => o.type === 'effect' && o.consumer === c).length;
    expect(by('a') + by('b')).toBe(200);
    expect(Math.min(by('a'), by('b'))).toBe(0);
  });
});
