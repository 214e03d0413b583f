/**
 * Per-client tallies of a finished run, per group of the check report: each producer's anomaly
 * counts, how many distinct messages each consumer processed, and how many duplicates did harm
 * (the sink applied the effect more than once). A lesson's prediction reads them ("which
 * publisher lost messages?", "how many did the slow consumer take?"), so they travel with the
 * worker's summary; the claims check counts the same things the same way (`claims.ts`).
 */
import type { AnomalyKind, CheckReport } from './checker';
import { ANOMALY_KINDS } from './checker';
import { processedBy, type ClaimsRecord } from './claims';

/** The tallies of one group. */
export interface GroupTallies {
  /** Anomaly counts of each producer's messages (a producer without an anomaly is absent: 0). */
  producers: Record<string, Record<AnomalyKind, number>>;
  /** Distinct messages of the group each consumer processed (applied or absorbed by its sink). */
  consumers: Record<string, number>;
  /** Duplicated messages whose effect the sink applied more than once. */
  duplicateEffects: number;
}

function zeroCounts(): Record<AnomalyKind, number> {
  return Object.fromEntries(ANOMALY_KINDS.map((k) => [k, 0])) as Record<AnomalyKind, number>;
}

/**
 * Tallies every group of `report`. Producers are counted from the full anomaly list (not the
 * capped one the UI shows), so a count is exact however many anomalies the run has.
 */
export function groupTallies(
  report: Pick<CheckReport, 'groups' | 'anomalies'>,
  record: ClaimsRecord,
): Map<string, GroupTallies> {
  const out = new Map<string, GroupTallies>();
  for (const g of report.groups) {
    out.set(g.group, {
      producers: {},
      consumers: Object.fromEntries(processedBy(g.group, record)),
      duplicateEffects: 0,
    });
  }
  for (const a of report.anomalies) {
    const t = out.get(a.group);
    if (!t) continue;
    if (a.producer !== null) (t.producers[a.producer] ??= zeroCounts())[a.kind] += 1;
    if (a.kind === 'duplicated' && a.details.effectsApplied > 1) t.duplicateEffects += 1;
  }
  return out;
}
