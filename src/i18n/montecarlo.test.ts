import { describe, expect, it } from 'vitest';
import { MC_STRINGS } from './montecarlo';
import { allowlist, untranslated } from './untranslated';

/** Every text of a table, functions called with 7 (or "x" for text arguments). */
function texts(table: object): [string, string][] {
  return Object.entries(table).map(([k, v]): [string, string] => {
    if (typeof v === 'string') return [k, v];
    const f = v as (...a: unknown[]) => string;
    return [k, f(...Array.from({ length: f.length }, (_, i) => (i === 0 ? 7 : 'x')))];
  });
}

describe('Monte Carlo panel texts', () => {
  it('have the same keys in both languages', () => {
    expect(Object.keys(MC_STRINGS.zh).sort()).toEqual(Object.keys(MC_STRINGS.en).sort());
  });

  it('zh uses Chinese words except names (Wilson, JSON, N)', () => {
    const allow = allowlist([], ['Wilson', 'JSON', 'N', 'x']);
    const found = texts(MC_STRINGS.zh).flatMap(([k, t]) =>
      untranslated(t, allow).map((w) => `${k}: ${w}`),
    );
    expect(found).toEqual([]);
  });
});
