import { describe, expect, it } from 'vitest';
import type { SeedResult } from '../engine/montecarlo/result';
import type { FaultModel } from '../scenario/faultmodel';
import type { Scenario } from '../scenario/schema';
import type { McRequest, McResponse } from './mc-protocol';
import { SeedPool, type PoolWorker } from './mc-pool';

/**
 * An in-process worker: answers each seed on a later microtask with a synthetic result, and
 * dies (as an uncaught exception would make a real one) when it is sent `dieOn`.
 */
function fakeSpawner(dieOn: number | null, log: string[]) {
  let made = 0;
  return () => {
    const name = `w${made++}`;
    let onMessage: (r: McResponse) => void = () => undefined;
    let onError: (m: string) => void = () => undefined;
    let dead = false;
    const w: PoolWorker = {
      post(req: McRequest) {
        if (req.type !== 'mc-seed') return;
        log.push(`${name}:${req.seed}`);
        queueMicrotask(() => {
          if (dead) return;
          if (req.seed === dieOn) {
            dead = true;
            onError(`crashed on ${req.seed}`);
            return;
          }
          onMessage({
            type: 'mc-result',
            request: req.request,
            result: { ok: false, config: req.config, seed: req.seed, error: 'synthetic' },
          });
        });
      },
      listen(m, e) {
        onMessage = m;
        onError = e;
      },
      terminate() {
        dead = true;
      },
    };
    return w;
  };
}

const job = (seeds: number[], configs = 1) => ({
  configs: Array.from({ length: configs }, () => ({}) as Scenario),
  model: { rules: [], fixed: [] } as FaultModel,
  seeds,
});

describe('Monte Carlo worker pool', () => {
  it('runs every seed of every configuration once, across the workers', async () => {
    const log: string[] = [];
    const pool = new SeedPool(fakeSpawner(null, log), 3);
    const got: SeedResult[] = [];
    await pool.run(job([1, 2, 3, 4, 5, 6, 7], 2), (r) => got.push(r));
    expect(got.map((r) => `${r.config}:${r.seed}`).sort()).toEqual(
      [1, 2, 3, 4, 5, 6, 7].flatMap((s) => [`0:${s}`, `1:${s}`]).sort(),
    );
    expect(new Set(log.map((l) => l.split(':')[0])).size).toBe(3);
    pool.close();
  });

  it('a worker that dies reports the seeds it held as failed, is replaced, and the rest run', async () => {
    const log: string[] = [];
    const pool = new SeedPool(fakeSpawner(4, log), 2);
    const got: SeedResult[] = [];
    await pool.run(job([1, 2, 3, 4, 5, 6, 7, 8]), (r) => got.push(r));
    expect(got.map((r) => r.seed).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const four = got.find((r) => r.seed === 4);
    expect(four).toMatchObject({ ok: false, error: 'worker failed: crashed on 4' });
    // The replacement worker took seeds after the crash.
    expect(log.some((l) => l.startsWith('w2:'))).toBe(true);
    pool.close();
  });

  it('cancel resolves at once and reports nothing more; the pool runs a new request after', async () => {
    const pool = new SeedPool(fakeSpawner(null, []), 2);
    const got: SeedResult[] = [];
    const p = pool.run(job(Array.from({ length: 50 }, (_, i) => i)), (r) => got.push(r));
    pool.cancel();
    await p;
    const n = got.length;
    await new Promise((r) => setTimeout(r, 0));
    expect(got.length).toBe(n);
    expect(n).toBeLessThan(50);
    const again: SeedResult[] = [];
    await pool.run(job([1, 2]), (r) => again.push(r));
    expect(again).toHaveLength(2);
    pool.close();
  });
});
