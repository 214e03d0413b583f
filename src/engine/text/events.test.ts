import { describe, expect, it } from 'vitest';
import type { JournalKind } from '../check/history';
import { PRESETS } from '../../scenario/presets';
import { runScenario } from '../run';
import { describeEvent, eventSentence, type EventLike } from './events';

type D = NonNullable<EventLike['data']>;

/**
 * Data as the models write it (src/engine/brokers/**, kernel/network.ts, kernel/sim.ts,
 * faults.ts): for each kind, one entry per `reason` code or shape the models produce.
 */
const SAMPLES: Record<JournalKind, { node: string; msgs?: number[]; data?: D }[]> = {
  publish: [
    { node: 'p1', msgs: [41], data: { attempt: 0, to: 'broker-1', partition: 0 } },
    { node: 'app', msgs: [3], data: { attempt: 0, to: 'rabbit-1' } },
  ],
  'publish-retry': [
    { node: 'p1', msgs: [41, 42], data: { attempt: 2, to: 'broker-2', partition: 0 } },
    { node: 'rabbit-1', msgs: [7], data: { proxy: true, to: 'rabbit-2', queue: 'events' } },
  ],
  'confirm-received': [
    { node: 'p1', msgs: [41], data: { partition: 0, offset: 41 } },
    { node: 'app', msgs: [3], data: { ok: true, attempt: 0 } },
    { node: 'app', msgs: [3], data: { ok: false, attempt: 0 } },
    { node: 'tx-publisher', msgs: [3], data: { tx: true } },
  ],
  'confirm-timeout': [
    { node: 'p1', msgs: [41], data: { partition: 0, error: 'REQUEST_TIMED_OUT' } },
    { node: 'app', msgs: [3], data: { attempt: 0 } },
    { node: 'app', msgs: [3, 4], data: { reason: 'broker-closed-connection' } },
    { node: 'app', msgs: [3], data: { reason: 'heartbeat-timeout' } },
    { node: 'app', msgs: [3], data: { reason: 'channel-gone' } },
  ],
  'net-drop': [
    { node: 'broker-1->p1', msgs: [20], data: { reason: 'fault', type: 'confirm', ack: true } },
    { node: 'p1->broker-1', data: { reason: 'receiver-down', type: 'heartbeat', ack: false } },
    { node: 'broker-1->broker-3', data: { reason: 'partition', type: 'replica-fetch-response' } },
    { node: 'p1->broker-1', msgs: [5], data: { reason: 'loss', type: 'produce' } },
  ],
  'net-duplicate': [{ node: 'p1->broker-1', msgs: [5], data: { type: 'publish' } }],
  'net-delay': [{ node: 'p1->broker-1', msgs: [5], data: { type: 'produce', delayUs: 250_000 } }],
  enqueue: [
    { node: 'broker-1', msgs: [0], data: { queue: 'orders', persistent: true } },
    { node: 'broker-1', msgs: [0], data: { queue: 'orders', persistent: false } },
  ],
  reject: [
    { node: 'p1', msgs: [195], data: { reason: 'connection-closed', attempt: 0 } },
    { node: 'rabbit-1', msgs: [146], data: { reason: 'overflow-reject-publish', queue: 'q' } },
    { node: 'rabbit-1', data: { reason: 'resource-locked', queue: 'excl' } },
    { node: 'broker-2', msgs: [505], data: { reason: 'NOT_LEADER_OR_FOLLOWER', partition: 0 } },
    { node: 'broker-1', msgs: [505], data: { reason: 'NOT_ENOUGH_REPLICAS', partition: 0 } },
    { node: 'p1', msgs: [9], data: { reason: 'COORDINATOR_NOT_AVAILABLE', partition: 0 } },
  ],
  write: [
    { node: 'broker-1', msgs: [0, 1], data: { records: 2 } },
    { node: 'rabbit-1', data: { records: 7 } },
  ],
  fsync: [
    { node: 'broker-1', msgs: [0], data: { syncedRecords: 4 } },
    { node: 'rabbit-1', data: { syncedRecords: 40 } },
  ],
  'confirm-sent': [
    { node: 'broker-1', msgs: [0], data: { partition: 0, offset: 0, to: 'p1' } },
    { node: 'broker-1', msgs: [0], data: { ok: true, to: 'p1' } },
    { node: 'broker-1', msgs: [0], data: { ok: false, to: 'p1' } },
    { node: 'rabbit-1', msgs: [1], data: { tx: true, to: 'tx-publisher' } },
  ],
  dispatch: [
    {
      node: 'rabbit-1',
      msgs: [0],
      data: { consumer: 'c1', redelivered: true, autoAck: true, queue: 'orders' },
    },
  ],
  requeue: [
    { node: 'broker-1', msgs: [390], data: { reason: 'connection-closed', consumer: 'c1' } },
    {
      node: 'rabbit-1',
      msgs: [3],
      data: { reason: 'consumer_timeout', consumer: 'c1', queue: 'q' },
    },
    {
      node: 'rabbit-1',
      msgs: [3],
      data: { reason: 'proxy-node-down', consumer: 'c1', queue: 'q' },
    },
    { node: 'rabbit-1', msgs: [3], data: { reason: 'pause_minority', consumer: 'c1', queue: 'q' } },
    {
      node: 'rabbit-1',
      msgs: [3],
      data: { reason: 'replaced-by-new-connection', consumer: 'c1', queue: 'q' },
    },
    { node: 'rabbit-1', msgs: [3], data: { reason: 'nack', consumer: 'c1', queue: 'q' } },
    {
      node: 'c2',
      msgs: [239, 240],
      data: {
        reason: 'resume-from-committed-offset',
        group: 'orders-app',
        partition: 1,
        offset: 61,
        consumer: 'c2',
        previous: 'c1',
        autoCommit: false,
      },
    },
  ],
  remove: [
    { node: 'rabbit-1', msgs: [0], data: { reason: 'ack', queue: 'billing' } },
    { node: 'broker-1', msgs: [0], data: { reason: 'auto-ack' } },
    { node: 'c1', msgs: [5, 6], data: { reason: 'channel-closed', channel: 1, unprocessed: true } },
    { node: 'c1', msgs: [5], data: { reason: 'heartbeat-timeout', unprocessed: true } },
    { node: 'c1', msgs: [5], data: { reason: 'broker-closed-connection', unprocessed: true } },
  ],
  drop: [
    ...[
      'crash-unwritten',
      'crash-transient',
      'power-loss-unsynced',
      'queue-deleted',
      'stale-connection',
      'auto-ack-consumer-crash',
      'auto-ack-processing-failed',
      'aborted',
      'queue-down',
      'partition-leader-replaced',
      'consumer-rejected',
      'delivery-limit',
      'node-paused',
      'auto-delete',
      'queue-expired',
      'exclusive-queue-deleted',
      'producer-crash-unsent',
    ].map((reason) => ({ node: 'rabbit-1', msgs: [7], data: { reason, queue: 'orders' } })),
    { node: 'rabbit-1', msgs: [7], data: { reason: 'auto-delete', queue: 'q', afterDelete: true } },
    { node: 'rabbit-1', msgs: [7], data: { reason: 'expired', queue: 'q', deadLettered: true } },
    {
      node: 'rabbit-1',
      msgs: [7],
      data: { reason: 'overflow-drop-head', queue: 'q', deadLettered: false },
    },
    {
      node: 'rabbit-1',
      msgs: [7],
      data: { reason: 'auto-ack-proxy-gone', queue: 'q', consumer: 'c1', owner: 'rabbit-2' },
    },
    {
      node: 'rabbit-2',
      msgs: [7],
      data: { reason: 'raft-uncommitted', queue: 'q', from: 'rabbit-1' },
    },
    {
      node: 'rabbit-2',
      msgs: [7],
      data: { reason: 'unsynchronised-mirror-promoted', queue: 'q', from: 'rabbit-1' },
    },
    {
      node: 'rabbit-1',
      msgs: [14],
      data: { reason: 'unroutable', exchange: 'alerts', mandatory: false },
    },
    {
      node: 'broker-1',
      msgs: [481, 482],
      data: {
        reason: 'not-on-new-leader',
        partition: 0,
        leader: 'broker-2',
        epoch: 1,
        offset: 481,
        from: 481,
        unclean: true,
        acks: '1',
      },
    },
    {
      node: 'broker-1',
      msgs: [481],
      data: { reason: 'truncated', partition: 0, offset: 481, leader: 'broker-2' },
    },
    {
      node: 'broker-1',
      msgs: [1, 2, 3, 4],
      data: { reason: 'retention', partition: 0, retentionMs: 60_000, retentionBytes: -1 },
    },
    {
      node: 'c1',
      msgs: [9],
      data: { reason: 'auto-offset-reset', group: 'g', partition: 0, reset: 'latest' },
    },
    { node: 'c1', msgs: [9], data: { reason: 'auto-commit-ahead', group: 'g' } },
    { node: 'c1', msgs: [9], data: { reason: 'committed-before-processing', group: 'g' } },
    {
      node: 'broker-1',
      msgs: [9],
      data: { reason: 'power-loss-unsynced', partition: 0, family: 'kafka' },
    },
  ],
  receive: [{ node: 'c1', msgs: [0], data: { redelivered: true } }],
  process: [
    { node: 'c1', msgs: [0], data: { applied: true, sink: 'insert' } },
    { node: 'c1', msgs: [0], data: { applied: false, sink: 'unique-key' } },
  ],
  'ack-sent': [
    { node: 'c1', msgs: [0] },
    { node: 'c1', data: { group: 'orders-app', offsets: '0:50,1:32', auto: true } },
  ],
  append: [
    { node: 'broker-1', msgs: [41], data: { partition: 0, offset: 41, epoch: 0, acks: '1' } },
  ],
  fetch: [{ node: 'c1', msgs: [41], data: { partition: 0 } }],
  replicate: [{ node: 'broker-3', msgs: [0], data: { partition: 0, from: 'broker-1' } }],
  'hw-advance': [{ node: 'broker-1', data: { partition: 0, hw: 41 } }],
  truncate: [
    { node: 'broker-1', msgs: [41], data: { partition: 0, offset: 41, leader: 'broker-2' } },
  ],
  'leader-elected': [
    {
      node: 'controller',
      data: { partition: 0, leader: 'broker-2', previous: 'broker-1', epoch: 3, isr: 'broker-2' },
    },
    {
      node: 'controller',
      data: { partition: 0, leader: 'broker-3', epoch: 4, unclean: true, leo: 40 },
    },
    { node: 'controller', data: { partition: 0, leader: 'none', previous: 'broker-1' } },
  ],
  'isr-shrink': [
    { node: 'controller', data: { partition: 0, isr: 'broker-1', removed: 'broker-2,broker-3' } },
  ],
  'isr-expand': [
    { node: 'controller', data: { partition: 0, isr: 'broker-1,broker-2', added: 'broker-2' } },
  ],
  'produce-error': [
    { node: 'p1', msgs: [500], data: { partition: 0, error: 'NOT_LEADER_OR_FOLLOWER' } },
    { node: 'p1', msgs: [500], data: { partition: 0, error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' } },
    { node: 'p1', msgs: [500], data: { partition: 0, error: 'INVALID_PRODUCER_EPOCH' } },
  ],
  dedup: [
    {
      node: 'broker-2',
      msgs: [60],
      data: { partition: 0, offset: 60, producerId: 1000, sequence: 60 },
    },
  ],
  'offset-commit': [
    { node: 'broker-3', data: { group: 'orders-app', member: 'c1-0', offsets: '0:460' } },
    { node: 'broker-3', data: { group: 'orders-app', offsets: '0:21', transactional: true } },
  ],
  rebalance: [
    ...['member-joined', 'member-rejoined', 'member-left', 'session.timeout.ms'].map((reason) => ({
      node: 'orders-app',
      data: { group: 'orders-app', phase: 'prepare', reason, members: 'c1-0' },
    })),
    { node: 'c1', data: { group: 'orders-app', reason: 'max.poll.interval.ms' } },
    {
      node: 'orders-app',
      data: {
        group: 'orders-app',
        phase: 'complete',
        generation: 2,
        assignment: 'c1-0:[0,1] c2-0:[]',
      },
    },
  ],
  assign: [
    { node: 'c1', data: { group: 'g', generation: 1, partitions: '0,1' } },
    { node: 'c1', data: { group: 'g', generation: 1, partitions: '' } },
    {
      node: 'c1',
      data: { group: 'g', partition: 0, reason: 'log-truncation-detected', offset: 40 },
    },
    { node: 'c1', data: { group: 'g', partition: 0, reset: 'latest', offset: 300 } },
  ],
  'txn-begin': [
    {
      node: 'p1',
      data: { transactionalId: 'orders-tx', producerId: 1000, epoch: 0, txn: 1 },
    },
  ],
  'txn-commit': [
    {
      node: 'broker-1',
      msgs: [0, 1],
      data: { producerId: 1000, epoch: 0, partitions: '0', owner: 'p1', reason: 'end-txn' },
    },
    { node: 'tx-publisher', msgs: [1], data: { txId: 1 } },
  ],
  'txn-abort': [
    {
      node: 'broker-1',
      msgs: [20],
      data: { producerId: 1000, epoch: 0, partitions: '0', owner: 'p1', reason: 'end-txn' },
    },
    {
      node: 'broker-2',
      msgs: [0],
      data: { producerId: 1001, epoch: 1, owner: 'c1-2', reason: 'fenced-by-init' },
    },
    { node: 'rabbit-1', msgs: [3], data: { txId: 2, reason: 'tx.rollback', from: 'app' } },
  ],
  fence: [
    { node: 'controller', data: { broker: 'broker-1', reason: 'broker.session.timeout.ms' } },
    {
      node: 'broker-2',
      data: {
        transactionalId: 'c1-tx',
        producerId: 1001,
        epoch: 1,
        previous: 'c1-0',
        reason: 'init-transactions',
      },
    },
    { node: 'p1', data: { partition: 0, producerId: 1000, reason: 'sequence-reset' } },
    {
      node: 'p1',
      msgs: [5],
      data: { transactionalId: 'tx', producerId: 1, epoch: 0, reason: 'PRODUCER_FENCED' },
    },
  ],
  'retention-delete': [{ node: 'broker-1', data: { partition: 0, records: 20 } }],
  route: [
    {
      node: 'rabbit-1',
      msgs: [0],
      data: { exchange: 'orders', key: 'order.created', queues: 'billing,shipping' },
    },
    { node: 'rabbit-1', msgs: [0], data: { exchange: '', key: 'tasks', queues: 'tasks' } },
  ],
  unroutable: [
    {
      node: 'rabbit-1',
      msgs: [14],
      data: { reason: 'unroutable', exchange: 'alerts', key: 'app.info', mandatory: true },
    },
  ],
  return: [{ node: 'app', msgs: [14], data: { reason: 'NO_ROUTE', replyCode: 312 } }],
  expire: [
    { node: 'rabbit-1', msgs: [50], data: { queue: 'orders' } },
    { node: 'rabbit-1', data: { queue: 'q', deleted: 'queue-expired', xExpiresMs: 5000 } },
    { node: 'rabbit-1', data: { queue: 'q', deleted: 'auto-delete', consumer: 'c1' } },
    { node: 'rabbit-1', data: { queue: 'q', deleted: 'exclusive-queue-deleted', consumer: 'c1' } },
  ],
  'dead-letter': ['expired', 'maxlen', 'rejected', 'delivery_limit'].map((reason) => ({
    node: 'rabbit-1',
    msgs: [50],
    data: { from: 'orders', to: 'parked', exchange: 'parking', reason },
  })),
  overflow: [
    { node: 'rabbit-1', msgs: [46], data: { queue: 'q', reason: 'drop-head' } },
    { node: 'rabbit-1', msgs: [146], data: { queue: 'q', reason: 'reject-publish' } },
  ],
  'mirror-sync': [
    { node: 'rabbit-2', msgs: [699], data: { queue: 'orders', to: 'rabbit-1' } },
    { node: 'rabbit-2', data: { queue: 'orders', to: 'rabbit-1', manual: true } },
  ],
  promote: [
    {
      node: 'rabbit-2',
      data: { queue: 'orders', from: 'rabbit-1', synced: false, type: 'mirrored' },
    },
    { node: 'rabbit-1', data: { queue: 'orders', demoted: true, leader: 'rabbit-2' } },
  ],
  'raft-commit': [{ node: 'rabbit-1', msgs: [3], data: { queue: 'q', ref: 3, acks: 2 } }],
  'nack-sent': [
    { node: 'rabbit-1', msgs: [300], data: { to: 'app' } },
    { node: 'c1', msgs: [300], data: { requeue: false } },
  ],
  crash: [{ node: 'broker-1' }, { node: 'broker-1', data: { noop: true } }],
  'power-loss': [
    { node: 'broker-1', data: { unsyncedEntriesLost: 40 } },
    { node: 'broker-1', data: { unsyncedEntriesLost: 0, processWasDown: true } },
  ],
  restart: [{ node: 'broker-1' }, { node: 'c1', data: { noop: true } }],
  recover: [
    { node: 'controller', data: { broker: 'broker-1', unfenced: true } },
    { node: 'broker-1', msgs: [1, 2], data: { queue: 'orders' } },
  ],
  pause: [
    { node: 'broker-1', data: { durationUs: 2_000_000 } },
    { node: 'rabbit-1', data: { reason: 'pause_minority' } },
    { node: 'broker-1', data: { noop: true } },
  ],
  resume: [
    { node: 'broker-1' },
    { node: 'rabbit-1', data: { reason: 'pause_minority-majority-back' } },
  ],
  partition: [
    { node: 'broker-1<->broker-2', data: { oneWay: false } },
    { node: 'broker-1->broker-2', data: { oneWay: true } },
    { node: '[broker-1]|[broker-2,broker-3]', data: { split: true } },
    { node: 'rabbit-1', data: { peerDown: 'rabbit-2' } },
    { node: 'rabbit-1', data: { autoheal: 'restart', winner: 'rabbit-2,rabbit-3' } },
  ],
  heal: [{ node: '*' }, { node: 'a<->b' }, { node: 'rabbit-1', data: { peerUp: 'rabbit-2' } }],
  'fault-armed': [
    { node: 'c1', data: { kind: 'crash', when: 'after-process' } },
    { node: 'c1', data: { kind: 'crash', when: 'before-process' } },
    { node: 'broker-1->p1', data: { kind: 'drop', match: 'ack', count: 3 } },
    { node: 'p1->broker-1', data: { kind: 'duplicate', match: 'produce', count: 1 } },
    { node: 'p1->broker-1', data: { kind: 'delay', match: 'any', count: 2 } },
    { node: 'c1', data: { kind: 'slow-consumer' } },
    { node: 'rabbit-1', data: { kind: 'consumer_timeout', consumer: 'c1', queue: 'q' } },
  ],
};

/** Data fields that hold names a user or a preset chose (nodes, queues, groups ...), not codes. */
const NAME_FIELDS = [
  'to',
  'from',
  'leader',
  'previous',
  'consumer',
  'queue',
  'group',
  'exchange',
  'key',
  'queues',
  'member',
  'members',
  'owner',
  'transactionalId',
  'broker',
  'winner',
  'peerUp',
  'peerDown',
  'removed',
  'added',
  'isr',
  'assignment',
  // RocketMQ
  'topic',
  'brokerName',
  'qkey',
  'dlq',
  'consumerGroup',
];

/** Real knob, protocol and product names a Chinese engineer writes in Latin letters. */
const LATIN_OK = [
  'acks',
  'acks=all',
  'min.insync.replicas',
  'ISR',
  'HW',
  'leader',
  'follower',
  'offset',
  'epoch',
  'broker',
  'fsync',
  'page cache',
  'publisher confirm',
  'quorum queue',
  'classic queue',
  'channel',
  'routing key',
  'rebalance',
  'generation',
  'unclean',
  'ack',
  'basic.ack',
  'basic.nack',
  'basic.reject',
  'basic.publish',
  'basic.deliver',
  'basic.consume',
  'basic.return',
  'basic.get',
  'tx.commit',
  'tx.commit-ok',
  'tx.rollback',
  'x-overflow',
  'drop-head',
  'reject-publish',
  'x-max-length',
  'x-delivery-limit',
  'x-expires',
  'TTL',
  'deliveryMode',
  'durable',
  'autoAck',
  'mandatory',
  'requeue',
  'true',
  'false',
  'auto.offset.reset',
  'latest',
  'earliest',
  'enable.auto.commit',
  'session.timeout.ms',
  'max.poll.interval.ms',
  'broker.session.timeout.ms',
  'consumer_timeout',
  'pause_minority',
  'autoheal',
  'auto-delete',
  'read_committed',
  'transactional.id',
  'initTransactions',
  'producerId',
  'poll',
  'Produce',
  'Fetch',
  'OffsetCommit',
  'retention.ms',
  'retention.bytes',
  'ms',
  'GC',
  // RocketMQ
  'CommitLog',
  'PageCache',
  'master',
  'slave',
  'onException',
  'maxReconsumeTimes',
  'transactionCheckMax',
  'CONSUME_FROM_LAST_OFFSET',
];

const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

const latinOk = new RegExp(
  `(?<![A-Za-z0-9_.-])(${[...LATIN_OK]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|')})(?![A-Za-z0-9_-])`,
  'g',
);

/** Latin words left in a Chinese sentence once names, numbers and real knob names are removed. */
function strayLatin(zh: string, e: EventLike): string[] {
  const names = new Set<string>([e.node, ...e.node.split(/->|<->|\||,|\[|\]/)]);
  for (const f of NAME_FIELDS) {
    const v = e.data?.[f];
    if (typeof v === 'string') for (const x of [v, ...v.split(/[, |]/)]) if (x) names.add(x);
  }
  for (const x of (typeof e.data?.['assignment'] === 'string' ? e.data['assignment'] : '').matchAll(
    /(\S+?):\[/g,
  ))
    names.add(x[1] as string);
  let rest = zh.replace(/"[^"]*"/g, ' ');
  for (const n of [...names].filter((x) => x !== '').sort((a, b) => b.length - a.length))
    rest = rest.replace(new RegExp(`(?<![A-Za-z0-9_.-])${escape(n)}(?![A-Za-z0-9_-])`, 'g'), ' ');
  rest = rest.replace(/\b[A-Z][A-Z_]{3,}\b/g, ' ').replace(latinOk, ' ');
  return rest.match(/[A-Za-z][A-Za-z_.-]*/g) ?? [];
}

function expectReadable(e: EventLike): void {
  const s = describeEvent(e, e.msgs?.[0]);
  const where = `${e.kind} ${JSON.stringify(e.data ?? {})}`;
  expect(s.generic, where).toBe(false);
  for (const text of [s.en, s.zh]) {
    expect(text.trim().length, where).toBeGreaterThan(3);
    expect(text, where).not.toMatch(/undefined|NaN|\[object|\{\{/);
  }
  expect(strayLatin(s.zh, e), `${where}: ${s.zh}`).toEqual([]);
  // A compound reason code (`crash-unwritten`) is internal unless it is a real knob or protocol
  // name or an English term; the Chinese side is covered by the stray-Latin check above.
  const reason = e.data?.['reason'];
  if (
    typeof reason === 'string' &&
    /[-_]/.test(reason) &&
    !/^[A-Z_]+$/.test(reason) &&
    !LATIN_OK.includes(reason) &&
    !['auto-ack'].includes(reason)
  )
    expect(s.en, where).not.toMatch(
      new RegExp(`(?<![A-Za-z0-9_.-])${escape(reason)}(?![A-Za-z0-9_-])`),
    );
}

describe('event sentences', () => {
  it('every journal kind and every reason the models write reads as a sentence in both languages', () => {
    for (const [kind, samples] of Object.entries(SAMPLES)) {
      expect(samples.length, kind).toBeGreaterThan(0);
      for (const s of samples) expectReadable({ at: 10_205_000, kind: kind as JournalKind, ...s });
    }
  });

  it('reads like the product examples, with the time first', () => {
    const crash: EventLike = { at: 10_205_000, kind: 'crash', node: 'broker-1' };
    expect(eventSentence(crash, 'en')).toBe('10.205 s broker-1 crashed.');
    expect(eventSentence(crash, 'zh')).toBe('10.205s broker-1 崩溃。');
    const elected: EventLike = {
      at: 10_300_000,
      kind: 'leader-elected',
      node: 'controller',
      data: {
        partition: 0,
        leader: 'broker-2',
        epoch: 3,
        isr: 'broker-2',
        unclean: false,
        leo: 40,
      },
    };
    expect(describeEvent(elected).en).toBe(
      'broker-2 was elected leader of partition 0 (epoch 3); its log ends at offset 40.',
    );
    expect(describeEvent(elected).zh).toBe(
      'broker-2 当选分区 0 的 leader（epoch 3），它的日志止于 offset 40。',
    );
  });

  it('names the message in focus in a batch, with English agreement', () => {
    const e: EventLike = {
      at: 1,
      kind: 'drop',
      node: 'broker-1',
      msgs: [40, 41, 42],
      data: { reason: 'crash-unwritten', queue: 'q' },
    };
    const s = describeEvent(e, 41);
    expect(s.en).toContain('Message #41 and 2 others');
    expect(s.en).toContain('were lost');
    expect(s.zh).toContain('消息 #41 及另外 2 条');
    expect(describeEvent({ ...e, msgs: [41] }).en).toContain('was lost');
  });

  it('a reason code it has no words for gives a plain sentence, never the code', () => {
    const e: EventLike = {
      at: 1,
      kind: 'drop',
      node: 'broker-1',
      msgs: [7],
      data: { reason: 'some-new-internal-code' },
    };
    const s = describeEvent(e);
    expect(s.generic).toBe(true);
    expect(s.en + s.zh).not.toContain('some-new-internal-code');
    expect(s.en).toContain('#7');
  });

  it('every entry of every preset run gets a sentence of its own', () => {
    let entries = 0;
    const checked = new Map<string, number>();
    for (const p of PRESETS) {
      const { record } = runScenario(p);
      for (const e of record.journal) {
        entries++;
        const s = describeEvent(e, e.msgs?.[0]);
        if (s.generic || /undefined|NaN|\[object|\{\{/.test(s.en + s.zh))
          expect.fail(`${p.name}: ${e.kind} ${JSON.stringify(e.data)} -> ${s.en}`);
        // The full check once per shape of entry (kind, reason, fields): there are ~300k entries.
        const shape = `${e.kind}|${String(e.data?.['reason'])}|${Object.keys(e.data ?? {}).join()}`;
        const n = checked.get(shape) ?? 0;
        if (n < 3) {
          checked.set(shape, n + 1);
          expectReadable(e);
        }
      }
    }
    expect(entries).toBeGreaterThan(1000);
  }, 180_000);
});
