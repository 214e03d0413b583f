/**
 * Streaming aggregation of Monte Carlo seeds. Results arrive in whatever order the worker pool
 * finishes them; the summary depends only on the set of results, never on their order (every
 * list is sorted by a total order, every sum is of integers), so a run split over two workers or
 * ten reports the same figures, and a summary taken midway is a fair snapshot of the seeds so far.
 */
import { ANOMALY_KINDS, type AnomalyKind } from '../check/checker';
import type { MechanismId } from '../check/history';
import type { SeedOk, SeedResult } from './result';
import { wilson, type Interval } from './wilson';

/** One anomaly kind over the seeds done. */
export interface KindSummary {
  kind: AnomalyKind;
  /** How many seeds had each count, by count ascending (0 included). */
  distribution: { count: number; seeds: number }[];
  /** Seeds with at least one. */
  seedsWithAny: number;
  /** Probability of at least one, with its Wilson 95 % interval. */
  atLeastOne: Interval;
  mean: number;
  median: number;
  max: number;
}

/** A mechanism, ranked by how many seeds it caused an anomaly in. */
export interface MechanismRank {
  id: MechanismId;
  /** Seeds where it caused at least one anomaly. */
  seeds: number;
  /** Anomalies it caused over all seeds. */
  anomalies: number;
}

/** A seed among the worst, to open as a normal run. */
export interface WorstSeed {
  seed: number;
  counts: Record<AnomalyKind, number>;
  total: number;
  mechanisms: MechanismId[];
}

export interface MonteCarloSummary {
  /** Seeds that ran and were checked. */
  seeds: number;
  /** Seeds whose run threw, by seed. */
  failed: { seed: number; error: string }[];
  kinds: KindSummary[];
  mechanisms: MechanismRank[];
  worst: WorstSeed[];
  /** Engine events over all seeds done. */
  events: number;
}

/** How many worst seeds a summary keeps. */
export const WORST_KEPT = 10;

const total = (c: Record<AnomalyKind, number>): number =>
  ANOMALY_KINDS.reduce((a, k) => a + c[k], 0);

/**
 * Worse first: more of the most severe kind (`ANOMALY_KINDS` order: lost first), then more in
 * all, then the lower seed. A total order, so the worst list is the same whatever the arrival.
 */
export function compareWorst(a: WorstSeed, b: WorstSeed): number {
  for (const k of ANOMALY_KINDS) if (a.counts[k] !== b.counts[k]) return b.counts[k] - a.counts[k];
  return b.total - a.total || a.seed - b.seed;
}

/** The aggregate of one configuration's seeds. Add results as they come; summarise any time. */
export class MonteCarloAggregate {
  private readonly hist = new Map<AnomalyKind, Map<number, number>>(
    ANOMALY_KINDS.map((k) => [k, new Map<number, number>()]),
  );
  private readonly sums = new Map<AnomalyKind, number>(ANOMALY_KINDS.map((k) => [k, 0]));
  private readonly mech = new Map<MechanismId, { seeds: number; anomalies: number }>();
  private readonly failed: { seed: number; error: string }[] = [];
  private worst: WorstSeed[] = [];
  private done = 0;
  private events = 0;
  private readonly seen = new Set<number>();

  constructor(private readonly worstKept = WORST_KEPT) {}

  /** Seeds added so far, checked or failed. */
  get count(): number {
    return this.done + this.failed.length;
  }

  add(r: SeedResult): void {
    // A seed counts once even if a retrying pool delivers it twice.
    if (this.seen.has(r.seed)) return;
    this.seen.add(r.seed);
    if (!r.ok) {
      this.failed.push({ seed: r.seed, error: r.error });
      return;
    }
    this.addOk(r);
  }

  private addOk(r: SeedOk): void {
    this.done++;
    this.events += r.events;
    for (const k of ANOMALY_KINDS) {
      const h = this.hist.get(k) as Map<number, number>;
      h.set(r.counts[k], (h.get(r.counts[k]) ?? 0) + 1);
      this.sums.set(k, (this.sums.get(k) ?? 0) + r.counts[k]);
    }
    for (const [id, n] of r.mechanisms) {
      const m = this.mech.get(id) ?? { seeds: 0, anomalies: 0 };
      m.seeds++;
      m.anomalies += n;
      this.mech.set(id, m);
    }
    const w: WorstSeed = {
      seed: r.seed,
      counts: { ...r.counts },
      total: total(r.counts),
      mechanisms: r.mechanisms.map(([id]) => id),
    };
    if (w.total === 0) return;
    const last = this.worst[this.worst.length - 1];
    if (this.worst.length >= this.worstKept && last && compareWorst(w, last) >= 0) return;
    this.worst.push(w);
    this.worst.sort(compareWorst);
    if (this.worst.length > this.worstKept) this.worst.length = this.worstKept;
  }

  summary(): MonteCarloSummary {
    const n = this.done;
    const kinds = ANOMALY_KINDS.map((kind): KindSummary => {
      const h = this.hist.get(kind) as Map<number, number>;
      const distribution = [...h]
        .map(([count, seeds]) => ({ count, seeds }))
        .sort((a, b) => a.count - b.count);
      const seedsWithAny = n - (h.get(0) ?? 0);
      return {
        kind,
        distribution,
        seedsWithAny,
        atLeastOne: wilson(seedsWithAny, n),
        mean: n === 0 ? 0 : (this.sums.get(kind) ?? 0) / n,
        median: medianOf(distribution, n),
        max: distribution.length === 0 ? 0 : (distribution[distribution.length - 1]?.count ?? 0),
      };
    });
    const mechanisms = [...this.mech]
      .map(([id, m]) => ({ id, ...m }))
      .sort(
        (a, b) =>
          b.seeds - a.seeds ||
          b.anomalies - a.anomalies ||
          (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      );
    return {
      seeds: n,
      failed: [...this.failed].sort((a, b) => a.seed - b.seed),
      kinds,
      mechanisms,
      worst: this.worst.map((w) => ({
        ...w,
        counts: { ...w.counts },
        mechanisms: [...w.mechanisms],
      })),
      events: this.events,
    };
  }
}

/** The median count from a distribution sorted by count (lower middle for an even number). */
function medianOf(d: readonly { count: number; seeds: number }[], n: number): number {
  if (n === 0) return 0;
  const target = Math.floor((n - 1) / 2);
  let seen = 0;
  for (const x of d) {
    seen += x.seeds;
    if (seen > target) return x.count;
  }
  return 0;
}
