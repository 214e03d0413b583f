/** Turns a full run result into the compact, cloneable summary the UI needs. */
import type { RunResult } from '../engine/run';
import type { RunSummary } from './protocol';

/** At most this many anomalies cross to the UI; counts stay exact. */
export const MAX_ANOMALIES = 500;

export function summarize(r: RunResult, wallMs: number): RunSummary {
  return {
    name: r.name,
    seed: r.seed,
    simulatedUs: r.simulatedUs,
    events: r.events,
    traceHash: r.traceHash,
    messages: r.report.messages,
    counts: { ...r.report.counts },
    groups: r.report.groups.map((g) => ({
      group: g.group,
      counts: { ...g.counts },
      fates: { ...g.fates },
    })),
    anomalies: r.report.anomalies.slice(0, MAX_ANOMALIES).map((a) => ({
      kind: a.kind,
      group: a.group,
      msg: a.msg,
      key: a.key,
      producer: a.producer,
      reason: { en: a.reason.en, zh: a.reason.zh },
      chain: a.chain.map((e) => ({
        id: e.id,
        at: e.at,
        kind: e.kind,
        node: e.node,
        ...(e.msgs ? { msgs: [...e.msgs] } : {}),
        ...(e.data ? { data: { ...e.data } } : {}),
      })),
    })),
    wallMs,
  };
}
