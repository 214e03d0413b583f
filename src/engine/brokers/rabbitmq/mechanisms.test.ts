/**
 * The AMQP models record the mechanism of every act that loses, repeats or sets a message aside,
 * with typed links to the entries that made it act (BRIEF "The mechanism design"). For every
 * RabbitMQ and single-node preset: each drop, requeue, republish, dead letter and redelivering
 * recovery has a mechanism, and each link points at the right kind of entry (a republish's dropped
 * confirm is broker -> producer confirm traffic, never a consumer's basic.ack). Plus the
 * bookkeeping bugs the teaching audit found ("Also found").
 */
import { describe, expect, it } from 'vitest';
import type { CauseRole, JournalEntry, JournalKind, MechanismId } from '../../check/history';
import { parseScenario } from '../../../scenario/load';
import { PRESET_DOCUMENTS } from '../../../scenario/presets';
import { runScenario, type RunResult } from '../../run';
import { runRabbit } from './testing';

const runs: { name: string; r: RunResult }[] = [];
for (const doc of PRESET_DOCUMENTS) {
  const p = parseScenario(doc);
  if (!p.ok) throw new Error('bad preset');
  if (p.value.system === 'kafka') continue;
  runs.push({ name: p.value.name, r: runScenario(p.value) });
}

/** Entry kinds that must say which mechanism acted. */
const ACTS: ReadonlySet<JournalKind> = new Set(['drop', 'requeue', 'dead-letter', 'recover']);

function needsMech(e: JournalEntry): boolean {
  if (e.kind === 'publish-retry') return true;
  // A restart's recovery of messages that were never delivered is no anomaly: nothing acted.
  if (e.kind === 'recover') return e.data?.['delivered'] !== false && (e.msgs?.length ?? 0) > 0;
  return ACTS.has(e.kind);
}

const STOPS: readonly JournalKind[] = ['crash', 'power-loss'];
const FAULTS: readonly JournalKind[] = [...STOPS, 'pause', 'partition'];

/** For each mechanism: which kinds each link role may point at. */
const LINK_KINDS: Partial<Record<MechanismId, Partial<Record<CauseRole, readonly JournalKind[]>>>> =
  {
    'rabbit.requeue': {
      fault: FAULTS,
      'connection-close': ['fault-armed'],
      network: ['net-drop'],
      restart: ['restart'],
    },
    'rabbit.nack-requeue': { commit: ['nack-sent'] },
    'rabbit.lost-confirm-republish': {
      attempt: ['publish', 'publish-retry', 'reject'],
      timeout: ['confirm-timeout'],
      'connection-close': ['confirm-timeout'],
      network: ['net-drop'],
    },
    'rabbit.mirror-promotion-requeue': { election: ['promote'], fault: FAULTS },
    'rabbit.mirror-promotion': { election: ['promote'], fault: FAULTS },
    'rabbit.quorum-uncommitted': { election: ['promote'], fault: FAULTS },
    'rabbit.partition-discard': { election: ['promote'] },
    'rabbit.dead-lettered': { policy: ['expire', 'overflow', 'drop', 'reject'] },
    'rabbit.expired': { policy: ['expire'] },
    'rabbit.overflow': { policy: ['overflow'] },
    'rabbit.overflow-reject-publish': { policy: ['overflow'] },
    'rabbit.queue-down': { fault: FAULTS },
    'rabbit.node-paused': { fault: ['pause'] },
    'rabbit.ack-not-persisted': { fault: STOPS, restart: ['restart'] },
    'storage.crash-before-write': { fault: STOPS, restart: ['restart'] },
    'storage.page-cache-lost': { fault: STOPS, restart: ['restart'] },
    'amqp.transient-message': { fault: STOPS, restart: ['restart'] },
    'amqp.non-durable-queue': { fault: STOPS, restart: ['restart'] },
    'amqp.autoack-crash': { fault: STOPS },
    'net.receiver-down': { fault: STOPS },
    'rabbit.confirm-after-fsync': { earlier: ['fsync', 'raft-commit'] },
  };

describe('every RabbitMQ and single-node preset records its mechanisms', () => {
  it('runs the presets (RabbitMQ and single-node)', () => {
    expect(runs.filter((x) => x.name.startsWith('rabbitmq-')).length).toBe(15);
    expect(runs.length).toBeGreaterThan(15);
  });

  for (const { name, r } of runs) {
    it(`${name}: every drop, requeue, republish, dead letter and redelivery has a mechanism whose links fit`, () => {
      const byId = new Map(r.record.journal.map((e) => [e.id, e]));
      const missing = r.record.journal
        .filter((e) => needsMech(e) && e.mech === undefined)
        .map((e) => `${e.id} ${e.kind} ${JSON.stringify(e.data)}`);
      expect(missing).toEqual([]);
      const wrong: string[] = [];
      for (const e of r.record.journal) {
        if (e.mech === undefined) continue;
        const allowed = LINK_KINDS[e.mech];
        for (const l of e.links ?? []) {
          const target = byId.get(l.id);
          const kinds = allowed?.[l.role];
          if (!target || target.id >= e.id) wrong.push(`${e.id}: ${l.role} -> missing ${l.id}`);
          else if (kinds && !kinds.includes(target.kind))
            wrong.push(`${e.id} ${e.mech}: ${l.role} -> ${target.kind}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }
});

const entries = (r: RunResult, mech: MechanismId) =>
  r.record.journal.filter((e) => e.mech === mech);
const linked = (r: RunResult, e: JournalEntry, role: CauseRole) =>
  (e.links ?? [])
    .filter((l) => l.role === role)
    .map((l) => r.record.journal.find((x) => x.id === l.id) as JournalEntry);
const run = (name: string) => runs.find((x) => x.name === name)?.r as RunResult;

describe('the links tell the story', () => {
  it("a republish after a dropped confirm links that drop (broker -> producer confirm traffic), never a consumer's ack", () => {
    for (const name of ['rabbitmq-b2-tx-vs-confirms', 'lost-confirm-republish']) {
      const r = run(name);
      const re = entries(r, 'rabbit.lost-confirm-republish');
      expect(re.length).toBeGreaterThan(0);
      const nets = re.flatMap((e) => linked(r, e, 'network'));
      expect(nets.length).toBe(re.length);
      for (const [i, e] of re.entries()) {
        const n = nets[i] as JournalEntry;
        expect(n.node.endsWith(`->${e.node}`)).toBe(true);
        expect(n.data?.['type']).toBe('confirm');
        expect(n.msgs).toContain(e.msgs?.[0]);
        const attempt = linked(r, e, 'attempt')[0];
        expect(attempt?.msgs).toContain(e.msgs?.[0]);
        expect(linked(r, e, 'timeout')[0]?.kind).toBe('confirm-timeout');
      }
    }
  });

  it('E1: a republish after the crash links the connection loss, and no network drop', () => {
    const r = run('rabbitmq-e1-single-node');
    const re = entries(r, 'rabbit.lost-confirm-republish');
    expect(re.length).toBeGreaterThan(0);
    expect(re.every((e) => linked(r, e, 'network').length === 0)).toBe(true);
  });

  it('E3: the failover shows: the promotion requeues the deliveries the crashed leader had made', () => {
    const r = run('rabbitmq-e3-mirrored');
    const rq = entries(r, 'rabbit.mirror-promotion-requeue');
    expect(rq.length).toBe(1);
    const e = rq[0] as JournalEntry;
    expect(linked(r, e, 'election')[0]?.kind).toBe('promote');
    expect(linked(r, e, 'fault')[0]).toMatchObject({ kind: 'crash', node: 'rabbit-1' });
    // The duplicate the run shows is one of the messages it requeued.
    const dups = r.report.anomalies.filter((a) => a.kind === 'duplicated').map((a) => a.msg);
    expect(dups.length).toBeGreaterThan(0);
    for (const m of dups) expect(e.msgs).toContain(m);
  });

  it('B4: the requeue on the crashed consumer’s connection close links that crash', () => {
    const r = run('rabbitmq-b4-autoack-vs-manual');
    const rq = entries(r, 'rabbit.requeue').filter((e) => e.kind === 'requeue');
    expect(rq.length).toBeGreaterThan(0);
    for (const e of rq) {
      const f = linked(r, e, 'fault')[0];
      expect(f?.kind).toBe('crash');
      expect(f?.node).toBe(e.data?.['consumer']);
    }
  });

  it('F2: every dead letter links the expiry that made it', () => {
    const r = run('rabbitmq-f2-ttl-dlx');
    const dl = entries(r, 'rabbit.dead-lettered');
    expect(dl.length).toBeGreaterThan(100);
    for (const e of dl) {
      const p = linked(r, e, 'policy')[0];
      expect(p?.kind).toBe('expire');
      expect(p?.msgs).toEqual(e.msgs);
    }
  });

  it('E2: the proxy hop to the queue owner is routing, not a republish', () => {
    const r = run('rabbitmq-e2-classic-cluster');
    const hops = r.record.journal.filter((e) => e.kind === 'route' && e.data?.['forward'] === true);
    expect(hops.length).toBeGreaterThan(100);
    expect(hops.every((e) => e.mech === undefined && e.node === 'rabbit-1')).toBe(true);
    const re = r.record.journal.filter((e) => e.kind === 'publish-retry');
    expect(re.every((e) => e.node === 'shop')).toBe(true);
  });
});

describe('a confirm that waited for the disk says so', () => {
  /** A 3-node cluster: the publisher on rabbit-2, the queue owned by rabbit-1 (proxied). */
  const cluster = (queue: Record<string, unknown>, deliveryMode: 1 | 2) =>
    runRabbit({
      seed: 3,
      durationMs: 3000,
      cluster: { nodes: ['rabbit-1', 'rabbit-2', 'rabbit-3'] },
      vhosts: [{ queues: [{ name: 'q', node: 'rabbit-1', ...queue }] }],
      publishers: [
        {
          id: 'p0',
          node: 'rabbit-2',
          routingKeys: ['q'],
          ratePerSec: 50,
          messages: 40,
          confirms: true,
          deliveryMode,
        },
      ],
      consumers: [{ id: 'c0', queue: 'q', startMs: 2000 }],
    });
  const confirms = (r: RunResult) =>
    r.record.journal.filter((e) => e.kind === 'confirm-sent' && e.data?.['ok'] !== false);

  it('a persistent message in a durable classic queue, proxied to its owner: the confirm links the owner’s fsync of it', () => {
    const r = cluster({}, 2);
    const cs = confirms(r);
    expect(cs.length).toBeGreaterThan(0);
    for (const c of cs) {
      expect(c.mech).toBe('rabbit.confirm-after-fsync');
      const fsyncs = linked(r, c, 'earlier');
      expect(fsyncs.length).toBeGreaterThan(0);
      for (const f of fsyncs) {
        expect(f.kind).toBe('fsync');
        // The owner wrote the message and synced it; the confirm comes from the proxying node.
        expect(f.node).toBe('rabbit-1');
        expect(c.node).toBe('rabbit-2');
        const write = r.record.journal.find(
          (w) =>
            w.kind === 'write' &&
            w.node === 'rabbit-1' &&
            w.id < f.id &&
            (w.msgs ?? []).some((m) => c.msgs?.includes(m)),
        );
        expect(write).toBeDefined();
      }
    }
  });

  it('a transient message (deliveryMode 1) is confirmed without waiting for the disk: no such mechanism', () => {
    const r = cluster({}, 1);
    expect(confirms(r).length).toBeGreaterThan(0);
    expect(entries(r, 'rabbit.confirm-after-fsync')).toEqual([]);
  });

  it('a quorum queue: the confirm links the commit (a majority fsynced the entry)', () => {
    const r = cluster({ arguments: { 'x-queue-type': 'quorum' } }, 2);
    const cs = confirms(r);
    expect(cs.length).toBeGreaterThan(0);
    for (const c of cs) {
      expect(c.mech).toBe('rabbit.confirm-after-fsync');
      const commits = linked(r, c, 'earlier');
      expect(commits.map((e) => e.kind)).toEqual(commits.map(() => 'raft-commit'));
      expect(commits.some((e) => e.msgs?.some((m) => c.msgs?.includes(m)))).toBe(true);
    }
  });
});

describe('bookkeeping the audit found wrong', () => {
  it('older messages dead-lettered into a full queue while a publish is handled do not nack that publish', () => {
    const r = runRabbit({
      durationMs: 3000,
      vhosts: [
        {
          exchanges: [{ name: 'dlx', type: 'fanout' }],
          queues: [
            {
              name: 'work',
              arguments: { 'x-message-ttl': 50, 'x-dead-letter-exchange': 'dlx' },
            },
            { name: 'parked', arguments: { 'x-max-length': 5, 'x-overflow': 'reject-publish' } },
          ],
          bindings: [{ source: 'dlx', destination: 'parked' }],
        },
      ],
      publishers: [
        { id: 'p1', routingKeys: ['work'], ratePerSec: 100, messages: 200, confirms: true },
      ],
      consumers: [{ id: 'late', queue: 'parked', startMs: 2500 }],
    });
    // Dead letters past the 5th are refused by `parked` ...
    const refused = r.record.journal.filter(
      (e) => e.kind === 'reject' && e.data?.['reason'] === 'overflow-reject-publish',
    );
    expect(refused.length).toBeGreaterThan(100);
    // ... and the publishes that were stored in `work` are all confirmed with basic.ack.
    const outcomes = r.record.history.filter((o) => o.type === 'outcome');
    expect(outcomes.length).toBe(200);
    expect(outcomes.every((o) => o.type === 'outcome' && o.result === 'ack')).toBe(true);
  });

  it('autoheal does not restart a node that sees a crashed peer come back', () => {
    // Two nodes, every client on rabbit-1. When rabbit-1 returns from a plain crash, rabbit-2
    // must not treat it as a healed partition: by autoheal's rule (equal clients, equal sides,
    // rabbit-1 first by name) it would lose and restart.
    const r = runRabbit({
      durationMs: 20_000,
      cluster: {
        nodes: ['rabbit-1', 'rabbit-2'],
        partitionHandling: 'autoheal',
        netTicktimeMs: 4000,
      },
      vhosts: [{ queues: [{ name: 'q', node: 'rabbit-1' }] }],
      publishers: [{ id: 'p1', node: 'rabbit-1', routingKeys: ['q'], ratePerSec: 20 }],
      consumers: [{ id: 'c1', queue: 'q', node: 'rabbit-1' }],
      faults: [
        { atMs: 3000, type: 'crash', node: 'rabbit-1' },
        { atMs: 6000, type: 'restart', node: 'rabbit-1' },
      ],
    });
    const crashes = r.record.journal.filter((e) => e.kind === 'crash');
    expect(crashes.map((e) => e.node)).toEqual(['rabbit-1']);
    expect(
      r.record.journal.some((e) => e.kind === 'partition' && e.data?.['autoheal'] === 'restart'),
    ).toBe(false);
  });
});
