/// <reference lib="webworker" />
/**
 * The simulation worker's entry: wires `simHandler` (sim-handler.ts) to the worker's globals.
 */
import type { WorkerRequest } from './protocol';
import { simHandler } from './sim-handler';

declare const self: DedicatedWorkerGlobalScope;

const handle = simHandler({
  post: (r) => self.postMessage(r),
  clock: () => performance.now(),
  later: (f) => setTimeout(f, 0),
});
self.onmessage = (ev: MessageEvent<WorkerRequest>) => handle(ev.data);
