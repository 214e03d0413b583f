/**
 * Names of the engine's own codes, in Chinese and English, for everything the UI shows of a run:
 * journal event kinds (the timeline, the event list, the causal chain), the protocol messages on
 * the wire (the link inspector) and the `reason` codes of journal entries. One module, so a kind
 * has one name wherever it appears, and the names use the glossary's terms.
 *
 * Real protocol names stay in Latin letters (`basic.deliver`, `Fetch`, `tx.commit`): they are what
 * a learner finds in the broker's docs and in a packet capture.
 */
import type { JournalKind } from '../check/history';
import { ZH, ZH_SHORT, type Term } from './glossary';

/** Every journal kind: the `Record` type makes a new kind without a name a type error. */
export const JOURNAL_WORDS: { readonly [K in JournalKind]: Term } = {
  publish: { zh: '发送', en: 'publish' },
  'publish-retry': { zh: '重发', en: 'publish retry' },
  'confirm-received': { zh: '收到确认', en: 'confirm received' },
  'confirm-timeout': { zh: '等待确认超时', en: 'confirm timeout' },
  'net-drop': { zh: '网络丢包', en: 'network drop' },
  'net-duplicate': { zh: '网络包重复', en: 'network duplicate' },
  'net-delay': { zh: '网络延迟', en: 'network delay' },
  enqueue: { zh: '入队', en: 'enqueue' },
  reject: { zh: '拒收', en: 'reject' },
  write: { zh: '写入', en: 'write' },
  fsync: { zh: ZH_SHORT.fsync, en: 'fsync' },
  'confirm-sent': { zh: '发出确认', en: 'confirm sent' },
  dispatch: { zh: '投递', en: 'dispatch' },
  requeue: { zh: '重新入队', en: 'requeue' },
  remove: { zh: '移出队列', en: 'remove' },
  drop: { zh: '丢弃', en: 'drop' },
  receive: { zh: '收到消息', en: 'receive' },
  process: { zh: '处理', en: 'process' },
  'ack-sent': { zh: '发出 ack', en: 'ack sent' },
  append: { zh: '追加到日志', en: 'append' },
  fetch: { zh: '拉取', en: 'fetch' },
  replicate: { zh: '复制到 follower', en: 'replicate' },
  'hw-advance': { zh: `${ZH_SHORT.highWatermark}前移`, en: 'high watermark advances' },
  truncate: { zh: '日志截断', en: 'truncate' },
  'leader-elected': { zh: '选出新 leader', en: 'leader elected' },
  'isr-shrink': { zh: 'ISR 收缩', en: 'ISR shrink' },
  'isr-expand': { zh: 'ISR 扩张', en: 'ISR expand' },
  'produce-error': { zh: '生产请求出错', en: 'produce error' },
  dedup: { zh: '去重', en: 'dedup' },
  'offset-commit': { zh: '提交 offset', en: 'offset commit' },
  rebalance: { zh: ZH_SHORT.rebalance, en: 'rebalance' },
  assign: { zh: '分配分区', en: 'assign' },
  'txn-begin': { zh: '开始事务', en: 'transaction begin' },
  'txn-commit': { zh: '提交事务', en: 'transaction commit' },
  'txn-abort': { zh: '中止事务', en: 'transaction abort' },
  fence: { zh: '隔离旧实例', en: 'fence' },
  'retention-delete': { zh: '按保留策略删除', en: 'retention delete' },
  route: { zh: '路由', en: 'route' },
  unroutable: { zh: '无法路由', en: 'unroutable' },
  return: { zh: '退回（basic.return）', en: 'return' },
  expire: { zh: '过期', en: 'expire' },
  'dead-letter': { zh: ZH.deadLettered, en: 'dead-letter' },
  overflow: { zh: '队列溢出', en: 'overflow' },
  'mirror-sync': { zh: '镜像同步', en: 'mirror sync' },
  promote: { zh: '镜像提升为 leader', en: 'promote' },
  'raft-commit': { zh: 'Raft 提交', en: 'Raft commit' },
  'nack-sent': { zh: '发出 nack', en: 'nack sent' },
  crash: { zh: '崩溃', en: 'crash' },
  'power-loss': { zh: '断电', en: 'power loss' },
  restart: { zh: '重启', en: 'restart' },
  recover: { zh: '恢复', en: 'recover' },
  pause: { zh: '暂停', en: 'pause' },
  resume: { zh: '恢复运行', en: 'resume' },
  partition: { zh: ZH.networkPartition, en: 'network partition' },
  heal: { zh: '网络恢复', en: 'heal' },
  'fault-armed': { zh: '故障已布置', en: 'fault armed' },
};

/** A wire message's name, and how a sentence names it ("the network dropped the ..."). */
export interface WireTerm extends Term {
  phrase: { zh: string; en: string };
}

/**
 * Protocol messages on the wire (`NetMessage.type` of every model), named as the real protocol
 * names them where it has a name (AMQP 0-9-1 methods, Kafka request types), else described. The
 * one source of wire words: the inspector shows `zh`/`en`; the event sentences (`text/events.ts`)
 * and the mechanism texts (`check/render.ts`) use `phrase` (see `wirePhrase`).
 */
export const WIRE_WORDS: Readonly<Record<string, WireTerm>> = {
  // AMQP 0-9-1 (RabbitMQ and the single-node broker)
  publish: {
    zh: '发布（basic.publish）',
    en: 'publish',
    phrase: { zh: '发布消息（basic.publish）', en: 'publish (basic.publish)' },
  },
  deliver: {
    zh: '投递（basic.deliver）',
    en: 'deliver',
    phrase: { zh: '投递（basic.deliver）', en: 'delivery (basic.deliver)' },
  },
  confirm: {
    zh: '发布确认',
    en: 'confirm',
    phrase: { zh: '发布确认（basic.ack）', en: 'publisher confirm (basic.ack)' },
  },
  ack: {
    zh: 'ack',
    en: 'ack',
    phrase: { zh: '消费确认（basic.ack）', en: 'consumer ack (basic.ack)' },
  },
  return: {
    zh: '退回（basic.return）',
    en: 'return',
    phrase: { zh: '退回的消息（basic.return）', en: 'returned message (basic.return)' },
  },
  consume: {
    zh: '订阅（basic.consume）',
    en: 'consume',
    phrase: { zh: '订阅请求（basic.consume）', en: 'subscription (basic.consume)' },
  },
  'consume-ok': {
    zh: '订阅成功（basic.consume-ok）',
    en: 'consume-ok',
    phrase: { zh: '订阅请求（basic.consume）', en: 'subscription (basic.consume)' },
  },
  get: { zh: '拉取（basic.get）', en: 'get', phrase: { zh: 'basic.get 请求', en: 'basic.get' } },
  'get-empty': {
    zh: '队列为空（basic.get-empty）',
    en: 'get-empty',
    phrase: { zh: 'basic.get 请求', en: 'basic.get' },
  },
  connect: {
    zh: '建立连接',
    en: 'connect',
    phrase: { zh: '连接握手', en: 'connection handshake' },
  },
  'connect-ok': {
    zh: '连接成功',
    en: 'connect-ok',
    phrase: { zh: '连接握手', en: 'connection handshake' },
  },
  close: { zh: '关闭连接', en: 'close', phrase: { zh: '关闭连接的消息', en: 'connection close' } },
  'channel-close': {
    zh: `关闭${ZH_SHORT.channel}`,
    en: 'channel close',
    phrase: { zh: '关闭信道的消息', en: 'channel close' },
  },
  heartbeat: { zh: '心跳', en: 'heartbeat', phrase: { zh: '心跳', en: 'heartbeat' } },
  'heartbeat-ok': { zh: '心跳回应', en: 'heartbeat ok', phrase: { zh: '心跳', en: 'heartbeat' } },
  'heartbeat-fail': {
    zh: '心跳失败',
    en: 'heartbeat failed',
    phrase: { zh: '心跳', en: 'heartbeat' },
  },
  'tx-commit': {
    zh: '提交事务（tx.commit）',
    en: 'tx.commit',
    phrase: { zh: '事务提交（tx.commit）', en: 'transaction commit (tx.commit)' },
  },
  'tx-commit-ok': {
    zh: '事务已提交（tx.commit-ok）',
    en: 'tx.commit-ok',
    phrase: { zh: '事务提交（tx.commit）', en: 'transaction commit (tx.commit)' },
  },
  'tx-rollback': {
    zh: '回滚事务（tx.rollback）',
    en: 'tx.rollback',
    phrase: { zh: '事务回滚（tx.rollback）', en: 'transaction rollback (tx.rollback)' },
  },
  // RabbitMQ inside a cluster
  fwd: {
    zh: '集群内转发',
    en: 'forward',
    phrase: { zh: '集群内部转发的消息', en: 'message forwarded inside the cluster' },
  },
  'fwd-ok': {
    zh: '转发已确认',
    en: 'forward ok',
    phrase: { zh: '集群内部转发的消息', en: 'message forwarded inside the cluster' },
  },
  pconsume: {
    zh: '跨节点订阅',
    en: 'proxy consume',
    phrase: { zh: '订阅请求（basic.consume）', en: 'subscription (basic.consume)' },
  },
  'pconsume-ok': {
    zh: '跨节点订阅成功',
    en: 'proxy consume ok',
    phrase: { zh: '订阅请求（basic.consume）', en: 'subscription (basic.consume)' },
  },
  'pconsume-fail': {
    zh: '跨节点订阅失败',
    en: 'proxy consume failed',
    phrase: { zh: '订阅请求（basic.consume）', en: 'subscription (basic.consume)' },
  },
  pack: {
    zh: '跨节点 ack',
    en: 'proxy ack',
    phrase: { zh: '消费确认（basic.ack）', en: 'consumer ack (basic.ack)' },
  },
  pclose: {
    zh: '跨节点订阅关闭',
    en: 'proxy close',
    phrase: { zh: '跨节点订阅关闭的消息', en: 'relayed consumer close' },
  },
  repl: {
    zh: '复制到镜像',
    en: 'replicate',
    phrase: { zh: '镜像之间的复制数据', en: 'replication traffic between mirrors' },
  },
  'repl-ok': {
    zh: '镜像复制确认',
    en: 'replicate ok',
    phrase: { zh: '镜像之间的复制数据', en: 'replication traffic between mirrors' },
  },
  'repl-del': {
    zh: '镜像删除',
    en: 'replicated delete',
    phrase: { zh: '镜像之间的复制数据', en: 'replication traffic between mirrors' },
  },
  sync: {
    zh: '镜像同步',
    en: 'mirror sync',
    phrase: { zh: '镜像之间的复制数据', en: 'replication traffic between mirrors' },
  },
  leader: {
    zh: '新 leader 通知',
    en: 'new leader',
    phrase: { zh: '新 leader 通知', en: 'new leader announcement' },
  },
  tick: {
    zh: '节点间心跳（net_ticktime）',
    en: 'tick',
    phrase: { zh: '节点间心跳', en: 'inter-node tick' },
  },
  // Kafka requests
  produce: {
    zh: '生产请求（Produce）',
    en: 'produce',
    phrase: { zh: '生产请求（Produce）', en: 'produce request' },
  },
  'produce-response': {
    zh: '生产响应',
    en: 'produce response',
    phrase: { zh: '生产响应（Produce）', en: 'produce response' },
  },
  fetch: {
    zh: '拉取请求（Fetch）',
    en: 'fetch',
    phrase: { zh: '拉取请求（Fetch）', en: 'fetch request' },
  },
  'fetch-response': {
    zh: '拉取响应',
    en: 'fetch response',
    phrase: { zh: '拉取响应（Fetch）', en: 'fetch response' },
  },
  'replica-fetch': {
    zh: 'follower 拉取（Fetch）',
    en: 'replica fetch',
    phrase: { zh: 'follower 拉取请求（Fetch）', en: 'replication fetch request' },
  },
  'replica-fetch-response': {
    zh: 'follower 拉取响应',
    en: 'replica fetch response',
    phrase: { zh: 'follower 拉取响应（Fetch）', en: 'replication fetch response' },
  },
  'offset-commit': {
    zh: '提交 offset（OffsetCommit）',
    en: 'offset commit',
    phrase: { zh: '位移提交（OffsetCommit）', en: 'offset commit (OffsetCommit)' },
  },
  'offset-commit-response': {
    zh: '提交 offset 响应',
    en: 'offset commit response',
    phrase: { zh: '位移提交（OffsetCommit）', en: 'offset commit (OffsetCommit)' },
  },
  join: {
    zh: '加入消费者组（JoinGroup）',
    en: 'join group',
    phrase: { zh: '消费者组成员请求', en: 'group membership request' },
  },
  'join-response': {
    zh: '加入消费者组响应',
    en: 'join group response',
    phrase: { zh: '消费者组成员请求', en: 'group membership request' },
  },
  leave: {
    zh: '离开消费者组（LeaveGroup）',
    en: 'leave group',
    phrase: { zh: '消费者组成员请求', en: 'group membership request' },
  },
  'heartbeat-response': {
    zh: '心跳响应',
    en: 'heartbeat response',
    phrase: { zh: '心跳', en: 'heartbeat' },
  },
  'leader-and-isr': {
    zh: 'leader 与 ISR 变更（LeaderAndIsr）',
    en: 'LeaderAndIsr',
    phrase: { zh: 'leader 与 ISR 变更请求（LeaderAndIsr）', en: 'LeaderAndIsr request' },
  },
  'alter-partition': {
    zh: '更新 ISR（AlterPartition）',
    en: 'AlterPartition',
    phrase: { zh: '更新 ISR 请求（AlterPartition）', en: 'AlterPartition request' },
  },
  'broker-heartbeat': {
    zh: 'broker 心跳（BrokerHeartbeat）',
    en: 'broker heartbeat',
    phrase: { zh: '心跳', en: 'heartbeat' },
  },
};

/**
 * The `reason` codes of journal entries (`data.reason`): why a message was dropped, requeued or
 * rejected, or why a node acted.
 */
export const REASON_WORDS: Readonly<Record<string, Term>> = {
  aborted: { zh: '事务已中止', en: 'transaction aborted' },
  'auto-ack': { zh: '自动 ack', en: 'auto-ack' },
  'broker-closed-connection': { zh: 'broker 关闭了连接', en: 'the broker closed the connection' },
  'receiver-down': { zh: '接收方已宕机', en: 'the receiver was down' },
  ack: { zh: '已 ack', en: 'acked' },
  'auto-ack-consumer-crash': { zh: '自动 ack 的消费者崩溃', en: 'auto-ack consumer crashed' },
  'db-overloaded': {
    zh: '数据库过载，写入被拒绝',
    en: 'the database was overloaded and refused the write',
  },
  'auto-ack-processing-failed': { zh: '自动 ack 后处理失败', en: 'auto-ack processing failed' },
  'auto-ack-proxy-gone': { zh: '自动 ack 的跨节点订阅断开', en: 'auto-ack proxy gone' },
  'auto-delete': { zh: '自动删除（auto-delete）', en: 'auto-delete' },
  'auto-offset-reset': { zh: '按 auto.offset.reset 跳过', en: 'auto.offset.reset' },
  'channel-closed': { zh: `${ZH_SHORT.channel}已关闭`, en: 'channel closed' },
  'connection-closed': { zh: '连接已关闭', en: 'connection closed' },
  'consumer-rejected': { zh: '被消费者拒绝', en: 'rejected by the consumer' },
  'cosmic-ray': { zh: '随机故障', en: 'cosmic ray' },
  'crash-transient': { zh: '崩溃时丢失非持久消息', en: 'transient message lost in a crash' },
  'crash-unwritten': { zh: '崩溃时尚未写盘', en: 'not yet written at the crash' },
  'delivery-limit': { zh: '超过投递次数上限（x-delivery-limit）', en: 'delivery limit' },
  'drop-head': { zh: '队列满，丢弃最旧消息（drop-head）', en: 'drop-head' },
  'end-txn': { zh: '事务结束', en: 'end transaction' },
  'exclusive-queue-deleted': { zh: '排他队列被删除', en: 'exclusive queue deleted' },
  expired: { zh: '已过期（TTL）', en: 'expired' },
  fault: { zh: '注入的故障', en: 'an injected fault' },
  gremlins: { zh: '随机故障', en: 'gremlins' },
  'init-transactions': { zh: '初始化事务（initTransactions()）', en: 'initTransactions' },
  'log-truncation-detected': { zh: '检测到日志截断', en: 'log truncation detected' },
  loss: { zh: '链路随机丢包', en: 'random packet loss' },
  nack: { zh: '已 nack', en: 'nacked' },
  'node-paused': { zh: '节点已暂停', en: 'node paused' },
  'not-on-new-leader': { zh: '新 leader 上没有这条记录', en: 'not on the new leader' },
  overflow: { zh: '队列溢出', en: 'overflow' },
  'overflow-drop-head': { zh: '队列满，丢弃最旧消息（drop-head）', en: 'overflow drop-head' },
  'overflow-reject-publish': {
    zh: '队列满，拒收新消息（reject-publish）',
    en: 'overflow reject-publish',
  },
  partition: { zh: ZH.networkPartition, en: 'network partition' },
  'partition-leader-replaced': { zh: '分区 leader 已更换', en: 'partition leader replaced' },
  'power-loss-unsynced': { zh: `断电时仍在${ZH_SHORT.pageCache}中`, en: 'power loss, unsynced' },
  'producer-crash-unsent': { zh: '生产者崩溃时尚未发出', en: 'producer crashed before sending' },
  'queue-deleted': { zh: '队列被删除', en: 'queue deleted' },
  'queue-down': { zh: '队列所在节点宕机', en: 'queue node down' },
  'queue-expired': { zh: '队列过期（x-expires）', en: 'queue expired' },
  'raft-uncommitted': { zh: 'Raft 尚未提交', en: 'Raft uncommitted' },
  'reject-publish': { zh: '队列满，拒收新消息（reject-publish）', en: 'reject-publish' },
  'resource-locked': { zh: '资源被锁定（RESOURCE_LOCKED）', en: 'resource locked' },
  'resume-from-committed-offset': {
    zh: '从已提交的 offset 继续消费',
    en: 'resume from the committed offset',
  },
  retention: { zh: '按保留策略删除', en: 'retention' },
  'sequence-reset': { zh: '序列号重置', en: 'sequence reset' },
  'stale-connection': { zh: '过期的连接', en: 'stale connection' },
  truncated: { zh: '日志被截断', en: 'truncated' },
  unroutable: { zh: '无法路由', en: 'unroutable' },
  'unsynchronised-mirror-promoted': {
    zh: '未同步的镜像被提升为 leader',
    en: 'unsynchronised mirror promoted',
  },
};

/** Faults as journal entries name them (`data.type` of a `fault-armed` entry, or of a fault). */
export const FAULT_WORDS: Readonly<Record<string, Term>> = {
  drop: { zh: '丢弃', en: 'drop' },
  duplicate: { zh: '重复发送', en: 'duplicate' },
  delay: { zh: '延迟', en: 'delay' },
  crash: { zh: '崩溃', en: 'crash' },
  restart: { zh: '重启', en: 'restart' },
  'power-loss': { zh: '断电', en: 'power loss' },
  pause: { zh: '暂停', en: 'pause' },
  partition: { zh: ZH.networkPartition, en: 'network partition' },
  heal: { zh: '网络恢复', en: 'heal' },
};

/** A code's name in one language; an unknown code is shown as it is (a new model's code). */
export function wordFor(
  table: Readonly<Record<string, Term>>,
  code: string,
  lang: 'zh' | 'en',
): string {
  return table[code]?.[lang] ?? code;
}

/** How a sentence names a wire message of type `type`; unknown types are a packet. */
export function wirePhrase(type: string | undefined): { zh: string; en: string } {
  return (
    (type === undefined ? undefined : WIRE_WORDS[type]?.phrase) ?? { en: 'packet', zh: '数据包' }
  );
}
