/**
 * "What this model leaves out", per system, in zh and en: the UI's short form of the README's
 * "What the model leaves out" section and the RocketMQ section's "Where it simplifies". Shown in the
 * About tab for the loaded scenario's system, so a learner sees the limits beside the run.
 */
import type { Lang } from './strings';

/** The scenario `system` values. */
export type SystemId = 'single-node' | 'kafka' | 'rabbitmq' | 'rocketmq';

export interface ModelNote {
  /** The versions whose defaults the model follows. */
  follows: string;
  /** What the model does not have, or does more simply than the real system. */
  items: readonly string[];
}

export const MODEL_NOTE_TITLE: Record<Lang, string> = {
  en: 'What this model leaves out',
  zh: '这个模型省略了什么',
};

export const MODEL_NOTES: Record<SystemId, Record<Lang, ModelNote>> = {
  'single-node': {
    en: {
      follows: 'One RabbitMQ-like queue on one node (RabbitMQ 3.10 client defaults).',
      items: [
        'The message store writes and fsyncs in batches (syncIntervalMs); the operating system’s own writeback is not modelled.',
        'Networks are FIFO per link; a cut link drops what is on it.',
      ],
    },
    zh: {
      follows: '单节点上的一个类 RabbitMQ 队列（客户端默认值取自 RabbitMQ 3.10）。',
      items: [
        '消息存储按批写入并 fsync（syncIntervalMs）；不模拟操作系统自身的回写。',
        '每条链路上的网络先进先出；链路断开时，链路上的消息丢失。',
      ],
    },
  },
  kafka: {
    en: {
      follows: 'Apache Kafka 3.x defaults.',
      items: [
        'One topic: a consume-transform-produce processor writes its output to its sink, not to a second topic; no transaction.timeout.ms; coordinator calls are instant.',
        'No incremental cooperative rebalance (cooperative-sticky gets the right assignment through an eager rebalance); no preferred-leader rebalancing.',
        'Metadata reaches clients at once; committed offsets always survive; the group coordinator moves at once when its broker stops.',
        'Retention deletes per batch, not per segment; the epoch bump after a broker forgets a producer id (KIP-360) is approximated.',
      ],
    },
    zh: {
      follows: '默认值取自 Apache Kafka 3.x。',
      items: [
        '只有一个 topic：“消费-处理-生产”处理器把输出写到下游存储，而不是第二个 topic；没有 transaction.timeout.ms；协调器的调用立即完成。',
        '不模拟增量协作式重平衡（cooperative-sticky 通过一次 eager 重平衡得到正确分配）；不模拟优先副本选举。',
        '元数据立即到达客户端；已提交的位点总能保留；broker 停止时，组协调器立即迁移。',
        '保留策略按批删除，而不是按段删除；broker 忘记 producer id 后的 epoch 递增（KIP-360）是近似的。',
      ],
    },
  },
  rabbitmq: {
    en: {
      follows:
        'RabbitMQ 3.10 defaults; routing, dispatch, TTL, dead-lettering and overflow are checked against a real 3.10.8.',
      items: [
        'Raft in quorum queues is reduced to replicate and commit at a majority, with a deterministic election.',
        'A publisher’s connection carries one channel; one process handles a connection’s channels in arrival order.',
        'No Streams, no Shovel or Federation; pause_if_all_down is not modelled.',
        'txRollbackEvery is the model’s way to make a publisher roll back.',
      ],
    },
    zh: {
      follows:
        '默认值取自 RabbitMQ 3.10；路由、投递、TTL、死信和溢出行为已与真实的 3.10.8 对照测试。',
      items: [
        '仲裁队列中的 Raft 被简化为：复制、多数派确认后提交，选举结果是确定的。',
        '生产者的连接只有一个信道；一个进程按到达顺序处理一个连接上所有信道的请求。',
        '不模拟流队列（Streams）、铲子（Shovel）和联邦（Federation）插件；分区处理不模拟 pause_if_all_down 模式。',
        'txRollbackEvery 是模型让生产者回滚事务的方式。',
      ],
    },
  },
  rocketmq: {
    en: {
      follows:
        'Apache RocketMQ 4.9.x master/slave mode (defaults checked against rocketmq-all-4.9.8).',
      items: [
        'No DLedger and no 5.x controller mode: a slave is never promoted, there is no automatic failover.',
        'No message tracing, no SQL92 filters (tags only), no POP consumers, no ACL, no batch sends.',
        'One topic per producer and per consumer group; pull consumers are push consumers (long polling underneath).',
        'The ConsumeQueue keeps tags, not their hash codes, so broker-side filtering is exact.',
        'Consumer offsets at the broker survive broker faults; a half message’s check count restarts with the broker.',
        'A slave ahead of its restarted master is cut back to it (real 4.x leaves them diverged).',
        'Group membership follows consumer processes: a paused consumer keeps its queues.',
        'diskFailsAtMs is the model’s way to lose a machine’s disk.',
        'diskFullAtMs refuses only producer sends (SERVICE_NOT_AVAILABLE); the disk stays full.',
      ],
    },
    zh: {
      follows: 'Apache RocketMQ 4.9.x 主从模式（默认值已与 4.9.8 版源码核对）。',
      items: [
        '没有 DLedger，也没有 5.x 的 controller 模式：slave 不会被提升为 master，没有自动故障切换。',
        '没有消息轨迹，没有 SQL 表达式过滤（只有 tag 过滤），没有 5.x 的 POP 消费，没有访问控制，没有批量发送。',
        '每个生产者和每个消费者组只用一个 topic；拉模式消费者按推模式消费者建模（底层都是长轮询）。',
        'ConsumeQueue 中保存的是 tag 本身而不是它的哈希值，所以 broker 端过滤是精确的。',
        'broker 上的消费位点在 broker 故障后总能保留；半消息的回查次数随 broker 重启而清零。',
        '领先于重启后 master 的 slave 会被截断到与 master 一致（真实的 4.x 会让两者保持分叉）。',
        '消费者组成员随消费者进程变化：被暂停的消费者仍然持有它的队列。',
        'diskFailsAtMs 是模型让一台机器的磁盘损坏的方式。',
        'diskFullAtMs 只拒绝生产者的发送（SERVICE_NOT_AVAILABLE），磁盘此后一直是满的。',
      ],
    },
  },
};

/** The note for a scenario's system, or null for an unknown system. */
export function modelNote(system: unknown, lang: Lang): ModelNote | null {
  if (
    system === 'single-node' ||
    system === 'kafka' ||
    system === 'rabbitmq' ||
    system === 'rocketmq'
  )
    return MODEL_NOTES[system][lang];
  return null;
}
