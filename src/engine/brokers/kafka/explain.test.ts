/**
 * Explanations of the Kafka model's reason codes (src/engine/check/explain.ts), in English and
 * Chinese, from hand-built chains: each names its mechanism and the knob that prevents it.
 */
import { describe, expect, it } from 'vitest';
import { explain, type AnomalyCore, type ExplainContext } from '../../check/explain';
import type { JournalEntry } from '../../check/history';

const NO_OPS = { sends: [], outcomes: [], deliveries: [], effects: [] };
const ctx: ExplainContext = { ops: NO_OPS, groupLabel: null, family: 'kafka' };

function lostBy(drop: JournalEntry, extra: JournalEntry[] = []): AnomalyCore {
  return {
    kind: 'lost',
    group: 'g1',
    msg: 41,
    key: 'k0',
    producer: 'p1',
    chain: [...extra, drop].sort((a, b) => a.id - b.id),
    relatedIds: [],
    details: {
      deliveries: 0,
      effectsApplied: 0,
      effectsAbsorbed: 0,
      fate: 'dropped',
      producer: { status: 'acknowledged', result: 'ack', at: 2_000_000, error: null },
      seq: 0,
      dropEntry: drop.id,
    },
  };
}

const crash: JournalEntry = { id: 1, at: 2_500_000, kind: 'crash', node: 'broker-1' };
const fence: JournalEntry = { id: 2, at: 11_500_000, kind: 'fence', node: 'controller', cause: 1 };
const elected: JournalEntry = {
  id: 3,
  at: 11_500_000,
  kind: 'leader-elected',
  node: 'controller',
  cause: 2,
  data: { partition: 0, leader: 'broker-2', epoch: 1 },
};
const superseded = (data: Record<string, string | number | boolean>): JournalEntry => ({
  id: 4,
  at: 11_500_000,
  kind: 'drop',
  node: 'broker-1',
  msgs: [41],
  cause: 3,
  data: { reason: 'not-on-new-leader', partition: 0, leader: 'broker-2', offset: 40, ...data },
});

describe('explain: Kafka reasons', () => {
  it('not-on-new-leader with acks=1 names the crash, the election, the log end and acks=all', () => {
    const r = explain(
      lostBy(superseded({ acks: '1', unclean: false }), [crash, fence, elected]),
      ctx,
    );
    expect(r.en).toBe(
      'Message #41 (key k0) was lost. The producer was told it was stored at 2.000 s. ' +
        'broker-1 crashed at 2.500 s before any in-sync follower had fetched it. ' +
        "At 11.500 s broker-2 became leader of partition 0; its log ended at offset 40, before this record, so broker-1's copy is superseded and is truncated when broker-1 fetches from the new leader. " +
        'With acks=1 the leader acknowledged before any follower had it. acks=all with min.insync.replicas=2 makes the acknowledgement wait until an in-sync follower holds the record, and only an in-sync replica can be elected.',
    );
    expect(r.zh).toContain('2.500 s broker-1 崩溃');
    expect(r.zh).toContain('acks=all');
  });

  it('not-on-new-leader after an unclean election names unclean.leader.election.enable', () => {
    const r = explain(
      lostBy(superseded({ acks: 'all', unclean: true }), [crash, fence, elected]),
      ctx,
    );
    expect(r.en).toContain('through an unclean election');
    expect(r.en).toContain('unclean.leader.election.enable=false');
    expect(r.en).toContain('replica.lag.time.max.ms');
    expect(r.zh).toContain('不干净选举');
  });

  it('power-loss-unsynced in a Kafka run names flush.messages, not RocketMQ', () => {
    const pl: JournalEntry = { id: 1, at: 5_000_000, kind: 'power-loss', node: 'broker-3' };
    const drop: JournalEntry = {
      id: 2,
      at: 5_000_000,
      kind: 'drop',
      node: 'broker-3',
      msgs: [41],
      cause: 1,
      data: { reason: 'power-loss-unsynced', partition: 2 },
    };
    const r = explain(lostBy(drop, [pl]), ctx);
    expect(r.en).toContain('broker-3 held it only in the OS page cache (partition 2)');
    expect(r.en).toContain('flush.messages=1');
    expect(r.en).not.toContain('SYNC_FLUSH');
    expect(r.zh).toContain('页缓存');
  });

  it('committed-before-processing and auto-commit-ahead read differently', () => {
    const c: JournalEntry = { id: 1, at: 5_000_000, kind: 'crash', node: 'c1' };
    const mk = (reason: string) =>
      explain(
        lostBy(
          {
            id: 2,
            at: 5_000_000,
            kind: 'drop',
            node: 'c1',
            msgs: [41],
            cause: 1,
            data: { reason, group: 'g1' },
          },
          [c],
        ),
        ctx,
      );
    const before = mk('committed-before-processing');
    const ahead = mk('auto-commit-ahead');
    expect(before.en).toContain('committed the offset past it for g1 before processing it');
    expect(before.en).toContain('at-least-once instead of at-most-once');
    expect(ahead.en).toContain('worker thread');
    expect(ahead.en).toContain('enable.auto.commit');
    expect(before.zh).not.toBe(ahead.zh);
  });

  it('auto-offset-reset and producer-crash-unsent have their own sentences', () => {
    const reset = explain(
      lostBy({
        id: 1,
        at: 3_000_000,
        kind: 'drop',
        node: 'c1',
        msgs: [41],
        data: { reason: 'auto-offset-reset', group: 'g1', reset: 'latest' },
      }),
      ctx,
    );
    expect(reset.en).toContain('auto.offset.reset=latest');
    expect(reset.en).toContain('auto.offset.reset=earliest');
    const pc: JournalEntry = { id: 1, at: 3_000_000, kind: 'crash', node: 'p1' };
    const gone = explain(
      lostBy(
        {
          id: 2,
          at: 3_000_000,
          kind: 'drop',
          node: 'p1',
          msgs: [41],
          cause: 1,
          data: { reason: 'producer-crash-unsent' },
        },
        [pc],
      ),
      ctx,
    );
    expect(gone.en).toContain('record accumulator');
    expect(gone.zh).toContain('生产者内存');
  });

  it('a duplicate from resuming at the committed offset names the crash and the commit mode', () => {
    const c: JournalEntry = { id: 1, at: 5_000_000, kind: 'crash', node: 'c1' };
    const rq = (autoCommit: boolean): JournalEntry => ({
      id: 2,
      at: 11_000_000,
      kind: 'requeue',
      node: 'c2',
      msgs: [41],
      cause: 1,
      data: {
        reason: 'resume-from-committed-offset',
        group: 'g1',
        partition: 0,
        offset: 37,
        previous: 'c1',
        autoCommit,
      },
    });
    const dup = (e: JournalEntry): AnomalyCore => ({
      kind: 'duplicated',
      group: 'g1',
      msg: 41,
      key: 'k0',
      producer: 'p1',
      chain: [c, e],
      relatedIds: [],
      details: {
        deliveries: 2,
        effectsApplied: 2,
        effectsAbsorbed: 0,
        fate: 'processed',
        producer: { status: 'acknowledged', result: 'ack', at: 1_000_000, error: null },
        seq: 0,
      },
    });
    const deliveries = [
      {
        type: 'deliver' as const,
        at: 4_000_000,
        msg: 41,
        consumer: 'c1',
        group: 'g1',
        redelivered: false,
      },
      {
        type: 'deliver' as const,
        at: 11_000_000,
        msg: 41,
        consumer: 'c2',
        group: 'g1',
        redelivered: false,
      },
    ];
    const withOps = { ...ctx, ops: { ...NO_OPS, deliveries } };
    const manual = explain(dup(rq(false)), withOps);
    expect(manual.en).toContain(
      'c2 resumed partition 0 for g1 from the last committed offset 37 at 11.000 s, behind what c1 had already been given after c1 crashed at 5.000 s before committing it',
    );
    expect(manual.en).toContain('at-least-once');
    const auto = explain(dup(rq(true)), withOps);
    expect(auto.en).toContain('auto.commit.interval.ms');
    expect(auto.zh).toContain('自动提交');
  });

  it('aborted: names the aborted transaction, and the fencing initTransactions() when that caused it', () => {
    const abort = (reason: string): JournalEntry => ({
      id: 5,
      at: 3_000_000,
      kind: 'txn-abort',
      node: 'broker-2',
      msgs: [41],
      data: { producerId: 1000, epoch: 1, partitions: '0', owner: 'p1', reason },
    });
    const drop: JournalEntry = {
      id: 6,
      at: 3_000_000,
      kind: 'drop',
      node: 'broker-2',
      msgs: [41],
      cause: 5,
      data: { reason: 'aborted', producerId: 1000, partitions: '0', owner: 'p1' },
    };
    const ended = explain(lostBy(drop, [abort('end-txn')]), ctx);
    expect(ended.en).toMatch(/transaction was aborted at 3\.000 s/);
    expect(ended.en).toMatch(/ABORT markers/);
    expect(ended.zh).toMatch(/ABORT 标记/);
    const fenced = explain(lostBy(drop, [abort('fenced-by-init')]), ctx);
    expect(fenced.en).toMatch(/initTransactions\(\)/);
    expect(fenced.en).toMatch(/fenced the old instance/);
    expect(fenced.zh).toMatch(/transactional\.id/);
  });

  it('unexpected after an abort: names read_uncommitted and read_committed', () => {
    const abort: JournalEntry = {
      id: 5,
      at: 3_000_000,
      kind: 'txn-abort',
      node: 'broker-2',
      msgs: [41],
      data: { producerId: 1000, epoch: 0, partitions: '0', owner: 'p1', reason: 'end-txn' },
    };
    const a: AnomalyCore = {
      kind: 'unexpected',
      group: 'g1',
      msg: 41,
      key: 'k0',
      producer: 'p1',
      chain: [abort],
      relatedIds: [],
      details: {
        deliveries: 1,
        effectsApplied: 1,
        effectsAbsorbed: 0,
        fate: 'processed',
        producer: {
          status: 'failed',
          result: 'error',
          at: 3_000_000,
          error: 'TRANSACTION_ABORTED',
        },
        seq: 0,
      },
    };
    const r = explain(a, ctx);
    expect(r.en).toMatch(/TRANSACTION_ABORTED/);
    expect(r.en).toMatch(
      /broker-2, the transaction coordinator, wrote ABORT markers to partition\(s\) 0/,
    );
    expect(r.en).toMatch(/isolation\.level=read_uncommitted/);
    expect(r.zh).toMatch(/isolation\.level=read_committed/);
  });
});
