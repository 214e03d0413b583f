/**
 * Two preset variants the lessons change (a JSON Patch on the loaded preset, as a lesson's `vary`
 * step applies it) broke the checker's promises: every message has a fate, and every anomaly
 * names the mechanism that made it, from causes the model recorded.
 */
import { describe, expect, it } from 'vitest';
import type { PatchOp } from '../../../scenario/claims';
import { parseScenario, describeScenarioError } from '../../../scenario/load';
import { applyPatch } from '../../../scenario/patch';
import { PRESETS } from '../../../scenario/presets';
import { fateOf } from '../../check/checker';
import { runScenario, type RunResult } from '../../run';

/** Runs preset `name` changed by `patch`, applied to the loaded preset as a lesson does. */
function runVariant(name: string, patch: PatchOp[]): RunResult {
  const base = PRESETS.find((p) => p.name === name);
  if (!base) throw new Error(`no preset ${name}`);
  const { claims: _claims, ...doc } = base;
  const changed = applyPatch(doc, patch);
  if (!changed.ok) throw new Error(changed.error.message);
  const s = parseScenario(changed.value);
  if (!s.ok) throw new Error(describeScenarioError(s.error));
  return runScenario(s.value);
}

/** Every anomaly names a mechanism, and each act's entry and causes are in its chain. */
function expectExplained(r: RunResult): void {
  for (const a of [...r.report.anomalies, ...r.report.setAside]) {
    const where = `#${a.msg} in ${a.group}`;
    expect(a.mechanisms.length, `${where} has no mechanism`).toBeGreaterThan(0);
    const chain = new Set(a.chain.map((e) => e.id));
    for (const act of a.acts) {
      if (act.entry >= 0) expect(chain.has(act.entry), where).toBe(true);
      for (const c of act.causes) expect(chain.has(c), `${where}: cause ${c}`).toBe(true);
    }
  }
}

describe('lesson variants keep every message accounted for and every anomaly explained', () => {
  it('B2 without republishing: a tx publish the broker holds uncommitted at the end is held there, not unaccounted', () => {
    const r = runVariant('rabbitmq-b2-tx-vs-confirms', [
      { op: 'replace', path: '/publishers/1/republishUnconfirmed', value: false },
    ]);
    expect(r.report.unaccounted).toBe(0);
    expectExplained(r);
    // The run ends between a tx publish reaching rabbit-1 and its tx.commit: in the open
    // transaction, in no queue yet (the checker reads this place from the model).
    const staged = [...(r.record.heldWhere?.get('payments') ?? [])].filter(
      ([, w]) => w.place === 'transaction',
    );
    expect(staged.length).toBeGreaterThan(0);
    for (const [m, w] of staged) {
      expect(w.node).toBe('rabbit-1');
      expect(fateOf(r.report, 'payments', m)).toBe('in-flight');
      const entries = r.record.journal.filter((e) => e.msgs?.includes(m));
      expect(entries.some((e) => e.kind === 'publish' && e.node === 'tx-publisher')).toBe(true);
      expect(entries.some((e) => e.kind === 'enqueue')).toBe(false);
    }
  });

  it('E2 as a quorum queue: the new leader requeues what the crashed leader had delivered, and says so', () => {
    const r = runVariant('rabbitmq-e2-classic-cluster', [
      { op: 'replace', path: '/vhosts/0/queues/0/arguments/x-queue-type', value: 'quorum' },
    ]);
    expect(r.report.unaccounted).toBe(0);
    expect(r.report.counts.duplicated).toBeGreaterThan(0);
    expectExplained(r);
    const byId = new Map(r.record.journal.map((e) => [e.id, e]));
    for (const a of r.report.anomalies.filter((x) => x.kind === 'duplicated')) {
      expect(a.mechanisms).toContain('rabbit.requeue');
      const rq = r.record.journal.find(
        (e) => e.kind === 'requeue' && e.mech === 'rabbit.requeue' && e.msgs?.includes(a.msg),
      );
      expect(rq?.data?.['reason']).toBe('leader-change');
      const role = (x: string) => byId.get(rq?.links?.find((l) => l.role === x)?.id ?? -1);
      expect(role('fault')?.kind).toBe('crash');
      expect(role('fault')?.node).toBe('rabbit-2');
      expect(role('election')?.kind).toBe('promote');
      expect(a.reason.en).toMatch(/rabbit-2 crashed/);
    }
  });
});
