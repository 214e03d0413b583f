/**
 * Every Kafka message has a fate (issue 10): the fuzz repros that once left messages
 * `unaccounted`, auto.offset.reset=latest (teaching audit X16), and a property over random
 * scenarios and fault schedules.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JournalEntry, MsgId } from '../../check/history';
import type { RunResult } from '../../run';
import { kafkaScenarioArb } from '../../testing/kafka-arbitrary';
import { anomalies, kafkaDoc, run, type Doc } from './testing';

/** Messages whose fate in `group` is `fate`. */
function withFate(r: RunResult, group: string, fate: string): MsgId[] {
  const out: MsgId[] = [];
  for (const [m, f] of r.report.fates.get(group) ?? []) if (f === fate) out.push(m);
  return out;
}

/** The last drop entry listing `m` (the one the checker takes as its fate). */
function dropOf(r: RunResult, m: MsgId): JournalEntry | undefined {
  return r.record.journal.findLast((e) => e.kind === 'drop' && e.msgs?.includes(m));
}

/** The shrunk fuzz repros (../shared/findings/fuzz-repros/), as they were filed. */
const allDefaults: Doc = {
  version: 1,
  system: 'kafka',
  name: 'kafka-all-defaults',
  durationMs: 20000,
  producers: [{ id: 'p1' }],
  consumers: [{ id: 'c1' }],
};
const fate02: Doc = {
  version: 1,
  system: 'kafka',
  name: 'fuzz-kafka',
  seed: 2150733716,
  durationMs: 5846,
  network: { latency: { kind: 'uniform', minMs: 0, maxMs: 4 }, lossRate: 0, links: [] },
  brokers: ['broker-1', 'broker-2', 'broker-3', 'broker-4', 'broker-5'],
  controller: { id: 'controller' },
  topic: { name: 'orders' },
  producers: [{ id: 'p1' }],
  consumers: [{ id: 'c2' }],
  faults: [],
};
const acks0SplitPause: Doc = {
  version: 1,
  system: 'kafka',
  name: 'kafka-acks0-split-pause',
  seed: 21,
  durationMs: 60000,
  producers: [{ id: 'p1', messages: 250, acks: '0' }],
  consumers: [{ id: 'c1', 'auto.offset.reset': 'earliest' }],
  faults: [
    { atMs: 10482, type: 'split', sides: [['broker-2'], ['broker-1', 'broker-3']] },
    { atMs: 15966, type: 'pause', node: 'broker-2', durationMs: 14823 },
  ],
};
const sessionTimeout: Doc = {
  version: 1,
  system: 'kafka',
  name: 'kafka-fenced-broker-unaccounted',
  seed: 1052037288,
  durationMs: 902,
  network: { latency: { kind: 'fixed', ms: 15 }, lossRate: 0, links: [] },
  brokers: ['broker-1', 'broker-2', 'broker-3', 'broker-4'],
  controller: {
    id: 'controller',
    'broker.session.timeout.ms': 5,
    'broker.heartbeat.interval.ms': 845,
  },
  topic: { name: 'orders' },
  producers: [{ id: 'p1', ratePerSec: 300, messages: 269, acks: 1 }],
  consumers: [{ id: 'c1', 'auto.offset.reset': 'earliest' }],
  faults: [],
};

/** Checks a default-`latest` run: the skipped records are dropped by the reset, the rest read. */
function expectLatestReset(r: RunResult): void {
  expect(r.report.unaccounted).toBe(0);
  const group = r.record.groups[0] as string;
  const dropped = withFate(r, group, 'skipped');
  expect(dropped.length).toBeGreaterThan(0);
  const resets = r.record.journal.filter(
    (e) => e.kind === 'assign' && e.data?.['reset'] === 'latest',
  );
  expect(resets.length).toBeGreaterThan(0);
  for (const m of dropped) {
    const d = dropOf(r, m);
    expect(d?.mech).toBe('kafka.auto-offset-reset');
    expect(d?.data?.['reason']).toBe('auto-offset-reset');
    expect(d?.data?.['group']).toBe(group);
    // Linked to the assignment that gave the consumer the partition, and to the reset itself.
    const assign = r.record.journal.find(
      (e) => e.id === d?.links?.find((l) => l.role === 'rebalance')?.id,
    );
    expect(assign?.kind).toBe('assign');
    expect(assign?.data?.['generation']).toBeTypeOf('number');
  }
  // What was produced after the last reset point is read: nothing sent later is dropped.
  const lastReset = Math.max(...resets.map((e) => e.at));
  const sentAfter = r.record.history.filter((o) => o.type === 'send' && o.at > lastReset);
  expect(sentAfter.length).toBeGreaterThan(0);
  for (const o of sentAfter) expect(r.report.fates.get(group)?.get(o.msg)).not.toBe('skipped');
}

describe('Kafka: every message has a fate', () => {
  it('auto.offset.reset=latest (the default): what was produced before the group had an offset is skipped, as a drop (kafka-all-defaults)', () => {
    expectLatestReset(run(allDefaults));
  });

  it('auto.offset.reset=latest: the shrunk fuzz repro scenario-fate-02', () => {
    expectLatestReset(run(fate02));
  });

  it('auto.offset.reset=latest: records produced after the reset point but before the fetch are read', () => {
    // Two partitions, a consumer that starts late; the producer keeps writing all along.
    const r = run(
      kafkaDoc({
        topic: {
          partitions: 2,
          'replication.factor': 3,
          'replica.assignment': [
            ['broker-1', 'broker-2', 'broker-3'],
            ['broker-2', 'broker-3', 'broker-1'],
          ],
        },
        durationMs: 20_000,
        producers: [{ id: 'p1', ratePerSec: 200, messages: 2000, keys: 8 }],
        consumers: [{ id: 'c1', 'group.id': 'g1', 'auto.offset.reset': 'latest', startMs: 3000 }],
      }),
    );
    expectLatestReset(r);
    // Per partition: every record at or past the offset the reset chose is processed.
    for (const reset of r.record.journal.filter((e) => e.data?.['reset'] === 'latest')) {
      const p = reset.data?.['partition'];
      const at = Number(reset.data?.['offset']);
      for (const e of r.record.journal)
        if (e.kind === 'append' && e.data?.['partition'] === p && Number(e.data?.['offset']) >= at)
          for (const m of e.msgs ?? []) expect(r.report.fates.get('g1')?.get(m)).toBe('processed');
    }
    // earliest reads everything instead.
    const early = run(
      kafkaDoc({
        durationMs: 20_000,
        consumers: [{ id: 'c1', 'group.id': 'g1', 'auto.offset.reset': 'earliest', startMs: 3000 }],
      }),
    );
    expect(withFate(early, 'g1', 'skipped')).toEqual([]);
  });

  it('acks=0, a split then a pause of a leader: what the replaced leader appended after its resume is dropped (acks0-split-pause)', () => {
    const r = run(acks0SplitPause);
    expect(r.report.unaccounted).toBe(0);
    const resume = r.record.journal.find((e) => e.kind === 'resume')?.at ?? -1;
    const stale = r.record.journal.filter(
      (e) =>
        e.kind === 'append' && e.node === 'broker-2' && e.at >= resume && e.data?.['epoch'] === 0,
    );
    expect(stale.length).toBeGreaterThan(0);
    for (const e of stale)
      for (const m of e.msgs ?? []) {
        expect(r.report.fates.get('group-1')?.get(m)).toBe('dropped');
        const d = dropOf(r, m);
        expect(d?.mech).toBe('kafka.acks0-leader-crash');
        expect(d?.data?.['stale']).toBe(true);
        expect(d?.links?.some((l) => l.role === 'election')).toBe(true);
        // The pause that got broker-2 replaced is the fault.
        const fault = r.record.journal.find(
          (x) => x.id === d?.links?.find((l) => l.role === 'fault')?.id,
        );
        expect(fault?.kind).toBe('pause');
        expect(fault?.node).toBe('broker-2');
      }
  });

  it('acks=1 and a 5 ms broker.session.timeout.ms: a fenced leader acknowledges records its successor never gets (session-timeout)', () => {
    const r = run(sessionTimeout);
    expect(r.report.unaccounted).toBe(0);
    const lost = anomalies(r, 'lost');
    expect(lost.length).toBeGreaterThan(0);
    for (const a of lost) {
      const d = dropOf(r, a.msg);
      expect(d?.mech).toBe('kafka.acks1-leader-crash');
      // The broken promise: the acknowledgement the producer got.
      const ack = d?.links?.find((l) => l.role === 'ack');
      expect(r.record.journal.find((e) => e.id === ack?.id)?.kind).toBe('confirm-sent');
    }
  });

  it('property: random Kafka scenarios and fault schedules leave nothing unaccounted', () => {
    const variants: [Doc, Doc, Doc][] = [
      [{ 'min.insync.replicas': 1, 'unclean.leader.election.enable': true }, { acks: '0' }, {}],
      [{ 'min.insync.replicas': 1 }, { acks: '1', 'enable.idempotence': false }, {}],
      [
        { 'min.insync.replicas': 2 },
        { acks: 'all' },
        { 'auto.offset.reset': 'latest', startMs: 2000 },
      ],
      [
        { 'min.insync.replicas': 1, 'unclean.leader.election.enable': true },
        { acks: 'all', 'max.in.flight.requests.per.connection': 1, 'enable.idempotence': false },
        { 'enable.auto.commit': true, threads: 2 },
      ],
    ];
    for (const [topic, producer, consumer] of variants)
      fc.assert(
        fc.property(kafkaScenarioArb(topic, producer, consumer), (doc) => {
          expect(run(doc).report.unaccounted).toBe(0);
        }),
        { numRuns: 6, seed: 20261207 },
      );
  });
});
