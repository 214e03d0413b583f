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
}

export const GLOSSARY = {
  producer: { zh: '生产者', en: 'producer' },
  consumer: { zh: '消费者', en: 'consumer' },
  consumerGroup: { zh: '消费者组', en: 'consumer group' },
  broker: { zh: 'broker', en: 'broker' },
  exchange: { zh: '交换机', en: 'exchange' },
  queue: { zh: '队列', en: 'queue' },
  binding: { zh: '绑定', en: 'binding' },
  routingKey: { zh: '路由键（routing key）', en: 'routing key' },
  channel: { zh: '信道（channel）', en: 'channel' },
  connection: { zh: '连接', en: 'connection' },
  partition: { zh: '分区', en: 'partition' },
  replica: { zh: '副本', en: 'replica' },
  leader: { zh: 'leader', en: 'leader' },
  follower: { zh: 'follower', en: 'follower' },
  isr: { zh: 'ISR（同步副本集合）', en: 'ISR (in-sync replicas)' },
  highWatermark: { zh: '高水位（HW）', en: 'high watermark' },
  offset: { zh: 'offset', en: 'offset' },
  pageCache: { zh: '页缓存（page cache）', en: 'page cache' },
  fsync: { zh: '刷盘（fsync）', en: 'fsync' },
  deadLetterQueue: { zh: '死信队列', en: 'dead-letter queue' },
  deadLettered: { zh: '成为死信', en: 'dead-lettered' },
  duplicateConsumption: { zh: '重复消费', en: 'duplicate consumption' },
  backlog: { zh: '消息积压', en: 'backlog' },
  orderedMessages: { zh: '顺序消息', en: 'ordered messages' },
  peakShaving: { zh: '削峰', en: 'peak shaving' },
  uncleanElection: { zh: 'unclean leader 选举（非 ISR 副本当选）', en: 'unclean leader election' },
  publisherConfirm: { zh: '发布确认（publisher confirm）', en: 'publisher confirm' },
  mirroredQueue: { zh: '镜像队列', en: 'mirrored queue' },
  quorumQueue: { zh: '仲裁队列（quorum queue）', en: 'quorum queue' },
  classicQueue: { zh: '经典队列（classic queue）', en: 'classic queue' },
  transactionCoordinator: {
    zh: '事务协调器（Transaction Coordinator）',
    en: 'transaction coordinator',
  },
  generation: { zh: 'generation（组代数）', en: 'generation' },
  rebalance: { zh: '重平衡（rebalance）', en: 'rebalance' },
  // anomaly names
  lost: { zh: '丢失', en: 'lost' },
  duplicated: { zh: '重复', en: 'duplicated' },
  reordered: { zh: '乱序', en: 'reordered' },
  unexpected: { zh: '不该出现', en: 'unexpected' },
  recovered: { zh: '不确定送达', en: 'recovered' },
} as const satisfies Record<string, Term>;

export type TermKey = keyof typeof GLOSSARY;

/** A glossary term in one language. */
export function term(key: TermKey, lang: 'zh' | 'en'): string {
  return GLOSSARY[key][lang];
}
