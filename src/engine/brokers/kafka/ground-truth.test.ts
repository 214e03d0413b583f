/**
 * Kafka rows of ground-truth.md (../shared/ground-truth.md), one test per row id. Each asserts
 * the outcome AND the mechanism: the anomaly's causal chain must hold the engine events that
 * caused it (the election, the truncation, the crash, the commit), and the explanation must say so.
 * Rows marked [bug] (K24-K26) are "must not happen" tests of the correct behaviour. The default
 * placement here is partition 0 on broker-1, broker-2, broker-3: broker-1 leads it.
 */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../run';
import { anomalies, dropReasons, kafkaDoc, lostMechs, run, type Doc } from './testing';
import type { KafkaModel } from '.';
import { Run } from '../../run';
import { scenario } from './testing';

const producer = (extra: Doc = {}): Doc => ({
  id: 'p1',
  ratePerSec: 50,
  messages: 500,
  keys: 1,
  'request.timeout.ms': 2000,
  ...extra,
});
const consumer = (extra: Doc = {}): Doc => ({
  id: 'c1',
  'group.id': 'g1',
  'auto.offset.reset': 'earliest',
  'session.timeout.ms': 6000,
  ...extra,
});
/** Cut the leader broker-1 off from its followers (not from the controller or clients). */
const cutLeader = (atMs: number): Doc => ({
  atMs,
  type: 'split',
  sides: [['broker-1'], ['broker-2', 'broker-3']],
});

function expectClean(r: RunResult): void {
  expect(r.report.unaccounted).toBe(0);
}

describe('Kafka, as ground-truth.md states', () => {
  it('K1: acks=0 and a leader crash lose what was already sent, silently; the rest waits for a leader (M12)', () => {
    const r = run(
      kafkaDoc({
        producers: [producer({ acks: '0' })],
        faults: [{ atMs: 3000, type: 'crash', node: 'broker-1' }],
      }),
    );
    expectClean(r);
    const lost = anomalies(r, 'lost');
    // Only what was on the wire or refused by a leader that had not yet heard of its election:
    // the crashed process reset its connection, so the producer (Sender: NetworkClient.ready()
    // is false for a disconnected node) kept later records in its accumulator until metadata
    // named broker-2, instead of writing them into a dead socket.
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.length).toBeLessThan(10);
    for (const a of lost) expect(a.details.producer?.result).toBe('sent');
    const crashAt = r.record.journal.find((e) => e.kind === 'crash')?.at ?? -1;
    expect(
      r.record.journal.some(
        (e) => e.kind === 'publish' && e.at > crashAt && e.data?.['to'] === 'broker-1',
      ),
    ).toBe(false);
    expect(r.record.journal.some((e) => e.kind === 'publish-retry')).toBe(false);
  });

  it('K1: acks=0 and a leader that loses power: no reset reaches the producer, records go into the dead socket', () => {
    const r = run(
      kafkaDoc({
        producers: [producer({ acks: '0' })],
        faults: [{ atMs: 3000, type: 'power-loss', node: 'broker-1' }],
      }),
    );
    expectClean(r);
    const lost = anomalies(r, 'lost');
    expect(lost.length).toBeGreaterThan(50);
    // Fire-and-forget: the producer's outcome is "sent", never an acknowledgement.
    for (const a of lost) expect(a.details.producer?.result).toBe('sent');
    expect(r.record.journal.some((e) => e.kind === 'publish-retry')).toBe(false);
    const net = lost.find((a) => dropReasons(a).includes('receiver-down'));
    expect(net?.chain.some((e) => e.kind === 'net-drop' && e.data?.['type'] === 'produce')).toBe(
      true,
    );
    expect(net?.reason.en).toMatch(/fire-and-forget/);
    expect(net?.reason.en).toMatch(/acks=1\/all/);
  });

  it('K2: acks=1, the leader acks and crashes before any follower fetched: lost', () => {
    const r = run(
      kafkaDoc({
        producers: [producer({ acks: '1' })],
        faults: [
          cutLeader(2000),
          { atMs: 2500, type: 'crash', node: 'broker-1' },
          { atMs: 3000, type: 'heal' },
          { atMs: 20000, type: 'restart', node: 'broker-1' },
        ],
      }),
    );
    expectClean(r);
    expect(lostMechs(r)).toEqual(['kafka.acks1-leader-crash']);
    const lost = anomalies(r, 'lost');
    expect(lost.length).toBeGreaterThan(10);
    for (const a of lost) {
      expect(a.details.producer?.result).toBe('ack');
      expect(dropReasons(a)).toContain('not-on-new-leader');
      const kinds = a.chain.map((e) => `${e.kind}@${e.node}`);
      // The leader appended and acknowledged; no follower replicated it; it crashed; another
      // broker was elected; the old leader truncated the record when it rejoined.
      expect(kinds).toContain('append@broker-1');
      expect(kinds).toContain('confirm-sent@broker-1');
      expect(kinds.some((k) => k.startsWith('replicate@'))).toBe(false);
      expect(kinds).toContain('crash@broker-1');
      expect(
        a.chain.some((e) => e.kind === 'leader-elected' && e.data?.['leader'] === 'broker-2'),
      ).toBe(true);
      expect(kinds).toContain('truncate@broker-1');
      expect(a.mechanisms).toEqual(['kafka.acks1-leader-crash']);
      expect(a.reason.en).toMatch(
        /broker-1 crashed at 2\.500 s before any follower had fetched it/,
      );
      expect(a.reason.en).toMatch(
        /broker-2 became leader of partition 0 at [\d.]+ s; its log ended/,
      );
      expect(a.reason.en).toMatch(/acks=1/);
      expect(a.reason.zh).toMatch(/leader/);
    }
  });

  it('K3: acks=all, RF 3, min.insync.replicas=2, clean election: any single broker crash loses nothing', () => {
    for (const node of ['broker-1', 'broker-2', 'broker-3']) {
      const r = run(
        kafkaDoc({
          topic: { 'min.insync.replicas': 2 },
          faults: [
            { atMs: 2500, type: 'crash', node },
            { atMs: 20000, type: 'restart', node },
          ],
        }),
      );
      expectClean(r);
      expect(r.report.counts.lost).toBe(0);
      expect(r.report.groups[0]?.fates.processed).toBe(500);
    }
  });

  it('K5: ISR shrinks to the leader, it dies, an out-of-sync replica is elected (unclean): lost', () => {
    const r = run(
      kafkaDoc({
        topic: { 'unclean.leader.election.enable': true },
        consumers: [consumer({ startMs: 26000 })],
        faults: [
          cutLeader(2000),
          { atMs: 8000, type: 'crash', node: 'broker-1' },
          { atMs: 8100, type: 'heal' },
          { atMs: 25000, type: 'restart', node: 'broker-1' },
        ],
      }),
    );
    expectClean(r);
    // The unclean election discarded them; the ISR shrink that let the leader acknowledge alone
    // (min.insync.replicas=1) is linked.
    expect(lostMechs(r)).toEqual(['kafka.unclean-election']);
    expect(
      r.record.journal.some((e) => e.kind === 'isr-shrink' && e.data?.['isr'] === 'broker-1'),
    ).toBe(true);
    const lost = anomalies(r, 'lost');
    expect(lost.length).toBeGreaterThan(100);
    for (const a of lost) {
      expect(a.details.producer?.result).toBe('ack');
      const drop = a.chain.find((e) => e.kind === 'drop');
      expect(drop?.data?.['reason']).toBe('not-on-new-leader');
      expect(drop?.data?.['unclean']).toBe(true);
      expect(a.chain.some((e) => e.kind === 'truncate' && e.node === 'broker-1')).toBe(true);
      expect(a.reason.en).toMatch(/unclean election/);
      expect(a.reason.en).toMatch(/unclean\.leader\.election\.enable=false/);
    }
  });

  it('K5 (control): the same faults with unclean election off lose nothing', () => {
    const r = run(
      kafkaDoc({
        consumers: [consumer({ startMs: 26000 })],
        faults: [
          cutLeader(2000),
          { atMs: 8000, type: 'crash', node: 'broker-1' },
          { atMs: 8100, type: 'heal' },
          { atMs: 25000, type: 'restart', node: 'broker-1' },
        ],
      }),
    );
    expectClean(r);
    expect(r.report.counts.lost).toBe(0);
  });

  it('K6: leader cut off from its replicas keeps acking alone; isolated, a stale replica takes over', () => {
    const r = run(
      kafkaDoc({
        // Kafka 0.8 behaved as unclean election enabled; request.required.acks=-1 is acks=all.
        topic: { 'unclean.leader.election.enable': true },
        consumers: [consumer({ startMs: 30000 })],
        faults: [
          cutLeader(2000),
          { atMs: 10000, type: 'split', sides: [['broker-1'], ['controller', 'p1', 'c1']] },
          { atMs: 25000, type: 'heal' },
        ],
      }),
    );
    expectClean(r);
    expect(lostMechs(r)).toEqual(['kafka.unclean-election']);
    const lost = anomalies(r, 'lost');
    expect(lost.length).toBeGreaterThan(100);
    for (const a of lost) {
      expect(dropReasons(a)).toContain('not-on-new-leader');
      expect(a.chain.some((e) => e.kind === 'fence' && e.data?.['broker'] === 'broker-1')).toBe(
        true,
      );
      expect(a.reason.en).toMatch(/unclean election/);
    }
  });

  it('K8: a lost produce response with retries and no idempotence duplicates the record', () => {
    const r = run(
      kafkaDoc({
        producers: [
          producer({
            messages: 200,
            acks: '1',
            'enable.idempotence': false,
            'request.timeout.ms': 1000,
          }),
        ],
        faults: [
          { atMs: 1000, type: 'drop-next', from: 'broker-1', to: 'p1', match: 'produce-response' },
        ],
      }),
    );
    expectClean(r);
    expect(r.record.journal.some((e) => e.mech === 'kafka.retry-without-idempotence')).toBe(true);
    const dups = anomalies(r, 'duplicated');
    expect(dups.length).toBe(1);
    const a = dups[0];
    expect(a?.chain.filter((e) => e.kind === 'append').length).toBe(2);
    expect(
      a?.chain.some((e) => e.kind === 'net-drop' && e.data?.['type'] === 'produce-response'),
    ).toBe(true);
    expect(a?.chain.some((e) => e.kind === 'publish-retry')).toBe(true);
    expect(a?.mechanisms).toEqual(['kafka.retry-without-idempotence']);
    expect(a?.reason.en).toMatch(/sent it again at .* the network dropped the produce response/);
  });

  it('K9: the same fault with enable.idempotence=true: the broker deduplicates by sequence', () => {
    const r = run(
      kafkaDoc({
        producers: [producer({ messages: 200, 'request.timeout.ms': 1000 })],
        faults: [
          { atMs: 1000, type: 'drop-next', from: 'broker-1', to: 'p1', match: 'produce-response' },
        ],
      }),
    );
    expectClean(r);
    expect(r.record.journal.some((e) => e.mech === 'kafka.idempotent-dedup')).toBe(true);
    expect(r.report.counts.duplicated).toBe(0);
    expect(r.report.counts.lost).toBe(0);
    const dedup = r.record.journal.filter((e) => e.kind === 'dedup');
    expect(dedup.length).toBeGreaterThan(0);
    expect(typeof dedup[0]?.data?.['producerId']).toBe('number');
  });

  it('K10: pipelined batches, retries, no idempotence: a retried batch lands behind a later one', () => {
    const r = run(
      kafkaDoc({
        producers: [
          producer({
            messages: 200,
            acks: '1',
            'enable.idempotence': false,
            'max.in.flight.requests.per.connection': 5,
            'request.timeout.ms': 1000,
          }),
        ],
        faults: [{ atMs: 1000, type: 'drop-next', from: 'p1', to: 'broker-1', match: 'produce' }],
      }),
    );
    expectClean(r);
    const re = anomalies(r, 'reordered');
    expect(re.length).toBe(1);
    expect(re[0]?.chain.some((e) => e.kind === 'publish-retry')).toBe(true);
    expect(re[0]?.mechanisms).toEqual(['kafka.retry-without-idempotence']);
    expect(re[0]?.reason.en).toMatch(
      /sent it again at .* a retry can land behind records sent after it/,
    );
    expect(re[0]?.reason.en).toMatch(/enable\.idempotence=true/);
  });

  it('K11: the same with enable.idempotence=true keeps the order (sequence numbers)', () => {
    const r = run(
      kafkaDoc({
        producers: [producer({ messages: 200, 'request.timeout.ms': 1000 })],
        faults: [{ atMs: 1000, type: 'drop-next', from: 'p1', to: 'broker-1', match: 'produce' }],
      }),
    );
    expectClean(r);
    expect(r.report.counts.reordered).toBe(0);
    expect(r.report.counts.duplicated).toBe(0);
    expect(
      r.record.journal.some(
        (e) => e.kind === 'reject' && e.data?.['reason'] === 'OUT_OF_ORDER_SEQUENCE_NUMBER',
      ),
    ).toBe(true);
  });

  it('K13: commit after processing, crash before the commit: the record is processed twice', () => {
    const r = run(
      kafkaDoc({
        consumers: [consumer({ 'enable.auto.commit': false, 'max.poll.records': 20 })],
        faults: [
          { atMs: 5000, type: 'crash', node: 'c1', when: 'after-process' },
          { atMs: 7000, type: 'restart', node: 'c1' },
        ],
      }),
    );
    expectClean(r);
    expect(r.record.journal.some((e) => e.mech === 'kafka.uncommitted-redelivery')).toBe(true);
    expect(r.report.counts.lost).toBe(0);
    const dups = anomalies(r, 'duplicated');
    expect(dups.length).toBeGreaterThan(0);
    for (const a of dups) {
      expect(a.details.effectsApplied).toBe(2);
      const rq = a.chain.find((e) => e.kind === 'requeue');
      expect(rq?.data?.['reason']).toBe('resume-from-committed-offset');
      expect(a.chain.some((e) => e.kind === 'crash' && e.node === 'c1')).toBe(true);
      expect(a.reason.en).toMatch(/from the last committed offset/);
      expect(a.reason.en).toMatch(/c1 crashed at 5\.\d+ s before committing/);
    }
  });

  it('K14: commit before processing, crash after the commit: the record is lost', () => {
    const r = run(
      kafkaDoc({
        consumers: [
          consumer({
            'enable.auto.commit': false,
            commit: 'before-processing',
            'max.poll.records': 20,
          }),
        ],
        faults: [
          { atMs: 5000, type: 'crash', node: 'c1', when: 'after-commit' },
          { atMs: 7000, type: 'restart', node: 'c1' },
        ],
      }),
    );
    expectClean(r);
    expect(lostMechs(r)).toEqual(['kafka.commit-before-process']);
    const lost = anomalies(r, 'lost');
    expect(lost.length).toBeGreaterThan(0);
    for (const a of lost) {
      expect(dropReasons(a)).toEqual(['committed-before-processing']);
      expect(a.chain.some((e) => e.kind === 'crash' && e.node === 'c1')).toBe(true);
      expect(a.mechanisms).toEqual(['kafka.commit-before-process']);
      expect(a.reason.en).toMatch(
        /committed the offset past it( at [\d.]+ s)? before processing it/,
      );
    }
  });

  it('K15a: auto-commit with processing before the next poll: duplicates only, never lost', () => {
    const r = run(
      kafkaDoc({
        consumers: [
          consumer({ 'auto.commit.interval.ms': 1000, processingMs: { kind: 'fixed', ms: 5 } }),
        ],
        faults: [
          { atMs: 5500, type: 'crash', node: 'c1' },
          { atMs: 7000, type: 'restart', node: 'c1' },
        ],
      }),
    );
    expectClean(r);
    expect(r.report.counts.lost).toBe(0);
    const dups = anomalies(r, 'duplicated');
    expect(dups.length).toBeGreaterThan(0);
    expect(dups[0]?.reason.en).toMatch(/enable\.auto\.commit/);
  });

  it('K15b: auto-commit with records handed to worker threads: the commit runs ahead, lost', () => {
    const r = run(
      kafkaDoc({
        consumers: [
          consumer({
            'auto.commit.interval.ms': 1000,
            threads: 4,
            processingMs: { kind: 'fixed', ms: 200 },
          }),
        ],
        faults: [
          { atMs: 5500, type: 'crash', node: 'c1' },
          { atMs: 7000, type: 'restart', node: 'c1' },
        ],
      }),
    );
    expectClean(r);
    expect(lostMechs(r)).toEqual(['kafka.autocommit-ahead']);
    const lost = anomalies(r, 'lost');
    expect(lost.length).toBeGreaterThan(0);
    for (const a of lost) {
      expect(dropReasons(a)).toEqual(['auto-commit-ahead']);
      expect(a.reason.en).toMatch(/worker thread/);
    }
  });

  /** A transactional producer: every third transaction of 10 records is aborted. */
  const txnDoc = (isolation: string, extra: Doc = {}): Doc =>
    kafkaDoc({
      topic: { 'min.insync.replicas': 2 },
      producers: [
        producer({ 'transactional.id': 'tx-1', 'transaction.records': 10, abortEvery: 3 }),
      ],
      consumers: [consumer({ 'isolation.level': isolation, 'enable.auto.commit': false })],
      ...extra,
    });

  it('K18: transactional producer + read_committed: aborted records never read, committed ones neither lost nor duplicated across a leader crash', () => {
    // The producer side of exactly-once (transactional.id, commit/abort markers, LSO) and
    // read_committed; the consume-transform-produce loop is the next test.
    const r = run(
      txnDoc('read_committed', {
        faults: [
          { atMs: 3000, type: 'crash', node: 'broker-1' },
          { atMs: 15000, type: 'restart', node: 'broker-1' },
        ],
      }),
    );
    expectClean(r);
    expect(r.report.counts.unexpected).toBe(0);
    expect(r.report.counts.lost).toBe(0);
    expect(r.report.counts.duplicated).toBe(0);
    const j = r.record.journal;
    expect(j.some((e) => e.kind === 'txn-commit')).toBe(true);
    const aborted = new Set<number>();
    for (const e of j)
      if (e.kind === 'drop' && e.data?.['reason'] === 'aborted')
        for (const m of e.msgs ?? []) aborted.add(m);
    expect(aborted.size).toBeGreaterThan(50);
    // No aborted record was delivered; every committed one was processed.
    for (const op of r.record.history)
      if (op.type === 'deliver') expect(aborted.has(op.msg)).toBe(false);
    const processed = new Set(
      r.record.history.filter((op) => op.type === 'effect').map((op) => op.msg),
    );
    const committed = r.record.history.filter((op) => op.type === 'outcome' && op.result === 'ack');
    expect(committed.length).toBeGreaterThan(200);
    for (const op of committed) expect(processed.has(op.msg)).toBe(true);
    expect(r.report.groups[0]?.fates.aborted).toBe(aborted.size);
  });

  it('K18 (control): read_uncommitted reads aborted records: `unexpected` (aborted read, G1a)', () => {
    const r = run(txnDoc('read_uncommitted'));
    expectClean(r);
    const unexpected = anomalies(r, 'unexpected');
    expect(unexpected.length).toBeGreaterThan(50);
    for (const a of unexpected) {
      expect(a.details.producer?.error).toBe('TRANSACTION_ABORTED');
      expect(a.chain.some((e) => e.kind === 'txn-abort')).toBe(true);
    }
    const a = unexpected[0];
    expect(a?.reason.en).toMatch(/aborted/);
    expect(a?.reason.en).toMatch(/isolation.level=read_uncommitted/);
    expect(a?.reason.en).toMatch(/read_committed/);
    expect(a?.reason.zh).toMatch(/read_committed/);
    expect(a?.reason.zh).toMatch(/中止/);
  });

  /** A consume-transform-produce processor c1 reading p1's transactions, crashing mid-batch. */
  const eosDoc = (offsets: 'in-transaction' | 'commit-after', when: string): Doc =>
    txnDoc('read_committed', {
      consumers: [
        consumer({
          'isolation.level': 'read_committed',
          'enable.auto.commit': false,
          'max.poll.records': 20,
          processingMs: { kind: 'fixed', ms: 5 },
          processor: { 'transactional.id': 'c1-tx', offsets },
        }),
      ],
      faults: [
        { atMs: 5000, type: 'crash', node: 'c1', when },
        { atMs: 7000, type: 'restart', node: 'c1' },
      ],
    });

  it('K18 (full loop): a consumer-processor crash mid-batch aborts its transaction; offsets sent via the transaction: NONE lost, NONE duplicated', () => {
    const r = run(eosDoc('in-transaction', 'after-process'));
    expectClean(r);
    expect(r.report.counts.lost).toBe(0);
    expect(r.report.counts.duplicated).toBe(0);
    expect(r.report.counts.unexpected).toBe(0);
    const j = r.record.journal;
    // The restart's initTransactions() fenced the crashed instance and aborted its open batch.
    const fence = j.find(
      (e) => e.kind === 'fence' && e.data?.['transactionalId'] === 'c1-tx' && e.at >= 7_000_000,
    );
    expect(fence).toBeDefined();
    const abort = j.find((e) => e.kind === 'txn-abort' && e.data?.['reason'] === 'fenced-by-init');
    expect(abort?.data?.['owner']).toMatch(/^c1-/);
    expect((abort?.msgs ?? []).length).toBeGreaterThan(0);
    // Those inputs were processed again and their outputs committed exactly once.
    const effects = r.record.history.filter((op) => op.type === 'effect');
    for (const m of abort?.msgs ?? [])
      expect(effects.filter((op) => op.msg === m && op.applied).length).toBe(1);
    // Offsets were committed by transactions only.
    const commits = j.filter((e) => e.kind === 'offset-commit');
    expect(commits.length).toBeGreaterThan(5);
    for (const e of commits) expect(e.data?.['transactional']).toBe(true);
    // Every committed input was processed exactly once.
    const acked = r.record.history.filter((op) => op.type === 'outcome' && op.result === 'ack');
    expect(acked.length).toBeGreaterThan(200);
    const applied = new Set(effects.map((op) => op.msg));
    for (const op of acked) expect(applied.has(op.msg)).toBe(true);
  });

  it('K18 (full loop, crash right after commitTransaction): offsets were in the transaction, nothing repeats', () => {
    const r = run(eosDoc('in-transaction', 'after-commit'));
    expectClean(r);
    expect(r.report.counts.lost).toBe(0);
    expect(r.report.counts.duplicated).toBe(0);
  });

  it('K18 (control): offsets committed after the transaction, crash in between: the batch is processed twice', () => {
    const r = run(eosDoc('commit-after', 'after-commit'));
    expectClean(r);
    expect(r.report.counts.lost).toBe(0);
    const dups = anomalies(r, 'duplicated');
    expect(dups.length).toBeGreaterThan(0);
    for (const a of dups) {
      expect(a.details.effectsApplied).toBe(2);
      expect(a.chain.some((e) => e.kind === 'crash' && e.node === 'c1')).toBe(true);
      expect(a.chain.some((e) => e.kind === 'requeue')).toBe(true);
    }
  });

  it('K18 (config): a processor with enable.auto.commit=true is rejected, as Kafka requires', () => {
    expect(() =>
      scenario(
        kafkaDoc({
          consumers: [consumer({ processor: { 'transactional.id': 'c1-tx' } })],
        }),
      ),
    ).toThrow(/enable.auto.commit=false/);
  });

  it('K19 (must not happen): a marker never applies to another transaction: with aborts every other transaction, exactly the committed records are read', () => {
    const r = run(
      kafkaDoc({
        topic: { 'min.insync.replicas': 2 },
        producers: [
          producer({ 'transactional.id': 'tx-1', 'transaction.records': 7, abortEvery: 2 }),
        ],
        consumers: [consumer({ 'isolation.level': 'read_committed' })],
        faults: [
          {
            atMs: 2000,
            type: 'delay-next',
            from: 'broker-1',
            to: 'broker-2',
            match: 'any',
            delayMs: 1500,
          },
          { atMs: 4000, type: 'crash', node: 'broker-2' },
          { atMs: 9000, type: 'restart', node: 'broker-2' },
        ],
      }),
    );
    expectClean(r);
    const acked = new Set(
      r.record.history
        .filter((op) => op.type === 'outcome' && op.result === 'ack')
        .map((op) => op.msg),
    );
    const delivered = new Set(
      r.record.history.filter((op) => op.type === 'deliver').map((op) => op.msg),
    );
    expect(acked.size).toBeGreaterThan(100);
    expect([...delivered].sort((x, y) => x - y)).toEqual([...acked].sort((x, y) => x - y));
  });

  it('K20 (fixed by KIP-101): a follower restart and a fast failover to it lose no acked write', () => {
    const r = run(
      kafkaDoc({
        topic: { 'min.insync.replicas': 2 },
        faults: [
          { atMs: 3000, type: 'crash', node: 'broker-2' },
          { atMs: 3200, type: 'restart', node: 'broker-2' },
          { atMs: 3400, type: 'crash', node: 'broker-1' },
          { atMs: 25000, type: 'restart', node: 'broker-1' },
        ],
      }),
    );
    expectClean(r);
    expect(r.report.counts.lost).toBe(0);
    expect(r.record.journal.some((e) => e.kind === 'leader-elected')).toBe(true);
  });

  it('K21: the last ISR member loses its page cache and returns as leader: committed data lost', () => {
    const r = run(
      kafkaDoc({
        topic: { 'min.insync.replicas': 2 },
        consumers: [consumer({ startMs: 12000 })],
        faults: [
          cutLeader(2000),
          { atMs: 8000, type: 'power-loss', node: 'broker-1' },
          { atMs: 8100, type: 'heal' },
          { atMs: 10000, type: 'restart', node: 'broker-1' },
        ],
      }),
    );
    expectClean(r);
    // broker-1's own copies went with its page cache; the followers' copies, when it was elected
    // again as the last ISR member (the ISR shrink, its power loss linked).
    expect(lostMechs(r)).toEqual(['kafka.isr-shrunk-to-leader']);
    const lost = anomalies(r, 'lost');
    expect(lost.length).toBeGreaterThan(50);
    for (const a of lost)
      expect(
        r.record.journal.some(
          (e) => e.mech === 'storage.page-cache-lost' && e.msgs?.includes(a.msg),
        ),
      ).toBe(true);
    for (const a of lost) {
      const reasons = dropReasons(a);
      expect(reasons).toContain('power-loss-unsynced');
      expect(reasons).toContain('not-on-new-leader');
      expect(
        a.chain.some((e) => e.kind === 'leader-elected' && e.data?.['leader'] === 'broker-1'),
      ).toBe(true);
      expect(a.reason.en).toMatch(/broker-1 lost power at 8\.000 s/);
      expect(a.reason.en).toMatch(/min\.insync\.replicas=2/);
    }
  });

  it('K22: correlated power loss of every replica loses acknowledged records', () => {
    const faults: Doc[] = [];
    for (const b of ['broker-1', 'broker-2', 'broker-3']) {
      faults.push({ atMs: 5000, type: 'power-loss', node: b });
      faults.push({ atMs: 6000, type: 'restart', node: b });
    }
    const r = run(kafkaDoc({ consumers: [consumer({ startMs: 7000 })], faults }));
    expectClean(r);
    expect(lostMechs(r)).toContain('storage.page-cache-lost');
    const lost = anomalies(r, 'lost');
    expect(lost.length).toBeGreaterThan(100);
    for (const a of lost) {
      expect(dropReasons(a).filter((x) => x === 'power-loss-unsynced').length).toBe(3);
      expect(a.reason.en).toMatch(/flush\.messages/);
    }
  });

  it('K22 (control): flush.messages=1 fsyncs every write: the same power loss loses nothing acked', () => {
    const faults: Doc[] = [];
    for (const b of ['broker-1', 'broker-2', 'broker-3']) {
      faults.push({ atMs: 5000, type: 'power-loss', node: b });
      faults.push({ atMs: 6000, type: 'restart', node: b });
    }
    const r = run(
      kafkaDoc({
        topic: { 'flush.messages': 1 },
        consumers: [consumer({ startMs: 7000 })],
        faults,
      }),
    );
    expectClean(r);
    expect(r.report.counts.lost).toBe(0);
  });

  it('K23: retention.ms shorter than the consumer lag deletes unread records', () => {
    const r = run(
      kafkaDoc({
        topic: { 'retention.ms': 5000, 'log.retention.check.interval.ms': 1000 },
        consumers: [consumer({ startMs: 20000 })],
      }),
    );
    expectClean(r);
    expect(lostMechs(r)).toEqual(['kafka.retention']);
    const lost = anomalies(r, 'lost');
    expect(lost.length).toBe(500);
    for (const a of lost.slice(0, 20)) {
      expect(dropReasons(a)).toContain('retention');
      expect(a.reason.en).toMatch(/retention\.ms = 5000/);
      expect(a.details.fate).toBe('expired');
    }
  });

  it('K24 (must not happen): pause then kill -9 of the leader, idempotence on: no duplicates, one value per offset', () => {
    const doc = kafkaDoc({
      topic: { 'min.insync.replicas': 2 },
      faults: [
        { atMs: 3000, type: 'pause', node: 'broker-1', durationMs: 4000 },
        { atMs: 5000, type: 'crash', node: 'broker-1' },
        { atMs: 15000, type: 'restart', node: 'broker-1' },
      ],
    });
    const runner = new Run(scenario(doc));
    const r = runner.finish();
    expectClean(r);
    expect(r.report.counts.duplicated).toBe(0);
    expect(r.report.counts.lost).toBe(0);
    // Inconsistent offsets: one offset holding different records on different replicas.
    const m = runner.model as unknown as KafkaModel;
    const seen = new Map<number, number>();
    for (const b of m.brokers) {
      for (const batch of b.replicas.get(0)?.log.batches ?? []) {
        batch.recs.forEach((rec, i) => {
          const off = batch.base + i;
          const v = seen.get(off);
          if (v === undefined) seen.set(off, rec.id);
          else expect(v).toBe(rec.id);
        });
      }
    }
  });

  it('K25 (must not happen): broker kills and restarts over a long run leave nothing lost or unseen', () => {
    const faults: Doc[] = [];
    const nodes = ['broker-1', 'broker-2', 'broker-3'];
    for (let i = 0; i < 6; i++) {
      const node = nodes[i % 3] as string;
      faults.push({ atMs: 3000 + i * 7000, type: 'crash', node });
      faults.push({ atMs: 3000 + i * 7000 + 4000, type: 'restart', node });
    }
    const r = run(
      kafkaDoc({
        durationMs: 90_000,
        topic: { 'min.insync.replicas': 2 },
        producers: [producer({ messages: 2000 })],
        faults,
      }),
    );
    expectClean(r);
    expect(r.report.counts.lost).toBe(0);
    // Unseen: acknowledged but never polled by the end. A quiet tail lets consumers catch up.
    const fates = r.report.groups[0]?.fates;
    expect(fates?.stored).toBe(0);
    expect(fates?.processed).toBe(2000);
  });

  it('K26 (must not happen): a healthy cluster loses no acknowledged write', () => {
    const r = run(
      kafkaDoc({
        topic: { partitions: 3, 'replica.assignment': undefined },
        producers: [producer({ keys: 10 })],
        consumers: [consumer(), consumer({ id: 'c2' })],
      }),
    );
    expectClean(r);
    expect(r.report.counts.lost).toBe(0);
    expect(r.report.counts.duplicated).toBe(0);
    expect(r.report.counts.reordered).toBe(0);
    expect(r.report.groups[0]?.fates.processed).toBe(500);
  });

  it('E4: consumers read only up to the high watermark', () => {
    // The leader is cut from its followers, which stay in the ISR for replica.lag.time.max.ms:
    // records it appends (and acks, with acks=1) stay above the high watermark, unread.
    const r = run(
      kafkaDoc({
        durationMs: 8000,
        topic: { 'replica.lag.time.max.ms': 30000 },
        producers: [producer({ acks: '1' })],
        faults: [cutLeader(2000)],
      }),
    );
    expectClean(r);
    const appendedAfterCut = new Set<number>();
    for (const e of r.record.journal)
      if (e.kind === 'append' && e.at > 2_010_000)
        for (const m of e.msgs ?? []) appendedAfterCut.add(m);
    expect(appendedAfterCut.size).toBeGreaterThan(50);
    const delivered = r.record.history.filter(
      (o) => o.type === 'deliver' && appendedAfterCut.has(o.msg),
    );
    expect(delivered.length).toBe(0);
    const stored = r.report.groups[0]?.fates.stored ?? 0;
    expect(stored).toBeGreaterThan(50);
  });
});
