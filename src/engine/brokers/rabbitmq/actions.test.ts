/**
 * Scripted per-delivery consumer actions (`consumers[].actions`): which deliveries a rule takes,
 * what the broker does with each action, and the validation of deliveries that never come.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario, describeScenarioError } from '../../../scenario/load';
import { runRabbit } from './testing';

const base = (consumer: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  durationMs: 3000,
  vhosts: [
    {
      exchanges: [{ name: 'dlx', type: 'fanout' }],
      queues: [
        { name: 'q', durable: false, arguments: { 'x-dead-letter-exchange': 'dlx' } },
        { name: 'dead', durable: false },
      ],
      bindings: [{ source: 'dlx', destination: 'dead' }],
    },
  ],
  publishers: [{ id: 'p1', routingKeys: ['q'], messages: 4, ratePerSec: 1000 }],
  consumers: [
    { id: 'c1', queue: 'q', prefetch: 1, processingMs: { kind: 'fixed', ms: 1 }, ...consumer },
  ],
  ...extra,
});

/** The consumer's delivery stream: message id, with "*" when redelivered. */
function stream(r: ReturnType<typeof runRabbit>, consumer = 'c1'): string[] {
  return r.record.history
    .filter((o) => o.type === 'deliver' && o.consumer === consumer)
    .map((o) => (o.type === 'deliver' ? `${o.msg}${o.redelivered ? '*' : ''}` : ''));
}

describe('consumer actions', () => {
  it('nack-requeue at the 1st delivery and reject-requeue of message 2 once: redelivered in place', () => {
    const r = runRabbit(
      base({
        actions: [
          { delivery: 1, do: 'nack-requeue' },
          { message: 2, redelivered: false, do: 'reject-requeue' },
        ],
      }),
    );
    expect(stream(r)).toEqual(['0', '0*', '1', '2', '2*', '3']);
  });

  it('reject and nack without requeue dead-letter; the rest are acked and processed', () => {
    const r = runRabbit(
      base({
        actions: [
          { message: 1, do: 'reject' },
          { message: 3, do: 'nack' },
        ],
      }),
    );
    expect(stream(r)).toEqual(['0', '1', '2', '3']);
    const applied = r.record.history.filter((o) => o.type === 'effect').map((o) => o.msg);
    expect(applied).toEqual([0, 2]);
    expect(
      r.record.journal.filter((e) => e.kind === 'dead-letter').flatMap((e) => e.msgs ?? []),
    ).toEqual([1, 3]);
  });

  it('times limits a rule; a rule without conditions takes every delivery', () => {
    const r = runRabbit(base({ actions: [{ do: 'nack-requeue', times: 3 }] }));
    expect(stream(r)).toEqual(['0', '0*', '0*', '0*', '1', '2', '3']);
  });

  it('close-channel requeues every unacked delivery of the channel; the channel is reopened', () => {
    const r = runRabbit(
      base({
        prefetch: 3,
        processingMs: { kind: 'fixed', ms: 20 },
        reconnectDelayMs: 100,
        actions: [{ delivery: 1, do: 'close-channel' }],
      }),
    );
    // 0, 1, 2 were unacked when the channel closed: all come back, redelivered, in order.
    expect(stream(r)).toEqual(['0', '1', '2', '0*', '1*', '2*', '3']);
    expect(
      r.record.journal.some((e) => e.kind === 'requeue' && e.data?.['reason'] === 'channel-closed'),
    ).toBe(true);
  });
});

describe('consumer actions: validation', () => {
  const errorOf = (doc: Record<string, unknown>) => {
    const r = parseScenario({ version: 1, system: 'rabbitmq', name: 't', ...doc });
    return r.ok ? null : describeScenarioError(r.error);
  };
  const plain = (actions: unknown[], consumer: Record<string, unknown> = {}) => ({
    durationMs: 1000,
    vhosts: [{ queues: [{ name: 'q' }] }],
    publishers: [{ id: 'p1', routingKeys: ['q'], messages: 3 }],
    consumers: [{ id: 'c1', queue: 'q', actions, ...consumer }],
  });

  it('a message number beyond what the publishers send fails, naming the field', () => {
    expect(errorOf(plain([{ message: 3, do: 'ack' }]))).toMatch(
      /consumers\.0\.actions\.0\.message.*never comes/s,
    );
    expect(errorOf(plain([{ message: 2, do: 'ack' }]))).toBeNull();
  });

  it('a delivery count beyond the messages fails unless something can deliver again', () => {
    expect(errorOf(plain([{ delivery: 4, do: 'reject' }]))).toMatch(/actions\.0\.delivery/);
    expect(
      errorOf(
        plain([
          { delivery: 1, do: 'nack-requeue' },
          { delivery: 4, do: 'ack' },
        ]),
      ),
    ).toBeNull();
    expect(errorOf(plain([{ redelivered: true, do: 'ack' }]))).toMatch(/actions\.0\.redelivered/);
  });

  it('autoAck consumers can only close the channel; basic.get pollers cannot', () => {
    expect(errorOf(plain([{ delivery: 1, do: 'nack' }], { autoAck: true }))).toMatch(
      /actions\.0\.do/,
    );
    expect(errorOf(plain([{ delivery: 1, do: 'close-channel' }], { autoAck: true }))).toBeNull();
    expect(errorOf(plain([{ delivery: 1, do: 'close-channel' }], { mode: 'get' }))).toMatch(
      /actions\.0\.do/,
    );
  });

  it('a headers binding with an x-match the broker refuses fails, naming the field', () => {
    const doc = (xm: unknown) => ({
      durationMs: 1000,
      vhosts: [
        {
          exchanges: [{ name: 'h', type: 'headers' }],
          queues: [{ name: 'q' }],
          bindings: [{ source: 'h', destination: 'q', arguments: { 'x-match': xm, a: [1, 'b'] } }],
        },
      ],
      publishers: [{ id: 'p1', exchange: 'h', routingKeys: [''], messages: 1 }],
    });
    for (const ok of ['all', 'any', 'all-with-x', 'any-with-x'])
      expect(errorOf(doc(ok))).toBeNull();
    expect(errorOf(doc('ALL'))).toMatch(/arguments\.x-match.*invalid x-match "ALL"/s);
    expect(errorOf(doc(1))).toMatch(/arguments\.x-match/);
  });
});

describe('model differences the real-broker suite found', () => {
  it('a queue with no consumer dead-letters its head when its TTL runs out, not later', () => {
    const r = runRabbit({
      durationMs: 1000,
      vhosts: [
        {
          exchanges: [{ name: 'dlx', type: 'fanout' }],
          queues: [
            {
              name: 'q',
              durable: false,
              arguments: { 'x-message-ttl': 200, 'x-dead-letter-exchange': 'dlx' },
            },
            { name: 'dead', durable: false },
          ],
          bindings: [{ source: 'dlx', destination: 'dead' }],
        },
      ],
      publishers: [{ id: 'p1', routingKeys: ['q'], messages: 1 }],
    });
    const dead = r.record.journal.find((e) => e.kind === 'dead-letter');
    expect(dead?.at).toBeGreaterThanOrEqual(200_000);
    expect(dead?.at).toBeLessThan(210_000);
  });

  it('a publisher uses its routing keys in turn starting with the first', () => {
    const r = runRabbit({
      durationMs: 1000,
      vhosts: [{ queues: [{ name: 'a' }, { name: 'b' }] }],
      publishers: [{ id: 'p1', routingKeys: ['a', 'b'], messages: 3, ratePerSec: 100 }],
    });
    const into = r.record.journal
      .filter((e) => e.kind === 'enqueue')
      .map((e) => `${e.msgs?.[0]}:${String(e.data?.['queue'])}`);
    expect(into).toEqual(['0:a', '1:b', '2:a']);
  });
});
