/**
 * Scenario format v1, the parts every broker system shares. Scenario format v1: what Brokerlab runs. One document holds the topology, the configuration
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

export const Ms = z
  .number()
  .min(0, { message: 'must be >= 0' })
  .max(MAX_MS, { message: 'must be at most 24 h' });
/**
 * An interval, timeout or period in milliseconds, with a lower bound above 0 where 0 would make
 * the model (and a real client) spin: a zero heartbeat, poll or sync interval fires without end.
 * The bounds are ones the real brokers and clients accept; each field says where its minimum
 * comes from. Messages name the unit so the editor and the CLI can say what to change.
 */
export function msBetween(min: number, max: number = MAX_MS): z.ZodNumber {
  return z
    .number()
    .min(min, { message: `must be at least ${min} ms` })
    .max(max, { message: max === MAX_MS ? 'must be at most 24 h' : `must be at most ${max} ms` });
}

/** Bounds shared by the AMQP clients (single-node and RabbitMQ). */
export const AMQP = {
  /**
   * Highest publish rate of one publisher, messages per second. One channel publishing to one
   * queue tops out in the tens of thousands per second on RabbitMQ 3.x (a queue is one Erlang
   * process); 100,000 leaves room above any real publisher.
   */
  maxRate: 100_000,
  /**
   * Heartbeat timeout. RabbitMQ negotiates it in whole seconds (60 by default, 0 disables it);
   * the model lets it go down to 100 ms so a lesson can show a dead connection detected quickly.
   */
  heartbeatMs: msBetween(100),
  /**
   * A client's wait before reconnecting (the Java client's `networkRecoveryInterval`, 5 s). At
   * least 1 ms: with 0, a broker that closes the connection at once (RESOURCE_LOCKED on an
   * exclusive queue) and a zero-latency network loop forever at one instant.
   */
  reconnectDelayMs: msBetween(1),
} as const;

/** Most messages one producer may be given (the run's total is limited again by the budget). */
export const MAX_MESSAGES_PER_CLIENT = 10_000_000;

export const Probability = z
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
    lossRate: Probability.optional().describe('Probability that a message on a link is lost.'),
    /** Apply to both directions (default) or only `from -> to`. */
    bothWays: z.boolean().default(true).describe('Apply to both directions, or only from -> to.'),
  })
  .strict();

export const Network = z
  .object({
    /** One-way latency of every link unless overridden. Its spread is the jitter. */
    latency: DistMs.default({ kind: 'uniform', minMs: 0.5, maxMs: 1.5 }),
    lossRate: Probability.default(0).describe('Probability that a message on a link is lost.'),
    links: z.array(Link).max(400).default([]).describe('Per-link overrides of latency and loss.'),
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
       * after processing it and before acknowledging it; or (Kafka consumers) right after its
       * next offset commit, before processing what it committed.
       */
      when: z.enum(['now', 'before-process', 'after-process', 'after-commit']).default('now'),
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
      oneWay: z
        .boolean()
        .default(false)
        .describe('Cut only messages from a to b; b to a still flows.'),
    })
    .strict(),
  z
    .object({
      ...at,
      type: z.literal('split'),
      sides: z
        .tuple([z.array(Id).min(1), z.array(Id).min(1)])
        .describe('The two sides of the split: nodes on one side cannot reach the other.'),
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
      count: z
        .number()
        .int()
        .min(1)
        .max(1000)
        .default(1)
        .describe('How many matching messages it applies to.'),
    })
    .strict(),
  z
    .object({
      ...at,
      type: z.literal('duplicate-next'),
      from: Id,
      to: Id,
      match: match.default('any'),
      count: z
        .number()
        .int()
        .min(1)
        .max(1000)
        .default(1)
        .describe('How many matching messages it applies to.'),
    })
    .strict(),
  z
    .object({
      ...at,
      type: z.literal('delay-next'),
      from: Id,
      to: Id,
      match: match.default('any'),
      delayMs: Ms.describe('Extra delay added to the message.'),
      count: z
        .number()
        .int()
        .min(1)
        .max(1000)
        .default(1)
        .describe('How many matching messages it applies to.'),
    })
    .strict(),
  z.object({ ...at, type: z.literal('slow-consumer'), node: Id, processingMs: DistMs }).strict(),
]);
export type Fault = z.infer<typeof Fault>;
export type FaultType = Fault['type'];

/** Fields every system's scenario has; each system spreads them into its object schema. */
export const commonFields = {
  /** Editors' hint (`"$schema": "./scenario.schema.json"`); ignored by the engine. */
  $schema: z.string().max(500).optional(),
  version: z.literal(SCENARIO_VERSION, { message: `must be ${SCENARIO_VERSION}` }),
  /** Short identifier, used for file names and the CLI report. */
  name: z
    .string()
    .min(1)
    .max(80)
    .describe('Short identifier, used for file names and the CLI report.'),
  title: Text.optional(),
  description: Text.optional(),
  /** Master seed: every random stream of the run derives from it. */
  seed: z
    .number()
    .int()
    .min(0)
    .max(4294967295)
    .default(1)
    .describe('Master seed: every random stream of the run derives from it; same seed, same run.'),
  durationMs: z
    .number()
    .min(1)
    .max(MAX_MS)
    .describe('How long the run lasts, in ms of virtual time.'),
  network: Network.default({
    latency: { kind: 'uniform', minMs: 0.5, maxMs: 1.5 },
    lossRate: 0,
    links: [],
  }),
  faults: z
    .array(Fault)
    .max(1000)
    .default([])
    .describe('The fault schedule: each fault fires at atMs of virtual time.'),
};
