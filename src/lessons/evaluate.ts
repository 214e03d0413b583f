/**
 * Judging a prediction against a run. The lesson never states the outcome: a choice is right when
 * its condition holds on the run's report, a number is right within the lesson's tolerance. Works
 * on the report's shape that the worker's summary and the Node checker share.
 */
import { isRunStat } from '../engine/stats';
import type { CountBound } from '../scenario/claims';
import type { Answer, Condition, Metric } from './schema';

/** The part of a check report a prediction reads (`RunSummary` and `CheckReport` both have it). */
export interface Outcome {
  groups: readonly {
    group: string;
    counts: Readonly<Record<string, number>>;
    fates: Readonly<Record<string, number>>;
    /** The tallies of `engine/check/tallies.ts` (absent: the metrics that need them read 0). */
    producers?: Readonly<Record<string, Readonly<Record<string, number>>>>;
    consumers?: Readonly<Record<string, number>>;
    duplicateEffects?: number;
  }[];
  /** Run statistics (`engine/stats.ts`): a metric naming one reads it, whatever its group. */
  stats?: Readonly<Record<string, number>>;
  /** Other systems' runs of the lesson (`systems.runs`), by id, for metrics that name one. */
  runs?: Readonly<Record<string, Outcome>>;
}

/** One group's value of a metric. */
function groupValue(g: Outcome['groups'][number], m: Metric): number {
  if (m.consumer !== undefined) return g.consumers?.[m.consumer] ?? 0;
  // The schema lets a producer narrow only an anomaly kind.
  if (m.producer !== undefined) return g.producers?.[m.producer]?.[m.count] ?? 0;
  if (m.count === 'duplicateEffects') return g.duplicateEffects ?? 0;
  return g.counts[m.count] ?? g.fates[m.count] ?? 0;
}

/** A metric's value in a run: one group's count, or the sum over groups. */
export function metricValue(o: Outcome, m: Metric): number {
  if (m.run !== undefined) {
    const other = o.runs?.[m.run];
    // Not known (still computing): NaN is within no bound, so no choice holds yet.
    return other ? metricValue(other, { ...m, run: undefined }) : NaN;
  }
  if (isRunStat(m.count)) return o.stats?.[m.count] ?? 0;
  let n = 0;
  for (const g of o.groups) {
    if (m.group !== undefined && g.group !== m.group) continue;
    n += groupValue(g, m);
  }
  return n;
}

export function withinBound(n: number, b: CountBound): boolean {
  if (typeof b === 'number') return n === b;
  return (b.min === undefined || n >= b.min) && (b.max === undefined || n <= b.max);
}

export function holds(o: Outcome, c: Condition): boolean {
  return c.all.every((x) => withinBound(metricValue(o, x.metric), x.bound));
}

/** What the learner committed: a choice id or a number. */
export type Guess = { type: 'choice'; id: string } | { type: 'number'; value: number };

export interface Verdict {
  right: boolean;
  /** Choices whose condition holds on the run (choice answers). */
  trueChoices: string[];
  /** The run's value (number answers). */
  actual: number | null;
}

export function judge(a: Answer, g: Guess, o: Outcome): Verdict {
  switch (a.type) {
    case 'choice': {
      const trueChoices = a.choices.filter((c) => holds(o, c.when)).map((c) => c.id);
      return {
        right: g.type === 'choice' && trueChoices.includes(g.id),
        trueChoices,
        actual: null,
      };
    }
    case 'number': {
      const actual = metricValue(o, a.metric);
      const right =
        g.type === 'number' && Math.abs(g.value - actual) <= Math.max(1, actual * a.tolerance);
      return { right, trueChoices: [], actual };
    }
    default: {
      const never: never = a;
      throw new Error(`unknown answer ${JSON.stringify(never)}`);
    }
  }
}
