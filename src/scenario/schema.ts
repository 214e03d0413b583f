/**
 * Scenario format v1: what Brokerlab runs. One document holds the topology, the configuration
 * (with the real brokers' knob names), the workload, the fault schedule and the seed, so the app,
 * the CLI, the tests and share links all load exactly the same thing.
 *
 * Each broker system (`system`) has its own object schema in `systems/`; the shared parts (ids,
 * durations, network, faults, header) are in `common.ts`. The schema fills a default for every
 * missing field; defaults are the real systems' where a real knob exists, and say so where they
 * are the model's own.
 */
import { z } from 'zod';
import type { Variant } from './claims';
import { applyPatch } from './patch';
import { budgetIssues } from './budget';
import { singleNodeIds, singleNodeIssues, SingleNodeScenario } from './systems/single-node';
export { KafkaScenario, KafkaProducer, KafkaConsumer } from './systems/kafka';
import { kafkaNodeIds, KafkaScenario } from './systems/kafka';
export { RabbitMqScenario } from './systems/rabbitmq';
import { rabbitMqNodeIds, RabbitMqScenario } from './systems/rabbitmq';
export { RocketMqScenario } from './systems/rocketmq';
import { rocketMqNodeIds, RocketMqScenario } from './systems/rocketmq';

export { SCENARIO_VERSION, DistMs, Fault, Id, Link, Network, Text } from './common';
export type { FaultType } from './common';
export {
  SingleNodeScenario,
  SingleNodeProducer,
  SingleNodeConsumer,
  Sink,
} from './systems/single-node';

/** The object schema of every system, for the discriminated union and the JSON Schema. */
export const SYSTEM_SCHEMAS = [
  SingleNodeScenario,
  KafkaScenario,
  RabbitMqScenario,
  RocketMqScenario,
] as const;

type AnySystem = z.infer<(typeof SYSTEM_SCHEMAS)[number]>;

/** Node ids a scenario declares, and which of them are consumers. */
export function nodesOf(s: AnySystem): { all: string[]; consumers: string[] } {
  switch (s.system) {
    case 'single-node':
      return singleNodeIds(s);
    case 'kafka':
      return kafkaNodeIds(s);
    case 'rabbitmq':
      return rabbitMqNodeIds(s);
    case 'rocketmq':
      return rocketMqNodeIds(s);
    default: {
      const never: never = s;
      throw new Error(`unknown system ${JSON.stringify(never)}`);
    }
  }
}

/**
 * The document a variant runs: the scenario with the variant's patch applied and the variant's
 * claims in place of the scenario's own (a variant has no variants). Not validated here.
 */
export function variantDocument(
  s: AnySystem,
  v: Variant,
): { ok: true; doc: unknown } | { ok: false; op: number; message: string } {
  const { claims: _claims, ...base } = s;
  const r = applyPatch({ ...base, claims: v.claims }, v.patch);
  return r.ok ? { ok: true, doc: r.value } : { ok: false, ...r.error };
}

const ScenarioBody = z.discriminatedUnion('system', SYSTEM_SCHEMAS);

export const Scenario = ScenarioBody.superRefine((s, ctx) => {
  const declared = nodesOf(s);
  const ids = new Set<string>();
  for (const id of declared.all) {
    if (ids.has(id))
      ctx.addIssue({ code: 'custom', message: `duplicate node id "${id}"`, path: [] });
    ids.add(id);
  }
  const consumers = new Set(declared.consumers);
  const checkNode = (id: string | undefined, path: (string | number)[]): void => {
    if (id !== undefined && !ids.has(id))
      ctx.addIssue({ code: 'custom', message: `no node named "${id}"`, path });
  };
  s.network.links.forEach((l, i) => {
    checkNode(l.from, ['network', 'links', i, 'from']);
    checkNode(l.to, ['network', 'links', i, 'to']);
  });
  s.faults.forEach((f, i) => {
    const p = (k: string): (string | number)[] => ['faults', i, k];
    switch (f.type) {
      case 'crash':
      case 'restart':
      case 'power-loss':
      case 'pause':
      case 'slow-consumer':
        checkNode(f.node, p('node'));
        if (f.type === 'slow-consumer' && !consumers.has(f.node)) {
          ctx.addIssue({
            code: 'custom',
            message: `"${f.node}" is not a consumer`,
            path: p('node'),
          });
        }
        if (f.type === 'crash' && f.when !== 'now' && !consumers.has(f.node)) {
          ctx.addIssue({
            code: 'custom',
            message: `"when: ${f.when}" applies only to consumers`,
            path: p('when'),
          });
        }
        break;
      case 'partition':
        checkNode(f.a, p('a'));
        checkNode(f.b, p('b'));
        break;
      case 'split':
        f.sides.forEach((side, j) =>
          side.forEach((id, k) => checkNode(id, ['faults', i, 'sides', j, k])),
        );
        break;
      case 'heal':
        checkNode(f.a, p('a'));
        checkNode(f.b, p('b'));
        if ((f.a === undefined) !== (f.b === undefined)) {
          ctx.addIssue({
            code: 'custom',
            message: 'give both a and b, or neither to heal everything',
            path: p('b'),
          });
        }
        break;
      case 'drop-next':
      case 'duplicate-next':
      case 'delay-next':
        checkNode(f.from, p('from'));
        checkNode(f.to, p('to'));
        break;
      default: {
        const never: never = f;
        throw new Error(`unknown fault ${JSON.stringify(never)}`);
      }
    }
    if (f.atMs > s.durationMs)
      ctx.addIssue({
        code: 'custom',
        message: `at ${f.atMs} ms is after the end of the run (${s.durationMs} ms)`,
        path: p('atMs'),
      });
  });
  if (s.system === 'single-node')
    for (const issue of singleNodeIssues(s)) ctx.addIssue({ code: 'custom', ...issue });
  checkVariants(s, ctx);
  // The resource budget: refused before any run starts, naming the field that costs the most.
  for (const issue of budgetIssues(s)) ctx.addIssue({ code: 'custom', ...issue });
});

/**
 * Each variant's patch must apply, and the patched scenario must be valid: a typo in a knob's
 * path or a value out of range is reported at the variant, not when the claims test runs it.
 */
function checkVariants(s: AnySystem, ctx: z.core.$RefinementCtx): void {
  s.claims?.variants?.forEach((v, i) => {
    const at: (string | number)[] = ['claims', 'variants', i];
    const d = variantDocument(s, v);
    if (!d.ok) {
      ctx.addIssue({ code: 'custom', message: d.message, path: [...at, 'patch', d.op, 'path'] });
      return;
    }
    const r = Scenario.safeParse(d.doc);
    if (!r.success)
      for (const issue of r.error.issues)
        ctx.addIssue({
          code: 'custom',
          message: `after the patch: ${issue.path.map(String).join('.')}: ${issue.message}`,
          path: [...at, 'patch'],
        });
  });
}

/** A validated scenario with every default filled in. */
export type Scenario = z.infer<typeof Scenario>;
/** What a person may write: defaults optional. */
export type ScenarioInput = z.input<typeof Scenario>;
export type System = Scenario['system'];
