import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, type Anomaly } from './checker';
import { explain, type AnomalyCore, type ExplainContext } from './explain';
import { RunBuilder } from './fixtures';
import type { JournalEntry } from './history';

const NO_OPS = { sends: [], outcomes: [], deliveries: [], effects: [] };

/** A minimal lost anomaly whose fate was decided by `drop`. */
function lostBy(
  drop: JournalEntry,
  extra: JournalEntry[] = [],
  result: 'ack' | 'sent' = 'ack',
): AnomalyCore {
  return {
    kind: 'lost',
    group: 'g',
    msg: 41,
    key: 'order-7',
    producer: 'p1',
    chain: [...extra, drop].sort((a, b) => a.id - b.id),
    relatedIds: [],
    details: {
      deliveries: 0,
      effectsApplied: 0,
      effectsAbsorbed: 0,
      fate: 'dropped',
      producer: { status: 'acknowledged', result, at: 10_200_000, error: null },
      seq: 0,
      dropEntry: drop.id,
    },
  };
}

const ctx: ExplainContext = { ops: NO_OPS, groupLabel: null };

describe('explain: lost', () => {
  it('reads the product example: ack time, crash time, node names, knob', () => {
    const crash: JournalEntry = { id: 3, at: 10_205_000, kind: 'crash', node: 'broker-1' };
    const restart: JournalEntry = {
      id: 4,
      at: 11_000_000,
      kind: 'restart',
      node: 'broker-1',
      cause: 3,
    };
    const drop: JournalEntry = {
      id: 5,
      at: 11_001_000,
      kind: 'drop',
      node: 'broker-1',
      msgs: [41],
      cause: 4,
      data: { reason: 'truncated', leader: 'broker-2', offset: 41 },
    };
    const r = explain(lostBy(drop, [crash, restart]), ctx);
    expect(r.en).toBe(
      'Message #41 (key order-7) was lost. The producer was told it was stored at 10.200 s. ' +
        'broker-1 crashed at 10.205 s before any follower had copied it. ' +
        'broker-2 became leader without it, and when broker-1 rejoined it truncated its log to match at 11.001 s (offset 41). ' +
        'With acks=all and min.insync.replicas=2 the acknowledgement would have waited for a follower.',
    );
    expect(r.zh).toContain('消息 #41（key=order-7）丢失。');
    expect(r.zh).toContain('10.205 s broker-1 崩溃');
    expect(r.zh).toContain('broker-2 当选新 leader');
    expect(r.zh).toContain('若设置 acks=all 且 min.insync.replicas=2');
  });

  it('follows the data, not the kind: node names and times come from the chain', () => {
    const mk = (node: string, at: number): string => {
      const crash: JournalEntry = { id: 1, at, kind: 'crash', node };
      const drop: JournalEntry = {
        id: 2,
        at,
        kind: 'drop',
        node,
        msgs: [41],
        cause: 1,
        data: { reason: 'crash-unwritten' },
      };
      return explain(lostBy(drop, [crash]), ctx).en;
    };
    expect(mk('rabbit-a', 1_000_000)).toContain('rabbit-a crashed at 1.000 s');
    expect(mk('rabbit-b', 2_500_000)).toContain('rabbit-b crashed at 2.500 s');
  });

  it('different mechanisms read differently', () => {
    const reasons = [
      'crash-unwritten',
      'crash-transient',
      'queue-deleted',
      'power-loss-unsynced',
      'truncated',
      'retention',
    ];
    const texts = reasons.map(
      (reason) =>
        explain(
          lostBy({ id: 1, at: 1, kind: 'drop', node: 'b', msgs: [41], data: { reason } }),
          ctx,
        ).en,
    );
    expect(new Set(texts).size).toBe(reasons.length);
  });

  it('an unknown reason code gets a truthful generic sentence', () => {
    const drop: JournalEntry = {
      id: 1,
      at: 2_000_000,
      kind: 'drop',
      node: 'rmq-3',
      msgs: [41],
      data: { reason: 'gremlins' },
    };
    const r = explain(lostBy(drop), ctx);
    expect(r.en).toContain('It was dropped by rmq-3 at 2.000 s: gremlins.');
    expect(r.zh).toContain('2.000 s rmq-3 丢弃了它');
    const bare = explain(lostBy({ id: 1, at: 0, kind: 'drop', node: 'x', msgs: [41] }), ctx);
    expect(bare.en).toContain('no reason recorded');
  });

  it('names each network drop reason', () => {
    const cases: [string, string, string][] = [
      ['partition', 'the link was partitioned', '网络分区'],
      ['loss', 'random packet loss', '随机丢包'],
      ['fault', 'an injected fault dropped it', '注入的故障'],
      ['receiver-down', 'broker-1 was down', 'broker-1 已宕机'],
    ];
    for (const [reason, en, zh] of cases) {
      const drop: JournalEntry = {
        id: 1,
        at: 0,
        kind: 'net-drop',
        node: 'p1->broker-1',
        msgs: [41],
        data: { reason, type: 'publish' },
      };
      const r = explain(lostBy(drop, [], 'sent'), { ops: NO_OPS, groupLabel: 'orders' });
      expect(r.en).toContain(en);
      expect(r.en).toContain('was lost for orders');
      expect(r.zh).toContain(zh);
    }
  });

  it('knob depends on what the producer was told', () => {
    const drop: JournalEntry = {
      id: 1,
      at: 0,
      kind: 'drop',
      node: 'b',
      msgs: [41],
      data: { reason: 'crash-unwritten' },
    };
    expect(explain(lostBy(drop, [], 'sent'), ctx).en).toContain('With publisher confirms');
    expect(explain(lostBy(drop, [], 'ack'), ctx).en).toContain(
      'Acknowledging only after the fsync',
    );
  });
});

describe('explain: duplicated', () => {
  it('says when the journal does not show the cause', () => {
    const b = new RunBuilder();
    b.published(1).consumed(1);
    b.at(5000).deliver(1, 'c1', 'g', true);
    const a = check(b.build()).anomalies[0] as Anomaly;
    expect(a.reason.en).toContain(
      'The broker redelivered it at 5.000 s; the journal does not record why.',
    );
    expect(a.reason.zh).toContain('日志中没有记录原因');
  });

  it('a network duplicate is named', () => {
    const b = new RunBuilder();
    b.published(1);
    b.at(3000).note('net-duplicate', 'broker-1->c1', [1], { type: 'deliver' });
    b.consumed(1).deliver(1);
    const a = check(b.build()).anomalies[0] as Anomaly;
    expect(a.reason.en).toContain(
      'The network duplicated the deliver from broker-1 to c1 at 3.000 s.',
    );
  });

  it('a requeue before the first delivery does not explain a repeat', () => {
    const b = new RunBuilder();
    b.published(1);
    b.note('requeue', 'broker-1', [1], { reason: 'nack' });
    b.consumed(1).deliver(1);
    const a = check(b.build()).anomalies[0] as Anomaly;
    expect(a.reason.en).not.toContain('requeued');
  });
});

describe('explain: every anomaly reads cleanly', () => {
  it('no placeholders leak into any language', () => {
    // Random small runs with random faults: whatever comes out must read as text.
    const step = fc.oneof(
      fc.record({
        t: fc.constant('send' as const),
        m: fc.nat(5),
        k: fc.constantFrom('a', 'b', null),
      }),
      fc.record({
        t: fc.constant('outcome' as const),
        m: fc.nat(5),
        r: fc.constantFrom(
          'ack' as const,
          'sent' as const,
          'nack' as const,
          'error' as const,
          'timeout' as const,
        ),
        d: fc.boolean(),
      }),
      fc.record({
        t: fc.constant('deliver' as const),
        m: fc.nat(5),
        c: fc.constantFrom('c1', 'c2'),
      }),
      fc.record({
        t: fc.constant('effect' as const),
        m: fc.nat(5),
        c: fc.constantFrom('c1', 'c2'),
        ap: fc.boolean(),
      }),
      fc.record({
        t: fc.constant('note' as const),
        m: fc.nat(5),
        kind: fc.constantFrom(
          'drop' as const,
          'net-drop' as const,
          'requeue' as const,
          'recover' as const,
          'publish-retry' as const,
          'confirm-timeout' as const,
          'enqueue' as const,
          'reject' as const,
          'net-duplicate' as const,
        ),
        reason: fc.constantFrom(
          'crash-unwritten',
          'crash-transient',
          'queue-deleted',
          'power-loss-unsynced',
          'truncated',
          'retention',
          'auto-ack-consumer-crash',
          'partition',
          'loss',
          'fault',
          'receiver-down',
          'channel-closed',
          'weird',
        ),
        type: fc.constantFrom('publish', 'confirm', 'deliver', 'ack'),
        crash: fc.boolean(),
      }),
    );
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), fc.boolean(), (steps, twoGroups) => {
        const b = new RunBuilder(twoGroups ? ['g', 'h'] : ['g']);
        // Most messages exist before the random steps, so the steps mostly hit sent messages.
        for (let m = 0; m < 5; m++) b.send(m, 'p1', m % 2 === 0 ? 'a' : 'b');
        for (const s of steps) {
          switch (s.t) {
            case 'send':
              b.send(s.m, 'p1', s.k);
              break;
            case 'outcome':
              b.outcome(s.m, s.r, s.d);
              break;
            case 'deliver':
              b.deliver(s.m, s.c);
              break;
            case 'effect':
              b.effect(s.m, s.c, 'g', s.ap);
              break;
            case 'note': {
              const cause = s.crash
                ? b.note('crash', s.kind === 'net-drop' ? 'c1' : 'broker-1')
                : undefined;
              const node =
                s.kind === 'net-drop' || s.kind === 'net-duplicate' ? 'broker-1->p1' : 'broker-1';
              b.note(s.kind, node, [s.m], { reason: s.reason, type: s.type }, cause);
              break;
            }
          }
        }
        const r = check(b.build());
        for (const a of r.anomalies) seen.add(a.kind);
        for (const a of r.anomalies) {
          for (const text of [a.reason.en, a.reason.zh]) {
            expect(text.length).toBeGreaterThan(10);
            expect(text).not.toMatch(/undefined|NaN|null|\[object/);
          }
          expect(a.reason.zh).toMatch(/[\u4e00-\u9fff]/);
          expect(a.reason.en).toMatch(/^Message #\d+/);
          expect(a.reason.zh).toMatch(/^消息 #\d+/);
        }
      }),
      { numRuns: 300 },
    );
    // The generator must actually reach every kind, or this property proves little.
    expect([...seen].sort()).toEqual([
      'duplicated',
      'lost',
      'recovered',
      'reordered',
      'unexpected',
    ]);
  });
});
