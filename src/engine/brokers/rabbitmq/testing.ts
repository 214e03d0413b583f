/** Test helpers for the RabbitMQ model: build a validated scenario from a short scenario document (JSON-like object). */
import { describeScenarioError, parseScenario } from '../../../scenario/load';
import type { Scenario } from '../../../scenario/schema';
import { runScenario, type RunResult } from '../../run';

/** A RabbitMQ scenario with defaults filled; throws on invalid input. */
export function rabbitScenario(doc: Record<string, unknown>): Scenario {
  const r = parseScenario({ version: 1, system: 'rabbitmq', name: 'test', ...doc });
  if (!r.ok) throw new Error(describeScenarioError(r.error));
  return r.value;
}

/** Runs a RabbitMQ scenario description. */
export function runRabbit(doc: Record<string, unknown>, seed?: number): RunResult {
  return runScenario(rabbitScenario(doc), seed === undefined ? {} : { seed });
}
