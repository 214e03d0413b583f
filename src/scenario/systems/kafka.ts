/**
 * The Kafka system: a cluster of brokers with a controller, one topic with `partitions` and
 * `replication.factor`, producers and consumer groups.
 *
 * JSON keys are Kafka's own configuration names, so what a learner sets here is what they set at
 * work. Defaults are **Apache Kafka 3.x** client and broker defaults (checked against
 * ProducerConfig, ConsumerConfig, TopicConfig and KRaft's broker configs of the 3.x line):
 * `acks=all` and `enable.idempotence=true` (since 3.0), `retries=2147483647`,
 * `linger.ms=0` (it became 5 only in 4.0), `batch.size=16384`,
 * `max.in.flight.requests.per.connection=5`, `request.timeout.ms=30000`,
 * `delivery.timeout.ms=120000`, `retry.backoff.ms=100`; `session.timeout.ms=45000` (since 3.0),
 * `heartbeat.interval.ms=3000`, `max.poll.interval.ms=300000`, `max.poll.records=500`,
 * `enable.auto.commit=true`, `auto.commit.interval.ms=5000`, `auto.offset.reset=latest`,
 * `isolation.level=read_uncommitted`, `partition.assignment.strategy=[range, cooperative-sticky]`
 * (range is used first); `min.insync.replicas=1`, `unclean.leader.election.enable=false`,
 * `replica.lag.time.max.ms=30000`, `replica.fetch.wait.max.ms=500`, `flush.messages` and
 * `flush.ms` unset (Long.MAX_VALUE: never fsync, rely on replication), `retention.ms=604800000`,
 * `retention.bytes=-1`, `broker.session.timeout.ms=9000`, `broker.heartbeat.interval.ms=2000`.
 * Fields that are the model's own (not Kafka knobs) say so.
 */
import { z } from 'zod';
import { ClaimsField } from '../claims';
import { commonFields, DistMs, Id, MAX_MESSAGES_PER_CLIENT, Ms, msBetween } from '../common';

const Int = (min: number, max: number) => z.number().int().min(min).max(max);
const MAX_INT = 2147483647;

/** Kafka accepts `acks` as "all", "-1", "0" or "1"; numbers are accepted too. */
const Acks = z
  .union([z.enum(['all', '-1', '0', '1']), z.literal(-1), z.literal(0), z.literal(1)])
  .default('all');

/** The normalised `acks`: 0, 1 or all (-1). */
export type KafkaAcks = '0' | '1' | 'all';

/** Normalises any accepted spelling of `acks`. */
export function normAcks(a: z.infer<typeof Acks>): KafkaAcks {
  if (a === 'all' || a === '-1' || a === -1) return 'all';
  return a === '0' || a === 0 ? '0' : '1';
}

export const KafkaProducer = z
  .object({
    id: Id,
    ratePerSec: z.number().min(0.001).max(1_000_000).default(10),
    messages: Int(0, MAX_MESSAGES_PER_CLIENT).default(100),
    startMs: Ms.default(0),
    /** How many distinct keys (`k0`, `k1` ...) the producer spreads its records over. */
    keys: Int(1, 100_000).default(4),
    /** Send records with a null key (spread by the sticky partitioner) instead. Model knob. */
    nullKeys: z.boolean().default(false),
    /**
     * `default`: Kafka's built-in partitioner (murmur2 of the key bytes, modulo partitions).
     * `key-modulo`: a custom partitioner (like a RocketMQ MessageQueueSelector `id % n`): the
     * number in the key modulo the partition count.
     */
    partitioner: z.enum(['default', 'key-modulo']).default('default'),
    acks: Acks,
    retries: Int(0, MAX_INT).default(MAX_INT),
    // Kafka accepts 0 for these three (atLeast(0)); 0 makes a retry or a timeout fire again at
    // the same instant without end, so the model asks for at least 1 ms.
    'retry.backoff.ms': msBetween(1).default(100),
    'request.timeout.ms': msBetween(1).default(30_000),
    'delivery.timeout.ms': msBetween(1).default(120_000),
    'linger.ms': Ms.default(0),
    'batch.size': Int(1, 10_000_000).default(16_384),
    'max.in.flight.requests.per.connection': Int(1, 100).default(5),
    /**
     * Unset means Kafka 3.x's rule: on, unless a conflicting setting (acks other than all,
     * retries=0, more than 5 in flight) turns it off. Set to true with a conflict is an error,
     * as in Kafka.
     */
    'enable.idempotence': z.boolean().optional(),
    /** Size of one record on the wire, for `batch.size` and `retention.bytes`. Model knob. */
    recordBytes: Int(1, 1_000_000).default(100),
    /**
     * Makes the producer transactional (KIP-98): initTransactions() takes a producer epoch from the
     * transaction coordinator, fencing any older instance with the same id; records are sent in
     * transactions (begin, sends, commit or abort). Requires idempotence.
     */
    'transactional.id': Id.optional(),
    /** With `transactional.id`: records per transaction (the application's batch). Model knob. */
    'transaction.records': Int(1, 100_000).default(10),
    /**
     * With `transactional.id`: abort every n-th transaction instead of committing it (0: never),
     * to show aborted records. Model knob.
     */
    abortEvery: Int(0, 1_000_000).default(0),
  })
  .strict();

export const KafkaConsumer = z
  .object({
    id: Id,
    'group.id': Id.default('group-1'),
    'enable.auto.commit': z.boolean().default(true),
    'auto.commit.interval.ms': Ms.default(5000),
    /**
     * With `enable.auto.commit=false`: commitSync after processing a poll's records (at least
     * once) or before processing them (at most once). Model knob naming the application's choice.
     */
    commit: z.enum(['after-processing', 'before-processing']).default('after-processing'),
    'auto.offset.reset': z.enum(['earliest', 'latest', 'none']).default('latest'),
    /**
     * `read_uncommitted` (the 3.x default) reads up to the high watermark, records of open and
     * aborted transactions included; `read_committed` reads up to the last stable offset and skips
     * aborted records.
     */
    'isolation.level': z.enum(['read_uncommitted', 'read_committed']).default('read_uncommitted'),
    'max.poll.records': Int(1, 100_000).default(500),
    // The broker's group.min.session.timeout.ms (6 s by default) is a broker setting a lab may lower.
    'session.timeout.ms': msBetween(1).default(45_000),
    'heartbeat.interval.ms': msBetween(1).default(3000),
    'max.poll.interval.ms': msBetween(1).default(300_000),
    // Kafka accepts 0 (a busy poll); with a zero-latency network it never lets time advance.
    'fetch.max.wait.ms': msBetween(1).default(500),
    'partition.assignment.strategy': z
      .enum(['range', 'roundrobin', 'sticky', 'cooperative-sticky'])
      .default('range'),
    /** Time to process one record. Model knob. */
    processingMs: DistMs.default({ kind: 'fixed', ms: 1 }),
    /**
     * Worker threads the application hands records to. 1 processes in poll order; more lets
     * records of one partition finish out of order (and, with auto-commit, lets the committed
     * offset run ahead of the work). Model knob.
     */
    threads: Int(1, 64).default(1),
    sink: z.enum(['insert', 'unique-key', 'set', 'dedup-table']).default('insert'),
    startMs: Ms.default(0),
    /**
     * Makes the consumer an exactly-once consume-transform-produce processor (KIP-98 / KIP-447):
     * for each polled batch it produces one output record per input record in a transaction of its
     * own transactional producer, then commits. The sink stands for the output topic as a
     * read_committed reader sees it: an output counts only once its transaction commits. Requires
     * `enable.auto.commit=false`, as Kafka does; `commit` is ignored (see `offsets`).
     */
    processor: z
      .object({
        /**
         * The processor's producer `transactional.id`. On (re)start, initTransactions() bumps its
         * epoch, fencing an older instance and aborting its open transaction.
         */
        'transactional.id': Id,
        /**
         * `in-transaction`: sendOffsetsToTransaction, so the group's offsets commit atomically with
         * the outputs (exactly once). `commit-after`: commitSync after commitTransaction(), not
         * atomic: a crash in between processes the batch again. Model knob naming the
         * application's choice.
         */
        offsets: z.enum(['in-transaction', 'commit-after']).default('in-transaction'),
      })
      .strict()
      .optional(),
  })
  .strict();

const DEFAULT_BROKERS = ['broker-1', 'broker-2', 'broker-3'];

export const KafkaScenario = z
  .object({
    ...commonFields,
    claims: ClaimsField,
    system: z.literal('kafka'),
    /** Broker ids, in broker-id order (the first is Kafka broker id 0). */
    brokers: z.array(Id).min(1).max(16).default(DEFAULT_BROKERS),
    controller: z
      .object({
        id: Id.default('controller'),
        'broker.session.timeout.ms': msBetween(1).default(9000),
        'broker.heartbeat.interval.ms': msBetween(1).default(2000),
      })
      .strict()
      .default({
        id: 'controller',
        'broker.session.timeout.ms': 9000,
        'broker.heartbeat.interval.ms': 2000,
      }),
    topic: z
      .object({
        name: Id.default('orders'),
        partitions: Int(1, 256).default(3),
        'replication.factor': Int(1, 16).default(3),
        /**
         * Explicit placement, as `kafka-topics --replica-assignment`: per partition, its replicas
         * (the first is the preferred leader). Unset: Kafka's rack-unaware assignment with a
         * start index drawn from the seed.
         */
        'replica.assignment': z.array(z.array(Id).min(1)).optional(),
        'min.insync.replicas': Int(1, 16).default(1),
        'unclean.leader.election.enable': z.boolean().default(false),
        'replica.lag.time.max.ms': msBetween(1).default(30_000),
        'replica.fetch.wait.max.ms': msBetween(1).default(500),
        /** Fsync after this many messages; unset is Long.MAX_VALUE (never). */
        'flush.messages': Int(1, MAX_INT).optional(),
        /** Fsync at least this often; unset is Long.MAX_VALUE (never). */
        'flush.ms': msBetween(1).optional(),
        'retention.ms': z.number().int().min(-1).default(604_800_000),
        'retention.bytes': z.number().int().min(-1).default(-1),
        // Kafka: atLeast(1).
        'log.retention.check.interval.ms': msBetween(1).default(300_000),
        /** How long one fsync takes. Model knob. */
        fsyncLatencyMs: msBetween(0, 60_000).default(2),
      })
      .strict()
      .prefault({}),
    producers: z.array(KafkaProducer).min(1).max(100),
    consumers: z.array(KafkaConsumer).max(100).default([]),
  })
  .strict()
  .superRefine((s, ctx) => {
    const brokers = new Set(s.brokers);
    if (s.topic['replication.factor'] > s.brokers.length)
      ctx.addIssue({
        code: 'custom',
        message: `replication.factor ${s.topic['replication.factor']} is larger than the ${s.brokers.length} brokers`,
        path: ['topic', 'replication.factor'],
      });
    const ra = s.topic['replica.assignment'];
    if (ra) {
      if (ra.length !== s.topic.partitions)
        ctx.addIssue({
          code: 'custom',
          message: `replica.assignment lists ${ra.length} partitions, the topic has ${s.topic.partitions}`,
          path: ['topic', 'replica.assignment'],
        });
      ra.forEach((rs, i) => {
        for (const b of rs)
          if (!brokers.has(b))
            ctx.addIssue({
              code: 'custom',
              message: `no broker named "${b}"`,
              path: ['topic', 'replica.assignment', i],
            });
        if (new Set(rs).size !== rs.length)
          ctx.addIssue({
            code: 'custom',
            message: 'a broker appears twice in one partition',
            path: ['topic', 'replica.assignment', i],
          });
      });
      // An explicit assignment fixes the replica count, so a replication.factor that disagrees
      // would be silently ignored. Kafka refuses the pair too (3.x TopicCommand: "Option
      // "[replica-assignment]" can't be used with option "[replication-factor]""; every partition
      // must list the same number of replicas).
      const rf = s.topic['replication.factor'];
      const i = ra.findIndex((rs) => rs.length !== rf);
      if (i >= 0)
        ctx.addIssue({
          code: 'custom',
          message: `replication.factor ${rf} disagrees with replica.assignment, which gives partition ${i} ${ra[i]?.length} replicas; change or remove replica.assignment`,
          path: ['topic', 'replication.factor'],
        });
    }
    s.consumers.forEach((c, i) => {
      // The Java consumer refuses this at construction (clients 3.x, consumer.internals.Heartbeat:
      // "Heartbeat must be set lower than the session timeout"); the docs advise at most a third.
      if (c['heartbeat.interval.ms'] >= c['session.timeout.ms'])
        ctx.addIssue({
          code: 'custom',
          message: `heartbeat.interval.ms (${c['heartbeat.interval.ms']} ms) must be lower than session.timeout.ms (${c['session.timeout.ms']} ms); Kafka advises at most a third of it`,
          path: ['consumers', i, 'heartbeat.interval.ms'],
        });
    });
    const txnIds = new Set(s.producers.flatMap((p) => p['transactional.id'] ?? []));
    s.consumers.forEach((c, i) => {
      if (!c.processor) return;
      if (c['enable.auto.commit'])
        ctx.addIssue({
          code: 'custom',
          message:
            'processor requires enable.auto.commit=false (offsets are committed with the transaction)',
          path: ['consumers', i, 'enable.auto.commit'],
        });
      const id = c.processor['transactional.id'];
      if (txnIds.has(id))
        ctx.addIssue({
          code: 'custom',
          message: `transactional.id "${id}" is used by another producer or processor`,
          path: ['consumers', i, 'processor', 'transactional.id'],
        });
      txnIds.add(id);
    });
    s.producers.forEach((p, i) => {
      if (p['transactional.id'] !== undefined && !idempotenceOf(p))
        ctx.addIssue({
          code: 'custom',
          message:
            'transactional.id requires enable.idempotence (acks=all, retries > 0, at most 5 in flight)',
          path: ['producers', i, 'transactional.id'],
        });
      if (p['enable.idempotence'] === true) {
        const conflict =
          normAcks(p.acks) !== 'all'
            ? 'acks must be all'
            : p.retries === 0
              ? 'retries must be > 0'
              : p['max.in.flight.requests.per.connection'] > 5
                ? 'max.in.flight.requests.per.connection must be <= 5'
                : null;
        if (conflict)
          ctx.addIssue({
            code: 'custom',
            message: `enable.idempotence=true: ${conflict} (Kafka throws a ConfigException)`,
            path: ['producers', i, 'enable.idempotence'],
          });
      }
    });
  });

export type KafkaScenario = z.infer<typeof KafkaScenario>;
export type KafkaProducerConfig = z.infer<typeof KafkaProducer>;
export type KafkaConsumerConfig = z.infer<typeof KafkaConsumer>;

/** Kafka 3.x: idempotence is on unless set off, or a conflicting setting turns the default off. */
export function idempotenceOf(p: KafkaProducerConfig): boolean {
  if (p['enable.idempotence'] !== undefined) return p['enable.idempotence'];
  return (
    normAcks(p.acks) === 'all' && p.retries > 0 && p['max.in.flight.requests.per.connection'] <= 5
  );
}

/** Node ids the scenario declares, for the cross-field checks. */
export function kafkaNodeIds(s: KafkaScenario): { all: string[]; consumers: string[] } {
  return {
    all: [
      ...s.brokers,
      s.controller.id,
      ...s.producers.map((p) => p.id),
      ...s.consumers.map((c) => c.id),
    ],
    consumers: s.consumers.map((c) => c.id),
  };
}
