/**
 * The scenario editor's explanations of the RocketMQ fields (see `knobs.ts`), in zh and en.
 * Defaults are RocketMQ 4.9.x (rocketmq-all-4.9.8); model knobs say so.
 */
export const ROCKETMQ_KNOB_DOCS: Readonly<Record<string, { en: string; zh: string }>> = {
  nameServers: {
    en: 'RocketMQ NameServer node ids: stateless, independent; every broker registers with each.',
    zh: 'RocketMQ NameServer 的节点 ID：无状态、彼此独立；每个 broker 都向每个 NameServer 注册。',
  },
  brokerChannelExpiredTime: {
    en: 'NameServer: a broker silent this long leaves the routes (BROKER_CHANNEL_EXPIRED_TIME, 120 s).',
    zh: 'NameServer：broker 超过此时长没有心跳就从路由中删除（BROKER_CHANNEL_EXPIRED_TIME，120 秒）。',
  },
  registerNameServerPeriod: {
    en: 'How often each broker registers (heartbeats) with every NameServer (30 s).',
    zh: '每个 broker 向所有 NameServer 注册（心跳）的间隔（30 秒）。',
  },
  pollNameServerInterval: {
    en: 'How often clients fetch topic routes from a NameServer (30 s): a dead broker stays in them until then.',
    zh: '客户端从 NameServer 拉取 topic 路由的间隔（30 秒）：在此之前，已宕机的 broker 仍留在路由里。',
  },
  rebalanceInterval: {
    en: 'RebalanceService wait (rocketmq.client.rebalance.waitInterval, 20 s); group changes rebalance at once.',
    zh: 'RebalanceService 的周期（rocketmq.client.rebalance.waitInterval，20 秒）；消费组变化时立即重平衡。',
  },
  transactionTimeOut: {
    en: 'Half messages older than this are checked back with the producer group (6 s).',
    zh: '超过此时长的半消息会向生产者组发起回查（6 秒）。',
  },
  transactionCheckInterval: {
    en: 'How often the broker checks back open half messages (60 s in 4.9, 30 s in 5.x).',
    zh: 'broker 回查未决半消息的间隔（4.9 版默认 60 秒，5.0 起默认 30 秒）。',
  },
  transactionCheckMax: {
    en: 'Checks of one half message before the broker discards it as rolled back (15).',
    zh: '一条半消息最多回查的次数，超过后 broker 将其作为回滚丢弃（15 次）。',
  },
  brokerName: {
    en: 'The broker group this process belongs to; a master and its slaves share it.',
    zh: '该进程所属的 broker 组名；master 与其 slave 使用相同的 brokerName。',
  },
  brokerId: {
    en: '0 is the master; 1, 2 ... are slaves.',
    zh: '0 表示 master；1、2 …… 表示 slave。',
  },
  brokerRole: {
    en: 'ASYNC_MASTER answers before replicating; SYNC_MASTER after a slave has it; SLAVE replicates.',
    zh: 'ASYNC_MASTER 先返回再复制；SYNC_MASTER 等 slave 收到后才返回；SLAVE 负责复制。',
  },
  flushDiskType: {
    en: 'ASYNC_FLUSH answers from the page cache; SYNC_FLUSH answers after the disk write.',
    zh: 'ASYNC_FLUSH 写入 PageCache 即返回；SYNC_FLUSH 写盘完成后才返回。',
  },
  flushIntervalCommitLog: {
    en: 'ASYNC_FLUSH: how often the flush thread writes the CommitLog to disk (500 ms).',
    zh: 'ASYNC_FLUSH：刷盘线程把 CommitLog 写到磁盘的间隔（500 毫秒）。',
  },
  syncFlushTimeout: {
    en: 'How long a send waits for the disk (SYNC_FLUSH) or a slave (SYNC_MASTER) before a timeout status (5 s).',
    zh: '发送等待刷盘（SYNC_FLUSH）或 slave（SYNC_MASTER）的最长时间，超时返回超时状态（5 秒）。',
  },
  diskFailsAtMs: {
    en: 'Model knob: when this machine’s disk fails for good (the process stops, its CommitLog is gone).',
    zh: '模型参数：该机器的磁盘永久损坏的时刻（进程停止，CommitLog 全部丢失）。',
  },
  diskFullAtMs: {
    en: 'Model knob: when the disk passes 90%; from the next 10 s check, sends get SERVICE_NOT_AVAILABLE (sync retries another broker, async gives up).',
    zh: '模型参数：磁盘使用率超过 90% 的时刻；从下一次 10 秒一次的检查起，发送都返回 SERVICE_NOT_AVAILABLE（同步发送换 broker 重试，异步发送直接放弃）。',
  },
  topics: {
    en: 'RocketMQ topics: the broker groups that host each and its queue counts.',
    zh: 'RocketMQ 的 topic：承载它的 broker 组及队列数量。',
  },
  writeQueueNums: {
    en: 'Queues producers write to, per broker group (defaultTopicQueueNums, 4).',
    zh: '每个 broker 组上供生产者写入的队列数（defaultTopicQueueNums，4）。',
  },
  readQueueNums: {
    en: 'Queues consumers read, per broker group (4); fewer than writeQueueNums strands messages.',
    zh: '每个 broker 组上供消费者读取的队列数（4）；少于 writeQueueNums 时会有消息无人消费。',
  },
  producerGroup: {
    en: 'Producer group: a transaction check-back may go to any producer of the group.',
    zh: '生产者组：事务回查可能发给组内任意一个生产者。',
  },
  sendMode: {
    en: 'sync waits for the SendResult; async gets it in a callback; oneway never hears back.',
    zh: 'sync 同步等待 SendResult；async 在回调中得到结果；oneway 不等待任何结果。',
  },
  sendMsgTimeout: {
    en: 'Time for one send, retries included (3 s).',
    zh: '一次发送（含重试）的总超时时间（3 秒）。',
  },
  retryTimesWhenSendFailed: {
    en: 'Sync sends: retries after a failure, each to another broker if possible (2).',
    zh: '同步发送：失败后的重试次数，尽量换到其他 broker（2 次）。',
  },
  retryTimesWhenSendAsyncFailed: {
    en: 'Async sends: retries after a send failure or timeout, to another broker when one exists (2). 4.9.8 code; the docs say the same broker.',
    zh: '异步发送：发送失败或超时后的重试次数，有其他 broker 时换到其他 broker（2 次）。按 4.9.8 的代码；文档写的是同一个 broker。',
  },
  retryAnotherBrokerWhenNotStoreOK: {
    en: 'Sync sends: also retry when the status is not SEND_OK (FLUSH_DISK_TIMEOUT ...); off by default.',
    zh: '同步发送：状态不是 SEND_OK（如 FLUSH_DISK_TIMEOUT）时也重试；默认关闭。',
  },
  sendLatencyFaultEnable: {
    en: 'Avoid a broker that failed, for a while (latency fault tolerance); off by default.',
    zh: '在一段时间内避开出错的 broker（延迟故障容错）；默认关闭。',
  },
  selector: {
    en: 'Queue choice: rotate (default); id % mqs.size() (keys move when the queue count changes); id % fixed queue count (fails while that queue is gone); one queue.',
    zh: '队列选择：轮询（默认）；按 id % mqs.size()（队列数一变，key 就换队列）；按固定队列数取模（目标队列不在时发送失败）；固定某个队列。',
  },
  queueId: {
    en: 'The queue a fixed selector always returns (0 .. writeQueueNums-1).',
    zh: '固定选择器总是返回的队列编号（从 0 到 writeQueueNums 减 1）。',
  },
  tags: {
    en: 'Tags the producer puts on its messages in turn (Message.setTags).',
    zh: '生产者轮流给消息设置的 tag（Message.setTags）。',
  },
  delayTimeLevel: {
    en: 'Message.setDelayTimeLevel: 0 none, 1-18 the messageDelayLevel entries (1s ... 2h).',
    zh: 'Message.setDelayTimeLevel：0 表示不延迟，1-18 对应 messageDelayLevel 的各级（1 秒 … 2 小时）。',
  },
  transaction: {
    en: 'Send transactional (half) messages with a TransactionListener.',
    zh: '使用 TransactionListener 发送事务（半）消息。',
  },
  localTransactionMs: {
    en: 'Model knob: how long the local transaction takes.',
    zh: '模型参数：本地事务的耗时。',
  },
  endTransactionDelayMs: {
    en: 'Model knob: time from the local transaction’s end to the END_TRANSACTION request leaving.',
    zh: '模型参数：本地事务结束到 END_TRANSACTION 请求发出之间的时间。',
  },
  rollbackEvery: {
    en: 'Model knob: every n-th local transaction rolls back (0: none).',
    zh: '模型参数：每隔这么多个本地事务回滚一个（如 3 表示每 3 个回滚 1 个；0 表示从不）。',
  },
  unknownEvery: {
    en: 'Model knob: every n-th listener returns UNKNOW though the local transaction committed.',
    zh: '模型参数：每隔这么多次，监听器返回 UNKNOW（尽管本地事务已提交；0 表示从不）。',
  },
  checkAnswer: {
    en: 'Model knob: checkLocalTransaction answers from the local database, or always UNKNOW.',
    zh: '模型参数：checkLocalTransaction 根据本地数据库作答，或总是返回 UNKNOW。',
  },
  consumerGroup: {
    en: 'Consumer group; its consumers share topic, subscription, message model and listener.',
    zh: '消费组；组内消费者的 topic、订阅、消费模式和监听器类型必须一致。',
  },
  subExpression: {
    en: 'Tag subscription: * or tags joined by ||; the broker filters by tag hash, the client again.',
    zh: 'tag 订阅表达式：* 或用 || 连接的多个 tag；broker 按 tag 哈希过滤，客户端再过滤一次。',
  },
  messageModel: {
    en: 'CLUSTERING: one consumer of the group gets each message; BROADCASTING: every consumer does.',
    zh: 'CLUSTERING：每条消息只由组内一个消费者消费；BROADCASTING：每个消费者都消费。',
  },
  listener: {
    en: 'MessageListenerConcurrently (parallel threads) or MessageListenerOrderly (one at a time per queue, locked).',
    zh: 'MessageListenerConcurrently（多线程并行）或 MessageListenerOrderly（每个队列加锁、逐条消费）。',
  },
  consumeFromWhere: {
    en: 'Where a new group starts: the last offset (default: the backlog is skipped) or the first.',
    zh: '新消费组从哪里开始：最新位点（默认：跳过积压消息）或最早位点。',
  },
  allocateMessageQueueStrategy: {
    en: 'How a group splits queues: AVERAGELY (blocks, default), AVERAGELY_BY_CIRCLE, CONSISTENT_HASH, CONFIG (messageQueueList) or MACHINE_ROOM (consumeridcs).',
    zh: '消费者组分配队列的策略：AVERAGELY（连续分块，默认）、AVERAGELY_BY_CIRCLE、CONSISTENT_HASH、CONFIG（见 messageQueueList）或 MACHINE_ROOM（见 consumeridcs）。',
  },
  virtualNodeCnt: {
    en: 'CONSISTENT_HASH: virtual nodes per consumer on the MD5 ring (10); a join or leave moves only a few queues.',
    zh: 'CONSISTENT_HASH：每个消费者在哈希环上的虚拟节点数（10）；消费者加入或离开时只移动少量队列。',
  },
  messageQueueList: {
    en: 'CONFIG: exactly the queues this consumer reads; when it dies, nobody takes them over.',
    zh: '按配置分配队列时，这个消费者只消费这里列出的队列；它宕机后，这些队列无人接管。',
  },
  consumerType: {
    en: 'PUSH: a listener, pulls run underneath. LITE_PULL (DefaultLitePullConsumer, 4.9.x): the program calls poll() in a loop and processes each batch.',
    zh: '客户端类型：PUSH 注册监听器，底层仍是拉取；LITE_PULL（4.9.x 的轻量拉取消费者）由程序循环调用 poll()，自己处理每一批消息。',
  },
  pullBatchSize: {
    en: 'LITE_PULL: messages per pull and per poll() (10).',
    zh: 'LITE_PULL：每次拉取、每次 poll() 返回的最多消息数（10）。',
  },
  pollTimeoutMillis: {
    en: 'LITE_PULL: how long poll() waits for messages before returning an empty list (5 s).',
    zh: 'LITE_PULL：poll() 等待消息的最长时间，超时返回空列表（5 秒）。',
  },
  autoCommit: {
    en: 'LITE_PULL: poll() commits what earlier polls returned (true); a crash repeats all polled since that commit. Off: commitSync() after each batch.',
    zh: 'LITE_PULL：由 poll() 自动提交此前各次 poll() 返回消息的位点（true）；崩溃后会重复消费上次提交以来取到的全部消息。关闭时：每批处理完后调用 commitSync()。',
  },
  autoCommitIntervalMillis: {
    en: 'LITE_PULL: least time between two auto commits (5 s, at least 1 s): with persistConsumerOffsetInterval, the most a crash repeats.',
    zh: 'LITE_PULL：两次自动提交之间的最短间隔（5 秒，至少 1 秒）：加上 persistConsumerOffsetInterval，就是崩溃后最多重复消费的范围。',
  },
  wipeWritePerm: {
    en: 'wipeWritePerm at atMs: NameServers drop the write permission of brokerName; producers stop choosing its queues at their next route fetch.',
    zh: '在 atMs 去掉 broker 组 brokerName 的写权限（wipeWritePerm）：它继续运行并提供读取；生产者下次拉取路由后不再选择它的队列。',
  },
  consumeridcs: {
    en: 'MACHINE_ROOM: the machine rooms this group reads; brokerName room@name is in room "room". Other queues are not read.',
    zh: 'MACHINE_ROOM：这个消费者组消费的机房；brokerName 写作 机房@名字。其他机房的队列无人消费。',
  },
  maxReconsumeTimes: {
    en: 'Retries before %DLQ%; -1 means 16 (concurrently) or unlimited (orderly).',
    zh: '进入 %DLQ% 之前的重试次数；-1 表示 16 次（并发消费）或不限（顺序消费）。',
  },
  suspendCurrentQueueTimeMillis: {
    en: 'Orderly listeners: pause before consuming a failed message again (1 s).',
    zh: '顺序消费：消费失败后暂停多久再重新消费该消息（1 秒）。',
  },
  persistConsumerOffsetInterval: {
    en: 'How often consumed offsets are persisted to the broker (5 s); a crash repeats what came after.',
    zh: '消费位点持久化到 broker 的间隔（5 秒）；崩溃后会重复消费此后的消息。',
  },
  consumeThreadMin: {
    en: 'Threads of the consume pool (20): concurrent listeners process in parallel.',
    zh: '消费线程池的线程数（20）：并发监听器并行处理消息。',
  },
  failTimes: {
    en: 'Model knob: the listener returns RECONSUME_LATER this many times for each failing message.',
    zh: '模型参数：对每条会失败的消息，监听器返回 RECONSUME_LATER 的次数。',
  },
  failEvery: {
    en: 'Model knob: which messages fail: every n-th message id.',
    zh: '模型参数：哪些消息会失败：消息编号是这个数的倍数的那些。',
  },
};
