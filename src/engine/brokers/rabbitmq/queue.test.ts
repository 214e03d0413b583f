/** The queue state machine on its own: the behaviours the conformance suite checks, and more. */
import { describe, expect, it } from 'vitest';
import { AmqpQueue, type QueueArgs } from './queue';

const args = (a: Partial<QueueArgs> = {}): QueueArgs => ({
  overflow: 'drop-head',
  singleActiveConsumer: false,
  ...a,
});
const input = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  exchange: 'x',
  routingKeys: ['k'],
  bodyBytes: 10,
  persistent: true,
  ...extra,
});

describe('AmqpQueue', () => {
  it('x-death: the older entries are reversed at each death, the matching one counts up and goes first (3.10.8, found by conformance)', () => {
    const deaths = [
      {
        count: 1,
        reason: 'expired',
        queue: 'retry',
        exchange: 'x',
        'routing-keys': ['k'],
        time: 1,
      },
      { count: 1, reason: 'rejected', queue: 'q', exchange: 'x', 'routing-keys': ['k'], time: 0 },
    ] as const;
    const q = new AmqpQueue('q', args({ deadLetterExchange: 'dlx', messageTtl: 10 }));
    const d = q.publish(
      input(1, { xDeath: deaths.map((x) => ({ ...x, 'routing-keys': ['k'] })) }),
      0,
    );
    expect(d.dropped).toEqual([]);
    const out = q
      .expire(10)[0]
      ?.deadLetter?.msg.xDeath?.map((x) => `${x.queue}/${x.reason}/${x.count}`);
    expect(out).toEqual(['q/expired/1', 'q/rejected/1', 'retry/expired/1']);
  });

  it('a rejected message with an expiration dead-letters without it, keeping it as original-expiration (3.10, found by conformance)', () => {
    const q = new AmqpQueue('q', args({ deadLetterExchange: 'dlx' }));
    q.publish(input(1, { expiration: '60000' }), 5);
    const g = q.get(7, false);
    const r = q.reject('#get', g.delivery?.msg.seq ?? -1, false);
    const dl = r?.dropped[0]?.deadLetter?.msg;
    expect(dl?.expiration).toBeUndefined();
    expect(dl?.xDeath?.[0]).toEqual({
      count: 1,
      reason: 'rejected',
      queue: 'q',
      exchange: 'x',
      'routing-keys': ['k'],
      time: 7,
      'original-expiration': '60000',
    });
  });

  it('expires only at the head: a short TTL behind a long one waits', () => {
    const q = new AmqpQueue('q', args());
    q.publish(input(1, { expiration: '1000' }), 0);
    q.publish(input(2, { expiration: '10' }), 0);
    expect(q.expire(500).length).toBe(0);
    expect(q.readyMessages.length).toBe(2);
    expect(q.get(500, true).delivery?.msg.id).toBe(1);
    const g = q.get(500, true);
    expect(g.delivery).toBeUndefined();
    expect(g.dropped.map((d) => d.reason)).toEqual(['expired']);
  });

  it('x-message-ttl 0 still reaches a waiting consumer, and expires otherwise', () => {
    const q = new AmqpQueue('q', args({ messageTtl: 0 }));
    expect(q.publish(input(1), 0).dropped.length).toBe(1);
    q.addConsumer('c', 1, false);
    expect(q.publish(input(2), 0).deliveries.length).toBe(1);
  });

  it('requeue returns a message to its original position with redelivered set', () => {
    const q = new AmqpQueue('q', args());
    for (let i = 0; i < 4; i++) q.publish(input(i), 0);
    q.addConsumer('c', 2, false);
    const d = q.dispatch(0).deliveries;
    expect(d.map((x) => x.msg.id)).toEqual([0, 1]);
    q.reject('c', d[0]?.msg.seq ?? -1, true);
    expect(q.readyMessages.map((m) => [m.id, m.redelivered])).toEqual([
      [0, true],
      [2, false],
      [3, false],
    ]);
  });

  it('single active consumer: only the first registered consumer gets messages until it leaves', () => {
    const q = new AmqpQueue('q', args({ singleActiveConsumer: true }));
    q.addConsumer('a', 0, false);
    q.addConsumer('b', 0, false);
    for (let i = 0; i < 3; i++) q.publish(input(i), 0);
    expect(q.unackedOf('a').length).toBe(3);
    q.removeConsumer('a');
    expect(q.dispatch(0).deliveries.map((d) => d.consumer)).toEqual(['b', 'b', 'b']);
  });

  it('delivery-limit drops (or dead-letters) a message returned too often', () => {
    const q = new AmqpQueue('q', args({ deliveryLimit: 1, deadLetterExchange: 'dlx' }));
    q.publish(input(1), 0);
    q.addConsumer('c', 1, false);
    let seq = q.dispatch(0).deliveries[0]?.msg.seq ?? -1;
    expect(q.reject('c', seq, true)?.requeued.length).toBe(1);
    seq = q.dispatch(0).deliveries[0]?.msg.seq ?? -1;
    const r = q.reject('c', seq, true);
    expect(r?.dropped[0]?.reason).toBe('delivery_limit');
    expect(r?.dropped[0]?.deadLetter?.msg.xDeath?.[0]?.reason).toBe('delivery_limit');
  });
});
