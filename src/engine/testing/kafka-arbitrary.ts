/**
 * fast-check generators of Kafka scenarios with random fault schedules that hit one broker (the
 * "single broker failure" of ground-truth row K3): crashes, restarts and pauses of that broker,
 * network partitions between it and any other node (including a leader cut off from its
 * followers but not from clients), lost and delayed acknowledgements. Power loss is left out on
 * purpose: a power loss of the last ISR member loses committed data in real Kafka (row K21).
 */
import fc from 'fast-check';

const BROKERS = ['broker-1', 'broker-2', 'broker-3'];
const OTHERS = ['broker-1', 'broker-2', 'broker-3', 'controller', 'p1', 'p2', 'c1', 'c2'];

/** Faults that all concern `victim`, within the first `faultMs` of the run. */
export function singleBrokerFaultsArb(
  victim: string,
  faultMs: number,
): fc.Arbitrary<Record<string, unknown>[]> {
  const at = fc.integer({ min: 0, max: faultMs });
  const other = fc.constantFrom(...OTHERS.filter((n) => n !== victim));
  const client = fc.constantFrom('p1', 'p2');
  const fault = fc.oneof(
    fc.record({ atMs: at, type: fc.constant('crash'), node: fc.constant(victim) }),
    fc.record({ atMs: at, type: fc.constant('restart'), node: fc.constant(victim) }),
    fc.record({
      atMs: at,
      type: fc.constant('pause'),
      node: fc.constant(victim),
      durationMs: fc.integer({ min: 1, max: 15_000 }),
    }),
    fc.record({
      atMs: at,
      type: fc.constant('partition'),
      a: fc.constant(victim),
      b: other,
      oneWay: fc.boolean(),
    }),
    fc.record({
      atMs: at,
      type: fc.constant('split'),
      sides: fc.constant([[victim], BROKERS.filter((b) => b !== victim)]),
    }),
    fc.record({ atMs: at, type: fc.constant('heal') }),
    fc.record({
      atMs: at,
      type: fc.constant('drop-next'),
      from: fc.constant(victim),
      to: client,
      match: fc.constantFrom('ack', 'produce-response', 'any'),
      count: fc.integer({ min: 1, max: 5 }),
    }),
    fc.record({
      atMs: at,
      type: fc.constant('drop-next'),
      from: client,
      to: fc.constant(victim),
      match: fc.constantFrom('produce', 'any'),
      count: fc.integer({ min: 1, max: 5 }),
    }),
    fc.record({
      atMs: at,
      type: fc.constant('delay-next'),
      from: fc.constant(victim),
      to: client,
      match: fc.constant('any'),
      delayMs: fc.integer({ min: 1, max: 5000 }),
    }),
  );
  return fc.array(fault, { minLength: 1, maxLength: 8 });
}

/**
 * A 3-broker cluster, 3 partitions with replication factor 3, two producers, one consumer group,
 * with `config` spread over the topic (e.g. min.insync.replicas) and `producer` over both
 * producers. Faults stop at 60% of the run and everything heals and restarts after it, so
 * consumers can catch up and "unseen" is not confused with "lost".
 */
export function kafkaScenarioArb(
  topic: Record<string, unknown>,
  producer: Record<string, unknown>,
  consumer: Record<string, unknown> = {},
): fc.Arbitrary<Record<string, unknown>> {
  const durationMs = 60_000;
  const faultMs = 30_000;
  return fc
    .record({
      seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      victim: fc.constantFrom(...BROKERS),
      keys: fc.integer({ min: 1, max: 8 }),
      linger: fc.constantFrom(0, 5, 20),
    })
    .chain(({ seed, victim, keys, linger }) =>
      singleBrokerFaultsArb(victim, faultMs).map((faults) => ({
        version: 1,
        system: 'kafka',
        name: 'random-kafka',
        seed,
        durationMs,
        topic: {
          partitions: 3,
          'replication.factor': 3,
          'replica.lag.time.max.ms': 5000,
          ...topic,
        },
        producers: ['p1', 'p2'].map((id) => ({
          id,
          ratePerSec: 40,
          messages: 1000,
          keys,
          'linger.ms': linger,
          'request.timeout.ms': 3000,
          ...producer,
          // One transactional.id per producer: two producers sharing one would fence each other.
          ...(typeof producer['transactional.id'] === 'string'
            ? { 'transactional.id': `${producer['transactional.id']}-${id}` }
            : {}),
        })),
        consumers: ['c1', 'c2'].map((id) => ({
          id,
          'group.id': 'g1',
          'auto.offset.reset': 'earliest',
          'session.timeout.ms': 10_000,
          processingMs: { kind: 'fixed', ms: 1 },
          ...consumer,
          // One processor transactional.id per consumer, for the same reason.
          ...(consumer['processor'] && typeof consumer['processor'] === 'object'
            ? {
                processor: {
                  ...(consumer['processor'] as Record<string, unknown>),
                  'transactional.id': `${String((consumer['processor'] as Record<string, unknown>)['transactional.id'])}-${id}`,
                },
              }
            : {}),
        })),
        faults: [
          ...faults,
          { atMs: faultMs + 1, type: 'heal' },
          { atMs: faultMs + 2, type: 'restart', node: victim },
        ],
      })),
    );
}
