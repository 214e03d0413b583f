/**
 * The mechanism catalogue: for every mechanism the models can record (`mechanism-ids.ts`), what it
 * does to a message, its text in Chinese and English, the knobs that prevent it, where the real
 * system documents it, and the version the model follows. Explanation text lives only here.
 *
 * Templates are filled by `render.ts` from the run: `{slot}` is replaced by a fact of the entry
 * that recorded the mechanism or of an entry it links to, and a `[...]` group disappears when a
 * slot inside it has no value in this run (so a sentence never claims what the run did not record).
 * Slots:
 * - `{msg}`: "Message #41 (key k0)" / "消息 #41（key=k0）"; `{grp}`: " for g1" / "在 g1 中" or empty;
 * - `{node}`, `{at}`: where and when the mechanism acted; `{d.field}`: a data field of that entry;
 * - `{role.node}`, `{role.at}`, `{role.verb}`, `{role.d.field}`: the linked entry with that role
 *   (`CauseRole`), e.g. `{fault.node} {fault.verb} at {fault.at}`;
 * - `{told.at}`: when the producer was told the publish succeeded; `{told.how}`: how.
 */
import type { AnomalyKind, Fate } from './checker';
import { MECHANISM_IDS, type MechanismId } from './mechanism-ids';
import { ROCKETMQ_MECHANISMS } from './mechanisms-rocketmq';

/** Text in both languages. */
export interface Bilingual {
  en: string;
  zh: string;
}

/** What a mechanism does. `protect` mechanisms keep a message safe and explain a clean run. */
export type MechanismEffect = AnomalyKind | 'protect' | 'policy';

/** One catalogue entry. */
export interface Mechanism {
  id: MechanismId;
  /** Which anomalies it can cause (or `protect`, or `policy` for a fate set by a broker policy). */
  effects: readonly MechanismEffect[];
  /**
   * The fate it gives the messages its entry lists in that group, when it takes them out of the
   * group (a drop, an expiry, a dead-lettering...). Absent for mechanisms that repeat or delay.
   */
  fate?: Fate;
  /** A short name, as a heading. */
  title: Bilingual;
  /** What happened, as a template (see the module comment). */
  text: Bilingual;
  /** What would have prevented it (empty for `protect`). */
  prevent: Bilingual;
  /** The real knobs involved. */
  knobs: readonly string[];
  /** Official documentation page or source file of the real system. */
  cite: string;
  /** The version the model and this text follow. */
  version: string;
}

const K = 'Kafka 3.x (3.6 defaults)';
const R = 'RabbitMQ 3.10';
const KDOC = 'https://kafka.apache.org/36/documentation/';
const RDOC = 'https://www.rabbitmq.com/docs/';

const ENTRIES: Mechanism[] = [
  // ----------------------------------------------------------------------------------- network
  {
    id: 'net.message-dropped',
    effects: ['lost'],
    fate: 'dropped',
    title: { en: 'Dropped by the network', zh: '被网络丢弃' },
    text: {
      en: 'The network dropped the {d.typeEn} carrying it from {from} to {to} at {at} ({d.whyEn}).',
      zh: '{at} 网络丢弃了从 {from} 发往 {to} 的{d.typeZh}（{d.whyZh}）。',
    },
    prevent: {
      en: 'Only an acknowledged protocol protects against this: with publisher confirms (RabbitMQ) or acks=1/all (Kafka) the sender learns that nothing came back and the application sends again.',
      zh: '只有带确认的协议才能防住：开启发布确认（RabbitMQ）或 acks=1/all（Kafka）时，发送方会发现没有收到确认，由应用重新发送。',
    },
    knobs: ['confirms', 'acks'],
    cite: `${RDOC}confirms`,
    version: `${R}; ${K}`,
  },
  {
    id: 'net.receiver-down',
    effects: ['lost'],
    fate: 'dropped',
    title: { en: 'Sent to a node that was down', zh: '发往已宕机的节点' },
    text: {
      en: 'It reached {to} at {at}, but {to} was down, or had restarted since the sender connected[ ({fault.node} {fault.verb} at {fault.at})], so no process took it in.',
      zh: '{at} 它到达 {to} 时，{to} 已经宕机，或在发送方建立连接之后重启过[（{fault.at} {fault.node} {fault.verb}）]，没有任何进程接收它。',
    },
    prevent: {
      en: 'A sender that waits for an acknowledgement (publisher confirms, acks=1/all) sees the failure and retries against a live node.',
      zh: '等待确认的发送方（发布确认、acks=1/all）会发现失败，并向存活的节点重试。',
    },
    knobs: ['confirms', 'acks'],
    cite: `${RDOC}confirms`,
    version: `${R}; ${K}`,
  },
  {
    id: 'net.duplicated',
    effects: ['duplicated'],
    title: { en: 'Duplicated by the network', zh: '被网络复制' },
    text: {
      en: 'The network delivered the {d.typeEn} from {from} to {to} twice at {at}.',
      zh: '{at} 网络把从 {from} 发往 {to} 的{d.typeZh}投递了两次。',
    },
    prevent: {
      en: 'An idempotent consumer (deduplicating by message id) absorbs the repeat.',
      zh: '幂等的消费者（按消息 id 去重）可以吸收这次重复。',
    },
    knobs: [],
    cite: 'https://jepsen.io/analyses',
    version: 'any',
  },
  {
    id: 'net.ack-dropped',
    effects: ['recovered'],
    title: { en: 'Acknowledgement lost', zh: '确认丢失' },
    text: {
      en: 'The broker had it, but the network dropped the {d.typeEn} from {from} to {to} at {at} ({d.whyEn}), so the producer could not know.',
      zh: 'broker 其实已经收下了它，但 {at} 网络丢弃了 {from} 发给 {to} 的{d.typeZh}（{d.whyZh}），生产者无从得知。',
    },
    prevent: {
      en: 'A missing acknowledgement means "maybe stored": a producer that sends again needs an idempotent producer or consumer so the retry does not become a duplicate.',
      zh: '收不到确认的含义是“可能已存储”：生产者若重发，就需要幂等的生产者或消费者，避免重发变成重复消息。',
    },
    knobs: ['enable.idempotence'],
    cite: `${RDOC}confirms`,
    version: `${R}; ${K}`,
  },
  {
    id: 'client.indeterminate-timeout',
    effects: ['recovered'],
    title: { en: 'Timed out waiting for an acknowledgement', zh: '等待确认超时' },
    text: {
      en: '{node} stopped waiting for the acknowledgement at {at}; a timeout cannot tell whether the broker stored it.',
      zh: '{at} {node} 等待确认超时；超时并不能说明 broker 是否已经存下了它。',
    },
    prevent: {
      en: 'Treat a timeout as "maybe stored": retry with an idempotent producer, or deduplicate in the consumer.',
      zh: '应把超时当作“可能已存储”处理：用幂等生产者重试，或在消费端去重。',
    },
    knobs: ['delivery.timeout.ms', 'request.timeout.ms', 'enable.idempotence'],
    cite: `${KDOC}#producerconfigs_delivery.timeout.ms`,
    version: `${K}; ${R}`,
  },
  {
    id: 'rabbit.nack-partial-route',
    effects: ['recovered'],
    title: {
      en: 'basic.nack, but some queues kept a copy',
      zh: '收到 basic.nack，但部分队列已存下副本',
    },
    text: {
      en: '{node} answered the publisher with basic.nack at {at} because not every queue it was routed to took it[ ({policy.d.queue} refused it at {policy.at})]; the queues that took it keep their copies (and with x-overflow=reject-publish-dlx the refusing queue dead-letters it), so a nack does not mean the message is nowhere.',
      zh: '{at} {node} 用 basic.nack 回复发布者，因为它被路由到的队列并没有全部收下[（{policy.at} 队列 {policy.d.queue} 拒收）]；已经收下的队列仍保留各自的副本（x-overflow=reject-publish-dlx 时，拒收的队列还会把它转为死信），所以 nack 并不代表消息哪里都没有。',
    },
    prevent: {
      en: 'Treat a nack for a message routed to several queues as "maybe stored": republish only with an idempotent consumer, or route each publish to one queue.',
      zh: '消息被路由到多个队列时，应把 nack 当作“可能已存储”：只有消费端幂等时才重发，或者让每条消息只路由到一个队列。',
    },
    knobs: ['confirms', 'x-overflow'],
    cite: `${RDOC}confirms#server-sent-nacks`,
    version: R,
  },
  {
    id: 'rabbit.partial-tx-completion',
    effects: ['recovered'],
    title: { en: 'Transaction partly completed', zh: '事务只完成了一部分' },
    text: {
      en: 'The broker answered tx.commit with a channel error (406 "partial tx completion") and {node} received it at {at}: some copies of the transaction\'s messages were enqueued and some were not[ (the commit was sent at {transaction.at})], so {node} cannot tell which of them were stored.',
      zh: '{at} {node} 收到 broker 对 tx.commit 的回复：信道错误（406 “partial tx completion”）。事务中的消息有的副本已入队、有的没有[（tx.commit 在 {transaction.at} 发出）]，{node} 无法知道哪些消息已被存下。',
    },
    prevent: {
      en: 'A RabbitMQ transaction is not atomic across queues: treat a failed commit as "maybe stored" and make the consumer idempotent before publishing again.',
      zh: 'RabbitMQ 的事务在多个队列之间并不是原子的：把提交失败当作“可能已存储”，先保证消费端幂等再重新发布。',
    },
    knobs: ['tx'],
    cite: `${RDOC}semantics`,
    version: R,
  },
  {
    id: 'client.producer-crash-unsent',
    effects: ['lost'],
    fate: 'never-accepted',
    title: { en: 'Producer crashed before sending', zh: '生产者在发送前崩溃' },
    text: {
      en: "It was still in {node}'s memory (the record accumulator or an unanswered request) when {node} {fault.verb} at {fault.at}.",
      zh: '{fault.at} {node} {fault.verb}时，它还在生产者内存中（record accumulator 或尚未得到应答的请求）。',
    },
    prevent: {
      en: 'Only what the broker acknowledged is safe: the application must keep a message (e.g. in an outbox table) until its send is acknowledged.',
      zh: '只有 broker 确认过的消息才安全：应用要在收到确认之前保留消息（例如本地消息表 / outbox）。',
    },
    knobs: ['acks', 'linger.ms'],
    cite: `${KDOC}#producerconfigs`,
    version: K,
  },
  // ----------------------------------------------------------------------------------- storage
  {
    id: 'storage.crash-before-write',
    effects: ['lost'],
    fate: 'dropped',
    title: { en: 'Crashed before the disk write', zh: '写盘之前崩溃' },
    text: {
      en: "It was still in {node}'s memory, waiting for the batched disk write, when {fault.node} {fault.verb} at {fault.at}.",
      zh: '{fault.at} {fault.node} {fault.verb}时，它还在 {node} 的内存里，等待批量写盘。',
    },
    prevent: {
      en: 'With publisher confirms the broker confirms a persistent message only after writing it to disk, so the publisher republishes what was never confirmed.',
      zh: '开启发布确认后，broker 只在持久化消息写入磁盘之后才确认，发布者会重发没有得到确认的消息。',
    },
    knobs: ['confirms', 'deliveryMode'],
    cite: `${RDOC}confirms#when-publishes-are-confirmed`,
    version: R,
  },
  {
    id: 'storage.page-cache-lost',
    effects: ['lost'],
    fate: 'dropped',
    title: { en: 'Lost from the page cache in a power loss', zh: '断电时随页缓存丢失' },
    text: {
      en: '{node} had written it only to the OS page cache[ (partition {d.partition})], not yet fsynced, when it lost power at {fault.at}.',
      zh: '{fault.at} {node} 断电时，它只写进了操作系统页缓存（page cache）[（分区 {d.partition}）]，还没有刷盘（fsync）。',
    },
    prevent: {
      en: 'Acknowledge only after fsync (RabbitMQ confirms persistent messages after the write; Kafka flush.messages=1, at a large throughput cost), or keep copies on other machines (Kafka acks=all with min.insync.replicas=2).',
      zh: '只在刷盘之后确认（RabbitMQ 在写盘后才确认持久化消息；Kafka 设置 flush.messages=1，吞吐代价很大），或在其他机器上保留副本（Kafka acks=all 且 min.insync.replicas=2）。',
    },
    knobs: ['flush.messages', 'flush.ms', 'acks', 'min.insync.replicas', 'confirms'],
    cite: `${KDOC}#topicconfigs_flush.messages`,
    version: `${K}; ${R}`,
  },
  // ------------------------------------------------------------------------------ AMQP shared
  {
    id: 'amqp.transient-message',
    effects: ['lost'],
    fate: 'dropped',
    title: { en: 'Transient message lost on restart', zh: '非持久化消息在重启时丢失' },
    text: {
      en: 'It was published as transient (deliveryMode=1), so {node} discarded it when it {fault.verb} at {fault.at}: transient messages do not survive a broker restart, even if they were paged to disk.',
      zh: '它以非持久化消息（deliveryMode=1）发布，{fault.at} {node} {fault.verb}时丢弃了它：非持久化消息即使被换页写到磁盘，也不会在 broker 重启后保留。',
    },
    prevent: {
      en: 'Publish it as persistent (deliveryMode=2) to a durable queue.',
      zh: '以持久化消息（deliveryMode=2）发到持久化（durable）队列。',
    },
    knobs: ['deliveryMode', 'durable'],
    cite: `${RDOC}persistence-conf`,
    version: R,
  },
  {
    id: 'amqp.non-durable-queue',
    effects: ['lost'],
    fate: 'dropped',
    title: { en: 'Non-durable queue deleted on restart', zh: '非持久化队列在重启时被删除' },
    text: {
      en: 'Its queue {d.queue} was not durable, so {node} deleted the queue, and the message with it, when it restarted[ at {restart.at}].',
      zh: '它所在的队列 {d.queue} 不是持久化（durable）队列，[{restart.at} ]{node} 重启时删除了这个队列和其中的消息。',
    },
    prevent: {
      en: 'Declare the queue durable and publish persistent messages.',
      zh: '把队列声明为持久化（durable），并发布持久化消息。',
    },
    knobs: ['durable', 'deliveryMode'],
    cite: `${RDOC}queues#durability`,
    version: R,
  },
  {
    id: 'amqp.autoack-crash',
    effects: ['lost'],
    fate: 'dropped',
    title: { en: 'Auto-ack: the consumer died with it', zh: '自动确认：消费者带着消息崩溃' },
    text: {
      en: "With autoAck the broker forgot it as soon as it was sent to {node}; it was in {node}'s buffer, not yet processed, when {node} {fault.verb}[ at {fault.at}].",
      zh: '在自动确认（autoAck）模式下，broker 一把它发给 {node} 就删除了它；[{fault.at} ]{node} {fault.verb}时它还在缓冲区里，没有处理。',
    },
    prevent: {
      en: 'Manual acknowledgements (autoAck=false, basic.ack after processing): the broker requeues whatever was unacknowledged when the channel closes.',
      zh: '使用手动确认（autoAck=false，处理完成后再 basic.ack）：信道关闭时，broker 会把未确认的消息重新入队。',
    },
    knobs: ['autoAck', 'prefetch'],
    cite: `${RDOC}confirms#acknowledgement-modes`,
    version: R,
  },
  {
    id: 'amqp.unroutable',
    effects: ['lost'],
    fate: 'never-accepted',
    title: { en: 'Unroutable', zh: '无法路由' },
    text: {
      en: 'At {at} {node} found no queue bound to match it[ (routing key {d.routingKey})], so the exchange discarded it; the publisher was not told.',
      zh: '{at} {node} 没有找到与它匹配的绑定队列[（routing key 为 {d.routingKey}）]，交换机直接丢弃了它，发布者没有得到通知。',
    },
    prevent: {
      en: 'Publish with mandatory=true (the broker returns it with basic.return) or give the exchange an alternate-exchange.',
      zh: '发布时设置 mandatory=true（broker 会用 basic.return 退回），或为交换机配置 alternate-exchange。',
    },
    knobs: ['mandatory', 'alternate-exchange'],
    cite: `${RDOC}publishers#unroutable`,
    version: R,
  },
  // ---------------------------------------------------------------------------------- RabbitMQ
  {
    id: 'rabbit.queue-down',
    effects: ['lost', 'recovered'],
    fate: 'never-accepted',
    title: { en: 'Queue unavailable', zh: '队列不可用' },
    text: {
      en: 'At {at} the queue {d.queue} was unavailable: its node was down, and a classic queue lives on one node only.',
      zh: '{at} 队列 {d.queue} 不可用：它所在的节点已宕机，而经典队列（classic queue）只存在于一个节点上。',
    },
    prevent: {
      en: 'Publisher confirms report the failure (a nack or no confirm) so the publisher can retry; a quorum queue keeps the queue available while a majority is up.',
      zh: '发布确认会报告失败（nack 或收不到确认），发布者可以重试；仲裁队列（quorum queue）在多数节点存活时仍然可用。',
    },
    knobs: ['confirms', 'x-queue-type'],
    cite: `${RDOC}quorum-queues`,
    version: R,
  },
  {
    id: 'rabbit.mirror-promotion',
    effects: ['lost'],
    fate: 'dropped',
    title: { en: 'Unsynchronised mirror promoted', zh: '未同步的镜像被提升为主' },
    text: {
      en: '[{fault.node} {fault.verb} at {fault.at}. ]{election.node} was promoted to leader of {d.queue}[ at {election.at}], but it had not yet received this message from the old leader, so the message is gone.',
      zh: '[{fault.at} {fault.node} {fault.verb}。]{election.node} [在 {election.at} ]被提升为队列 {d.queue} 的主节点，但它还没有从旧的主节点收到这条消息，于是消息丢失。',
    },
    prevent: {
      en: 'ha-promote-on-failure=when-synced (and ha-promote-on-shutdown=when-synced) refuses to promote an unsynchronised mirror; quorum queues replace mirroring and confirm only after a majority has the message.',
      zh: '设置 ha-promote-on-failure=when-synced（以及 ha-promote-on-shutdown=when-synced）可拒绝提升未同步的镜像；仲裁队列取代了镜像队列，只在多数副本收到后才确认。',
    },
    knobs: ['ha-promote-on-failure', 'ha-sync-mode', 'x-queue-type'],
    cite: `${RDOC}3.13/ha#unsynchronised-mirrors`,
    version: R,
  },
  {
    id: 'rabbit.partition-discard',
    effects: ['lost'],
    fate: 'dropped',
    title: { en: 'Discarded when a partition healed', zh: '网络分区恢复时被丢弃' },
    text: {
      en: "During the network partition[ ({network.node})] {node} held it on the losing side; when the partition was handled at {at}, that side's queue contents were thrown away and the winner's kept.",
      zh: '网络分区期间[（{network.node}）]，它保存在 {node} 所在的“失败”一侧；{at} 处理分区时，这一侧的队列内容被丢弃，只保留胜出一侧的数据。',
    },
    prevent: {
      en: 'cluster_partition_handling=pause_minority stops the minority side from accepting writes; quorum queues accept writes only on the majority side.',
      zh: '设置 cluster_partition_handling=pause_minority 会让少数派一侧停止接受写入；仲裁队列只在多数派一侧接受写入。',
    },
    knobs: ['cluster_partition_handling', 'x-queue-type'],
    cite: `${RDOC}partitions`,
    version: R,
  },
  {
    id: 'rabbit.quorum-uncommitted',
    effects: ['lost'],
    fate: 'dropped',
    title: { en: 'Not committed by a quorum', zh: '未被多数副本提交' },
    text: {
      en: "{node} had appended it to the quorum queue {d.queue}, but no majority had it when the leader changed[ at {election.at}], so the new leader's log replaced it.",
      zh: '{node} 已把它追加到仲裁队列 {d.queue} 的日志中，但[ {election.at} ]leader 切换时还没有多数副本拥有它，于是被新 leader 的日志覆盖。',
    },
    prevent: {
      en: "Publisher confirms: a quorum queue confirms only after a majority has written the message, so an unconfirmed message is the publisher's to resend.",
      zh: '开启发布确认：仲裁队列只在多数副本写入后才确认，未确认的消息由发布者负责重发。',
    },
    knobs: ['confirms'],
    cite: `${RDOC}quorum-queues#data-safety`,
    version: R,
  },
  {
    id: 'rabbit.node-paused',
    effects: ['lost'],
    fate: 'dropped',
    title: { en: 'Node paused by partition handling', zh: '节点因分区处理而暂停' },
    text: {
      en: '{node} was paused by cluster_partition_handling at {at} and refused it.',
      zh: '{at} {node} 因 cluster_partition_handling 而暂停，拒收了它。',
    },
    prevent: {
      en: 'Publisher confirms tell the publisher it was not accepted, so it can publish again to the majority side.',
      zh: '发布确认会告诉发布者消息未被接受，发布者可以重新发到多数派一侧。',
    },
    knobs: ['confirms', 'cluster_partition_handling'],
    cite: `${RDOC}partitions`,
    version: R,
  },
  {
    id: 'rabbit.tx-uncommitted',
    effects: ['lost'],
    fate: 'never-accepted',
    title: { en: 'Uncommitted transaction discarded', zh: '未提交的事务被丢弃' },
    text: {
      en: "It was published inside a transaction (tx.select) on {d.from}'s channel, but the channel closed before tx.commit[ ({fault.node} {fault.verb} at {fault.at})][ (the connection closed at {connection-close.at})]: {node} discarded the staged publish at {at}, as a channel rolls back an open transaction when it closes.",
      zh: '它是在 {d.from} 的信道上以事务方式（tx.select）发布的，但在 tx.commit 之前信道就关闭了[（{fault.at} {fault.node} {fault.verb}）][（{connection-close.at} 连接关闭）]：{at} {node} 丢弃了暂存的发布，信道关闭时未提交的事务会被回滚。',
    },
    prevent: {
      en: 'Only tx.commit-ok means the publishes were enqueued: the application must keep the messages until then and publish them again on a new channel if the channel closed.',
      zh: '只有收到 tx.commit-ok 才说明消息已入队：应用要一直保留这些消息，信道关闭后在新信道上重新发布。',
    },
    knobs: ['tx', 'republishUnconfirmed'],
    cite: `${RDOC}semantics`,
    version: R,
  },
  {
    id: 'rabbit.dead-lettered',
    effects: ['policy'],
    fate: 'dead-lettered',
    title: { en: 'Dead-lettered', zh: '成为死信' },
    text: {
      en: '{node} dead-lettered it from {d.from} at {at}: it was republished to the dead-letter exchange {d.exchange}[, which routed it to {d.to}][, with x-death reason {d.reason}].',
      zh: '{at} {node} 把它从队列 {d.from} 转为死信：它被重新发布到死信交换机 {d.exchange}[，路由到了 {d.to}][，x-death 原因为 {d.reason}]。',
    },
    prevent: {
      en: 'This is not a loss: the message is in the dead-letter queue for inspection or replay.',
      zh: '这不是丢失：消息进入了死信队列，可以查看或重新投递。',
    },
    knobs: ['x-dead-letter-exchange', 'x-dead-letter-routing-key'],
    cite: `${RDOC}dlx`,
    version: R,
  },
  {
    id: 'rabbit.expired',
    effects: ['lost'],
    fate: 'expired',
    title: { en: 'Expired (TTL)', zh: '过期（TTL）' },
    text: {
      en: 'It reached the head of {d.queue} after its TTL[ of {d.ttlMs} ms] had passed, so {node} expired it at {at}.',
      zh: '它到达队列 {d.queue} 的队头时已超过 TTL[（{d.ttlMs} 毫秒）]，{at} {node} 让它过期。',
    },
    prevent: {
      en: 'Set x-dead-letter-exchange so expired messages are kept in a dead-letter queue, or raise x-message-ttl / expiration.',
      zh: '设置 x-dead-letter-exchange，让过期消息进入死信队列；或调大 x-message-ttl / expiration。',
    },
    knobs: ['x-message-ttl', 'expiration', 'x-dead-letter-exchange'],
    cite: `${RDOC}ttl`,
    version: R,
  },
  {
    id: 'rabbit.queue-expired',
    effects: ['lost'],
    fate: 'dropped',
    title: { en: 'Queue expired (x-expires)', zh: '队列过期（x-expires）' },
    text: {
      en: 'Its queue {d.queue} had no consumer for its x-expires time, so {node} deleted the queue and its messages at {at}.',
      zh: '队列 {d.queue} 在 x-expires 时间内一直没有消费者，{at} {node} 删除了这个队列及其中的消息。',
    },
    prevent: {
      en: 'Do not set x-expires on a queue that holds work.',
      zh: '不要给存放待处理消息的队列设置 x-expires。',
    },
    knobs: ['x-expires'],
    cite: `${RDOC}ttl#queue-ttl`,
    version: R,
  },
  {
    id: 'rabbit.exclusive-queue-deleted',
    effects: ['lost'],
    fate: 'dropped',
    title: { en: 'Exclusive queue deleted', zh: '排他队列被删除' },
    text: {
      en: 'Its queue {d.queue} was exclusive to a connection that closed[ ({connection-close.node} at {connection-close.at})], so {node} deleted it with its messages at {at}.',
      zh: '队列 {d.queue} 是排他队列，所属连接[（{connection-close.at} {connection-close.node}）]关闭后，{at} {node} 删除了它和其中的消息。',
    },
    prevent: {
      en: 'Use a durable, non-exclusive queue for work that must outlive one connection.',
      zh: '需要在连接断开后继续保留的消息，应放在持久化、非排他的队列里。',
    },
    knobs: ['exclusive', 'durable'],
    cite: `${RDOC}queues#exclusive-queues`,
    version: R,
  },
  {
    id: 'rabbit.auto-delete',
    effects: ['lost'],
    fate: 'dropped',
    title: { en: 'Auto-delete queue deleted', zh: '自动删除队列被删除' },
    text: {
      en: 'Its queue {d.queue} was auto-delete; its last consumer went away, so {node} deleted it with its messages at {at}.',
      zh: '队列 {d.queue} 是自动删除（auto-delete）队列，最后一个消费者离开后，{at} {node} 删除了它和其中的消息。',
    },
    prevent: {
      en: 'Do not make a queue that holds work auto-delete.',
      zh: '存放待处理消息的队列不要设置 auto-delete。',
    },
    knobs: ['auto-delete'],
    cite: `${RDOC}queues#properties`,
    version: R,
  },
  {
    id: 'rabbit.overflow',
    effects: ['lost'],
    fate: 'overflowed',
    title: { en: 'Dropped from the head by x-max-length', zh: '超出 x-max-length，从队头丢弃' },
    text: {
      en: 'The queue {d.queue} was full (x-max-length with x-overflow=drop-head), so {node} dropped it from the head at {at} to make room for a newer message; it had already been confirmed.',
      zh: '队列 {d.queue} 已满（x-max-length，x-overflow=drop-head），{at} {node} 从队头丢弃了它，为新消息腾出空间；它此前已经被确认。',
    },
    prevent: {
      en: 'x-overflow=reject-publish refuses new messages instead (the publisher gets a basic.nack with confirms on); or set x-dead-letter-exchange so dropped messages are dead-lettered.',
      zh: '设置 x-overflow=reject-publish 会改为拒收新消息（开启发布确认时发布者收到 basic.nack）；或设置 x-dead-letter-exchange，让被丢弃的消息成为死信。',
    },
    knobs: ['x-max-length', 'x-overflow', 'x-dead-letter-exchange'],
    cite: `${RDOC}maxlength`,
    version: R,
  },
  {
    id: 'rabbit.overflow-reject-publish',
    effects: ['policy'],
    fate: 'never-accepted',
    title: { en: 'Refused by a full queue', zh: '队列已满，拒收' },
    text: {
      en: 'The queue {d.queue} was full (x-max-length with x-overflow=reject-publish), so {node} refused it at {at}[ and answered the publisher with basic.nack].',
      zh: '队列 {d.queue} 已满（x-max-length，x-overflow=reject-publish），{at} {node} 拒收了它[，并用 basic.nack 回复发布者]。',
    },
    prevent: {
      en: 'With publisher confirms the publisher is told (basic.nack) and can retry later; without confirms it is not told.',
      zh: '开启发布确认时发布者会收到 basic.nack，可以稍后重试；不开启则发布者不会得知。',
    },
    knobs: ['x-overflow', 'confirms'],
    cite: `${RDOC}maxlength#overflow-behaviour`,
    version: R,
  },
  {
    id: 'rabbit.consumer-rejected',
    effects: ['policy'],
    fate: 'rejected',
    title: { en: 'Rejected by the consumer', zh: '被消费者拒绝' },
    text: {
      en: '{d.consumer} rejected it (basic.nack or basic.reject with requeue=false) at {at}, so {node} removed it from {d.queue}.',
      zh: '{at} {d.consumer} 拒绝了它（basic.nack 或 basic.reject，requeue=false），{node} 把它从队列 {d.queue} 中移除。',
    },
    prevent: {
      en: 'Set x-dead-letter-exchange to keep rejected messages in a dead-letter queue.',
      zh: '设置 x-dead-letter-exchange，把被拒绝的消息保存到死信队列。',
    },
    knobs: ['x-dead-letter-exchange'],
    cite: `${RDOC}confirms#consumer-nacks-requeue`,
    version: R,
  },
  {
    id: 'rabbit.delivery-limit',
    effects: ['policy'],
    fate: 'rejected',
    title: { en: 'Over the delivery limit', zh: '超过投递次数上限' },
    text: {
      en: 'It had been returned to {d.queue} too many times (x-delivery-limit), so {node} dropped it at {at}.',
      zh: '它被退回队列 {d.queue} 的次数超过了上限（x-delivery-limit），{at} {node} 丢弃了它。',
    },
    prevent: {
      en: 'Set x-dead-letter-exchange: a quorum queue dead-letters a message over its delivery limit.',
      zh: '设置 x-dead-letter-exchange：仲裁队列会把超过投递上限的消息转为死信。',
    },
    knobs: ['x-delivery-limit', 'x-dead-letter-exchange'],
    cite: `${RDOC}quorum-queues#poison-message-handling`,
    version: R,
  },
  {
    id: 'rabbit.lost-confirm-republish',
    effects: ['duplicated', 'reordered'],
    title: { en: 'Republished after a missing confirm', zh: '未收到确认而重发' },
    text: {
      en: 'The application republished it at {at} because its confirm never came[: the network dropped the {network.d.typeEn} from {network.from} at {network.at}][ (it stopped waiting at {timeout.at})]. The broker had already stored the first copy, so the queue now held it twice, the second behind later messages.',
      zh: '{at} 应用重发了它，因为一直没有收到确认[：{network.at} 网络丢弃了 {network.from} 发回的{network.d.typeZh}][（{timeout.at} 等待超时）]。broker 其实已经存下了第一份，于是队列里有两份，第二份排在后发的消息后面。',
    },
    prevent: {
      en: "Confirms only notify: the republish is the application's choice, and it makes delivery at-least-once. Make the consumer idempotent (deduplicate by a message id); a consumer that needs order must reorder by a sequence number the message carries.",
      zh: '发布确认只负责通知，重发是应用自己的决定，这让投递变成“至少一次”。消费端要做幂等（按消息 id 去重）；需要顺序的消费者要按消息自带的序号重新排序。',
    },
    knobs: ['confirms'],
    cite: `${RDOC}confirms#publisher-confirms-and-guaranteed-delivery`,
    version: R,
  },
  {
    id: 'rabbit.requeue',
    effects: ['duplicated', 'reordered'],
    title: { en: 'Requeued: the channel closed before the ack', zh: '信道在确认前关闭，重新入队' },
    text: {
      en: '{node} requeued it at {at}: the channel[ of {d.consumer}] closed before its basic.ack arrived[ ({fault.node} {fault.verb} at {fault.at})][ (the network dropped the basic.ack from {network.from} at {network.at})][ (the connection closed at {connection-close.at})]. A requeued message goes back to its original position and is delivered again with redelivered=true.',
      zh: '{at} {node} 把它重新入队：[{d.consumer} 的]信道在 basic.ack 到达之前就关闭了[（{fault.at} {fault.node} {fault.verb}）][（{network.at} 网络丢弃了 {network.from} 的 basic.ack）][（{connection-close.at} 连接关闭）]。重新入队的消息回到原来的位置，并以 redelivered=true 再次投递。',
    },
    prevent: {
      en: 'Manual acks give at-least-once: a crash between processing and the ack repeats the work. Make the consumer idempotent (deduplicate by message id in the sink).',
      zh: '手动确认是“至少一次”语义：在处理完成与发送 ack 之间崩溃，会导致重复消费。消费端要做幂等（在下游按消息 id 去重）。',
    },
    knobs: ['autoAck'],
    cite: `${RDOC}confirms#automatic-requeueing`,
    version: R,
  },
  {
    id: 'rabbit.nack-requeue',
    effects: ['duplicated', 'reordered'],
    title: { en: 'Requeued by the consumer', zh: '被消费者退回队列' },
    text: {
      en: '{d.consumer} returned it with basic.nack or basic.reject (requeue=true)[ at {commit.at}], so {node} put it back in {d.queue} at {at} and delivered it again with redelivered=true.',
      zh: '{d.consumer} [在 {commit.at} ]用 basic.nack 或 basic.reject（requeue=true）把它退回，{at} {node} 把它放回队列 {d.queue}，并以 redelivered=true 再次投递。',
    },
    prevent: {
      en: 'A message the consumer cannot handle comes back again and again: requeue=false with x-dead-letter-exchange parks it in a dead-letter queue, and quorum queues cap redeliveries with x-delivery-limit.',
      zh: '消费者处理不了的消息会一次次回来：用 requeue=false 并配置 x-dead-letter-exchange 把它转入死信队列；仲裁队列还可以用 x-delivery-limit 限制重投次数。',
    },
    knobs: ['x-dead-letter-exchange', 'x-delivery-limit'],
    cite: `${RDOC}confirms#consumer-nacks-requeue`,
    version: R,
  },
  {
    id: 'rabbit.mirror-promotion-requeue',
    effects: ['duplicated', 'reordered'],
    title: { en: 'Requeued by a mirror promotion', zh: '镜像提升时重新入队' },
    text: {
      en: '[{fault.node} {fault.verb} at {fault.at}; ]{election.node} was promoted[ at {election.at}] and requeued every delivery that was not yet acknowledged, so it was delivered again.',
      zh: '[{fault.at} {fault.node} {fault.verb}；]{election.node} [在 {election.at} ]被提升为主节点，并把所有尚未确认的投递重新入队，于是它被再次投递。',
    },
    prevent: {
      en: 'A promotion cannot know which deliveries were processed: make the consumer idempotent.',
      zh: '镜像提升时无法知道哪些投递已经处理过：消费端要做幂等。',
    },
    knobs: [],
    cite: `${RDOC}3.13/ha#behaviour`,
    version: R,
  },
  {
    id: 'rabbit.ack-not-persisted',
    effects: ['duplicated'],
    title: { en: 'Redelivered after a restart', zh: '重启后再次投递' },
    text: {
      en: "{node} recovered it from disk when it restarted[ at {restart.at}]: the consumer's ack had not yet been written to disk, so the broker still had it as unacknowledged.",
      zh: '[{restart.at} ]{node} 重启时从磁盘恢复了它：消费者的 ack 还没有写到磁盘上，broker 仍把它当作未确认的消息。',
    },
    prevent: {
      en: 'Redelivery after a restart is part of at-least-once: make the consumer idempotent.',
      zh: '重启后的再次投递是“至少一次”语义的一部分：消费端要做幂等。',
    },
    knobs: [],
    cite: `${RDOC}confirms#automatic-requeueing`,
    version: R,
  },
  {
    id: 'rabbit.confirm-after-fsync',
    effects: ['protect'],
    title: { en: 'Confirmed after the disk write', zh: '写盘之后才确认' },
    text: {
      en: '{node} confirmed persistent messages only after writing them to disk.',
      zh: '{node} 只在持久化消息写入磁盘之后才发送确认。',
    },
    prevent: { en: '', zh: '' },
    knobs: ['confirms', 'deliveryMode'],
    cite: `${RDOC}confirms#when-publishes-are-confirmed`,
    version: R,
  },
  // ------------------------------------------------------------------------------------ Kafka
  {
    id: 'kafka.acks0-leader-crash',
    effects: ['lost'],
    fate: 'dropped',
    title: { en: 'acks=0: leader crashed before replication', zh: 'acks=0：leader 在复制前崩溃' },
    text: {
      en: 'With acks=0 nothing was ever acknowledged: the producer counted it as sent. [{fault.node} {fault.verb} at {fault.at} before any follower had fetched it. ]{election.d.leader} became leader[ of partition {d.partition}][ at {election.at}] with a log ending[ at offset {d.offset}] before this record, so it is gone[ and {node} truncates its copy].',
      zh: '在 acks=0 下，任何写入都不会被确认，生产者发出就当作成功。[{fault.at} {fault.node} {fault.verb}，此时还没有任何 follower 拉取到它。][{election.at} ]{election.d.leader} 当选[分区 {d.partition} 的 ]leader，它的日志[止于 offset {d.offset}，]不含这条记录，于是记录丢失[，{node} 会截断自己的副本]。',
    },
    prevent: {
      en: 'acks=all with min.insync.replicas=2: the producer is acknowledged only once an in-sync follower holds the record, and retries otherwise.',
      zh: '设置 acks=all 且 min.insync.replicas=2：只有同步 follower 也持有这条记录时生产者才收到确认，否则会重试。',
    },
    knobs: ['acks', 'min.insync.replicas'],
    cite: `${KDOC}#producerconfigs_acks`,
    version: K,
  },
  {
    id: 'kafka.acks1-leader-crash',
    effects: ['lost'],
    fate: 'dropped',
    title: { en: 'acks=1: leader crashed before replication', zh: 'acks=1：leader 在复制前崩溃' },
    text: {
      en: '[{ack.node} was the leader and acknowledged it at {ack.at} (acks=1 waits for the leader only). ][{fault.node} {fault.verb} at {fault.at} before any follower had fetched it. ]{election.d.leader} became leader[ of partition {d.partition}][ at {election.at}]; its log ended[ at offset {d.offset}], before this record[, so {node} truncates its copy when it fetches from the new leader].',
      zh: '[{ack.node} 作为 leader 在 {ack.at} 确认了写入（acks=1 只等 leader 写入）。][{fault.at} {fault.node} {fault.verb}，此时还没有任何 follower 拉取到它。][{election.at} ]{election.d.leader} 当选[分区 {d.partition} 的 ]leader，它的日志[止于 offset {d.offset}，]不含这条记录[；{node} 向新 leader 同步时会截断这条记录]。',
    },
    prevent: {
      en: 'acks=all with min.insync.replicas=2: the acknowledgement waits until an in-sync follower holds the record, and only an in-sync replica can be elected.',
      zh: '设置 acks=all 且 min.insync.replicas=2：确认会等到至少一个同步 follower 持有这条记录，而且只有同步副本才能当选 leader。',
    },
    knobs: ['acks', 'min.insync.replicas'],
    cite: `${KDOC}#design_replicatedlog`,
    version: K,
  },
  {
    id: 'kafka.isr-shrunk-to-leader',
    effects: ['lost'],
    fate: 'dropped',
    title: { en: 'acks=all with the ISR shrunk to the leader', zh: 'acks=all，但 ISR 只剩 leader' },
    text: {
      en: '[The ISR had shrunk to the leader alone at {isr-shrink.at}, so with min.insync.replicas=1 acks=all was satisfied by the leader. ][{fault.node} {fault.verb} at {fault.at} with the record on no other replica. ]{election.d.leader} became leader[ at {election.at}] without it[, and {node} truncates its copy].',
      zh: '[{isr-shrink.at} ISR 已经缩小到只剩 leader，min.insync.replicas=1 时 leader 一个副本就满足了 acks=all。][{fault.at} {fault.node} {fault.verb}，其他副本都没有这条记录。][{election.at} ]{election.d.leader} 当选 leader，日志中不含它[，{node} 会截断自己的副本]。',
    },
    prevent: {
      en: 'min.insync.replicas=2 (with replication factor 3): when the ISR shrinks to the leader, writes fail with NotEnoughReplicas instead of being acknowledged by one copy.',
      zh: '设置 min.insync.replicas=2（副本数为 3）：ISR 只剩 leader 时写入会以 NotEnoughReplicas 失败，而不是只靠一个副本就确认。',
    },
    knobs: ['min.insync.replicas', 'acks', 'replication.factor'],
    cite: `${KDOC}#brokerconfigs_min.insync.replicas`,
    version: K,
  },
  {
    id: 'kafka.unclean-election',
    effects: ['lost'],
    fate: 'dropped',
    title: { en: 'Unclean leader election', zh: 'unclean leader 选举（非 ISR 副本当选）' },
    text: {
      en: '[The ISR had shrunk to the leader alone at {isr-shrink.at}, so the leader kept acknowledging writes by itself (min.insync.replicas=1). ][{fault.node} {fault.verb} at {fault.at}. ]{election.d.leader} was not in the ISR but became leader through an unclean election[ at {election.at}]; its log ended[ at offset {d.offset}], before this record, so the record is gone[ and {node} truncates its copy].',
      zh: '[{isr-shrink.at} ISR 已经缩小到只剩 leader，leader 一直独自确认写入（min.insync.replicas=1）。][{fault.at} {fault.node} {fault.verb}。]{election.d.leader} 不在 ISR 中，却通过 unclean leader 选举[在 {election.at} ]当选 leader；它的日志[止于 offset {d.offset}，]不含这条记录，于是记录丢失[，{node} 会截断自己的副本]。',
    },
    prevent: {
      en: 'unclean.leader.election.enable=false (the default since Kafka 0.11): the partition stays unavailable until an ISR member returns, and acknowledged writes survive. min.insync.replicas=2 makes writes fail with NotEnoughReplicas instead of being acknowledged by the leader alone.',
      zh: '设置 unclean.leader.election.enable=false（Kafka 0.11 起的默认值）：分区会暂时不可用，直到 ISR 中的副本恢复，但已确认的写入不会丢失。设置 min.insync.replicas=2：ISR 只剩 leader 时写入会以 NotEnoughReplicas 失败，而不是只由 leader 确认。',
    },
    knobs: ['unclean.leader.election.enable', 'min.insync.replicas'],
    cite: `${KDOC}#brokerconfigs_unclean.leader.election.enable`,
    version: K,
  },
  {
    id: 'kafka.commit-before-process',
    effects: ['lost'],
    fate: 'dropped',
    title: { en: 'Offset committed before processing', zh: '处理之前就提交了 offset' },
    text: {
      en: '{node} committed the offset past it[ at {commit.at}] before processing it, then {fault.verb}[ at {fault.at}]; the next owner of the partition starts at the committed offset and never reads it.',
      zh: '{node} [在 {commit.at} ]处理它之前就提交了越过它的 offset，随后[在 {fault.at} ]{fault.verb}；分区的下一个消费者从已提交的 offset 开始读取，再也读不到它。',
    },
    prevent: {
      en: 'Commit after processing (enable.auto.commit=false, commitSync after the work): at-least-once instead of at-most-once.',
      zh: '改为处理完成之后再提交（enable.auto.commit=false，处理后调用 commitSync）：语义从“至多一次”变为“至少一次”。',
    },
    knobs: ['enable.auto.commit'],
    cite: `${KDOC}#consumerconfigs_enable.auto.commit`,
    version: K,
  },
  {
    id: 'kafka.autocommit-ahead',
    effects: ['lost'],
    fate: 'dropped',
    title: { en: 'Auto-commit ran ahead of the work', zh: '自动提交跑在了处理前面' },
    text: {
      en: '{node} had handed it to a worker thread; enable.auto.commit committed the offsets poll() had returned[ at {commit.at}] although the work was not done, and {node} {fault.verb}[ at {fault.at}].',
      zh: '{node} 已把它交给工作线程；enable.auto.commit [在 {commit.at} ]提交了 poll() 返回的 offset，可工作并没有完成，随后 {node} [在 {fault.at} ]{fault.verb}。',
    },
    prevent: {
      en: 'Auto-commit is at-least-once only when records are processed before the next poll(); with worker threads, commit manually what the workers finished.',
      zh: '只有在下一次 poll() 之前处理完记录时，自动提交才是“至少一次”；交给其他线程处理时，应手动提交工作线程已完成的 offset。',
    },
    knobs: ['enable.auto.commit', 'auto.commit.interval.ms'],
    cite: `${KDOC}#consumerconfigs_enable.auto.commit`,
    version: K,
  },
  {
    id: 'kafka.auto-offset-reset',
    effects: ['lost'],
    fate: 'skipped',
    title: { en: 'Skipped by auto.offset.reset=latest', zh: '被 auto.offset.reset=latest 跳过' },
    text: {
      en: '{d.group} had no committed offset when {node} was assigned the partition[ at {rebalance.at}], and auto.offset.reset={d.reset} started it at the end of the log at {at}, after this record.',
      zh: '[{rebalance.at} ]{node} 分到这个分区时，{d.group} 还没有已提交的 offset，auto.offset.reset={d.reset} 让它在 {at} 从日志末尾开始读，跳过了这条记录。',
    },
    prevent: {
      en: 'auto.offset.reset=earliest starts a new group from the oldest record still in the log (latest is the default).',
      zh: '设置 auto.offset.reset=earliest，新的消费者组会从日志中最早的记录开始读（默认值是 latest）。',
    },
    knobs: ['auto.offset.reset'],
    cite: `${KDOC}#consumerconfigs_auto.offset.reset`,
    version: K,
  },
  {
    id: 'kafka.retention',
    effects: ['lost'],
    fate: 'expired',
    title: { en: 'Deleted by retention', zh: '被保留策略删除' },
    text: {
      en: '{node} deleted the segment holding it at {at} (retention.ms[ = {d.retentionMs}]) before[ {d.group}] had read it.',
      zh: '{at} {node} 按保留策略（retention.ms[ = {d.retentionMs}]）删除了包含它的日志段，此时[ {d.group} ]还没有读到它。',
    },
    prevent: {
      en: 'Raise retention.ms (or retention.bytes) above the longest consumer lag you must survive, and watch consumer lag.',
      zh: '把 retention.ms（或 retention.bytes）调大到能覆盖最长的消费延迟，并监控消费延迟（lag）。',
    },
    knobs: ['retention.ms', 'retention.bytes'],
    cite: `${KDOC}#topicconfigs_retention.ms`,
    version: K,
  },
  {
    id: 'kafka.txn-aborted',
    effects: ['policy', 'unexpected'],
    fate: 'aborted',
    title: { en: 'Transaction aborted', zh: '事务被中止' },
    text: {
      en: 'Its transaction was aborted[ at {transaction.at}]: the transaction coordinator wrote ABORT markers, so read_committed consumers skip it.',
      zh: '它所在的事务[在 {transaction.at} ]被中止：事务协调器（Transaction Coordinator）写入了 ABORT 标记，read_committed 的消费者会跳过它。',
    },
    prevent: {
      en: 'An aborted record is not a loss; a consumer with isolation.level=read_uncommitted (the default) still reads it, so use read_committed.',
      zh: '被中止的记录不算丢失；但 isolation.level=read_uncommitted（默认值）的消费者仍会读到它，应使用 read_committed。',
    },
    knobs: ['isolation.level', 'transactional.id'],
    cite: `${KDOC}#consumerconfigs_isolation.level`,
    version: K,
  },
  {
    id: 'kafka.read-uncommitted',
    effects: ['unexpected'],
    title: { en: 'Read an aborted record', zh: '读到了被中止的记录' },
    text: {
      en: 'The consumer reads with isolation.level=read_uncommitted (the default), which returns records up to the high watermark, those of aborted and open transactions included.',
      zh: '该消费者使用 isolation.level=read_uncommitted（默认值），会返回高水位以下的所有记录，包括已中止和尚未完成的事务中的记录。',
    },
    prevent: {
      en: 'isolation.level=read_committed reads only up to the last stable offset and skips aborted records.',
      zh: '设置 isolation.level=read_committed：只读到最后稳定位点（LSO），并跳过已中止的记录。',
    },
    knobs: ['isolation.level'],
    cite: `${KDOC}#consumerconfigs_isolation.level`,
    version: K,
  },
  {
    id: 'kafka.retry-without-idempotence',
    effects: ['duplicated', 'reordered'],
    title: { en: 'Producer retry without idempotence', zh: '未开启幂等时的生产者重试' },
    text: {
      en: '{node} sent it again at {at}[ because the first attempt at {attempt.at} got no answer][: the network dropped the {network.d.typeEn} at {network.at}][ (the request timed out at {timeout.at})]. Without idempotence the broker cannot tell a retry from a new record: if the first attempt was written, it is written twice, and a retry can land behind records sent after it.',
      zh: '{at} {node} 重新发送了它[，因为 {attempt.at} 的第一次发送没有得到应答][：{network.at} 网络丢弃了{network.d.typeZh}][（{timeout.at} 请求超时）]。未开启幂等时，broker 无法区分重试和新记录：如果第一次已经写入，它就会被写两次，而且重试可能排到之后发送的记录后面。',
    },
    prevent: {
      en: 'enable.idempotence=true (the default since Kafka 3.0; it needs acks=all, retries > 0 and max.in.flight.requests.per.connection <= 5): the broker drops a repeated sequence number and keeps per-partition order. max.in.flight.requests.per.connection=1 keeps order but not duplicates away.',
      zh: '设置 enable.idempotence=true（Kafka 3.0 起默认开启，要求 acks=all、retries > 0、max.in.flight.requests.per.connection <= 5）：broker 会丢弃重复的序列号，并保持分区内顺序。max.in.flight.requests.per.connection=1 只能保证顺序，不能防止重复。',
    },
    knobs: ['enable.idempotence', 'max.in.flight.requests.per.connection', 'retries'],
    cite: `${KDOC}#producerconfigs_enable.idempotence`,
    version: K,
  },
  {
    id: 'kafka.sequence-reset',
    effects: ['reordered', 'duplicated'],
    title: { en: 'Idempotent producer lost its sequence state', zh: '幂等生产者的序列号状态丢失' },
    text: {
      en: "The partition leader no longer had {node}'s earlier sequence numbers (its log had been replaced, e.g. by an unclean election), so it refused the batch with OUT_OF_ORDER_SEQUENCE_NUMBER[ at {policy.at}]; {node} sent it again at {at}, after batches sent later had already been written.",
      zh: '分区 leader 已经没有 {node} 之前的序列号状态（它的日志被替换过，例如发生了 unclean leader 选举），于是[在 {policy.at} ]以 OUT_OF_ORDER_SEQUENCE_NUMBER 拒绝了这个批次；{at} {node} 重新发送时，后发的批次已经写入。',
    },
    prevent: {
      en: "Idempotence keeps per-partition order only while the log keeps the producer's state: keep unclean.leader.election.enable=false and min.insync.replicas=2 so an acknowledged batch is never lost from the log.",
      zh: '幂等只有在日志保留了生产者状态时才能保证分区内顺序：保持 unclean.leader.election.enable=false 并设置 min.insync.replicas=2，已确认的批次就不会从日志中丢失。',
    },
    knobs: ['enable.idempotence', 'unclean.leader.election.enable', 'min.insync.replicas'],
    cite: 'https://cwiki.apache.org/confluence/display/KAFKA/KIP-360%3A+Improve+reliability+of+idempotent%2Ftransactional+producer',
    version: K,
  },
  {
    id: 'kafka.uncommitted-redelivery',
    effects: ['duplicated', 'reordered'],
    title: { en: 'Re-read from the last committed offset', zh: '从最后提交的 offset 重新读取' },
    text: {
      en: "{node} resumed partition {d.partition} for {d.group} from the last committed offset {d.offset} at {at}, behind the records {d.previous} had already received[; {fault.node} {fault.verb} at {fault.at} before committing them][; {d.offsetsLostWith} had lost power and came back at {restart.at} without the group's records in __consumer_offsets (its members and committed offsets): that log follows the broker-wide log.flush.interval.messages, unset by default, not the topic's flush.messages, so they were only in the page cache, and commits made before were gone and later ones refused until the group rejoined][ (rebalance at {rebalance.at})], so it read the record again.",
      zh: '{at} {node} 从最后提交的 offset {d.offset} 开始恢复 {d.group} 的分区 {d.partition}，落后于 {d.previous} 已经拿到的记录[；{fault.at} {fault.node} 在提交之前{fault.verb}][；{d.offsetsLostWith} 断电后于 {restart.at} 重启，__consumer_offsets 里这个消费者组的记录（成员和已提交的 offset）都没了：这个日志按 broker 级的 log.flush.interval.messages 刷盘（默认不设置），不受 topic 的 flush.messages 控制，断电时还只在页缓存（page cache）里，所以之前的提交丢了，之后的提交在重新加入消费者组之前都被拒绝][（{rebalance.at} 发生重平衡）]，于是再次读到了这条记录。',
    },
    prevent: {
      en: 'Committing after processing is at-least-once: a crash or rebalance between processing and the commit repeats the work (with enable.auto.commit, everything processed since the last auto-commit, up to auto.commit.interval.ms). Make the consumer idempotent, or commit offsets and results in one transaction (sendOffsetsToTransaction).',
      zh: '处理之后再提交是“至少一次”语义：在处理与提交之间崩溃或发生重平衡，会导致重复消费（开启 enable.auto.commit 时，是上次自动提交以来处理过的所有记录，最多 auto.commit.interval.ms 的量）。消费端要做幂等，或把 offset 和处理结果放在同一个事务里提交（sendOffsetsToTransaction）。',
    },
    knobs: ['enable.auto.commit', 'auto.commit.interval.ms', 'isolation.level'],
    cite: `${KDOC}#consumerconfigs_enable.auto.commit`,
    version: K,
  },
  {
    id: 'kafka.acks-all-waited',
    effects: ['protect'],
    title: { en: 'acks=all waited for the ISR', zh: 'acks=all 等待了 ISR' },
    text: {
      en: 'With acks=all, {node} acknowledged only after every in-sync replica had the record.',
      zh: '在 acks=all 下，{node} 直到 ISR 中的所有副本都拿到记录后才确认。',
    },
    prevent: { en: '', zh: '' },
    knobs: ['acks', 'min.insync.replicas'],
    cite: `${KDOC}#producerconfigs_acks`,
    version: K,
  },
  {
    id: 'kafka.idempotent-dedup',
    effects: ['protect'],
    title: { en: 'Idempotent producer dropped a repeat', zh: '幂等生产者去掉了重复' },
    text: {
      en: '{node} recognised a retried batch by its producer id and sequence number and did not write it again.',
      zh: '{node} 通过 producer id 和序列号识别出重试的批次，没有重复写入。',
    },
    prevent: { en: '', zh: '' },
    knobs: ['enable.idempotence'],
    cite: `${KDOC}#producerconfigs_enable.idempotence`,
    version: K,
  },
  // --------------------------------------------------------------------------------- consumers
  {
    id: 'consumer.competing-consumers',
    effects: ['reordered'],
    title: { en: 'Competing consumers', zh: '多个消费者并行消费' },
    text: {
      en: 'They were processed by different consumers ({d.first} and {d.second}) working in parallel, so the later one could finish first.',
      zh: '它们由两个并行工作的消费者（{d.first} 和 {d.second}）分别处理，后发的可能先处理完。',
    },
    prevent: {
      en: 'Send each key to one consumer: Kafka partitions by key and gives a partition to one consumer of the group; RabbitMQ needs a queue per key or x-single-active-consumer.',
      zh: '让同一个 key 只由一个消费者处理：Kafka 按 key 分区，每个分区只分给组内一个消费者；RabbitMQ 需要每个 key 一个队列，或使用 x-single-active-consumer。',
    },
    knobs: ['x-single-active-consumer', 'partitioner'],
    cite: `${RDOC}consumers#single-active-consumer`,
    version: `${R}; ${K}`,
  },
  {
    id: 'consumer.worker-pool',
    effects: ['reordered'],
    title: { en: 'Worker threads inside one consumer', zh: '消费者内部的多个工作线程' },
    text: {
      en: 'The queue delivered it to {node} in order, but {node} handed messages to its worker threads in turn: worker {d.ahead} had already finished a later message of key {d.key} when worker {d.worker} finished this one at {at}.',
      zh: '队列是按顺序投递给 {node} 的，但 {node} 把消息轮流交给内部的工作线程：{at} 工作线程 {d.worker} 处理完它时，工作线程 {d.ahead} 已经处理完了 key {d.key} 后面的一条消息。',
    },
    prevent: {
      en: "Give each key one worker: an in-memory queue per worker and dispatch by Math.abs(key.hashCode()) % threads, so a key's messages are handled by one thread, in order, while different keys run in parallel.",
      zh: '让每个 key 只由一个工作线程处理：每个线程一个内存队列，按 Math.abs(key.hashCode()) % 线程数 分发，同一个 key 的消息由同一个线程按顺序处理，不同的 key 仍然并行。',
    },
    knobs: ['workers.dispatch'],
    cite: `${RDOC}consumers#concurrency`,
    version: `${R} (a consumer's own thread pool)`,
  },
  {
    id: 'consumer.forward-repartition',
    effects: ['reordered'],
    title: { en: 'Forwarded to another queue than its key', zh: '转发时同一个 key 进了不同的队列' },
    text: {
      en: '{node} processed it from queue {d.from} at {at}, after a later message of key {d.key} had already been processed from queue {d.ahead}. The forwarding consumer spread the key over several new queues, and each queue has its own consumer working in parallel, so the order across them is not kept.',
      zh: '{at} {node} 从队列 {d.from} 处理它时，key {d.key} 后面的一条消息已经从队列 {d.ahead} 处理完了。转发消费者把同一个 key 分到了多个新队列，每个队列各有一个消费者并行处理，队列之间的顺序就保证不了了。',
    },
    prevent: {
      en: 'Forward by key (Math.abs(key.hashCode()) % queues), as a Kafka producer partitions by key, so each key stays in one new queue with one consumer.',
      zh: '按 key 转发（Math.abs(key.hashCode()) % 队列数），就像 Kafka 生产者按 key 选分区一样，让每个 key 只进一个新队列、只有一个消费者。',
    },
    knobs: ['forward.dispatch', 'partitioner'],
    cite: `${KDOC}#intro_concepts_and_terms`,
    version: `${R}; ${K}`,
  },
  {
    id: 'consumer.forward-redelivered',
    effects: ['duplicated'],
    title: { en: 'Forwarded twice after a redelivery', zh: '重新投递后被转发了两次' },
    text: {
      en: '{node} processed it a second time at {at}. The forwarding consumer had forwarded it[ at {earlier.at}], but its ack never reached the backlogged queue[ ({fault.node} {fault.verb} at {fault.at})]; the queue delivered it again with redelivered=true and it was forwarded once more[ at {attempt.at}]. A forwarder is an at-least-once consumer too.',
      zh: '{at} {node} 第二次处理了它。转发消费者[ 在 {earlier.at}] 已经转发过它，但它的 ack 没有到达积压的队列[（{fault.at} {fault.node} {fault.verb}）]；队列以 redelivered=true 再次投递，它[ 在 {attempt.at}] 又被转发了一次。转发消费者同样是“至少一次”。',
    },
    prevent: {
      en: 'The consumers of the new queues must be idempotent (deduplicate by message id in the sink): a forwarder cannot publish and ack in one atomic step.',
      zh: '新队列的消费者要做幂等（在下游按消息 id 去重）：转发消费者无法把“发布”和“ack”做成一个原子操作。',
    },
    knobs: ['sink', 'autoAck'],
    cite: `${RDOC}confirms#automatic-requeueing`,
    version: R,
  },
  {
    id: 'rabbit.dead-letter-copies',
    effects: ['duplicated'],
    title: { en: 'One dead letter per source queue', zh: '每个源队列各产生一份死信' },
    text: {
      en: 'It was routed to several queues, and each queue dead-letters its own copy: {d.queue} received copies dead-lettered from {d.from}[ (this one from {d.copy})], each with its own x-death entry, and {node} received them as separate deliveries.',
      zh: '它被路由到了多个队列，每个队列各自把自己的那一份转为死信：死信队列 {d.queue} 收到了分别来自 {d.from} 的多份死信[（这一份来自 {d.copy}）]，每份都带有各自的 x-death 记录，{node} 把它们当作不同的投递收到。',
    },
    prevent: {
      en: 'This is RabbitMQ behaviour, not a fault: bind the dead-letter exchange so each source queue has its own dead-letter queue (or set x-dead-letter-routing-key per queue), or deduplicate by message id in the dead-letter consumer.',
      zh: '这是 RabbitMQ 的正常行为，不是故障：给每个源队列配置各自的死信队列（或为每个队列设置 x-dead-letter-routing-key），或者在死信消费者里按消息 id 去重。',
    },
    knobs: ['x-dead-letter-exchange', 'x-dead-letter-routing-key'],
    cite: `${RDOC}dlx`,
    version: R,
  },
  {
    id: 'rabbit.dead-letter-order',
    effects: ['reordered'],
    title: { en: 'Dead letters queue in the order they died', zh: '死信按成为死信的先后排队' },
    text: {
      en: '{node} put it at the tail of the dead-letter queue {d.queue} at {at}[, when it was dead-lettered from {policy.d.from}]. A dead-letter queue holds messages in the order they were dead-lettered, not the order they were published, so it came after later messages that had been dead-lettered sooner.',
      zh: '{at} {node} 把它放到死信队列 {d.queue} 的队尾[，它是从队列 {policy.d.from} 转为死信的]。死信队列按消息成为死信的先后排队，而不是按发布顺序，所以它排在了更早成为死信的后发消息后面。',
    },
    prevent: {
      en: 'Do not rely on the order of a dead-letter queue: a consumer that needs order must sort by a sequence number the message carries (x-death records when each copy died).',
      zh: '不要依赖死信队列里的顺序：需要顺序的消费者要按消息自带的序号排序（x-death 记录了每份死信产生的时间）。',
    },
    knobs: ['x-dead-letter-exchange', 'x-message-ttl', 'x-max-length'],
    cite: `${RDOC}dlx`,
    version: R,
  },
  {
    id: 'consumer.idempotent-sink',
    effects: ['protect'],
    title: { en: 'Idempotent consumer absorbed a repeat', zh: '幂等消费者吸收了重复' },
    text: {
      en: "The consumer's sink recognised the message id and did not apply it again.",
      zh: '消费端的下游存储识别出了消息 id，没有重复执行。',
    },
    prevent: { en: '', zh: '' },
    knobs: [],
    cite: `${RDOC}reliability#consumer-side`,
    version: 'any',
  },
];

/** The catalogue, by id. */
export const MECHANISMS: Readonly<Record<MechanismId, Mechanism>> = (() => {
  const out = {} as Record<MechanismId, Mechanism>;
  for (const e of [...ENTRIES, ...ROCKETMQ_MECHANISMS]) out[e.id] = e;
  for (const id of MECHANISM_IDS) {
    if (!(id in out)) throw new Error(`mechanism ${id} has no catalogue entry`);
  }
  return out;
})();

/** A catalogue entry. */
export function mechanism(id: MechanismId): Mechanism {
  return MECHANISMS[id];
}

/**
 * The sentences around a mechanism's text: what the anomaly is (its headline) and what the repeat
 * did. Templates like the catalogue's; `{n}`, `{list}`, `{after}` and friends come from the history.
 */
export const PHRASES = {
  lost: { en: '{msg} was lost{grp}.', zh: '{msg}{grp}丢失。' },
  toldSent: {
    en: 'The producer sent it at {told.at} without waiting for any broker acknowledgement (fire-and-forget), so the application counted it as sent.',
    zh: '生产者在 {told.at} 以“发后即忘”方式发送了它，没有等待任何 broker 确认，应用就把它当作已发送。',
  },
  toldAck: {
    en: 'The producer was told it was stored at {told.at}.',
    zh: '生产者在 {told.at} 收到了写入确认。',
  },
  duplicatedDelivered: {
    en: '{msg} was delivered {n} times{grp} ({list}).',
    zh: '{msg}{grp}被投递了 {n} 次（{list}）。',
  },
  duplicatedProcessed: {
    en: '{msg} was processed {n} times{grp}.',
    zh: '{msg}{grp}被处理了 {n} 次。',
  },
  effectRepeated: {
    en: 'The work was done {n} times (for example {n} rows inserted). An idempotent consumer (deduplicating by message id) would have made the repeat harmless.',
    zh: '业务副作用执行了 {n} 次（例如插入了 {n} 行）；若消费端幂等（按消息 id 去重），重复投递不会产生影响。',
  },
  effectAbsorbed: {
    en: 'The sink recognised the repeat, so the work was done once.',
    zh: '下游存储识别出了这次重复，业务副作用只执行了一次。',
  },
  effectOnce: {
    en: 'Only one delivery was processed, so the work was done once.',
    zh: '只有一次投递被处理，业务副作用只执行了一次。',
  },
  effectNone: { en: 'None of the deliveries was processed.', zh: '这几次投递都没有被处理。' },
  reordered: {
    en: '{msg} was processed after message #{after}, which {producer} sent later{grp}[: #{after} at {afterAt}, #{m} at {mAt}].',
    zh: '{msg}{grp}在消息 #{after} 之后才被处理，而 {producer} 是先发送 #{m} 的[：#{after} 于 {afterAt} 处理，#{m} 于 {mAt} 处理]。',
  },
  unexpected: {
    en: '{msg} was delivered{where}{grp} although the producer was told[ at {told.at}] that the publish definitely failed ({err}).',
    zh: '{msg}{grp}{where}，但生产者[在 {told.at} ]得到的答复是发送确定失败（{err}）。',
  },
  unexpectedUnsent: {
    en: '{msg} was delivered{where}{grp}, but no producer ever sent it.',
    zh: '{msg}{grp}{where}，但从来没有生产者发送过它。',
  },
  recovered: {
    en: '{msg} was delivered{where}{grp} although the producer could not know whether it was stored ({err}). This is allowed: the answer was "maybe".',
    zh: '{msg}{grp}{where}，尽管生产者无法知道它是否已被存储（{err}）。这是允许的：答复本来就是“可能已存储”。',
  },
  setAside: {
    en: '{msg} was not processed{grp}: a broker policy set it aside ({fate}).',
    zh: '{msg}{grp}没有被处理：broker 的策略把它移出了队列（{fate}）。',
  },
  unrecorded: {
    en: "The run recorded no mechanism for this: that is a gap in the simulator's bookkeeping, not broker behaviour.",
    zh: '运行记录中没有记下导致它的机制：这是模拟器记账的缺陷，而不是 broker 的行为。',
  },
  preventLead: { en: 'What prevents it:', zh: '如何避免：' },
  clean: {
    en: 'No anomalies: every acknowledged message was processed, once and in order.',
    zh: '没有异常：每条已确认的消息都被处理了，恰好一次且保持顺序。',
  },
  protectedBy: { en: 'What protected them:', zh: '起保护作用的机制：' },
} as const satisfies Record<string, Bilingual>;
