/**
 * Where a lesson's vary step meets compare mode: the lesson's scenario and its changed
 * configurations open side by side (one clock, the same seed and fault schedule, differences
 * marked) over the lesson, whose player stays mounted underneath; compare mode's close button
 * then reads "Back to the lesson" and leaves the learner where they were, progress kept.
 * Compare mode (its validator and runner) loads only when a learner opens one.
 */
import type { PatchOp } from '../../scenario/claims';
import type { Scenario } from '../../scenario/schema';
import { compareStore } from '../compare/state';

type Bi = { en: string; zh: string };

export interface CompareColumn {
  /** What this column is ("as in the lesson", "acks=1"). */
  label: Bi;
  /** The change from the lesson's scenario ([] for the lesson's own run). */
  patch: readonly PatchOp[];
  /** The column's own scenario (another system's run), in place of the lesson's. */
  scenario?: Scenario;
  /** A line under the column's name (how the lesson's role fault was mapped onto it). */
  note?: Bi;
}

/**
 * Opens compare mode on `base` with 2-4 columns; `back` labels the button that closes it. Resolves
 * false when the comparison does not validate (nothing opens then).
 */
export async function openVaryCompare(
  base: Scenario,
  columns: readonly CompareColumn[],
  back: Bi,
): Promise<boolean> {
  const { openCompare } = await import('../compare/store');
  // A scenario's claims describe it, not these changes (a lesson's vary run carries none either).
  const { claims: _claims, ...doc } = base;
  const r = openCompare(
    doc,
    columns.map((c) => {
      const own = c.scenario ? (({ claims: _c, ...d }) => d)(c.scenario) : undefined;
      return {
        label: c.label,
        patch: [...c.patch],
        ...(own ? { scenario: own } : {}),
        ...(c.note ? { note: c.note } : {}),
      };
    }),
  );
  if (r.ok) compareStore.setState({ back });
  return r.ok;
}
