/** A Monte Carlo worker thread for `npm run sim -- <scenario> --seeds N` (see mc-handler.ts). */
import { parentPort } from 'node:worker_threads';
import { mcHandler } from '../worker/mc-handler';
import type { McRequest } from '../worker/mc-protocol';

const port = parentPort;
if (!port) throw new Error('montecarlo-worker.ts runs as a worker thread');
const handle = mcHandler((r) => port.postMessage(r));
port.on('message', (req: McRequest) => handle(req));
