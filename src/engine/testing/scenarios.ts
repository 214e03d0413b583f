/** Test helpers: build a validated scenario from a short document and run it. */
import { parseScenario, describeScenarioError } from '../../scenario/load';
import type { Scenario } from '../../scenario/schema';
import { runScenario, type RunResult } from '../run';
import type { JournalEntry } from '../check/history';

export function scenario(doc: Record<string, unknown>): Scenario {
  const r = parseScenario({ version: 1, system: 'single-node', name: 'test', ...doc });
  if (!r.ok) throw new Error(describeScenarioError(r.error));
  return r.value;
}

export function run(doc: Record<string, unknown>, seed?: number): RunResult {
  return runScenario(scenario(doc), seed === undefined ? {} : { seed });
}

/** Journal entries of a kind whose `data.reason` matches. */
export function journal(r: RunResult, kind: JournalEntry['kind'], reason?: string): JournalEntry[] {
  return r.record.journal.filter(
    (e) => e.kind === kind && (reason === undefined || e.data?.['reason'] === reason),
  );
}
