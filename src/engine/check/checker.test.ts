import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, fateOf, fatesOf, FATES, type Anomaly, type CheckReport } from './checker';
import { RunBuilder } from './fixtures';
import type { HistoryOp, JournalEntry, MechanismId, MsgId, RunRecord } from './history';

function only(report: CheckReport): Anomaly {
  expect(report.anomalies).toHaveLength(1);
  return report.anomalies[0] as Anomaly;
}

function chainIds(a: Anomaly): number[] {
  return a.chain.map((e) => e.id);
}

describe('clean history', () => {
  it('reports no anomaly and every message processed', () => {
    const b = new RunBuilder(['g']);
    for (let m = 1; m <= 6; m++) b.published(m, m % 2 === 0 ? 'p1' : 'p2', m % 3 === 0 ? 'a' : 'b');
    for (let m = 1; m <= 6; m++) b.consumed(m);
    const r = check(b.build());
    expect(r.anomalies).toEqual([]);
    expect(r.messages).toBe(6);
    expect(r.unaccounted).toBe(0);
    expect(r.counts).toEqual({ lost: 0, duplicated: 0, reordered: 0, unexpected: 0, recovered: 0 });
    expect(r.groups).toEqual([
      {
        group: 'g',
        fates: { ...Object.fromEntries(FATES.map((f) => [f, 0])), processed: 6 },
        counts: { lost: 0, duplicated: 0, reordered: 0, unexpected: 0, recovered: 0 },
      },
    ]);
    for (let m = 1; m <= 6; m++) expect(fateOf(r, 'g', m)).toBe('processed');
  });
});

describe('lost', () => {
  it('fire-and-forget message in memory when the broker crashed (product example times)', () => {
    const b = new RunBuilder();
    b.at(10_100).send(41, 'p1', 'order-7');
    b.note('publish', 'p1', [41]);
    b.at(10_200).outcome(41, 'sent');
    b.note('enqueue', 'broker-1', [41]);
    const crash = b.at(10_205).note('crash', 'broker-1');
    const drop = b.note(
      'drop',
      'broker-1',
      [41],
      { reason: 'crash-unwritten' },
      crash,
      'storage.crash-before-write',
      [{ role: 'fault', id: crash }],
    );
    const r = check(b.build());
    const a = only(r);
    expect(a).toMatchObject({ kind: 'lost', group: 'g', msg: 41, key: 'order-7', producer: 'p1' });
    expect(a.details.fate).toBe('dropped');
    expect(a.details.dropEntry).toBe(drop);
    expect(a.details.producer?.status).toBe('acknowledged');
    expect(a.details.producer?.result).toBe('sent');
    expect(a.mechanisms).toEqual(['storage.crash-before-write']);
    expect(a.acts).toEqual([{ mech: 'storage.crash-before-write', entry: drop, causes: [crash] }]);
    // The crash touches no message; it is in the chain through the drop's link.
    expect(chainIds(a)).toContain(crash);
    expect(a.reason.en).toMatch(/^Message #41 \(key order-7\) was lost\./);
    expect(a.reason.en).toContain('fire-and-forget');
    expect(a.reason.en).toContain('broker-1 crashed at 10.205 s');
    expect(a.reason.en).toContain('publisher confirms');
    expect(a.reason.zh).toMatch(/^消息 #41（key=order-7）丢失。/);
    expect(a.reason.zh).toContain('10.205s broker-1 崩溃');
    expect(a.reason.zh).toContain('发布确认');
    expect(r.counts.lost).toBe(1);
    expect(r.groups[0]?.counts.lost).toBe(1);
    expect(r.groups[0]?.fates.dropped).toBe(1);
  });

  it('Kafka truncation after an acks=1 leader crash names the leader, the times and the knobs', () => {
    const b = new RunBuilder();
    b.at(10_100).send(41, 'p1', 'order-7');
    const append = b.note('append', 'broker-1', [41]);
    const ack = b.at(10_199).note('confirm-sent', 'broker-1', [41]);
    b.at(10_200).outcome(41, 'ack');
    const crash = b.at(10_205).note('crash', 'broker-1');
    const elected = b
      .at(11_000)
      .note('leader-elected', 'controller', undefined, { partition: 0, leader: 'broker-2' }, crash);
    b.at(12_010).note(
      'drop',
      'broker-1',
      [41],
      { reason: 'not-on-new-leader', leader: 'broker-2', offset: 40, partition: 0 },
      elected,
      'kafka.acks1-leader-crash',
      [
        { role: 'fault', id: crash },
        { role: 'election', id: elected },
        { role: 'ack', id: ack },
        { role: 'earlier', id: append },
      ],
    );
    const a = only(check(b.build()));
    expect(a.kind).toBe('lost');
    expect(a.mechanisms).toEqual(['kafka.acks1-leader-crash']);
    expect(chainIds(a)).toEqual(expect.arrayContaining([crash, elected, ack, append]));
    expect(a.reason.en).toContain('broker-1 was the leader and acknowledged it at 10.199 s');
    expect(a.reason.en).toContain('broker-1 crashed at 10.205 s');
    expect(a.reason.en).toContain('broker-2 became leader of partition 0 at 11.000 s');
    expect(a.reason.en).toContain('at offset 40');
    expect(a.reason.en).toContain('acks=all with min.insync.replicas=2');
    expect(a.reason.zh).toContain('截断');
    expect(a.reason.zh).toContain('10.205s broker-1 崩溃');
    expect(a.reason.zh).toContain('acks=all 且 min.insync.replicas=2');
    expect(a.reason.en).not.toContain('?');
  });

  type Case = {
    name: string;
    mech: MechanismId;
    build: (b: RunBuilder) => void;
    en: string[];
    zh: string[];
  };
  const acked = (b: RunBuilder): void => {
    b.published(1, 'p1', 'k');
  };
  const cases: Case[] = [
    {
      name: 'transient message lost on crash',
      mech: 'amqp.transient-message',
      build: (b) => {
        acked(b);
        const c = b.note('crash', 'broker-1');
        b.note(
          'drop',
          'broker-1',
          [1],
          { reason: 'crash-transient' },
          c,
          'amqp.transient-message',
          [{ role: 'fault', id: c }],
        );
      },
      en: ['deliveryMode=1', 'crashed', 'deliveryMode=2', 'durable'],
      zh: ['deliveryMode=1', '崩溃', 'deliveryMode=2'],
    },
    {
      name: 'non-durable queue deleted on restart',
      mech: 'amqp.non-durable-queue',
      build: (b) => {
        acked(b);
        const c = b.note('crash', 'broker-1');
        const r = b.at(5000).note('restart', 'broker-1', undefined, undefined, c);
        b.note(
          'drop',
          'broker-1',
          [1],
          { reason: 'queue-deleted', queue: 'g' },
          r,
          'amqp.non-durable-queue',
          [{ role: 'restart', id: r }],
        );
      },
      en: ['queue g was not durable', 'restarted at 5.000 s', 'durable'],
      zh: ['durable', '重启'],
    },
    {
      name: 'page cache lost on power failure',
      mech: 'storage.page-cache-lost',
      build: (b) => {
        acked(b);
        const c = b.at(3000).note('power-loss', 'broker-1');
        b.note(
          'drop',
          'broker-1',
          [1],
          { reason: 'power-loss-unsynced' },
          c,
          'storage.page-cache-lost',
          [{ role: 'fault', id: c }],
        );
      },
      en: ['page cache', 'lost power at 3.000 s'],
      zh: ['页缓存', '断电'],
    },
    {
      name: 'autoAck consumer crash',
      mech: 'amqp.autoack-crash',
      build: (b) => {
        acked(b);
        b.note('dispatch', 'broker-1', [1]);
        b.at(2000).deliver(1, 'c1');
        const c = b.at(2500).note('crash', 'c1');
        b.note('drop', 'c1', [1], { reason: 'auto-ack-consumer-crash' }, c, 'amqp.autoack-crash', [
          { role: 'fault', id: c },
        ]);
      },
      en: ['autoAck', 'c1 crashed', '2.500 s', 'Manual acknowledgements'],
      zh: ['autoAck', '崩溃', '手动确认'],
    },
    {
      name: 'fire-and-forget publish lost in a partition',
      mech: 'net.message-dropped',
      build: (b) => {
        b.send(1, 'p1', 'k');
        b.outcome(1, 'sent');
        const cut = b.note('partition', 'p1<->broker-1');
        b.at(1500).note(
          'net-drop',
          'p1->broker-1',
          [1],
          { reason: 'partition', type: 'publish' },
          undefined,
          'net.message-dropped',
          [{ role: 'network', id: cut }],
        );
      },
      en: ['network dropped the publish', 'p1 to broker-1', '1.500 s', 'network partition'],
      zh: ['网络丢弃', '网络分区'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const b = new RunBuilder();
      c.build(b);
      const a = only(check(b.build()));
      expect(a.kind).toBe('lost');
      expect(a.mechanisms).toEqual([c.mech]);
      for (const s of c.en) expect(a.reason.en).toContain(s);
      for (const s of c.zh) expect(a.reason.zh).toContain(s);
      expect(a.reason.en).not.toMatch(/[?{}[\]]|undefined/);
    });
  }

  it('a drop whose mechanism was not recorded says so instead of guessing', () => {
    const b = new RunBuilder();
    acked(b);
    b.at(4000).note('drop', 'broker-9', [1], { reason: 'cosmic-ray' });
    const a = only(check(b.build()));
    expect(a.mechanisms).toEqual([]);
    expect(a.reason.en).toContain('recorded no mechanism');
    expect(a.reason.en).not.toContain('cosmic-ray');
  });

  it('rejected although acknowledged is never-accepted and lost', () => {
    const b = new RunBuilder();
    b.send(1, 'p1', 'k');
    b.note(
      'reject',
      'broker-1',
      [1],
      { reason: 'queue-down', queue: 'g' },
      undefined,
      'rabbit.queue-down',
    );
    b.outcome(1, 'ack');
    const a = only(check(b.build()));
    expect(a.kind).toBe('lost');
    expect(a.details.fate).toBe('never-accepted');
    expect(a.mechanisms).toEqual(['rabbit.queue-down']);
  });

  it('the last drop decides the fate', () => {
    const b = new RunBuilder();
    b.send(1);
    b.note(
      'net-drop',
      'p1->broker-1',
      [1],
      { reason: 'loss', type: 'publish' },
      undefined,
      'net.message-dropped',
    );
    b.send(1);
    b.note('publish-retry', 'p1', [1]);
    b.note('enqueue', 'broker-1', [1]);
    b.outcome(1, 'sent');
    const c = b.note('crash', 'broker-1');
    const d = b.note(
      'drop',
      'broker-1',
      [1],
      { reason: 'crash-unwritten' },
      c,
      'storage.crash-before-write',
      [{ role: 'fault', id: c }],
    );
    const a = only(check(b.build()));
    expect(a.details.dropEntry).toBe(d);
    expect(a.mechanisms).toEqual(['storage.crash-before-write']);
    expect(a.reason.en).toContain('memory');
  });
});

describe('policy fates', () => {
  it('a dead-lettered message is not lost, and is explained by its mechanism', () => {
    const b = new RunBuilder(['q', 'dlq']);
    b.published(1);
    const exp = b
      .at(5000)
      .note(
        'drop',
        'broker-1',
        [1],
        { reason: 'expired', queue: 'q' },
        undefined,
        'rabbit.expired',
      );
    const dl = b.note(
      'dead-letter',
      'broker-1',
      [1],
      { queue: 'q', from: 'q', exchange: 'dlx', to: 'dlq' },
      exp,
      'rabbit.dead-lettered',
      [{ role: 'policy', id: exp }],
    );
    b.consumed(1, 'c2', 'dlq');
    const r = check(b.build());
    expect(fateOf(r, 'q', 1)).toBe('dead-lettered');
    expect(fateOf(r, 'dlq', 1)).toBe('processed');
    expect(r.counts.lost).toBe(0);
    expect(r.setAside).toHaveLength(1);
    expect(r.setAside[0]).toMatchObject({ fate: 'dead-lettered', group: 'q', msg: 1 });
    expect(r.setAside[0]?.mechanisms).toEqual(['rabbit.dead-lettered']);
    expect(r.setAside[0]?.acts[0]?.entry).toBe(dl);
    expect(r.setAside[0]?.reason.en).toContain('dead-letter exchange dlx, which routed it to dlq');
    expect(r.setAside[0]?.reason.zh).toContain('死信');
  });

  it('expired, overflowed and rejected are fates of their own; expiry and overflow lose by design', () => {
    const b = new RunBuilder(['g']);
    b.published(1).published(2).published(3);
    b.note('drop', 'broker-1', [1], { reason: 'expired' }, undefined, 'rabbit.expired');
    b.note('drop', 'broker-1', [2], { reason: 'drop-head' }, undefined, 'rabbit.overflow');
    b.note(
      'drop',
      'broker-1',
      [3],
      { reason: 'consumer-rejected', consumer: 'c1' },
      undefined,
      'rabbit.consumer-rejected',
    );
    const r = check(b.build());
    expect([1, 2, 3].map((m) => fateOf(r, 'g', m))).toEqual(['expired', 'overflowed', 'rejected']);
    expect(r.anomalies.map((a) => [a.msg, a.kind, a.mechanisms[0]])).toEqual([
      [1, 'lost', 'rabbit.expired'],
      [2, 'lost', 'rabbit.overflow'],
    ]);
    expect(r.setAside.map((x) => [x.msg, x.mechanisms[0]])).toEqual([
      [3, 'rabbit.consumer-rejected'],
    ]);
  });

  it('auto.offset.reset=latest skips: a fate of its own, and a loss with its mechanism', () => {
    const b = new RunBuilder(['g1']);
    b.published(1);
    const assign = b.note('assign', 'c1', undefined, { group: 'g1' });
    b.note(
      'drop',
      'c1',
      [1],
      { reason: 'auto-offset-reset', group: 'g1', reset: 'latest' },
      undefined,
      'kafka.auto-offset-reset',
      [{ role: 'rebalance', id: assign }],
    );
    const r = check({ ...b.build(), family: 'kafka' });
    expect(fateOf(r, 'g1', 1)).toBe('skipped');
    const a = only(r);
    expect(a.mechanisms).toEqual(['kafka.auto-offset-reset']);
    expect(a.reason.en).toContain('auto.offset.reset=latest');
    expect(a.reason.en).toContain('auto.offset.reset=earliest');
  });
});

describe('fates', () => {
  it('stored and in-flight at the end are pending, not lost', () => {
    const b = new RunBuilder();
    b.published(1).published(2).published(3);
    b.consumed(1);
    b.hold(2, 'stored').hold(3, 'in-flight');
    const r = check(b.build());
    expect(r.anomalies).toEqual([]);
    expect(fateOf(r, 'g', 2)).toBe('stored');
    expect(fateOf(r, 'g', 3)).toBe('in-flight');
    expect(r.groups[0]?.fates).toMatchObject({ processed: 1, stored: 1, 'in-flight': 1 });
  });

  it('a message that vanished without a drop entry is unaccounted (and lost if acked)', () => {
    const b = new RunBuilder();
    b.published(1);
    const r = check(b.build());
    expect(r.unaccounted).toBe(1);
    expect(fateOf(r, 'g', 1)).toBe('unaccounted');
    const a = only(r);
    expect(a.kind).toBe('lost');
    expect(a.mechanisms).toEqual([]);
    expect(a.reason.en).toContain("gap in the simulator's bookkeeping");
    expect(a.reason.zh).toContain('记账');
  });

  it('a lost confirm is not a drop of the message', () => {
    const b = new RunBuilder();
    b.send(1);
    b.note('enqueue', 'broker-1', [1]);
    b.note('net-drop', 'broker-1->p1', [1], { reason: 'partition', type: 'confirm' });
    b.outcome(1, 'timeout');
    const r = check(b.build());
    expect(fateOf(r, 'g', 1)).toBe('unaccounted');
    // Indeterminate: the producer never claimed success, so it is not lost.
    expect(r.anomalies).toEqual([]);
  });

  it('a definite failure with nothing stored is never-accepted; a reject entry too', () => {
    const b = new RunBuilder();
    b.send(1).outcome(1, 'nack', true);
    b.send(2);
    b.note('reject', 'broker-1', [2]);
    b.outcome(2, 'error', false, 'NotEnoughReplicas');
    b.send(3);
    b.note('enqueue', 'broker-1', [3]);
    b.outcome(3, 'error', true);
    const r = check(b.build());
    expect(fateOf(r, 'g', 1)).toBe('never-accepted');
    expect(fateOf(r, 'g', 2)).toBe('never-accepted');
    // Stored, then definitely failed, then gone without a drop: nothing explains it.
    expect(fateOf(r, 'g', 3)).toBe('unaccounted');
    expect(r.anomalies).toEqual([]);
  });

  it('an indeterminate publish lost in the network is dropped, not lost', () => {
    const b = new RunBuilder();
    b.send(1);
    b.note('net-drop', 'p1->broker-1', [1], { reason: 'loss', type: 'publish' });
    b.outcome(1, 'timeout');
    const r = check(b.build());
    expect(fateOf(r, 'g', 1)).toBe('dropped');
    expect(r.anomalies).toEqual([]);
  });

  it('a drop scoped to one queue does not explain another', () => {
    const b = new RunBuilder(['q1', 'q2', 'q3']);
    b.published(1);
    b.consumed(1, 'c1', 'q1');
    b.note('drop', 'broker-1', [1], { reason: 'queue-deleted', queue: 'q2' });
    const r = check(b.build());
    expect(fateOf(r, 'q1', 1)).toBe('processed');
    expect(fateOf(r, 'q2', 1)).toBe('dropped');
    expect(fateOf(r, 'q3', 1)).toBe('unaccounted');
    expect(r.anomalies.map((a) => [a.group, a.kind])).toEqual([
      ['q2', 'lost'],
      ['q3', 'lost'],
    ]);
    // With several groups, the explanation names the group.
    expect(r.anomalies[0]?.reason.en).toContain('was lost for q2');
    expect(r.anomalies[0]?.reason.zh).toContain('在 q2 中丢失');
  });

  it('every (message, group) gets exactly one fate', () => {
    const b = new RunBuilder(['a', 'b']);
    for (let m = 0; m < 5; m++) b.published(m);
    b.consumed(0, 'c1', 'a').consumed(1, 'c1', 'b').hold(2, 'stored', 'a');
    b.note('drop', 'broker-1', [3], { reason: 'retention' });
    const run = b.build();
    const r = check(run);
    for (const g of r.groups) {
      const total = FATES.reduce((s, f) => s + g.fates[f], 0);
      expect(total).toBe(5);
    }
    expect(fatesOf(run).get('a')?.get(2)).toBe('stored');
  });
});

describe('duplicated', () => {
  it('republish after a lost confirm, absorbed by the sink', () => {
    const b = new RunBuilder();
    b.at(1000).send(7, 'p1', 'k');
    b.note('publish', 'p1', [7]);
    b.note('enqueue', 'broker-1', [7]);
    b.note('confirm-sent', 'broker-1', [7]);
    const lost = b
      .at(1010)
      .note('net-drop', 'broker-1->p1', [7], { reason: 'partition', type: 'confirm' });
    const to = b.at(6000).note('confirm-timeout', 'p1', [7]);
    b.at(6001).send(7, 'p1', 'k');
    b.at(6001).note(
      'publish-retry',
      'p1',
      [7],
      undefined,
      undefined,
      'rabbit.lost-confirm-republish',
      [
        { role: 'attempt', id: 0 },
        { role: 'network', id: lost },
        { role: 'timeout', id: to },
      ],
    );
    b.note('enqueue', 'broker-1', [7]);
    b.outcome(7, 'ack');
    b.consumed(7);
    b.deliver(7).effect(7, 'c1', 'g', false);
    const r = check(b.build());
    const a = only(r);
    expect(a.kind).toBe('duplicated');
    expect(a.details).toMatchObject({ deliveries: 2, effectsApplied: 1, effectsAbsorbed: 1 });
    expect(a.mechanisms).toEqual(['rabbit.lost-confirm-republish']);
    expect(a.reason.en).toContain('was delivered 2 times');
    expect(a.reason.en).toContain('republished it at 6.001 s because its confirm never came');
    expect(a.reason.en).toContain('publisher confirm (basic.ack) from broker-1 at 1.010 s');
    expect(a.reason.en).toContain('sink recognised the repeat');
    expect(a.reason.zh).toContain('重发');
    expect(a.reason.zh).toContain('一直没有收到确认');
    expect(a.reason.zh).toContain('下游存储识别出了这次重复');
  });

  it('requeue after the consumer crashed before its ack, applied twice', () => {
    const b = new RunBuilder();
    b.published(3);
    b.note('dispatch', 'broker-1', [3]);
    b.deliver(3, 'c1');
    b.effect(3, 'c1');
    const crash = b.at(4000).note('crash', 'c1');
    b.at(4001).note(
      'requeue',
      'broker-1',
      [3],
      { reason: 'channel-closed', consumer: 'c1' },
      crash,
      'rabbit.requeue',
      [{ role: 'fault', id: crash }],
    );
    b.deliver(3, 'c2', 'g', true).effect(3, 'c2');
    const a = only(check(b.build()));
    expect(a.kind).toBe('duplicated');
    expect(a.details).toMatchObject({ deliveries: 2, effectsApplied: 2, effectsAbsorbed: 0 });
    expect(a.mechanisms).toEqual(['rabbit.requeue']);
    expect(a.reason.en).toContain(
      'requeued it at 4.001 s: the channel of c1 closed before its basic.ack arrived',
    );
    expect(a.reason.en).toContain('c1 crashed at 4.000 s');
    expect(a.reason.en).toContain('idempotent');
    expect(a.reason.zh).toContain('重新入队');
    expect(a.reason.zh).toContain('幂等');
  });

  it('recovered from disk after a restart because the ack was not persisted', () => {
    const b = new RunBuilder();
    b.published(3);
    b.consumed(3);
    const crash = b.note('crash', 'broker-1');
    const restart = b.at(8000).note('restart', 'broker-1', undefined, undefined, crash);
    b.note('recover', 'broker-1', [3], undefined, restart, 'rabbit.ack-not-persisted', [
      { role: 'restart', id: restart },
    ]);
    b.deliver(3, 'c1', 'g', true).effect(3, 'c1', 'g', false);
    const a = only(check(b.build()));
    expect(a.mechanisms).toEqual(['rabbit.ack-not-persisted']);
    expect(a.reason.en).toContain('recovered it from disk when it restarted at 8.000 s');
    expect(a.reason.en).toContain('ack had not yet been written to disk');
    expect(a.reason.zh).toContain('从磁盘恢复');
    expect(a.chain.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['crash', 'restart', 'recover']),
    );
  });

  it('is one anomaly per (message, group), however many repeats', () => {
    const b = new RunBuilder(['g', 'h']);
    b.published(1);
    b.deliver(1).deliver(1).deliver(1).effect(1).effect(1);
    b.deliver(1, 'c9', 'h').effect(1, 'c9', 'h').effect(1, 'c9', 'h');
    const r = check(b.build());
    expect(
      r.anomalies.map((a) => [a.group, a.kind, a.details.deliveries, a.details.effectsApplied]),
    ).toEqual([
      ['g', 'duplicated', 3, 2],
      ['h', 'duplicated', 1, 2],
    ]);
    expect(r.counts.duplicated).toBe(2);
    expect(r.anomalies[1]?.reason.en).toContain('processed 2 times');
  });
});

describe('reordered', () => {
  it('a retry lands behind a later message (retry reordering)', () => {
    const b = new RunBuilder();
    b.at(1000).send(1, 'p1', 'k');
    b.note('publish', 'p1', [1]);
    const dropped = b.note('net-drop', 'p1->broker-1', [1], { reason: 'loss', type: 'publish' });
    b.at(1100).send(2, 'p1', 'k');
    b.note('publish', 'p1', [2]);
    b.note('enqueue', 'broker-1', [2]);
    b.outcome(2, 'ack');
    b.at(2000).send(1, 'p1', 'k');
    b.at(2000).note(
      'publish-retry',
      'p1',
      [1],
      undefined,
      undefined,
      'kafka.retry-without-idempotence',
      [{ role: 'network', id: dropped }],
    );
    b.note('enqueue', 'broker-1', [1]);
    b.outcome(1, 'ack');
    b.consumed(2).consumed(1);
    const r = check({ ...b.build(), family: 'kafka' });
    const a = only(r);
    expect(a).toMatchObject({ kind: 'reordered', msg: 1, key: 'k', producer: 'p1' });
    expect(a.mechanisms).toEqual(['kafka.retry-without-idempotence']);
    expect(a.details.after).toBe(2);
    expect(a.details.afterSeq).toBe(1);
    expect(a.details.seq).toBe(0);
    // The chain holds the other message's entries too, marked as related.
    expect(a.relatedIds.length).toBeGreaterThan(0);
    const byId = new Map(a.chain.map((e) => [e.id, e]));
    for (const id of a.relatedIds) expect(byId.get(id)?.msgs).toContain(2);
    expect(a.chain.some((e) => e.msgs?.includes(1))).toBe(true);
    expect(a.reason.en).toContain('processed after message #2');
    expect(a.reason.en).toContain('p1 sent it again at 2.000 s');
    expect(a.reason.en).toContain('enable.idempotence=true');
    expect(a.reason.zh).toContain('重试');
    expect(a.reason.zh).toContain('enable.idempotence=true');
  });

  it('competing consumers', () => {
    const b = new RunBuilder();
    b.published(1).published(2);
    b.deliver(1, 'c1').deliver(2, 'c2');
    b.effect(2, 'c2').effect(1, 'c1');
    const a = only(check(b.build()));
    expect(a.kind).toBe('reordered');
    expect(a.mechanisms).toEqual(['consumer.competing-consumers']);
    expect(a.reason.en).toContain('different consumers (c2 and c1)');
    expect(a.reason.en).toContain('single-active-consumer');
    expect(a.reason.zh).toContain('single-active-consumer');
  });

  it('names the earliest-processed later message, and ignores null keys and other keys', () => {
    const b = new RunBuilder();
    for (const m of [0, 1, 2, 3]) b.published(m, 'p1', 'k'); // seqs 0..3
    b.published(10, 'p1', null).published(11, 'p1', null);
    b.published(20, 'p1', 'other');
    b.published(30, 'p2', 'k');
    for (const m of [30, 2, 11, 3, 0, 10, 1, 20]) b.consumed(m);
    const r = check(b.build());
    expect(r.anomalies.map((a) => [a.msg, a.details.after])).toEqual([
      [0, 2],
      [1, 2],
    ]);
  });

  it('judges order by the first effect, not by later repeats', () => {
    const b = new RunBuilder();
    b.published(1).published(2);
    b.consumed(1).consumed(2);
    b.deliver(1, 'c1', 'g', true).effect(1, 'c1', 'g', false);
    const r = check(b.build());
    expect(r.anomalies.map((a) => a.kind)).toEqual(['duplicated']);
  });
});

describe('unexpected', () => {
  it('delivered but never sent', () => {
    const b = new RunBuilder();
    b.note('dispatch', 'broker-1', [99]);
    b.at(3000).deliver(99, 'c1').effect(99);
    const r = check(b.build());
    const a = only(r);
    expect(a).toMatchObject({ kind: 'unexpected', msg: 99, producer: null, key: null });
    expect(r.messages).toBe(0);
    expect(a.reason.en).toContain('no producer ever sent it');
    expect(a.reason.zh).toContain('从来没有生产者发送过它');
  });

  it('delivered although the publish definitely failed (G1a)', () => {
    const b = new RunBuilder();
    b.send(5, 'p1', 'k');
    b.note('enqueue', 'broker-1', [5]);
    b.at(2000).outcome(5, 'error', true, 'InvalidProducerEpoch');
    b.consumed(5);
    const a = only(check(b.build()));
    expect(a.kind).toBe('unexpected');
    expect(a.details.producer?.status).toBe('failed');
    expect(a.reason.en).toContain('definitely failed (InvalidProducerEpoch)');
    expect(a.reason.zh).toContain('确定失败');
  });
});

describe('recovered', () => {
  it('timed out but delivered, because the confirm was lost', () => {
    const b = new RunBuilder();
    b.send(4, 'p1', 'k');
    b.note('enqueue', 'broker-1', [4]);
    b.at(1500).note(
      'net-drop',
      'broker-1->p1',
      [4],
      { reason: 'fault', type: 'confirm', ack: true },
      undefined,
      'net.ack-dropped',
    );
    b.at(5000).outcome(4, 'timeout');
    b.consumed(4);
    const r = check(b.build());
    const a = only(r);
    expect(a.kind).toBe('recovered');
    expect(a.details.producer?.status).toBe('indeterminate');
    expect(a.mechanisms).toEqual(['net.ack-dropped']);
    expect(a.reason.en).toContain('(timeout)');
    expect(a.reason.en).toContain('injected fault');
    expect(a.reason.en).toContain('maybe stored');
    expect(a.reason.zh).toContain('超时');
    expect(fateOf(r, 'g', 4)).toBe('processed');
  });

  it('a non-definite error counts as indeterminate', () => {
    const b = new RunBuilder();
    b.send(4).outcome(4, 'error', false, 'NotEnoughReplicasAfterAppend').consumed(4);
    const a = only(check(b.build()));
    expect(a.kind).toBe('recovered');
    expect(a.reason.en).toContain('NotEnoughReplicasAfterAppend');
  });

  it('a publish still pending at the end is not recovered', () => {
    const b = new RunBuilder();
    b.send(4).consumed(4);
    expect(check(b.build()).anomalies).toEqual([]);
  });

  it('a later ack wins over an earlier timeout', () => {
    const b = new RunBuilder();
    b.send(4).outcome(4, 'timeout').send(4).outcome(4, 'ack').consumed(4);
    expect(check(b.build()).anomalies).toEqual([]);
  });
});

describe('report', () => {
  it('explain: false keeps kinds, counts and fates but skips chains and text', () => {
    const b = new RunBuilder();
    b.published(1).published(2);
    b.consumed(2).consumed(1).deliver(1);
    b.published(3);
    const full = check(b.build());
    const bare = check(b.build(), { explain: false });
    expect(bare.counts).toEqual(full.counts);
    expect(bare.groups).toEqual(full.groups);
    expect(bare.anomalies.map((a) => [a.kind, a.msg, a.details])).toEqual(
      full.anomalies.map((a) => [a.kind, a.msg, a.details]),
    );
    expect(full.anomalies.map((a) => a.kind)).toEqual(['lost', 'duplicated', 'reordered']);
    for (const a of bare.anomalies) {
      expect(a.chain).toEqual([]);
      expect(a.reason).toEqual({ en: '', zh: '' });
    }
  });

  it('sorts anomalies by group order, kind, msg and sums counts', () => {
    const b = new RunBuilder(['z', 'a']);
    b.published(2).published(1);
    b.consumed(1, 'c1', 'a').consumed(2, 'c1', 'a').deliver(2, 'c1', 'a');
    b.deliver(2, 'c2', 'z').effect(2, 'c2', 'z').deliver(2, 'c2', 'z');
    b.note('drop', 'broker-1', [1], { reason: 'retention', group: 'z' });
    const r = check(b.build());
    expect(r.anomalies.map((a) => [a.group, a.kind, a.msg])).toEqual([
      ['z', 'lost', 1],
      ['z', 'duplicated', 2],
      ['a', 'duplicated', 2],
      ['a', 'reordered', 2],
    ]);
    expect(r.counts).toEqual({ lost: 1, duplicated: 2, reordered: 1, unexpected: 0, recovered: 0 });
    expect(r.groups.map((g) => g.counts.duplicated)).toEqual([1, 1]);
  });

  it('follows cause links transitively, also when ids are not positions', () => {
    const b = new RunBuilder();
    b.published(1);
    const fault = b.note('fault-armed', 'broker-1');
    const crash = b.note('crash', 'broker-1', undefined, undefined, fault);
    b.note('drop', 'broker-1', [1], { reason: 'crash-unwritten' }, crash);
    const run = b.build();
    const shifted: RunRecord = {
      ...run,
      journal: run.journal.map((e) => ({
        ...e,
        id: e.id + 100,
        ...(e.cause !== undefined ? { cause: e.cause + 100 } : {}),
      })),
    };
    for (const r of [run, shifted]) {
      const a = only(check(r));
      const kinds = a.chain.map((e) => e.kind);
      expect(kinds).toEqual(expect.arrayContaining(['fault-armed', 'crash', 'drop', 'enqueue']));
      const ids = chainIds(a);
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

interface Plan {
  msgs: { p: number; k: number }[];
  groups: number;
  picks: number[];
}

const planArb: fc.Arbitrary<Plan> = fc.record({
  msgs: fc.array(
    fc.record({ p: fc.integer({ min: 0, max: 2 }), k: fc.integer({ min: 0, max: 3 }) }),
    {
      minLength: 1,
      maxLength: 40,
    },
  ),
  groups: fc.integer({ min: 1, max: 3 }),
  picks: fc.array(fc.nat(), { minLength: 1, maxLength: 50 }),
});

/** k = 3 stands for a null key. */
const keyOf = (k: number): string | null => (k === 3 ? null : `key-${k}`);

interface Built {
  run: RunRecord;
  groups: string[];
  /** Per group, the processing order. */
  order: Map<string, MsgId[]>;
  info: Map<MsgId, { producer: string; key: string | null; seq: number }>;
}

/**
 * A clean run: every message sent and acked; per group, consumed exactly once in an interleaving
 * that keeps each (producer, key)'s send order (or, with `free`, in any order).
 */
function buildRun(plan: Plan, free = false): Built {
  const groups = Array.from({ length: plan.groups }, (_, i) => `g${i}`);
  const b = new RunBuilder(groups);
  plan.msgs.forEach((x, m) => b.published(m, `p${x.p}`, keyOf(x.k)));
  const info = new Map<MsgId, { producer: string; key: string | null; seq: number }>();
  for (const op of b.history) {
    if (op.type === 'send') info.set(op.msg, { producer: op.producer, key: op.key, seq: op.seq });
  }
  const order = new Map<string, MsgId[]>();
  let pi = 0;
  const pick = (): number => plan.picks[pi++ % plan.picks.length] as number;
  for (const g of groups) {
    const queues: MsgId[][] = [];
    const byKey = new Map<string, MsgId[]>();
    plan.msgs.forEach((x, m) => {
      if (free || keyOf(x.k) === null) {
        queues.push([m]);
        return;
      }
      const k = `${x.p}/${x.k}`;
      let q = byKey.get(k);
      if (!q) {
        q = [];
        byKey.set(k, q);
        queues.push(q);
      }
      q.push(m);
    });
    const seq: MsgId[] = [];
    for (;;) {
      const open = queues.filter((q) => q.length > 0);
      if (open.length === 0) break;
      const q = open[(pick() + seq.length) % open.length] as MsgId[];
      const m = q.shift() as MsgId;
      seq.push(m);
      b.consumed(m, `c${pick() % 2}`, g);
    }
    order.set(g, seq);
  }
  return { run: b.build(), groups, order, info };
}

function withHistory(run: RunRecord, history: HistoryOp[], extra: JournalEntry[] = []): RunRecord {
  return { ...run, history, journal: [...run.journal, ...extra] };
}

describe('properties', () => {
  it('clean histories have no anomalies and every fate is processed', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const { run, groups } = buildRun(plan);
        const r = check(run);
        expect(r.anomalies).toEqual([]);
        expect(r.unaccounted).toBe(0);
        for (const g of groups) {
          expect(r.groups.find((x) => x.group === g)?.fates.processed).toBe(plan.msgs.length);
        }
      }),
    );
  });

  it('removing a delivery and adding a drop gives exactly one lost', () => {
    fc.assert(
      fc.property(planArb, fc.nat(), fc.nat(), (plan, mi, gi) => {
        const { run, groups } = buildRun(plan);
        const m = mi % plan.msgs.length;
        const g = groups[gi % groups.length] as string;
        const history = run.history.filter(
          (op) =>
            !((op.type === 'deliver' || op.type === 'effect') && op.msg === m && op.group === g),
        );
        const at = run.endAt;
        const crashId = run.journal.length;
        const extra: JournalEntry[] = [
          { id: crashId, at, kind: 'crash', node: 'broker-1' },
          {
            id: crashId + 1,
            at,
            kind: 'drop',
            node: 'broker-1',
            msgs: [m],
            cause: crashId,
            data: { reason: 'crash-unwritten', group: g },
            mech: 'storage.crash-before-write',
            links: [{ role: 'fault', id: crashId }],
          },
        ];
        const r = check(withHistory(run, history, extra));
        expect(r.anomalies.map((a) => [a.kind, a.group, a.msg])).toEqual([['lost', g, m]]);
        expect(fateOf(r, g, m)).toBe('dropped');
        const a = r.anomalies[0] as Anomaly;
        expect(a.chain.map((e) => e.id)).toEqual(expect.arrayContaining([crashId, crashId + 1]));
        expect(a.mechanisms).toEqual(['storage.crash-before-write']);
        expect(a.reason.en).toContain('broker-1 crashed');
        expect(a.reason.zh).toContain('broker-1 崩溃');
      }),
    );
  });

  it('duplicating a delivery gives exactly one duplicated', () => {
    fc.assert(
      fc.property(planArb, fc.nat(), fc.nat(), fc.boolean(), (plan, mi, gi, withEffect) => {
        const { run, groups } = buildRun(plan);
        const m = mi % plan.msgs.length;
        const g = groups[gi % groups.length] as string;
        const at = run.endAt;
        const history: HistoryOp[] = [
          ...run.history,
          { type: 'deliver', at, msg: m, consumer: 'c0', group: g, redelivered: true },
        ];
        if (withEffect)
          history.push({ type: 'effect', at, msg: m, consumer: 'c0', group: g, applied: false });
        const r = check(withHistory(run, history));
        expect(r.anomalies.map((a) => [a.kind, a.group, a.msg])).toEqual([['duplicated', g, m]]);
        expect(r.anomalies[0]?.details).toMatchObject({
          deliveries: 2,
          effectsApplied: 1,
          effectsAbsorbed: withEffect ? 1 : 0,
        });
      }),
    );
  });

  it('swapping two same-key messages is reported as reordering', () => {
    fc.assert(
      fc.property(planArb, fc.nat(), fc.nat(), fc.nat(), (plan, gi, xi, yi) => {
        const { run, groups, order, info } = buildRun(plan);
        const g = groups[gi % groups.length] as string;
        const seq = order.get(g) as MsgId[];
        // Same-key runs in this group, in processing (= send) order.
        const runs = new Map<string, MsgId[]>();
        for (const m of seq) {
          const i = info.get(m);
          if (!i || i.key === null) continue;
          const k = `${i.producer}/${i.key}`;
          runs.set(k, [...(runs.get(k) ?? []), m]);
        }
        const candidates = [...runs.values()].filter((r) => r.length >= 2);
        fc.pre(candidates.length > 0);
        const chosen = candidates[xi % candidates.length] as MsgId[];
        const i = yi % (chosen.length - 1);
        const j = i + 1 + ((xi + yi) % (chosen.length - 1 - i));
        const a = chosen[i] as MsgId;
        const bm = chosen[j] as MsgId;
        const history = run.history.map((op): HistoryOp => {
          if ((op.type === 'deliver' || op.type === 'effect') && op.group === g) {
            if (op.msg === a) return { ...op, msg: bm };
            if (op.msg === bm) return { ...op, msg: a };
          }
          return op;
        });
        const r = check(withHistory(run, history));
        // Everything from a up to (not including) b now comes after b.
        const expected = chosen.slice(i, j).map((m) => ['reordered', g, m, bm]);
        expect(r.anomalies.map((x) => [x.kind, x.group, x.msg, x.details.after])).toEqual(
          expected.sort((p, q) => (p[2] as number) - (q[2] as number)),
        );
      }),
    );
  });

  it('reordering matches a quadratic oracle on arbitrary processing orders', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const { run, groups, order, info } = buildRun(plan, true);
        const expected: [string, MsgId, MsgId][] = [];
        for (const g of groups) {
          const seq = order.get(g) as MsgId[];
          seq.forEach((m, pos) => {
            const im = info.get(m);
            if (!im || im.key === null) return;
            for (let q = 0; q < pos; q++) {
              const o = seq[q] as MsgId;
              const io = info.get(o);
              if (io && io.producer === im.producer && io.key === im.key && io.seq > im.seq) {
                expected.push([g, m, o]);
                return;
              }
            }
          });
        }
        expected.sort((x, y) => groups.indexOf(x[0]) - groups.indexOf(y[0]) || x[1] - y[1]);
        const r = check(run);
        expect(r.anomalies.map((a) => [a.group, a.msg, a.details.after])).toEqual(expected);
        expect(r.anomalies.every((a) => a.kind === 'reordered')).toBe(true);
      }),
    );
  });
});

describe('performance', () => {
  it('checks 1e5 messages quickly (logged, not asserted)', () => {
    const b = new RunBuilder(['g']);
    const n = 100_000;
    // Realistic volume: 5 history ops and 11 journal entries per message; 1 in 1000 lost.
    for (let m = 0; m < n; m++) b.published(m, `p${m % 4}`, `k${m % 64}`);
    for (let m = 0; m < n; m++) {
      if (m % 1000 === 7) {
        b.note('drop', 'broker-1', [m], { reason: 'crash-unwritten' });
        continue;
      }
      b.consumed(m);
    }
    const run = b.build();
    const t0 = performance.now();
    const r = check(run);
    const ms = performance.now() - t0;
    console.log(
      `check: ${n} messages, ${run.history.length} ops, ${run.journal.length} journal entries in ${ms.toFixed(0)} ms`,
    );
    expect(r.counts.lost).toBe(100);
    expect(r.messages).toBe(n);
  });
});
