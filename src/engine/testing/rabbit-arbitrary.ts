/**
 * fast-check generator of random RabbitMQ scenario documents: topologies, queue policies,
 * workloads and fault schedules. Shared by the property tests and the golden trace test.
 */
import fc from 'fast-check';

const WORDS = ['a', 'b', 'c', ''];
const key = fc
  .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 })
  .map((w) => w.join('.'));
const bindingKey = fc
  .array(fc.constantFrom(...WORDS, '*', '#'), { minLength: 1, maxLength: 3 })
  .map((w) => w.join('.'));

/** A random RabbitMQ scenario document (not yet validated), 6 s long, 300 messages. */
export const rabbitScenarioArb = fc
  .record({
    nodes: fc.integer({ min: 1, max: 3 }),
    mode: fc.constantFrom('ignore', 'pause_minority', 'autoheal'),
    xType: fc.constantFrom('direct', 'fanout', 'topic', 'headers'),
    queues: fc.array(
      fc.record({
        bk: bindingKey,
        kind: fc.constantFrom('classic', 'quorum', 'mirrored'),
        durable: fc.boolean(),
        ttl: fc.option(fc.integer({ min: 50, max: 2000 }), { nil: undefined }),
        maxLength: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
        overflow: fc.constantFrom('drop-head', 'reject-publish', 'reject-publish-dlx'),
        dlx: fc.boolean(),
        expires: fc.option(fc.integer({ min: 300, max: 3000 }), { nil: undefined }),
        exclusive: fc.boolean(),
        autoDelete: fc.boolean(),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    keys: fc.array(key, { minLength: 1, maxLength: 4 }),
    confirms: fc.boolean(),
    republish: fc.boolean(),
    /** 0: no transactions; n: tx with every nth transaction rolled back. */
    txRollback: fc.constantFrom(0, 0, 0, 2, 3),
    consumerStartMs: fc.constantFrom(0, 0, 1500),
    /** -1: consumers connect to the queue's owner; n: to node n (proxied when not the owner). */
    consumerNode: fc.integer({ min: -1, max: 2 }),
    deliveryMode: fc.constantFrom(1, 2),
    mandatory: fc.boolean(),
    autoAck: fc.boolean(),
    prefetch: fc.integer({ min: 0, max: 5 }),
    channels: fc.constantFrom(1, 1, 2, 3),
    failureRate: fc.constantFrom(0, 0.1),
    onFailure: fc.constantFrom('nack-requeue', 'nack', 'reject-requeue', 'reject'),
    faults: fc.array(
      fc.record({
        atMs: fc.integer({ min: 200, max: 3500 }),
        kind: fc.constantFrom(
          'crash-node',
          'power-node',
          'crash-consumer',
          'split',
          'drop-confirm',
        ),
        target: fc.integer({ min: 0, max: 2 }),
        downMs: fc.integer({ min: 100, max: 1500 }),
      }),
      { maxLength: 3 },
    ),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
  })
  .map((g) => {
    const nodes = Array.from({ length: g.nodes }, (_, i) => `rabbit-${i + 1}`);
    const queues = g.queues.map((q, i) => ({
      name: `q${i}`,
      durable: q.durable,
      exclusive: q.exclusive && q.kind !== 'quorum',
      autoDelete: q.autoDelete && q.kind !== 'quorum',
      arguments: {
        ...(q.expires !== undefined ? { 'x-expires': q.expires } : {}),
        ...(q.kind === 'quorum' ? { 'x-queue-type': 'quorum' } : {}),
        ...(q.ttl !== undefined ? { 'x-message-ttl': q.ttl } : {}),
        ...(q.maxLength !== undefined
          ? { 'x-max-length': q.maxLength, 'x-overflow': q.overflow }
          : {}),
        ...(q.dlx ? { 'x-dead-letter-exchange': 'dlx' } : {}),
      },
    }));
    const bindings = g.queues.map((q, i) => ({
      source: 'x',
      destination: `q${i}`,
      routingKey: q.bk,
      arguments: g.xType === 'headers' ? { 'x-match': 'any', k: q.bk } : {},
    }));
    const faults: Record<string, unknown>[] = [];
    for (const f of g.faults) {
      const node = nodes[f.target % nodes.length] as string;
      if (f.kind === 'crash-node' || f.kind === 'power-node') {
        faults.push({ atMs: f.atMs, type: f.kind === 'crash-node' ? 'crash' : 'power-loss', node });
        faults.push({ atMs: f.atMs + f.downMs, type: 'restart', node });
      } else if (f.kind === 'crash-consumer') {
        faults.push({ atMs: f.atMs, type: 'crash', node: 'c0', when: 'after-process' });
        faults.push({ atMs: f.atMs + f.downMs, type: 'restart', node: 'c0' });
      } else if (f.kind === 'split' && nodes.length > 1) {
        faults.push({
          atMs: f.atMs,
          type: 'split',
          sides: [[node], nodes.filter((n) => n !== node)],
        });
        faults.push({ atMs: f.atMs + f.downMs, type: 'heal' });
      } else if (f.kind === 'drop-confirm') {
        faults.push({
          atMs: f.atMs,
          type: 'drop-next',
          from: nodes[0],
          to: 'p0',
          match: 'confirm',
          count: 2,
        });
      }
    }
    return {
      seed: g.seed,
      durationMs: 6000,
      cluster: { nodes, netTicktimeMs: 1000, partitionHandling: g.mode },
      vhosts: [
        {
          exchanges: [
            { name: 'x', type: g.xType },
            { name: 'dlx', type: 'fanout' },
          ],
          queues: [...queues, { name: 'dead' }],
          bindings: [...bindings, { source: 'dlx', destination: 'dead' }],
        },
      ],
      policies: g.queues.some((q) => q.kind === 'mirrored')
        ? [
            {
              name: 'ha',
              pattern: `^(${g.queues.map((q, i) => (q.kind === 'mirrored' ? `q${i}` : 'none')).join('|')})$`,
              definition: { 'ha-mode': 'all' },
            },
          ]
        : [],
      publishers: [
        {
          id: 'p0',
          exchange: 'x',
          routingKeys: g.keys,
          headers: g.xType === 'headers' ? { k: g.keys[0] ?? '' } : {},
          ratePerSec: 100,
          messages: 300,
          confirms: g.confirms,
          republishUnconfirmed: g.republish,
          ...(g.txRollback > 0 ? { tx: true, txBatch: 4, txRollbackEvery: g.txRollback } : {}),
          confirmTimeoutMs: 800,
          deliveryMode: g.deliveryMode,
          mandatory: g.mandatory,
          reconnectDelayMs: 300,
        },
      ],
      consumers: [
        ...queues.map((q, i) => ({
          id: `c${i}`,
          queue: q.name,
          autoAck: g.autoAck,
          prefetch: g.prefetch,
          channels: g.channels,
          failureRate: g.failureRate,
          onFailure: g.onFailure,
          processingMs: { kind: 'fixed', ms: 3 },
          reconnectDelayMs: 300,
          startMs: g.consumerStartMs,
          ...(g.consumerNode >= 0 ? { node: nodes[g.consumerNode % nodes.length] } : {}),
        })),
        { id: 'cdead', queue: 'dead', reconnectDelayMs: 300 },
      ],
      faults,
    };
  });
