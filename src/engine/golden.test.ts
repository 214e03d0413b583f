/**
 * Golden traces: the trace hash of every preset and of a fixed set of property-generated scenarios
 * (fixed fast-check seeds), pinned as recorded constants. The trace hash covers every fired event
 * (time, label), history operation and journal entry, so any change to what a run does moves it.
 * Engine work that must not change behaviour (the event representation, the recorder's storage)
 * keeps every constant here unchanged; a model change that moves behaviour on purpose re-records
 * them (`GOLDEN_PRINT=1 npx vitest run src/engine/golden.test.ts` prints the current table).
 */
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../scenario/presets';
import { parseScenario, describeScenarioError } from '../scenario/load';
import { runScenario } from './run';
import { generatedScenarios } from './testing/generated';

function hashOf(doc: unknown): string {
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(describeScenarioError(r.error));
  return runScenario(r.value).traceHash;
}

/** Property-generated scenario documents, fixed by fast-check seed, named for the table. */
function generated(): [string, Record<string, unknown>][] {
  return generatedScenarios({
    singleNodeReliable: [11, 3],
    singleNodeAny: [12, 3],
    kafkaAcks1: [21, 2],
    kafkaAcksAll: [22, 2],
    rabbitmq: [31, 6],
  });
}

/** Recorded on the code before the columnar recorder and the event records (commit d9afe44). */
const GOLDEN: Readonly<Record<string, string>> = {
  'preset default': 'c7be2b527ff76625',
  'preset confirms-off-crash': '36f40da12e40b520',
  'preset transient-messages': 'bc5247601b7fae71',
  'preset auto-ack-consumer-crash': 'e4b7bea09c8753eb',
  'preset lost-confirm-republish': 'c7b0f151dc8b4740',
  'preset power-loss': '765f6bb7fe474787',
  'preset single-node-a2-request-path': 'a5573c5bcdc72b06',
  'preset single-node-d1-two-paths': 'a924566da75c6198',
  'preset single-node-f1-backlog-scale-out': 'a66c21c32543d004',
  'preset single-node-i3-receive-modes': 'b9fc0dfaab405d78',
  'preset kafka-acks1-leader-crash': 'b0810417dc92dc0a',
  'preset kafka-acks-all-leader-crash': '0c3b352932284173',
  'preset kafka-b5-no-loss-recipe': '1a8e8716cde359a4',
  'preset kafka-c1-duplicates': 'ddd78bc95a4d885f',
  'preset kafka-c2-idempotent-consumer': 'ddd78bc95a4d885f',
  'preset kafka-c3-idempotent-producer': '58e56de62f5c18a3',
  'preset kafka-d3-key-ordering': 'a13b9e8ecc5f7812',
  'preset kafka-d4-retry-reordering': '6346cf42b3248f95',
  'preset kafka-e4-replication': '1676357b5183ea4d',
  'preset kafka-k18-transactions': '7a0b2bccdafacd98',
  'preset rabbitmq-a1-decoupling': 'a351c1ba08f1d9df',
  'preset rabbitmq-b2-tx-vs-confirms': 'f7f24a813ff335b3',
  'preset rabbitmq-b3-durable-persistent': '71335c982d8f20b4',
  'preset rabbitmq-b4-autoack-vs-manual': 'ed97ef89a1b36bbc',
  'preset rabbitmq-b6-persistence-cost': '2d19b93a8c8edb5d',
  'preset rabbitmq-e1-single-node': 'f98814ab4f4ce177',
  'preset rabbitmq-e2-classic-cluster': '882de2d64668947a',
  'preset rabbitmq-e3-mirrored': '9b90228294e3f029',
  'preset rabbitmq-e6-partition': 'c92dd534636972c0',
  'preset rabbitmq-f2-ttl-dlx': 'c6fe63749e068e92',
  'preset rabbitmq-f3-queue-full': 'e24781c63323e1e8',
  'preset rabbitmq-g1-concepts': 'f32864b22c5e3e84',
  'preset rabbitmq-g2-work-modes': 'acb3386c31ea8db3',
  'preset rabbitmq-g3-topic-wildcards': '744ae2fc6b3f0700',
  'preset rabbitmq-g4-prefetch': 'aa4f5739c8dac5a4',
  // RocketMQ presets, recorded when the family landed (after the columnar recorder).
  'preset rocketmq-e5-master-slave': '34362ae683cabf27',
  'preset rocketmq-h1-nameserver-routes': '851be6f392bbdbd2',
  'preset rocketmq-h2-send-modes': '943939a37d220102',
  'preset rocketmq-h3-load-balancing': '686a6b196f0d3f6d',
  'preset rocketmq-h4-clustering-broadcasting': '2d34c5a048e8a1b4',
  'preset rocketmq-h5-rebalance': '79c26a505578718b',
  'preset rocketmq-h6-tags': '3b92787693056ea1',
  'preset rocketmq-h7-transactions': '1b9f6426bbd099bb',
  'preset rocketmq-h8-delay': '3a6884f5bc824072',
  'preset rocketmq-h9-retry-dlq': 'f17084fca575ba3b',
  'preset rocketmq-d3-ordered-broker-leaves': '84e0d68cb548d18a',
  'single-node reliable#0': '9c5859f9a18538ee',
  'single-node reliable#1': '01b2df2d15eea39b',
  'single-node reliable#2': '57dc2ec461e7fc94',
  'single-node any#0': '0cfaa753c95b049b',
  'single-node any#1': '907ddec8cfd6bda0',
  'single-node any#2': '417a9f5ac6a54178',
  'kafka acks=1 unclean#0': '6913c74d512a0475',
  'kafka acks=1 unclean#1': 'dba7cdb196a8cd27',
  'kafka acks=all idempotent#0': '65eb3e75792b9d6f',
  'kafka acks=all idempotent#1': 'ebb6ff2969606b52',
  'rabbitmq#0': '151799775ff2f357',
  'rabbitmq#1': '05bab53ee6db0faf',
  'rabbitmq#2': '1d7f3bc8317e13f4',
  'rabbitmq#3': '4ca8bf6d57ec93fe',
  'rabbitmq#4': '8ea6fbe7663a2a83',
  'rabbitmq#5': 'd7522c8a01ab9eb6',
};

describe('golden trace hashes', () => {
  const cases: [string, unknown][] = [
    ...PRESETS.map((p): [string, unknown] => [`preset ${p.name}`, p]),
    ...generated(),
  ];
  if (process.env['GOLDEN_PRINT'] === '1') {
    it('prints the table', () => {
      const table: Record<string, string> = {};
      for (const [name, doc] of cases) table[name] = hashOf(doc);
      process.stdout.write(`${JSON.stringify(table, null, 2)}\n`);
    });
    return;
  }
  it('pins one constant per case, and no case is missing', () => {
    expect(Object.keys(GOLDEN).sort()).toEqual(cases.map(([n]) => n).sort());
  });
  it.each(cases)('%s', (name, doc) => {
    expect(hashOf(doc)).toBe(GOLDEN[name]);
  });
});
