/**
 * The allocation strategies against the rocketmq-all-4.9.8 client sources
 * (client/.../consumer/rebalance/AllocateMessageQueue{ConsistentHash,ByConfig,ByMachineRoom}.java,
 * common/.../consistenthash/ConsistentHashRouter.java), and what each does when a consumer of the
 * group joins or leaves, both as a function and in a run.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../scenario/load';
import { run } from '../../testing/scenarios';
import { allocate, mqString, ringHash, type AllocateOptions, type AllocQueue } from './allocate';
import { rocketDoc, type Doc } from './testing';

const base: AllocateOptions = {
  strategy: 'CONSISTENT_HASH',
  virtualNodes: 10,
  configQueues: [],
  idcs: new Set(),
};

function queues(brokers: string[], n: number, topic = 'orders'): AllocQueue[] {
  return brokers
    .flatMap((brokerName) =>
      Array.from({ length: n }, (_, queueId) => ({
        key: `${brokerName}|${topic}|${queueId}`,
        brokerName,
        topic,
        queueId,
      })),
    )
    .sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** Every client's share. */
function shares(o: AllocateOptions, all: AllocQueue[], cids: string[]): Map<string, string[]> {
  return new Map(cids.map((c) => [c, allocate(o, c, all, cids)]));
}

/**
 * An independent ConsistentHashRouter, as the Java reads, over Node's MD5: a TreeMap of the
 * first four digest bytes of `cid-i`, a queue to the ceiling entry of its toString()'s hash.
 */
function javaRoute(cids: string[], vnodes: number, mq: AllocQueue): string {
  const h = (s: string): number => createHash('md5').update(s).digest().readUInt32BE(0);
  const ring = new Map<number, string>();
  for (const c of cids) for (let i = 0; i < vnodes; i++) ring.set(h(`${c}-${i}`), c);
  const keys = [...ring.keys()].sort((a, b) => a - b);
  const k = keys.find((x) => x >= h(mqString(mq))) ?? keys[0] ?? 0;
  return ring.get(k) as string;
}

describe('AllocateMessageQueueConsistentHash', () => {
  const all = queues(['broker-a', 'broker-b'], 8);

  it('puts each queue on the client the MD5 ring names (10 virtual nodes by default)', () => {
    const cids = ['c1', 'c2', 'c3'];
    expect(ringHash('abc')).toBe(0x90015098);
    const got = shares(base, all, cids);
    for (const q of all) {
      const owners = cids.filter((c) => got.get(c)?.includes(q.key));
      expect(owners).toEqual([javaRoute(cids, 10, q)]);
    }
    // Fewer virtual nodes give another ring, so another split.
    const few = shares({ ...base, virtualNodes: 1 }, all, cids);
    for (const q of all)
      expect(cids.filter((c) => few.get(c)?.includes(q.key))).toEqual([javaRoute(cids, 1, q)]);
  });

  it('a joining client only takes queues; a leaving one only gives its own away', () => {
    const before = shares(base, all, ['c1', 'c2', 'c3']);
    const joined = shares(base, all, ['c1', 'c2', 'c3', 'c4']);
    const left = shares(base, all, ['c1', 'c2']);
    for (const c of ['c1', 'c2', 'c3']) {
      for (const k of joined.get(c) ?? []) expect(before.get(c)).toContain(k);
    }
    for (const c of ['c1', 'c2']) {
      for (const k of before.get(c) ?? []) expect(left.get(c)).toContain(k);
    }
    // Averagely, by contrast, moves queues between clients that stayed.
    const avg = { ...base, strategy: 'AVERAGELY' as const };
    const a3 = shares(avg, all, ['c1', 'c2', 'c3']);
    const a4 = shares(avg, all, ['c1', 'c2', 'c3', 'c4']);
    const moved = ['c1', 'c2', 'c3'].some((c) =>
      (a4.get(c) ?? []).some((k) => !(a3.get(c) ?? []).includes(k)),
    );
    expect(moved).toBe(true);
  });
});

describe('AllocateMessageQueueByConfig', () => {
  it('returns the configured list whoever else is in the group', () => {
    const all = queues(['broker-a'], 4);
    const o: AllocateOptions = {
      ...base,
      strategy: 'CONFIG',
      configQueues: ['broker-a|orders|1', 'broker-a|orders|3'],
    };
    expect(allocate(o, 'c1', all, ['c1'])).toEqual(o.configQueues);
    expect(allocate(o, 'c1', all, ['c1', 'c2', 'c3'])).toEqual(o.configQueues);
  });
});

describe('AllocateMessageQueueByMachineRoom', () => {
  it('splits only queues of brokers named room@name in consumeridcs, the remainder one each', () => {
    const all = queues(['hz@broker-a', 'sh@broker-b', 'plain'], 5);
    const o: AllocateOptions = { ...base, strategy: 'MACHINE_ROOM', idcs: new Set(['hz']) };
    const pre = all.filter((q) => q.brokerName === 'hz@broker-a').map((q) => q.key);
    const got = shares(o, all, ['c1', 'c2']);
    // 5 queues, 2 clients: mod 2, rem 1: c1 gets [0,1] and pre[4]; c2 gets [2,3].
    expect(got.get('c1')).toEqual([pre[0], pre[1], pre[4]]);
    expect(got.get('c2')).toEqual([pre[2], pre[3]]);
    const two = shares({ ...o, idcs: new Set(['hz', 'sh']) }, all, ['c1', 'c2', 'c3']);
    const union = [...two.values()].flat();
    expect(new Set(union).size).toBe(union.length);
    expect(union.length).toBe(10);
    expect(union.some((k) => k.startsWith('plain|'))).toBe(false);
  });
});

// ------------------------------------------------------------------------------- in a run

/** Three consumers of g1 with a strategy; c3 crashes at 5 s, half way through the sends. */
function groupRun(strategy: string, extra: (id: string) => Doc = () => ({})): Doc {
  return rocketDoc({
    durationMs: 40_000,
    consumers: ['c1', 'c2', 'c3'].map((id) => ({
      id,
      consumerGroup: 'g1',
      topic: 'orders',
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
      allocateMessageQueueStrategy: strategy,
      ...extra(id),
    })),
    faults: [{ atMs: 5_000, type: 'crash', node: 'c3' }],
  });
}

/** Each consumer's queues at a time, from its assign entries. */
function assigned(r: ReturnType<typeof run>, atUs: number): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of r.record.journal)
    if (e.kind === 'assign' && e.at <= atUs)
      out.set(
        e.node,
        String(e.data?.['queues'] ?? '')
          .split(',')
          .filter(Boolean),
      );
  return out;
}

describe('allocation strategies in a run: a consumer leaves', () => {
  it('CONSISTENT_HASH: the survivors keep their queues and take the crashed one’s', () => {
    const r = run(groupRun('CONSISTENT_HASH'));
    const before = assigned(r, 4_500_000);
    const after = assigned(r, 40_000_000);
    for (const c of ['c1', 'c2'])
      for (const k of before.get(c) ?? []) expect(after.get(c)).toContain(k);
    const all = [...(after.get('c1') ?? []), ...(after.get('c2') ?? [])];
    for (const k of before.get('c3') ?? []) expect(all).toContain(k);
    expect(r.report.unaccounted).toBe(0);
  });

  it('CONFIG: nobody takes over the crashed consumer’s queues, so their messages wait unread', () => {
    const lists: Record<string, Doc[]> = {
      c1: [0, 1, 2, 3].map((queueId) => ({ brokerName: 'broker-a', queueId })),
      c2: [0, 1].map((queueId) => ({ brokerName: 'broker-b', queueId })),
      c3: [2, 3].map((queueId) => ({ brokerName: 'broker-b', queueId })),
    };
    const r = run(groupRun('CONFIG', (id) => ({ messageQueueList: lists[id] })));
    const after = assigned(r, 40_000_000);
    expect(after.get('c1')).toHaveLength(4);
    expect(after.get('c2')).toEqual(['broker-b|orders|0', 'broker-b|orders|1']);
    // Messages on broker-b queues 2 and 3 sent after the crash are never delivered.
    const delivered = new Set(
      r.record.history.flatMap((o) => (o.type === 'deliver' ? [o.msg] : [])),
    );
    const stuck = r.record.journal.filter(
      (e) =>
        e.kind === 'append' &&
        e.at > 6_000_000 &&
        e.node === 'broker-b-0' &&
        Number(e.data?.['queue']) >= 2 &&
        !e.msgs?.some((m) => delivered.has(m)),
    );
    expect(stuck.length).toBeGreaterThan(0);
  });

  it('MACHINE_ROOM: queues outside the rooms are never read; the room’s are split again', () => {
    const doc = groupRun('MACHINE_ROOM', () => ({ consumeridcs: ['hz'] }));
    doc['brokers'] = [
      { id: 'broker-a-0', brokerName: 'hz@broker-a', brokerId: 0 },
      { id: 'broker-b-0', brokerName: 'sh@broker-b', brokerId: 0 },
    ];
    doc['topics'] = [{ name: 'orders', brokers: ['hz@broker-a', 'sh@broker-b'] }];
    const r = run(doc);
    const before = assigned(r, 4_500_000);
    const after = assigned(r, 40_000_000);
    const every = [...before.values(), ...after.values()].flat();
    expect(every.some((k) => k.startsWith('sh@'))).toBe(false);
    // 5 hz queues (4 + retry) over 3, then over 2: c1 and c2 both grow.
    expect((after.get('c1') ?? []).length + (after.get('c2') ?? []).length).toBe(5);
    const onSh = new Set(
      r.record.journal.flatMap((e) =>
        e.kind === 'append' && e.node === 'broker-b-0' ? [...(e.msgs ?? [])] : [],
      ),
    );
    expect(onSh.size).toBeGreaterThan(0);
    const deliveredFromSh = r.record.history.some((o) => o.type === 'deliver' && onSh.has(o.msg));
    expect(deliveredFromSh).toBe(false);
  });
});

describe('allocation knobs: bad input names the field', () => {
  const bad = (consumer: Doc, brokers?: Doc[]): string[] => {
    const doc = rocketDoc({
      consumers: [{ id: 'c1', consumerGroup: 'g1', topic: 'orders', ...consumer }],
      ...(brokers
        ? { brokers, topics: [{ name: 'orders', brokers: brokers.map((b) => b['brokerName']) }] }
        : {}),
    });
    const r = parseScenario(doc);
    if (r.ok) return [];
    return r.error.kind === 'invalid'
      ? r.error.issues.map((e) => `${e.path}: ${e.message}`)
      : [r.error.kind];
  };

  it('CONFIG needs a list of queues that exist', () => {
    expect(bad({ allocateMessageQueueStrategy: 'CONFIG' }).join()).toMatch(/messageQueueList/);
    expect(
      bad({
        allocateMessageQueueStrategy: 'CONFIG',
        messageQueueList: [{ brokerName: 'broker-a', queueId: 7 }],
      }).join(),
    ).toMatch(/messageQueueList.*0.*queueId.*queue 7 does not exist/);
    expect(
      bad({
        allocateMessageQueueStrategy: 'CONFIG',
        messageQueueList: [{ brokerName: 'broker-z', queueId: 0 }],
      }).join(),
    ).toMatch(/brokerName.*no queues on "broker-z"/);
    expect(
      bad({
        allocateMessageQueueStrategy: 'CONFIG',
        messageQueueList: [{ topic: '%RETRY%g1', brokerName: 'broker-a', queueId: 0 }],
      }),
    ).toEqual([]);
  });

  it('MACHINE_ROOM needs rooms that name a broker group room@name', () => {
    expect(bad({ allocateMessageQueueStrategy: 'MACHINE_ROOM' }).join()).toMatch(/consumeridcs/);
    expect(
      bad({ allocateMessageQueueStrategy: 'MACHINE_ROOM', consumeridcs: ['hz'] }).join(),
    ).toMatch(/consumeridcs.*room@name/);
    expect(
      bad({ allocateMessageQueueStrategy: 'MACHINE_ROOM', consumeridcs: ['hz'] }, [
        { id: 'b0', brokerName: 'hz@broker-a' },
      ]),
    ).toEqual([]);
  });

  it('a strategy knob without its strategy is refused', () => {
    expect(bad({ virtualNodeCnt: 5 }).join()).toMatch(/virtualNodeCnt.*CONSISTENT_HASH/);
    expect(bad({ consumeridcs: ['hz'] }).join()).toMatch(/consumeridcs.*MACHINE_ROOM/);
    expect(
      bad({ allocateMessageQueueStrategy: 'CONSISTENT_HASH', virtualNodeCnt: 0 }).join(),
    ).toMatch(/virtualNodeCnt/);
  });
});
