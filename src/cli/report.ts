/**
 * The CLI's two report forms. The JSON shape is documented in README.md; change both together.
 */
import type { RunResult } from '../engine/run';
import { formatSeconds } from '../engine/kernel/time';

export interface JsonReport {
  scenario: string;
  seed: number;
  simulatedMs: number;
  events: number;
  traceHash: string;
  messages: number;
  counts: Record<string, number>;
  groups: { group: string; counts: Record<string, number>; fates: Record<string, number> }[];
  anomalies: {
    msg: number;
    key: string | null;
    kind: string;
    group: string;
    producer: string | null;
    /** Catalogue ids of the mechanisms that caused it (src/engine/check/mechanisms.ts). */
    mechanisms: string[];
    reason: string;
    reasonZh: string;
  }[];
  /** Messages a broker policy set aside (dead-lettered, expired, overflowed, rejected, aborted). */
  setAside: {
    msg: number;
    fate: string;
    group: string;
    mechanisms: string[];
    reason: string;
    reasonZh: string;
  }[];
  /** Protecting mechanisms that acted, most frequent first. */
  protections: { mech: string; count: number }[];
}

export function jsonReport(r: RunResult): JsonReport {
  return {
    scenario: r.name,
    seed: r.seed,
    simulatedMs: r.simulatedUs / 1000,
    events: r.events,
    traceHash: r.traceHash,
    messages: r.report.messages,
    counts: { ...r.report.counts },
    groups: r.report.groups.map((g) => ({
      group: g.group,
      counts: { ...g.counts },
      fates: { ...g.fates },
    })),
    anomalies: r.report.anomalies.map((a) => ({
      msg: a.msg,
      key: a.key,
      kind: a.kind,
      group: a.group,
      producer: a.producer,
      mechanisms: [...a.mechanisms],
      reason: a.reason.en,
      reasonZh: a.reason.zh,
    })),
    setAside: r.report.setAside.map((x) => ({
      msg: x.msg,
      fate: x.fate,
      group: x.group,
      mechanisms: [...x.mechanisms],
      reason: x.reason.en,
      reasonZh: x.reason.zh,
    })),
    protections: r.report.protections.map((p) => ({ ...p })),
  };
}

const SHOWN = 5;

export function textReport(r: RunResult): string {
  const lines: string[] = [];
  const c = r.report.counts;
  lines.push(
    `scenario ${r.name}  seed ${r.seed}  simulated ${formatSeconds(r.simulatedUs)}  events ${r.events}  trace ${r.traceHash}`,
  );
  lines.push(`messages sent: ${r.report.messages}`);
  for (const g of r.report.groups) {
    const fates = Object.entries(g.fates)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    lines.push(`group ${g.group}: ${fates || 'no messages'}`);
  }
  lines.push(
    `anomalies: lost ${c.lost}, duplicated ${c.duplicated}, reordered ${c.reordered}, unexpected ${c.unexpected}, recovered ${c.recovered}`,
  );
  if (r.report.protections.length > 0) {
    lines.push(
      `protected by: ${r.report.protections.map((p) => `${p.mech} x${p.count}`).join(', ')}`,
    );
  }
  const byKind = new Map<string, typeof r.report.anomalies>();
  for (const a of r.report.anomalies) byKind.set(a.kind, [...(byKind.get(a.kind) ?? []), a]);
  for (const [kind, list] of byKind) {
    lines.push('', `${kind} (${list.length}):`);
    for (const a of list.slice(0, SHOWN)) {
      lines.push(`  - [${a.mechanisms.join(', ') || 'no mechanism recorded'}] ${a.reason.en}`);
    }
    if (list.length > SHOWN)
      lines.push(`  ... and ${list.length - SHOWN} more (use --json for all)`);
  }
  return `${lines.join('\n')}\n`;
}
