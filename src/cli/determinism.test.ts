/**
 * Every system, random scenarios and fault schedules (the models' own arbitraries): no message
 * is unaccounted for, and a run's trace hash is the same with recording off (`record: false`,
 * the benchmarks' mode) and in a fresh process (issue 10, item 4).
 */
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../engine/run';
import { scenarioArb } from '../engine/testing/arbitrary';
import { kafkaScenarioArb } from '../engine/testing/kafka-arbitrary';
import { rabbitScenarioArb } from '../engine/testing/rabbit-arbitrary';
import { arbDoc as rocketScenarioArb } from '../engine/brokers/rocketmq/arbitrary';
import { describeScenarioError, parseScenario } from '../scenario/load';
import type { Scenario } from '../scenario/schema';

type System = 'single-node' | 'kafka' | 'rabbitmq' | 'rocketmq';

/** A random document of one of the four systems, with the system named. */
const anySystem: fc.Arbitrary<{ system: System; doc: Record<string, unknown> }> = fc.oneof(
  fc
    .boolean()
    .chain((reliable) => scenarioArb(reliable))
    .map((doc) => ({ system: 'single-node' as const, doc })),
  fc
    .constantFrom('0', '1', 'all')
    .chain((acks) => kafkaScenarioArb({ 'min.insync.replicas': acks === 'all' ? 2 : 1 }, { acks }))
    .map((doc) => ({ system: 'kafka' as const, doc })),
  rabbitScenarioArb.map((doc) => ({ system: 'rabbitmq' as const, doc })),
  rocketScenarioArb.map((doc) => ({ system: 'rocketmq' as const, doc })),
);

function load(system: System, doc: Record<string, unknown>): Scenario {
  const r = parseScenario({ version: 1, name: 'random', ...doc, system });
  if (!r.ok) throw new Error(describeScenarioError(r.error));
  return r.value;
}

describe('all systems: every message has a fate and a seed gives one trace', () => {
  it('random scenarios of every system: nothing unaccounted, the same hash with recording off and in a fresh process', () => {
    /** Scenarios to replay in a fresh process (a few per system), with the hash seen here. */
    const replay: { doc: Scenario; hash: string }[] = [];
    const perSystem = new Map<System, number>();
    fc.assert(
      fc.property(anySystem, ({ system, doc }) => {
        const s = load(system, doc);
        const r = runScenario(s);
        if (r.report.unaccounted !== 0) {
          const bad = r.report.anomalies.find((a) => a.details.fate === 'unaccounted');
          throw new Error(
            `${system}: unaccounted ${r.report.unaccounted}: ${bad?.reason.en ?? ''}`,
          );
        }
        expect(runScenario(s, { record: false }).traceHash, `${system} record off`).toBe(
          r.traceHash,
        );
        const n = perSystem.get(system) ?? 0;
        perSystem.set(system, n + 1);
        if (n < 2) replay.push({ doc: s, hash: r.traceHash });
      }),
      { numRuns: 24, seed: 20261207 },
    );
    expect([...perSystem.keys()].sort()).toEqual(['kafka', 'rabbitmq', 'rocketmq', 'single-node']);
    const child = spawnSync('node_modules/.bin/tsx', ['src/cli/trace-hashes.ts'], {
      input: JSON.stringify(replay.map((x) => x.doc)),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual(replay.map((x) => x.hash));
  }, 60_000);
});
