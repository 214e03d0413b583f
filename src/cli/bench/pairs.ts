/**
 * Interleaved measurement for `npm run bench`: the bare event-queue loop (A) and a workload (B)
 * run alternately, A B A B ..., and each workload is reported as the median of its per-pair
 * ratios. A noisy neighbour that slows the machine for a while slows both halves of the pairs it
 * overlaps, so their ratios stay close to the idle ones, and the median drops the pairs it hit
 * unevenly. Measuring the bare loop once, first, let a burst during the workloads alone move the
 * ratio threefold.
 */

/** One A-B pair: events per second of the bare loop and of the workload, measured back to back. */
export interface Pair {
  baselineEventsPerSec: number;
  eventsPerSec: number;
}

/** Figures of one workload's pairs. */
export interface PairSummary {
  /** Median of the workload's events per second. */
  eventsPerSec: number;
  /** Median of the bare loop's events per second. */
  baselineEventsPerSec: number;
  /** Median of the per-pair ratios (not the ratio of the medians). */
  ratio: number;
  pairs: number;
}

/** The median of a non-empty list (mean of the two middle values for an even count). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median of nothing');
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1
    ? (s[mid] as number)
    : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * Runs `pairs` pairs, the bare loop first in each, strictly alternating. Each function measures
 * once and returns events per second.
 */
export function interleave(pairs: number, bare: () => number, workload: () => number): Pair[] {
  if (!(pairs >= 1)) throw new Error('at least one pair');
  const out: Pair[] = [];
  for (let i = 0; i < pairs; i++) {
    const baselineEventsPerSec = bare();
    const eventsPerSec = workload();
    out.push({ baselineEventsPerSec, eventsPerSec });
  }
  return out;
}

export function summarisePairs(pairs: readonly Pair[]): PairSummary {
  return {
    eventsPerSec: median(pairs.map((p) => p.eventsPerSec)),
    baselineEventsPerSec: median(pairs.map((p) => p.baselineEventsPerSec)),
    ratio: median(pairs.map((p) => p.eventsPerSec / p.baselineEventsPerSec)),
    pairs: pairs.length,
  };
}

/**
 * The ratio of all workloads together: the events-weighted harmonic mean of the per-workload
 * ratios, i.e. total events over the bare-loop time each workload's events would have taken. With
 * one steady baseline this equals total events per second over the baseline, as before.
 */
export function overallRatio(w: readonly { events: number; ratio: number }[]): number {
  const events = w.reduce((a, x) => a + x.events, 0);
  const weighted = w.reduce((a, x) => a + x.events / x.ratio, 0);
  return events / weighted;
}
