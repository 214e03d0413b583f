import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../scenario/json-schema';
import { KNOB_DOCS } from './knobs';

/** Every property name anywhere in the scenario format's JSON Schema. */
function fieldNames(): Set<string> {
  const names = new Set<string>();
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) {
      n.forEach(walk);
      return;
    }
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o['properties'] && typeof o['properties'] === 'object') {
      for (const [k, v] of Object.entries(o['properties'] as Record<string, unknown>)) {
        names.add(k);
        walk(v);
      }
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'properties') walk(v);
  };
  walk(scenarioJsonSchema());
  names.delete('$schema');
  return names;
}

describe('the editor’s one-line explanations', () => {
  const names = fieldNames();

  it('cover every field of every system, in Chinese and English', () => {
    expect(names.size).toBeGreaterThan(100);
    const missing = [...names].filter((n) => !KNOB_DOCS[n]?.en || !KNOB_DOCS[n]?.zh);
    expect(missing).toEqual([]);
    for (const n of names) {
      const d = KNOB_DOCS[n];
      expect(d?.zh, n).toMatch(/[\u4e00-\u9fff]/);
      expect(d?.en.length, n).toBeLessThanOrEqual(160);
    }
  });

  it('explain only fields that exist', () => {
    expect(Object.keys(KNOB_DOCS).filter((k) => !names.has(k))).toEqual([]);
  });
});
