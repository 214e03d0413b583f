/**
 * The RocketMQ part of the mechanism catalogue (see `mechanisms.ts` for the template slots). The
 * model follows RocketMQ 4.9.x in master/slave mode; each entry cites the document or source file
 * of apache/rocketmq it is taken from.
 */
import type { Mechanism } from './mechanisms';

const Q = 'RocketMQ 4.9.x (master/slave, no DLedger)';
const DOCS = 'https://github.com/apache/rocketmq/blob/rocketmq-all-4.9.8/docs/en/';
const SRC = 'https://github.com/apache/rocketmq/blob/rocketmq-all-4.9.8/';

/** Catalogue entries for the `rocketmq.*` mechanism ids. */
export const ROCKETMQ_MECHANISMS: Mechanism[] = [
  {
    id: 'rocketmq.async-flush-lost',
    effects: ['lost'],
    fate: 'dropped',
    title: {
      en: 'ASYNC_FLUSH: the page-cache tail was lost',
      zh: '异步刷盘：PageCache 中未刷盘的尾部丢失',
    },
    text: {
      en: '{node} ran with flushDiskType=ASYNC_FLUSH: it answered SEND_OK once the message was in the page cache[ ({ack.at})], and its flush thread writes to disk only every flushIntervalCommitLog. [{fault.node} {fault.verb} at {fault.at}: ]the unflushed tail of the CommitLog went with the page cache, and no slave had a copy.',
      zh: '{node} 使用 flushDiskType=ASYNC_FLUSH：消息写入 PageCache 就返回 SEND_OK[（{ack.at}）]，刷盘线程每隔 flushIntervalCommitLog 才把数据写到磁盘。[{fault.at} {fault.node} {fault.verb}，]CommitLog 尾部尚未刷盘的数据随 PageCache 一起丢失，而且没有 slave 持有副本。',
    },
    prevent: {
      en: 'flushDiskType=SYNC_FLUSH answers only after the disk write (at some latency cost); or a slave with brokerRole=SYNC_MASTER keeps a second copy before SEND_OK. A process crash alone keeps the page cache.',
      zh: '设置 flushDiskType=SYNC_FLUSH，刷盘完成后才返回（会增加一些延迟）；或者配置 slave 并设置 brokerRole=SYNC_MASTER，在返回 SEND_OK 之前先有第二份副本。仅仅进程崩溃的话，PageCache 还在，不会丢。',
    },
    knobs: ['flushDiskType', 'flushIntervalCommitLog', 'brokerRole'],
    cite: `${DOCS}Design_Store.md`,
    version: Q,
  },
  {
    id: 'rocketmq.flush-disk-timeout',
    effects: ['lost'],
    fate: 'dropped',
    title: {
      en: 'SYNC_FLUSH timed out: FLUSH_DISK_TIMEOUT',
      zh: '同步刷盘超时：FLUSH_DISK_TIMEOUT',
    },
    text: {
      en: '{node} waited syncFlushTimeout for the disk and answered FLUSH_DISK_TIMEOUT: the message was only in memory. [{fault.node} {fault.verb} at {fault.at}, ]before the flush finished, so it was lost; the application had treated the send as done.',
      zh: '{node} 等待刷盘超过 syncFlushTimeout，返回了 FLUSH_DISK_TIMEOUT：消息此时只在内存中。[{fault.at} {fault.node} {fault.verb}，]刷盘还没完成，消息因此丢失；而应用已经把这次发送当作成功。',
    },
    prevent: {
      en: 'Treat any status other than SEND_OK as a failure and send again (retryAnotherBrokerWhenNotStoreOK=true does it for sync sends), with an idempotent consumer for the repeats.',
      zh: '把 SEND_OK 以外的状态都当作失败并重新发送（同步发送可设置 retryAnotherBrokerWhenNotStoreOK=true），同时让消费端幂等以承受重复。',
    },
    knobs: ['flushDiskType', 'syncFlushTimeout', 'retryAnotherBrokerWhenNotStoreOK'],
    cite: `${DOCS}best_practice.md`,
    version: Q,
  },
  {
    id: 'rocketmq.async-replication-lost',
    effects: ['lost'],
    fate: 'dropped',
    title: {
      en: 'ASYNC_MASTER: lost before the slave had it',
      zh: '异步复制：slave 尚未同步就丢失',
    },
    text: {
      en: 'The master answered[ at {ack.at}] without waiting for a slave (brokerRole=ASYNC_MASTER, or no slave at all). [{node}’s disk failed at {fault.at}, ]taking the messages that had not been replicated yet.',
      zh: 'master [在 {ack.at} ]没有等待 slave 就返回了结果（brokerRole=ASYNC_MASTER，或者根本没有 slave）。[{fault.at} {node} 的磁盘损坏，]还没复制到 slave 的消息随之丢失。',
    },
    prevent: {
      en: 'brokerRole=SYNC_MASTER (synchronous double write) answers SEND_OK only after a slave has the message; writes then stop when the master is gone until an operator acts (no automatic promotion without DLedger or the 5.x controller).',
      zh: '设置 brokerRole=SYNC_MASTER（同步双写），slave 收到消息后才返回 SEND_OK；代价是 master 宕机后写入会停止，直到运维介入（不使用 DLedger 或 5.0 起的自动主从切换时，不会自动切换）。',
    },
    knobs: ['brokerRole'],
    cite: `${DOCS}Deployment.md`,
    version: Q,
  },
  {
    id: 'rocketmq.sync-master-not-ok',
    effects: ['lost'],
    fate: 'dropped',
    title: {
      en: 'SYNC_MASTER answered without a slave copy',
      zh: 'SYNC_MASTER 在没有 slave 副本时返回',
    },
    text: {
      en: 'The SYNC_MASTER could not replicate in time and answered {ack.d.status}[ at {ack.at}]: the message was only on the master. [{node}’s disk failed at {fault.at}, ]so it was lost, though the application took the send as done.',
      zh: 'SYNC_MASTER 没能及时复制，返回了 {ack.d.status}[（{ack.at}）]：消息只在 master 上。[{fault.at} {node} 的磁盘损坏，]消息因此丢失，而应用已经把这次发送当作成功。',
    },
    prevent: {
      en: 'Check the SendResult: FLUSH_SLAVE_TIMEOUT and SLAVE_NOT_AVAILABLE mean "stored once, not replicated"; send again (retryAnotherBrokerWhenNotStoreOK=true) and keep the consumer idempotent.',
      zh: '检查 SendResult：FLUSH_SLAVE_TIMEOUT 和 SLAVE_NOT_AVAILABLE 表示“只存了一份、没有复制”；应重新发送（retryAnotherBrokerWhenNotStoreOK=true），并保持消费端幂等。',
    },
    knobs: ['brokerRole', 'retryAnotherBrokerWhenNotStoreOK'],
    cite: `${DOCS}best_practice.md`,
    version: Q,
  },
  {
    id: 'rocketmq.async-send-failed',
    effects: ['lost'],
    fate: 'never-accepted',
    title: {
      en: 'Async send failed: the callback got onException',
      zh: '异步发送失败：回调收到 onException',
    },
    text: {
      en: '{node} sent it asynchronously and gave up after {d.attempts} attempt(s) ({d.error}[, last on {d.broker}]): retryTimesWhenSendAsyncFailed retries only a request that could not be sent or timed out, each to a queue chosen as for a sync send, and never a broker error response. The callback got onException; nobody resends it unless the application does.',
      zh: '{node} 用异步方式发送，{d.attempts} 次尝试后放弃（{d.error}[，最后一次发往 {d.broker}]）：retryTimesWhenSendAsyncFailed 只重试没发出去或超时的请求，每次像同步发送一样重新选队列，broker 返回的错误响应则不重试。回调收到 onException；除非应用自己重发，这条消息不会再有人发送。',
    },
    prevent: {
      en: 'Handle onException in the callback (send again, or store the message to resend later); more than one broker group gives a retry somewhere else to go; a sync send also retries broker error codes such as SERVICE_NOT_AVAILABLE.',
      zh: '在回调的 onException 中处理失败（重新发送，或先落库再补发）；部署多个 broker 组，重试才有别的 broker 可去；同步发送对 SERVICE_NOT_AVAILABLE 这类 broker 错误码也会重试。',
    },
    knobs: ['sendMode', 'retryTimesWhenSendAsyncFailed', 'retryTimesWhenSendFailed'],
    // The 4.9.8 code, not Feature.md (which says async retries stay on the same broker).
    cite: `${SRC}client/src/main/java/org/apache/rocketmq/client/impl/MQClientAPIImpl.java`,
    version: Q,
  },
  {
    id: 'rocketmq.consume-from-last-offset',
    effects: ['lost'],
    fate: 'skipped',
    title: { en: 'A new group started from the last offset', zh: '新消费组从最新位点开始消费' },
    text: {
      en: '{node} found no stored offset for {d.group} on {d.qkey} and, with consumeFromWhere=CONSUME_FROM_LAST_OFFSET, started at the queue’s max offset {d.offset}: the backlog before it is never consumed by this group.',
      zh: '{node} 在 {d.qkey} 上找不到 {d.group} 已保存的消费位点，在 consumeFromWhere=CONSUME_FROM_LAST_OFFSET 下从队列的最大位点 {d.offset} 开始消费：之前积压的消息这个消费组都不会再消费。',
    },
    prevent: {
      en: 'consumeFromWhere=CONSUME_FROM_FIRST_OFFSET makes a new group start from the earliest message still stored.',
      zh: '设置 consumeFromWhere=CONSUME_FROM_FIRST_OFFSET，新消费组从仍在存储的最早消息开始消费。',
    },
    knobs: ['consumeFromWhere'],
    cite: `${SRC}client/src/main/java/org/apache/rocketmq/client/impl/consumer/RebalancePushImpl.java`,
    version: Q,
  },
  {
    id: 'rocketmq.broadcast-no-retry',
    effects: ['lost'],
    fate: 'dropped',
    title: { en: 'Broadcasting does not retry', zh: '广播消费不重试' },
    text: {
      en: 'The listener of {node} returned RECONSUME_LATER, but in BROADCASTING mode a failed message is dropped, not retried.',
      zh: '{node} 的监听器返回了 RECONSUME_LATER，但在 BROADCASTING 模式下消费失败的消息会被直接丢弃，不会重试。',
    },
    prevent: {
      en: 'Retry inside the listener, or use CLUSTERING with one group per consumer when each needs every message with retries.',
      zh: '在监听器内部自行重试；如果每个消费者都需要拿到全部消息且需要重试，改用 CLUSTERING，每个消费者一个消费组。',
    },
    knobs: ['messageModel'],
    cite: `${SRC}client/src/main/java/org/apache/rocketmq/client/impl/consumer/ConsumeMessageConcurrentlyService.java`,
    version: Q,
  },
  {
    id: 'rocketmq.txn-check-max',
    effects: ['lost'],
    fate: 'dropped',
    title: {
      en: 'Half message discarded after transactionCheckMax checks',
      zh: '回查超过 transactionCheckMax 次，半消息被丢弃',
    },
    text: {
      en: '{node} asked the producer group about this half message {d.checks} times without a commit or rollback (transactionCheckMax), then discarded it as rolled back[; the local transaction had committed and the producer was told at {told.at}].',
      zh: '{node} 就这条半消息向生产者组回查了 {d.checks} 次，都没有得到 commit 或 rollback（transactionCheckMax），于是把它当作回滚丢弃[；而本地事务其实已经提交，生产者在 {told.at} 得到了结果]。',
    },
    prevent: {
      en: 'checkLocalTransaction must answer from the local database (COMMIT_MESSAGE when the local transaction committed); UNKNOW forever ends in a rollback.',
      zh: 'checkLocalTransaction 必须根据本地数据库的状态作答（本地事务已提交就返回 COMMIT_MESSAGE）；一直返回 UNKNOW 最终会被回滚。',
    },
    knobs: ['transactionCheckMax', 'transactionCheckInterval', 'transactionTimeOut'],
    cite: `${DOCS}Design_Transaction.md`,
    version: Q,
  },
  {
    id: 'rocketmq.txn-rollback',
    effects: ['policy'],
    fate: 'aborted',
    title: { en: 'Transaction rolled back', zh: '事务回滚' },
    text: {
      en: '{node} rolled the half message back ({d.by}): it never became visible to consumers.',
      zh: '{node} 回滚了这条半消息（{d.by}）：它从未对消费者可见。',
    },
    prevent: {
      en: 'Nothing to prevent: a rolled-back local transaction must not publish its message. The producer was told ROLLBACK_MESSAGE.',
      zh: '无需避免：本地事务回滚了，消息本就不应发布。生产者得到的结果是 ROLLBACK_MESSAGE。',
    },
    knobs: ['transaction'],
    cite: `${DOCS}Design_Transaction.md`,
    version: Q,
  },
  {
    id: 'rocketmq.dlq',
    effects: ['policy'],
    fate: 'dead-lettered',
    title: { en: 'Sent to %DLQ% after maxReconsumeTimes', zh: '超过 maxReconsumeTimes 进入 %DLQ%' },
    text: {
      en: 'The consumer gave it back {d.reconsumeTimes} times (RECONSUME_LATER[, the last at {policy.at}]); at maxReconsumeTimes {node} moved it to {d.dlq}, which no consumer reads.',
      zh: '消费者已经 {d.reconsumeTimes} 次把它退回（RECONSUME_LATER[，最后一次在 {policy.at}]）；达到 maxReconsumeTimes 后，{node} 把它转入 {d.dlq}，没有消费者会去读。',
    },
    prevent: {
      en: 'Watch the %DLQ% topic and resend or repair what lands there; raise maxReconsumeTimes if failures are transient.',
      zh: '监控 %DLQ% 主题，对进入死信队列的消息进行补发或修复；如果失败是暂时性的，可以调大 maxReconsumeTimes。',
    },
    knobs: ['maxReconsumeTimes'],
    cite: `${DOCS}Feature.md`,
    version: Q,
  },
  {
    id: 'rocketmq.send-retry',
    effects: ['duplicated', 'reordered'],
    title: { en: 'The producer sent it again', zh: '生产者重新发送' },
    text: {
      en: '{node} sent it again at {at} to {d.to} (attempt {d.attempt}) after the earlier attempt failed[ ({network.d.error} at {network.at})]; the earlier attempt may already have been stored.',
      zh: '{at} {node} 在上一次尝试失败后[（{network.at} {network.d.error}）]再次发送到 {d.to}（第 {d.attempt} 次重试）；上一次尝试可能已经被存储了。',
    },
    prevent: {
      en: 'RocketMQ has no idempotent producer: give messages a business key (setKeys) and deduplicate in the consumer.',
      zh: 'RocketMQ 没有幂等生产者：给消息设置业务唯一键（setKeys），在消费端去重。',
    },
    knobs: ['retryTimesWhenSendFailed', 'retryTimesWhenSendAsyncFailed'],
    cite: `${DOCS}Feature.md`,
    version: Q,
  },
  {
    id: 'rocketmq.offset-not-persisted',
    effects: ['duplicated'],
    title: { en: 'Resumed from the last persisted offset', zh: '从最后持久化的消费位点恢复' },
    text: {
      en: '{node} took {d.qkey} for {d.group} at {at} and resumed from offset {d.offset}, the last one persisted at the broker, behind what {d.previous} had already consumed[ ({fault.node} {fault.verb} at {fault.at})][ (rebalance at {rebalance.at})]: offsets are persisted only every persistConsumerOffsetInterval.',
      zh: '{at} {node} 为 {d.group} 接手 {d.qkey}，从 broker 上最后持久化的位点 {d.offset} 开始，落后于 {d.previous} 已经消费到的位置[（{fault.at} {fault.node} {fault.verb}）][（{rebalance.at} 发生重平衡）]：消费位点只每隔 persistConsumerOffsetInterval 持久化一次。',
    },
    prevent: {
      en: 'RocketMQ consumption is at least once: a crash or a rebalance repeats what was consumed since the last persist. Make the consumer idempotent (a unique key in the database).',
      zh: 'RocketMQ 的消费是“至少一次”：崩溃或重平衡会重复上次持久化之后已消费的消息。消费端要做幂等（例如数据库唯一键）。',
    },
    knobs: ['persistConsumerOffsetInterval'],
    cite: `${DOCS}Feature.md`,
    version: Q,
  },
  {
    id: 'rocketmq.reconsume-later',
    effects: ['duplicated'],
    title: { en: 'The listener asked to consume it later', zh: '监听器要求稍后重新消费' },
    text: {
      en: 'The listener of {node} returned RECONSUME_LATER at {at}[ (consumed {d.reconsumeTimes} times before)], so it comes back through %RETRY%{d.group} after the next delay level (orderly listeners retry it in place after suspendCurrentQueueTimeMillis).',
      zh: '{at} {node} 的监听器返回了 RECONSUME_LATER[（此前已重试 {d.reconsumeTimes} 次）]，消息会按下一个延迟级别经由 %RETRY%{d.group} 重新投递（顺序消费则在 suspendCurrentQueueTimeMillis 后原地重试）。',
    },
    prevent: {
      en: 'This is the retry you asked for; keep the consumer idempotent, since a retried message may have had partial effects.',
      zh: '这是应用自己要求的重试；消费端仍要幂等，因为重试的消息可能已经产生了部分副作用。',
    },
    knobs: ['maxReconsumeTimes', 'suspendCurrentQueueTimeMillis'],
    cite: `${DOCS}Feature.md`,
    version: Q,
  },
  {
    id: 'rocketmq.sync-flush-waited',
    effects: ['protect'],
    title: { en: 'SYNC_FLUSH answered after the disk write', zh: '同步刷盘：写盘后才返回' },
    text: {
      en: 'With flushDiskType=SYNC_FLUSH, {node} answered SEND_OK only after the CommitLog was on disk.',
      zh: '在 flushDiskType=SYNC_FLUSH 下，{node} 等 CommitLog 落盘后才返回 SEND_OK。',
    },
    prevent: { en: '', zh: '' },
    knobs: ['flushDiskType'],
    cite: `${DOCS}Design_Store.md`,
    version: Q,
  },
  {
    id: 'rocketmq.sync-master-waited',
    effects: ['protect'],
    title: { en: 'SYNC_MASTER waited for the slave', zh: 'SYNC_MASTER 等待了 slave' },
    text: {
      en: 'With brokerRole=SYNC_MASTER, {node} answered SEND_OK only after a slave had the message.',
      zh: '在 brokerRole=SYNC_MASTER 下，{node} 等 slave 收到消息后才返回 SEND_OK。',
    },
    prevent: { en: '', zh: '' },
    knobs: ['brokerRole'],
    cite: `${DOCS}Deployment.md`,
    version: Q,
  },
  {
    id: 'rocketmq.txn-check-committed',
    effects: ['protect'],
    title: { en: 'Check-back committed a half message', zh: '事务回查提交了半消息' },
    text: {
      en: '{node} never got the second phase for a half message, asked the producer group (check-back) and committed it.',
      zh: '{node} 没有收到半消息的二阶段请求，向生产者组发起回查后提交了它。',
    },
    prevent: { en: '', zh: '' },
    knobs: ['transactionCheckInterval', 'transactionTimeOut'],
    cite: `${DOCS}Design_Transaction.md`,
    version: Q,
  },
  {
    id: 'rocketmq.selector-remap',
    effects: ['reordered'],
    title: {
      en: 'The queue count changed: the selector moved the key to another queue',
      zh: '队列数变了：选择器把这个 key 发到了另一个队列',
    },
    text: {
      en: '{node} picks a queue with a MessageQueueSelector, mqs.get(orderId % mqs.size()). Its route, refreshed from a NameServer every pollNameServerInterval, now had {d.queues} writable queues instead of {d.before}[ ({fault.node} {fault.verb} at {fault.at})][ ({restart.node} restarted at {restart.at})], so at {at} key {d.key} went to queue {d.toQueue} of {d.to}, not to queue {d.fromQueue} of {d.from} as before. Consumers read the two queues independently: what of this key was still waiting in the old queue was consumed after its newer messages in the new one.',
      zh: '{node} 用 MessageQueueSelector 选队列：按 id % mqs.size() 取模，取路由里的第几个队列。它的路由每隔 pollNameServerInterval 从 NameServer 刷新一次，这时可写队列从 {d.before} 个变成了 {d.queues} 个[（{fault.at} {fault.node} {fault.verb}）][（{restart.at} {restart.node} 重启）]，所以 {at} 起 key {d.key} 被发到 {d.to} 的队列 {d.toQueue}，而不是之前的 {d.from} 的队列 {d.fromQueue}。消费者各自独立地消费这两个队列：这个 key 还留在旧队列里没消费的消息，就排在它在新队列里更新的消息之后被消费。',
    },
    prevent: {
      en: 'A selector over the route’s current queues is only partitioned order while the queue count holds. For strict order, select over the topic’s fixed queue count and let the send fail while that queue is gone (the application retries later), or keep the broker groups’ membership fixed; an orderly listener alone cannot restore an order the producer already split over two queues.',
      zh: '按路由中当前队列数取模的选择器，只有在队列数不变时才是分区有序。要严格有序，就按 topic 固定的队列数取模，目标队列不在路由中时让发送失败（由应用稍后重试），或者保持 broker 组成员固定；生产者已经把同一个 key 分到了两个队列，只靠顺序监听器（MessageListenerOrderly）是恢复不了顺序的。',
    },
    knobs: ['selector', 'pollNameServerInterval', 'brokerChannelExpiredTime'],
    // SelectMessageQueueByHash: value % mqs.size(); sendSelectImpl passes the route's queue list
    // (topicPublishInfo.getMessageQueueList()) and does not retry.
    cite: `${SRC}client/src/main/java/org/apache/rocketmq/client/producer/selector/SelectMessageQueueByHash.java`,
    version: Q,
  },
];
