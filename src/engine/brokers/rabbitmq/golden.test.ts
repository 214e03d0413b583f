/**
 * Golden traces of the AMQP models: every RabbitMQ and single-node preset (and each of their
 * claim variants) plus a fixed sample of random RabbitMQ scenarios (a fixed fast-check seed, half
 * of them with basic.get pollers) must give the trace hashes recorded below. The hashes were
 * recorded on `RabbitNode` before it was split into files by seam; a refactoring that moves no
 * behaviour keeps every one of them. A change that means to move behaviour updates the constant
 * it moves, and says why in its commit.
 *
 * `GOLDEN_PRINT=1 npx vitest run src/engine/brokers/rabbitmq/golden.test.ts` prints the table.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeScenarioError, parseScenario } from '../../../scenario/load';
import { PRESET_DOCUMENTS } from '../../../scenario/presets';
import { type Scenario, variantDocument } from '../../../scenario/schema';
import { runScenario } from '../../run';
import { rabbitScenarioArb } from '../../testing/rabbit-arbitrary';
import { rabbitScenario } from './testing';

function load(doc: unknown): Scenario {
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(describeScenarioError(r.error));
  return r.value;
}

/** Presets and their variants, of the systems the AMQP models run. */
function presetCases(): [string, Scenario][] {
  const out: [string, Scenario][] = [];
  for (const p of PRESET_DOCUMENTS.map(load)) {
    if (p.system !== 'rabbitmq' && p.system !== 'single-node') continue;
    out.push([p.name, p]);
    for (const v of p.claims?.variants ?? []) {
      const d = variantDocument(p, v);
      if (!d.ok) throw new Error(`${p.name}/${v.name}: ${d.message}`);
      out.push([`${p.name}/${v.name}`, load(d.doc)]);
    }
  }
  return out;
}

/** The random sample: the same documents on every machine (fixed seed, pinned fast-check). */
function randomCases(): [string, Scenario][] {
  const docs = fc.sample(rabbitScenarioArb, { seed: 20261207, numRuns: 40 });
  return docs.map((doc, i) => {
    // Every other document polls with basic.get instead of consuming (the arbitrary only pushes).
    const get = i % 2 === 1;
    const d = get
      ? {
          ...doc,
          consumers: (doc['consumers'] as Record<string, unknown>[]).map((c) =>
            c['id'] === 'cdead' ? c : { ...c, mode: 'get', pollMs: 20, channels: 1 },
          ),
        }
      : doc;
    return [`random-${i}${get ? '-get' : ''}`, rabbitScenario(d)];
  });
}

/** Recorded on the unsplit `RabbitNode` (commit "golden traces"). */
const GOLDEN: Record<string, string> = {
  default: 'c7be2b527ff76625',
  'confirms-off-crash': '36f40da12e40b520',
  'confirms-off-crash/confirms-on': 'd0129132bcd62aa8',
  'transient-messages': 'bc5247601b7fae71',
  'transient-messages/persistent': '977ef0feb312b344',
  'auto-ack-consumer-crash': 'e4b7bea09c8753eb',
  'auto-ack-consumer-crash/manual-ack': '76fb8d3d3d698134',
  'lost-confirm-republish': 'c7b0f151dc8b4740',
  'lost-confirm-republish/unique-key-sink': 'c7b0f151dc8b4740',
  'power-loss': '765f6bb7fe474787',
  'power-loss/p2-confirms': '895aece62a5f1ec7',
  'rabbitmq-a1-decoupling': 'a351c1ba08f1d9df',
  'rabbitmq-b2-tx-vs-confirms': 'f7f24a813ff335b3',
  'rabbitmq-b3-durable-persistent': '71335c982d8f20b4',
  'rabbitmq-b3-durable-persistent/persistent-confirms': '0c587c8c23676c3d',
  'rabbitmq-b4-autoack-vs-manual': 'ed97ef89a1b36bbc',
  'rabbitmq-b6-persistence-cost': '2d19b93a8c8edb5d',
  'rabbitmq-b6-persistence-cost/events-durable': 'dc4fb515cf15ad31',
  'rabbitmq-e1-single-node': 'f98814ab4f4ce177',
  'rabbitmq-e2-classic-cluster': '882de2d64668947a',
  'rabbitmq-e3-mirrored': '9b90228294e3f029',
  'rabbitmq-e6-partition': 'c92dd534636972c0',
  'rabbitmq-e6-partition/ignore': '2471284117e8bd46',
  'rabbitmq-e6-partition/quorum-queue': '1a18019a84db88a0',
  'rabbitmq-f2-ttl-dlx': 'c6fe63749e068e92',
  'rabbitmq-f2-ttl-dlx/no-dlx': '2f218caca7232719',
  'rabbitmq-f3-queue-full': 'e24781c63323e1e8',
  'rabbitmq-g1-concepts': 'f32864b22c5e3e84',
  'rabbitmq-g2-work-modes': 'acb3386c31ea8db3',
  'rabbitmq-g3-topic-wildcards': '744ae2fc6b3f0700',
  'rabbitmq-g4-prefetch': 'aa4f5739c8dac5a4',
  'random-0': '3e8be90e403f579f',
  'random-1-get': '97078ff86c36640c',
  'random-2': '2882bbe6b7d62b13',
  'random-3-get': '442ed247a94f9703',
  'random-4': '028c05bc56e4cf8f',
  'random-5-get': '2c3006d34270073e',
  'random-6': '6368c53bf39b3773',
  'random-7-get': '61614c8c102bb31d',
  'random-8': '88b123b53d39b998',
  'random-9-get': '092ebcf77e8dd23b',
  'random-10': 'ff1e93f336ee4ebb',
  'random-11-get': '95557e5b3077ef58',
  'random-12': 'bbc740445391f5b5',
  'random-13-get': 'e95525ea81a75843',
  'random-14': '2a52b16c06f8dfa7',
  'random-15-get': '8dcdd1d589195621',
  'random-16': '51fa1e6a2164cf2c',
  'random-17-get': '59f78b9744182638',
  'random-18': '352c4e710986a210',
  'random-19-get': '8936d71481264a07',
  'random-20': '1c8f6078cea251d2',
  'random-21-get': '3906349dfdcde8bf',
  'random-22': '8be9c0064d1a00a6',
  'random-23-get': '3efee27f0d0d6332',
  'random-24': '4dffd8917d6c33ff',
  'random-25-get': '631b9e5de33878fd',
  'random-26': '96bc39af10aecd9f',
  'random-27-get': '114db9b20b8e3811',
  'random-28': 'd2520315e586202a',
  'random-29-get': 'fb9b74369989cfac',
  'random-30': '3cbffa61978ec679',
  'random-31-get': '726df4f079b3d790',
  'random-32': '7fbb1e43d807ee44',
  'random-33-get': '3602abdcef83cec9',
  'random-34': 'ef2583d22e8b6eee',
  'random-35-get': 'b9cb9b520047e319',
  'random-36': 'dd4825596bde0ace',
  'random-37-get': 'c9870ac5327af2a0',
  'random-38': '4d79e476626a1eeb',
  'random-39-get': '78b8629ce026dee6',
  'single-node-a2-request-path': 'a5573c5bcdc72b06',
  'single-node-a2-request-path/async': 'cc095824dd67f9c5',
  'single-node-d1-two-paths': 'a924566da75c6198',
  'single-node-d1-two-paths/one-path': '4fd521096d8b5070',
  'single-node-f1-backlog-scale-out': 'a66c21c32543d004',
  'single-node-f1-backlog-scale-out/no-scale-out': '9978a0dcf298bcab',
  'single-node-i3-receive-modes': 'b9fc0dfaab405d78',
  'single-node-i3-receive-modes/pull': '391773ba5709e9f9',
  'single-node-i3-receive-modes/long-poll': '9b41bd071a950243',
};

describe('golden traces of the AMQP models', () => {
  const cases = [...presetCases(), ...randomCases()];
  it('cover every RabbitMQ and single-node preset and the random sample', () => {
    expect(cases.length).toBeGreaterThan(30);
  });
  const seen: Record<string, string> = {};
  it.each(cases)('%s', (name, s) => {
    const hash = runScenario(s).traceHash;
    seen[name] = hash;
    if (process.env['GOLDEN_PRINT'] === '1') return;
    expect(hash, name).toBe(GOLDEN[name]);
  });
  it('prints the table when asked', () => {
    if (process.env['GOLDEN_PRINT'] !== '1') return;
    console.log(
      Object.entries(seen)
        .map(([k, v]) => `  '${k}': '${v}',`)
        .join('\n'),
    );
  });
});
