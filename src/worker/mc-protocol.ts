/**
 * Messages between a Monte Carlo pool and its workers (browser Web Workers or Node worker
 * threads: the same shapes). This is its own small protocol on its own worker entry, so the run
 * worker's protocol (`protocol.ts`) is unchanged.
 *
 * The pool sends `mc-init` once per request (the validated configurations and the fault model),
 * then `mc-seed` jobs; the worker answers each job with one `mc-result`, in job order.
 */
import type { FaultModel } from '../scenario/faultmodel';
import type { Scenario } from '../scenario/schema';
import type { SeedResult } from '../engine/montecarlo/result';

export type McRequest =
  | {
      type: 'mc-init';
      /** Request id: results of an older request are dropped. */
      request: number;
      /** Validated scenarios: [0] the scenario itself, then the configurations compared with it. */
      configs: Scenario[];
      model: FaultModel;
    }
  | { type: 'mc-seed'; request: number; config: number; seed: number };

export type McResponse = { type: 'mc-result'; request: number; result: SeedResult };
