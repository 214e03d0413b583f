/**
 * The RabbitMQ system: a cluster of RabbitMQ 3.10 nodes with vhosts, exchanges, queues (classic,
 * classic mirrored through `ha-*` policies, quorum), bindings, publishers and consumers. Every
 * knob that exists in RabbitMQ uses its real name and its 3.10 default; the few model knobs say so.
 */
import { z } from 'zod';
import { ClaimsField } from '../claims';
import { AMQP, commonFields, DistMs, Id, MAX_MESSAGES_PER_CLIENT, Ms, msBetween } from '../common';
import { Sink } from './single-node';
import { compilePattern, MAX_PATTERN_CHARS, PATTERN_SUBSET } from '../pattern';
import { xMatchError } from '../../engine/brokers/rabbitmq/routing';

/** Exchange and queue names: AMQP allows more than node ids do ("amq.topic", "orders.eu"). */
const Name = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, {
  message: 'use 1-64 letters, digits, ".", "_", ":" or "-"',
});
/** A header or argument value: an AMQP field-table value (null is void; arrays are field arrays). */
type HeaderValueT = string | number | boolean | null | HeaderValueT[];
const HeaderValue: z.ZodType<HeaderValueT> = z.lazy(() =>
  z.union([z.string().max(200), z.number(), z.boolean(), z.null(), z.array(HeaderValue).max(50)]),
);
const HeaderTable = z.record(z.string().max(64), HeaderValue);

export const RabbitExchange = z
  .object({
    name: Name,
    type: z.enum(['direct', 'fanout', 'topic', 'headers']),
    durable: z.boolean().default(true),
    arguments: z
      .object({
        /** Where messages this exchange cannot route go instead. */
        'alternate-exchange': Name.optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

export const RabbitQueue = z
  .object({
    name: Name,
    /** The node that hosts it (the leader of a mirrored or quorum queue). Default: spread over nodes. */
    node: Id.optional(),
    /** Survives a node restart (its definition, and its persistent messages). Default true. */
    durable: z.boolean().default(true),
    /**
     * Used by one connection only (the first consumer to declare it; others get RESOURCE_LOCKED
     * on basic.consume and basic.get)
     * and deleted, with its messages, when that connection closes. Publishers may still publish.
     */
    exclusive: z.boolean().default(false),
    /**
     * Deleted, with its bindings and messages, when its last consumer cancels or its channel
     * closes (once it has had a consumer); later publishes are unroutable until redeclared.
     */
    autoDelete: z.boolean().default(false),
    arguments: z
      .object({
        /** `classic` (the 3.10 default) or `quorum` (Raft; always durable). */
        'x-queue-type': z.enum(['classic', 'quorum']).default('classic'),
        /** Per-queue message TTL in ms. */
        'x-message-ttl': z.number().int().min(0).optional(),
        /**
         * Queue TTL: deletes the queue, with its messages, after this many ms unused (no consumers,
         * no basic.get, not redeclared). A consumer that connects later redeclares it, empty.
         */
        'x-expires': z.number().int().min(1).optional(),
        'x-max-length': z.number().int().min(0).optional(),
        'x-max-length-bytes': z.number().int().min(0).optional(),
        /** What a full queue does; RabbitMQ's default is `drop-head`. */
        'x-overflow': z
          .enum(['drop-head', 'reject-publish', 'reject-publish-dlx'])
          .default('drop-head'),
        'x-dead-letter-exchange': z.string().max(64).optional(),
        'x-dead-letter-routing-key': z.string().max(255).optional(),
        'x-single-active-consumer': z.boolean().default(false),
        /** Quorum queues: a message returned more often is dropped or dead-lettered. */
        'x-delivery-limit': z.number().int().min(0).optional(),
        /** Quorum queues: how many members (default: every node of the cluster). */
        'x-quorum-initial-group-size': z.number().int().min(1).optional(),
      })
      .strict()
      .default({
        'x-queue-type': 'classic',
        'x-overflow': 'drop-head',
        'x-single-active-consumer': false,
      }),
  })
  .strict();

export const RabbitBinding = z
  .object({
    source: Name,
    destination: Name,
    destinationType: z.enum(['queue', 'exchange']).default('queue'),
    routingKey: z.string().max(255).default(''),
    /**
     * A headers exchange reads `x-match` (`all`, the default, `any`, or, matching the other `x-`
     * keys too, `all-with-x` / `any-with-x`) and the other keys (null: the header need only exist).
     */
    arguments: HeaderTable.default({}),
  })
  .strict()
  .superRefine((b, ctx) => {
    // RabbitMQ refuses the binding itself (406 PRECONDITION_FAILED) on any other x-match.
    const err = xMatchError(b.arguments);
    if (err !== undefined)
      ctx.addIssue({ code: 'custom', message: err, path: ['arguments', 'x-match'] });
  });

export const RabbitVhost = z
  .object({
    name: z.string().min(1).max(64).default('/'),
    exchanges: z.array(RabbitExchange).max(100).default([]),
    queues: z.array(RabbitQueue).min(1).max(100),
    bindings: z.array(RabbitBinding).max(1000).default([]),
  })
  .strict();

/** A policy (`rabbitmqctl set_policy`): classic queue mirroring and its knobs. */
export const RabbitPolicy = z
  .object({
    name: z.string().min(1).max(64),
    vhost: z.string().max(64).default('/'),
    /**
     * Regular expression over queue names, as RabbitMQ matches it (an unanchored search). Only a
     * subset of the syntax is accepted, one that runs in linear time (see `pattern.ts`).
     */
    pattern: z
      .string()
      .max(MAX_PATTERN_CHARS)
      .superRefine((src, ctx) => {
        const r = compilePattern(src);
        if (!r.ok) ctx.addIssue({ code: 'custom', message: `${r.message}; ${PATTERN_SUBSET}` });
      }),
    definition: z
      .object({
        /** Mirror to `all` nodes, or to `exactly` `ha-params` nodes (counting the leader). */
        'ha-mode': z.enum(['all', 'exactly']),
        'ha-params': z.number().int().min(1).optional(),
        /** `manual` (the default): a new mirror holds only new messages until the old ones are gone. */
        'ha-sync-mode': z.enum(['manual', 'automatic']).default('manual'),
        /** `always` (the default) promotes an unsynchronised mirror; `when-synced` waits instead. */
        'ha-promote-on-failure': z.enum(['always', 'when-synced']).default('always'),
      })
      .strict(),
  })
  .strict();

export const RabbitPublisher = z
  .object({
    id: Id,
    /** The node this client connects to; publishes for queues elsewhere are proxied by it. */
    node: Id.optional(),
    vhost: z.string().max(64).default('/'),
    exchange: z.string().max(64).default(''),
    /** Routing keys, used in turn (the default exchange routes by queue name). */
    routingKeys: z.array(z.string().max(255)).min(1).max(1000),
    /** Message headers, for headers exchanges. */
    headers: HeaderTable.default({}),
    ratePerSec: z
      .number()
      .min(0.001)
      .max(AMQP.maxRate, { message: `must be at most ${AMQP.maxRate} messages per second` })
      .default(10),
    messages: z.number().int().min(0).max(MAX_MESSAGES_PER_CLIENT).default(100),
    startMs: Ms.default(0),
    bodyBytes: z.number().int().min(0).max(100_000_000).default(100),
    /** AMQP `deliveryMode`: 1 transient, 2 persistent. */
    deliveryMode: z.union([z.literal(1), z.literal(2)]).default(2),
    /** Per-message `expiration` in ms. */
    expiration: z.number().int().min(0).optional(),
    /** `mandatory`: return the message (basic.return) when no queue takes it. */
    mandatory: z.boolean().default(false),
    /** Publisher confirms (`confirm.select`). Off by default in AMQP 0-9-1. */
    confirms: z.boolean().default(false),
    /** Transactions (`tx.select`): publish a batch, then `tx.commit`, waiting for commit-ok. */
    tx: z.boolean().default(false),
    /** Messages per `tx.commit`. */
    txBatch: z.number().int().min(1).max(10_000).default(1),
    /**
     * Model knob: every Nth transaction ends with `tx.rollback` instead of `tx.commit` (0: never);
     * its publishes are discarded by the broker and reported to the history as failed.
     */
    txRollbackEvery: z.number().int().min(0).max(10_000).default(0),
    confirmTimeoutMs: msBetween(1).default(5000),
    /** Republish unconfirmed (nacked, timed out, or on a closed connection) messages. */
    republishUnconfirmed: z.boolean().default(false),
    maxAttempts: z.number().int().min(1).max(100).default(10),
    /** AMQP heartbeat (3.10 negotiates 60 s by default). */
    heartbeatMs: AMQP.heartbeatMs.default(60_000),
    /** Client automatic recovery delay (Java client `networkRecoveryInterval`, 5 s). */
    reconnectDelayMs: AMQP.reconnectDelayMs.default(5000),
  })
  .strict();

/**
 * What a consumer does with chosen deliveries instead of processing and acking them (a scripted
 * application). The first rule whose conditions all hold, and that has uses left, decides; a rule
 * without conditions holds for every delivery. Deliveries no rule takes are processed and acked
 * as usual (or fail by `failureRate`).
 */
export const RabbitConsumerAction = z
  .object({
    /** The n-th delivery to this consumer, counting from 1 (redeliveries count too). */
    delivery: z.number().int().min(1).max(10_000_000).optional(),
    /** Deliveries of message number k: the k-th message the publishers send, counting from 0. */
    message: z.number().int().min(0).max(10_000_000).optional(),
    /** Only redeliveries (true: the broker set `redelivered`) or only first deliveries (false). */
    redelivered: z.boolean().optional(),
    /** How many deliveries this rule takes at most (default: every one that matches). */
    times: z.number().int().min(1).max(10_000_000).optional(),
    /**
     * `ack` (process, then basic.ack), `nack` / `reject` (basic.nack / basic.reject without
     * requeue: dead-lettered or dropped), `nack-requeue` / `reject-requeue` (back to the queue),
     * or `close-channel` (channel.close: every unacked delivery on the channel is requeued; the
     * client reopens the channel after `reconnectDelayMs`).
     */
    do: z.enum(['ack', 'nack', 'nack-requeue', 'reject', 'reject-requeue', 'close-channel']),
  })
  .strict();

export const RabbitConsumer = z
  .object({
    id: Id,
    /**
     * The node this client connects to; one that does not own the queue proxies deliveries and
     * acks (classic cluster). Default: the queue's owner.
     */
    node: Id.optional(),
    vhost: z.string().max(64).default('/'),
    queue: Name,
    /** `consume` (push, basic.consume) or `get` (pull, basic.get polled every `pollMs`). */
    mode: z.enum(['consume', 'get']).default('consume'),
    pollMs: msBetween(1).default(100),
    /** `no-ack`: the broker forgets a message as soon as it sends it. */
    autoAck: z.boolean().default(false),
    /** `basic.qos` prefetch count; 0 means unlimited (RabbitMQ's default). */
    prefetch: z.number().int().min(0).max(65535).default(0),
    /**
     * Channels on the one connection (mode `consume`): each does its own basic.consume with its
     * own `prefetch`; a channel error closes only that channel, closing the connection closes all.
     * One process handles their deliveries in arrival order.
     */
    channels: z.number().int().min(1).max(64).default(1),
    processingMs: DistMs.default({ kind: 'fixed', ms: 5 }),
    /** Share of messages whose processing fails; the consumer then does `onFailure`. */
    failureRate: z.number().min(0).max(1).default(0),
    onFailure: z.enum(['nack-requeue', 'nack', 'reject-requeue', 'reject']).default('nack-requeue'),
    /** Per-delivery actions (scripted ack, nack, reject, requeue or channel close). */
    actions: z.array(RabbitConsumerAction).max(100).default([]),
    sink: Sink.default('insert'),
    startMs: Ms.default(0),
    heartbeatMs: AMQP.heartbeatMs.default(60_000),
    reconnectDelayMs: AMQP.reconnectDelayMs.default(5000),
  })
  .strict();

export const RabbitMqScenario = z
  .object({
    ...commonFields,
    claims: ClaimsField,
    system: z.literal('rabbitmq'),
    cluster: z
      .object({
        nodes: z.array(Id).min(1).max(9).default(['rabbit-1']),
        /**
         * `cluster_partition_handling`; 3.10's default is `ignore`. `pause_minority` pauses a node
         * that sees a minority; `autoheal` restarts the losing side when the partition heals.
         */
        partitionHandling: z.enum(['ignore', 'pause_minority', 'autoheal']).default('ignore'),
        /** `net_ticktime` in ms (60 s): how long a silent peer takes to be declared down. */
        // Erlang's net_ticktime is whole seconds (at least 1).
        netTicktimeMs: msBetween(1000).default(60_000),
        /** `consumer_timeout` (30 min in 3.10): a delivery unacked this long closes the channel. */
        consumerTimeoutMs: msBetween(1).default(1_800_000),
        /** Message-store batching interval. Model knob (RabbitMQ's queue sync timer is ~25 ms). */
        syncIntervalMs: msBetween(1, 60_000).default(25),
        /** How long one fsync takes. Model knob. */
        fsyncLatencyMs: msBetween(0, 60_000).default(2),
      })
      .strict()
      .default({
        nodes: ['rabbit-1'],
        partitionHandling: 'ignore',
        netTicktimeMs: 60_000,
        consumerTimeoutMs: 1_800_000,
        syncIntervalMs: 25,
        fsyncLatencyMs: 2,
      }),
    vhosts: z.array(RabbitVhost).min(1).max(10),
    policies: z.array(RabbitPolicy).max(50).default([]),
    publishers: z.array(RabbitPublisher).min(1).max(100),
    consumers: z.array(RabbitConsumer).max(200).default([]),
  })
  .strict()
  .superRefine((s, ctx) => checkConsumerActions(s, ctx));

export type RabbitMqScenario = z.infer<typeof RabbitMqScenario>;

/** The parts of a scenario the consumer-action checks read. */
interface ActionCheckInput {
  publishers: readonly { messages: number; republishUnconfirmed: boolean }[];
  consumers: readonly {
    autoAck: boolean;
    mode: 'consume' | 'get';
    failureRate: number;
    onFailure: string;
    actions: readonly z.infer<typeof RabbitConsumerAction>[];
  }[];
  vhosts: readonly { queues: readonly { arguments: { 'x-dead-letter-exchange'?: string } }[] }[];
  faults: readonly unknown[];
}

const REQUEUES = new Set(['nack-requeue', 'reject-requeue', 'close-channel']);

/**
 * Consumer actions must name deliveries that can come: message numbers the publishers send, a
 * delivery count within the messages sent unless something can deliver a message again
 * (requeue, channel close, a fault, a dead-letter exchange, a republishing publisher), and
 * only actions an `autoAck` or `basic.get` consumer can take.
 */
function checkConsumerActions(s: ActionCheckInput, ctx: z.RefinementCtx): void {
  const sent = s.publishers.reduce((n, p) => n + p.messages, 0);
  const again =
    s.faults.length > 0 ||
    s.publishers.some((p) => p.republishUnconfirmed) ||
    s.vhosts.some((v) =>
      v.queues.some((q) => q.arguments['x-dead-letter-exchange'] !== undefined),
    ) ||
    s.consumers.some(
      (c) =>
        (c.failureRate > 0 && c.onFailure.endsWith('requeue')) ||
        c.actions.some((a) => REQUEUES.has(a.do)),
    );
  s.consumers.forEach((c, i) => {
    c.actions.forEach((a, j) => {
      const at = (k: string): (string | number)[] => ['consumers', i, 'actions', j, k];
      if (a.message !== undefined && a.message >= sent)
        ctx.addIssue({
          code: 'custom',
          message: `message ${a.message} never comes: the publishers send ${sent} messages, numbered 0 to ${sent - 1}`,
          path: at('message'),
        });
      if (a.delivery !== undefined && !again && a.delivery > sent)
        ctx.addIssue({
          code: 'custom',
          message: `delivery ${a.delivery} never comes: ${sent} messages are sent and nothing delivers one again (no requeue, channel close, fault or dead-letter exchange)`,
          path: at('delivery'),
        });
      if (a.redelivered === true && !again)
        ctx.addIssue({
          code: 'custom',
          message:
            'no delivery is ever redelivered here (no requeue, channel close, fault or dead-letter exchange)',
          path: at('redelivered'),
        });
      if (c.autoAck && a.do !== 'close-channel')
        ctx.addIssue({
          code: 'custom',
          message: `"${a.do}" needs manual acks: with autoAck the broker forgot the message when it sent it`,
          path: at('do'),
        });
      if (c.mode === 'get' && a.do === 'close-channel')
        ctx.addIssue({
          code: 'custom',
          message: '"close-channel" applies to basic.consume consumers (mode "consume")',
          path: at('do'),
        });
    });
  });
}

/** Node ids the scenario declares, for the cross-field checks. */
export function rabbitMqNodeIds(s: RabbitMqScenario): { all: string[]; consumers: string[] } {
  return {
    all: [...s.cluster.nodes, ...s.publishers.map((p) => p.id), ...s.consumers.map((c) => c.id)],
    consumers: s.consumers.map((c) => c.id),
  };
}
