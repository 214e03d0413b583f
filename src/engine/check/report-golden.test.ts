/**
 * Golden check reports: the whole `CheckReport` (fates maps in their order, anomalies with chains,
 * acts and both languages' text, set-aside messages, protections) of every preset and of a fixed
 * set of property-generated scenarios, hashed and pinned as constants recorded on the checker
 * before it read typed arrays and ran in bounded steps (commit a8db821). A checker change that
 * must not change a report keeps every constant; `REPORT_PRINT=1 npx vitest run
 * src/engine/check/report-golden.test.ts` prints the current table.
 *
 * It also drives the stepped checker (`checkSteps`) with a small step budget and asserts its
 * report is the synchronous `check`'s, byte for byte.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../scenario/presets';
import { parseScenario, describeScenarioError } from '../../scenario/load';
import { Run } from '../run';
import { scenarioArb } from '../testing/arbitrary';
import { kafkaScenarioArb } from '../testing/kafka-arbitrary';
import { rabbitScenarioArb } from '../testing/rabbit-arbitrary';
import { arbDoc as rocketScenarioArb } from '../brokers/rocketmq/arbitrary';
import { TraceHash } from '../kernel/hash';
import { check, checkSteps, type CheckReport } from './checker';
import type { RunRecord } from './history';
import { FateMap } from './dense';

/**
 * The report as text: maps (a `Map`, or the checker's typed-array `FateMap`) and sets as entry
 * lists in their iteration order.
 */
function reportText(r: CheckReport): string {
  return JSON.stringify(r, (_k, v: unknown) =>
    v instanceof Map || v instanceof FateMap
      ? { map: [...v.entries()] }
      : v instanceof Set
        ? { set: [...v] }
        : v,
  );
}

function hashText(s: string): string {
  const h = new TraceHash();
  for (let i = 0; i < s.length; i += 32) h.mixStr(s.slice(i, i + 32));
  h.mixInt(s.length);
  return h.hex();
}

function recordOf(doc: unknown): RunRecord {
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(describeScenarioError(r.error));
  const run = new Run(r.value);
  run.advanceTo(run.endUs);
  return run.record();
}

function generated(): [string, unknown][] {
  const take = (
    name: string,
    arb: fc.Arbitrary<Record<string, unknown>>,
    seed: number,
    n: number,
  ): [string, unknown][] =>
    fc.sample(arb, { seed, numRuns: n }).map((doc, i) => [`${name}#${i}`, doc]);
  const named = (system: string) => (d: Record<string, unknown>) => ({
    version: 1,
    name: 'g',
    ...d,
    system,
  });
  return [
    ...take('single-node any', scenarioArb(false).map(named('single-node')), 41, 4),
    ...take(
      'kafka acks=1',
      kafkaScenarioArb({ 'min.insync.replicas': 1 }, { acks: '1' }).map(named('kafka')),
      42,
      3,
    ),
    ...take(
      'kafka acks=0',
      kafkaScenarioArb({ 'min.insync.replicas': 1 }, { acks: '0' }).map(named('kafka')),
      43,
      2,
    ),
    ...take('rabbitmq', rabbitScenarioArb.map(named('rabbitmq')), 44, 5),
    ...take('rocketmq', rocketScenarioArb.map(named('rocketmq')), 45, 3),
  ];
}

/** Recorded on the checker of commit a8db821 (Maps per message, one synchronous pass). */
const GOLDEN: Readonly<Record<string, string>> = {
  'preset default': '5d44017a11869bc3 14972f891a969e8a',
  'preset confirms-off-crash': '77b6a6b241478f78 19b874751393c330',
  'preset transient-messages': '3c0de7ad07b944f9 5280541dbcdcba84',
  'preset auto-ack-consumer-crash': '5852cfa517e9ea0b 6c25a093e2983d86',
  'preset lost-confirm-republish': 'e42054a1c4c42b9e 4933de6df4584637',
  'preset power-loss': 'c62be588fac6063a e563a06edf0f4775',
  'preset kafka-acks1-leader-crash': '9613f6c6c0952ba1 fe2ae5eb5ba3d912',
  'preset kafka-acks-all-leader-crash': 'ca855927e75a2fba ca855927e75a2fba',
  'preset kafka-b5-no-loss-recipe': 'b9fa77ac1ae693ca ef6adbc5a42c85b7',
  'preset kafka-c1-duplicates': 'ac78bdaacc62b601 4de39399002c769d',
  'preset kafka-c2-idempotent-consumer': '86063463d77a61b3 d395bef761381038',
  'preset kafka-c3-idempotent-producer': '2cb180608762cf9a 2cb180608762cf9a',
  'preset kafka-d3-key-ordering': 'dc28622676327dd3 dc28622676327dd3',
  'preset kafka-d4-retry-reordering': 'a345570ee1d5a628 8932762b22944556',
  'preset kafka-e4-replication': '71e0ef7d1c1f558a a204db32254df513',
  'preset kafka-k18-transactions': '5380800ca127b289 30f65972a9d8d78a',
  'preset rabbitmq-a1-decoupling': 'a058f45090e3dfc6 a058f45090e3dfc6',
  'preset rabbitmq-b2-tx-vs-confirms': '1068c627add61b22 bb281bdacc4db78a',
  'preset rabbitmq-b3-durable-persistent': 'f269b956dbfc2125 c220c8ea46f2aeb5',
  'preset rabbitmq-b4-autoack-vs-manual': 'e81560a07bc1a4d6 95f3f4e90be04c5d',
  'preset rabbitmq-b6-persistence-cost': 'b0fcc52790f85465 2b3730f843cbd1ac',
  'preset rabbitmq-e1-single-node': '096d61b57aec1398 242df8c507ae79b8',
  'preset rabbitmq-e2-classic-cluster': '479e165b1683f5d0 e52cb94eccba4314',
  'preset rabbitmq-e3-mirrored': 'db450eb33343dcc7 e4cf5fb37debbdbe',
  'preset rabbitmq-e6-partition': '048aac0bb3937fa7 3df4928823999b01',
  'preset rabbitmq-f2-ttl-dlx': '7f9a3fe730885f9c 25539909eb448d1b',
  'preset rabbitmq-f3-queue-full': 'b323bedd9f2eedb1 80bbf80cb4b77a4a',
  'preset rabbitmq-g1-concepts': 'fce7c63cd062ea2b fce7c63cd062ea2b',
  'preset rabbitmq-g2-work-modes': '053a464a5e50f5e1 053a464a5e50f5e1',
  'preset rabbitmq-g3-topic-wildcards': '32bcf16893bef220 32bcf16893bef220',
  'preset rabbitmq-g4-prefetch': 'bdfc87557501bdd2 f82e68adf0acd8ce',
  'preset rocketmq-e5-master-slave': 'fc929124257cff59 9a652cf77133cbb0',
  'preset rocketmq-h1-nameserver-routes': '54f11b2e44d28b99 54f11b2e44d28b99',
  'preset rocketmq-h2-send-modes': '57ceb72947ae1582 45e5b44eedd1735f',
  'preset rocketmq-h3-load-balancing': 'cc1b110914d99cfb cc1b110914d99cfb',
  'preset rocketmq-h4-clustering-broadcasting': '89d5c18964f0572f 89d5c18964f0572f',
  'preset rocketmq-h5-rebalance': '0702267f6a674632 f5a9c206ac6594a4',
  'preset rocketmq-h6-tags': 'c0f33d24fcee4959 c0f33d24fcee4959',
  'preset rocketmq-h7-transactions': 'aee0e485b3f5eaa9 509f86965f9d3694',
  'preset rocketmq-h8-delay': 'aadbd58bc942e85f aadbd58bc942e85f',
  'preset rocketmq-h9-retry-dlq': 'c1392112f9567e3b 6fcf181c8cb45d3c',
  'preset rocketmq-d3-ordered-broker-leaves': '52e68868ba085fb4 9b925b3a0f76b318',
  'single-node any#0': 'b25634797ecfd074 b25634797ecfd074',
  'single-node any#1': '9ff48e52f68b5e45 9ff48e52f68b5e45',
  'single-node any#2': 'aa69b7ba4c21a4a9 28a306e02a1790c6',
  'single-node any#3': '683391a96984f947 fe90a035efbb9e0c',
  'kafka acks=1#0': '4e8e30f19df4bfd4 4e8e30f19df4bfd4',
  'kafka acks=1#1': '4e8e30f19df4bfd4 4e8e30f19df4bfd4',
  'kafka acks=1#2': '7d757e18201a28f5 41039ebe1f32d194',
  'kafka acks=0#0': 'a5ff9b299c5f9011 1a1071ff2b915337',
  'kafka acks=0#1': '4e8e30f19df4bfd4 4e8e30f19df4bfd4',
  'rabbitmq#0': 'd8051436aae81d3b d8051436aae81d3b',
  'rabbitmq#1': 'b2dcf51524042a8f 359b4e42c92eccac',
  'rabbitmq#2': 'd8051436aae81d3b d8051436aae81d3b',
  'rabbitmq#3': 'b0eb2e996619eaeb b0eb2e996619eaeb',
  'rabbitmq#4': '3a0759e1d7237f04 fb3e80a65251a0b9',
  'rocketmq#0': '7ec696c0d94e656f c8ebe6cf50a0f5dd',
  'rocketmq#1': '0edfffa8b00b9f27 85ae964911b2971c',
  'rocketmq#2': '95db9da579ff7885 95db9da579ff7885',
  'preset single-node-a2-request-path': '3e3aed9918b2488c 3e3aed9918b2488c',
  'preset single-node-d1-two-paths': 'a45f3b116f6019f3 afaa3224c7d65f89',
  'preset single-node-f1-backlog-scale-out': '953d92420b4cd287 e53216f79c562822',
  'preset single-node-i3-receive-modes': '5feebc63323d62a2 5feebc63323d62a2',
};

describe('golden check reports', () => {
  const cases: [string, unknown][] = [
    ...PRESETS.map((p): [string, unknown] => [`preset ${p.name}`, p]),
    ...generated(),
  ];
  if (process.env['REPORT_PRINT'] === '1') {
    it('prints the table', () => {
      const table: Record<string, string> = {};
      for (const [name, doc] of cases) {
        const rec = recordOf(doc);
        table[name] =
          `${hashText(reportText(check(rec)))} ${hashText(reportText(check(rec, { explain: false })))}`;
      }
      process.stdout.write(`${JSON.stringify(table, null, 2)}\n`);
    });
    return;
  }
  it('pins one constant per case, and no case is missing', () => {
    expect(Object.keys(GOLDEN).sort()).toEqual(cases.map(([n]) => n).sort());
  });
  it.each(cases)(
    '%s: the report is the recorded one, and the stepped checker gives it too',
    (name, doc) => {
      const rec = recordOf(doc);
      const sync = reportText(check(rec));
      const quiet = reportText(check(rec, { explain: false }));
      expect(`${hashText(sync)} ${hashText(quiet)}`).toBe(GOLDEN[name]);
      // A tiny step budget makes every phase yield many times.
      const steps = checkSteps(rec, {}, 61);
      let r = steps.next();
      while (!r.done) r = steps.next();
      expect(reportText(r.value)).toBe(sync);
    },
    // kafka-e4-replication checks 1,204 chains of 2,400 entries three times: over 100 s under load.
    240_000,
  );
});
