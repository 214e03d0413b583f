import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue } from './queue';

interface E {
  at: number;
  seq: number;
}

describe('EventQueue', () => {
  it('pops by time, then by scheduling order for ties', () => {
    const q = new EventQueue<E>();
    q.push({ at: 5, seq: 0 });
    q.push({ at: 1, seq: 1 });
    q.push({ at: 5, seq: 2 });
    q.push({ at: 1, seq: 3 });
    const out: string[] = [];
    for (let e = q.pop(); e; e = q.pop()) out.push(`${e.at}/${e.seq}`);
    expect(out).toEqual(['1/1', '1/3', '5/0', '5/2']);
  });

  it('matches a sorted oracle for any interleaving of pushes and pops', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constant(-1)), { maxLength: 300 }),
        (ops) => {
          const q = new EventQueue<E>();
          let oracle: E[] = [];
          let seq = 0;
          for (const op of ops) {
            if (op >= 0) {
              const e = { at: op, seq: seq++ };
              q.push(e);
              oracle.push(e);
              oracle.sort((a, b) => a.at - b.at || a.seq - b.seq);
            } else {
              const want = oracle[0];
              oracle = oracle.slice(1);
              expect(q.pop()).toBe(want);
            }
          }
          expect(q.size).toBe(oracle.length);
        },
      ),
    );
  });
});
