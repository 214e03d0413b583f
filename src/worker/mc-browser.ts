/** The browser side of the Monte Carlo pool: Web Workers running `montecarlo.worker.ts`. */
import { SeedPool, type PoolWorker } from './mc-pool';
import type { McResponse } from './mc-protocol';

export function spawnWebWorker(): PoolWorker {
  const w = new Worker(new URL('./montecarlo.worker.ts', import.meta.url), {
    type: 'module',
    name: 'brokerlab-montecarlo',
  });
  return {
    post: (req) => w.postMessage(req),
    listen(onMessage, onError) {
      w.onmessage = (ev: MessageEvent<McResponse>) => onMessage(ev.data);
      w.onerror = (ev: ErrorEvent) => {
        ev.preventDefault();
        onError(ev.message || 'worker error');
      };
      w.onmessageerror = () => onError('unreadable message from the worker');
    },
    terminate: () => w.terminate(),
  };
}

/** A pool sized to the machine: one worker per logical core the browser reports (at least 1). */
export function browserPool(): SeedPool {
  const cores =
    typeof navigator !== 'undefined' && navigator.hardwareConcurrency > 0
      ? navigator.hardwareConcurrency
      : 2;
  return new SeedPool(spawnWebWorker, cores);
}
