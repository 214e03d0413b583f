/**
 * Lesson format v1: a predict-run-explain walkthrough of one curriculum topic
 * (`/work/shared/curriculum.md`), keyed to a scenario. A lesson is data, validated like a scenario
 * (zod, JSON Schema in public/, a version and migrations), so a broken lesson fails the tests and
 * an imported one fails with the path of the bad field, never in the middle of a class.
 *
 * What a lesson may say about the run's outcome is never written in it: a prediction's choices
 * carry conditions (`Condition`) that the player evaluates against the run, so the "right" answer is
 * whatever the engine shows, and a model fix cannot leave a lesson claiming the opposite.
 */
import { z } from 'zod';
import {
  CLAIM_ANOMALY_KINDS,
  CLAIM_FATES,
  CountBound,
  Mechanism,
  PatchOp,
} from '../scenario/claims';
import { Id, Text } from '../scenario/common';
import { RUN_STATS } from '../engine/stats';
import { THEMES } from './themes';

/**
 * The format version this build writes and reads. Bump it with a migration in `migrations.ts`
 * when a field is renamed or moved: stored progress and shared links name lessons by id only, so
 * they survive a bump; lesson files from an older build go through the migrations.
 */
export const LESSON_VERSION = 1;

export { THEMES, type Theme } from './themes';

/** A curriculum topic id as curriculum.md numbers them: a section letter and a number (`B4`). */
export const TopicId = z.string().regex(/^[A-I][0-9]{1,2}$/, {
  message: 'must be a curriculum topic id such as "B4"',
});

/**
 * What a count in the run's report means: an anomaly kind, a fate, or `duplicateEffects` (a
 * duplicate whose effect the sink applied twice), in one group or all; an anomaly kind narrowed to
 * one producer's messages, or `processed` narrowed to what one consumer processed.
 */
export const Metric = z
  .object({
    /** A count, or a run statistic (`engine/stats.ts`: a latency, a drain time) the run measured. */
    count: z.enum([...CLAIM_ANOMALY_KINDS, ...CLAIM_FATES, 'duplicateEffects', ...RUN_STATS]),
    group: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('A group of the report (consumer group or queue); absent: summed over groups.'),
    producer: Id.optional().describe("Only this producer's messages (with an anomaly kind)."),
    consumer: Id.optional().describe(
      'With count "processed": the distinct messages this consumer processed.',
    ),
    run: Id.optional().describe(
      "One of the lesson's `systems.runs` (another system's run); absent: the lesson's own run.",
    ),
  })
  .strict()
  .superRefine((m, ctx) => {
    const anomaly = (CLAIM_ANOMALY_KINDS as readonly string[]).includes(m.count);
    if (m.producer !== undefined && !anomaly)
      ctx.addIssue({
        code: 'custom',
        message: 'a producer narrows an anomaly kind (lost, duplicated...), not a fate',
        path: ['producer'],
      });
    if (m.consumer !== undefined && m.count !== 'processed')
      ctx.addIssue({
        code: 'custom',
        message: 'a consumer goes with count "processed"',
        path: ['consumer'],
      });
    if (m.consumer !== undefined && m.producer !== undefined)
      ctx.addIssue({
        code: 'custom',
        message: 'give a producer or a consumer, not both',
        path: ['consumer'],
      });
  });
export type Metric = z.infer<typeof Metric>;

/** A condition on the run's outcome: every metric's count within its bound. */
export const Condition = z
  .object({
    all: z
      .array(z.object({ metric: Metric, bound: CountBound }).strict())
      .min(1)
      .max(8),
  })
  .strict();
export type Condition = z.infer<typeof Condition>;

/**
 * What a prediction asks: pick one of a few choices (each true when its condition holds on the
 * run) or guess a number (a metric's value).
 */
export const Answer = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('choice'),
      choices: z
        .array(z.object({ id: Id, text: Text, when: Condition }).strict())
        .min(2)
        .max(6),
    })
    .strict(),
  z
    .object({
      type: z.literal('number'),
      metric: Metric,
      /** How far from the run's value a guess still counts as right, as a fraction of it. */
      tolerance: z.number().min(0).max(1).default(0.25),
    })
    .strict(),
]);
export type Answer = z.infer<typeof Answer>;

/**
 * Something to point at while narrating: a node of the scenario, a row (a queue or a partition,
 * by the name the cluster prints), a message by number, or a moment (a fault of the schedule, or
 * a time).
 */
export const Target = z.union([
  z.object({ node: Id }).strict(),
  z.object({ row: z.string().min(1).max(100) }).strict(),
  z.object({ message: z.number().int().min(0) }).strict(),
  z.object({ fault: z.number().int().min(0) }).strict(),
  z.object({ atMs: z.number().min(0) }).strict(),
]);
export type Target = z.infer<typeof Target>;

/** Where playback stops by itself so the teacher can talk: a fault firing, or a journal event. */
export const PausePoint = z.union([
  z.object({ fault: z.number().int().min(0), label: Text }).strict(),
  z
    .object({
      event: z.string().min(1).max(40).describe('A journal kind, e.g. "leader-elected".'),
      node: Id.optional(),
      label: Text,
    })
    .strict(),
]);
export type PausePoint = z.infer<typeof PausePoint>;

export const NarrateStep = z
  .object({
    kind: z.literal('narrate'),
    text: Text,
    highlight: z.array(Target).max(12).default([]),
  })
  .strict();
export const PredictStep = z
  .object({ kind: z.literal('predict'), id: Id, question: Text, answer: Answer })
  .strict();
export const RunStep = z
  .object({
    kind: z.literal('run'),
    text: Text.optional(),
    /** Playback speed (1 = real time); slow motion for a crash worth watching. */
    speed: z.number().min(0.1).max(1000).default(1),
    pauseAt: z.array(PausePoint).max(10).default([]),
    /**
     * Also offer the lesson's `systems` side by side in compare mode: one column per system, the
     * lesson's own run first, the same seed and the role fault mapped onto each.
     */
    compare: z.boolean().optional(),
  })
  .strict();
export const RevealStep = z
  .object({
    kind: z.literal('reveal'),
    /** The predict step whose answer is compared with the run. */
    predict: Id,
    text: Text,
    /** Catalogue entries to explain with (`src/engine/check/mechanisms.ts`). */
    mechanisms: z.array(Mechanism).max(6).default([]),
  })
  .strict();
export const VaryStep = z
  .object({
    kind: z.literal('vary'),
    /** The one knob that changes, in words ("acks=all instead of acks=1"). */
    knob: Text,
    /** The change as a JSON Patch over the lesson's scenario (every default filled). */
    patch: z.array(PatchOp).min(1).max(20),
    /**
     * Further configurations for the side-by-side comparison (compare mode shows 2-4 columns):
     * B1's three delivery semantics, B5's recipe with each knob removed in turn. The prediction,
     * if any, is about `patch`.
     */
    also: z
      .array(z.object({ knob: Text, patch: z.array(PatchOp).min(1).max(20) }).strict())
      .max(2)
      .optional(),
    /** Optional: a prediction about the changed run, committed before it is shown. */
    question: Text.optional(),
    answer: Answer.optional(),
    text: Text,
  })
  .strict();
export const TakeawayStep = z.object({ kind: z.literal('takeaway'), text: Text }).strict();
export const NoteStep = z
  .object({
    kind: z.literal('note'),
    text: Text,
    /** Which source note is wrong (seed file and section, as curriculum.md cites them). */
    source: z.string().max(200),
  })
  .strict();

export const STEP_KINDS = [
  'narrate',
  'predict',
  'run',
  'reveal',
  'vary',
  'takeaway',
  'note',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const Step = z.discriminatedUnion('kind', [
  NarrateStep,
  PredictStep,
  RunStep,
  RevealStep,
  VaryStep,
  TakeawayStep,
  NoteStep,
]);
export type Step = z.infer<typeof Step>;

/** The scenario a lesson runs: a preset by name, or a whole scenario document inline. */
export const LessonScenario = z.union([
  z.object({ preset: z.string().min(1).max(100) }).strict(),
  z.object({ inline: z.record(z.string(), z.unknown()) }).strict(),
]);
export type LessonScenario = z.infer<typeof LessonScenario>;

/**
 * A fault named by the role of the node it hits, not by the node, so one schedule means the same
 * thing on each system: `leader` is the node holding the leader of the lesson's first queue or
 * partition (Kafka: the first replica of partition 0 in `replica.assignment`; RabbitMQ: the node
 * the first queue is declared on; RocketMQ: the master, brokerId 0, of the first broker group
 * the first topic lives on). `roles.ts` maps it per system and says how.
 */
export const RoleFault = z
  .object({
    role: z.enum(['leader']),
    type: z.enum(['crash', 'power-loss']),
    atMs: z.number().min(0),
    /** When the node comes back (absent: it stays down). */
    restartAtMs: z.number().min(0).optional(),
  })
  .strict();
export type RoleFault = z.infer<typeof RoleFault>;

/**
 * Other systems' runs next to the lesson's own (I1: Kafka vs RabbitMQ vs RocketMQ): each its own
 * scenario with the lesson's seed and duration, and `fault` added to every one's schedule,
 * mapped onto the node holding that role there. Predictions name a run with `metric.run`.
 */
export const Systems = z
  .object({
    /** What the lesson's own run is called in the columns ("Kafka"). */
    label: Text,
    fault: RoleFault,
    runs: z
      .array(z.object({ id: Id, label: Text, scenario: LessonScenario }).strict())
      .min(1)
      .max(3),
  })
  .strict();
export type Systems = z.infer<typeof Systems>;

/** A lesson document (before the cross-checks against its scenario in `load.ts`). */
export const LessonBody = z
  .object({
    $schema: z.string().max(200).optional(),
    version: z.literal(LESSON_VERSION),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'lowercase letters, digits, -' }),
    topic: TopicId,
    theme: z.enum(THEMES),
    title: Text,
    /** The interview question(s), worded as interviewers ask them. */
    questions: z.array(Text).min(1).max(5),
    scenario: LessonScenario,
    systems: Systems.optional(),
    steps: z.array(Step).min(1).max(40),
  })
  .strict()
  .superRefine((l, ctx) => {
    const predicts = new Set<string>();
    l.steps.forEach((s, i) => {
      if (s.kind === 'predict') {
        if (predicts.has(s.id))
          ctx.addIssue({
            code: 'custom',
            message: `duplicate prediction id "${s.id}"`,
            path: ['steps', i, 'id'],
          });
        predicts.add(s.id);
      }
      if (s.kind === 'reveal' && !predicts.has(s.predict))
        ctx.addIssue({
          code: 'custom',
          message: `no earlier predict step with id "${s.predict}"`,
          path: ['steps', i, 'predict'],
        });
      if (s.kind === 'vary' && (s.question === undefined) !== (s.answer === undefined))
        ctx.addIssue({
          code: 'custom',
          message: 'give both question and answer, or neither',
          path: ['steps', i, s.question === undefined ? 'question' : 'answer'],
        });
    });
    if (!l.steps.some((s) => s.kind === 'run'))
      ctx.addIssue({ code: 'custom', message: 'a lesson needs a run step', path: ['steps'] });
  });
export type Lesson = z.infer<typeof LessonBody>;
