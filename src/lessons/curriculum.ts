/**
 * The curriculum map (`curriculum.md`): every topic, its theme, and either the lesson that teaches
 * it or what blocks one. The home lists it grouped by theme; the report of what is left is this
 * table, so it cannot drift from what the app shows. Topic titles only: questions and lesson text
 * live in the lesson files.
 */
import type { Theme } from './schema';

type Bi = { en: string; zh: string };

export interface Topic {
  id: string;
  theme: Theme;
  title: Bi;
  /** The lesson's id (`content/<id>.json`), or null when there is none yet. */
  lesson: string | null;
  /** Why there is no lesson yet (what the models or the player lack). */
  blocked?: Bi;
}

const ROCKET_TITLES = {
  H1: { en: 'RocketMQ roles', zh: 'RocketMQ 的角色' },
  H2: { en: 'Send modes: sync, async, oneway', zh: '发送方式：同步、异步、单向' },
  H3: { en: 'Producer load balancing', zh: '生产者负载均衡' },
  H4: { en: 'Push vs pull; clustering vs broadcasting', zh: '推与拉；集群消费与广播消费' },
  H5: { en: 'Rebalance', zh: '重平衡' },
  H6: { en: 'Message model: topic, tag, queue', zh: '消息模型：topic、tag、队列' },
  H7: { en: 'Transactional (half) messages', zh: '事务（半）消息' },
  H8: { en: 'Delayed messages', zh: '延时消息' },
  H9: { en: 'Retry and dead-letter queues', zh: '重试队列与死信队列' },
} as const satisfies Record<string, Bi>;
/** The lessons of the RocketMQ topics (`content/<id>.json`). */
const ROCKET_LESSONS: Record<keyof typeof ROCKET_TITLES, string> = {
  H1: 'h1-nameserver-routes',
  H2: 'h2-send-modes',
  H3: 'h3-load-balancing',
  H4: 'h4-clustering-broadcasting',
  H5: 'h5-rebalance',
  H6: 'h6-tags',
  H7: 'h7-transactions',
  H8: 'h8-delay',
  H9: 'h9-retry-dlq',
};

export const TOPICS: readonly Topic[] = [
  { id: 'A1', theme: 'why', title: { en: 'Decoupling', zh: '解耦' }, lesson: 'a1-decoupling' },
  {
    id: 'A2',
    theme: 'why',
    title: { en: 'Asynchronous calls', zh: '异步' },
    lesson: 'a2-sync-vs-async',
  },
  {
    id: 'A3',
    theme: 'why',
    title: { en: 'Peak shaving', zh: '削峰' },
    lesson: 'a3-peak-shaving',
  },
  {
    id: 'A4',
    theme: 'why',
    title: { en: 'Drawbacks of a queue', zh: '引入消息队列的缺点' },
    lesson: 'a4-drawbacks',
  },
  {
    id: 'B1',
    theme: 'loss',
    title: { en: 'At-most-once, at-least-once, exactly-once', zh: '至多一次、至少一次、精确一次' },
    lesson: 'b1-delivery-semantics',
  },
  {
    id: 'B2',
    theme: 'loss',
    title: { en: 'Transactions vs publisher confirms', zh: '事务与发布确认' },
    lesson: 'b2-tx-vs-confirms',
  },
  {
    id: 'B3',
    theme: 'loss',
    title: { en: 'Durable queue and persistent messages', zh: '持久化队列与持久化消息' },
    lesson: 'b3-durable-persistent',
  },
  {
    id: 'B4',
    theme: 'loss',
    title: { en: 'autoAck vs manual ack', zh: 'autoAck 与手动确认' },
    lesson: 'b4-autoack-vs-manual',
  },
  {
    id: 'B5',
    theme: 'loss',
    title: { en: 'Kafka no-loss recipe', zh: 'Kafka 不丢消息的配方' },
    lesson: 'b5-no-loss-recipe',
  },
  {
    id: 'B6',
    theme: 'loss',
    title: { en: 'Why not persist everything', zh: '为什么不全部持久化' },
    lesson: 'b6-why-not-persist-all',
  },
  {
    id: 'B7',
    theme: 'loss',
    title: { en: 'Where messages get lost', zh: '消息可能丢在哪里' },
    lesson: 'b7-loss-points',
  },
  {
    id: 'C1',
    theme: 'duplicates',
    title: { en: 'Why duplicates happen', zh: '为什么会重复' },
    lesson: 'c1-duplicates',
  },
  {
    id: 'C2',
    theme: 'duplicates',
    title: { en: 'Idempotent consumer', zh: '幂等消费者' },
    lesson: 'c2-idempotent-consumer',
  },
  {
    id: 'C3',
    theme: 'duplicates',
    title: { en: 'Kafka idempotent producer', zh: 'Kafka 幂等生产者' },
    lesson: 'c3-idempotent-producer',
  },
  {
    id: 'D1',
    theme: 'ordering',
    title: { en: 'Reordering across queues', zh: '多队列导致乱序' },
    lesson: 'd1-two-paths',
  },
  {
    id: 'D2',
    theme: 'ordering',
    title: { en: 'RabbitMQ: a queue per key', zh: 'RabbitMQ：按 key 分队列' },
    lesson: 'd2-queue-per-key',
  },
  {
    id: 'D3',
    theme: 'ordering',
    title: { en: 'Same key, same partition', zh: '同 key 同分区' },
    lesson: 'd3-key-ordering',
  },
  {
    id: 'D4',
    theme: 'ordering',
    title: { en: 'Retries reorder', zh: '重试导致乱序' },
    lesson: 'd4-retry-reordering',
  },
  {
    id: 'E1',
    theme: 'availability',
    title: { en: 'RabbitMQ single node', zh: 'RabbitMQ 单节点' },
    lesson: 'e1-single-node',
  },
  {
    id: 'E2',
    theme: 'availability',
    title: { en: 'RabbitMQ classic cluster', zh: 'RabbitMQ 普通集群' },
    lesson: 'e2-classic-cluster',
  },
  {
    id: 'E3',
    theme: 'availability',
    title: { en: 'RabbitMQ mirrored cluster', zh: 'RabbitMQ 镜像集群' },
    lesson: 'e3-mirrored',
  },
  {
    id: 'E4',
    theme: 'availability',
    title: { en: 'Kafka replicas and ISR', zh: 'Kafka 副本与 ISR' },
    lesson: 'e4-replication',
  },
  {
    id: 'E5',
    theme: 'availability',
    title: { en: 'RocketMQ master/slave', zh: 'RocketMQ 主从' },
    lesson: 'e5-master-slave',
  },
  {
    id: 'E6',
    theme: 'availability',
    title: { en: 'Network partition', zh: '网络分区' },
    lesson: 'e6-partition',
  },
  {
    id: 'F1',
    theme: 'backlog',
    title: { en: 'Millions of messages backlogged', zh: '几百万消息积压' },
    lesson: 'f1-backlog',
  },
  {
    id: 'F2',
    theme: 'backlog',
    title: { en: 'TTL expiry and dead letters', zh: 'TTL 过期与死信' },
    lesson: 'f2-ttl-dlx',
  },
  {
    id: 'F3',
    theme: 'backlog',
    title: { en: 'A full queue', zh: '队列满了' },
    lesson: 'f3-queue-full',
  },
  {
    id: 'G1',
    theme: 'rabbitmq',
    title: {
      en: 'Broker, vhost, exchange, queue, binding',
      zh: 'Broker、vhost、交换机、队列、绑定',
    },
    lesson: 'g1-concepts',
  },
  {
    id: 'G2',
    theme: 'rabbitmq',
    title: { en: 'Work modes', zh: '工作模式' },
    lesson: 'g2-work-modes',
  },
  {
    id: 'G3',
    theme: 'rabbitmq',
    title: { en: 'Topic wildcards', zh: '主题通配符' },
    lesson: 'g3-topic-wildcards',
  },
  {
    id: 'G4',
    theme: 'rabbitmq',
    title: { en: 'Round robin and prefetch', zh: '轮询与预取' },
    lesson: 'g4-prefetch',
  },
  ...(['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'H7', 'H8', 'H9'] as const).map((id): Topic => ({
    id,
    theme: 'rocketmq',
    title: ROCKET_TITLES[id],
    lesson: ROCKET_LESSONS[id],
  })),
  {
    id: 'I1',
    theme: 'design',
    title: { en: 'Comparing brokers', zh: '各种 MQ 的比较' },
    lesson: 'i1-compare-brokers',
  },
  {
    id: 'I2',
    theme: 'design',
    title: { en: 'Designing a broker', zh: '如何设计一个 MQ' },
    lesson: 'i2-build-a-broker',
  },
  {
    id: 'I3',
    theme: 'design',
    title: { en: 'Push, pull, long polling', zh: '推、拉与长轮询' },
    lesson: 'i3-push-pull',
  },
];

/** The topics of one theme, in curriculum order. */
export function topicsOf(theme: Theme): Topic[] {
  return TOPICS.filter((t) => t.theme === theme);
}
