import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue } from './queue';

interface E {
  at: number;
  seq: number;
  hi: number;
}

describe('EventQueue', () => {
  it('pops by time, then by scheduling order for ties', () => {
    const q = new EventQueue<E>();
    q.push({ at: 5, seq: 0, hi: -1 });
    q.push({ at: 1, seq: 1, hi: -1 });
    q.push({ at: 5, seq: 2, hi: -1 });
    q.push({ at: 1, seq: 3, hi: -1 });
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
              const e = { at: op, seq: seq++, hi: -1 };
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

describe('EventQueue.remove', () => {
  it('matches a sorted oracle for any interleaving of push, pop and remove', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ push: fc.integer({ min: 0, max: 20 }) }),
            fc.constant({ pop: true }),
            fc.record({ remove: fc.nat() }),
          ),
          { maxLength: 400 },
        ),
        (ops) => {
          const q = new EventQueue<E>();
          let oracle: E[] = [];
          const made: E[] = [];
          let seq = 0;
          const popOracle = (): E | undefined => {
            const e = oracle[0];
            oracle = oracle.slice(1);
            return e;
          };
          for (const op of ops) {
            if ('push' in op) {
              const e = { at: op.push, seq: seq++, hi: -1 };
              made.push(e);
              q.push(e);
              oracle.push(e);
              oracle.sort((a, b) => a.at - b.at || a.seq - b.seq);
            } else if ('pop' in op) {
              const want = popOracle();
              const got = q.pop();
              expect(got).toBe(want);
              if (got) expect(got.hi).toBe(-1);
            } else if (made.length > 0) {
              const e = made[op.remove % made.length] as E;
              const queued = e.hi >= 0;
              expect(q.remove(e)).toBe(queued);
              if (queued) oracle = oracle.filter((o) => o !== e);
              expect(e.hi).toBe(-1);
            }
          }
          expect(q.size).toBe(oracle.length);
          const rest: E[] = [];
          for (let e = q.pop(); e; e = q.pop()) rest.push(e);
          expect(rest).toEqual(oracle);
        },
      ),
    );
  });

  it('removes in place: the queue shrinks at once', () => {
    const q = new EventQueue<E>();
    const evs = Array.from({ length: 100 }, (_, i) => ({ at: (i * 37) % 11, seq: i, hi: -1 }));
    for (const e of evs) q.push(e);
    for (const e of evs.filter((_, i) => i % 3 !== 0)) q.remove(e);
    expect(q.size).toBe(34);
    const out: number[] = [];
    for (let e = q.pop(); e; e = q.pop()) out.push(e.seq);
    const want = evs
      .filter((_, i) => i % 3 === 0)
      .sort((a, b) => a.at - b.at || a.seq - b.seq)
      .map((e) => e.seq);
    expect(out).toEqual(want);
  });
});
