/**
 * Property-generated scenario documents fixed by fast-check seed, named for golden tables: the
 * same generators and system settings for every test that pins what a family of random runs does.
 */
import fc from 'fast-check';
import { scenarioArb } from './arbitrary';
import { kafkaScenarioArb } from './kafka-arbitrary';
import { rabbitScenarioArb } from './rabbit-arbitrary';

/** Seeds and counts per family; a name's cases are `name#0`, `name#1`... */
export interface GeneratedPlan {
  singleNodeReliable?: [seed: number, n: number];
  singleNodeAny: [seed: number, n: number];
  kafkaAcks1: [seed: number, n: number];
  kafkaAcksAll: [seed: number, n: number];
  rabbitmq: [seed: number, n: number];
}

/** The documents of `plan`, each named `family#i`. */
export function generatedScenarios(plan: GeneratedPlan): [string, Record<string, unknown>][] {
  const take = (
    name: string,
    arb: fc.Arbitrary<Record<string, unknown>>,
    [seed, n]: [number, number],
  ): [string, Record<string, unknown>][] =>
    fc.sample(arb, { seed, numRuns: n }).map((doc, i) => [`${name}#${i}`, doc]);
  const rabbit = rabbitScenarioArb.map((d) => ({
    version: 1,
    system: 'rabbitmq',
    name: 'g',
    ...d,
  }));
  return [
    ...(plan.singleNodeReliable
      ? take('single-node reliable', scenarioArb(true), plan.singleNodeReliable)
      : []),
    ...take('single-node any', scenarioArb(false), plan.singleNodeAny),
    ...take(
      'kafka acks=1 unclean',
      kafkaScenarioArb(
        { 'min.insync.replicas': 1, 'unclean.leader.election.enable': true },
        { acks: '1', 'enable.idempotence': false },
      ),
      plan.kafkaAcks1,
    ),
    ...take(
      'kafka acks=all idempotent',
      kafkaScenarioArb(
        { 'min.insync.replicas': 2, 'unclean.leader.election.enable': false },
        { acks: 'all', 'enable.idempotence': true, 'max.in.flight.requests.per.connection': 5 },
      ),
      plan.kafkaAcksAll,
    ),
    ...take('rabbitmq', rabbit, plan.rabbitmq),
  ];
}
