/**
 * Numbered migrations for the scenario format. `MIGRATIONS[n]` turns a version-n document into a
 * version-(n+1) document. A file, preset or share link written by any past version goes through
 * every step from its version to `SCENARIO_VERSION`, then through validation.
 *
 * There is one format so far (v1), so the list is empty; the mechanism is exercised by tests with
 * synthetic migrations. When v2 comes, add `MIGRATIONS[1]` and a v1 fixture that must still load.
 * A migration that renames or moves a field must also rewrite `claims.variants[].patch[].path`
 * values pointing at it (JSON Pointers into the scenario; see `claims.ts`).
 */
export type Doc = Record<string, unknown>;
export type Migration = (doc: Doc) => Doc;

export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

export type MigrateError =
  | { kind: 'no-version' }
  | { kind: 'too-new'; version: number; supported: number }
  | { kind: 'too-old'; version: number }
  | { kind: 'migration-failed'; from: number; message: string };

/** Applies migrations from the document's version up to `target`. Pure: returns a new object. */
export function migrate(
  doc: Doc,
  target: number,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
): { ok: true; doc: Doc; from: number } | { ok: false; error: MigrateError } {
  const v = doc['version'];
  if (typeof v !== 'number' || !Number.isInteger(v))
    return { ok: false, error: { kind: 'no-version' } };
  if (v > target) return { ok: false, error: { kind: 'too-new', version: v, supported: target } };
  if (v < 1) return { ok: false, error: { kind: 'too-old', version: v } };
  let cur: Doc = doc;
  for (let n = v; n < target; n++) {
    const step = migrations[n];
    if (!step)
      return {
        ok: false,
        error: { kind: 'migration-failed', from: n, message: `no migration from version ${n}` },
      };
    try {
      cur = step(structuredCloneDoc(cur));
    } catch (e) {
      return {
        ok: false,
        error: {
          kind: 'migration-failed',
          from: n,
          message: e instanceof Error ? e.message : String(e),
        },
      };
    }
    cur['version'] = n + 1;
  }
  return { ok: true, doc: cur, from: v };
}

function structuredCloneDoc(d: Doc): Doc {
  return JSON.parse(JSON.stringify(d)) as Doc;
}
