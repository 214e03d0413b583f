/**
 * The resource budget: an upper-bound estimate of the work a scenario asks for, computed from the
 * document alone before any run starts, and the limits it must stay under. Validation refuses a
 * scenario over the budget with a message naming the field to change, so a shared link, an
 * imported file or a CLI argument cannot ask a tab (or the CLI) for hours of work or gigabytes of
 * history. The worker's watchdog imports the same numbers to stop a run that goes past them.
 *
 * The estimate counts engine events: periodic timers (heartbeats, polls, sync and flush ticks,
 * fetch long-polls, reconnect attempts), each over the whole run, as if always armed, and
 * per-message work (publish, network hops, replication, delivery, processing, acknowledgements)
 * times fan-out (queues a message reaches, replicas, consumer groups) times the attempts a
 * publisher may make. It is deliberately generous: `npm run fuzz` runs accepted scenarios with the
 * estimate as a hard event cap and reports any that go past it.
 */
import { topicMatches } from '../engine/brokers/rabbitmq/routing';
import type { KafkaScenario } from './systems/kafka';
import type { RabbitMqScenario } from './systems/rabbitmq';
import type { RocketMqScenario } from './systems/rocketmq';
import type { SingleNodeScenario } from './systems/single-node';

/**
 * Most engine events an accepted scenario may be estimated to need. The largest benchmark
 * workload (Kafka, one simulated hour at 2,000 records/s, 6 partitions x RF 3, 2 groups) fires
 * about 69 million events and is estimated at under 180 million; a run of 250 million events
 * takes the engine about six minutes on the benchmark machine.
 */
export const MAX_EVENTS = 250_000_000;

/**
 * Most messages an accepted scenario may publish in all (each producer's `messages`, or what its
 * rate allows within the run if that is fewer). The Kafka benchmark publishes 7.2 million.
 */
export const MAX_MESSAGES = 10_000_000;

/** The engine's clock counts integer microseconds. */
const US_PER_MS = 1000;

type AnyScenario = SingleNodeScenario | KafkaScenario | RabbitMqScenario | RocketMqScenario;

/** One contribution to the estimate, with the field that controls it. */
export interface WorkPart {
  /** Dotted path of the field to change, as validation issues name fields. */
  path: string;
  /** What the events are, in a few words (English; for the message and the CLI). */
  what: string;
  events: number;
}

/** The estimate of a scenario's work. */
export interface WorkEstimate {
  /** Upper-bound estimate of engine events. */
  events: number;
  /** Messages the producers publish in all (first attempts). */
  messages: number;
  /** The contributions, largest first. */
  parts: WorkPart[];
}

/** A budget violation, in the shape of a validation issue. */
export interface BudgetIssue {
  path: (string | number)[];
  message: string;
}

/** Messages a producer publishes within the run: its `messages`, or fewer if the rate or time run out. */
export function effectiveMessages(
  p: { messages: number; ratePerSec: number; startMs: number },
  durationMs: number,
): number {
  const window = Math.max(0, durationMs - p.startMs);
  return Math.min(p.messages, Math.floor((p.ratePerSec * window) / 1000) + 1);
}

/** Events of a timer firing every `intervalMs` for the whole run, `times` over, `cost` each. */
function periodic(durationMs: number, intervalMs: number, times: number, cost: number): number {
  // Intervals below a microsecond are clamped by the engine to one microsecond.
  const us = Math.max(1, Math.round(intervalMs * US_PER_MS));
  return Math.ceil((durationMs * US_PER_MS) / us) * times * cost;
}

/**
 * Attempts per message a publisher may make: 1 without retries; with retries, more the more the
 * network loses and the more faults the schedule holds, up to its attempt limit.
 */
function attempts(s: AnyScenario, maxAttempts: number): number {
  if (maxAttempts <= 1) return 1;
  const loss = Math.max(s.network.lossRate, ...s.network.links.map((l) => l.lossRate ?? 0));
  const disruptive = s.faults.filter((f) => f.type !== 'slow-consumer').length;
  // A request and its answer both cross the network; a fault can fail every message in flight
  // or queued at a node, once per fault.
  const failShare = Math.min(1, 1 - (1 - loss) ** 2 + Math.min(1, disruptive * 0.25));
  // Only messages caught by a loss or a fault are retried; most of those succeed on the next
  // attempt once the fault heals, so the multiplier is capped at four attempts.
  return 1 + Math.min(maxAttempts - 1, 3) * failShare;
}

/** Per-fault allowance: elections, reconnections, redeliveries and the like a fault sets off. */
function faultParts(s: AnyScenario, perMessage: number, messages: number): WorkPart[] {
  let counted = 0;
  for (const f of s.faults) {
    counted += 2000;
    if (f.type === 'drop-next' || f.type === 'duplicate-next' || f.type === 'delay-next')
      counted += f.count * perMessage;
  }
  // A crash, restart or partition can send every message back once more (redelivery).
  const disruptive = s.faults.filter((f) => f.type !== 'slow-consumer').length;
  counted += Math.min(disruptive, 4) * 0.25 * messages * perMessage;
  return counted > 0
    ? [{ path: 'faults', what: 'fault handling and redelivery', events: counted }]
    : [];
}

function singleNodeParts(s: SingleNodeScenario): { parts: WorkPart[]; messages: number } {
  const d = s.durationMs;
  const parts: WorkPart[] = [
    {
      path: 'broker.syncIntervalMs',
      what: 'broker fsync ticks',
      events: periodic(d, s.broker.syncIntervalMs, 1, 2),
    },
  ];
  let messages = 0;
  let perMessageMax = 0;
  s.producers.forEach((p, i) => {
    const n = effectiveMessages(p, d);
    messages += n;
    const tries = p.confirms && p.republishUnconfirmed ? attempts(s, p.maxAttempts) : 1;
    // publish tick, publish hop, store, confirm and its timeout, delivery, processing, ack.
    const perMessage = 12 * tries;
    perMessageMax = Math.max(perMessageMax, perMessage);
    parts.push({ path: `producers.${i}.messages`, what: 'messages', events: n * perMessage });
    parts.push(...clientTimers(d, `producers.${i}`, p));
  });
  s.consumers.forEach((c, i) => parts.push(...clientTimers(d, `consumers.${i}`, c)));
  if (s.forward) {
    const f = s.forward;
    // F1's forwarding consumer: every message may make a second trip, through a new queue to
    // one of its consumers; the forwarder keeps a connection (heartbeats) to each new queue, and
    // each new consumer heartbeats every 60 s and retries its connection every 5 s (index.ts).
    parts.push({
      path: 'forward.queues',
      what: 'forwarded messages and the new queues’ clients',
      events:
        messages * perMessageMax +
        s.consumers
          .filter((c) => c.forward)
          .reduce(
            (sum, c) =>
              sum +
              f.queues *
                (periodic(d, Math.max(1, c.heartbeatMs), 1, 4) +
                  periodic(d, c.reconnectDelayMs, 1, 3)),
            0,
          ) +
        f.queues * f.consumersPerQueue * (periodic(d, 60_000, 1, 4) + periodic(d, 5_000, 1, 3)),
    });
  }
  parts.push(...faultParts(s, perMessageMax, messages));
  return { parts, messages };
}

/** An AMQP client's heartbeats and reconnect attempts, as if it were always at them. */
function clientTimers(
  d: number,
  path: string,
  c: { heartbeatMs: number; reconnectDelayMs: number },
): WorkPart[] {
  return [
    {
      path: `${path}.heartbeatMs`,
      what: 'heartbeats',
      events: periodic(d, Math.max(1, c.heartbeatMs), 1, 4),
    },
    {
      path: `${path}.reconnectDelayMs`,
      what: 'reconnect attempts',
      events: periodic(d, c.reconnectDelayMs, 1, 3),
    },
  ];
}

function kafkaParts(s: KafkaScenario): { parts: WorkPart[]; messages: number } {
  const d = s.durationMs;
  const t = s.topic;
  const brokers = s.brokers.length;
  const rf = t['replication.factor'];
  const partitions = t.partitions;
  const groups = Math.max(1, new Set(s.consumers.map((c) => c['group.id'])).size);
  const parts: WorkPart[] = [
    {
      path: 'controller.broker.heartbeat.interval.ms',
      what: 'broker heartbeats',
      events: periodic(d, s.controller['broker.heartbeat.interval.ms'], brokers + 1, 3),
    },
    {
      path: 'topic.replica.lag.time.max.ms',
      what: 'ISR checks',
      events: periodic(d, t['replica.lag.time.max.ms'] / 2, brokers, 1),
    },
    {
      path: 'topic.replica.fetch.wait.max.ms',
      what: 'follower fetches',
      events: periodic(d, t['replica.fetch.wait.max.ms'], partitions * (rf - 1), 4),
    },
    {
      path: 'topic.log.retention.check.interval.ms',
      what: 'retention checks',
      events: periodic(d, t['log.retention.check.interval.ms'], brokers, 1),
    },
    // Replica watchdogs (every 7.5 s) and group session checks (every second).
    { path: 'durationMs', what: 'broker housekeeping', events: periodic(d, 1000, brokers, 3) },
  ];
  const flush = t['flush.ms'];
  if (flush !== undefined)
    parts.push({
      path: 'topic.flush.ms',
      what: 'flush ticks',
      events: periodic(d, flush, partitions * rf, 2),
    });
  let messages = 0;
  let perMessageMax = 0;
  s.producers.forEach((p, i) => {
    const n = effectiveMessages(p, d);
    messages += n;
    const maxTries =
      p.retries === 0
        ? 1
        : Math.min(
            p.retries + 1,
            Math.ceil(p['delivery.timeout.ms'] / Math.max(1, p['retry.backoff.ms'])),
            100,
          );
    // tick, produce request and response, leader append and flush, a fetch per follower, a
    // fetch response, processing and commit per group, and transaction markers.
    const perMessage =
      (8 + 3 * (rf - 1) + 5 * groups + (p['transactional.id'] !== undefined ? 4 : 0)) *
      attempts(s, maxTries);
    perMessageMax = Math.max(perMessageMax, perMessage);
    parts.push({ path: `producers.${i}.messages`, what: 'records', events: n * perMessage });
    parts.push({
      path: `producers.${i}.retry.backoff.ms`,
      what: 'producer retries',
      events: periodic(d, p['retry.backoff.ms'], 1, 1),
    });
  });
  s.consumers.forEach((c, i) => {
    parts.push({
      path: `consumers.${i}.heartbeat.interval.ms`,
      what: 'consumer heartbeats',
      events: periodic(d, c['heartbeat.interval.ms'], 1, 3),
    });
    parts.push({
      path: `consumers.${i}.fetch.max.wait.ms`,
      what: 'consumer fetches',
      events: periodic(d, c['fetch.max.wait.ms'], partitions, 4),
    });
  });
  parts.push(...faultParts(s, perMessageMax, messages));
  return { parts, messages };
}

/** How many queues a publish can reach: bindings that match one of its keys, through exchanges. */
function rabbitFanOut(s: RabbitMqScenario, p: RabbitMqScenario['publishers'][number]): number {
  const vhost = s.vhosts.find((v) => v.name === p.vhost);
  if (!vhost) return 1;
  const reach = (exchange: string, key: string, depth: number): number => {
    if (exchange === '') return 1;
    const ex = vhost.exchanges.find((e) => e.name === exchange);
    if (!ex || depth > 4) return 1;
    let n = 0;
    for (const b of vhost.bindings) {
      if (b.source !== exchange) continue;
      const hit =
        ex.type === 'fanout' || ex.type === 'headers'
          ? true
          : ex.type === 'topic'
            ? topicMatches(b.routingKey, key)
            : b.routingKey === key;
      if (!hit) continue;
      n += b.destinationType === 'exchange' ? reach(b.destination, key, depth + 1) : 1;
    }
    const alt = ex.arguments['alternate-exchange'];
    if (alt !== undefined) n += reach(alt, key, depth + 1);
    return Math.max(1, n);
  };
  // Dead-lettering can send a message on once more from each queue.
  const dlx = vhost.queues.some((q) => q.arguments['x-dead-letter-exchange'] !== undefined) ? 2 : 1;
  return Math.max(...p.routingKeys.map((k) => reach(p.exchange, k, 0))) * dlx;
}

function rabbitParts(s: RabbitMqScenario): { parts: WorkPart[]; messages: number } {
  const d = s.durationMs;
  const c = s.cluster;
  const nodes = c.nodes.length;
  const parts: WorkPart[] = [
    {
      path: 'cluster.syncIntervalMs',
      what: 'message-store sync ticks',
      events: periodic(d, c.syncIntervalMs, nodes, 2),
    },
    {
      path: 'cluster.netTicktimeMs',
      what: 'inter-node ticks',
      events: periodic(d, c.netTicktimeMs / 4, nodes, 1 + 2 * (nodes - 1)),
    },
    {
      path: 'cluster.consumerTimeoutMs',
      what: 'consumer-timeout sweeps',
      events: periodic(d, Math.max(1000, c.consumerTimeoutMs / 10), nodes, 1),
    },
  ];
  // A mirrored or quorum queue copies each message to every member.
  const members = nodes;
  let messages = 0;
  let perMessageMax = 0;
  s.publishers.forEach((p, i) => {
    const n = effectiveMessages(p, d);
    messages += n;
    const tries = p.confirms && p.republishUnconfirmed ? attempts(s, p.maxAttempts) : 1;
    // tick, a proxy hop, store, confirm and its timeout; per queue reached: enqueue, sync,
    // delivery (through a proxy), processing, ack, expiry, and two hops per mirror.
    const perMessage = (6 + rabbitFanOut(s, p) * (10 + 3 * (members - 1))) * tries;
    perMessageMax = Math.max(perMessageMax, perMessage);
    parts.push({ path: `publishers.${i}.messages`, what: 'messages', events: n * perMessage });
    parts.push(...clientTimers(d, `publishers.${i}`, p));
  });
  s.consumers.forEach((k, i) => {
    parts.push(...clientTimers(d, `consumers.${i}`, k));
    if (k.mode === 'get')
      parts.push({
        path: `consumers.${i}.pollMs`,
        what: 'basic.get polls',
        events: periodic(d, k.pollMs, k.channels, 4),
      });
  });
  parts.push(...faultParts(s, perMessageMax, messages));
  return { parts, messages };
}

function rocketMqParts(s: RocketMqScenario): { parts: WorkPart[]; messages: number } {
  const d = s.durationMs;
  const nodes = s.brokers.length;
  const slaves = s.brokers.filter((b) => b.brokerId > 0).length;
  const ns = s.nameServers.length;
  const queues = s.topics.reduce((a, t) => a + t.brokers.length * (t.readQueueNums + 1), 0);
  const groups = Math.max(1, s.consumers.length);
  const clients = s.producers.length + s.consumers.length;
  const parts: WorkPart[] = [
    {
      path: 'registerNameServerPeriod',
      what: 'broker registrations',
      events: periodic(d, s.registerNameServerPeriod, nodes * ns, 2),
    },
    {
      path: 'pollNameServerInterval',
      what: 'route polls',
      events: periodic(d, s.pollNameServerInterval, clients, 4),
    },
    {
      path: 'rebalanceInterval',
      what: 'rebalances',
      events: periodic(d, s.rebalanceInterval, s.consumers.length, 2),
    },
    {
      path: 'transactionCheckInterval',
      what: 'transaction checks',
      events: periodic(d, s.transactionCheckInterval, nodes, 2),
    },
    // NameServer scans (10 s), HA heartbeats (5 s) and long polls held 15 s per queue and consumer.
    { path: 'durationMs', what: 'broker housekeeping', events: periodic(d, 1000, nodes + ns, 2) },
    { path: 'durationMs', what: 'held pulls', events: periodic(d, 15_000, queues * groups, 4) },
  ];
  s.brokers.forEach((b, i) => {
    if (b.flushDiskType === 'ASYNC_FLUSH')
      parts.push({
        path: `brokers.${i}.flushIntervalCommitLog`,
        what: 'flush ticks',
        events: periodic(d, b.flushIntervalCommitLog, 1, 2),
      });
  });
  let messages = 0;
  let perMessageMax = 0;
  const fails = Math.max(0, ...s.consumers.map((c) => Math.min(c.failTimes, 18)));
  s.producers.forEach((p, i) => {
    const n = effectiveMessages(p, d);
    messages += n;
    const tries = attempts(
      s,
      p.sendMode === 'sync' ? 1 + p.retryTimesWhenSendFailed : 1 + p.retryTimesWhenSendAsyncFailed,
    );
    // tick, send and answer, append and flush, a push and an ack per slave, a pull answer, the
    // listener, offsets; transactions add the local transaction and the second phase; each
    // failed consumption sends the message back through the schedule again.
    const perMessage =
      (10 + 4 * slaves + (p.transaction ? 6 : 0) + 6 * groups * (1 + fails)) * tries;
    perMessageMax = Math.max(perMessageMax, perMessage);
    parts.push({ path: `producers.${i}.messages`, what: 'messages', events: n * perMessage });
  });
  s.consumers.forEach((c, i) => {
    parts.push({
      path: `consumers.${i}.persistConsumerOffsetInterval`,
      what: 'offset persists',
      events: periodic(d, c.persistConsumerOffsetInterval, queues, 2),
    });
  });
  parts.push(...faultParts(s, perMessageMax, messages));
  return { parts, messages };
}

/** Estimates a validated scenario's work. Pure and fast (no run). */
export function estimateWork(s: AnyScenario): WorkEstimate {
  let r: { parts: WorkPart[]; messages: number };
  switch (s.system) {
    case 'single-node':
      r = singleNodeParts(s);
      break;
    case 'kafka':
      r = kafkaParts(s);
      break;
    case 'rabbitmq':
      r = rabbitParts(s);
      break;
    case 'rocketmq':
      r = rocketMqParts(s);
      break;
    default: {
      const never: never = s;
      throw new Error(`unknown system ${JSON.stringify(never)}`);
    }
  }
  // Fault timers and the start of each client, a small fixed cost.
  const base = 1000 + 10 * s.faults.length;
  const parts = r.parts.filter((p) => p.events > 0).sort((a, b) => b.events - a.events);
  const events = Math.ceil(parts.reduce((a, p) => a + p.events, base));
  return { events, messages: r.messages, parts };
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Budget violations of a validated scenario: each names the field to change and the limit. */
export function budgetIssues(s: AnyScenario): BudgetIssue[] {
  const w = estimateWork(s);
  const issues: BudgetIssue[] = [];
  if (w.messages > MAX_MESSAGES) {
    const top = w.parts.find((p) => /\.messages$/.test(p.path));
    issues.push({
      path: splitPath(top?.path ?? 'durationMs'),
      message: `the producers would publish ${fmt(w.messages)} messages in all; the limit is ${fmt(MAX_MESSAGES)}: lower messages or ratePerSec, or shorten durationMs`,
    });
  }
  if (w.events > MAX_EVENTS) {
    const top = w.parts[0] as WorkPart;
    const share = Math.round((100 * top.events) / w.events);
    issues.push({
      path: splitPath(top.path),
      message:
        `the run would need about ${fmt(w.events)} engine events, over the budget of ${fmt(MAX_EVENTS)}; ` +
        `${share}% are ${top.what} set by this field: ` +
        (top.path.endsWith('messages') || top.path === 'faults' || top.path === 'durationMs'
          ? 'lower it, or shorten durationMs'
          : 'raise it, or shorten durationMs'),
    });
  }
  return issues;
}

function splitPath(p: string): (string | number)[] {
  // Field names contain dots (Kafka's knob names), so split only at array indices and known
  // object keys: `consumers.0.fetch.max.wait.ms` -> ['consumers', 0, 'fetch.max.wait.ms'].
  const m = /^([a-z]+)\.(\d+)\.(.+)$/.exec(p);
  if (m) return [m[1] as string, Number(m[2]), m[3] as string];
  const o = /^(broker|cluster|topic|controller)\.(.+)$/.exec(p);
  if (o) return [o[1] as string, o[2] as string];
  return [p];
}
