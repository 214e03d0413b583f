/**
 * Scenario format v1: what Brokerlab runs. One document holds the topology, the configuration
 * (with the real brokers' knob names), the workload, the fault schedule and the seed, so the app,
 * the CLI, the tests and share links all load exactly the same thing.
 *
 * The schema fills a default for every missing field, so a hand-written scenario can stay short;
 * the defaults below are the real systems' where a real knob exists, and say so where they are the
 * model's own.
 */
import { z } from 'zod';

/**
 * The current format version. Bump it only together with a numbered migration in
 * `migrations.ts`; changing a field's meaning without one breaks every saved file and share link.
 */
export const SCENARIO_VERSION = 1;

const MAX_MS = 24 * 3600 * 1000;

export const Id = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,31}$/, {
  message: 'must start with a letter and use only letters, digits, "_", "." or "-" (at most 32)',
});

const Ms = z
  .number()
  .min(0, { message: 'must be >= 0' })
  .max(MAX_MS, { message: 'must be at most 24 h' });
const Probability = z
  .number()
  .min(0, { message: 'must be >= 0' })
  .max(1, { message: 'must be <= 1' });

/** A duration distribution in milliseconds; the engine samples it with a seeded stream. */
export const DistMs = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), ms: Ms }).strict(),
  z
    .object({ kind: z.literal('uniform'), minMs: Ms, maxMs: Ms })
    .strict()
    .refine((d) => d.minMs <= d.maxMs, { message: 'minMs must be <= maxMs', path: ['maxMs'] }),
  z.object({ kind: z.literal('normal'), meanMs: Ms, stdMs: Ms }).strict(),
  z.object({ kind: z.literal('exponential'), meanMs: Ms }).strict(),
]);
export type DistMs = z.infer<typeof DistMs>;

export const Text = z.object({ en: z.string().max(4000), zh: z.string().max(4000) }).strict();

export const Link = z
  .object({
    from: Id,
    to: Id,
    latency: DistMs.optional(),
    lossRate: Probability.optional(),
    /** Apply to both directions (default) or only `from -> to`. */
    bothWays: z.boolean().default(true),
  })
  .strict();

export const Network = z
  .object({
    /** One-way latency of every link unless overridden. Its spread is the jitter. */
    latency: DistMs.default({ kind: 'uniform', minMs: 0.5, maxMs: 1.5 }),
    lossRate: Probability.default(0),
    links: z.array(Link).max(400).default([]),
  })
  .strict();

const at = { atMs: Ms };
const match = z
  .string()
  .regex(/^[a-z][a-z-]{0,31}$/, { message: 'must be "ack", "any" or a protocol message type' });

/** The fault schedule: each fault fires at `atMs` of virtual time. */
export const Fault = z.discriminatedUnion('type', [
  z
    .object({
      ...at,
      type: z.literal('crash'),
      node: Id,
      /**
       * For a consumer: crash now, or at its next message, right before processing it or right
       * after processing it and before acknowledging it.
       */
      when: z.enum(['now', 'before-process', 'after-process']).default('now'),
    })
    .strict(),
  z.object({ ...at, type: z.literal('restart'), node: Id }).strict(),
  z.object({ ...at, type: z.literal('power-loss'), node: Id }).strict(),
  z.object({ ...at, type: z.literal('pause'), node: Id, durationMs: Ms }).strict(),
  z
    .object({
      ...at,
      type: z.literal('partition'),
      a: Id,
      b: Id,
      oneWay: z.boolean().default(false),
    })
    .strict(),
  z
    .object({
      ...at,
      type: z.literal('split'),
      sides: z.tuple([z.array(Id).min(1), z.array(Id).min(1)]),
    })
    .strict(),
  z.object({ ...at, type: z.literal('heal'), a: Id.optional(), b: Id.optional() }).strict(),
  z
    .object({
      ...at,
      type: z.literal('drop-next'),
      from: Id,
      to: Id,
      match: match.default('ack'),
      count: z.number().int().min(1).max(1000).default(1),
    })
    .strict(),
  z
    .object({
      ...at,
      type: z.literal('duplicate-next'),
      from: Id,
      to: Id,
      match: match.default('any'),
      count: z.number().int().min(1).max(1000).default(1),
    })
    .strict(),
  z
    .object({
      ...at,
      type: z.literal('delay-next'),
      from: Id,
      to: Id,
      match: match.default('any'),
      delayMs: Ms,
      count: z.number().int().min(1).max(1000).default(1),
    })
    .strict(),
  z.object({ ...at, type: z.literal('slow-consumer'), node: Id, processingMs: DistMs }).strict(),
]);
export type Fault = z.infer<typeof Fault>;
export type FaultType = Fault['type'];

const common = {
  /** Editors' hint (`"$schema": "./scenario.schema.json"`); ignored by the engine. */
  $schema: z.string().max(500).optional(),
  version: z.literal(SCENARIO_VERSION, { message: `must be ${SCENARIO_VERSION}` }),
  /** Short identifier, used for file names and the CLI report. */
  name: z.string().min(1).max(80),
  title: Text.optional(),
  description: Text.optional(),
  /** Master seed: every random stream of the run derives from it. */
  seed: z.number().int().min(0).max(4294967295).default(1),
  durationMs: z.number().min(1).max(MAX_MS),
  network: Network.default({
    latency: { kind: 'uniform', minMs: 0.5, maxMs: 1.5 },
    lossRate: 0,
    links: [],
  }),
  faults: z.array(Fault).max(1000).default([]),
};

/** A publisher of the single-node broker (RabbitMQ-style AMQP 0-9-1 client). */
export const SingleNodeProducer = z
  .object({
    id: Id,
    ratePerSec: z.number().min(0.001).max(1_000_000).default(10),
    messages: z.number().int().min(0).max(10_000_000).default(100),
    startMs: Ms.default(0),
    /** How many distinct routing keys (`k0`, `k1` ...) messages are spread over. */
    keys: z.number().int().min(1).max(100_000).default(4),
    /** AMQP `deliveryMode`: 1 transient, 2 persistent. RabbitMQ clients default to 1. */
    deliveryMode: z.union([z.literal(1), z.literal(2)]).default(2),
    /** Publisher confirms (`confirm.select`). Off by default in AMQP 0-9-1. */
    confirms: z.boolean().default(true),
    /** How long the publisher waits for a confirm before treating the publish as failed. */
    confirmTimeoutMs: Ms.default(2000),
    /** Republish a message whose confirm timed out (at-least-once publishing). */
    republishUnconfirmed: z.boolean().default(true),
    /** Gives up republishing after this many attempts in all. */
    maxAttempts: z.number().int().min(1).max(100).default(10),
    /** AMQP heartbeat interval (RabbitMQ 3.10 negotiates 60 s by default): a connection silent for two intervals is dead. */
    heartbeatMs: Ms.default(60_000),
    /** Automatic recovery: wait this long before reconnecting (Java client `networkRecoveryInterval`, 5 s). */
    reconnectDelayMs: Ms.default(5000),
  })
  .strict();

export const Sink = z.enum(['insert', 'unique-key', 'set', 'dedup-table']);
export type Sink = z.infer<typeof Sink>;

export const SingleNodeConsumer = z
  .object({
    id: Id,
    /** `basic.consume` with `no-ack`: the broker forgets a message as soon as it sends it. */
    autoAck: z.boolean().default(false),
    /** `basic.qos` prefetch count; 0 means unlimited (RabbitMQ's default). */
    prefetch: z.number().int().min(0).max(65535).default(10),
    processingMs: DistMs.default({ kind: 'fixed', ms: 5 }),
    sink: Sink.default('insert'),
    startMs: Ms.default(0),
    /** AMQP heartbeat interval (RabbitMQ 3.10 negotiates 60 s by default): a connection silent for two intervals is dead. */
    heartbeatMs: Ms.default(60_000),
    /** Automatic recovery: wait this long before reconnecting (Java client `networkRecoveryInterval`, 5 s). */
    reconnectDelayMs: Ms.default(5000),
  })
  .strict();

/**
 * The minimal broker: one node, one queue, publisher confirms, consumer acks, persistence with a
 * batched fsync. It proves the kernel end to end; the full RabbitMQ, Kafka and RocketMQ models
 * are separate `system`s.
 */
export const SingleNodeScenario = z
  .object({
    ...common,
    system: z.literal('single-node'),
    broker: z
      .object({
        id: Id.default('broker-1'),
        /**
         * RabbitMQ batches message-store writes and fsyncs them on a timer (its queue process
         * uses a 25 ms `SYNC_INTERVAL`; it is not a config knob in RabbitMQ). Model knob.
         */
        syncIntervalMs: Ms.default(25),
        /** How long one fsync takes. Model knob. */
        fsyncLatencyMs: Ms.default(2),
      })
      .strict()
      .default({ id: 'broker-1', syncIntervalMs: 25, fsyncLatencyMs: 2 }),
    queue: z
      .object({
        name: Id.default('orders'),
        /** A durable queue's definition and persistent messages survive a restart. */
        durable: z.boolean().default(true),
      })
      .strict()
      .default({ name: 'orders', durable: true }),
    producers: z.array(SingleNodeProducer).min(1).max(100),
    consumers: z.array(SingleNodeConsumer).max(100).default([]),
  })
  .strict();

export const Scenario = z
  .discriminatedUnion('system', [SingleNodeScenario])
  .superRefine((s, ctx) => {
    const ids = new Set<string>();
    const nodeIds: string[] = [
      s.broker.id,
      ...s.producers.map((p) => p.id),
      ...s.consumers.map((c) => c.id),
    ];
    nodeIds.forEach((id, i) => {
      if (ids.has(id))
        ctx.addIssue({
          code: 'custom',
          message: `duplicate node id "${id}"`,
          path: i === 0 ? ['broker', 'id'] : ['producers'],
        });
      ids.add(id);
    });
    const checkNode = (id: string | undefined, path: (string | number)[]): void => {
      if (id !== undefined && !ids.has(id))
        ctx.addIssue({ code: 'custom', message: `no node named "${id}"`, path });
    };
    s.network.links.forEach((l, i) => {
      checkNode(l.from, ['network', 'links', i, 'from']);
      checkNode(l.to, ['network', 'links', i, 'to']);
    });
    s.faults.forEach((f, i) => {
      const p = (k: string): (string | number)[] => ['faults', i, k];
      switch (f.type) {
        case 'crash':
        case 'restart':
        case 'power-loss':
        case 'pause':
        case 'slow-consumer':
          checkNode(f.node, p('node'));
          if (f.type === 'slow-consumer' && !s.consumers.some((c) => c.id === f.node)) {
            ctx.addIssue({
              code: 'custom',
              message: `"${f.node}" is not a consumer`,
              path: p('node'),
            });
          }
          if (f.type === 'crash' && f.when !== 'now' && !s.consumers.some((c) => c.id === f.node)) {
            ctx.addIssue({
              code: 'custom',
              message: `"when: ${f.when}" applies only to consumers`,
              path: p('when'),
            });
          }
          break;
        case 'partition':
          checkNode(f.a, p('a'));
          checkNode(f.b, p('b'));
          break;
        case 'split':
          f.sides.forEach((side, j) =>
            side.forEach((id, k) => checkNode(id, ['faults', i, 'sides', j, k])),
          );
          break;
        case 'heal':
          checkNode(f.a, p('a'));
          checkNode(f.b, p('b'));
          if ((f.a === undefined) !== (f.b === undefined)) {
            ctx.addIssue({
              code: 'custom',
              message: 'give both a and b, or neither to heal everything',
              path: p('b'),
            });
          }
          break;
        case 'drop-next':
        case 'duplicate-next':
        case 'delay-next':
          checkNode(f.from, p('from'));
          checkNode(f.to, p('to'));
          break;
        default: {
          const never: never = f;
          throw new Error(`unknown fault ${JSON.stringify(never)}`);
        }
      }
      if (f.atMs > s.durationMs)
        ctx.addIssue({
          code: 'custom',
          message: `at ${f.atMs} ms is after the end of the run (${s.durationMs} ms)`,
          path: p('atMs'),
        });
    });
  });

/** A validated scenario with every default filled in. */
export type Scenario = z.infer<typeof Scenario>;
/** What a person may write: defaults optional. */
export type ScenarioInput = z.input<typeof Scenario>;
export type SingleNodeScenario = z.infer<typeof SingleNodeScenario>;
