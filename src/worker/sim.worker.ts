/// <reference lib="webworker" />
/**
 * The simulation worker: validates the scenario, runs the engine, answers with a summary.
 * Every request gets exactly one response; an engine exception becomes an `engine` error
 * response rather than an unhandled error, so the page can say what happened.
 */
import { Run } from '../engine/run';
import { describeScenarioError, parseScenario } from '../scenario/load';
import { PROTOCOL_VERSION, type WorkerRequest, type WorkerResponse } from './protocol';
import { summarize } from './summary';

declare const self: DedicatedWorkerGlobalScope;

function reply(r: WorkerResponse): void {
  self.postMessage(r);
}

function fail(id: number, kind: 'invalid-scenario' | 'engine' | 'protocol', message: string): void {
  reply({ v: PROTOCOL_VERSION, id, ok: false, error: { kind, message } });
}

self.onmessage = (ev: MessageEvent<WorkerRequest>) => {
  const req = ev.data;
  const id = typeof req?.id === 'number' ? req.id : -1;
  if (req?.v !== PROTOCOL_VERSION) {
    fail(
      id,
      'protocol',
      `protocol version ${String(req?.v)} does not match the worker's ${PROTOCOL_VERSION}`,
    );
    return;
  }
  try {
    switch (req.type) {
      case 'simulate': {
        const parsed = parseScenario(req.scenario);
        if (!parsed.ok) {
          fail(id, 'invalid-scenario', describeScenarioError(parsed.error));
          return;
        }
        const t0 = performance.now();
        const result = new Run(
          parsed.value,
          req.seed === undefined ? {} : { seed: req.seed },
        ).finish();
        reply({
          v: PROTOCOL_VERSION,
          id,
          ok: true,
          type: 'simulated',
          summary: summarize(result, performance.now() - t0),
        });
        return;
      }
      case 'crash-engine':
        throw new Error('engine failure requested for testing (crash-engine)');
      default: {
        const never: never = req;
        fail(id, 'protocol', `unknown request ${JSON.stringify(never)}`);
      }
    }
  } catch (e) {
    fail(id, 'engine', e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  }
};
