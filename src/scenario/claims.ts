/**
 * Claims: what a scenario says it demonstrates, in a form a test can check.
 *
 * A preset's description is a promise to the learner ("acks=1 loses acknowledged records; set
 * acks=all and nothing is lost"). Claims are that promise as data: per group, bounds on anomaly
 * counts and on fates; the mechanisms that must (and must not) explain the anomalies; and every
 * variant the text suggests, each as a patch of knobs with claims of its own. The claims test runs
 * every preset and every variant through the engine and checks them, so a description can say
 * only what its claims check.
 *
 * This is part of the public scenario format (files and share links carry it): add fields, do not
 * rename them. Mechanism ids are validated against the closed list in `mechanism-ids.ts`.
 */
import { z } from 'zod';
import type { AnomalyKind, Fate } from '../engine/check/checker';
import { isMechanismId, MECHANISM_IDS, type MechanismId } from '../engine/check/mechanism-ids';
import { Id, Text } from './common';

/**
 * The anomaly kinds a claim may bound (the checker's `ANOMALY_KINDS`). Kept here as a literal list
 * so the scenario format does not pull the checker into the page; `CheckedKinds` below fails the
 * typecheck when the checker gains a kind this list lacks.
 */
export const CLAIM_ANOMALY_KINDS = [
  'lost',
  'duplicated',
  'reordered',
  'unexpected',
  'recovered',
] as const satisfies readonly AnomalyKind[];

/** The fates a claim may bound (the checker's `FATES`; see `CLAIM_ANOMALY_KINDS` for why a copy). */
export const CLAIM_FATES = [
  'processed',
  'stored',
  'in-flight',
  'dead-lettered',
  'expired',
  'overflowed',
  'rejected',
  'aborted',
  'skipped',
  'dropped',
  'never-accepted',
  'unaccounted',
] as const satisfies readonly Fate[];

// Compile-time guards: a new anomaly kind or fate in the checker must be added above.
type Missing<All, Listed> = Exclude<All, Listed> extends never ? true : Exclude<All, Listed>;
const kindsCovered: Missing<AnomalyKind, (typeof CLAIM_ANOMALY_KINDS)[number]> = true;
const fatesCovered: Missing<Fate, (typeof CLAIM_FATES)[number]> = true;
void kindsCovered;
void fatesCovered;

const Count = z.number().int().min(0, { message: 'must be >= 0' }).max(100_000_000);

/**
 * A bound on a count: a number means exactly that many; `{ min, max }` an inclusive range (either
 * end may be left open). State the teaching point, not today's number: "at least one lost"
 * (`{ "min": 1 }`) survives a model fix that changes how many; `0` is right when none is the point.
 */
export const CountBound = z.union([
  Count,
  z
    .object({ min: Count.optional(), max: Count.optional() })
    .strict()
    .refine((b) => b.min !== undefined || b.max !== undefined, {
      message: 'give min, max or both',
    })
    .refine((b) => b.min === undefined || b.max === undefined || b.min <= b.max, {
      message: 'min must be <= max',
      path: ['max'],
    }),
]);
export type CountBound = z.infer<typeof CountBound>;

const anomalyBounds = Object.fromEntries(
  CLAIM_ANOMALY_KINDS.map((k) => [k, CountBound.optional()]),
) as Record<(typeof CLAIM_ANOMALY_KINDS)[number], z.ZodOptional<typeof CountBound>>;

/** Bounds on anomaly counts (each kind as the checker counts it). */
export const AnomalyClaims = z.object(anomalyBounds).strict();
export type AnomalyClaims = z.infer<typeof AnomalyClaims>;

/**
 * Claims about one group of the check report (a Kafka consumer group, a RabbitMQ queue, the single
 * node's queue): bounds on each anomaly count and on the number of messages with each fate.
 */
export const GroupClaims = z
  .object({
    ...anomalyBounds,
    duplicateEffects: CountBound.optional().describe(
      'Messages whose effect the sink applied more than once (a duplicate that did harm); `duplicated` also counts repeats an idempotent sink absorbed.',
    ),
    producers: z
      .record(Id, AnomalyClaims)
      .optional()
      .describe(
        "Anomaly bounds for one producer's messages in this group (one publisher confirms, the other does not).",
      ),
    consumers: z
      .record(Id, CountBound)
      .optional()
      .describe(
        "How many of the group's messages each consumer processed (round robin, prefetch and competing consumers show here).",
      ),
    fates: z
      .partialRecord(z.enum(CLAIM_FATES), CountBound)
      .optional()
      .describe('Bounds on how many sent messages ended with each fate in this group.'),
  })
  .strict();
export type GroupClaims = z.infer<typeof GroupClaims>;

// Validated with `isMechanismId` so the message names the unknown id; the JSON Schema lists the
// ids so editors complete them. Lessons cite mechanisms with the same type.
export const Mechanism = z
  .string()
  .refine(isMechanismId, {
    error: (issue) =>
      `unknown mechanism id ${JSON.stringify(issue.input)} (see src/engine/check/mechanism-ids.ts)`,
  })
  .meta({ id: 'MechanismId', enum: [...MECHANISM_IDS] }) as unknown as z.ZodType<
  MechanismId,
  string
>;

/**
 * Mechanism claims, over the whole run. `present`: each id explains at least one anomaly (the
 * anomaly's `mechanisms`); `absent`: no anomaly names it; `acted`: the run's journal records the
 * mechanism acting at least once, for mechanisms that protect a message or set it aside by policy
 * and so may explain no anomaly (`kafka.acks-all-waited`, `rabbit.dead-lettered`).
 */
export const MechanismClaims = z
  .object({
    present: z.array(Mechanism).max(50).optional(),
    absent: z.array(Mechanism).max(50).optional(),
    acted: z.array(Mechanism).max(50).optional(),
  })
  .strict();
export type MechanismClaims = z.infer<typeof MechanismClaims>;

/** Claims without variants: what one run (the scenario itself or one variant) must show. */
export const RunClaims = z
  .object({
    groups: z
      .record(z.string().min(1).max(200), GroupClaims)
      .optional()
      .describe('Per group (consumer group or queue, as the report names it): count bounds.'),
    mechanisms: MechanismClaims.optional(),
  })
  .strict();
export type RunClaims = z.infer<typeof RunClaims>;

/**
 * One operation of a variant's patch: RFC 6902 JSON Patch, restricted to `add`, `replace` and
 * `remove`. Paths are JSON Pointers into the validated scenario (every default filled), so
 * `replace` reaches a knob the file left at its default: `/producers/0/acks`, `/faults/2/atMs`,
 * `/faults/-` (append, with `add`). Paths name fields of the current format version: a migration
 * that renames or moves a field must rewrite the variant paths that point at it.
 */
export const PatchOp = z.discriminatedUnion('op', [
  z.object({ op: z.literal('add'), path: z.string().max(300), value: z.unknown() }).strict(),
  z.object({ op: z.literal('replace'), path: z.string().max(300), value: z.unknown() }).strict(),
  z.object({ op: z.literal('remove'), path: z.string().max(300) }).strict(),
]);
export type PatchOp = z.infer<typeof PatchOp>;

/**
 * A variant the description mentions ("set max.in.flight.requests.per.connection=1 and the order
 * holds"): the knob changes as a patch of the scenario, and the claims the changed run must meet.
 */
export const Variant = z
  .object({
    name: Id.describe('Short identifier of the variant, unique within the scenario.'),
    title: Text.optional().describe('What the variant changes, in words (en and zh).'),
    patch: z.array(PatchOp).min(1).max(50),
    claims: RunClaims,
  })
  .strict();
export type Variant = z.infer<typeof Variant>;

/** What a scenario demonstrates: claims on its own run, and its variants. */
export const Claims = RunClaims.extend({
  variants: z.array(Variant).max(20).optional(),
})
  .strict()
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.variants?.forEach((v, i) => {
      if (seen.has(v.name))
        ctx.addIssue({
          code: 'custom',
          message: `duplicate variant name "${v.name}"`,
          path: ['variants', i, 'name'],
        });
      seen.add(v.name);
    });
  });
export type Claims = z.infer<typeof Claims>;

/** The optional `claims` field every system's scenario schema has. */
export const ClaimsField = Claims.meta({ id: 'Claims' })
  .optional()
  .describe(
    'What this scenario demonstrates, as claims the tests check: count bounds per group, mechanisms, variants.',
  );
