/**
 * The Monte Carlo worker's logic, shared by the browser entry (`montecarlo.worker.ts`) and the
 * Node entry (`src/cli/montecarlo-worker.ts`): keep the request's configurations, run each seed
 * it is sent, answer with its result. A seed whose run throws is answered as failed, naming the
 * seed; the worker goes on with the next.
 */
import { tryRunSeed } from '../engine/montecarlo/result';
import type { McRequest, McResponse } from './mc-protocol';

/** Returns the message handler of one worker; `post` sends a response to the pool. */
export function mcHandler(post: (r: McResponse) => void): (req: McRequest) => void {
  let init: Extract<McRequest, { type: 'mc-init' }> | null = null;
  return (req) => {
    switch (req.type) {
      case 'mc-init':
        init = req;
        return;
      case 'mc-seed': {
        const scenario = init?.request === req.request ? init.configs[req.config] : undefined;
        if (!init || !scenario) {
          post({
            type: 'mc-result',
            request: req.request,
            result: {
              ok: false,
              config: req.config,
              seed: req.seed,
              error: `no configuration ${req.config} for request ${req.request}`,
            },
          });
          return;
        }
        post({
          type: 'mc-result',
          request: req.request,
          result: tryRunSeed(scenario, init.model, req.seed, req.config),
        });
        return;
      }
      default: {
        const never: never = req;
        throw new Error(`unknown Monte Carlo request ${JSON.stringify(never)}`);
      }
    }
  };
}
