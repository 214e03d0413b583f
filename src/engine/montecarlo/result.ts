/**
 * One seed's run, reduced to what the Monte Carlo report aggregates: anomaly counts per kind and
 * the mechanisms that caused them. Small and plain, so it crosses a worker boundary cheaply.
 */
import type { Scenario } from '../../scenario/schema';
import type { FaultModel } from '../../scenario/faultmodel';
import type { AnomalyKind } from '../check/checker';
import type { MechanismId } from '../check/history';
import { Run } from '../run';
import { seedScenario } from './schedule';

/** A seed that ran to the end and was checked. */
export interface SeedOk {
  ok: true;
  /** Which configuration (0: the scenario itself; then its compared variants). */
  config: number;
  seed: number;
  counts: Record<AnomalyKind, number>;
  /** Anomalies naming each mechanism, by catalogue id, sorted by id. */
  mechanisms: [MechanismId, number][];
  /** Faults in the seed's concrete schedule. */
  faults: number;
  events: number;
  messages: number;
  traceHash: string;
}

/** A seed whose run threw: reported with its seed, the other seeds go on. */
export interface SeedFailed {
  ok: false;
  config: number;
  seed: number;
  error: string;
}

export type SeedResult = SeedOk | SeedFailed;

/** Runs one seed (recorded and checked) and reduces it. Throws what the engine throws. */
export function runSeed(s: Scenario, m: FaultModel, seed: number, config = 0): SeedOk {
  const concrete = seedScenario(s, m, seed);
  const r = new Run(concrete, { seed }).finish();
  const mech = new Map<MechanismId, number>();
  for (const a of r.report.anomalies)
    for (const id of new Set(a.mechanisms)) mech.set(id, (mech.get(id) ?? 0) + 1);
  return {
    ok: true,
    config,
    seed,
    counts: { ...r.report.counts },
    mechanisms: [...mech].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
    faults: concrete.faults.length,
    events: r.events,
    messages: r.report.messages,
    traceHash: r.traceHash,
  };
}

/** `runSeed`, with an exception turned into a failed result naming the seed. */
export function tryRunSeed(s: Scenario, m: FaultModel, seed: number, config = 0): SeedResult {
  try {
    return runSeed(s, m, seed, config);
  } catch (e) {
    return {
      ok: false,
      config,
      seed,
      error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
    };
  }
}
