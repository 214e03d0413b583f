/**
 * The compare-link codec. A compare link carries a base scenario and two to four patches (one per
 * column) in the URL fragment as `#c=<codec version>.<base64url(deflate-raw(JSON))>`, packed the
 * same way as a scenario share link (`codec.ts`), and decoded through the same untrusted-input
 * pipeline: strict pattern -> size limit -> base64url -> capped inflate -> JSON -> forbidden-key
 * and depth scan -> validation. A compare link fails with the same tagged `ShareError` as a share
 * link, so the page shows the same clear message; a patch that does not apply, or a column whose
 * patched scenario is invalid, is an `invalid-scenario` error naming `columns.<i>.patch`.
 */
import { z } from 'zod';
import { PatchOp } from '../scenario/claims';
import { Text } from '../scenario/common';
import { parseScenario, type Result } from '../scenario/load';
import { applyPatch } from '../scenario/patch';
import type { Scenario } from '../scenario/schema';
import { deflate, parseUntrustedJson, toBase64Url, unpackFragment, type ShareError } from './codec';

/**
 * Version of the compare-link encoding. Same packing as `SHARE_CODEC_VERSION` 1; a change to the
 * envelope below needs a new version and a decoder kept for the old one.
 */
export const COMPARE_CODEC_VERSION = 1;

/** Fewest and most columns a comparison shows (the base counts as one when its patch is empty). */
export const MIN_COLUMNS = 2;
export const MAX_COLUMNS = 4;

const FRAGMENT = /^#?c=([0-9]{1,4})\.([A-Za-z0-9_-]+)$/;

/** One column: the base scenario with `patch` applied (an empty patch is the base itself). */
export const CompareColumn = z
  .object({
    patch: z.array(PatchOp).max(50),
    /** Optional name of the column ("acks=1"), one text or en and zh; the UI shows the patch too. */
    label: z.union([z.string().max(80), Text]).optional(),
    /**
     * The column's own scenario, in place of the base (the patch then applies to it): another
     * system's run of the same comparison (I1: Kafka vs RabbitMQ vs RocketMQ). It must use the
     * base's seed and duration, so the columns still share one seed and one clock.
     */
    scenario: z.record(z.string(), z.unknown()).optional(),
    /** A line shown under the column's name: how the shared fault was mapped onto this system. */
    note: Text.optional(),
  })
  .strict();
export type CompareColumn = z.infer<typeof CompareColumn>;

/** What a compare link holds. `base` is validated as a scenario after decoding. */
export const CompareEnvelope = z
  .object({
    base: z.record(z.string(), z.unknown()),
    columns: z.array(CompareColumn).min(MIN_COLUMNS).max(MAX_COLUMNS),
  })
  .strict();

/** A decoded comparison: the validated base and, per column, its patch and validated scenario. */
export interface CompareSpecValid {
  base: Scenario;
  columns: {
    patch: PatchOp[];
    label?: CompareColumn['label'];
    scenario: Scenario;
    /** The column's own scenario before its patch (absent: the base). */
    own?: Scenario;
    /** The column's own scenario as given, for links and edits. */
    ownDoc?: Record<string, unknown>;
    note?: CompareColumn['note'];
  }[];
}

/** A comparison as the UI holds it: the base document (as edited) and one patch per column. */
export interface CompareSpec {
  base: Record<string, unknown>;
  columns: CompareColumn[];
}

function invalid(path: string, message: string): { ok: false; error: ShareError } {
  return {
    ok: false,
    error: { kind: 'invalid-scenario', error: { kind: 'invalid', issues: [{ path, message }] } },
  };
}

/**
 * Validates a comparison: the base must be a valid scenario, and each column's patch must apply
 * to the base with every default filled and give a valid scenario. Errors name the column.
 */
export function validateCompare(doc: unknown): Result<CompareSpecValid, ShareError> {
  const env = CompareEnvelope.safeParse(doc);
  if (!env.success) {
    const first = env.error.issues[0];
    return invalid(first?.path.map(String).join('.') ?? '', first?.message ?? 'invalid');
  }
  // A comparison checks no claims: a base's claims (and their variants' patches) describe the
  // base alone, and a column's patch may remove what a variant's patch points at.
  const { claims: _claims, ...unclaimed } = env.data.base;
  const base = parseScenario(unclaimed);
  if (!base.ok) {
    if (base.error.kind === 'invalid')
      return {
        ok: false,
        error: {
          kind: 'invalid-scenario',
          error: {
            kind: 'invalid',
            issues: base.error.issues.map((i) => ({ ...i, path: `base.${i.path}` })),
          },
        },
      };
    return { ok: false, error: { kind: 'invalid-scenario', error: base.error } };
  }
  const columns: CompareSpecValid['columns'] = [];
  for (const [i, c] of env.data.columns.entries()) {
    let own: Scenario | undefined;
    if (c.scenario) {
      const { claims: _c, ...doc } = c.scenario;
      const o = parseScenario(doc);
      if (!o.ok)
        return invalid(
          `columns.${i}.scenario`,
          o.error.kind === 'invalid'
            ? `${o.error.issues[0]?.path ?? ''}: ${o.error.issues[0]?.message ?? 'invalid'}`
            : o.error.kind,
        );
      for (const k of ['seed', 'durationMs'] as const)
        if (o.value[k] !== base.value[k])
          return invalid(
            `columns.${i}.scenario.${k}`,
            `${o.value[k]} differs from the base's ${base.value[k]}: the columns share it`,
          );
      own = o.value;
    }
    // Patches address the scenario with its defaults filled, like a claims variant.
    const patched = applyPatch(own ?? base.value, c.patch);
    if (!patched.ok)
      return invalid(`columns.${i}.patch.${patched.error.op}`, patched.error.message);
    const s = parseScenario(patched.value);
    if (!s.ok) {
      const issue = s.error.kind === 'invalid' ? s.error.issues[0] : undefined;
      return invalid(
        `columns.${i}.patch`,
        issue ? `after the patch: ${issue.path}: ${issue.message}` : s.error.kind,
      );
    }
    columns.push({
      patch: c.patch,
      ...(c.label ? { label: c.label } : {}),
      scenario: s.value,
      ...(own && c.scenario ? { own, ownDoc: c.scenario } : {}),
      ...(c.note ? { note: c.note } : {}),
    });
  }
  return { ok: true, value: { base: base.value, columns } };
}

/** Encodes a comparison as a fragment body `c=1.<payload>` (without the `#`). */
export async function encodeCompareFragment(spec: CompareSpec): Promise<string> {
  const json = JSON.stringify({ base: spec.base, columns: spec.columns });
  const packed = await deflate(new TextEncoder().encode(json));
  return `c=${COMPARE_CODEC_VERSION}.${toBase64Url(packed)}`;
}

export { isCompareFragment } from './fragment';

/** Decodes a compare fragment (with or without `#`). Synchronous, bounded, never throws. */
export function decodeCompareFragmentNow(hash: string): Result<CompareSpecValid, ShareError> {
  const text = unpackFragment(hash, FRAGMENT, COMPARE_CODEC_VERSION);
  if (!text.ok) return text;
  const doc = parseUntrustedJson(text.value);
  if (!doc.ok) return doc;
  return validateCompare(doc.value);
}
