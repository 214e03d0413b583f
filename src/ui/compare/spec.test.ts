import { describe, expect, it } from 'vitest';
import { presetByName } from '../../scenario/presets';
import {
  describePatch,
  differences,
  knobLabel,
  knobsOf,
  parseKnobValue,
  valueAt,
  versus,
} from './spec';

const base = presetByName('kafka-acks-all-leader-crash');
if (base?.system !== 'kafka') throw new Error('preset missing');

describe('compare spec helpers', () => {
  it('lists configuration knobs with their values, not names or texts', () => {
    const knobs = knobsOf(base);
    const acks = knobs.find((k) => k.path === '/producers/0/acks');
    expect(acks?.value).toBe(base.producers[0]?.acks);
    expect(knobs.some((k) => k.path.startsWith('/title') || k.path === '/name')).toBe(false);
    for (const k of knobs) expect(valueAt(base, k.path)).toBe(k.value);
  });

  it('says what a patch changes, from the base value to the new one', () => {
    // A long object or list (a vary step that switches system removes the old one whole) is
    // summarised by its shape, never printed in full into the column header.
    const big = { vhosts: [{ queues: Array.from({ length: 9 }, (_x, i) => ({ name: `q${i}` })) }] };
    expect(describePatch(big, [{ op: 'remove', path: '/vhosts' }])).toEqual(['vhosts: [… 1] → ∅']);
    const cfg = {
      exchanges: [
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
      ],
      a: 1,
      b: 2,
      c: 3,
    };
    expect(describePatch({ x: cfg }, [{ op: 'remove', path: '/x' }])).toEqual([
      'x: {exchanges, a, b, … 1} → ∅',
    ]);
    expect(describePatch(base, [{ op: 'replace', path: '/producers/0/acks', value: '1' }])).toEqual(
      [`producers[0].acks: ${String(base.producers[0]?.acks)} → 1`],
    );
    expect(knobLabel('/topic/replication.factor')).toBe('topic.replication.factor');
  });

  it('reads a typed value as the knob type', () => {
    expect(parseKnobValue('1', 'all')).toBe('1');
    expect(parseKnobValue('3', 2)).toBe(3);
    expect(parseKnobValue('x', 2)).toBeNull();
    expect(parseKnobValue('false', true)).toBe(false);
    expect(parseKnobValue('yes', true)).toBeNull();
  });

  it('marks only figures that differ, and not while a column is unknown', () => {
    const d = differences([
      { key: 'final.lost', values: [0, 3] },
      { key: 'final.duplicated', values: [0, 0] },
      { key: 't.sent', values: [10, null] },
    ]);
    expect(d.map((x) => x.key)).toEqual(['final.lost']);
    expect(d[0]?.differs).toEqual([false, true]);
    expect(versus([3, 0])).toBe('3 vs 0');
  });
});
