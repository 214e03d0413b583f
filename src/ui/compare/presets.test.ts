import { describe, expect, it } from 'vitest';
import { runScenario } from '../../engine/run';
import { validateCompare } from '../../share/compare-codec';
import { COMPARE_PRESETS, comparePresetBase } from './presets';

/** Runs every column of a compare preset; returns each column's anomaly counts. */
function outcomes(id: string) {
  const p = COMPARE_PRESETS.find((x) => x.id === id);
  if (!p) throw new Error(`no compare preset ${id}`);
  const r = validateCompare({ base: comparePresetBase(p), columns: p.columns });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.columns.map((c) => {
    const report = runScenario(c.scenario).report;
    // A duplicate delivery whose second write the sink absorbed is not a duplicate effect.
    const twice = report.anomalies.filter(
      (a) => a.kind === 'duplicated' && (a.details.effectsApplied ?? 0) > 1,
    ).length;
    return { ...report.counts, twice };
  });
}

describe('compare presets', () => {
  it('every one validates, with 2-4 columns on the same seed and faults', () => {
    for (const p of COMPARE_PRESETS) {
      const base = comparePresetBase(p);
      const r = validateCompare({ base, columns: p.columns });
      expect(r.ok, p.id).toBe(true);
      if (r.ok)
        for (const c of r.value.columns) {
          expect(c.scenario.seed).toBe(base?.seed);
        }
    }
  });

  it('B1: the same consumer crash loses under at-most-once, duplicates under at-least-once, no duplicate effect with dedup', () => {
    const [atMost, atLeast, once] = outcomes('b1-delivery-semantics');
    expect(atMost?.lost).toBeGreaterThan(0);
    expect(atLeast?.lost).toBe(0);
    expect(atLeast?.twice).toBeGreaterThan(0);
    expect(once?.lost).toBe(0);
    // Delivered twice, written once: the dedup table absorbed every repeat.
    expect(once?.duplicated).toBeGreaterThan(0);
    expect(once?.twice).toBe(0);
  });

  it(
    'B5: the recipe loses nothing; acks=1 and commit-before-processing each lose',
    { timeout: 60_000 },
    () => {
      const [recipe, acks1, , commitFirst] = outcomes('b5-no-loss-recipe');
      expect(recipe?.lost).toBe(0);
      expect(acks1?.lost).toBeGreaterThan(0);
      expect(commitFirst?.lost).toBeGreaterThan(0);
    },
  );

  it('A3: through the queue nothing is lost; without a buffer the database refuses part of the burst', () => {
    const [queue, direct] = outcomes('a3-peak-shaving');
    expect(queue?.lost).toBe(0);
    expect(direct?.lost).toBeGreaterThan(0);
  });
});
