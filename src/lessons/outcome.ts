/**
 * A finished run as a prediction reads it (`Outcome`), for Node: the check report's groups with
 * the per-client tallies the worker's summary also carries, so the lesson tests and the CLI judge
 * a prediction on the same figures the page does.
 */
import { groupTallies } from '../engine/check/tallies';
import type { RunResult } from '../engine/run';
import type { Outcome } from './evaluate';

export function outcomeOf(
  r: Pick<RunResult, 'report' | 'record'> & Partial<Pick<RunResult, 'stats'>>,
): Outcome {
  const tallies = groupTallies(r.report, r.record);
  return {
    groups: r.report.groups.map((g) => ({ ...g, ...tallies.get(g.group) })),
    ...(r.stats ? { stats: r.stats } : {}),
  };
}
