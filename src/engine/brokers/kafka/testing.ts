/**
 * Test helpers for the Kafka model: a scenario builder with a fixed placement (partition 0 on
 * broker-1, broker-2, broker-3, so broker-1 is its preferred leader) and quick timeouts, and chain
 * readers for the ground-truth tests.
 */
import type { Anomaly, AnomalyKind } from '../../check/checker';
import { runScenario, type RunResult } from '../../run';
import { parseScenario } from '../../../scenario/load';
import type { Scenario } from '../../../scenario/schema';

/** A plain object tree (a scenario document). */
export type Doc = Record<string, unknown>;

/** Merges `over` into `base`, one level deep for objects (arrays replace). */
function merge(base: Doc, over: Doc): Doc {
  const out: Doc = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] =
      v &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      b &&
      typeof b === 'object' &&
      !Array.isArray(b)
        ? { ...(b as Doc), ...(v as Doc) }
        : v;
  }
  return out;
}

/** One partition, RF 3, leader broker-1; one producer p1 and one consumer c1 in group g1. */
export function kafkaDoc(over: Doc = {}): Doc {
  return merge(
    {
      version: 1,
      system: 'kafka',
      name: 'kafka-test',
      seed: 1,
      durationMs: 40_000,
      topic: {
        partitions: 1,
        'replication.factor': 3,
        'replica.assignment': [['broker-1', 'broker-2', 'broker-3']],
        'replica.lag.time.max.ms': 3000,
      },
      producers: [{ id: 'p1', ratePerSec: 50, messages: 500, keys: 1, 'request.timeout.ms': 2000 }],
      consumers: [
        {
          id: 'c1',
          'group.id': 'g1',
          'auto.offset.reset': 'earliest',
          'session.timeout.ms': 6000,
        },
      ],
    },
    over,
  );
}

export function scenario(doc: Doc): Scenario {
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(`invalid scenario: ${JSON.stringify(r.error)}`);
  return r.value;
}

export function run(doc: Doc, seed?: number): RunResult {
  return runScenario(scenario(doc), seed === undefined ? {} : { seed });
}

export function anomalies(r: RunResult, kind: AnomalyKind): Anomaly[] {
  return r.report.anomalies.filter((a) => a.kind === kind);
}

/**
 * The mechanisms of the entries that decided the fate of each `lost` message: the last `drop`
 * (or message-carrying `net-drop`) listing it for its group. Sorted, distinct.
 */
export function lostMechs(r: RunResult): string[] {
  const out = new Set<string>();
  for (const a of anomalies(r, 'lost')) {
    const d = r.record.journal.findLast(
      (e) =>
        (e.kind === 'drop' || (e.kind === 'net-drop' && e.data?.['ack'] !== true)) &&
        e.msgs?.includes(a.msg) &&
        (e.data?.['group'] === undefined || e.data['group'] === a.group),
    );
    out.add(d?.mech ?? `(${d?.kind ?? 'none'} without mechanism)`);
  }
  return [...out].sort();
}

/** The `data.reason` codes of drop entries in an anomaly's chain. */
export function dropReasons(a: Anomaly): string[] {
  return a.chain
    .filter((e) => e.kind === 'drop' || e.kind === 'net-drop')
    .map((e) => String(e.data?.reason ?? ''));
}
