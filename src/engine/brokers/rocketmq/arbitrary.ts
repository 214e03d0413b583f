/**
 * Random RocketMQ scenarios for the property tests: one or two broker groups with or without a
 * slave, every role and flush type, every send mode, clustering or broadcasting, concurrent or
 * orderly listeners, failing listeners, delays and transactions, and a random fault schedule
 * (crashes, power losses, pauses, restarts, partitions, lost answers, consumer and NameServer
 * crashes) that ends with everything healed and restarted.
 */
import fc from 'fast-check';
import type { Doc } from './testing';

/** Length of a generated run. */
export const DURATION = 40_000;

export const arbDoc: fc.Arbitrary<Doc> = fc
  .record({
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    groups: fc.integer({ min: 1, max: 2 }),
    slave: fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
    role: fc.array(fc.constantFrom('ASYNC_MASTER', 'SYNC_MASTER'), { minLength: 2, maxLength: 2 }),
    flush: fc.array(fc.constantFrom('ASYNC_FLUSH', 'SYNC_FLUSH'), { minLength: 2, maxLength: 2 }),
    queues: fc.integer({ min: 1, max: 4 }),
    sendMode: fc.constantFrom('sync', 'async', 'oneway'),
    selector: fc.constantFrom('round-robin', 'id-modulo'),
    delay: fc.constantFrom(0, 0, 1, 2),
    txn: fc.boolean(),
    tags: fc.boolean(),
    consumers: fc.integer({ min: 1, max: 3 }),
    broadcasting: fc.boolean(),
    orderly: fc.boolean(),
    strategy: fc.constantFrom(
      'AVERAGELY',
      'AVERAGELY_BY_CIRCLE',
      'CONSISTENT_HASH',
      'MACHINE_ROOM',
    ),
    failTimes: fc.constantFrom(0, 0, 1, 3),
    faults: fc.array(
      fc.record({
        atMs: fc.integer({ min: 100, max: DURATION - 1000 }),
        kind: fc.constantFrom(
          'crash',
          'power-loss',
          'pause',
          'restart',
          'partition',
          'drop-next',
          'crash-consumer',
          'crash-consumer-armed',
          'crash-ns',
        ),
        pick: fc.integer({ min: 0, max: 1000 }),
      }),
      { maxLength: 5 },
    ),
  })
  .map((x) => {
    const brokers: Doc[] = [];
    const names: string[] = [];
    for (let g = 0; g < x.groups; g++) {
      // MACHINE_ROOM reads brokers named room@name: broker-a is in room hz, broker-b in sh.
      const id = `broker-${'ab'[g]}`;
      const bn = x.strategy === 'MACHINE_ROOM' ? `${['hz', 'sh'][g]}@${id}` : id;
      names.push(bn);
      brokers.push({
        id: `${id}-0`,
        brokerName: bn,
        brokerRole: x.role[g],
        flushDiskType: x.flush[g],
      });
      if (x.slave[g])
        brokers.push({ id: `${id}-1`, brokerName: bn, brokerId: 1, brokerRole: 'SLAVE' });
    }
    const ids = brokers.map((b) => b['id'] as string);
    const txn = x.txn && x.sendMode === 'sync' && x.delay === 0;
    const consumers: Doc[] = [];
    for (let i = 0; i < x.consumers; i++)
      consumers.push({
        id: `c${i + 1}`,
        consumerGroup: 'g1',
        topic: 'orders',
        consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
        messageModel: x.broadcasting ? 'BROADCASTING' : 'CLUSTERING',
        listener: x.orderly ? 'orderly' : 'concurrently',
        subExpression: x.tags ? 'TagA' : '*',
        failTimes: x.failTimes,
        failEvery: 7,
        maxReconsumeTimes: 2,
        ...(x.broadcasting ? {} : { allocateMessageQueueStrategy: x.strategy }),
        ...(x.strategy === 'MACHINE_ROOM' && !x.broadcasting ? { consumeridcs: ['hz'] } : {}),
      });
    const faults: Doc[] = x.faults.map((f) => {
      const node = ids[f.pick % ids.length] as string;
      switch (f.kind) {
        case 'crash':
        case 'power-loss':
        case 'restart':
          return { atMs: f.atMs, type: f.kind, node };
        case 'pause':
          return { atMs: f.atMs, type: 'pause', node, durationMs: 2000 };
        case 'partition':
          return { atMs: f.atMs, type: 'partition', a: node, b: f.pick % 2 ? 'p1' : 'c1' };
        case 'drop-next':
          return { atMs: f.atMs, type: 'drop-next', from: node, to: 'p1', match: 'any' };
        case 'crash-consumer':
          return { atMs: f.atMs, type: 'crash', node: `c${(f.pick % x.consumers) + 1}` };
        case 'crash-consumer-armed':
          return {
            atMs: f.atMs,
            type: 'crash',
            node: `c${(f.pick % x.consumers) + 1}`,
            when: (['before-process', 'after-process', 'after-commit'] as const)[f.pick % 3],
          };
        case 'crash-ns':
          return { atMs: f.atMs, type: 'crash', node: 'namesrv-1' };
        default:
          return { atMs: f.atMs, type: 'heal' };
      }
    });
    // Everything comes back near the end, so the run can settle what it can.
    faults.push({ atMs: DURATION - 900, type: 'heal' });
    for (const id of [...ids, 'namesrv-1', ...consumers.map((c) => c['id'] as string)])
      faults.push({ atMs: DURATION - 800, type: 'restart', node: id });
    return {
      version: 1,
      system: 'rocketmq',
      name: 'rocketmq-property',
      seed: x.seed,
      durationMs: DURATION,
      brokers,
      topics: [
        { name: 'orders', brokers: names, writeQueueNums: x.queues, readQueueNums: x.queues },
      ],
      producers: [
        {
          id: 'p1',
          topic: 'orders',
          ratePerSec: 40,
          messages: 600,
          sendMode: x.sendMode,
          selector: { kind: x.selector },
          delayTimeLevel: txn ? 0 : x.delay,
          tags: ['TagA', 'TagB'],
          ...(txn ? { transaction: { rollbackEvery: 5, unknownEvery: 3 } } : {}),
        },
      ],
      consumers,
      faults,
      transactionCheckInterval: 5000,
    } satisfies Doc;
  });
