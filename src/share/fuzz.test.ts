import { describe, expect, it } from 'vitest';
import { PRESET_DOCUMENTS } from '../scenario/presets';
import { encodeShareFragment } from './codec';
import { fuzzInputs, fuzzOne } from './fuzz';

/** A decode slower than this counts as a hang (the slowest seen is a few tens of ms). */
const HANG_MS = 1000;
const COUNT = 2500;

describe('seeded fuzz of the share decoder and the validator', () => {
  it(`${COUNT} hostile links and files: no throw, no hang, nothing over the budget, no pollution`, async () => {
    const links = await Promise.all(
      PRESET_DOCUMENTS.slice(0, 6).map((d) => encodeShareFragment(d)),
    );
    const inputs = fuzzInputs(20261207, COUNT, PRESET_DOCUMENTS, links);
    expect(inputs).toHaveLength(COUNT);
    const kinds = new Map<string, number>();
    let accepted = 0;
    let slowest = 0;
    for (const input of inputs) {
      const o = fuzzOne(input, () => performance.now());
      expect(o.threw, input.note).toBeNull();
      expect(o.polluted, input.note).toBe(false);
      expect(o.overBudget, input.note).toBe(false);
      slowest = Math.max(slowest, o.ms);
      expect(o.ms, `${input.kind} ${input.note}`).toBeLessThan(HANG_MS);
      if (o.result?.ok) accepted++;
      else if (o.result) {
        const k =
          o.result.error.kind === 'invalid-scenario'
            ? `invalid-scenario/${o.result.error.error.kind}`
            : o.result.error.kind;
        kinds.set(k, (kinds.get(k) ?? 0) + 1);
      }
    }
    // The inputs reach every layer: some are accepted, and each kind of refusal is exercised.
    expect(accepted).toBeGreaterThan(COUNT / 20);
    for (const k of [
      'too-large',
      'trailing-bytes',
      'too-deep',
      'forbidden-key',
      'bad-compression',
      'bad-json',
      'bad-pattern',
      'invalid-scenario/invalid',
    ])
      expect(kinds.get(k) ?? 0, k).toBeGreaterThan(0);
  });

  it('is deterministic for a seed', () => {
    const a = fuzzInputs(5, 50, PRESET_DOCUMENTS);
    const b = fuzzInputs(5, 50, PRESET_DOCUMENTS);
    expect(a).toEqual(b);
    expect(fuzzInputs(6, 50, PRESET_DOCUMENTS)).not.toEqual(a);
  });
});
