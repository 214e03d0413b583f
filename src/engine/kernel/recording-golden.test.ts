/**
 * Golden recordings: for every preset, a set of property-generated scenarios and a short slice of
 * the Kafka and RabbitMQ bench references, a hash over the whole journal and history as the
 * read API gives them (every entry materialized by the lazy views, every row read through the
 * columns' field readers) and over the check report. The trace hash (golden.test.ts) covers only
 * what the run did; these pin what the recorder gives back, so a change to how the recorder
 * stores rows (narrower columns, ranges, shared records) cannot change a single field a reader
 * sees. The constants were computed on main before the compact recorder
 * (`GOLDEN_PRINT=1 npx vitest run src/engine/kernel/recording-golden.test.ts` prints the table).
 */
import { describe, expect, it } from 'vitest';
import { kafkaReferences } from '../../cli/bench/kafka';
import { rabbitmqReferences } from '../../cli/bench/rabbitmq';
import { PRESETS } from '../../scenario/presets';
import { describeScenarioError, parseScenario } from '../../scenario/load';
import type { Scenario } from '../../scenario/schema';
import { runScenario } from '../run';
import { generatedScenarios } from '../testing/generated';
import { hashString, TraceHash } from './hash';
import { HistoryColumns, JournalColumns } from './journal';

function parsed(doc: unknown): Scenario {
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(describeScenarioError(r.error));
  return r.value;
}

/** Hash of everything a reader can get from a finished run's recording and its report. */
function recordingHash(s: Scenario): string {
  const result = runScenario(s);
  const h = new TraceHash();
  const { journal, history } = result.record;
  h.mixInt(journal.length);
  for (let i = 0; i < journal.length; i++) h.mixInt(hashString(JSON.stringify(journal[i])));
  h.mixInt(history.length);
  for (let i = 0; i < history.length; i++) h.mixInt(hashString(JSON.stringify(history[i])));
  // The row readers the checker uses, beside the materialized views.
  const j = JournalColumns.of(journal);
  for (let i = 0; i < j.length; i++) {
    h.mixInt(j.id(i));
    h.mixInt(j.at(i));
    h.mixInt(hashString(j.kind(i)));
    h.mixInt(hashString(j.node(i)));
    h.mixInt(hashString(j.mech(i) ?? ''));
    const n = j.msgCount(i);
    h.mixInt(n);
    for (let k = 0; k < n; k++) h.mixInt(j.msg(i, k));
    h.mixInt(j.cause(i) ?? -1);
    const nl = j.linkCount(i);
    h.mixInt(nl);
    for (let k = 0; k < nl; k++) {
      h.mixInt(j.linkId(i, k));
      h.mixInt(hashString(j.linkRole(i, k)));
    }
    h.mixInt(j.hasData(i) ? 1 : 0);
  }
  const hc = HistoryColumns.of(history);
  for (let i = 0; i < hc.length; i++) {
    h.mixInt(hc.typeCode(i));
    h.mixInt(hc.at(i));
    h.mixInt(hc.msg(i));
    h.mixInt(hashString(hc.str(hc.actorId(i))));
  }
  h.mixInt(hashString(JSON.stringify(result.report)));
  h.mixInt(hashString(result.traceHash));
  return h.hex();
}

/** Short slices of the bench references: enough rows to cross column chunk boundaries. */
function references(): [string, Scenario][] {
  const kafka = kafkaReferences(true)[0] as Scenario;
  const rabbit = rabbitmqReferences(true)[0] as Scenario;
  return [
    ['bench kafka 20 s', { ...kafka, durationMs: 20_000 }],
    ['bench rabbitmq 6 s', { ...rabbit, durationMs: 6_000 }],
  ];
}

/** Computed on main (a8db821) before the compact recorder. */
const GOLDEN: Readonly<Record<string, string>> = {
  'preset default': 'a8f4bf8663600839',
  'preset confirms-off-crash': '5d484378eba9b3b5',
  'preset transient-messages': '6d1631c3ea16e441',
  'preset auto-ack-consumer-crash': '6898399f5f008f72',
  'preset lost-confirm-republish': '25740eb1b8192e11',
  'preset power-loss': '77174f707dc9c879',
  'preset kafka-acks1-leader-crash': 'abdc21d2653fbe8c',
  'preset kafka-acks-all-leader-crash': '7fa25320c04f6691',
  'preset kafka-b5-no-loss-recipe': '74ed04718061baf4',
  'preset kafka-c1-duplicates': '193e503b98df2ae8',
  'preset kafka-c2-idempotent-consumer': 'e4eb8c375e545c40',
  'preset kafka-c3-idempotent-producer': '22c61826e55d619a',
  'preset kafka-d3-key-ordering': 'd9a01b913c8797be',
  'preset kafka-d4-retry-reordering': 'c9c271bb0c4f4089',
  'preset kafka-e4-replication': '5a6db289d360cf1d',
  'preset kafka-k18-transactions': '7431ff18faf8e895',
  'preset rabbitmq-a1-decoupling': '9cf8088b1ffe4eb3',
  'preset rabbitmq-b2-tx-vs-confirms': 'fc9e3c61537df5df',
  'preset rabbitmq-b3-durable-persistent': 'a7f30e7e8a0c3bf9',
  'preset rabbitmq-b4-autoack-vs-manual': 'eebfbbb606be0f25',
  'preset rabbitmq-b6-persistence-cost': 'af3cd9853bf5b54d',
  'preset rabbitmq-e1-single-node': '878f36c94306741e',
  'preset rabbitmq-e2-classic-cluster': 'abe8f67eddbd36dd',
  'preset rabbitmq-e3-mirrored': '83f620537330daab',
  'preset rabbitmq-e6-partition': '7713675210a5ef5c',
  'preset rabbitmq-f2-ttl-dlx': 'c0ec9365a4d5de03',
  'preset rabbitmq-f3-queue-full': '7b47c5ee2cf7daab',
  'preset rabbitmq-g1-concepts': '05ab0423c24fceca',
  'preset rabbitmq-g2-work-modes': '6eade569a10317a9',
  'preset rabbitmq-g3-topic-wildcards': 'e7aedf445be4ebd6',
  'preset rabbitmq-g4-prefetch': 'd3f44c247a167552',
  'preset rocketmq-e5-master-slave': '5302627eb17f67ed',
  'preset rocketmq-h1-nameserver-routes': 'a1ecf836aafdb65d',
  'preset rocketmq-h2-send-modes': '24e61be6fffcd403',
  'preset rocketmq-h3-load-balancing': '05b6fed344db88b7',
  'preset rocketmq-h4-clustering-broadcasting': '435de416aeb37f2d',
  'preset rocketmq-h5-rebalance': 'f9533c42133ee350',
  'preset rocketmq-h6-tags': '2fa6380d4936ba2f',
  'preset rocketmq-h7-transactions': '6e924352a360e223',
  'preset rocketmq-h8-delay': '84316b937a2bdeb2',
  'preset rocketmq-h9-retry-dlq': '01c4d3fd25664f56',
  'preset rocketmq-d3-ordered-broker-leaves': '0a20792d66020334',
  'single-node any#0': '9598f9bdc2781c05',
  'single-node any#1': '14016b75f54b5f39',
  'single-node any#2': '11c56a8a95303099',
  'single-node any#3': 'e32388d35b75bd8a',
  'kafka acks=1 unclean#0': '4ca01eb3936124d7',
  'kafka acks=1 unclean#1': '4797877359aa2c28',
  'kafka acks=1 unclean#2': 'de46c02ce2722a48',
  'kafka acks=1 unclean#3': '6974cae997133684',
  'kafka acks=all idempotent#0': 'a53c63b5f97a97e6',
  'kafka acks=all idempotent#1': '27cd2c4617491de6',
  'kafka acks=all idempotent#2': 'a6aa0e550d84ae84',
  'kafka acks=all idempotent#3': '3bd050d056addd3a',
  'rabbitmq#0': '7db6523b91f8f5e6',
  'rabbitmq#1': '426d94f89d4fbec2',
  'rabbitmq#2': 'df520b9c00f00b2a',
  'rabbitmq#3': '05f114c8142c71ae',
  'rabbitmq#4': '1e68174f8d68a0c3',
  'rabbitmq#5': 'bdef0d887f49e860',
  'rabbitmq#6': 'e189ace0eb6d0632',
  'rabbitmq#7': '34652a1381304a97',
  'rabbitmq#8': '865737a8662adb85',
  'rabbitmq#9': 'ad9526171dee3dc4',
  'rabbitmq#10': 'aebcc0eaf4093a24',
  'rabbitmq#11': '9d5cad102c1556c7',
  'bench kafka 20 s': 'b0b6bd11da672335',
  'bench rabbitmq 6 s': 'ed024694b887758c',
  'preset single-node-a2-request-path': 'bd41e60f66e9c628',
  'preset single-node-d1-two-paths': 'fc74d8e81d672bf8',
  'preset single-node-f1-backlog-scale-out': '2382eb05d95dfea6',
  'preset single-node-i3-receive-modes': '19bae069b6cdef95',
};

describe('golden recordings (journal, history and report as readers see them)', () => {
  const cases: [string, () => Scenario][] = [
    ...PRESETS.map((p): [string, () => Scenario] => [`preset ${p.name}`, () => parsed(p)]),
    ...generatedScenarios({
      singleNodeAny: [112, 4],
      kafkaAcks1: [121, 4],
      kafkaAcksAll: [122, 4],
      rabbitmq: [131, 12],
    }).map(([n, d]): [string, () => Scenario] => [n, () => parsed(d)]),
    ...references().map(([n, s]): [string, () => Scenario] => [n, () => s]),
  ];
  if (process.env['GOLDEN_PRINT'] === '1') {
    it('prints the table', () => {
      const table: Record<string, string> = {};
      for (const [name, make] of cases) table[name] = recordingHash(make());
      process.stdout.write(`${JSON.stringify(table, null, 2)}\n`);
    }, 600_000);
    return;
  }
  it('pins one constant per case, and no case is missing', () => {
    expect(Object.keys(GOLDEN).sort()).toEqual(cases.map(([n]) => n).sort());
  });
  it.each(cases)(
    '%s',
    (name, make) => {
      expect(recordingHash(make())).toBe(GOLDEN[name]);
    },
    120_000,
  );
});
