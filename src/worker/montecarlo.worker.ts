/// <reference lib="webworker" />
/**
 * The browser's Monte Carlo worker: a separate entry with its own small protocol
 * (`mc-protocol.ts`), so the run worker and its protocol version are untouched. Each instance
 * runs the seeds a `SeedPool` sends it (see `mc-handler.ts`).
 */
import { mcHandler } from './mc-handler';
import type { McRequest } from './mc-protocol';

declare const self: DedicatedWorkerGlobalScope;

const handle = mcHandler((r) => self.postMessage(r));
self.onmessage = (ev: MessageEvent<McRequest>) => handle(ev.data);
