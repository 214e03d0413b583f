/**
 * Run statistics: numbers a model measures about a run that are not message fates or anomalies
 * (the latency the user waited for, how long a backlog took to drain). A model reports the ones
 * its scenario makes meaningful (`Model.stats`); the run's report and the worker's summary carry
 * them, and a lesson may predict them like a count.
 */

/** Every statistic a model may report, with its unit in its name. */
export const RUN_STATS = [
  /** Requests to system A that were answered (`requestPath`). */
  'requests',
  /** Median latency a caller of system A waited for its answer, ms (`requestPath`). */
  'callerLatencyP50Ms',
  /** Longest latency a caller of system A waited for its answer, ms (`requestPath`). */
  'callerLatencyMaxMs',
  /** Most messages waiting in the queue (ready or unacknowledged) at any moment. */
  'backlogPeak',
  /** When the backlog last came back to empty after its peak, ms of virtual time; -1: never. */
  'drainedAtMs',
  /** basic.get requests the broker answered empty: the cost of polling (I3). */
  'emptyPolls',
  /** Median time a message waited in the queue before it was sent to a consumer, ms (I3). */
  'queueWaitP50Ms',
] as const;
export type RunStat = (typeof RUN_STATS)[number];
export type RunStats = Partial<Record<RunStat, number>>;

export function isRunStat(s: string): s is RunStat {
  return (RUN_STATS as readonly string[]).includes(s);
}

/** The nearest-rank quantile of sorted values (0 for none). */
export function quantileOf(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] as number;
}

/** Microseconds as milliseconds to 0.1 ms: what a report shows and a lesson compares. */
export function msOf(us: number): number {
  return Math.round(us / 100) / 10;
}
