/**
 * Every preset says what it demonstrates as claims (src/scenario/claims.ts); this runs every preset
 * and every variant through the engine and checks them. A failure names the preset, the variant,
 * the claim, what it requires and what the run showed.
 */
import { describe, expect, test } from 'vitest';
import { checkClaims, type ClaimResult } from '../engine/check/claims';
import { runScenario, type RunResult } from '../engine/run';
import { Claims } from './claims';
import { summarizeClaims } from './claims-summary';
import { describeScenarioError, parseScenario } from './load';
import { PRESET_DOCUMENTS } from './presets';
import { type Scenario, variantDocument } from './schema';

function load(doc: unknown): Scenario {
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(describeScenarioError(r.error));
  return r.value;
}

/** One run to check: a preset itself (`variant` null) or one of its variants. */
interface Case {
  preset: string;
  variant: string | null;
  scenario: Scenario;
}

const PRESETS = PRESET_DOCUMENTS.map(load);

const CASES: Case[] = PRESETS.flatMap((p) => [
  { preset: p.name, variant: null, scenario: p },
  ...(p.claims?.variants ?? []).map((v) => {
    const d = variantDocument(p, v);
    if (!d.ok) throw new Error(`${p.name}/${v.name}: patch op ${d.op}: ${d.message}`);
    return { preset: p.name, variant: v.name, scenario: load(d.doc) };
  }),
]);

const label = (c: Case): string => (c.variant === null ? c.preset : `${c.preset} / ${c.variant}`);

// Runs are deterministic and each takes a fraction of a second; both describes share them.
const runs = new Map<Case, RunResult>();
function runOf(c: Case): RunResult {
  let r = runs.get(c);
  if (!r) {
    r = runScenario(c.scenario);
    runs.set(c, r);
  }
  return r;
}

function failures(c: Case, results: ClaimResult[]): string[] {
  return results
    .filter((r) => !r.ok)
    .map((r) => `${label(c)}: ${r.claim} should be ${r.expected}, was ${r.actual}`);
}

describe('every preset states checkable claims', () => {
  test.each(PRESETS.map((p) => [p.name, p] as const))('%s has claims', (_name, p) => {
    expect(p.claims, `${p.name} has no claims`).toBeDefined();
    const groups = Object.keys(p.claims?.groups ?? {});
    expect(groups.length, `${p.name} claims nothing about any group`).toBeGreaterThan(0);
    for (const v of p.claims?.variants ?? []) {
      expect(v.title, `${p.name}/${v.name} has no title`).toBeDefined();
      expect(Object.keys(v.claims.groups ?? {}).length).toBeGreaterThan(0);
    }
  });
});

/**
 * Count claims the models do not meet yet, each with the finding that explains it. `test.fails`
 * keeps them visible: when the model is fixed the entry fails and must be removed.
 */
const KNOWN_MODEL_GAPS: Readonly<Record<string, string>> = {};

describe('count claims hold for every preset and variant', () => {
  const ok = CASES.filter((c) => KNOWN_MODEL_GAPS[label(c)] === undefined);
  const gaps = CASES.filter((c) => KNOWN_MODEL_GAPS[label(c)] !== undefined);
  test.each(ok.map((c) => [label(c), c] as const))('%s', (_l, c) => {
    expect(countFailures(c)).toEqual([]);
  });
  test.fails.each(gaps.map((c) => [label(c), KNOWN_MODEL_GAPS[label(c)], c] as const))(
    'known model gap, %s (%s)',
    (_l, _why, c) => {
      expect(countFailures(c)).toEqual([]);
    },
  );
  test('every known gap names a preset or variant that exists', () => {
    const labels = new Set(CASES.map(label));
    expect(Object.keys(KNOWN_MODEL_GAPS).filter((l) => !labels.has(l))).toEqual([]);
  });
});

function countFailures(c: Case): string[] {
  const r = runOf(c);
  const claims = c.scenario.claims;
  if (!claims) throw new Error(`${label(c)} has no claims`);
  return failures(c, checkClaims(claims, r.report, r.record).counts);
}

// Mechanism ids come from the models' journal entries (`mech`) and the chain walker
// (`Anomaly.mechanisms`). Until a model records any, there is nothing to check and this block is
// skipped; from the first recorded id on, every mechanism claim of every preset must hold.
const recordsMechanisms = CASES.some((c) =>
  runOf(c).record.journal.some((e) => e.mech !== undefined),
);

describe.skipIf(!recordsMechanisms)('mechanism claims hold for every preset and variant', () => {
  test.each(CASES.filter((c) => c.scenario.claims?.mechanisms).map((c) => [label(c), c] as const))(
    '%s',
    (_l, c) => {
      const r = runOf(c);
      const claims = c.scenario.claims;
      if (!claims) throw new Error(`${label(c)} has no claims`);
      expect(failures(c, checkClaims(claims, r.report, r.record).mechanisms)).toEqual([]);
    },
  );
});

describe('claims validation', () => {
  const base = PRESET_DOCUMENTS[0] as Record<string, unknown>;
  const issuesOf = (claims: unknown): string[] => {
    const r = parseScenario({ ...base, claims });
    if (r.ok) return [];
    if (r.error.kind !== 'invalid') throw new Error(describeScenarioError(r.error));
    return r.error.issues.map((i) => `${i.path}: ${i.message}`);
  };

  test('an unknown mechanism id fails, naming the field and the id', () => {
    const issues = issuesOf({
      groups: { orders: { lost: 0 } },
      mechanisms: { present: ['amqp.transient-message', 'kafka.acks2-leader-crash'] },
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^claims\.mechanisms\.present\.1: unknown mechanism id/);
    expect(issues[0]).toContain('"kafka.acks2-leader-crash"');
  });

  test('an empty or inverted bound fails', () => {
    expect(issuesOf({ groups: { orders: { lost: {} } } })[0]).toMatch(
      /^claims\.groups\.orders\.lost/,
    );
    expect(issuesOf({ groups: { orders: { lost: { min: 5, max: 1 } } } })[0]).toMatch(
      /min must be <= max/,
    );
    expect(issuesOf({ groups: { orders: { fates: { vanished: 1 } } } })).not.toEqual([]);
  });

  /** Validation issues of a scenario with one variant applying `patch`. */
  const variantIssues = (patch: unknown[]): string[] =>
    issuesOf({
      groups: { orders: { lost: 0 } },
      variants: [
        {
          name: 'v',
          title: { en: 'v', zh: 'v' },
          patch,
          claims: { groups: { orders: { lost: 0 } } },
        },
      ],
    });

  test('a variant whose patch names no field fails at that patch operation', () => {
    expect(variantIssues([{ op: 'replace', path: '/producers/0/confirm', value: false }])).toEqual([
      'claims.variants.0.patch.0.path: no field "confirm" in "/producers/0/confirm"',
    ]);
    expect(variantIssues([{ op: 'remove', path: 'producers' }])[0]).toMatch(/must start with "\/"/);
    expect(variantIssues([{ op: 'add', path: '/faults/7', value: {} }])[0]).toMatch(
      /^claims\.variants\.0\.patch\.0\.path: no element "7"/,
    );
  });

  test('a variant whose patched scenario is invalid fails at the variant', () => {
    const issues = variantIssues([{ op: 'replace', path: '/producers/0/deliveryMode', value: 3 }]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(
      /^claims\.variants\.0\.patch: after the patch: producers\.0\.deliveryMode/,
    );
  });

  test('variant names are unique', () => {
    const v = {
      name: 'same',
      title: { en: 'x', zh: 'x' },
      patch: [{ op: 'replace', path: '/seed', value: 2 }],
      claims: { groups: { orders: { lost: 0 } } },
    };
    expect(issuesOf({ groups: { orders: { lost: 0 } }, variants: [v, v] })).toEqual([
      'claims.variants.1.name: duplicate variant name "same"',
    ]);
  });

  test('a variant runs the patched knobs with its own claims', () => {
    const p = PRESETS.find((x) => (x.claims?.variants?.length ?? 0) > 0);
    const v = p?.claims?.variants?.[0];
    if (!p || !v) throw new Error('no preset with a variant');
    const d = variantDocument(p, v);
    if (!d.ok) throw new Error(d.message);
    const s = load(d.doc);
    expect(s.claims).toEqual(v.claims);
    expect(s).not.toEqual(p);
  });
});

describe('claims summary', () => {
  test('says what is checked, in one line per language', () => {
    const claims = Claims.parse({
      groups: {
        orders: { lost: { min: 1 }, duplicated: 0, producers: { p2: { lost: { max: 3 } } } },
        audit: { fates: { processed: { min: 10, max: 20 } }, consumers: { c1: 5 } },
      },
      mechanisms: { present: ['kafka.acks1-leader-crash'], absent: ['kafka.unclean-election'] },
      variants: [
        {
          name: 'acks-all',
          patch: [{ op: 'replace', path: '/producers/0/acks', value: 'all' }],
          claims: { groups: { orders: { lost: 0 } } },
        },
      ],
    });
    expect(summarizeClaims(claims, 'en')).toBe(
      'Checked: orders lost ≥ 1, duplicated 0, p2: lost ≤ 3; audit c1 processed 5, processed 10–20' +
        ' · explained by kafka.acks1-leader-crash · never kafka.unclean-election · 1 variant: acks-all',
    );
    expect(summarizeClaims(claims, 'zh')).toBe(
      '检验：orders 丢失 ≥ 1，重复 0，p2：丢失 ≤ 3；audit c1 处理 5，已处理 10–20' +
        ' · 机制：kafka.acks1-leader-crash · 不应出现：kafka.unclean-election · 1 个变体：acks-all',
    );
  });

  test('every preset has a one-line summary in each language that names each claimed group', () => {
    for (const p of PRESETS) {
      const claims = Claims.parse(p.claims);
      for (const lang of ['en', 'zh'] as const) {
        const s = summarizeClaims(claims, lang);
        expect(s).not.toContain('\n');
        for (const g of Object.keys(claims.groups ?? {})) expect(s).toContain(g);
      }
    }
  });
});
