/**
 * The single-node system: one RabbitMQ-style broker with one queue. It proves the kernel end to
 * end (confirms, persistence with a batched fsync, acks, prefetch).
 */
import { z } from 'zod';
import { ClaimsField } from '../claims';
import { AMQP, commonFields, DistMs, Id, MAX_MESSAGES_PER_CLIENT, Ms, msBetween } from '../common';

/** The connection knobs both kinds of client have. */
const connectionFields = {
  /** AMQP heartbeat interval (RabbitMQ 3.10 negotiates 60 s by default): a connection silent for two intervals is dead. */
  heartbeatMs: AMQP.heartbeatMs
    .default(60_000)
    .describe(
      'AMQP heartbeat interval: a connection silent for two intervals is dead (RabbitMQ: 60 s).',
    ),
  /** Automatic recovery: wait this long before reconnecting (Java client `networkRecoveryInterval`, 5 s). */
  reconnectDelayMs: AMQP.reconnectDelayMs
    .default(5000)
    .describe('Automatic recovery: wait this long before reconnecting (Java client: 5 s).'),
};

/**
 * A burst of load: from `atMs` for `durationMs` the producer publishes at `ratePerSec` (a load
 * test's arrival-rate stage, like k6's `ramping-arrival-rate` stages). Times are virtual time of
 * the run, not relative to the producer's start.
 */
export const Burst = z
  .object({
    atMs: Ms.describe('When the burst starts, in ms of virtual time.'),
    durationMs: msBetween(1).describe('How long the burst lasts, in ms.'),
    ratePerSec: z
      .number()
      .min(0.001)
      .max(AMQP.maxRate, { message: `must be at most ${AMQP.maxRate} messages per second` })
      .describe('Messages per second during the burst.'),
  })
  .strict();

/**
 * A capacity-limited database behind the consumers ("a database that serves 2,000 QPS"): every
 * processed message is one write; the database serves `maxQps` writes per second, one after
 * another, and holds at most `maxWaiting` writes waiting for it (a connection pool's wait queue,
 * like HikariCP's pending threads). A write that finds the wait queue full fails at once: a
 * manual-ack consumer retries it after `retryAfterMs`; an auto-ack consumer has nothing left to
 * retry from, and the message is lost. Model knobs: real databases have no single QPS setting.
 */
export const Database = z
  .object({
    maxQps: z
      .number()
      .min(1)
      .max(1_000_000)
      .describe('Writes per second the database serves (its capacity).'),
    maxWaiting: z
      .number()
      .int()
      .min(0)
      .max(1_000_000)
      .default(100)
      .describe('Writes that may wait for the database; one more fails at once.'),
    retryAfterMs: msBetween(1, 60_000)
      .default(100)
      .describe('A manual-ack consumer retries a failed write after this long.'),
  })
  .strict();
export type Database = z.infer<typeof Database>;

/**
 * A downstream service the request path calls (curriculum A2: "B, C and D each write their own
 * database"): a node on the network that answers a call after `serviceMs`. Calls are served
 * concurrently (each has its own thread), so a service adds latency, not a queue. Model knob.
 */
export const Service = z
  .object({
    id: Id,
    serviceMs: DistMs.describe('How long the service takes to answer one call.'),
  })
  .strict();

/**
 * The request path of the producers (curriculum A2, sync vs async). Each publish slot of a
 * producer is one user request to system A: A writes its own database (`localWriteMs`), then
 * either calls every service in turn and answers the user when the last one has answered
 * (`calls: sync`), or publishes one message to the queue and answers once the publish is done (`async`:
 * when the confirm arrives with publisher confirms, at once without), and each consumer makes the
 * same calls, in the same order, when it processes the message. The latency the user sees is in
 * the run's report (`callerLatencyP50Ms`). Model knobs.
 */
export const RequestPath = z
  .object({
    calls: z
      .enum(['sync', 'async'])
      .describe('sync: A calls each service before answering; async: A publishes and answers.'),
    localWriteMs: msBetween(0, 60_000)
      .default(3)
      .describe("System A's own database write, first in every request."),
    services: z
      .array(Service)
      .min(1)
      .max(10)
      .describe('The services called, in order, by A (sync) or by the consumers (async).'),
  })
  .strict();
export type RequestPath = z.infer<typeof RequestPath>;

/** A publisher of the single-node broker (RabbitMQ-style AMQP 0-9-1 client). */
export const SingleNodeProducer = z
  .object({
    id: Id,
    ratePerSec: z
      .number()
      .min(0.001)
      .max(AMQP.maxRate, { message: `must be at most ${AMQP.maxRate} messages per second` })
      .default(10)
      .describe('Messages per second this producer publishes.'),
    messages: z
      .number()
      .int()
      .min(0)
      .max(MAX_MESSAGES_PER_CLIENT)
      .default(100)
      .describe('How many messages it publishes in all.'),
    startMs: Ms.default(0).describe('When it starts, in ms of virtual time.'),
    /** How many distinct routing keys (`k0`, `k1` ...) messages are spread over. */
    keys: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(4)
      .describe(
        'How many distinct routing keys (k0, k1 ...) its messages are spread over; a key is a colour on screen.',
      ),
    /** AMQP `deliveryMode`: 1 transient, 2 persistent. RabbitMQ clients default to 1. */
    deliveryMode: z
      .union([z.literal(1), z.literal(2)])
      .default(2)
      .describe('AMQP deliveryMode: 1 transient (memory only), 2 persistent (written to disk).'),
    /** Publisher confirms (`confirm.select`). Off by default in AMQP 0-9-1. */
    confirms: z
      .boolean()
      .default(true)
      .describe(
        'Publisher confirms (confirm.select): the broker acknowledges each message once it is safe.',
      ),
    /** How long the publisher waits for a confirm before treating the publish as failed. */
    confirmTimeoutMs: msBetween(1)
      .default(2000)
      .describe(
        'How long the publisher waits for a confirm before treating the publish as failed.',
      ),
    /** Republish a message whose confirm timed out (at-least-once publishing). */
    republishUnconfirmed: z
      .boolean()
      .default(true)
      .describe('Republish a message whose confirm timed out (at-least-once publishing).'),
    /** Gives up republishing after this many attempts in all. */
    maxAttempts: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(10)
      .describe('Gives up republishing after this many attempts in all.'),
    bursts: z
      .array(Burst)
      .max(100)
      .optional()
      .describe(
        'Rate schedule: during each burst the producer publishes at the burst rate instead of ratePerSec.',
      ),
    ...connectionFields,
  })
  .strict();

/** `basic.qos` prefetch count; 0 means unlimited. */
const prefetchCount = z.number().int().min(0).max(65535).default(10);

/**
 * An in-consumer worker pool (curriculum D2): the consumer hands each delivery to one of `threads`
 * worker threads, each with its own in-memory queue. `round-robin` takes them in turn (a plain
 * thread pool); `by-key` sends a key to worker `Math.abs(key.hashCode()) % threads`, so each key
 * has one thread. Model knobs: what a Java consumer does with an ExecutorService.
 */
export const Workers = z
  .object({
    threads: z.number().int().min(1).max(64).describe('Worker threads in the consumer.'),
    dispatch: z
      .enum(['round-robin', 'by-key'])
      .default('round-robin')
      .describe(
        'round-robin: the next worker in turn; by-key: one worker per key (hash % threads).',
      ),
  })
  .strict();

/**
 * The new queues of a forwarding consumer (curriculum F1: "a new topic with ten times the
 * partitions, a forwarding consumer, ten times the consumers"). The model makes `queues` queues
 * named `<queue>-1` ... on their own queue processes, and `consumersPerQueue` consumers on each
 * (`f1`, `f2` ... or `f1-1`, `f1-2` ...). A consumer with `forward: true` publishes every message to
 * one of them: `by-key` keeps a key on one queue (`Math.abs(key.hashCode()) % queues`),
 * `round-robin` spreads evenly and loses per-key order. Model knobs.
 */
export const Forward = z
  .object({
    queues: z
      .number()
      .int()
      .min(1)
      .max(32)
      .describe('How many new queues the backlog is forwarded to.'),
    dispatch: z
      .enum(['round-robin', 'by-key'])
      .default('by-key')
      .describe('How the forwarder picks a queue: by key (hash % queues) or round robin.'),
    consumersPerQueue: z
      .number()
      .int()
      .min(1)
      .max(10)
      .default(1)
      .describe('Consumers started on each new queue.'),
    startMs: Ms.default(0).describe('When the new consumers start, in ms of virtual time.'),
    prefetch: prefetchCount.describe('basic.qos prefetch of the new consumers.'),
    processingMs: DistMs.default({ kind: 'fixed', ms: 5 }).describe(
      'How long the new consumers take per message.',
    ),
  })
  .strict();
export type Forward = z.infer<typeof Forward>;

/** The node ids the forward queues and their consumers get (see `Forward`). */
export function forwardIds(
  queue: string,
  f: Pick<Forward, 'queues' | 'consumersPerQueue'>,
): { queues: string[]; consumers: string[][] } {
  const queues = Array.from({ length: f.queues }, (_x, i) => `${queue}-${i + 1}`);
  const consumers = queues.map((_q, i) =>
    Array.from({ length: f.consumersPerQueue }, (_y, j) =>
      f.consumersPerQueue === 1 ? `f${i + 1}` : `f${i + 1}-${j + 1}`,
    ),
  );
  return { queues, consumers };
}

export const Sink = z.enum(['insert', 'unique-key', 'set', 'dedup-table']);
export type Sink = z.infer<typeof Sink>;

export const SingleNodeConsumer = z
  .object({
    id: Id,
    /** `basic.consume` with `no-ack`: the broker forgets a message as soon as it sends it. */
    autoAck: z
      .boolean()
      .default(false)
      .describe('basic.consume with no-ack: the broker forgets a message as soon as it sends it.'),
    /** `basic.qos` prefetch count; 0 means unlimited (RabbitMQ's default). */
    prefetch: prefetchCount.describe(
      'basic.qos prefetch count: unacknowledged messages it may hold; 0 means unlimited.',
    ),
    processingMs: DistMs.default({ kind: 'fixed', ms: 5 }).describe(
      'How long processing one message takes.',
    ),
    sink: Sink.default('insert').describe(
      'Where processed messages go: a plain insert table applies a redelivery twice; unique-key, set and dedup-table absorb repeats.',
    ),
    startMs: Ms.default(0).describe('When it starts, in ms of virtual time.'),
    /**
     * How messages reach it (curriculum I3). Absent or `push`: basic.consume, the broker pushes
     * up to `prefetch` unacknowledged messages. `pull`: basic.get, one message per request, and
     * after an empty answer the next request waits `pollIntervalMs`. `long-poll`: the broker holds
     * an empty basic.get up to `longPollWaitMs` and answers as soon as a message arrives (RabbitMQ
     * has no long poll; RocketMQ's push consumer is one, and Kafka's fetch.max.wait.ms is one).
     */
    receiveMode: z
      .enum(['push', 'pull', 'long-poll'])
      .optional()
      .describe('push (basic.consume), pull (basic.get every pollIntervalMs) or long-poll.'),
    pollIntervalMs: msBetween(1, 60_000)
      .optional()
      .describe('pull: wait after an empty basic.get before the next one (default 100 ms).'),
    longPollWaitMs: msBetween(1, 60_000)
      .optional()
      .describe(
        'long-poll: how long the broker holds an empty request (default 15 s, like RocketMQ).',
      ),
    /** When it cancels its subscription (basic.cancel) and finishes what it holds (F1). */
    stopMs: Ms.optional().describe(
      'When it cancels its subscription (basic.cancel): it finishes and acks what it holds, then takes nothing more.',
    ),
    workers: Workers.optional().describe(
      'An in-consumer worker pool: threads process messages in parallel, picked round robin or by key (D2).',
    ),
    forward: z
      .boolean()
      .optional()
      .describe(
        "A forwarding consumer: it publishes each message to one of the scenario's forward queues and acks it, instead of processing it (F1).",
      ),
    ...connectionFields,
  })
  .strict();

/**
 * The minimal broker: one node, one queue, publisher confirms, consumer acks, persistence with a
 * batched fsync. It proves the kernel end to end; the full RabbitMQ, Kafka and RocketMQ models
 * are separate `system`s.
 */
export const SingleNodeScenario = z
  .object({
    ...commonFields,
    claims: ClaimsField,
    system: z.literal('single-node'),
    broker: z
      .object({
        id: Id.default('broker-1'),
        /**
         * RabbitMQ batches message-store writes and fsyncs them on a timer (its queue process
         * uses a 25 ms `SYNC_INTERVAL`; it is not a config knob in RabbitMQ). Model knob.
         */
        syncIntervalMs: msBetween(1, 60_000)
          .default(25)
          .describe(
            'How often the broker fsyncs batched writes (RabbitMQ queue SYNC_INTERVAL, 25 ms). Model knob.',
          ),
        /** How long one fsync takes. Model knob. */
        fsyncLatencyMs: msBetween(0, 60_000)
          .default(2)
          .describe('How long one fsync takes. Model knob.'),
      })
      .strict()
      .default({ id: 'broker-1', syncIntervalMs: 25, fsyncLatencyMs: 2 }),
    queue: z
      .object({
        name: Id.default('orders'),
        /** A durable queue's definition and persistent messages survive a restart. */
        durable: z
          .boolean()
          .default(true)
          .describe('A durable queue and its persistent messages survive a broker restart.'),
        singleActiveConsumer: z
          .boolean()
          .optional()
          .describe(
            'x-single-active-consumer (RabbitMQ 3.8+): only one consumer gets deliveries at a time; the others wait.',
          ),
      })
      .strict()
      .default({ name: 'orders', durable: true }),
    producers: z.array(SingleNodeProducer).min(1).max(100).describe('Publishers (at least one).'),
    consumers: z.array(SingleNodeConsumer).max(100).default([]).describe('Consumers of the queue.'),
    database: Database.optional().describe(
      'A capacity-limited database the consumers write each processed message to.',
    ),
    requestPath: RequestPath.optional().describe(
      'Each publish is a user request to system A that calls downstream services, sync or async.',
    ),
    forward: Forward.optional().describe(
      'New queues a forwarding consumer (forward: true) moves the backlog to, with their consumers (F1).',
    ),
  })
  .strict();

export type SingleNodeScenario = z.infer<typeof SingleNodeScenario>;

/** Node ids the scenario declares, for the cross-field checks. */
export function singleNodeIds(s: SingleNodeScenario): { all: string[]; consumers: string[] } {
  return {
    all: [
      s.broker.id,
      ...s.producers.map((p) => p.id),
      ...s.consumers.map((c) => c.id),
      ...(s.requestPath?.services.map((v) => v.id) ?? []),
      ...(s.forward ? forwardNodes(s.queue.name, s.forward) : []),
    ],
    consumers: [
      ...s.consumers.map((c) => c.id),
      ...(s.forward ? forwardIds(s.queue.name, s.forward).consumers.flat() : []),
    ],
  };
}

function forwardNodes(queue: string, f: Forward): string[] {
  const ids = forwardIds(queue, f);
  return [...ids.queues, ...ids.consumers.flat()];
}

/** Cross-field rules of the worker pool and the forwarding consumer, with the bad field's path. */
export function singleNodeIssues(
  s: SingleNodeScenario,
): { message: string; path: (string | number)[] }[] {
  const out: { message: string; path: (string | number)[] }[] = [];
  s.consumers.forEach((c, i) => {
    if (c.forward && !s.forward)
      out.push({
        path: ['consumers', i, 'forward'],
        message: 'a forwarding consumer needs the scenario\'s "forward" queues',
      });
    if (c.workers && (s.database || s.requestPath))
      out.push({
        path: ['consumers', i, 'workers'],
        message: 'a worker pool does not write the database or call services in this model',
      });
    if (c.forward && c.workers)
      out.push({
        path: ['consumers', i, 'workers'],
        message: 'a forwarding consumer has no worker pool',
      });
  });
  return out;
}
