/**
 * Checks a scenario's claims (`src/scenario/claims.ts`) against a finished run. Pure: the claims
 * test, the CLI and the UI can all say which promise of a preset a run keeps and which it breaks.
 */
import type { CountBound, GroupClaims, RunClaims } from '../../scenario/claims';
import { CLAIM_ANOMALY_KINDS, CLAIM_FATES } from '../../scenario/claims';
import type { Anomaly, CheckReport } from './checker';
import type { RunRecord } from './history';
import type { MechanismId } from './mechanism-ids';
import { HistoryColumns, JournalColumns, OP_EFFECT } from '../kernel/journal';

/** The result of one claim. */
export interface ClaimResult {
  /** Which claim, e.g. `orders.lost`, `orders.fates.dropped`, `mechanisms.present`. */
  claim: string;
  /** What it requires, e.g. `>= 1`, `0`, `kafka.acks1-leader-crash`. */
  expected: string;
  /** What the run showed, e.g. `19`, `not named by any anomaly`. */
  actual: string;
  ok: boolean;
}

/** Claim results of one run, counts and mechanisms apart (they become checkable at different times). */
export interface ClaimsOutcome {
  counts: ClaimResult[];
  mechanisms: ClaimResult[];
}

/** `0`, `>= 1`, `<= 40`, `1..40`. */
export function boundText(b: CountBound): string {
  if (typeof b === 'number') return String(b);
  if (b.min !== undefined && b.max !== undefined)
    return b.min === b.max ? String(b.min) : `${b.min}..${b.max}`;
  return b.min !== undefined ? `>= ${b.min}` : `<= ${b.max ?? 0}`;
}

/** True when `n` is within the bound. */
export function withinBound(n: number, b: CountBound): boolean {
  if (typeof b === 'number') return n === b;
  return (b.min === undefined || n >= b.min) && (b.max === undefined || n <= b.max);
}

/**
 * The mechanisms that explain an anomaly: its `mechanisms` field (set by the chain walker) and
 * the `mech` of every entry in its chain. The only place that reads them, so the claims test keeps
 * working while the field is being added to `Anomaly`.
 */
export function anomalyMechanisms(a: Pick<Anomaly, 'mechanisms'>): ReadonlySet<MechanismId> {
  // Only the walker's answer counts: a chain also holds entries of unrelated mechanisms (a
  // protection that acted nearby), and a claim must fail when the anomaly names the wrong one.
  return new Set<MechanismId>(a.mechanisms);
}

/** The run data claims read besides the report. */
export type ClaimsRecord = Pick<RunRecord, 'history' | 'journal'>;

/** Distinct messages of `group` each consumer processed (an `effect`, applied or absorbed). */
export function processedBy(group: string, record: ClaimsRecord): Map<string, number> {
  const h = HistoryColumns.of(record.history);
  const gid = h.findString(group);
  const seen = new Map<number, Set<number>>();
  for (let i = 0; gid >= 0 && i < h.length; i++) {
    if (h.typeCode(i) !== OP_EFFECT || h.groupId(i) !== gid) continue;
    const c = h.actorId(i);
    let s = seen.get(c);
    if (!s) seen.set(c, (s = new Set()));
    s.add(h.msg(i));
  }
  return new Map([...seen].map(([c, s]) => [h.str(c), s.size]));
}

function groupResults(
  group: string,
  claims: GroupClaims,
  report: CheckReport,
  record: ClaimsRecord,
): ClaimResult[] {
  const g = report.groups.find((x) => x.group === group);
  const out: ClaimResult[] = [];
  const add = (claim: string, b: CountBound | undefined, n: number | undefined): void => {
    if (b === undefined) return;
    out.push({
      claim: `${group}.${claim}`,
      expected: boundText(b),
      actual: n === undefined ? `no group "${group}" in the report` : String(n),
      ok: n !== undefined && withinBound(n, b),
    });
  };
  for (const k of CLAIM_ANOMALY_KINDS) add(k, claims[k], g?.counts[k]);
  const mine = report.anomalies.filter((a) => a.group === group);
  add(
    'duplicateEffects',
    claims.duplicateEffects,
    g && mine.filter((a) => a.kind === 'duplicated' && a.details.effectsApplied > 1).length,
  );
  for (const [producer, pc] of Object.entries(claims.producers ?? {})) {
    const theirs = mine.filter((a) => a.producer === producer);
    for (const k of CLAIM_ANOMALY_KINDS)
      add(`producers.${producer}.${k}`, pc[k], g && theirs.filter((a) => a.kind === k).length);
  }
  if (claims.consumers) {
    const by = processedBy(group, record);
    for (const [consumer, b] of Object.entries(claims.consumers))
      add(`consumers.${consumer}`, b, g && (by.get(consumer) ?? 0));
  }
  for (const f of CLAIM_FATES) add(`fates.${f}`, claims.fates?.[f], g?.fates[f]);
  return out;
}

function mechanismResults(
  claims: RunClaims,
  report: CheckReport,
  record: ClaimsRecord,
): ClaimResult[] {
  const m = claims.mechanisms;
  if (!m) return [];
  const named = new Map<MechanismId, number>();
  // Set-aside messages (dead-lettered, expired...) are named by their mechanism too.
  for (const a of [...report.anomalies, ...report.setAside])
    for (const id of anomalyMechanisms(a)) named.set(id, (named.get(id) ?? 0) + 1);
  const acted = new Set<MechanismId>();
  const j = JournalColumns.of(record.journal);
  for (let i = 0; i < j.length; i++) {
    const mech = j.mech(i);
    if (mech !== undefined) acted.add(mech);
  }
  // Protections the checker reads from the history (a sink absorbing a repeat) act too.
  for (const p of report.protections) acted.add(p.mech);
  const out: ClaimResult[] = [];
  // `present` needs at least one anomaly naming the id, `absent` none.
  for (const [claim, ids, ok] of [
    ['present', m.present ?? [], (n: number) => n > 0],
    ['absent', m.absent ?? [], (n: number) => n === 0],
  ] as const) {
    for (const id of ids) {
      const n = named.get(id) ?? 0;
      out.push({
        claim: `mechanisms.${claim}`,
        expected: id,
        actual: n > 0 ? `named by ${n} anomalies` : 'named by no anomaly',
        ok: ok(n),
      });
    }
  }
  for (const id of m.acted ?? [])
    out.push({
      claim: 'mechanisms.acted',
      expected: id,
      actual: acted.has(id) ? 'recorded in the journal' : 'never recorded',
      ok: acted.has(id),
    });
  return out;
}

/** Checks one run's claims (a scenario's own, or one variant's) against its report and record. */
export function checkClaims(
  claims: RunClaims,
  report: CheckReport,
  record: ClaimsRecord,
): ClaimsOutcome {
  const counts = Object.entries(claims.groups ?? {}).flatMap(([group, c]) =>
    groupResults(group, c, report, record),
  );
  return { counts, mechanisms: mechanismResults(claims, report, record) };
}
