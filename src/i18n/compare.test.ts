import { describe, expect, it } from 'vitest';
import { COMPARE_STRINGS } from './compare';
import { allowlist, untranslated } from './untranslated';

/** Every text of a strings table (functions called with 2). */
function texts(node: unknown, path = ''): [string, string][] {
  if (typeof node === 'string') return [[path, node]];
  if (typeof node === 'function') return texts((node as (n: number) => unknown)(2), `${path}()`);
  if (node && typeof node === 'object')
    return Object.entries(node).flatMap(([k, v]) => texts(v, `${path}.${k}`));
  return [];
}

describe('compare mode strings', () => {
  it('zh and en have the same keys, and zh is written in Chinese', () => {
    const zh = texts(COMPARE_STRINGS.zh);
    expect(zh.map(([p]) => p)).toEqual(texts(COMPARE_STRINGS.en).map(([p]) => p));
    const allow = allowlist();
    // Columns are lettered A-D in both languages (配置 A), as engineers label options.
    const found = zh.flatMap(([p, t]) =>
      untranslated(t, allow)
        .filter((w) => !/^[A-D]$/.test(w))
        .map((w) => `${p}: ${w}`),
    );
    expect(found).toEqual([]);
  });
});
