/**
 * fast-check generators of random single-node scenarios with random fault schedules, for the
 * property tests. Sizes are kept small so a hundred runs take seconds.
 */
import fc from 'fast-check';

const node = (prefix: string, n: number) =>
  fc.integer({ min: 1, max: n }).map((i) => `${prefix}${i}`);

export interface Shape {
  producers: number;
  consumers: number;
}

export function faultArb(
  shape: Shape,
  durationMs: number,
  safeOnly: boolean,
): fc.Arbitrary<Record<string, unknown>> {
  const at = fc.integer({ min: 0, max: durationMs });
  const anyNode = fc.oneof(
    fc.constant('broker-1'),
    node('p', shape.producers),
    ...(shape.consumers > 0 ? [node('c', shape.consumers)] : []),
  );
  const client = fc.oneof(
    node('p', shape.producers),
    ...(shape.consumers > 0 ? [node('c', shape.consumers)] : []),
  );
  const options: fc.Arbitrary<Record<string, unknown>>[] = [
    fc.record({ atMs: at, type: fc.constant('crash'), node: anyNode }),
    fc.record({ atMs: at, type: fc.constant('restart'), node: anyNode }),
    fc.record({
      atMs: at,
      type: fc.constant('pause'),
      node: anyNode,
      durationMs: fc.integer({ min: 1, max: 3000 }),
    }),
    fc.record({
      atMs: at,
      type: fc.constant('partition'),
      a: fc.constant('broker-1'),
      b: client,
      oneWay: fc.boolean(),
    }),
    fc.record({ atMs: at, type: fc.constant('heal') }),
    fc.record({
      atMs: at,
      type: fc.constant('drop-next'),
      from: fc.constant('broker-1'),
      to: client,
      match: fc.constantFrom('ack', 'any'),
      count: fc.integer({ min: 1, max: 5 }),
    }),
    fc.record({
      atMs: at,
      type: fc.constant('drop-next'),
      from: client,
      to: fc.constant('broker-1'),
      match: fc.constantFrom('ack', 'any', 'publish'),
      count: fc.integer({ min: 1, max: 5 }),
    }),
    fc.record({
      atMs: at,
      type: fc.constant('duplicate-next'),
      from: client,
      to: fc.constant('broker-1'),
      match: fc.constantFrom('any', 'publish'),
    }),
    fc.record({
      atMs: at,
      type: fc.constant('delay-next'),
      from: fc.constant('broker-1'),
      to: client,
      match: fc.constant('any'),
      delayMs: fc.integer({ min: 1, max: 2000 }),
    }),
    fc.record({ atMs: at, type: fc.constant('power-loss'), node: anyNode }),
  ];
  if (shape.consumers > 0) {
    options.push(
      fc.record({
        atMs: at,
        type: fc.constant('crash'),
        node: node('c', shape.consumers),
        when: fc.constantFrom('before-process', 'after-process'),
      }),
      fc.record({
        atMs: at,
        type: fc.constant('slow-consumer'),
        node: node('c', shape.consumers),
        processingMs: fc.record({
          kind: fc.constant('fixed'),
          ms: fc.integer({ min: 0, max: 200 }),
        }),
      }),
    );
  }
  void safeOnly;
  return fc.oneof(...options);
}

/**
 * A random scenario (a document, not yet validated). With `reliable`, every knob that the ground truth says prevents
 * loss is on: publisher confirms with republish, persistent messages, a durable queue, manual ack.
 */
export function scenarioArb(reliable: boolean): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      producers: fc.integer({ min: 1, max: 3 }),
      consumers: fc.integer({ min: reliable ? 1 : 0, max: 3 }),
      durationMs: fc.integer({ min: 1000, max: 4000 }),
    })
    .chain((shape) =>
      fc.record({
        version: fc.constant(1),
        system: fc.constant('single-node'),
        name: fc.constant('random'),
        seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        durationMs: fc.constant(shape.durationMs),
        network: fc.record({
          latency: fc.oneof(
            fc.record({ kind: fc.constant('fixed'), ms: fc.integer({ min: 0, max: 20 }) }),
            fc.record({
              kind: fc.constant('uniform'),
              minMs: fc.constant(0),
              maxMs: fc.integer({ min: 0, max: 30 }),
            }),
            fc.record({
              kind: fc.constant('exponential'),
              meanMs: fc.integer({ min: 0, max: 10 }),
            }),
          ),
          lossRate: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.05, noNaN: true })),
        }),
        broker: fc.record({
          syncIntervalMs: fc.integer({ min: 1, max: 300 }),
          fsyncLatencyMs: fc.integer({ min: 0, max: 50 }),
        }),
        queue: fc.record({
          name: fc.constant('q'),
          durable: reliable ? fc.constant(true) : fc.boolean(),
        }),
        producers: fc.tuple(
          ...Array.from({ length: shape.producers }, (_, i) =>
            fc.record({
              id: fc.constant(`p${i + 1}`),
              ratePerSec: fc.integer({ min: 5, max: 300 }),
              messages: fc.integer({ min: 0, max: 200 }),
              startMs: fc.integer({ min: 0, max: 500 }),
              keys: fc.integer({ min: 1, max: 5 }),
              deliveryMode: reliable ? fc.constant(2) : fc.constantFrom(1, 2),
              confirms: reliable ? fc.constant(true) : fc.boolean(),
              confirmTimeoutMs: fc.integer({ min: 50, max: 2000 }),
              republishUnconfirmed: reliable ? fc.constant(true) : fc.boolean(),
              maxAttempts: reliable ? fc.constant(100) : fc.integer({ min: 1, max: 5 }),
              heartbeatMs: fc.integer({ min: 100, max: 5000 }),
              reconnectDelayMs: fc.integer({ min: 0, max: 1000 }).map((v) => Math.max(1, v)),
            }),
          ),
        ),
        consumers: fc.tuple(
          ...Array.from({ length: shape.consumers }, (_, i) =>
            fc.record({
              id: fc.constant(`c${i + 1}`),
              autoAck: reliable ? fc.constant(false) : fc.boolean(),
              prefetch: fc.integer({ min: 0, max: 20 }),
              processingMs: fc.record({
                kind: fc.constant('uniform'),
                minMs: fc.constant(0),
                maxMs: fc.integer({ min: 0, max: 40 }),
              }),
              sink: fc.constantFrom('insert', 'unique-key', 'set', 'dedup-table'),
              heartbeatMs: fc.integer({ min: 100, max: 5000 }),
              reconnectDelayMs: fc.integer({ min: 0, max: 1000 }).map((v) => Math.max(1, v)),
            }),
          ),
        ),
        faults: fc.array(faultArb(shape, shape.durationMs, reliable), { maxLength: 8 }),
      }),
    );
}
