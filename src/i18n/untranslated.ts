/**
 * Finds words left in English in Chinese text. Used by the unit test over every zh string and by
 * the e2e test over the rendered zh UI; the allowlist is built from data (the scenario format's
 * knob names, the scenario's own node and queue names) plus a short list of protocol and product
 * words that Chinese engineers write in Latin letters.
 *
 * Not imported by the page: it pulls in the scenario schema.
 */
import { scenarioJsonSchema } from '../scenario/json-schema';
import { parseScenario } from '../scenario/load';
import { GLOSSARY } from '../engine/text/glossary';

/**
 * Protocol, product and standard names that stay in Latin letters in Chinese technical writing
 * (each is what a learner types or reads in the real broker's docs). Real knob names come from the
 * schema (`schemaWords`); these are the ones that are not scenario fields.
 */
// prettier-ignore
export const PROTOCOL_WORDS: readonly string[] = [
  // products, formats, units
  'Brokerlab', 'Apache', 'Kafka', 'KRaft',
  // the minor-version wildcard of "Kafka 3.x", "RocketMQ 4.9.x"
  'x', 'RabbitMQ', 'RocketMQ', 'AMQP', 'Raft', 'CLI', 'JSON', 'URL',
  // units and the CLI's own flags
  'MB', 'GB', 'Node', 'max-events', 'max-wall-s',
  // capacity: Chinese engineers say QPS, not 每秒查询数
  'QPS',
  // JSON Patch (RFC 6902) and JSON Pointer, the format of a scenario's variants
  'Patch', 'Pointer', 'add', 'replace', 'remove',
  'base64', 'TCP', 'trace', 'ms', 's', 'TTL', 'ID', 'PID', 'p50', 'p99', 'Java', 'murmur2',
  // keyboard keys
  'Shift', 'Home', 'End', 'Esc',
  // roles and fields Chinese engineers write in English
  'broker', 'nameserver', 'leader', 'follower', 'offset', 'topic', 'key', 'vhost', 'fsync',
  // Kafka
  // a Kafka producer setting the model does not have, and the rebalance protocol's name
  'transaction.timeout.ms', 'eager',
  // RabbitMQ plugin and partition-handling names, RocketMQ 5.x's consumer type, as their docs spell them
  'Streams', 'Shovel', 'Federation', 'pause_if_all_down', 'POP', 'SQL',
  'ISR', 'HW', 'LEO', 'LSO', 'epoch', 'generation', 'unclean', 'acks', 'all', 'retries', 'producerId',
  // the usual short name of max.in.flight.requests.per.connection
  'max.in.flight',
  // AMQP methods, fields, exchange and queue types
  'basic.publish', 'basic.deliver', 'basic.ack', 'basic.nack', 'basic.reject', 'basic.get',
  'basic.return', 'basic.consume', 'basic.consume-ok', 'basic.get-empty', 'basic.qos',
  'tx.select', 'tx.commit', 'tx.commit-ok', 'tx.rollback', 'confirm.select', 'delivery-tag',
  'ack', 'nack', 'prefetch', 'mandatory', 'durable', 'exclusive', 'direct', 'fanout', 'headers',
  // RocketMQ storage, statuses, listener results and system topics
  'CommitLog', 'ConsumeQueue', 'PageCache', 'master', 'slave', 'tag', 'orders', 'SEND_OK',
  'FLUSH_DISK_TIMEOUT', 'FLUSH_SLAVE_TIMEOUT', 'SLAVE_NOT_AVAILABLE', 'SERVICE_NOT_AVAILABLE',
  'RECONSUME_LATER', 'UNKNOW', 'onException', 'BROKER_CHANNEL_EXPIRED_TIME', 'CONNECT_REFUSED',
  'CONNECTION_RESET', 'TIMEOUT', 'CONSUME_FROM_LAST_OFFSET', '%RETRY%', '%DLQ%', 'RETRY', 'DLQ',
  'SCHEDULE_TOPIC_XXXX', 'RMQ_SYS_TRANS_HALF_TOPIC', 'DLedger',
  // RocketMQ client and broker classes, methods and settings, as its docs and source name them
  'RebalanceService', 'rocketmq.client.rebalance.waitInterval', 'defaultTopicQueueNums',
  'SendResult', 'MessageQueueSelector', 'Message.setTags', 'Message.setDelayTimeLevel',
  'messageDelayLevel', 'TransactionListener', 'checkLocalTransaction',
  'MessageListenerConcurrently', 'MessageListenerOrderly',
  'classic', 'quorum', 'x-match', 'x-death', 'autoheal', 'net_ticktime', 'no-ack', 'multiple',
  'RESOURCE_LOCKED', 'expiration',
  // RabbitMQ configuration (rabbitmq.conf), tools and client settings
  'cluster_partition_handling', 'consumer_timeout', 'rabbitmqctl', 'set_policy',
  'networkRecoveryInterval',
  // Kafka tools and error codes
  'kafka-topics.sh', 'replica-assignment', 'NotEnoughReplicas',
  // Kafka request names
  'Produce', 'Fetch', 'OffsetCommit', 'JoinGroup', 'LeaveGroup', 'LeaderAndIsr', 'AlterPartition',
  'BrokerHeartbeat',
];

/** Latin-letter tokens of a text: `acks=all`, `min.insync.replicas`, `broker-1`, `basic.ack`. */
export function latinTokens(text: string): string[] {
  return text.match(/[A-Za-z][A-Za-z0-9_]*(?:[.\-@=][A-Za-z0-9_]+)*/g) ?? [];
}

let schemaCache: ReturnType<typeof readSchema> | undefined;

/** Property names and enum values anywhere in the scenario format's JSON Schema (computed once). */
export function schemaWords(): ReturnType<typeof readSchema> {
  schemaCache ??= readSchema();
  return schemaCache;
}

function readSchema(): {
  knobs: Set<string>;
  values: Set<string>;
  /** The enum values a field (by name, anywhere in the format) may take. */
  valuesOf: Map<string, Set<string>>;
} {
  const knobs = new Set<string>();
  const values = new Set<string>();
  const valuesOf = new Map<string, Set<string>>();
  const walk = (n: unknown, field: string): void => {
    if (Array.isArray(n)) {
      n.forEach((x) => walk(x, field));
      return;
    }
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    const add = (v: unknown): void => {
      values.add(String(v));
      const set = valuesOf.get(field) ?? new Set<string>();
      set.add(String(v));
      valuesOf.set(field, set);
    };
    if (Array.isArray(o['enum'])) (o['enum'] as unknown[]).forEach(add);
    if (typeof o['const'] === 'string') add(o['const']);
    for (const [k, v] of Object.entries(o)) {
      if (k === 'properties' && v && typeof v === 'object')
        for (const [name, sub] of Object.entries(v as Record<string, unknown>)) {
          knobs.add(name);
          walk(sub, name);
        }
      else walk(v, field);
    }
  };
  walk(scenarioJsonSchema(), '');
  knobs.delete('$schema');
  return { knobs, values, valuesOf };
}

/** Every identifier-like string value in a scenario document: node ids, queue and group names. */
export function scenarioNames(doc: unknown): Set<string> {
  const out = new Set<string>();
  const walk = (n: unknown, key: string): void => {
    if (key === 'title' || key === 'description') return;
    if (typeof n === 'string') for (const t of latinTokens(n)) out.add(t);
    else if (Array.isArray(n)) n.forEach((x) => walk(x, key));
    else if (n && typeof n === 'object')
      for (const [k, v] of Object.entries(n as Record<string, unknown>)) walk(v, k);
  };
  walk(doc, '');
  return out;
}

/**
 * A knob name is a schema property shaped like a configuration key: dotted (`linger.ms`), dashed
 * (`x-max-length`) or camelCase (`deliveryMode`). Plain words (`queue`, `name`, `kind`) are
 * scenario structure, not names a Chinese text may leave in English.
 */
function knobShaped(k: string): boolean {
  return /[.\-A-Z]/.test(k);
}

export interface Allowlist {
  has(token: string): boolean;
  /** One-word glossary terms that must be written in Chinese (`exchange`, `queue`). */
  translated: ReadonlySet<string>;
}

/**
 * Names that are ids, not words: message keys as the models name them (`k0`, `k12`: see the
 * producers in `engine/brokers`), the curriculum's topic codes in preset titles (`B5`, `K18`), and
 * protocol error codes (`REQUEST_TIMED_OUT`, `NOT_LEADER_OR_FOLLOWER`).
 */
const ID_SHAPED = /^(k\d+|[A-Z]\d{1,2}|[A-Z]+(_[A-Z]+)+)$/;

/**
 * The allowlist for the given scenario documents (the one running, and every preset whose title
 * the menu shows), or for none (the static zh strings). Documents are read with their defaults
 * filled in (a Kafka controller's default id is `controller`).
 */
export function allowlist(docs: readonly unknown[] = [], extra: Iterable<string> = []): Allowlist {
  const { knobs, values } = schemaWords();
  const words = new Set<string>(PROTOCOL_WORDS);
  for (const k of knobs) if (knobShaped(k)) words.add(k);
  // Enum values shaped like identifiers (`drop-head`, `read_committed`) are what a user types.
  for (const v of values) if (/[-_]/.test(v)) words.add(v);
  // Node, queue and topic names, but not the enum values the document also holds (`crash`,
  // `uniform`, `insert`): those are words of the format, which the zh UI translates.
  const names = new Set<string>();
  for (const doc of docs) {
    const parsed = parseScenario(doc);
    for (const n of scenarioNames(parsed.ok ? parsed.value : doc)) names.add(n);
  }
  for (const v of values) names.delete(v);
  const extras = new Set(extra);
  const lower = new Set([...words].map((w) => w.toLowerCase()));
  // A one-word glossary term with a Chinese name (`exchange` -> 交换机) must be written in Chinese,
  // even where it is also a field name of the format; the protocol words above are exempt.
  const translated = new Set(
    Object.values(GLOSSARY)
      .filter((t) => !/\s/.test(t.en) && !t.zh.includes(t.en))
      .map((t) => t.en.toLowerCase())
      .filter((w) => !PROTOCOL_WORDS.some((p) => p.toLowerCase() === w)),
  );
  const one = (t: string): boolean =>
    extras.has(t) ||
    // a node id is a name even when it is a word (a Kafka controller's default id is `controller`)
    names.has(t) ||
    (!translated.has(t.toLowerCase()) &&
      (ID_SHAPED.test(t) ||
        lower.has(t.toLowerCase()) ||
        names.has(t) ||
        // a partition (`orders-0`) named after a topic of the scenario
        (/-\d+$/.test(t) && names.has(t.replace(/-\d+$/, '')))));
  return {
    translated,
    has(token: string): boolean {
      // `knob=value`: a known knob with a schema value or a number
      const eq = token.indexOf('=');
      if (eq > 0) {
        const k = token.slice(0, eq);
        const v = token.slice(eq + 1);
        return (
          (knobs.has(k) || one(k)) && (values.has(v) || /^(\d|true$|false$)/.test(v) || one(v))
        );
      }
      // `orders-0@broker-1`: a store id, two names
      if (token.includes('@')) return token.split('@').every(one);
      return one(token);
    },
  };
}

/**
 * Drops an English gloss in full-width parentheses right after a Chinese term (`页缓存（page
 * cache）`, `信道（channel）`): the term is translated, the gloss helps a learner search.
 */
export function withoutGlosses(text: string): string {
  return (
    text
      // an API call (`poll()`, `initTransactions()`) is code, named as the client library names it
      .replace(/[A-Za-z_][A-Za-z0-9_.]*\(\)/g, '')
      .replace(/([\u4e00-\u9fff])（[A-Za-z][A-Za-z0-9 ._-]*）/g, '$1')
  );
}

/** The tokens of `text` the allowlist does not cover, in order of appearance. */
export function untranslated(text: string, allow: Allowlist): string[] {
  return latinTokens(withoutGlosses(text)).filter((t) => !allow.has(t));
}
