/**
 * The scenario editor's one-line explanation of each field, keyed by JSON field name (as in
 * `public/scenario.schema.json`), in both UI languages: zh and en. A name used in several places
 * (e.g. `sink`, `node`, `type`) has one line that is true in every place. Model knobs (fields that
 * are not real broker settings) say so; defaults are shown separately by the editor.
 */
import { MODELS_KNOB_DOCS } from './knobs-models';
import { ROCKETMQ_KNOB_DOCS } from './knobs-rocketmq';

export const KNOB_DOCS: Readonly<Record<string, { en: string; zh: string }>> = {
  ...ROCKETMQ_KNOB_DOCS,
  ...MODELS_KNOB_DOCS,
  // Common to every system
  version: { en: 'Scenario format version (currently 1).', zh: '场景文件的格式版本（当前为 1）。' },
  name: {
    en: 'Name of this item: the scenario identifier, or the name of a queue, topic, exchange, vhost or policy.',
    zh: '名称：场景的短标识，或队列、topic、交换机、vhost、策略（policy）的名字。',
  },
  title: {
    en: 'Scenario title shown in the UI, in English and Chinese.',
    zh: '场景标题，中英文各一份，显示在界面上。',
  },
  en: { en: 'English text of a title or description.', zh: '标题或说明的英文文本。' },
  zh: { en: 'Chinese text of a title or description.', zh: '标题或说明的中文文本。' },
  description: {
    en: 'Longer explanation of the scenario, in English and Chinese.',
    zh: '场景的详细说明，中英文各一份。',
  },
  seed: {
    en: 'Master seed: every random stream of the run derives from it; same seed, same run.',
    zh: '主随机种子：本次运行的所有随机流都由它派生；种子相同，结果相同。',
  },
  durationMs: {
    en: 'How long it lasts, in ms of virtual time: the whole run, a pause fault, or a burst.',
    zh: '持续时长（虚拟时间毫秒）：整个运行的时长、暂停故障（type=pause）的暂停时长，或一次突发流量的时长。',
  },
  network: {
    en: 'Network model: default link latency, loss rate and per-link overrides.',
    zh: '网络模型：默认链路延迟、丢包率，以及按链路的覆盖设置。',
  },
  latency: {
    en: 'One-way latency distribution of every link, or of one overridden link; its spread is the jitter.',
    zh: '链路单向延迟的分布（全部链路或某条覆盖的链路）；分布的离散程度就是抖动。',
  },
  kind: {
    en: 'Shape of a duration distribution: fixed, uniform, normal or exponential.',
    zh: '时长分布的类型：fixed、uniform、normal 或 exponential。',
  },
  ms: {
    en: 'The duration of a fixed distribution, in ms.',
    zh: '固定分布（kind=fixed）的时长（毫秒）。',
  },
  minMs: {
    en: 'Lower bound of a uniform distribution, in ms.',
    zh: '均匀分布（kind=uniform）的下限（毫秒）。',
  },
  maxMs: {
    en: 'Upper bound of a uniform distribution, in ms.',
    zh: '均匀分布（kind=uniform）的上限（毫秒）。',
  },
  meanMs: {
    en: 'Mean of a normal or exponential distribution, in ms.',
    zh: '正态分布（kind=normal）或指数分布（kind=exponential）的均值（毫秒）。',
  },
  stdMs: {
    en: 'Standard deviation of a normal distribution, in ms.',
    zh: '正态分布（kind=normal）的标准差（毫秒）。',
  },
  lossRate: {
    en: 'Probability that a message on a link is lost.',
    zh: '链路上每条消息丢失的概率。',
  },
  links: {
    en: 'Per-link overrides of latency and loss rate.',
    zh: '按链路覆盖延迟和丢包率。',
  },
  from: {
    en: 'Sending node of a link override, or of the messages a fault targets.',
    zh: '链路覆盖的发送端节点，或故障所针对消息的发送方节点。',
  },
  to: {
    en: 'Receiving node of a link override, or of the messages a fault targets.',
    zh: '链路覆盖的接收端节点，或故障所针对消息的接收方节点。',
  },
  bothWays: {
    en: 'Apply the link override to both directions, or only from -> to.',
    zh: '链路覆盖是否双向生效；否则只作用于 from -> to 方向。',
  },
  faults: {
    en: 'The fault schedule: each fault fires at atMs of virtual time.',
    zh: '故障计划：每个故障在虚拟时间 atMs 时触发。',
  },
  atMs: {
    en: 'When the fault fires, or the burst starts, in ms of virtual time.',
    zh: '故障触发（或突发流量开始）的时刻（虚拟时间毫秒）。',
  },
  type: {
    en: 'Kind of fault (crash, partition, drop-next ...) or of exchange (direct, fanout, topic, headers).',
    zh: '故障类型（crash、partition、drop-next 等），或交换机类型（direct、fanout、topic、headers）。',
  },
  node: {
    en: 'Node id: the node a fault hits, the node hosting a queue (its leader), or the node a client connects to.',
    zh: '节点 ID：故障作用的节点、承载队列的节点（其 leader），或客户端所连接的节点。',
  },
  when: {
    en: 'When a crash happens: now, or for a consumer before or after processing its next message, or after its next commit.',
    zh: '崩溃时机：立即；或对消费者而言，在处理下一条消息之前或之后，或下一次提交 offset 之后。',
  },
  a: {
    en: 'One end of a partition or heal between a and b; a heal without a and b heals every cut.',
    zh: '网络分区故障或恢复故障的一端节点；恢复故障不指定 a 和 b 时恢复所有断开的链路。',
  },
  b: {
    en: 'The other end of a partition or heal between a and b; a heal without a and b heals every cut.',
    zh: '网络分区故障或恢复故障的另一端节点；恢复故障不指定 a 和 b 时恢复所有断开的链路。',
  },
  oneWay: {
    en: 'Cut only messages from a to b; b to a still flows.',
    zh: '只切断 a 到 b 的消息；b 到 a 仍然畅通。',
  },
  sides: {
    en: 'The two sides of a split: nodes on one side cannot reach the other.',
    zh: '隔离故障（type=split）的两侧节点：一侧的节点无法与另一侧通信。',
  },
  match: {
    en: 'Which messages the fault targets: ack, any, or one protocol message type.',
    zh: '故障针对哪些消息：ack（任何确认）、any（任何消息），或某一种协议消息类型。',
  },
  count: {
    en: 'How many matching messages the fault applies to.',
    zh: '故障作用于多少条匹配的消息。',
  },
  delayMs: {
    en: 'Extra delay added to each matching message, in ms.',
    zh: '给每条匹配消息额外增加的延迟（毫秒）。',
  },
  processingMs: {
    en: 'Model knob: how long a consumer takes to process one message; a slow-consumer fault replaces it.',
    zh: '模型参数：消费者处理一条消息的耗时；slow-consumer 故障会把它换成新的分布。',
  },
  system: {
    en: 'Which broker model the scenario runs: single-node, kafka, rabbitmq or rocketmq.',
    zh: '场景使用的 broker 模型：single-node、kafka、rabbitmq 或 rocketmq。',
  },

  // Single-node system
  broker: {
    en: 'The one broker of the single-node system: its node id and its fsync timing.',
    zh: 'single-node 系统中唯一的 broker：节点 id 及 fsync 时序设置。',
  },
  id: {
    en: 'Node id of this broker, controller or client; faults and links refer to it.',
    zh: '该 broker、控制器或客户端的节点 ID；故障和链路设置通过它引用节点。',
  },
  syncIntervalMs: {
    en: 'Model knob: how often the broker fsyncs its batched message-store writes (like the RabbitMQ queue sync timer).',
    zh: '模型参数：broker 对批量消息存储写入执行 fsync 的间隔（类似 RabbitMQ 队列的同步定时器）。',
  },
  fsyncLatencyMs: {
    en: 'Model knob: how long one fsync takes.',
    zh: '模型参数：一次 fsync 的耗时。',
  },
  queue: {
    en: 'The queue: the settings of the single-node queue, or the queue a RabbitMQ consumer reads from.',
    zh: '队列：single-node 中唯一队列的设置，或 RabbitMQ 消费者要消费的队列名。',
  },
  durable: {
    en: 'Survives a broker restart: the exchange or queue definition, and the persistent messages of a queue.',
    zh: '重启后仍保留：交换机或队列的定义，以及队列中的持久化消息。',
  },
  producers: {
    en: 'The producers that send messages (at least one).',
    zh: '发送消息的生产者列表（至少一个）。',
  },
  ratePerSec: {
    en: 'Messages per second this producer publishes (in a burst: the rate during the burst).',
    zh: '该生产者每秒发送的消息数（在 bursts 里：突发期间的速率）。',
  },
  bursts: {
    en: 'Rate schedule: bursts of traffic, each from atMs for durationMs at its own ratePerSec.',
    zh: '发送速率计划：若干次突发流量，每次从 atMs 开始、持续 durationMs，按各自的 ratePerSec 发送。',
  },
  database: {
    en: 'A capacity-limited database the consumers write every processed message to (model knob).',
    zh: '容量有限的数据库：消费者把每条处理完的消息写入它（模型参数）。',
  },
  maxQps: {
    en: 'Writes per second the database serves; more wait (model knob, e.g. 2,000 QPS).',
    zh: '数据库每秒能处理的写入数（QPS），超出的要排队（模型参数，例如 2000 QPS）。',
  },
  maxWaiting: {
    en: 'Writes that may wait for the database (a pool wait queue); one more fails at once.',
    zh: '可以排队等待数据库的写入数（连接池等待队列）；再多一个就立即失败。',
  },
  retryAfterMs: {
    en: 'A manual-ack consumer retries a write the database refused after this many ms.',
    zh: '手动 ack 的消费者在数据库拒绝写入后，隔多少毫秒重试。',
  },
  messages: {
    en: 'How many messages it publishes in all.',
    zh: '总共发送的消息条数。',
  },
  startMs: {
    en: 'When this client starts, in ms of virtual time.',
    zh: '该客户端启动的时刻（虚拟时间毫秒）。',
  },
  keys: {
    en: 'How many distinct keys (k0, k1 ...) its messages are spread over; each key is a colour on screen.',
    zh: '消息分布在多少个不同的 key 上（k0、k1……）；每个 key 在画面上是一种颜色。',
  },
  deliveryMode: {
    en: 'AMQP deliveryMode: 2 persistent (written to disk); 1 transient (may be paged to disk, but discarded when the node restarts).',
    zh: 'AMQP deliveryMode：2 为持久（写入磁盘）；1 为非持久（内存紧张时也可能换页到磁盘，但节点重启时会被丢弃）。',
  },
  confirms: {
    en: 'Publisher confirms (confirm.select): the broker acks each message once it is safe; one basic.ack with multiple=true can cover many.',
    zh: '发布确认（confirm.select）：消息安全落地后 broker 向生产者确认；一个 multiple=true 的 basic.ack 可一次确认多条。',
  },
  confirmTimeoutMs: {
    en: 'How long the publisher waits for a confirm before treating the publish as failed.',
    zh: '生产者等待确认的时长，超时即视为发布失败。',
  },
  republishUnconfirmed: {
    en: 'Republish a message that was not confirmed (e.g. its confirm timed out), for at-least-once publishing.',
    zh: '重发未得到确认的消息（如等待确认超时），实现至少一次（at-least-once）发布。',
  },
  maxAttempts: {
    en: 'Gives up republishing a message after this many attempts in all.',
    zh: '单条消息总共最多尝试发送这么多次，之后放弃重发。',
  },
  heartbeatMs: {
    en: 'AMQP heartbeat interval: a connection silent for two intervals is considered dead.',
    zh: 'AMQP 心跳间隔：连接静默超过两个间隔即被判定为断开。',
  },
  reconnectDelayMs: {
    en: 'Automatic recovery (Java networkRecoveryInterval, default 5000 ms): wait this long, reconnect and re-subscribe; a failed attempt waits again.',
    zh: '自动恢复（Java 客户端 networkRecoveryInterval，默认 5000 ms）：断线后等这么久再重连并重新订阅；失败则再等同样时间重试。',
  },
  consumers: {
    en: 'The consumers that receive and process messages.',
    zh: '接收并处理消息的消费者列表。',
  },
  autoAck: {
    en: 'Consume with no-ack: the broker forgets a message as soon as it sends it.',
    zh: '自动 ack（no-ack）方式消费：broker 发出消息后立即将其遗忘，不等消费者确认。',
  },
  prefetch: {
    en: 'basic.qos prefetch count: how many unacknowledged messages a consumer channel may hold; 0 means unlimited.',
    zh: 'basic.qos 预取数：消费者的每个信道（channel）可持有的未确认消息上限；0 表示不限。',
  },
  sink: {
    en: 'Model knob: where processed messages go; insert writes a redelivery twice, unique-key/set/dedup-table absorb repeats.',
    zh: '模型参数：处理结果写到哪里；insert 会把重投的消息写两次，unique-key、set、dedup-table 会吸收重复。',
  },

  // Kafka system
  brokers: {
    en: 'Kafka broker ids in broker-id order; RocketMQ broker processes, or the broker groups of a topic.',
    zh: 'Kafka：broker ID 列表（按 broker ID 排序）；RocketMQ：broker 进程，或承载某个 topic 的 broker 组。',
  },
  controller: {
    en: 'The KRaft controller: its node id and the broker liveness timeouts.',
    zh: 'KRaft 控制器：其节点 ID 以及 broker 存活检测的超时设置。',
  },
  'broker.session.timeout.ms': {
    en: 'KRaft: a broker that sends the controller no heartbeat for this long is fenced.',
    zh: 'KRaft：broker 超过此时长未向控制器发送心跳，即被隔离（fenced）。',
  },
  'broker.heartbeat.interval.ms': {
    en: 'KRaft: how often each broker sends a heartbeat to the controller.',
    zh: 'KRaft：broker 向控制器发送心跳的间隔。',
  },
  topic: {
    en: 'Kafka: the topic (partitions, replication, log settings); RocketMQ: the topic a client uses.',
    zh: 'Kafka：topic（分区数、副本与日志配置）；RocketMQ：客户端使用的 topic 名称。',
  },
  partitions: { en: 'Number of partitions of the topic.', zh: 'topic 的分区数。' },
  'replication.factor': {
    en: 'How many replicas each partition has, each on a different broker.',
    zh: '每个分区的副本数，各副本位于不同的 broker 上。',
  },
  'replica.assignment': {
    en: 'Explicit replicas of each partition, as kafka-topics --replica-assignment; the first is the preferred leader.',
    zh: '显式指定每个分区的副本（同 kafka-topics.sh 的 --replica-assignment 参数）；第一个为首选 leader。',
  },
  'min.insync.replicas': {
    en: 'With acks=all, a write succeeds only if at least this many replicas are in the ISR (else NotEnoughReplicas).',
    zh: 'acks=all 时，ISR 中至少要有这么多副本写入才算成功，否则报 NotEnoughReplicas。',
  },
  'unclean.leader.election.enable': {
    en: 'Let an out-of-sync replica become leader when no ISR member is left, at the cost of losing records.',
    zh: 'ISR 中已无可用副本时，允许不同步的副本当选 leader，代价是可能丢失数据。',
  },
  'replica.lag.time.max.ms': {
    en: 'A follower that has not caught up with the leader for this long is removed from the ISR.',
    zh: 'follower 超过此时长仍未追上 leader，就被移出 ISR。',
  },
  'replica.fetch.wait.max.ms': {
    en: 'Longest a follower fetch request waits at the leader for new data.',
    zh: 'follower 的 fetch 请求在 leader 端等待新数据的最长时间。',
  },
  'flush.messages': {
    en: 'Fsync the log after this many messages. Unset: Kafka never forces an fsync; the OS flushes the page cache in the background, and replication keeps data safe.',
    zh: '每写入这么多条消息强制刷盘（fsync）一次。不设置时 Kafka 从不主动 fsync，由操作系统在后台把页缓存（page cache）写回磁盘，可靠性靠副本保证。',
  },
  'flush.ms': {
    en: 'Fsync the log at least this often. Unset: Kafka never forces an fsync; the OS flushes the page cache in the background, and replication keeps data safe.',
    zh: '至少每隔这么久强制刷盘（fsync）一次。不设置时 Kafka 从不主动 fsync，由操作系统在后台把页缓存（page cache）写回磁盘，可靠性靠副本保证。',
  },
  'retention.ms': {
    en: 'How long the log keeps records before deleting old segments; -1 means no time limit.',
    zh: '日志保留时长，过期的旧日志段（segment）会被删除；-1 表示不按时间删除。',
  },
  'retention.bytes': {
    en: 'Largest size of a partition log before old segments are deleted; -1 means no size limit.',
    zh: '单个分区日志的大小上限，超出后删除旧日志段（segment）；-1 表示不限大小。',
  },
  'log.retention.check.interval.ms': {
    en: 'How often the broker checks whether log segments are due for deletion under retention.',
    zh: 'broker 检查日志段（segment）是否已满足保留策略、需要删除的频率。',
  },
  nullKeys: {
    en: 'Model knob: send records with a null key, spread by the sticky partitioner, instead of keyed records.',
    zh: '模型参数：发送 key 为空（null）的记录，由粘性分区器（sticky partitioner）分配分区，而不是带 key 的记录。',
  },
  partitioner: {
    en: 'How a record picks its partition: default (murmur2 of the key) or key-modulo (the key number modulo partitions).',
    zh: '记录如何选择分区：default（对 key 做 murmur2 哈希）或 key-modulo（key 中的数字对分区数取模）。',
  },
  acks: {
    en: 'When a send succeeds: 0 = never acknowledged at all (in the socket counts as sent; no retries); 1 = the leader wrote it; all = every ISR member has it.',
    zh: '生产者何时认为记录已写入：0 = 完全没有确认（写进套接字（socket）就算发送，重试不生效）；1 = leader 已写入；all = ISR 中所有副本都已写入。',
  },
  retries: {
    en: 'How many times the producer resends a failed send, within delivery.timeout.ms.',
    zh: '发送失败时生产者的重试次数（受 delivery.timeout.ms 限制）。',
  },
  'retry.backoff.ms': {
    en: 'How long the producer waits before retrying a failed request.',
    zh: '生产者重试失败请求前的等待时间。',
  },
  'request.timeout.ms': {
    en: 'How long the producer waits for the broker to answer a request before retrying or failing it.',
    zh: '生产者等待 broker 响应请求的最长时间，超时则重试或判定失败。',
  },
  'delivery.timeout.ms': {
    en: 'Upper bound on the time to report the success or failure of a send, batching and retries included.',
    zh: '从 send() 到报告成功或失败的总时限，包含攒批和重试的时间。',
  },
  'linger.ms': {
    en: 'How long the producer waits for more records to fill a batch before sending it.',
    zh: '生产者发送前等待更多记录凑成一批的时间。',
  },
  'batch.size': {
    en: 'Largest size in bytes of one batch of records for one partition.',
    zh: '单个分区一批记录的最大字节数。',
  },
  'max.in.flight.requests.per.connection': {
    en: 'Most unacknowledged requests per broker connection; above 1 without idempotence, retries can reorder records.',
    zh: '每个连接上最多未确认的请求数；未开启幂等时大于 1，重试可能导致乱序。',
  },
  'enable.idempotence': {
    en: 'Broker drops retry duplicates, keeps partition order. Needs acks=all, retries > 0, max.in.flight <= 5; dedups within one producer session (new id on restart).',
    zh: '幂等生产者：broker 丢弃重试产生的重复记录，并保证分区内顺序。要求 acks=all、retries > 0、max.in.flight.requests.per.connection <= 5；只在同一个生产者会话内去重（生产者重启后会拿到新的 PID）。',
  },
  recordBytes: {
    en: 'Model knob: size of one record on the wire, used for batch.size and retention.bytes.',
    zh: '模型参数：单条记录的字节数，用于计算 batch.size 和 retention.bytes。',
  },
  'transactional.id': {
    en: 'Transactional producer id: initTransactions() bumps its epoch, fencing older instances; records go out in transactions.',
    zh: '事务 ID：initTransactions() 会提升 epoch，隔离旧实例；记录在事务中发送。',
  },
  'transaction.records': {
    en: 'Model knob: how many records the producer sends in each transaction.',
    zh: '模型参数：每个事务包含的记录数。',
  },
  abortEvery: {
    en: 'Model knob: abort every n-th transaction instead of committing it (0: never), to show aborted records.',
    zh: '模型参数：每隔这么多个事务就中止一个而不提交（0 表示从不），用于展示被中止的记录。',
  },
  'group.id': {
    en: 'Consumer group: consumers with the same group.id share the partitions and the committed offsets.',
    zh: '消费者组：group.id 相同的消费者分摊分区，并共享已提交的 offset。',
  },
  'enable.auto.commit': {
    en: 'Commit the offsets returned by poll() automatically, every auto.commit.interval.ms.',
    zh: '自动提交 offset：每隔 auto.commit.interval.ms 自动提交 poll() 已返回的位置。',
  },
  'auto.commit.interval.ms': {
    en: 'How often offsets are committed automatically when enable.auto.commit is true.',
    zh: 'enable.auto.commit=true 时自动提交 offset 的间隔。',
  },
  commit: {
    en: 'Model knob: with auto-commit off, commitSync after processing a poll (at least once) or before it (at most once).',
    zh: '模型参数：关闭自动提交时，处理完一批后 commitSync()（至少一次），或处理前提交（至多一次）。',
  },
  'auto.offset.reset': {
    en: 'Where to start when the group has no committed offset: earliest, latest, or none (throw an error).',
    zh: '没有已提交的 offset 时从哪里开始：earliest、latest，或 none（抛出异常）。',
  },
  'isolation.level': {
    en: 'read_uncommitted reads up to the high watermark; read_committed up to the last stable offset, skipping aborted records.',
    zh: 'read_uncommitted 读到高水位；read_committed 只读到 LSO，并跳过已中止事务的记录。',
  },
  'max.poll.records': {
    en: 'Most records one poll() returns.',
    zh: '单次 poll() 最多返回的记录数。',
  },
  'session.timeout.ms': {
    en: 'A consumer that sends no heartbeat for this long is removed from the group, triggering a rebalance.',
    zh: '消费者超过此时长没有心跳，就被移出消费者组并触发重平衡（rebalance）。',
  },
  'heartbeat.interval.ms': {
    en: 'How often the consumer sends heartbeats to the group coordinator.',
    zh: '消费者向组协调器（group coordinator）发送心跳的间隔。',
  },
  'max.poll.interval.ms': {
    en: 'Longest time allowed between poll() calls; a consumer that exceeds it leaves the group (rebalance).',
    zh: '两次 poll() 之间允许的最长间隔；超时的消费者会离开消费者组并触发重平衡（rebalance）。',
  },
  'fetch.max.wait.ms': {
    en: 'Longest the broker holds a fetch request when it has not enough data to answer it.',
    zh: '数据不足时 broker 挂起 fetch 请求的最长时间。',
  },
  'partition.assignment.strategy': {
    en: 'How partitions are assigned to the consumers of a group: range, roundrobin, sticky or cooperative-sticky.',
    zh: '组内分区分配策略：range、roundrobin、sticky 或 cooperative-sticky。',
  },
  threads: {
    en: 'Model knob: worker threads processing polled records; more than 1 lets records of a partition finish out of order.',
    zh: '模型参数：处理拉取到的记录的工作线程数；大于 1 时同一分区的记录可能乱序完成。',
  },
  processor: {
    en: 'Makes the consumer an exactly-once consume-transform-produce processor with its own transactional producer.',
    zh: '把消费者变成精确一次（exactly-once）的“消费-转换-生产”处理器，使用它自己的事务生产者。',
  },
  offsets: {
    en: 'Model knob: commit the group offsets inside the transaction (exactly once), or with commitSync after it.',
    zh: '模型参数：offset 随事务一起提交（精确一次），或在事务提交后再 commitSync()。',
  },

  // RabbitMQ system
  cluster: {
    en: 'The RabbitMQ cluster: its nodes and cluster-wide settings.',
    zh: 'RabbitMQ 集群：节点列表及集群级设置。',
  },
  nodes: {
    en: 'Node ids of the RabbitMQ cluster.',
    zh: 'RabbitMQ 集群中各节点的 id。',
  },
  partitionHandling: {
    en: 'cluster_partition_handling: what nodes do on a network partition: ignore, pause_minority or autoheal.',
    zh: 'cluster_partition_handling：发生网络分区时节点的处理方式：ignore、pause_minority 或 autoheal。',
  },
  netTicktimeMs: {
    en: 'net_ticktime in ms: how long a silent peer node takes to be declared down.',
    zh: 'net_ticktime（毫秒）：对端节点静默多久后被判定为宕机。',
  },
  consumerTimeoutMs: {
    en: 'consumer_timeout: a delivery left unacknowledged this long closes the channel of the consumer.',
    zh: 'consumer_timeout：投递后超过这么久未 ack，消费者所在的信道（channel）会被关闭。',
  },
  vhosts: {
    en: 'Virtual hosts, each with its own exchanges, queues and bindings.',
    zh: '虚拟主机（vhost）列表，各自拥有交换机、队列和绑定。',
  },
  exchanges: { en: 'Exchanges declared in this vhost.', zh: '该 vhost 中声明的交换机。' },
  arguments: {
    en: 'Optional arguments of an exchange, queue or binding; a headers binding reads x-match and the other keys.',
    zh: '交换机、队列或绑定的可选参数；headers 绑定读取 x-match 及其他键。',
  },
  'alternate-exchange': {
    en: 'Where messages this exchange cannot route are sent instead.',
    zh: '该交换机无法路由的消息改投到的备用交换机。',
  },
  queues: { en: 'Queues declared in this vhost.', zh: '该 vhost 中声明的队列。' },
  exclusive: {
    en: 'Used by one connection only, and deleted with its messages when that connection closes.',
    zh: '只供一个连接使用，该连接关闭时队列连同消息一起删除。',
  },
  autoDelete: {
    en: 'Deleted, with its messages, when its last consumer goes away (once it has had one).',
    zh: '有过消费者之后，最后一个消费者离开时队列连同消息一起删除。',
  },
  'x-queue-type': {
    en: 'Queue type: classic, or quorum (replicated with Raft, always durable).',
    zh: '队列类型：classic，或 quorum（基于 Raft 复制，总是持久化）。',
  },
  'x-message-ttl': {
    en: 'Per-queue message TTL in ms: older messages expire (and are dead-lettered if configured).',
    zh: '队列级消息 TTL（毫秒）：超时的消息过期（若已配置则进入死信）。',
  },
  'x-expires': {
    en: 'Queue TTL in ms: the queue is deleted, with its messages, after being unused this long.',
    zh: '队列 TTL（毫秒）：队列闲置超过此时长即连同消息一起被删除。',
  },
  'x-max-length': {
    en: 'Most ready messages the queue holds; x-overflow says what happens beyond that.',
    zh: '队列中就绪消息的最大条数；超出后的行为由 x-overflow 决定。',
  },
  'x-max-length-bytes': {
    en: 'Most total body bytes of ready messages the queue holds; x-overflow says what happens beyond that.',
    zh: '队列中就绪消息正文的总字节数上限；超出后的行为由 x-overflow 决定。',
  },
  'x-overflow': {
    en: 'What a full queue does: drop-head drops the oldest; reject-publish refuses new ones (-dlx also dead-letters them).',
    zh: '队列满时的行为：drop-head 丢弃最旧消息；reject-publish 拒收新消息，reject-publish-dlx 还会将其转入死信队列。',
  },
  'x-dead-letter-exchange': {
    en: "Exchange that receives this queue's dead letters: rejected, expired, overflowed, or (quorum queues) over x-delivery-limit.",
    zh: '接收该队列死信的交换机：被拒绝、过期、溢出，或（仲裁队列）超过 x-delivery-limit 的消息。',
  },
  'x-dead-letter-routing-key': {
    en: 'Routing key given to dead-lettered messages instead of their original one.',
    zh: '死信消息改用的路由键（routing key），替代原来的路由键。',
  },
  'x-single-active-consumer': {
    en: 'Only one consumer receives from the queue at a time; another takes over when it goes away.',
    zh: '同一时刻只有一个消费者接收消息；它离开后由另一个消费者接替。',
  },
  'x-delivery-limit': {
    en: 'Quorum queues: a message returned more often than this is dropped or dead-lettered.',
    zh: '仅 quorum 队列：消息被退回超过此次数后即被丢弃或转入死信。',
  },
  'x-quorum-initial-group-size': {
    en: 'Quorum queues: how many nodes hold a member (replica) of the queue.',
    zh: '仅 quorum 队列：持有该队列成员（副本）的节点数。',
  },
  bindings: {
    en: 'Bindings that route messages from exchanges to queues or to other exchanges.',
    zh: '把消息从交换机路由到队列或其他交换机的绑定。',
  },
  source: { en: 'The exchange a binding routes from.', zh: '绑定的源交换机。' },
  destination: {
    en: 'The queue or exchange a binding routes to.',
    zh: '绑定的目标队列或交换机。',
  },
  destinationType: {
    en: 'Whether the destination of the binding is a queue or an exchange.',
    zh: '绑定目标的类型：queue（队列）或 exchange（交换机）。',
  },
  routingKey: {
    en: 'Binding key matched against routing keys (exactly for direct, as a pattern for topic exchanges).',
    zh: '绑定键（binding key），与消息的路由键匹配（direct 精确匹配，topic 按模式匹配）。',
  },
  policies: {
    en: 'Policies (rabbitmqctl set_policy) that apply classic queue mirroring to matching queues.',
    zh: '策略（rabbitmqctl set_policy），为匹配的 classic 队列开启镜像。',
  },
  vhost: {
    en: 'The virtual host it applies to or connects to.',
    zh: '所作用或所连接的 vhost。',
  },
  pattern: {
    en: 'Regular expression over queue names that selects the queues a policy applies to.',
    zh: '匹配队列名的正则表达式，决定策略作用于哪些队列。',
  },
  definition: {
    en: 'The settings a policy applies: the ha-* mirroring keys.',
    zh: '策略的内容：镜像相关参数（ha-mode、ha-params、ha-sync-mode、ha-promote-on-failure）。',
  },
  'ha-mode': {
    en: 'Classic queue mirroring: all nodes, or exactly ha-params nodes (counting the leader). RabbitMQ also has nodes (a list of node names); not modelled.',
    zh: 'classic 队列镜像：所有节点（all），或恰好 ha-params 个节点（exactly，含 leader）。RabbitMQ 还有 nodes（指定节点名列表），本模型未实现。',
  },
  'ha-params': {
    en: 'With ha-mode exactly: how many nodes hold a copy of the queue, counting the leader.',
    zh: 'ha-mode=exactly 时：持有队列副本的节点数（含 leader）。',
  },
  'ha-sync-mode': {
    en: 'manual: a new mirror gets only new messages; automatic: it first copies the existing ones (the queue blocks).',
    zh: 'manual：新镜像只接收新消息；automatic：先同步已有消息（同步期间队列阻塞）。',
  },
  'ha-promote-on-failure': {
    en: 'When the leader fails: always (default) allows promoting an unsynchronised mirror, losing what only the leader had; when-synced waits for a synchronised one.',
    zh: 'leader 故障时：always（默认）允许提升未同步的镜像，只在 leader 上的消息随之丢失；when-synced 只提升已同步的镜像。',
  },
  publishers: {
    en: 'The RabbitMQ publishers (at least one).',
    zh: 'RabbitMQ 生产者列表（至少一个）。',
  },
  exchange: {
    en: 'Exchange the publisher publishes to; the empty name is the default exchange (routes by queue name).',
    zh: '生产者发送到的交换机；空字符串为默认交换机（按队列名路由）。',
  },
  routingKeys: {
    en: 'Routing keys the publisher uses in turn.',
    zh: '生产者轮流使用的路由键（routing key）列表。',
  },
  headers: {
    en: 'Message headers, matched by headers exchanges.',
    zh: '消息头，供 headers 类型的交换机匹配。',
  },
  bodyBytes: { en: 'Size of each message body, in bytes.', zh: '每条消息正文的字节数。' },
  expiration: {
    en: 'Per-message TTL (the expiration property), in ms.',
    zh: '单条消息的 TTL（expiration 属性，毫秒）。',
  },
  mandatory: {
    en: 'mandatory flag: the broker returns the message (basic.return) when no queue takes it.',
    zh: 'mandatory 标志：消息无法路由到任何队列时，broker 用 basic.return 退回。',
  },
  tx: {
    en: 'AMQP transactions: tx.commit blocks the publisher until tx.commit-ok (a round trip per batch); a queue refusing its copy closes the channel instead.',
    zh: 'AMQP 事务：tx.commit 是同步的，收到 tx.commit-ok 前生产者不再发送（每批一次往返）；若有队列拒收，broker 改为关闭信道。',
  },
  txBatch: { en: 'Messages per tx.commit.', zh: '每次 tx.commit 包含的消息数。' },
  txRollbackEvery: {
    en: 'Model knob: every Nth transaction ends with tx.rollback instead of tx.commit (0: never).',
    zh: '模型参数：每隔这么多个事务就有一个以 tx.rollback 而非 tx.commit 结束（0 表示从不）。',
  },
  mode: {
    en: 'consume (push, basic.consume) or get (pull, basic.get polled every pollMs).',
    zh: 'consume（basic.consume 推送）或 get（每隔 pollMs 用 basic.get 拉取）。',
  },
  pollMs: {
    en: 'With mode get: how often the consumer polls with basic.get.',
    zh: 'mode=get 时，用 basic.get 轮询的间隔。',
  },
  channels: {
    en: 'Channels on the one connection of the consumer, each with its own basic.consume and prefetch.',
    zh: '消费者单个连接上的信道（channel）数，每个信道各自 basic.consume，并有自己的 prefetch。',
  },
  failureRate: {
    en: 'Model knob: share of messages whose processing fails; the consumer then does onFailure.',
    zh: '模型参数：处理失败的消息比例；失败时按 onFailure 处理。',
  },
  onFailure: {
    en: 'What the consumer does with a failed message: nack or reject, with or without requeue.',
    zh: '消息处理失败时的动作：nack 或 reject，以及是否重新入队（requeue）。',
  },
  // Claims: what a preset is tested to show (src/scenario/claims.ts); not broker settings.
  claims: {
    en: 'What this scenario is tested to show: counts per group, mechanisms, and variants. Not a broker setting.',
    zh: '这个场景经测试保证会出现的结果：各消费者组的计数、机制和变体。不是 broker 参数。',
  },
  groups: {
    en: 'Claims per consumer group (Kafka) or queue (RabbitMQ), keyed by its name.',
    zh: '按消费者组（Kafka）或队列（RabbitMQ）名称给出的检验项。',
  },
  lost: { en: 'Bound on lost messages in this group.', zh: '该组“丢失”消息数的范围。' },
  duplicated: { en: 'Bound on duplicated messages in this group.', zh: '该组“重复”消息数的范围。' },
  reordered: { en: 'Bound on reordered messages in this group.', zh: '该组“乱序”消息数的范围。' },
  unexpected: {
    en: 'Bound on messages delivered although never (successfully) sent.',
    zh: '“不该出现”的消息数范围：从未成功发送却被投递的消息。',
  },
  recovered: {
    en: 'Bound on messages delivered although the producer could not know they were stored.',
    zh: '“不确定送达”的消息数范围：生产者无法确定是否已存储、却被投递的消息。',
  },
  min: { en: 'Lower bound (inclusive).', zh: '下限（含）。' },
  max: { en: 'Upper bound (inclusive).', zh: '上限（含）。' },
  duplicateEffects: {
    en: 'Bound on messages the sink applied more than once (repeats it absorbed do not count).',
    zh: '下游存储重复执行的消息数范围（被幂等吸收的重复不算）。',
  },
  fates: {
    en: 'Bounds on where messages ended up: processed, stored, dead-lettered, expired, dropped...',
    zh: '消息去向的计数范围：已处理、仍在 broker 中、成为死信、已过期、被丢弃……',
  },
  mechanisms: {
    en: 'Mechanism ids (see the catalogue) that must appear, must not appear, or must act.',
    zh: '必须出现、不得出现或必须起作用的机制 id（见机制目录）。',
  },
  present: {
    en: 'Mechanisms some anomaly or set-aside message must name.',
    zh: '必须被某个异常或被移出的消息指明的机制。',
  },
  absent: { en: 'Mechanisms no anomaly may name.', zh: '任何异常都不得指明的机制。' },
  acted: {
    en: 'Mechanisms the run must record acting (protections such as kafka.acks-all-waited).',
    zh: '运行中必须记录到起作用的机制（例如 kafka.acks-all-waited 这类保护机制）。',
  },
  variants: {
    en: 'Named variations of this scenario (one knob changed), each with its own claims.',
    zh: '这个场景的命名变体（改动一个参数），各有自己的检验项。',
  },
  patch: {
    en: 'JSON Patch operations that turn the scenario into this variant.',
    zh: '把场景变成这个变体的 JSON Patch 操作。',
  },
  op: {
    en: 'JSON Patch operation: add, replace or remove.',
    zh: 'JSON Patch 操作：add、replace 或 remove。',
  },
  path: {
    en: 'JSON Pointer to the field the operation changes.',
    zh: '操作所改字段的 JSON Pointer 路径。',
  },
  value: { en: 'The new value, for add and replace.', zh: 'add 与 replace 的新值。' },
  actions: {
    en: 'Scripted per-delivery actions: at chosen deliveries ack, nack or reject (with or without requeue), or close the channel.',
    zh: '按投递编写的消费者动作：在指定的投递上确认（basic.ack）、否认（basic.nack）或拒绝（basic.reject），可选是否重新入队，或关闭信道。',
  },
  delivery: {
    en: 'The n-th delivery to this consumer, from 1; redeliveries count too.',
    zh: '该消费者收到的投递序号（从 1 开始，重投也计数）。',
  },
  message: {
    en: 'Deliveries of message number k: the k-th message the producers send, from 0.',
    zh: '按消息序号（生产者发送的顺序，从 0 开始）匹配投递。',
  },
  redelivered: {
    en: 'Only redeliveries (true) or only first deliveries (false).',
    zh: '只匹配重投（true）或只匹配首次投递（false）。',
  },
  times: {
    en: 'How many matching deliveries this rule takes at most; default every one.',
    zh: '该规则最多作用于几次匹配的投递；默认不限。',
  },
  do: {
    en: 'The action: ack, nack, nack-requeue, reject, reject-requeue or close-channel (requeues all unacked on the channel).',
    zh: '动作：ack、nack、nack-requeue、reject、reject-requeue，或 close-channel（该信道上未确认的消息全部重新入队）。',
  },
};
