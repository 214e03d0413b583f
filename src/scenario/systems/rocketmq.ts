/**
 * The RocketMQ system: NameServers, broker groups (one master and its slaves), topics with read
 * and write queue counts spread over broker groups, producers and consumer groups.
 *
 * JSON keys are RocketMQ's own configuration names (broker.conf, DefaultMQProducer,
 * DefaultMQPushConsumer), so what a learner sets here is what they set at work. Defaults are
 * **Apache RocketMQ 4.9.x** (checked against the rocketmq-all-4.9.8 sources):
 * MessageStoreConfig `brokerRole=ASYNC_MASTER`, `flushDiskType=ASYNC_FLUSH`,
 * `flushIntervalCommitLog=500`, `syncFlushTimeout=5000`,
 * `messageDelayLevel=1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h`;
 * BrokerConfig `registerNameServerPeriod=30000`, `transactionTimeOut=6000`,
 * `transactionCheckMax=15`, `transactionCheckInterval=60000` (30000 since 5.x);
 * NameServer RouteInfoManager `BROKER_CHANNEL_EXPIRED_TIME=120000`; ClientConfig
 * `pollNameServerInterval=30000`, `persistConsumerOffsetInterval=5000`; DefaultMQProducer
 * `sendMsgTimeout=3000`, `retryTimesWhenSendFailed=2`, `retryTimesWhenSendAsyncFailed=2`,
 * `retryAnotherBrokerWhenNotStoreOK=false`, `sendLatencyFaultEnable=false`,
 * `defaultTopicQueueNums=4`; DefaultMQPushConsumer `messageModel=CLUSTERING`,
 * `consumeFromWhere=CONSUME_FROM_LAST_OFFSET`, `maxReconsumeTimes=-1` (16 for concurrent
 * listeners), `suspendCurrentQueueTimeMillis=1000`, `pullInterval=0`, `consumeThreadMin=20`;
 * RebalanceService `rocketmq.client.rebalance.waitInterval=20000`.
 * Fields that are the model's own (not RocketMQ knobs) say so.
 */
import { z } from 'zod';
import { ClaimsField } from '../claims';
import { commonFields, DistMs, Id, MAX_MESSAGES_PER_CLIENT, Ms, msBetween } from '../common';

const Int = (min: number, max: number) => z.number().int().min(min).max(max);

/**
 * A broker group's `brokerName`: an id, optionally `room@name`, the shape
 * AllocateMessageQueueByMachineRoom reads the machine room (IDC) from.
 */
const BrokerName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,31}(@[A-Za-z][A-Za-z0-9_.-]{0,31})?$/, {
    message:
      'must be an id (a letter, then letters, digits, "_", "." or "-"), optionally "room@name"',
  });

/** The 18 levels of the default `messageDelayLevel`, in milliseconds (level 1 is index 0). */
export const DELAY_LEVELS_MS: readonly number[] = [
  1_000, 5_000, 10_000, 30_000, 60_000, 120_000, 180_000, 240_000, 300_000, 360_000, 420_000,
  480_000, 540_000, 600_000, 1_200_000, 1_800_000, 3_600_000, 7_200_000,
];

/** One broker process: a master (`brokerId` 0) or a slave (`brokerId` > 0) of a broker group. */
export const RocketMqBroker = z
  .object({
    /** The node id of this process (a machine in the lab). Model field. */
    id: Id,
    /** The broker group this process belongs to (`brokerName`). */
    brokerName: BrokerName,
    /** 0 is the master; 1, 2 ... are slaves. */
    brokerId: Int(0, 16).default(0),
    /** ASYNC_MASTER replicates after answering; SYNC_MASTER answers after a slave has it. */
    brokerRole: z.enum(['ASYNC_MASTER', 'SYNC_MASTER', 'SLAVE']).default('ASYNC_MASTER'),
    /** ASYNC_FLUSH answers from the page cache; SYNC_FLUSH answers after the disk write. */
    flushDiskType: z.enum(['ASYNC_FLUSH', 'SYNC_FLUSH']).default('ASYNC_FLUSH'),
    /** ASYNC_FLUSH: the flush thread's period. */
    flushIntervalCommitLog: msBetween(1).default(500),
    /** SYNC_FLUSH: how long a send waits for the disk before answering FLUSH_DISK_TIMEOUT. */
    syncFlushTimeout: msBetween(1).default(5000),
    /** How long one fsync of the CommitLog takes. Model knob. */
    fsyncLatencyMs: msBetween(0, 60_000).default(2),
    /**
     * At this time the machine's disk fails for good: the process stops and its CommitLog is gone
     * (ground-truth Q4, Q5: a master lost with its disk). Model knob.
     */
    diskFailsAtMs: Ms.optional(),
    /**
     * At this time the machine's disk passes diskSpaceWarningLevelRatio (0.90): the next run of the
     * clean service (every cleanResourceInterval, 10 s) marks the store DISK_FULL, and from then on
     * every send is answered SERVICE_NOT_AVAILABLE (DefaultMessageStore.checkStoreStatus). Model knob.
     */
    diskFullAtMs: Ms.optional(),
  })
  .strict();

export const RocketMqTopic = z
  .object({
    name: Id,
    /** Broker groups (`brokerName`) that host the topic's queues. */
    brokers: z.array(BrokerName).max(32),
    /** Queues producers write to, per broker group (`defaultTopicQueueNums` 4). */
    writeQueueNums: Int(1, 64).default(4),
    /** Queues consumers read, per broker group. */
    readQueueNums: Int(1, 64).default(4),
  })
  .strict();

/**
 * How a producer picks a queue. `round-robin`: the default (rotate over the queues, avoiding the
 * broker that just failed). `id-modulo`: a `MessageQueueSelector` returning
 * `mqs.get(orderId % mqs.size())` (as SelectMessageQueueByHash), the orderId being the number in
 * the key: when the route's queue count changes, a key moves to another queue.
 * `id-modulo-fixed`: a selector that takes `orderId % ` the topic's configured queue count and
 * returns null (the send fails) when that queue is not in the route. `queue`: a selector that
 * always returns the queue `queueId` of broker group `brokerName`.
 */
const Selector = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('round-robin') }).strict(),
  z.object({ kind: z.literal('id-modulo') }).strict(),
  z.object({ kind: z.literal('id-modulo-fixed') }).strict(),
  z.object({ kind: z.literal('queue'), brokerName: BrokerName, queueId: Int(0, 63) }).strict(),
]);

export const RocketMqProducer = z
  .object({
    id: Id,
    /** Producer group: transaction check-backs may go to any producer of the group. */
    producerGroup: Id.default('DEFAULT_PRODUCER'),
    topic: Id,
    ratePerSec: z.number().min(0.001).max(1_000_000).default(10),
    messages: Int(0, MAX_MESSAGES_PER_CLIENT).default(100),
    startMs: Ms.default(0),
    /** `sync` waits for the SendResult; `async` takes it in a callback; `oneway` never hears back. */
    sendMode: z.enum(['sync', 'async', 'oneway']).default('sync'),
    sendMsgTimeout: msBetween(1).default(3000),
    /** Sync sends: retries after a failure, each to another broker if there is one. */
    retryTimesWhenSendFailed: Int(0, 16).default(2),
    /** Async sends: retries when not sent or timed out, to another broker if there is one (4.9.8 code). */
    retryTimesWhenSendAsyncFailed: Int(0, 16).default(2),
    /** Sync sends: also retry when the status is not SEND_OK (FLUSH_DISK_TIMEOUT ...). */
    retryAnotherBrokerWhenNotStoreOK: z.boolean().default(false),
    /** Avoid a broker that failed for a while (MQFaultStrategy, 4.9: 10 minutes after an error). */
    sendLatencyFaultEnable: z.boolean().default(false),
    selector: Selector.default({ kind: 'round-robin' }),
    /** How many distinct keys (`k0`, `k1` ...: the orderId an `id-modulo` selector uses). Model knob. */
    keys: Int(1, 100_000).default(4),
    /** Tags the producer rotates over (`Message.setTags`); empty: no tag. */
    tags: z
      .array(z.string().regex(/^[A-Za-z0-9_.-]{1,32}$/))
      .max(16)
      .default([]),
    /** `Message.setDelayTimeLevel`: 0 none, 1-18 the `messageDelayLevel` entries. */
    delayTimeLevel: z.number().int().default(0),
    /**
     * Sends transactional (half) messages with a TransactionListener: the local transaction runs
     * after the half message is stored, then the producer ends it with commit or rollback.
     */
    transaction: z
      .object({
        /** How long the local transaction takes. Model knob. */
        localTransactionMs: Ms.default(10),
        /** Time from the local transaction's end to the END_TRANSACTION request leaving. Model knob. */
        endTransactionDelayMs: Ms.default(0),
        /** Every n-th local transaction rolls back (0: none). Model knob. */
        rollbackEvery: Int(0, 1_000_000).default(0),
        /** Every n-th listener returns UNKNOW though the local transaction committed (0: none). Model knob. */
        unknownEvery: Int(0, 1_000_000).default(0),
        /** What checkLocalTransaction answers: the local database's state, or always UNKNOW. Model knob. */
        checkAnswer: z.enum(['state', 'unknown']).default('state'),
      })
      .strict()
      .optional(),
  })
  .strict();

export const RocketMqConsumer = z
  .object({
    id: Id,
    consumerGroup: Id.default('consumer-group-1'),
    topic: Id,
    /** Tag subscription: `*` or `TagA || TagB`. */
    subExpression: z
      .string()
      .regex(/^(\*|[A-Za-z0-9_.-]{1,32}( *\|\| *[A-Za-z0-9_.-]{1,32})*)$/, {
        message: 'must be "*" or tags joined by "||"',
      })
      .default('*'),
    messageModel: z.enum(['CLUSTERING', 'BROADCASTING']).default('CLUSTERING'),
    /** MessageListenerConcurrently or MessageListenerOrderly. */
    listener: z.enum(['concurrently', 'orderly']).default('concurrently'),
    consumeFromWhere: z
      .enum(['CONSUME_FROM_LAST_OFFSET', 'CONSUME_FROM_FIRST_OFFSET'])
      .default('CONSUME_FROM_LAST_OFFSET'),
    /**
     * AllocateMessageQueueStrategy (4.9.x client, rebalance/): AVERAGELY (the default),
     * AVERAGELY_BY_CIRCLE, CONSISTENT_HASH (MD5 ring, `virtualNodeCnt` virtual nodes per client),
     * CONFIG (this consumer reads exactly `messageQueueList`), MACHINE_ROOM (only brokers named
     * `room@name` with `room` in `consumeridcs`).
     */
    allocateMessageQueueStrategy: z
      .enum(['AVERAGELY', 'AVERAGELY_BY_CIRCLE', 'CONSISTENT_HASH', 'CONFIG', 'MACHINE_ROOM'])
      .default('AVERAGELY'),
    /** CONSISTENT_HASH: virtual nodes per client (AllocateMessageQueueConsistentHash(), 10). */
    virtualNodeCnt: Int(1, 1000).optional(),
    /** CONFIG: the queues this consumer reads (AllocateMessageQueueByConfig.setMessageQueueList). */
    messageQueueList: z
      .array(
        z
          .object({
            /** The consumer's topic (left out), or its group's `%RETRY%<group>` (queue 0). */
            topic: z.string().max(64).optional(),
            brokerName: BrokerName,
            queueId: Int(0, 63),
          })
          .strict(),
      )
      .max(256)
      .optional(),
    /** MACHINE_ROOM: the rooms this group reads (AllocateMessageQueueByMachineRoom.setConsumeridcs). */
    consumeridcs: z
      .array(z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,31}$/))
      .max(16)
      .optional(),
    /** -1: 16 for concurrent listeners, unlimited (Integer.MAX_VALUE) for orderly ones. */
    maxReconsumeTimes: z.number().int().min(-1).max(1000).default(-1),
    suspendCurrentQueueTimeMillis: msBetween(10).default(1000),
    persistConsumerOffsetInterval: msBetween(100).default(5000),
    /** Threads of the consume pool (concurrent listeners process in parallel). */
    consumeThreadMin: Int(1, 64).default(20),
    /** Time to process one message. Model knob. */
    processingMs: DistMs.default({ kind: 'fixed', ms: 1 }),
    /** The listener returns RECONSUME_LATER this many times for each failing message. Model knob. */
    failTimes: Int(0, 100_000).default(0),
    /** Which messages fail: every n-th message id. Model knob. */
    failEvery: Int(1, 1_000_000).default(1),
    sink: z.enum(['insert', 'unique-key', 'set', 'dedup-table']).default('insert'),
    startMs: Ms.default(0),
    /**
     * The client class: DefaultMQPushConsumer (`PUSH`, absent) or DefaultLitePullConsumer
     * (`LITE_PULL`, 4.9.x): the application calls poll() in a loop and processes each batch itself,
     * one batch at a time. Model field (it is the class a Java program picks).
     */
    consumerType: z.enum(['PUSH', 'LITE_PULL']).optional(),
    /** LITE_PULL: messages per pull and per poll() (DefaultLitePullConsumer pullBatchSize, 10). */
    pullBatchSize: Int(1, 1024).optional(),
    /** LITE_PULL: how long poll() waits for a batch before returning empty (pollTimeoutMillis, 5000). */
    pollTimeoutMillis: msBetween(1).optional(),
    /**
     * LITE_PULL: poll() commits the offsets of what earlier polls returned (autoCommit, true); off,
     * the application calls commitSync() after each batch (the model's choice of program).
     */
    autoCommit: z.boolean().optional(),
    /** LITE_PULL: the least time between two auto commits (autoCommitIntervalMillis, 5000; minimum 1000). */
    autoCommitIntervalMillis: msBetween(1000).optional(),
  })
  .strict();

const DEFAULT_BROKERS = [
  { id: 'broker-a-0', brokerName: 'broker-a', brokerId: 0 },
  { id: 'broker-a-1', brokerName: 'broker-a', brokerId: 1, brokerRole: 'SLAVE' as const },
];

export const RocketMqScenario = z
  .object({
    ...commonFields,
    claims: ClaimsField,
    system: z.literal('rocketmq'),
    /** NameServer node ids: stateless, independent, every broker registers with each one. */
    nameServers: z.array(Id).min(1).max(8).default(['namesrv-1']),
    /** NameServer: a broker silent this long leaves the routes (BROKER_CHANNEL_EXPIRED_TIME). */
    brokerChannelExpiredTime: msBetween(1000).default(120_000),
    registerNameServerPeriod: msBetween(100).default(30_000),
    pollNameServerInterval: msBetween(100).default(30_000),
    /** RebalanceService wait (the `rocketmq.client.rebalance.waitInterval` property). */
    rebalanceInterval: msBetween(100).default(20_000),
    transactionTimeOut: msBetween(1).default(6000),
    transactionCheckInterval: msBetween(100).default(60_000),
    transactionCheckMax: Int(1, 1000).default(15),
    brokers: z.array(RocketMqBroker).min(1).max(32).prefault(DEFAULT_BROKERS),
    topics: z.array(RocketMqTopic).min(1).max(16),
    producers: z.array(RocketMqProducer).min(1).max(100),
    consumers: z.array(RocketMqConsumer).max(100).default([]),
    /**
     * A broker group leaves the topic's write routes: `mqadmin wipeWritePerm -b <brokerName>` at
     * `atMs` (RouteInfoManager.wipeWritePermOfBroker, 4.9.8: every NameServer clears PERM_WRITE of
     * the group's queue data). The broker keeps running and serving reads; producers stop choosing
     * its queues at their next route fetch, so the writable queue count changes without a crash.
     * The permission comes back only when the group registers anew (a restart after its routes
     * were removed). The model applies it on every NameServer that is up at that moment.
     */
    wipeWritePerm: z
      .array(z.object({ atMs: Ms, brokerName: BrokerName }).strict())
      .max(32)
      .optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const groups = new Map<string, (typeof s.brokers)[number][]>();
    for (const b of s.brokers) groups.set(b.brokerName, [...(groups.get(b.brokerName) ?? []), b]);
    s.brokers.forEach((b, i) => {
      const master = b.brokerId === 0;
      if (master && b.brokerRole === 'SLAVE')
        ctx.addIssue({
          code: 'custom',
          message: 'brokerId 0 is the master: brokerRole must be ASYNC_MASTER or SYNC_MASTER',
          path: ['brokers', i, 'brokerRole'],
        });
      if (!master && b.brokerRole !== 'SLAVE')
        ctx.addIssue({
          code: 'custom',
          message: `brokerId ${b.brokerId} is a slave: brokerRole must be SLAVE`,
          path: ['brokers', i, 'brokerRole'],
        });
      const peers = groups.get(b.brokerName) ?? [];
      if (!master && !peers.some((p) => p.brokerId === 0))
        ctx.addIssue({
          code: 'custom',
          message: `slave of "${b.brokerName}" without a master (no brokerId 0 in that brokerName)`,
          path: ['brokers', i, 'brokerName'],
        });
      if (peers.filter((p) => p.brokerId === b.brokerId).length > 1)
        ctx.addIssue({
          code: 'custom',
          message: `brokerId ${b.brokerId} appears twice in "${b.brokerName}"`,
          path: ['brokers', i, 'brokerId'],
        });
    });
    (s.wipeWritePerm ?? []).forEach((w, i) => {
      if (!groups.get(w.brokerName)?.some((b) => b.brokerId === 0))
        ctx.addIssue({
          code: 'custom',
          message: `no broker group (brokerName) "${w.brokerName}" with a master`,
          path: ['wipeWritePerm', i, 'brokerName'],
        });
    });
    const topics = new Map(s.topics.map((t) => [t.name, t]));
    s.topics.forEach((t, i) => {
      if (t.brokers.length === 0)
        ctx.addIssue({
          code: 'custom',
          message: `topic "${t.name}" is on no broker`,
          path: ['topics', i, 'brokers'],
        });
      t.brokers.forEach((b, j) => {
        if (!groups.has(b))
          ctx.addIssue({
            code: 'custom',
            message: `no broker group (brokerName) "${b}"`,
            path: ['topics', i, 'brokers', j],
          });
      });
      if (s.topics.findIndex((x) => x.name === t.name) !== i)
        ctx.addIssue({
          code: 'custom',
          message: `topic "${t.name}" twice`,
          path: ['topics', i, 'name'],
        });
    });
    s.producers.forEach((p, i) => {
      const t = topics.get(p.topic);
      if (!t)
        ctx.addIssue({
          code: 'custom',
          message: `no topic "${p.topic}"`,
          path: ['producers', i, 'topic'],
        });
      const sel = p.selector;
      if (t && sel.kind === 'queue') {
        if (!t.brokers.includes(sel.brokerName))
          ctx.addIssue({
            code: 'custom',
            message: `topic "${t.name}" has no queues on "${sel.brokerName}"`,
            path: ['producers', i, 'selector', 'brokerName'],
          });
        else if (sel.queueId >= t.writeQueueNums)
          ctx.addIssue({
            code: 'custom',
            message: `queue ${sel.queueId} does not exist: "${t.name}" has writeQueueNums=${t.writeQueueNums} (queues 0-${t.writeQueueNums - 1})`,
            path: ['producers', i, 'selector', 'queueId'],
          });
      }
      if (p.delayTimeLevel < 0 || p.delayTimeLevel > 18)
        ctx.addIssue({
          code: 'custom',
          message:
            'delayTimeLevel must be 0 (no delay) or 1-18 (messageDelayLevel); the broker would clamp a higher level to 18 (2 h)',
          path: ['producers', i, 'delayTimeLevel'],
        });
      if (p.transaction && p.sendMode !== 'sync')
        ctx.addIssue({
          code: 'custom',
          message: 'transactional messages are sent with sendMessageInTransaction (sync)',
          path: ['producers', i, 'sendMode'],
        });
      if (p.transaction && p.delayTimeLevel > 0)
        ctx.addIssue({
          code: 'custom',
          message: 'transactional messages cannot be delayed (RocketMQ 4.9)',
          path: ['producers', i, 'delayTimeLevel'],
        });
    });
    const models = new Map<string, string>();
    s.consumers.forEach((c, i) => {
      if (!topics.has(c.topic))
        ctx.addIssue({
          code: 'custom',
          message: `no topic "${c.topic}"`,
          path: ['consumers', i, 'topic'],
        });
      const seen = models.get(c.consumerGroup);
      const mine = `${c.topic}|${c.messageModel}|${c.subExpression}|${c.listener}`;
      if (seen !== undefined && seen !== mine)
        ctx.addIssue({
          code: 'custom',
          message: `consumers of group "${c.consumerGroup}" must share topic, subExpression, messageModel and listener`,
          path: ['consumers', i, 'consumerGroup'],
        });
      models.set(c.consumerGroup, mine);
      litePullIssues(c, (message, field) =>
        ctx.addIssue({ code: 'custom', message, path: ['consumers', i, field] }),
      );
      const t = topics.get(c.topic);
      if (t)
        allocationIssues(c, t, (message, path) =>
          ctx.addIssue({ code: 'custom', message, path: ['consumers', i, ...path] }),
        );
    });
  });

/** DefaultLitePullConsumer knobs need `consumerType: LITE_PULL`, which has no listener. */
function litePullIssues(
  c: z.infer<typeof RocketMqConsumer>,
  issue: (message: string, field: string) => void,
): void {
  const lite = c.consumerType === 'LITE_PULL';
  for (const k of [
    'pullBatchSize',
    'pollTimeoutMillis',
    'autoCommit',
    'autoCommitIntervalMillis',
  ] as const)
    if (!lite && c[k] !== undefined) issue(`${k} applies only with consumerType LITE_PULL`, k);
  if (!lite) return;
  if (c.listener !== 'concurrently')
    issue(
      'a LITE_PULL consumer has no listener: the application processes what poll() returns',
      'listener',
    );
  if (c.messageModel !== 'CLUSTERING')
    issue('the model runs LITE_PULL consumers in CLUSTERING mode only', 'messageModel');
  if (c.failTimes > 0)
    issue(
      'a LITE_PULL consumer has no RECONSUME_LATER: the application handles failures',
      'failTimes',
    );
}

/** The allocation knobs a consumer sets must fit its strategy and its topic's queues. */
function allocationIssues(
  c: z.infer<typeof RocketMqConsumer>,
  t: z.infer<typeof RocketMqTopic>,
  issue: (message: string, path: (string | number)[]) => void,
): void {
  const strategy = c.allocateMessageQueueStrategy;
  const only = (field: string, needs: string): void =>
    issue(`${field} applies only with allocateMessageQueueStrategy ${needs}`, [field]);
  if (c.virtualNodeCnt !== undefined && strategy !== 'CONSISTENT_HASH')
    only('virtualNodeCnt', 'CONSISTENT_HASH');
  if (c.messageQueueList !== undefined && strategy !== 'CONFIG') only('messageQueueList', 'CONFIG');
  if (c.consumeridcs !== undefined && strategy !== 'MACHINE_ROOM')
    only('consumeridcs', 'MACHINE_ROOM');
  if (strategy === 'CONFIG') {
    const list = c.messageQueueList ?? [];
    if (list.length === 0)
      issue('CONFIG needs messageQueueList: the queues this consumer reads', ['messageQueueList']);
    const retry = `%RETRY%${c.consumerGroup}`;
    list.forEach((q, j) => {
      const at = (k: string): (string | number)[] => ['messageQueueList', j, k];
      const topic = q.topic ?? c.topic;
      if (topic !== c.topic && topic !== retry)
        return issue(`topic must be "${c.topic}" or "${retry}"`, at('topic'));
      if (!t.brokers.includes(q.brokerName))
        return issue(`topic "${t.name}" has no queues on "${q.brokerName}"`, at('brokerName'));
      const count = topic === retry ? 1 : t.readQueueNums;
      if (q.queueId >= count)
        issue(
          `queue ${q.queueId} does not exist: "${topic}" has ${count} readable queue(s) per broker (0-${count - 1})`,
          at('queueId'),
        );
    });
  }
  if (strategy === 'MACHINE_ROOM') {
    const idcs = c.consumeridcs ?? [];
    if (idcs.length === 0)
      issue('MACHINE_ROOM needs consumeridcs: the machine rooms this group reads', [
        'consumeridcs',
      ]);
    else if (
      !t.brokers.some((b) => b.split('@').length === 2 && idcs.includes(b.split('@')[0] as string))
    )
      issue(
        `no broker group of topic "${t.name}" is in rooms ${idcs.join(', ')}: MACHINE_ROOM reads brokerName "room@name" only`,
        ['consumeridcs'],
      );
  }
}

export type RocketMqScenario = z.infer<typeof RocketMqScenario>;
export type RocketMqBrokerConfig = z.infer<typeof RocketMqBroker>;
export type RocketMqProducerConfig = z.infer<typeof RocketMqProducer>;
export type RocketMqConsumerConfig = z.infer<typeof RocketMqConsumer>;

/** Tags a subscription accepts, or null for `*`. */
export function subscribedTags(expr: string): ReadonlySet<string> | null {
  if (expr.trim() === '*') return null;
  return new Set(expr.split('||').map((t) => t.trim()));
}

/** Node ids the scenario declares, for the cross-field checks. */
export function rocketMqNodeIds(s: RocketMqScenario): { all: string[]; consumers: string[] } {
  return {
    all: [
      ...s.nameServers,
      ...s.brokers.map((b) => b.id),
      ...s.producers.map((p) => p.id),
      ...s.consumers.map((c) => c.id),
    ],
    consumers: s.consumers.map((c) => c.id),
  };
}
