/**
 * RabbitMQ rows of ground-truth.md (/work/shared), one test per row id. Each asserts the outcome
 * AND the mechanism: the anomaly's causal chain must name the engine events that caused it.
 */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../run';
import type { JournalEntry } from '../../check/history';
import { runRabbit } from './testing';

const one = (queue: Record<string, unknown> = {}) => ({
  exchanges: [{ name: 'orders', type: 'direct' }],
  queues: [{ name: 'q', ...queue }],
  bindings: [{ source: 'orders', destination: 'q', routingKey: 'new' }],
});
const pub = (extra: Record<string, unknown> = {}) => ({
  id: 'p1',
  exchange: 'orders',
  routingKeys: ['new'],
  ratePerSec: 200,
  messages: 600,
  reconnectDelayMs: 500,
  ...extra,
});
const con = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  queue: 'q',
  prefetch: 10,
  processingMs: { kind: 'fixed', ms: 4 },
  reconnectDelayMs: 500,
  ...extra,
});
const journal = (r: RunResult, kind: JournalEntry['kind'], reason?: string) =>
  r.record.journal.filter(
    (e) => e.kind === kind && (reason === undefined || e.data?.['reason'] === reason),
  );
const lost = (r: RunResult) => r.report.anomalies.filter((a) => a.kind === 'lost');
const dropReason = (a: { chain: JournalEntry[]; details: { dropEntry?: number } }) =>
  a.chain.find((e) => e.id === a.details.dropEntry)?.data?.['reason'];

describe('RabbitMQ model, as ground-truth.md states', () => {
  it('R1: autoAck + consumer crash loses what the consumer had been sent', () => {
    const r = runRabbit({
      durationMs: 6000,
      vhosts: [one()],
      publishers: [pub()],
      consumers: [
        con('c1', { autoAck: true, processingMs: { kind: 'fixed', ms: 15 } }),
        con('c2', { autoAck: true, processingMs: { kind: 'fixed', ms: 15 } }),
      ],
      faults: [
        { atMs: 2000, type: 'crash', node: 'c1', when: 'before-process' },
        { atMs: 3000, type: 'restart', node: 'c1' },
      ],
    });
    expect(r.report.unaccounted).toBe(0);
    expect(lost(r).length).toBeGreaterThan(5);
    for (const a of lost(r)) {
      expect(dropReason(a)).toBe('auto-ack-consumer-crash');
      expect(a.chain.some((e) => e.kind === 'crash' && e.node === 'c1')).toBe(true);
      expect(a.reason.en).toMatch(/autoAck/);
    }
  });

  it('R2: manual ack, crash after processing before basic.ack: duplicated with redelivered=true, at most prefetch', () => {
    const prefetch = 5;
    const r = runRabbit({
      durationMs: 5000,
      vhosts: [one()],
      publishers: [pub({ ratePerSec: 100, messages: 300 })],
      consumers: [con('c1', { prefetch }), con('c2', { prefetch })],
      faults: [
        { atMs: 1500, type: 'crash', node: 'c1', when: 'after-process' },
        { atMs: 2000, type: 'restart', node: 'c1' },
      ],
    });
    expect(r.report.counts.lost).toBe(0);
    const dups = r.report.anomalies.filter((a) => a.kind === 'duplicated');
    expect(dups.length).toBeGreaterThanOrEqual(1);
    expect(dups.length).toBeLessThanOrEqual(prefetch);
    for (const a of dups) expect(a.chain.some((e) => e.kind === 'requeue')).toBe(true);
    const d = dups[0];
    const flags = r.record.history.filter((o) => o.type === 'deliver' && o.msg === d?.msg);
    expect(flags.map((o) => o.type === 'deliver' && o.redelivered)).toEqual([false, true]);
  });

  it('R4: durable queue, persistent messages, confirms off, node crash before the batched fsync: lost, publisher cannot know', () => {
    const r = runRabbit({
      durationMs: 8000,
      vhosts: [one()],
      publishers: [pub({ ratePerSec: 400, messages: 2400, deliveryMode: 2 })],
      consumers: [con('c1', { prefetch: 20, processingMs: { kind: 'fixed', ms: 3 } })],
      faults: [
        { atMs: 3000, type: 'crash', node: 'rabbit-1' },
        { atMs: 3500, type: 'restart', node: 'rabbit-1' },
      ],
    });
    expect(r.report.unaccounted).toBe(0);
    const l = lost(r);
    expect(l.length).toBeGreaterThan(0);
    for (const a of l) {
      expect(a.details.producer?.result).toBe('sent');
      expect(['crash-unwritten', 'partition']).toContain(dropReason(a) ?? 'partition');
    }
    expect(l.some((a) => dropReason(a) === 'crash-unwritten')).toBe(true);
  });

  it('R5: the same crash with publisher confirms: no confirmed message is lost', () => {
    const r = runRabbit({
      durationMs: 10_000,
      vhosts: [one()],
      publishers: [
        pub({ ratePerSec: 400, messages: 2400, confirms: true, republishUnconfirmed: true }),
      ],
      consumers: [con('c1', { prefetch: 20, processingMs: { kind: 'fixed', ms: 2 } })],
      faults: [
        { atMs: 3000, type: 'crash', node: 'rabbit-1' },
        { atMs: 3500, type: 'restart', node: 'rabbit-1' },
      ],
    });
    expect(r.report.unaccounted).toBe(0);
    expect(r.report.counts.lost).toBe(0);
    // Some messages died unconfirmed: the mechanism (confirm after fsync) is what saved them.
    expect(journal(r, 'drop', 'crash-unwritten').length).toBeGreaterThan(0);
    expect(journal(r, 'fsync').length).toBeGreaterThan(0);
  });

  it('R6: confirms + republish on a lost confirm: duplicated, never lost', () => {
    const r = runRabbit({
      durationMs: 8000,
      vhosts: [one()],
      publishers: [
        pub({
          ratePerSec: 100,
          messages: 300,
          confirms: true,
          republishUnconfirmed: true,
          confirmTimeoutMs: 500,
        }),
      ],
      consumers: [con('c1')],
      faults: [
        { atMs: 1000, type: 'drop-next', from: 'rabbit-1', to: 'p1', match: 'confirm', count: 3 },
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
    }
  });

  it('R7: transient messages (deliveryMode 1) in a durable queue are discarded on restart', () => {
    const r = runRabbit({
      durationMs: 6000,
      vhosts: [one()],
      publishers: [pub({ deliveryMode: 1, confirms: true, messages: 400 })],
      consumers: [con('c1', { startMs: 4000 })],
      faults: [
        { atMs: 2500, type: 'crash', node: 'rabbit-1' },
        { atMs: 3000, type: 'restart', node: 'rabbit-1' },
      ],
    });
    expect(r.report.unaccounted).toBe(0);
    const l = lost(r);
    expect(l.length).toBeGreaterThan(100);
    expect(l.every((a) => dropReason(a) === 'crash-transient')).toBe(true);
    expect(l[0]?.reason.en).toMatch(/deliveryMode=1/);
  });

  it('R8: a non-durable queue is deleted on node boot, with its messages', () => {
    const r = runRabbit({
      durationMs: 6000,
      vhosts: [one({ durable: false })],
      publishers: [pub({ deliveryMode: 2, confirms: true, messages: 400 })],
      consumers: [con('c1', { startMs: 4000 })],
      faults: [
        { atMs: 2500, type: 'crash', node: 'rabbit-1' },
        { atMs: 3000, type: 'restart', node: 'rabbit-1' },
      ],
    });
    const l = lost(r);
    expect(l.length).toBeGreaterThan(100);
    expect(l.every((a) => dropReason(a) === 'queue-deleted')).toBe(true);
  });

  const mirrored = (promote: 'always' | 'when-synced') => ({
    durationMs: 20_000,
    cluster: { nodes: ['rabbit-1', 'rabbit-2'], netTicktimeMs: 4000 },
    vhosts: [one({ node: 'rabbit-1' })],
    policies: [
      {
        name: 'ha',
        pattern: '^q$',
        definition: { 'ha-mode': 'all', 'ha-promote-on-failure': promote },
      },
    ],
    publishers: [
      pub({
        ratePerSec: 100,
        messages: 800,
        confirms: true,
        node: 'rabbit-1',
        confirmTimeoutMs: 2000,
      }),
    ],
    // Nobody consumes until the end, so old messages keep the restarted mirror unsynchronised.
    consumers: [con('c1', { startMs: 15_000 })],
    faults: [
      { atMs: 1000, type: 'crash', node: 'rabbit-2' },
      { atMs: 1500, type: 'restart', node: 'rabbit-2' },
      { atMs: 3000, type: 'crash', node: 'rabbit-1' },
      { atMs: 12_000, type: 'restart', node: 'rabbit-1' },
    ],
  });

  it('R10: classic mirrored queue, ha-promote-on-failure=always: an unsynchronised mirror is promoted and confirmed messages are lost', () => {
    const r = runRabbit(mirrored('always'));
    expect(r.report.unaccounted).toBe(0);
    const l = lost(r);
    expect(l.length).toBeGreaterThan(50);
    for (const a of l) {
      expect(a.details.producer?.result).toBe('ack');
      expect(dropReason(a)).toBe('unsynchronised-mirror-promoted');
      expect(a.mechanisms).toEqual(['rabbit.mirror-promotion']);
      expect(a.reason.en).toMatch(/ha-promote-on-failure=when-synced/);
      expect(a.reason.zh).toMatch(/镜像/);
      expect(a.chain.some((e) => e.kind === 'promote' && e.node === 'rabbit-2')).toBe(true);
      expect(a.chain.some((e) => e.kind === 'crash' && e.node === 'rabbit-1')).toBe(true);
    }
  });

  it('R11: ha-promote-on-failure=when-synced: nothing confirmed is lost, the queue is unavailable until its leader returns', () => {
    const r = runRabbit(mirrored('when-synced'));
    expect(r.report.unaccounted).toBe(0);
    expect(r.report.counts.lost).toBe(0);
    expect(journal(r, 'promote').length).toBe(0);
    // While the leader was down, publishes could not be enqueued: nacked or timed out.
    const down = r.record.history.filter(
      (o) => o.type === 'outcome' && o.at > 3_000_000 && o.at < 12_000_000 && o.result === 'ack',
    );
    expect(down.length).toBe(0);
    // The leader came back with what it had on disk.
    expect(journal(r, 'recover').some((e) => e.node === 'rabbit-1')).toBe(true);
  });

  it('R15 (model): pause_minority, mirrored queue, confirms: a leader cut into the minority confirms, pauses, and loses those messages on heal', () => {
    // Jepsen (3.3) saw confirmed messages lost under pause_minority. In this model the mechanism
    // is: the leader confirms once the failure detector drops its unreachable mirrors, then it
    // pauses; the majority promotes a mirror without those messages; on heal the old leader
    // learns of the new one and discards its copy.
    const r = runRabbit({
      durationMs: 40_000,
      cluster: {
        nodes: ['rabbit-1', 'rabbit-2', 'rabbit-3'],
        partitionHandling: 'pause_minority',
        netTicktimeMs: 4000,
      },
      vhosts: [one({ node: 'rabbit-1' })],
      policies: [{ name: 'ha', pattern: '.*', definition: { 'ha-mode': 'all' } }],
      publishers: [
        pub({
          ratePerSec: 50,
          messages: 1500,
          confirms: true,
          node: 'rabbit-1',
          confirmTimeoutMs: 20_000,
        }),
      ],
      consumers: [con('c1', { startMs: 30_000 })],
      faults: [
        { atMs: 2000, type: 'split', sides: [['rabbit-1'], ['rabbit-2', 'rabbit-3']] },
        { atMs: 20_000, type: 'heal' },
      ],
    });
    expect(r.report.unaccounted).toBe(0);
    expect(
      journal(r, 'pause').some(
        (e) => e.node === 'rabbit-1' && e.data?.['reason'] === 'pause_minority',
      ),
    ).toBe(true);
    expect(journal(r, 'promote').some((e) => e.node !== 'rabbit-1')).toBe(true);
    const l = lost(r);
    expect(l.length).toBeGreaterThan(0);
    for (const a of l) {
      expect(a.details.producer?.result).toBe('ack');
      expect(dropReason(a)).toBe('partition-leader-replaced');
    }
  });

  describe('R16: a single-message queue as a mutex, under a partition', () => {
    // Jepsen 2014 (aphyr, "Call me maybe: RabbitMQ"): a queue holding one message is a lock; the
    // holder is whoever has the message delivered and unacked, and nack-with-requeue releases it.
    // Under a partition each side of a mirrored queue ends up with its own leader and its own copy,
    // so the message is delivered on both sides and two clients hold the lock at once.
    const HOLD_MS = 500;
    const mutex = (faults: unknown[]) =>
      runRabbit({
        durationMs: 30_000,
        cluster: {
          nodes: ['rabbit-1', 'rabbit-2', 'rabbit-3'],
          partitionHandling: 'ignore',
          netTicktimeMs: 4000,
        },
        vhosts: [{ queues: [{ name: 'lock', node: 'rabbit-1' }] }],
        policies: [{ name: 'ha', pattern: '.*', definition: { 'ha-mode': 'all' } }],
        publishers: [
          {
            id: 'init',
            node: 'rabbit-1',
            routingKeys: ['lock'],
            ratePerSec: 1,
            messages: 1,
            confirms: true,
          },
        ],
        // Each holder takes the lock (prefetch 1, manual ack), holds it, then releases it with
        // basic.nack requeue=true; it never acks, so the one message circulates for the whole run.
        consumers: ['rabbit-1', 'rabbit-2'].map((node, i) => ({
          id: `holder-${i + 1}`,
          node,
          queue: 'lock',
          prefetch: 1,
          processingMs: { kind: 'fixed', ms: HOLD_MS },
          failureRate: 1,
          onFailure: 'nack-requeue',
          reconnectDelayMs: 1000,
        })),
        faults,
      });
    /** Pairs of deliveries to different holders whose hold intervals overlap: two lock holders. */
    const twoHolders = (r: RunResult) => {
      const ds = r.record.history.filter((o) => o.type === 'deliver');
      const out: [number, number][] = [];
      for (const a of ds)
        for (const b of ds)
          if (a.consumer < b.consumer && Math.abs(a.at - b.at) < HOLD_MS * 1000)
            out.push([a.at, b.at]);
      return out;
    };

    it('without a partition the lock has one holder at a time', () => {
      const r = mutex([]);
      expect(r.record.history.filter((o) => o.type === 'deliver').length).toBeGreaterThan(10);
      expect(twoHolders(r)).toEqual([]);
    });

    it('R16: a partition gives each side its own copy: the message is delivered on both sides (two holders)', () => {
      const r = mutex([
        { atMs: 5000, type: 'split', sides: [['rabbit-1'], ['rabbit-2', 'rabbit-3']] },
        { atMs: 25_000, type: 'heal' },
      ]);
      const both = twoHolders(r);
      expect(both.length).toBeGreaterThan(0);
      // The reason: the majority side promoted its mirror to leader of `lock` while rabbit-1 still
      // led its own copy; the first double hold comes after that promotion.
      const promotion = journal(r, 'promote').find((e) => e.node !== 'rabbit-1');
      expect(promotion).toBeDefined();
      expect(Math.min(...both.map(([a, b]) => Math.max(a, b)))).toBeGreaterThanOrEqual(
        promotion?.at ?? Infinity,
      );
      // Both sides deliver the one message from their own leader while the split lasts: rabbit-1
      // to holder-1, the promoted rabbit-2 to holder-2.
      const during = journal(r, 'dispatch').filter(
        (e) => e.at >= (promotion?.at ?? Infinity) && e.at < 25_000_000,
      );
      const from = (node: string, consumer: string) =>
        during.some((e) => e.node === node && e.data?.['consumer'] === consumer);
      expect(from('rabbit-1', 'holder-1')).toBe(true);
      expect(from('rabbit-2', 'holder-2')).toBe(true);
      expect(new Set(during.flatMap((e) => e.msgs ?? [])).size).toBe(1);
      expect(r.report.anomalies.some((a) => a.kind === 'duplicated')).toBe(true);
    });
  });

  const quorum = (extra: Record<string, unknown>) => ({
    durationMs: 12_000,
    cluster: { nodes: ['rabbit-1', 'rabbit-2', 'rabbit-3'], netTicktimeMs: 4000 },
    vhosts: [one({ node: 'rabbit-1', arguments: { 'x-queue-type': 'quorum' } })],
    publishers: [
      pub({
        ratePerSec: 200,
        messages: 1600,
        confirms: true,
        republishUnconfirmed: true,
        node: 'rabbit-2',
        confirmTimeoutMs: 1000,
      }),
    ],
    consumers: [con('c1')],
    ...extra,
  });

  it('R17: quorum queue, confirms, manual ack: leader crash loses no confirmed message (duplicates allowed)', () => {
    const r = runRabbit(
      quorum({
        faults: [
          { atMs: 3000, type: 'crash', node: 'rabbit-1' },
          { atMs: 6000, type: 'restart', node: 'rabbit-1' },
        ],
      }),
    );
    expect(r.report.unaccounted).toBe(0);
    expect(r.report.counts.lost).toBe(0);
    expect(journal(r, 'promote').some((e) => e.node !== 'rabbit-1')).toBe(true);
    expect(journal(r, 'raft-commit').length).toBeGreaterThan(100);
  });

  it('R17: a partition isolating a minority member: the majority keeps going, nothing confirmed is lost', () => {
    const r = runRabbit(
      quorum({
        faults: [
          { atMs: 3000, type: 'split', sides: [['rabbit-1'], ['rabbit-2', 'rabbit-3']] },
          { atMs: 9000, type: 'heal' },
        ],
      }),
    );
    expect(r.report.unaccounted).toBe(0);
    expect(r.report.counts.lost).toBe(0);
    const commits = journal(r, 'raft-commit').filter((e) => e.at > 8_000_000);
    expect(commits.length).toBeGreaterThan(0);
    expect(commits.every((e) => e.node !== 'rabbit-1')).toBe(true);
  });

  it('R18: quorum queue with 2 of 3 members gone: unavailable (nothing commits), nothing confirmed is lost', () => {
    const r = runRabbit(
      quorum({
        publishers: [
          pub({
            ratePerSec: 200,
            messages: 1600,
            confirms: true,
            node: 'rabbit-1',
            confirmTimeoutMs: 1000,
          }),
        ],
        faults: [
          { atMs: 3000, type: 'crash', node: 'rabbit-2' },
          { atMs: 3000, type: 'crash', node: 'rabbit-3' },
        ],
      }),
    );
    expect(r.report.counts.lost).toBe(0);
    expect(journal(r, 'raft-commit').filter((e) => e.at > 3_100_000).length).toBe(0);
    const acks = r.record.history.filter(
      (o) => o.type === 'outcome' && o.result === 'ack' && o.at > 3_100_000,
    );
    expect(acks.length).toBe(0);
  });

  it('R19: quorum queue without confirms: a leader crash during publishing loses messages', () => {
    const r = runRabbit(
      quorum({
        // The publisher's node proxies to the leader over a slow link: publishes are in flight.
        network: { latency: { kind: 'fixed', ms: 20 } },
        publishers: [pub({ ratePerSec: 400, messages: 3200, confirms: false, node: 'rabbit-2' })],
        faults: [{ atMs: 3000, type: 'crash', node: 'rabbit-1' }],
      }),
    );
    expect(r.report.unaccounted).toBe(0);
    const l = lost(r);
    expect(l.length).toBeGreaterThan(0);
    for (const a of l) {
      expect(a.details.producer?.result).toBe('sent');
      expect(
        a.chain.some(
          (e) =>
            e.kind === 'crash' || (e.kind === 'net-drop' && e.data?.['reason'] === 'receiver-down'),
        ),
      ).toBe(true);
    }
  });

  it('R21: message TTL with a consumer down past it: expired, and dead-lettered when a DLX is set', () => {
    const doc = (dlx: boolean) => ({
      durationMs: 6000,
      vhosts: [
        {
          exchanges: [
            { name: 'orders', type: 'direct' },
            { name: 'dlx', type: 'fanout' },
          ],
          queues: [
            {
              name: 'q',
              arguments: {
                'x-message-ttl': 500,
                ...(dlx ? { 'x-dead-letter-exchange': 'dlx' } : {}),
              },
            },
            { name: 'dlq' },
          ],
          bindings: [
            { source: 'orders', destination: 'q', routingKey: 'new' },
            { source: 'dlx', destination: 'dlq' },
          ],
        },
      ],
      publishers: [pub({ ratePerSec: 100, messages: 200, confirms: true })],
      consumers: [con('c1', { startMs: 4000 }), { id: 'd1', queue: 'dlq' }],
    });
    const r = runRabbit(doc(false));
    expect(r.report.unaccounted).toBe(0);
    const l = lost(r).filter((a) => a.group === 'q');
    expect(l.length).toBeGreaterThan(100);
    for (const a of l) {
      expect(dropReason(a)).toBe('expired');
      expect(a.chain.some((e) => e.kind === 'expire')).toBe(true);
      expect(a.reason.en).toMatch(/x-message-ttl/);
      expect(a.reason.zh).toMatch(/过期/);
    }
    const withDlx = runRabbit(doc(true));
    expect(withDlx.report.unaccounted).toBe(0);
    // Dead-lettered is a fate of its own, not a loss (dlx.md): set aside, explained by its mechanism.
    expect(lost(withDlx).filter((a) => a.group === 'q')).toEqual([]);
    const lq = withDlx.report.setAside.filter((a) => a.group === 'q');
    expect(lq.length).toBeGreaterThan(100);
    expect(lq.every((a) => a.fate === 'dead-lettered')).toBe(true);
    expect(lq.every((a) => a.mechanisms.includes('rabbit.dead-lettered'))).toBe(true);
    expect(lq.every((a) => a.chain.some((e) => e.kind === 'dead-letter'))).toBe(true);
    // The dead-letter queue got them: none is lost there.
    const dlq = withDlx.report.groups.find((g) => g.group === 'dlq');
    expect(dlq?.fates.processed).toBe(journal(withDlx, 'dead-letter').length);
    expect(dlq?.fates.processed).toBeGreaterThanOrEqual(lq.length);
    expect(lost(withDlx).filter((a) => a.group === 'dlq').length).toBe(0);
  });
});
