/** Test helpers for the RabbitMQ model: build a validated scenario from a short document. */
import { describeScenarioError, parseScenario } from '../../../scenario/load';
import type { Scenario } from '../../../scenario/schema';
import { runScenario, type RunResult } from '../../run';

/** A RabbitMQ scenario with defaults filled; throws on an invalid document. */
export function rabbitScenario(doc: Record<string, unknown>): Scenario {
  const r = parseScenario({ version: 1, system: 'rabbitmq', name: 'test', ...doc });
  if (!r.ok) throw new Error(describeScenarioError(r.error));
  return r.value;
}

/** Runs a RabbitMQ scenario document. */
export function runRabbit(doc: Record<string, unknown>, seed?: number): RunResult {
  return runScenario(rabbitScenario(doc), seed === undefined ? {} : { seed });
}
