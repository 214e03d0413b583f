/**
 * Ordered messages when a broker group leaves (issue 13, curriculum D3). A MessageQueueSelector
 * `mqs.get(orderId % mqs.size())` (SelectMessageQueueByHash, rocketmq-all-4.9.8) is applied to
 * the producer's cached route (sendSelectImpl: topicPublishInfo.getMessageQueueList()), so a
 * change in the route's queue count moves a key to another queue; consumers read queues
 * independently. The tests show the mechanism (route change -> queue count -> key moved), that
 * the reordering needs messages still waiting in the old queue, and two ways order holds.
 */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../run';
import { run } from '../../testing/scenarios';
import { anomalies, rocketDoc, type Doc } from './testing';

/** broker-b (k4-k7's queues) crashes at 10 s and restarts at 25 s; g1 starts at 60 s, after the last send. */
function doc(
  over: {
    selector?: string;
    consumerStartMs?: number;
    faults?: Doc[];
    wipeAtMs?: number;
    messages?: number;
    durationMs?: number;
  } = {},
): Doc {
  return rocketDoc({
    durationMs: over.durationMs ?? 90_000,
    ...(over.wipeAtMs !== undefined
      ? { wipeWritePerm: [{ atMs: over.wipeAtMs, brokerName: 'broker-b' }] }
      : {}),
    producers: [
      {
        id: 'p1',
        topic: 'orders',
        ratePerSec: 100,
        messages: over.messages ?? 5000,
        keys: 8,
        selector: { kind: over.selector ?? 'id-modulo' },
      },
    ],
    consumers: [
      {
        id: 'c1',
        consumerGroup: 'g1',
        topic: 'orders',
        listener: 'orderly',
        consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
        startMs: over.consumerStartMs ?? 60_000,
      },
    ],
    faults: over.faults ?? [
      { atMs: 10_000, type: 'crash', node: 'broker-b-0' },
      { atMs: 25_000, type: 'restart', node: 'broker-b-0' },
    ],
  });
}

function keyOf(r: RunResult, msg: number): string | null | undefined {
  for (const op of r.record.history) if (op.type === 'send' && op.msg === msg) return op.key;
  return undefined;
}

const remaps = (r: RunResult) =>
  r.record.journal.filter((e) => e.mech === 'rocketmq.selector-remap');

describe('RocketMQ ordered messages when a broker group leaves', () => {
  it('id % mqs.size(): the route shrinks and grows, k4-k7 move, and a lagging orderly group consumes them out of order', () => {
    const r = run(doc());
    expect(r.report.unaccounted).toBe(0);
    const moves = remaps(r);
    // Each of k4-k7 moves twice: to broker-a when broker-b leaves the route, back when it returns.
    expect(moves.map((e) => e.data?.['key']).sort()).toEqual([
      'k4',
      'k4',
      'k5',
      'k5',
      'k6',
      'k6',
      'k7',
      'k7',
    ]);
    const byId = new Map(r.record.journal.map((e) => [e.id, e]));
    for (const e of moves) {
      const shrink = e.data?.['queues'] === 4;
      expect([e.data?.['before'], e.data?.['queues']]).toEqual(shrink ? [8, 4] : [4, 8]);
      // Linked to what changed the route: broker-b-0's crash, then its restart.
      const link = e.links?.[0];
      expect(link?.role).toBe(shrink ? 'fault' : 'restart');
      const cause = byId.get(link?.id ?? -1);
      expect(cause?.node).toBe('broker-b-0');
      expect(cause?.kind).toBe(shrink ? 'crash' : 'restart');
      // The producer only sees the change at a route refresh, after the NameServer's.
      expect(e.at).toBeGreaterThan(shrink ? 10_000_000 : 25_000_000);
    }
    const re = anomalies(r, 'reordered');
    expect(re.length).toBeGreaterThan(0);
    for (const a of re) {
      expect(a.mechanisms).toEqual(['rocketmq.selector-remap']);
      // Only keys that moved are reordered; k0-k3 stay on broker-a's queues throughout.
      expect(['k4', 'k5', 'k6', 'k7']).toContain(keyOf(r, a.msg));
    }
  });

  it('why a first try saw nothing: with the group keeping up, the same moves reorder nothing', () => {
    const r = run(doc({ consumerStartMs: 0 }));
    expect(remaps(r).length).toBe(8);
    expect(r.report.counts.reordered).toBe(0);
  });

  it('no broker leaves: no move, no reordering', () => {
    const r = run(doc({ faults: [] }));
    expect(remaps(r).length).toBe(0);
    expect(r.report.counts.reordered).toBe(0);
  });

  it('a selector over the fixed queue count fails those sends instead of moving the key: order holds', () => {
    const r = run(doc({ selector: 'id-modulo-fixed' }));
    expect(r.report.unaccounted).toBe(0);
    expect(r.report.counts.reordered).toBe(0);
    expect(remaps(r).length).toBe(0);
    const refused = r.record.journal.filter(
      (e) => e.kind === 'reject' && e.data?.['reason'] === 'SELECTOR_NULL',
    );
    expect(refused.length).toBeGreaterThan(0);
    for (const e of refused) {
      expect(['k4', 'k5', 'k6', 'k7']).toContain(keyOf(r, e.msgs?.[0] ?? -1));
      expect(e.at).toBeGreaterThan(10_000_000);
    }
  });

  it('wipeWritePerm takes broker-b out of the write routes without a crash: the same moves and reordering, no failed send', () => {
    // c1 reads broker-b over a slow link (50 ms each way), so broker-b's backlog drains slower
    // than broker-a's: the messages a key left behind there are still waiting when its new ones
    // on broker-a are consumed.
    const r = run({
      ...doc({ faults: [], wipeAtMs: 10_000 }),
      network: {
        latency: { kind: 'fixed', ms: 1 },
        links: [{ from: 'c1', to: 'broker-b-0', latency: { kind: 'fixed', ms: 50 } }],
      },
    });
    expect(r.report.unaccounted).toBe(0);
    expect(r.report.counts.lost).toBe(0);
    const moves = remaps(r);
    // k4-k7 move once, to broker-a: the permission does not come back while broker-b stays registered.
    expect(moves.map((e) => e.data?.['key']).sort()).toEqual(['k4', 'k5', 'k6', 'k7']);
    const byId = new Map(r.record.journal.map((e) => [e.id, e]));
    for (const e of moves) {
      expect([e.data?.['before'], e.data?.['queues']]).toEqual([8, 4]);
      const link = e.links?.[0];
      expect(link?.role).toBe('fault');
      expect(byId.get(link?.id ?? -1)?.data?.['kind']).toBe('wipe-write-perm');
      // At the producer's next route fetch (pollNameServerInterval, 30 s) after the wipe.
      expect(e.at).toBeGreaterThan(10_000_000);
      expect(e.at).toBeLessThanOrEqual(41_000_000);
    }
    // broker-b never failed: no send error, no timeout, and the lagging group still drains it.
    expect(
      r.record.journal.filter((e) => e.kind === 'produce-error' || e.kind === 'confirm-timeout'),
    ).toEqual([]);
    const re = anomalies(r, 'reordered');
    expect(re.length).toBeGreaterThan(0);
    for (const a of re) expect(a.mechanisms).toEqual(['rocketmq.selector-remap']);
  });

  it('the route changes at the next route fetch after wipeWritePerm, but only after the 120 s expiry when broker-b loses power', () => {
    const long = { consumerStartMs: 0, messages: 16_000, durationMs: 200_000 };
    const firstMove = (d: Doc): number =>
      Math.min(...remaps(run(d)).map((e) => e.at), Number.POSITIVE_INFINITY);
    const wiped = firstMove(doc({ ...long, faults: [], wipeAtMs: 10_000 }));
    const power = firstMove(
      doc({ ...long, faults: [{ atMs: 10_000, type: 'power-loss', node: 'broker-b-0' }] }),
    );
    expect(wiped).toBeLessThanOrEqual(41_000_000);
    // BROKER_CHANNEL_EXPIRED_TIME (120 s), then the producer's next route fetch.
    expect(power).toBeGreaterThan(130_000_000);
    expect(power).toBeLessThan(Number.POSITIVE_INFINITY);
  });
});
