/**
 * Compare mode's pure helpers: the knobs a column can change, what a patch changes in words, and
 * which figures differ between columns. No DOM, no store: unit-tested directly.
 */
import type { PatchOp } from '../../scenario/claims';

/** A knob of a scenario: a JSON Pointer to a leaf value (string, number, boolean). */
export interface Knob {
  path: string;
  value: string | number | boolean;
}

/** Fields that are text or identity, not configuration: changing them compares nothing. */
const NOT_KNOBS = new Set(['$schema', 'version', 'name', 'title', 'description', 'claims', 'id']);

function escapeToken(t: string): string {
  return t.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Every leaf value of `doc` a column may change, in document order. */
export function knobsOf(doc: unknown, prefix = ''): Knob[] {
  const out: Knob[] = [];
  const visit = (v: unknown, path: string, key: string): void => {
    if (NOT_KNOBS.has(key)) return;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
      out.push({ path, value: v });
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => visit(x, `${path}/${i}`, ''));
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) visit(x, `${path}/${escapeToken(k)}`, k);
    }
  };
  if (typeof doc === 'object' && doc !== null && !Array.isArray(doc))
    for (const [k, x] of Object.entries(doc)) visit(x, `${prefix}/${escapeToken(k)}`, k);
  return out;
}

/** The value at a JSON Pointer, or undefined. */
export function valueAt(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const raw of path.split('/').slice(1)) {
    const t = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else if (typeof cur === 'object' && cur !== null) cur = (cur as Record<string, unknown>)[t];
    else return undefined;
  }
  return cur;
}

/**
 * Reads what a person typed for a knob as the type the knob already has: `1` stays the string
 * "1" for `acks` (a string knob), `true` is a boolean for a boolean knob. Null when it cannot be.
 */
export function parseKnobValue(text: string, like: unknown): string | number | boolean | null {
  const s = text.trim();
  if (typeof like === 'number') {
    const n = Number(s);
    return s !== '' && Number.isFinite(n) ? n : null;
  }
  if (typeof like === 'boolean') return s === 'true' ? true : s === 'false' ? false : null;
  return s === '' ? null : s;
}

/** A knob's value as the text field shows it ('' for a missing or non-leaf value). */
export function knobText(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

/** A knob path for people: `/producers/0/acks` -> `producers[0].acks`. */
export function knobLabel(path: string): string {
  return path
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, t) => (/^[0-9]+$/.test(t) ? `${acc}[${t}]` : acc ? `${acc}.${t}` : t), '');
}

/** Longest value a patch line spells out whole; a longer object or list is summarised. */
const SHOW_MAX = 60;

function show(v: unknown): string {
  if (v === undefined) return '∅';
  if (typeof v === 'string') return v;
  const json = JSON.stringify(v);
  if (json.length <= SHOW_MAX || v === null || typeof v !== 'object') return json;
  // A whole configuration (e.g. a vary step that switches system removes every field of the old
  // one) would fill the column header: name its shape instead of printing it.
  if (Array.isArray(v)) return `[… ${v.length}]`;
  const keys = Object.keys(v);
  return `{${keys.slice(0, 3).join(', ')}${keys.length > 3 ? `, … ${keys.length - 3}` : ''}}`;
}

/** What a patch changes, one line per operation: `producers[0].acks: all → 1`. */
export function describePatch(base: unknown, patch: readonly PatchOp[]): string[] {
  return patch.map((op) => {
    const before = valueAt(base, op.path);
    switch (op.op) {
      case 'replace':
      case 'add':
        return `${knobLabel(op.path)}: ${show(before)} → ${show(op.value)}`;
      case 'remove':
        return `${knobLabel(op.path)}: ${show(before)} → ∅`;
      default: {
        const never: never = op;
        return String(never);
      }
    }
  });
}

/** One figure per column, named by `key`; `values[i]` is column i's (null: not known yet). */
export interface Figure {
  key: string;
  values: (number | null)[];
}

/** A figure that is not the same in every column. */
export interface Difference extends Figure {
  /** The columns whose value is not the first column's. */
  differs: boolean[];
}

/**
 * The figures that differ between columns, in the order given. Unknown values (a column still
 * computing) never count as a difference.
 */
export function differences(figures: readonly Figure[]): Difference[] {
  const out: Difference[] = [];
  for (const f of figures) {
    const known = f.values.filter((v): v is number => v !== null);
    if (known.length < 2 || known.every((v) => v === known[0])) continue;
    const first = f.values[0] ?? null;
    out.push({ ...f, differs: f.values.map((v) => v !== null && first !== null && v !== first) });
  }
  return out;
}

/** "3 vs 0" / "3 vs 0 vs 1": the values of a difference, in column order. */
export function versus(values: readonly (number | null)[]): string {
  return values.map((v) => (v === null ? '…' : String(v))).join(' vs ');
}

/** The patch that sets one knob: a `replace` of the knob's path with the new value. */
export function setKnob(path: string, value: string | number | boolean): PatchOp[] {
  return [{ op: 'replace', path, value }];
}
