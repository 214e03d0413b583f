/**
 * The glossary: one term per concept, in Chinese and English. The UI, the inspectors, the knob
 * texts and the mechanism catalogue all take their words from here, so a learner meets one Chinese
 * word for one idea everywhere (生产者, never 发布者 in one place and 生产者 in another).
 *
 * Chinese is written as Chinese engineers say it: real knob and protocol names stay in Latin
 * letters (acks, ISR, offset, leader, basic.ack), everything else is Chinese.
 */
export interface Term {
  zh: string;
  en: string;
  /**
   * The Chinese term alone, for the second and later mentions in one text, when `zh` carries an
   * English gloss for the first mention (`页缓存（page cache）` -> `页缓存`).
   */
  short?: string;
}

export const GLOSSARY = {
  // roles
  producer: { zh: '生产者', en: 'producer' },
  consumer: { zh: '消费者', en: 'consumer' },
  consumerGroup: { zh: '消费者组', en: 'consumer group' },
  broker: { zh: 'broker', en: 'broker' },
  controller: { zh: '控制器', en: 'controller' },
  nameserver: { zh: 'nameserver', en: 'nameserver' },
  exchange: { zh: '交换机', en: 'exchange' },
  alternateExchange: { zh: '备用交换机', en: 'alternate exchange' },
  queue: { zh: '队列', en: 'queue' },
  binding: { zh: '绑定', en: 'binding' },
  bindingKey: { zh: '绑定键（binding key）', en: 'binding key', short: '绑定键' },
  routingKey: { zh: '路由键（routing key）', en: 'routing key', short: '路由键' },
  messageKey: { zh: 'key', en: 'key' },
  channel: { zh: '信道（channel）', en: 'channel', short: '信道' },
  connection: { zh: '连接', en: 'connection' },
  policy: { zh: '策略（policy）', en: 'policy', short: '策略' },
  partition: { zh: '分区', en: 'partition' },
  replica: { zh: '副本', en: 'replica' },
  leader: { zh: 'leader', en: 'leader' },
  follower: { zh: 'follower', en: 'follower' },
  mirror: { zh: '镜像', en: 'mirror' },
  isr: { zh: 'ISR（同步副本集合）', en: 'ISR (in-sync replicas)', short: 'ISR' },
  highWatermark: { zh: '高水位（HW）', en: 'high watermark', short: '高水位' },
  logEndOffset: { zh: 'LEO（日志末端 offset）', en: 'log end offset', short: 'LEO' },
  logStartOffset: { zh: '日志起始 offset', en: 'log start offset' },
  leaderEpoch: { zh: 'leader epoch', en: 'leader epoch' },
  segment: { zh: '日志段（segment）', en: 'segment', short: '日志段' },
  offset: { zh: 'offset', en: 'offset' },
  committedOffset: { zh: '已提交的 offset', en: 'committed offset' },
  position: { zh: '消费位置（position）', en: 'position', short: '消费位置' },
  pageCache: { zh: '页缓存（page cache）', en: 'page cache', short: '页缓存' },
  fsync: { zh: '刷盘（fsync）', en: 'fsync', short: '刷盘' },
  deliveryTag: { zh: 'delivery-tag', en: 'delivery tag' },
  prefetch: { zh: '预取（prefetch）', en: 'prefetch', short: '预取' },
  // message fates and the words learners search for
  deadLetterQueue: { zh: '死信队列', en: 'dead-letter queue' },
  deadLettered: { zh: '成为死信', en: 'dead-lettered' },
  deadLetterExchange: { zh: '死信交换机', en: 'dead-letter exchange' },
  transaction: { zh: '事务（transaction）', en: 'transaction', short: '事务' },
  duplicateConsumption: { zh: '重复消费', en: 'duplicate consumption' },
  backlog: { zh: '消息积压', en: 'backlog' },
  consumerLag: { zh: '消费滞后（lag）', en: 'consumer lag', short: '消费滞后' },
  orderedMessages: { zh: '顺序消息', en: 'ordered messages' },
  peakShaving: { zh: '削峰', en: 'peak shaving' },
  uncleanElection: {
    zh: 'unclean leader 选举（非 ISR 副本当选）',
    en: 'unclean leader election',
    short: 'unclean leader 选举',
  },
  publisherConfirm: {
    zh: '发布确认（publisher confirm）',
    en: 'publisher confirm',
    short: '发布确认',
  },
  mirroredQueue: { zh: '镜像队列', en: 'mirrored queue' },
  quorumQueue: { zh: '仲裁队列（quorum queue）', en: 'quorum queue', short: '仲裁队列' },
  classicQueue: { zh: '经典队列（classic queue）', en: 'classic queue', short: '经典队列' },
  transactionCoordinator: {
    zh: '事务协调器（Transaction Coordinator）',
    en: 'transaction coordinator',
    short: '事务协调器',
  },
  groupCoordinator: {
    zh: '组协调器（group coordinator）',
    en: 'group coordinator',
    short: '组协调器',
  },
  generation: { zh: 'generation（组代数）', en: 'generation', short: 'generation' },
  rebalance: { zh: '重平衡（rebalance）', en: 'rebalance', short: '重平衡' },
  idempotentProducer: { zh: '幂等生产者', en: 'idempotent producer' },
  exactlyOnce: { zh: '精确一次（exactly-once）', en: 'exactly-once', short: '精确一次' },
  atLeastOnce: { zh: '至少一次（at-least-once）', en: 'at-least-once', short: '至少一次' },
  atMostOnce: { zh: '至多一次（at-most-once）', en: 'at-most-once', short: '至多一次' },
  networkPartition: { zh: '网络分区', en: 'network partition' },
  // anomaly names (findings D: 找回 reads as "a lost message was retrieved", 意外 as "accident")
  lost: { zh: '丢失', en: 'lost' },
  duplicated: { zh: '重复', en: 'duplicated' },
  reordered: { zh: '乱序', en: 'reordered' },
  unexpected: { zh: '不该出现', en: 'unexpected' },
  recovered: { zh: '不确定送达', en: 'recovered' },
  // states a node or client shows in the inspector
  up: { zh: '在线', en: 'up' },
  crashed: { zh: '已崩溃', en: 'crashed' },
  paused: { zh: '已暂停', en: 'paused' },
  connOpen: { zh: '已连接', en: 'open' },
  connConnecting: { zh: '连接中', en: 'connecting' },
  connClosed: { zh: '已断开', en: 'closed' },
  phaseJoining: { zh: '正在加入消费者组', en: 'joining' },
  phaseIdle: { zh: '空闲', en: 'idle' },
  phaseProcessing: { zh: '处理中', en: 'processing' },
  phaseCommitting: { zh: '提交 offset 中', en: 'committing' },
  // where a consumer writes what it processed (the scenario's `sink` values)
  sinkInsert: { zh: '普通插入表', en: 'insert' },
  sinkUniqueKey: { zh: '唯一键表', en: 'unique-key' },
  sinkSet: { zh: '集合', en: 'set' },
  sinkDedupTable: { zh: '去重表', en: 'dedup-table' },
} as const satisfies Record<string, Term>;

export type TermKey = keyof typeof GLOSSARY;

/** A glossary term in one language. */
export function term(key: TermKey, lang: 'zh' | 'en'): string {
  return GLOSSARY[key][lang];
}

/** A glossary term without its gloss, for a second mention: `页缓存`, `信道`, `ISR`. */
export function short(key: TermKey, lang: 'zh' | 'en'): string {
  const t: Term = GLOSSARY[key];
  return lang === 'zh' ? (t.short ?? t.zh) : t.en;
}

/** The term in both languages, as a text the UI picks from. */
export function both(key: TermKey): Term {
  const t: Term = GLOSSARY[key];
  return { zh: t.zh, en: t.en };
}

/** Chinese terms by key, for building zh strings: `${ZH.exchange}`. */
export const ZH: { readonly [K in TermKey]: string } = Object.fromEntries(
  Object.entries(GLOSSARY).map(([k, v]) => [k, v.zh]),
) as { readonly [K in TermKey]: string };

/** Chinese terms without their gloss, by key: `${ZH_SHORT.channel}` is `信道`. */
export const ZH_SHORT: { readonly [K in TermKey]: string } = Object.fromEntries(
  Object.entries(GLOSSARY).map(([k, v]) => [k, (v as Term).short ?? v.zh]),
) as { readonly [K in TermKey]: string };
