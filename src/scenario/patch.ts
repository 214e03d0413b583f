/**
 * RFC 6902 JSON Patch (`add`, `replace`, `remove`) over plain JSON data, for scenario variants.
 * Pure: returns a new document and never changes its input. Errors name the operation and the
 * path, so a broken variant in a file says which line of its patch is wrong.
 */
import type { PatchOp } from './claims';

/** A JSON value as the scenario format holds it. */
type Json = unknown;

/** Why a patch could not be applied. */
export interface PatchError {
  /** Index of the failing operation in the patch. */
  op: number;
  message: string;
}

/** Splits a JSON Pointer (RFC 6901) into unescaped tokens. */
function tokens(pointer: string): string[] | null {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return null;
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function isRecord(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An array index token: digits without a leading zero, within `0..max`. */
function index(token: string, max: number): number | null {
  if (!/^(0|[1-9][0-9]*)$/.test(token)) return null;
  const i = Number(token);
  return i <= max ? i : null;
}

/** Applies one operation in place to `root` (a private copy). Returns an error message or null. */
function applyOp(root: Json, op: PatchOp): string | null {
  const path = tokens(op.path);
  if (path === null) return `path "${op.path}" must start with "/"`;
  const last = path.pop();
  if (last === undefined) return 'cannot patch the whole document';
  let parent: Json = root;
  for (const t of path) {
    if (Array.isArray(parent)) {
      const i = index(t, parent.length - 1);
      if (i === null) return `no element "${t}" in "${op.path}"`;
      parent = parent[i];
    } else if (isRecord(parent) && Object.hasOwn(parent, t)) {
      parent = parent[t];
    } else {
      return `no field "${t}" in "${op.path}"`;
    }
  }
  if (Array.isArray(parent)) {
    const end = parent.length;
    const i = op.op === 'add' && last === '-' ? end : index(last, op.op === 'add' ? end : end - 1);
    if (i === null) return `no element "${last}" in "${op.path}"`;
    switch (op.op) {
      case 'add':
        parent.splice(i, 0, structuredJson(op.value));
        return null;
      case 'replace':
        parent[i] = structuredJson(op.value);
        return null;
      case 'remove':
        parent.splice(i, 1);
        return null;
      default: {
        const never: never = op;
        return `unknown op ${JSON.stringify(never)}`;
      }
    }
  }
  if (!isRecord(parent)) return `"${op.path}" is inside a value that is not an object or array`;
  switch (op.op) {
    case 'add':
      parent[last] = structuredJson(op.value);
      return null;
    case 'replace':
    case 'remove':
      // RFC 6902: both need the target to exist. The variant patches a scenario with every
      // default filled, so a knob left at its default exists; a typo in its name does not.
      if (!Object.hasOwn(parent, last)) return `no field "${last}" in "${op.path}"`;
      if (op.op === 'replace') parent[last] = structuredJson(op.value);
      else delete parent[last];
      return null;
    default: {
      const never: never = op;
      return `unknown op ${JSON.stringify(never)}`;
    }
  }
}

/** A deep copy of JSON data (scenario documents hold nothing else). */
function structuredJson(v: Json): Json {
  return v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as Json);
}

/** Applies `ops` in order to a copy of `doc`. */
export function applyPatch(
  doc: Json,
  ops: readonly PatchOp[],
): { ok: true; value: Json } | { ok: false; error: PatchError } {
  const copy = structuredJson(doc);
  for (let i = 0; i < ops.length; i++) {
    const message = applyOp(copy, ops[i] as PatchOp);
    if (message !== null) return { ok: false, error: { op: i, message } };
  }
  return { ok: true, value: copy };
}
