import { describe, expect, it } from 'vitest';
import { FATES } from '../engine/check/checker';
import { FATE_LABELS, fateLabel } from './fates';

describe('fate labels', () => {
  it('every fate the checker exports has a name in both languages', () => {
    for (const f of FATES) {
      const l = FATE_LABELS[f];
      expect(l, f).toBeDefined();
      expect(l?.en.trim(), f).not.toBe('');
      // Chinese names are Chinese apart from real product and knob names.
      expect(l?.zh.replace(/broker|TTL|auto\.offset\.reset/g, ''), f).not.toMatch(/[A-Za-z]/);
    }
  });

  it('no two fates share a name', () => {
    for (const lang of ['zh', 'en'] as const) {
      const names = Object.values(FATE_LABELS).map((l) => l[lang]);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('a fate it does not know yet is shown as it is, not dropped', () => {
    expect(fateLabel('parked-forever', 'zh')).toBe('parked-forever');
    expect(fateLabel('expired', 'zh')).toBe('已过期（TTL 或保留期）');
  });
});
