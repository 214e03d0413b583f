/**
 * Compare mode's state and its API for other parts of the app (a lesson's `vary` step, the
 * editor's "compare with…", a compare link). A small zustand store of its own, so opening a
 * comparison never touches the scenario the user is editing in the main store.
 *
 * API (for lessons):
 *   openCompare(base, columns) -> Result   open 2-4 columns, each `base` + a patch ([] = base)
 *   closeCompare()                          close it; the main scenario is as it was
 *   compareStore                            the zustand store (`useStore(compareStore, s => s.spec)`)
 */
import type { PatchOp } from '../../scenario/claims';
import type { Result } from '../../scenario/load';
import { compareStore } from './state';
import {
  validateCompare,
  type CompareColumn,
  type CompareSpecValid,
} from '../../share/compare-codec';
import type { ShareError } from '../../share/codec';

export { compareStore, type CompareState } from './state';

/** A column as callers give it: a bare patch, or a patch with a label. */
export type ColumnInput = readonly PatchOp[] | CompareColumn;

function toColumn(c: ColumnInput): CompareColumn {
  return 'patch' in c ? c : { patch: [...c] };
}

/**
 * Opens compare mode: one column per entry of `columns`, each the base scenario with that patch
 * applied (JSON Patch paths address the scenario with every default filled, as in a claims
 * variant: `/producers/0/acks`). Pass `[]` for a column that runs the base itself. Two to four
 * columns. Nothing changes when it returns an error (a `ShareError`, named like a link's).
 */
export function openCompare(
  base: unknown,
  columns: readonly ColumnInput[],
): Result<CompareSpecValid, ShareError> {
  const r = validateCompare({ base, columns: columns.map(toColumn) });
  if (r.ok) compareStore.setState((s) => ({ spec: r.value, version: s.version + 1 }));
  return r;
}

/** Closes compare mode. */
export function closeCompare(): void {
  compareStore.setState((s) => ({ spec: null, version: s.version + 1, back: null }));
}

/** The open comparison's columns as plain data (for links and edits). */
function plainColumns(spec: CompareSpecValid): CompareColumn[] {
  return spec.columns.map((c) => ({
    patch: c.patch,
    ...(c.label ? { label: c.label } : {}),
    ...(c.ownDoc ? { scenario: c.ownDoc } : {}),
    ...(c.note ? { note: c.note } : {}),
  }));
}

/** Replaces one column's patch; an error leaves the comparison as it was. */
export function setColumnPatch(
  index: number,
  patch: readonly PatchOp[],
): Result<CompareSpecValid, ShareError> | null {
  const spec = compareStore.getState().spec;
  if (!spec) return null;
  // A column with its own scenario (another system) keeps it; only its patch changes.
  const cols = plainColumns(spec).map((c, i) =>
    i === index
      ? {
          ...(c.scenario ? { scenario: c.scenario, label: c.label, note: c.note } : {}),
          patch: [...patch],
        }
      : c,
  );
  return openCompare(spec.base, cols);
}

/** Adds a column (a copy of the base) or removes one, within 2-4 columns. */
export function addColumn(): void {
  const spec = compareStore.getState().spec;
  if (spec) openCompare(spec.base, [...plainColumns(spec), []]);
}

export function removeColumn(index: number): void {
  const spec = compareStore.getState().spec;
  if (spec)
    openCompare(
      spec.base,
      plainColumns(spec).filter((_c, i) => i !== index),
    );
}

/** The open comparison as a link's payload. */
export function currentCompareSpec(): {
  base: Record<string, unknown>;
  columns: CompareColumn[];
} | null {
  const spec = compareStore.getState().spec;
  return spec ? { base: spec.base, columns: plainColumns(spec) } : null;
}
