/**
 * The Kafka model records the mechanism at every site where one acts (BRIEF: the recording map):
 * each drop, requeue and non-idempotent retry carries a mechanism id and typed links to the
 * entries that made it act, and each link points at the right kind of entry.
 */
import { describe, expect, it } from 'vitest';
import type { JournalEntry, JournalKind, MechanismId } from '../../check/history';
import type { CauseRole } from '../../check/mechanism-ids';
import type { RunResult } from '../../run';
import { KAFKA_PRESET_DOCUMENTS } from '../../../scenario/presets/kafka';
import { idempotenceOf } from '../../../scenario/systems/kafka';
import { kafkaDoc, run, scenario, type Doc } from './testing';

const STOP: readonly JournalKind[] = ['crash', 'power-loss'];
const SUPERSEDED = {
  required: ['election', 'earlier'],
  kinds: {
    election: ['leader-elected'],
    // A crash, or the pause that got a leader replaced before it appended (a stale leader).
    fault: [...STOP, 'pause'],
    ack: ['confirm-sent'],
    'isr-shrink': ['isr-shrink'],
    earlier: ['append'],
  },
} as const;

/** Per mechanism: the link roles it must have, and the kinds each role may point at. */
const EXPECT: Partial<
  Record<
    MechanismId,
    {
      required: readonly CauseRole[];
      kinds: Partial<Record<CauseRole, readonly JournalKind[]>>;
    }
  >
> = {
  'kafka.acks0-leader-crash': SUPERSEDED,
  'kafka.acks1-leader-crash': SUPERSEDED,
  'kafka.isr-shrunk-to-leader': SUPERSEDED,
  'kafka.unclean-election': SUPERSEDED,
  'storage.page-cache-lost': {
    required: ['fault'],
    kinds: { fault: ['power-loss'], earlier: ['append'] },
  },
  'kafka.commit-before-process': {
    required: ['commit', 'fault'],
    kinds: { commit: ['ack-sent'], fault: STOP },
  },
  'kafka.autocommit-ahead': {
    required: ['commit', 'fault'],
    kinds: { commit: ['ack-sent'], fault: STOP },
  },
  'kafka.auto-offset-reset': {
    required: ['rebalance'],
    kinds: { rebalance: ['assign'], policy: ['assign'] },
  },
  'kafka.retention': { required: [], kinds: {} },
  'kafka.txn-aborted': {
    required: ['transaction'],
    kinds: { transaction: ['txn-abort', 'fence'] },
  },
  'client.producer-crash-unsent': { required: ['fault'], kinds: { fault: STOP } },
  'kafka.retry-without-idempotence': {
    required: ['attempt'],
    kinds: {
      attempt: ['publish', 'publish-retry'],
      network: ['net-drop', 'net-delay'],
      timeout: ['confirm-timeout'],
    },
  },
  'kafka.uncommitted-redelivery': {
    required: [],
    kinds: { fault: STOP, rebalance: ['assign'], commit: ['offset-commit'] },
  },
};

/** Checks every drop, requeue and retry of a run; returns the mechanism ids seen. */
function checkRun(r: RunResult, idempotent: ReadonlySet<string>): Set<MechanismId> {
  const byId = new Map<number, JournalEntry>(r.record.journal.map((e) => [e.id, e]));
  const seen = new Set<MechanismId>();
  for (const e of r.record.journal) {
    const acts = e.kind === 'drop' || e.kind === 'requeue' || e.kind === 'publish-retry';
    if (!acts) continue;
    // An idempotent retry is harmless (the broker's dedup entry carries the mechanism), unless
    // the leader had lost the producer's sequence state and refused the first attempt.
    if (e.kind === 'publish-retry' && idempotent.has(e.node)) {
      if (e.mech !== undefined) {
        expect(e.mech).toBe('kafka.sequence-reset');
        expect(e.links?.some((l) => l.role === 'policy')).toBe(true);
      }
      continue;
    }
    const where = `${e.kind} #${e.id} ${JSON.stringify(e.data)}`;
    expect(e.mech, where).toBeDefined();
    const mech = e.mech as MechanismId;
    seen.add(mech);
    const spec = EXPECT[mech];
    expect(spec, `${where}: ${mech} is not a Kafka mechanism this test knows`).toBeDefined();
    if (!spec) continue;
    const links = e.links ?? [];
    for (const role of spec.required)
      expect(
        links.some((l) => l.role === role),
        `${where}: ${mech} needs a ${role} link`,
      ).toBe(true);
    for (const l of links) {
      const target = byId.get(l.id);
      expect(target, `${where}: link ${l.role} -> #${l.id}`).toBeDefined();
      expect((target as JournalEntry).id).toBeLessThan(e.id);
      const kinds = spec.kinds[l.role];
      expect(kinds, `${where}: unexpected ${l.role} link for ${mech}`).toBeDefined();
      expect(kinds).toContain((target as JournalEntry).kind);
    }
    // A superseded record's crash link is the crash of the node that held it, of the old leader,
    // or the power loss of the new leader (whose log lost it).
    const fault = links.find((l) => l.role === 'fault');
    const election = byId.get(links.find((l) => l.role === 'election')?.id ?? -1);
    if (spec === SUPERSEDED && fault) {
      const crash = byId.get(fault.id) as JournalEntry;
      const leader = String(election?.data?.['leader']);
      expect([e.node, String(election?.data?.['previous']), leader]).toContain(crash.node);
      if (crash.node === leader && crash.node !== e.node) expect(crash.kind).toBe('power-loss');
      if (crash.kind === 'pause') expect(e.data?.['stale']).toBe(true);
    }
  }
  return seen;
}

function idempotentProducers(d: Doc): Set<string> {
  const s = scenario(d);
  if (s.system !== 'kafka') throw new Error('not a Kafka scenario');
  return new Set(s.producers.filter((p) => idempotenceOf(p)).map((p) => p.id));
}

describe('Kafka mechanisms are recorded where they act', () => {
  it('every drop, requeue and retry of every Kafka preset has a mechanism and well-typed links', () => {
    const all = new Set<MechanismId>();
    for (const d of KAFKA_PRESET_DOCUMENTS as Doc[]) {
      const r = run(d);
      for (const m of checkRun(r, idempotentProducers(d))) all.add(m);
    }
    // The presets demonstrate these (their texts say so): the checks above ran on real entries.
    for (const m of [
      'kafka.acks1-leader-crash',
      'kafka.retry-without-idempotence',
      'kafka.uncommitted-redelivery',
      'kafka.txn-aborted',
    ] as const)
      expect([...all]).toContain(m);
  });

  it('acks=1 preset: the lost record links the election (leader-elected) and the old leader crash', () => {
    const d = (KAFKA_PRESET_DOCUMENTS as Doc[]).find(
      (x) => x['name'] === 'kafka-acks1-leader-crash',
    );
    const r = run(d as Doc);
    const drops = r.record.journal.filter((e) => e.mech === 'kafka.acks1-leader-crash');
    expect(drops.length).toBeGreaterThan(0);
    const byId = new Map(r.record.journal.map((e) => [e.id, e]));
    for (const e of drops) {
      const el = byId.get(e.links?.find((l) => l.role === 'election')?.id ?? -1);
      const fault = byId.get(e.links?.find((l) => l.role === 'fault')?.id ?? -1);
      expect(el?.kind).toBe('leader-elected');
      expect(fault?.kind).toBe('crash');
      expect(fault?.node).toBe(el?.data?.['previous']);
      expect(e.links?.some((l) => byId.get(l.id)?.kind === 'confirm-sent')).toBe(true);
    }
  });

  const cutThenCrash = (acks: string, minIsr: number): Doc =>
    kafkaDoc({
      topic: {
        partitions: 1,
        'replication.factor': 3,
        'replica.assignment': [['broker-1', 'broker-2', 'broker-3']],
        'replica.lag.time.max.ms': 3000,
        'min.insync.replicas': minIsr,
        'unclean.leader.election.enable': true,
      },
      producers: [
        { id: 'p1', ratePerSec: 50, messages: 500, keys: 1, acks, 'request.timeout.ms': 2000 },
      ],
      faults: [
        // The leader is cut off from its followers (not from the controller or clients): the ISR
        // shrinks to it, it goes on taking writes; then it crashes and a stale follower leads.
        { atMs: 2000, type: 'split', sides: [['broker-1'], ['broker-2', 'broker-3']] },
        { atMs: 9000, type: 'crash', node: 'broker-1' },
        { atMs: 9500, type: 'heal' },
      ],
    });

  it('an unclean election discarding acks=1 records: kafka.unclean-election', () => {
    const r = run(cutThenCrash('1', 1));
    expect(r.report.unaccounted).toBe(0);
    checkRun(r, new Set());
    const drops = r.record.journal.filter((e) => e.mech === 'kafka.unclean-election');
    expect(drops.length).toBeGreaterThan(0);
    const el = r.record.journal.find(
      (e) => e.id === drops[0]?.links?.find((l) => l.role === 'election')?.id,
    );
    expect(el?.data?.['unclean']).toBe(true);
    expect(r.record.journal.some((e) => e.mech === 'kafka.acks1-leader-crash')).toBe(false);
  });

  it('acks=all with min.insync.replicas=1 and the ISR shrunk to the leader: what it acknowledged alone goes with the unclean election, the ISR shrink linked', () => {
    const r = run(cutThenCrash('all', 1));
    expect(r.report.unaccounted).toBe(0);
    checkRun(r, new Set(['p1']));
    const byId = new Map(r.record.journal.map((e) => [e.id, e]));
    const acked = r.record.journal.filter(
      (e) => e.kind === 'drop' && e.links?.some((l) => l.role === 'ack'),
    );
    expect(acked.length).toBeGreaterThan(0);
    for (const e of acked) {
      expect(e.mech).toBe('kafka.unclean-election');
      const shrink = byId.get(e.links?.find((l) => l.role === 'isr-shrink')?.id ?? -1);
      expect(shrink?.kind).toBe('isr-shrink');
      expect(shrink?.data?.['isr']).toBe('broker-1');
    }
    // The leader acknowledged alone: no `kafka.acks-all-waited` credit for those answers.
    const alone = r.record.journal.filter(
      (e) => e.kind === 'confirm-sent' && acked.some((d) => d.links?.some((l) => l.id === e.id)),
    );
    expect(alone.length).toBeGreaterThan(0);
    for (const e of alone) expect(e.mech).toBeUndefined();
    expect(r.record.journal.some((e) => e.mech === 'kafka.acks-all-waited')).toBe(true);
    // With min.insync.replicas=2 the cut-off leader acknowledges nothing: no acked record is lost.
    const safe = run(cutThenCrash('all', 2));
    expect(safe.report.unaccounted).toBe(0);
    expect(
      safe.record.journal.some((e) => e.kind === 'drop' && e.links?.some((l) => l.role === 'ack')),
    ).toBe(false);
  });

  it('the last ISR member loses its page cache and is elected again: its own copies go with storage.page-cache-lost, the followers’ with the ISR shrink and its power loss linked (K21)', () => {
    const r = run(
      kafkaDoc({
        topic: { 'min.insync.replicas': 2 },
        consumers: [
          { id: 'c1', 'group.id': 'g1', 'auto.offset.reset': 'earliest', startMs: 12000 },
        ],
        faults: [
          { atMs: 2000, type: 'split', sides: [['broker-1'], ['broker-2', 'broker-3']] },
          { atMs: 8000, type: 'power-loss', node: 'broker-1' },
          { atMs: 8100, type: 'heal' },
          { atMs: 10000, type: 'restart', node: 'broker-1' },
        ],
      }),
    );
    checkRun(r, new Set(['p1']));
    const byId = new Map(r.record.journal.map((e) => [e.id, e]));
    const own = r.record.journal.filter((e) => e.mech === 'storage.page-cache-lost');
    expect(own.map((e) => e.node)).toEqual(['broker-1']);
    const followers = r.record.journal.filter(
      (e) => e.kind === 'drop' && e.node !== 'broker-1' && e.links?.some((l) => l.role === 'ack'),
    );
    expect(followers.length).toBeGreaterThan(0);
    for (const e of followers) {
      expect(e.mech).toBe('kafka.isr-shrunk-to-leader');
      const fault = byId.get(e.links?.find((l) => l.role === 'fault')?.id ?? -1);
      expect(fault?.kind).toBe('power-loss');
      expect(fault?.node).toBe('broker-1');
      const el = byId.get(e.links?.find((l) => l.role === 'election')?.id ?? -1);
      expect(el?.data?.['leader']).toBe('broker-1');
      // Every record lost this way had first gone from broker-1's page cache.
      for (const m of e.msgs ?? []) expect(own.some((d) => d.msgs?.includes(m))).toBe(true);
    }
  });
});
