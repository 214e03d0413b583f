/**
 * Queue lifecycle and publisher-side AMQP features of the RabbitMQ model: `x-expires`, exclusive
 * queues, `tx.rollback` and confirms with `multiple=true`. Each asserts the outcome and the
 * mechanism (journal entries, drop reasons, explanations).
 */
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../check/history';
import type { RunResult } from '../../run';
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
  ratePerSec: 100,
  messages: 300,
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
const delivered = (r: RunResult) =>
  new Set(r.record.history.flatMap((o) => (o.type === 'deliver' ? [o.msg] : [])));

describe('x-expires (queue TTL)', () => {
  it('an unused queue is deleted with its messages; a consumer redeclares it later', () => {
    const r = runRabbit({
      durationMs: 5000,
      vhosts: [one({ arguments: { 'x-expires': 1000 } })],
      publishers: [pub()],
      consumers: [con('c1', { startMs: 2000 })],
    });
    expect(r.report.unaccounted).toBe(0);
    const del = journal(r, 'expire').filter((e) => e.data?.['deleted'] === 'queue-expired');
    expect(del.length).toBe(1);
    expect(del[0]?.at).toBe(1_000_000);
    const l = lost(r);
    // Published before the deletion (~100) and between it and the redeclare at 2 s (~100).
    expect(l.length).toBeGreaterThan(150);
    expect(l.every((a) => dropReason(a) === 'queue-expired')).toBe(true);
    expect(l[0]?.reason.en).toMatch(/x-expires/);
    expect(l[0]?.reason.zh).toMatch(/x-expires/);
    // After the redeclare the queue works again.
    expect(delivered(r).size).toBeGreaterThan(80);
  });

  it('a queue with a consumer attached does not expire', () => {
    const r = runRabbit({
      durationMs: 4000,
      vhosts: [one({ arguments: { 'x-expires': 500 } })],
      publishers: [pub()],
      consumers: [con('c1')],
    });
    expect(r.report.unaccounted).toBe(0);
    expect(journal(r, 'drop', 'queue-expired')).toEqual([]);
    expect(lost(r)).toEqual([]);
  });

  it('basic.get counts as use', () => {
    const r = runRabbit({
      durationMs: 4000,
      vhosts: [one({ arguments: { 'x-expires': 500 } })],
      publishers: [pub()],
      consumers: [con('c1', { mode: 'get', pollMs: 100 })],
    });
    expect(journal(r, 'drop', 'queue-expired')).toEqual([]);
  });
});

describe('exclusive queues', () => {
  it('only the declaring connection consumes; its close deletes the queue and its messages', () => {
    const r = runRabbit({
      durationMs: 5000,
      vhosts: [one({ exclusive: true, durable: false })],
      publishers: [pub()],
      consumers: [
        con('c1', { processingMs: { kind: 'fixed', ms: 30 } }),
        con('c2', { startMs: 200, reconnectDelayMs: 1000 }),
      ],
      faults: [
        { atMs: 1500, type: 'crash', node: 'c1', when: 'before-process' },
        { atMs: 4000, type: 'restart', node: 'c1' },
      ],
    });
    expect(r.report.unaccounted).toBe(0);
    // c2 was refused while c1 owned the queue.
    const locked = journal(r, 'reject', 'resource-locked');
    expect(locked.length).toBeGreaterThan(0);
    // c2 while c1 held it; c1 once c2 had redeclared it after c1's connection closed.
    expect(locked.some((e) => e.data?.['consumer'] === 'c2')).toBe(true);
    for (const e of locked)
      if (e.data?.['consumer'] === 'c2') expect(e.at).toBeLessThan(1_600_000);
      else expect(e.at).toBeGreaterThanOrEqual(4_000_000);
    const deleted = journal(r, 'expire').filter(
      (e) => e.data?.['deleted'] === 'exclusive-queue-deleted',
    );
    expect(deleted.length).toBeGreaterThanOrEqual(1);
    const l = lost(r);
    expect(l.length).toBeGreaterThan(10);
    expect(l.every((a) => dropReason(a) === 'exclusive-queue-deleted')).toBe(true);
    expect(l[0]?.reason.en).toMatch(/exclusive/);
    expect(l[0]?.reason.zh).toMatch(/排他/);
    // c2 redeclared it after c1's connection closed and consumed from then on.
    const c2 = r.record.history.filter((o) => o.type === 'deliver' && o.consumer === 'c2');
    expect(c2.length).toBeGreaterThan(50);
    expect(c2.every((o) => o.at > 1_500_000)).toBe(true);
  });
});

describe('exclusive queues and basic.get', () => {
  it("another connection's basic.get is refused with RESOURCE_LOCKED", () => {
    const r = runRabbit({
      durationMs: 3000,
      vhosts: [one({ exclusive: true, durable: false })],
      publishers: [pub()],
      consumers: [
        con('c1'),
        con('g1', { mode: 'get', pollMs: 50, startMs: 200, reconnectDelayMs: 200 }),
      ],
    });
    expect(r.report.unaccounted).toBe(0);
    const locked = journal(r, 'reject', 'resource-locked');
    expect(locked.length).toBeGreaterThan(3);
    expect(
      locked.every((e) => e.data?.['consumer'] === 'g1' && e.data?.['method'] === 'basic.get'),
    ).toBe(true);
    // g1 never got a message; c1 got them all.
    const got = r.record.history.filter((o) => o.type === 'deliver');
    expect(got.some((o) => o.type === 'deliver' && o.consumer === 'g1')).toBe(false);
    expect(new Set(got.map((o) => (o.type === 'deliver' ? o.msg : ''))).size).toBe(300);
  });
});

describe('auto-delete queues', () => {
  it('the last consumer leaving deletes the queue; later publishes are unroutable', () => {
    const r = runRabbit({
      durationMs: 5000,
      vhosts: [one({ autoDelete: true, durable: false })],
      publishers: [pub({ mandatory: true, messages: 1000 })],
      consumers: [con('c1', { processingMs: { kind: 'fixed', ms: 30 } })],
      faults: [
        { atMs: 1500, type: 'crash', node: 'c1', when: 'before-process' },
        { atMs: 4000, type: 'restart', node: 'c1' },
      ],
    });
    expect(r.report.unaccounted).toBe(0);
    const deleted = journal(r, 'expire').filter((e) => e.data?.['deleted'] === 'auto-delete');
    expect(deleted.length).toBe(1);
    const at = deleted[0]!.at;
    expect(at).toBeGreaterThanOrEqual(1_500_000);
    expect(at).toBeLessThan(1_600_000);
    // The backlog (and c1's requeued unacked deliveries) went with the queue.
    const drops = journal(r, 'drop', 'auto-delete');
    expect(drops.length).toBeGreaterThan(0);
    expect(drops.every((e) => e.data?.['queue'] === 'q')).toBe(true);
    const l = lost(r);
    expect(l.length).toBeGreaterThan(10);
    const byDelete = l.filter((a) => dropReason(a) === 'auto-delete');
    expect(byDelete.length).toBeGreaterThan(10);
    // The rest were published after the deletion: unroutable (returned, not republished).
    expect(l.every((a) => ['auto-delete', 'unroutable'].includes(String(dropReason(a))))).toBe(
      true,
    );
    expect(byDelete[0]?.reason.en).toMatch(/auto-delete/);
    expect(byDelete[0]?.mechanisms).toEqual(['rabbit.auto-delete']);
    expect(byDelete[0]?.reason.zh).toMatch(/自动删除/);
    // Until c1 redeclares it, publishes find no binding: unroutable, returned (mandatory).
    const unroutable = journal(r, 'drop', 'unroutable');
    expect(unroutable.length).toBeGreaterThan(100);
    expect(unroutable.every((e) => e.at > at && e.at < 4_100_000)).toBe(true);
    expect(journal(r, 'return').length).toBe(unroutable.length);
    expect(journal(r, 'enqueue').filter((e) => e.at > at + 1000 && e.at < 4_000_000)).toEqual([]);
    // After the redeclare the queue works again.
    const c1 = r.record.history.filter((o) => o.type === 'deliver' && o.at > 4_000_000);
    expect(c1.length).toBeGreaterThan(10);
  });

  it('a queue that never had a consumer is not auto-deleted', () => {
    const r = runRabbit({
      durationMs: 3000,
      vhosts: [one({ autoDelete: true })],
      publishers: [pub()],
      consumers: [con('c1', { startMs: 2000 })],
    });
    expect(r.report.unaccounted).toBe(0);
    expect(journal(r, 'expire')).toEqual([]);
    expect(lost(r)).toEqual([]);
  });
});

describe('tx.rollback', () => {
  it('rolled-back publishes are never routed and count as never accepted', () => {
    const r = runRabbit({
      durationMs: 5000,
      vhosts: [one()],
      publishers: [pub({ tx: true, txBatch: 5, txRollbackEvery: 3 })],
      consumers: [con('c1')],
    });
    expect(r.report.unaccounted).toBe(0);
    expect(r.report.counts.lost).toBe(0);
    expect(r.report.counts.unexpected).toBe(0);
    const aborted = new Set(journal(r, 'txn-abort').flatMap((e) => [...(e.msgs ?? [])]));
    // 60 transactions of 5, every third rolled back: 20 x 5 messages (client and broker entries).
    expect(aborted.size).toBe(100);
    const failed = r.record.history.filter(
      (o) => o.type === 'outcome' && o.error === 'tx-rollback' && o.definite,
    );
    expect(failed.length).toBe(100);
    const got = delivered(r);
    for (const m of aborted) expect(got.has(m)).toBe(false);
    expect(got.size).toBe(200);
    expect(r.report.groups.find((g) => g.group === 'q')?.fates['never-accepted']).toBe(100);
  });
});

describe('publisher confirms with multiple=true', () => {
  it('one fsync confirms several tags in one basic.ack; the client settles them all', () => {
    const r = runRabbit({
      durationMs: 4000,
      vhosts: [one()],
      publishers: [pub({ ratePerSec: 400, messages: 800, confirms: true })],
      consumers: [con('c1', { startMs: 3000 })],
    });
    expect(r.report.unaccounted).toBe(0);
    const multi = journal(r, 'confirm-sent').filter((e) => e.data?.['multiple'] === true);
    expect(multi.length).toBeGreaterThan(10);
    expect(multi.some((e) => (e.msgs?.length ?? 0) >= 5)).toBe(true);
    const acks = r.record.history.filter((o) => o.type === 'outcome' && o.result === 'ack');
    expect(acks.length).toBe(800);
    expect(r.report.counts.lost).toBe(0);
  });

  it('a lost multiple ack loses several confirms; the republished copies are explained by it', () => {
    const r = runRabbit({
      durationMs: 6000,
      vhosts: [one()],
      publishers: [
        pub({
          ratePerSec: 400,
          messages: 40,
          confirms: true,
          republishUnconfirmed: true,
          confirmTimeoutMs: 500,
        }),
      ],
      consumers: [con('c1', { startMs: 3000 })],
      faults: [
        // The last fsync batch's confirm: nothing later covers it, so its messages time out.
        { atMs: 95, type: 'drop-next', from: 'rabbit-1', to: 'p1', match: 'confirm', count: 1 },
      ],
    });
    expect(r.report.unaccounted).toBe(0);
    expect(r.report.counts.lost).toBe(0);
    const drops = r.record.journal.filter(
      (e) => e.kind === 'net-drop' && e.data?.['type'] === 'confirm',
    );
    expect(drops.length).toBe(1);
    const lostIds = new Set(drops[0]?.msgs ?? []);
    expect(lostIds.size).toBeGreaterThan(1);
    const dups = r.report.anomalies.filter((a) => a.kind === 'duplicated');
    expect(dups.length).toBe(lostIds.size);
    for (const a of dups) {
      expect(lostIds.has(a.msg)).toBe(true);
      expect(a.chain.some((e) => e.id === drops[0]?.id)).toBe(true);
      expect(a.reason.en).toMatch(/network dropped the publisher confirm/);
    }
  });
});

describe('consumer-side proxying in a classic cluster', () => {
  const cluster = { nodes: ['rabbit-1', 'rabbit-2'], netTicktimeMs: 1000 };
  const topo = one({ node: 'rabbit-1' });

  it('a consumer attached to a non-owner node receives deliveries forwarded from the owner', () => {
    const r = runRabbit({
      durationMs: 4000,
      cluster,
      vhosts: [topo],
      publishers: [pub({ node: 'rabbit-1' })],
      consumers: [con('c1', { node: 'rabbit-2' })],
    });
    expect(r.report.unaccounted).toBe(0);
    expect(r.report.counts.lost).toBe(0);
    expect(delivered(r).size).toBe(300);
    // The owner dispatches; the consumer's connection is to rabbit-2.
    const dispatch = journal(r, 'dispatch');
    expect(dispatch.length).toBe(300);
    expect(dispatch.every((e) => e.node === 'rabbit-1' && e.data?.['consumer'] === 'c1')).toBe(
      true,
    );
    const acks = r.record.history.filter((o) => o.type === 'commit' && o.consumer === 'c1');
    expect(acks.length).toBe(300);
    expect(journal(r, 'remove', 'ack').every((e) => e.node === 'rabbit-1')).toBe(true);
    expect(journal(r, 'remove', 'ack').length).toBe(300);
  });

  it('the proxying node crashing requeues what it had in flight; nothing is lost', () => {
    const r = runRabbit({
      durationMs: 6000,
      cluster,
      vhosts: [topo],
      publishers: [pub({ node: 'rabbit-1' })],
      consumers: [con('c1', { node: 'rabbit-2', processingMs: { kind: 'fixed', ms: 8 } })],
      faults: [
        { atMs: 1000, type: 'crash', node: 'rabbit-2' },
        { atMs: 2000, type: 'restart', node: 'rabbit-2' },
      ],
    });
    expect(r.report.unaccounted).toBe(0);
    expect(r.report.counts.lost).toBe(0);
    const requeued = journal(r, 'requeue', 'proxy-node-down');
    expect(requeued.length).toBe(1);
    expect(requeued[0]?.node).toBe('rabbit-1');
    expect(delivered(r).size).toBe(300);
  });
});
