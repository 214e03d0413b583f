/**
 * UI strings in both languages. Chinese first: it is the audience's first language. Every
 * user-visible word goes through here; preset titles and descriptions come with the scenario
 * ({ en, zh }), explanations with the checker's report ({ en, zh }).
 */
import type { CauseRole } from '../engine/check/history';
import { ZH, ZH_SHORT } from '../engine/text/glossary';
import { MODELS_DETAIL_LABELS, MODELS_ROLES } from './models';
import type { ShareError } from '../share/codec';

export type Lang = 'zh' | 'en';

/** What the over-budget message needs: why, where (formatted times) and the limit it hit. */
export interface StopText {
  reason: 'events' | 'wall' | 'memory' | 'cancelled';
  at: string;
  end: string;
  /** Events, seconds or megabytes, by reason. */
  limit: number;
}

export function defaultLang(languages: readonly string[]): Lang {
  for (const l of languages) {
    const lower = l.toLowerCase();
    if (lower.startsWith('zh')) return 'zh';
    if (lower.startsWith('en')) return 'en';
  }
  // A browser in neither language (de-DE, fr-FR) reads English more likely than Chinese.
  return 'en';
}

const zh = {
  appTitle: 'Brokerlab · 消息队列实验室',
  tagline: '在浏览器里亲眼看消息如何丢失、重复、乱序，并弄清原因。',
  scenario: '场景',
  presets: '预设场景',
  customScenario: '（自定义场景）',
  controls: '运行控制',
  seed: '随机种子',
  play: '播放',
  pause: '暂停',
  stepEvent: '单步：一个事件',
  stepHop: '单步：一次消息传递',
  runToEnd: '运行到结束',
  rerun: '重新运行',
  speed: '速度',
  time: '时间',
  timeline: '时间线',
  eventList: '事件列表',
  faultMarkers: '故障',
  addFaultHere: '在此刻添加故障',
  deleteFault: '删除故障',
  moveFault: (atMs: number) => `故障时间（毫秒），当前 ${atMs}`,
  computing: (pct: number) => `计算中 ${pct}%`,
  checking: (pct: number) => `检查中 ${pct}%`,
  /** The switch names the other language in that language (shown with `lang="en"`). */
  language: 'English',
  languageLabel: 'Switch to English',
  share: '复制链接',
  shareCopied: '链接已复制：打开它可复现完全相同的运行结果。',
  shareFailed: '无法复制链接',
  exportJson: '导出 JSON',
  importJson: '导入 JSON',
  help: '帮助',
  helpText:
    '空格：播放/暂停 · →：单步一个事件 · Shift+→：一次消息传递 · ←/Shift+←：后退 10 毫秒/1 秒 · Home/End：开头/结尾 · +/−：速度 · Esc：取消。右键点击 broker、链路或客户端注入故障。',
  results: '运行结果',
  about: '关于这次运行',
  traceHash: 'trace 哈希',
  events: '引擎事件',
  sentCount: '已发送',
  processedCount: '已处理',
  live: '实时',
  simulated: '模拟时长',
  messages: '发送的消息',
  wall: '耗时',
  frames: '帧',
  lost: ZH.lost,
  duplicated: ZH.duplicated,
  reordered: ZH.reordered,
  unexpected: ZH.unexpected,
  recovered: ZH.recovered,
  /** What each anomaly count means, in the words a learner searches for (a tooltip). */
  anomalyHints: {
    lost: '已确认的消息没有被处理：消息丢失。',
    duplicated: `同一条消息被处理了不止一次：${ZH.duplicateConsumption}。`,
    reordered: `同一 key 的消息处理顺序与发送顺序不同：${ZH.orderedMessages}被打乱。`,
    unexpected: '处理了一条从未发送、或发送方已确知失败（如事务已中止）的消息。',
    recovered: '发送方无法确知结果（如等待确认超时），消息却已送达并被处理。',
  },
  fates: '每条消息的去向',
  anomalies: '异常消息',
  anomalyExplorer: '异常浏览器',
  noAnomalies: '没有任何异常：每条已确认的消息都被处理了，且只处理一次、按顺序。',
  protectedBy: '起保护作用的机制：',
  setAside: (n: number) => `被 broker 策略移出的消息（不算丢失）：${n} 条`,
  listSep: '；',
  chain: '事情经过',
  rawEvents: '原始事件',
  rawEventsHint: '显示引擎记录的原始日志条目（供专家查看）',
  storyRelated: '先行的那条消息',
  /** Tags of the entries a mechanism's cause links point at, by role. */
  causeRoles: {
    fault: '起因：故障',
    restart: '起因：重启',
    election: '起因：选举',
    'isr-shrink': '起因：ISR 收缩',
    ack: '被打破的确认',
    commit: '起因：提交',
    attempt: '之前的尝试',
    timeout: '起因：等待确认超时',
    network: '起因：网络',
    rebalance: '起因：重平衡',
    'connection-close': '起因：连接关闭',
    policy: '起因：队列策略',
    forward: '集群内转发',
    transaction: '起因：事务',
    earlier: '被撤销的先前步骤',
  } satisfies Record<CauseRole, string>,
  causeTag: '起因',
  actTag: '关键一步',
  group: '组',
  groupKafka: ZH.consumerGroup,
  groupQueue: ZH.queue,
  more: (n: number) => `还有 ${n} 条未列出（CLI 的 --json 给出全部）`,
  errorTitle: '模拟出错了',
  errorKept: '你的场景和修改都还在。',
  restart: '重启模拟器',
  invalidScenario: '场景无效',
  cancel: '取消',
  cancelledStuck: '已取消。模拟器卡在某一步里出不来，已经重启；这次运行没有留下结果。',
  hungTitle: '模拟器没有响应',
  hungBody: (s: number) =>
    `它卡在某一步里超过 ${s} 秒，已被终止并换了一个新的。你的场景和修改都还在。`,
  stopped: (x: StopText) => {
    const where = `运行停在 ${x.at} / ${x.end}`;
    switch (x.reason) {
      case 'events':
        return `${where}：引擎事件数超过了 ${x.limit.toLocaleString('zh-CN')} 个，这是浏览器里单次运行的上限。`;
      case 'wall':
        return `${where}：计算时间超过了 ${x.limit} 秒，这是浏览器里单次运行的时间上限。`;
      case 'memory':
        return `${where}：录下的数据已接近浏览器标签页能承受的内存（约 ${x.limit} MB），再算下去页面会崩溃。`;
      case 'cancelled':
        return `你取消了运行，停在 ${x.at} / ${x.end}。`;
      default: {
        const never: never = x.reason;
        return String(never);
      }
    }
  },
  cliStopped: (x: StopText) => {
    const where = `运行停在 ${x.at} / ${x.end}`;
    switch (x.reason) {
      case 'events':
        return `${where}：引擎事件数超过了 ${x.limit} 个（--max-events）。可以调大 --max-events，或者缩短 durationMs、减少消息数量。`;
      case 'wall':
        return `${where}：计算时间超过了 ${x.limit} 秒（--max-wall-s）。可以调大 --max-wall-s，或者缩短 durationMs、减少消息数量。`;
      case 'memory':
        return `${where}：内存已用到 Node 堆上限的 80%（约 ${x.limit} MB），再算下去进程会因内存不足被杀掉。请缩短 durationMs 或减少消息数量。`;
      case 'cancelled':
        return `${where}：已取消。`;
      default: {
        const never: never = x.reason;
        return String(never);
      }
    }
  },
  notChecked:
    '这次运行没有跑完，所以没做异常检查：只有完整的运行才能判断消息是否丢失、重复或乱序。',
  stoppedKept: '已算出的部分都保留着，可以播放、拖动查看；异常检查要基于完整的运行，这次没有做。',
  stoppedFix: '想跑完整个场景，可以缩短 durationMs，或者减少消息数量、降低发送速率。',
  recoveredText: (name: string) =>
    `上次运行「${name}」时页面崩溃或卡死了，这次改为打开最近一次正常跑完的场景。`,
  retry: (name: string) => `重试「${name}」`,
  cluster: '集群视图',
  inspector: '检查器',
  metrics: '指标',
  editor: '编辑场景',
  nothingSelected: '点击一个 broker、分区、队列、生产者或消费者查看它的状态。',
  status: { up: ZH.up, crashed: ZH.crashed, paused: ZH.paused },
  roles: {
    broker: ZH.broker,
    controller: ZH.controller,
    nameserver: ZH.nameserver,
    producer: ZH.producer,
    consumer: ZH.consumer,
    exchange: ZH.exchange,
    ...MODELS_ROLES.zh,
  },
  storeRoles: { leader: ZH.leader, follower: ZH.follower, mirror: ZH.mirror, owner: ZH.queue },
  outOfSync: '不在 ISR 中',
  committed: '已提交',
  uncommitted: '未提交',
  flushed: '已刷盘',
  pageCache: `仅在${ZH_SHORT.pageCache}中`,
  ready: '待投递',
  unacked: '未确认',
  entries: '条目',
  marks: '标记',
  details: '详情',
  inFlight: '在途消息',
  storeKinds: { replica: ZH.replica, queue: ZH.queue, store: '存储' },
  yes: '是',
  no: '否',
  offsetCol: ZH.offset,
  keyCol: ZH.messageKey,
  /** Names of a store's marks (the numbers on its row and in the inspector). */
  markLabels: {
    leo: ZH_SHORT.logEndOffset,
    hw: 'HW',
    logStart: ZH.logStartOffset,
    epoch: ZH.leaderEpoch,
    ready: '待投递',
    unacked: '未确认',
    copies: '副本条数',
    storeRecords: '存储中的条数',
    storeSynced: '已刷盘的条数',
    maxOffset: '最大位点',
    commitLog: 'CommitLog',
    flushed: '已刷盘',
    count: '条数',
  } as Record<string, string>,
  link: (a: string, b: string) => `链路 ${a} – ${b}`,
  groupNames: { cluster: 'RabbitMQ 集群' } as Record<string, string>,
  nodeLabel: '节点',
  /** Labels for the facts a model gives about a node (its `detail`); unknown keys show as is. */
  detailLabels: {
    connection: '连接',
    produced: '已发送',
    inFlight: '在途请求',
    batches: '在途批次',
    queued: '待发批次',
    retries: '重试次数',
    producerId: '生产者 ID（PID）',
    nextSeq: '下一个序列号',
    unconfirmed: '等待确认（delivery-tag）',
    returned: '被退回（mandatory）',
    phase: '阶段',
    generation: ZH.generation,
    partitions: '分配到的分区',
    position: ZH.position,
    committed: ZH.committedOffset,
    processing: '正在处理',
    buffered: '已拉取待处理',
    prefetched: `${ZH_SHORT.prefetch}缓冲区`,
    sink: '下游存储',
    leaderOf: '担任 leader 的分区',
    paused: '暂停',
    type: '类型',
    ready: '待投递',
    unacked: '未确认',
    pendingWrites: '等待刷盘的写入',
    ...MODELS_DETAIL_LABELS.zh,
  } as Record<string, string>,
  faultMenu: (node: string) => `对 ${node} 注入故障`,
  faults: {
    crash: '崩溃',
    restart: '重启',
    'power-loss': `断电（丢失${ZH_SHORT.pageCache}）`,
    pause: '暂停 2 秒',
    'cut-both': '切断与……的链路（双向）',
    'cut-one-way': '切断到……的链路（单向）',
    split: '隔离：把它和其余节点分成两边',
    heal: '恢复所有网络',
    'lose-ack': '丢掉下一个来自……的确认',
    'crash-before': '处理下一条消息前崩溃',
    'crash-after': '处理下一条消息后、确认前崩溃',
    slow: '变慢（每条 200 毫秒）',
    'heal-link': '恢复这条链路',
  },
  /** Names of the fields of a journal entry shown in a causal chain (`data`). */
  dataLabels: {
    reason: '原因',
    type: '消息类型',
    to: '发往',
    from: '来自',
    attempt: '发送次数',
    offset: 'offset',
    partition: '分区',
    queue: '队列',
    group: ZH.consumerGroup,
    leader: 'leader',
    epoch: 'leader epoch',
    broker: 'broker',
    consumer: '消费者',
    ok: '成功',
    noop: '无操作',
    applied: '已生效',
    redelivered: '重新投递',
    records: '记录数',
    error: '错误',
    sink: '下游存储',
    hw: 'HW',
    syncedRecords: '已刷盘的记录数',
    peerUp: '对端在线',
    peerDown: '对端离线',
    kind: '类型',
    durationUs: '时长（微秒）',
    unfenced: '解除隔离',
    replyCode: '回复码',
    persistent: '持久化',
    ack: 'ack',
    retentionMs: '保留时长（毫秒）',
    delayUs: '延迟（微秒）',
    exchange: ZH.exchange,
    key: ZH.messageKey,
    queues: '队列',
    alternates: ZH.alternateExchange,
    previous: '原消费者',
    autoCommit: '自动提交',
    deadLettered: '转入死信队列',
    demoted: '被降级',
    count: '条数',
    match: '匹配',
    when: '时机',
    proxy: '跨节点转发',
    tag: 'delivery-tag',
    multiple: 'multiple',
    unprocessed: '尚未处理',
  } as Record<string, string>,
  /** A fault as the timeline names it. `match` is `ack`, `any` or a protocol message type. */
  faultText: {
    crash: (node: string) => `${node} 崩溃`,
    crashWhen: {
      now: '',
      'before-process': '（处理下一条消息前）',
      'after-process': '（处理后、ack 前）',
      'after-commit': '（提交 offset 后）',
    },
    restart: (node: string) => `${node} 重启`,
    powerLoss: (node: string) => `${node} 断电`,
    pause: (node: string, ms: number) => `${node} 暂停 ${ms} 毫秒`,
    slow: (node: string) => `${node} 变慢`,
    cut: (a: string, b: string, oneWay: boolean) => `切断 ${a} ${oneWay ? '→' : '⇹'} ${b}`,
    split: (a: string, b: string) => `隔离 [${a}] | [${b}]`,
    heal: (a: string, b: string) => `恢复链路 ${a} – ${b}`,
    healAll: '恢复所有网络',
    dropNext: (what: string, from: string, to: string) => `丢掉下一个${what} ${from} → ${to}`,
    duplicateNext: (what: string, from: string, to: string) => `重复下一个${what} ${from} → ${to}`,
    delayNext: (what: string, from: string, to: string) => `延迟下一个${what} ${from} → ${to}`,
    anyMessage: '消息',
    anyAck: '确认（ack）',
  },
  faultAt: (label: string, atMs: number) => `故障：${label}，时间 ${(atMs / 1000).toFixed(3)} 秒`,
  pickSecond: (kind: string, first: string) => `${kind}：点击另一个节点（从 ${first}）。Esc 取消。`,
  faultAdded: (what: string, at: string) => `已在 ${at} 添加故障：${what}。已从头重新模拟。`,
  linkError: '这个链接无法打开，你当前的场景保持不变：',
  linkConfirm: '打开链接会替换你尚未保存的修改。继续吗？',
  importError: '无法导入这个文件：',
  throughput: '吞吐（条/秒）',
  latency: '端到端延迟（毫秒，p50 / p99）',
  lag: `${ZH_SHORT.consumerLag}（未处理的消息）`,
  backlog: `${ZH.backlog}（broker 中的条目）`,
  add: '添加',
  remove: '删除',
  field: '字段',
  apply: '应用并重新运行',
  validationOk: '场景有效。',
  validationIssues: (n: number) => `${n} 个问题`,
  cut: '已切断',
  dropped: '丢弃',
  aggregated: (n: number) => `另有 ${n} 条消息在途，以链路粗细表示`,
  highlight: '在视图中高亮',
  producersCol: '生产者',
  consumersCol: '消费者',
  noRun: '还没有运行。',
  selectedMsg: (id: number) => `消息 #${id}`,
  soFar: (n: number) => `此刻 ${n}`,
  whatHappened: '发生了什么',
  notRun: '按「播放」开始。同样的场景和种子，每次结果都完全一样。',
};

type Strings = typeof zh;

const en: Strings = {
  appTitle: 'Brokerlab · 消息队列实验室',
  tagline: 'Watch messages get lost, duplicated or reordered in your browser, and see why.',
  scenario: 'Scenario',
  presets: 'Presets',
  customScenario: '(custom scenario)',
  controls: 'Run controls',
  seed: 'Seed',
  play: 'Play',
  pause: 'Pause',
  stepEvent: 'Step one event',
  stepHop: 'Step one message hop',
  runToEnd: 'Run to end',
  rerun: 'Rerun',
  speed: 'Speed',
  time: 'Time',
  timeline: 'Timeline',
  eventList: 'Event list',
  faultMarkers: 'Faults',
  addFaultHere: 'Add a fault at this moment',
  deleteFault: 'Delete fault',
  moveFault: (atMs: number) => `Fault time (ms), now ${atMs}`,
  computing: (pct: number) => `Computing ${pct}%`,
  checking: (pct: number) => `Checking ${pct}%`,
  language: '中文',
  languageLabel: 'Switch to Chinese',
  share: 'Copy link',
  shareCopied: 'Link copied: opening it gives exactly the same run.',
  shareFailed: 'Could not copy the link',
  exportJson: 'Export JSON',
  importJson: 'Import JSON',
  help: 'Help',
  helpText:
    'Space: play/pause · →: step one event · Shift+→: one message hop · ←/Shift+←: back 10 ms/1 s · Home/End: start/end · +/−: speed · Esc: cancel. Right-click a broker, link or client to inject a fault.',
  results: 'Results',
  about: 'About this run',
  traceHash: 'trace hash',
  events: 'engine events',
  sentCount: 'sent',
  processedCount: 'processed',
  live: 'live',
  simulated: 'simulated',
  messages: 'messages sent',
  wall: 'took',
  frames: 'frames',
  lost: 'lost',
  duplicated: 'duplicated',
  reordered: 'reordered',
  unexpected: 'unexpected',
  recovered: 'recovered',
  anomalyHints: {
    lost: 'An acknowledged message was never processed.',
    duplicated: 'The same message was processed more than once.',
    reordered: 'Messages with the same key were processed out of the order they were sent in.',
    unexpected:
      'A message was processed that was never sent, or whose send definitely failed (an aborted transaction).',
    recovered:
      'The sender could not know the outcome (a confirm timed out), yet the message arrived and was processed.',
  },
  fates: 'Where every message ended up',
  anomalies: 'Affected messages',
  anomalyExplorer: 'Anomaly explorer',
  noAnomalies: 'No anomalies: every acknowledged message was processed, once, in order.',
  protectedBy: 'What protected them:',
  setAside: (n: number) => `Set aside by a broker policy (not lost): ${n}`,
  listSep: '; ',
  chain: 'What happened, step by step',
  rawEvents: 'Raw events',
  rawEventsHint: 'Show the engine’s raw journal entries (for experts)',
  storyRelated: 'the message that went ahead',
  causeRoles: {
    fault: 'cause: the fault',
    restart: 'cause: the restart',
    election: 'cause: the election',
    'isr-shrink': 'cause: the ISR shrank',
    ack: 'the acknowledgement it broke',
    commit: 'cause: the commit',
    attempt: 'the earlier attempt',
    timeout: 'cause: the wait for an ack timed out',
    network: 'cause: the network',
    rebalance: 'cause: the rebalance',
    'connection-close': 'cause: the connection closed',
    policy: 'cause: the queue policy',
    forward: 'proxy hop in the cluster',
    transaction: 'cause: the transaction',
    earlier: 'the earlier step it undid',
  },
  causeTag: 'cause',
  actTag: 'the decisive step',
  group: 'group',
  groupKafka: 'consumer group',
  groupQueue: 'queue',
  more: (n: number) => `${n} more not listed (the CLI's --json lists all)`,
  errorTitle: 'The simulation failed',
  errorKept: 'Your scenario and your edits are kept.',
  restart: 'Restart the simulator',
  invalidScenario: 'Invalid scenario',
  cancel: 'Cancel',
  cancelledStuck:
    'Cancelled. The simulator was stuck inside one step and has been restarted; nothing was kept from this run.',
  hungTitle: 'The simulator stopped responding',
  hungBody: (s: number) =>
    `It was stuck inside one step for more than ${s} s, so it was stopped and replaced. Your scenario and your edits are kept.`,
  stopped: (x: StopText) => {
    const where = `The run stopped at ${x.at} of ${x.end}`;
    switch (x.reason) {
      case 'events':
        return `${where}: it fired more than ${x.limit.toLocaleString('en-US')} engine events, the limit for one run in the browser.`;
      case 'wall':
        return `${where}: it computed for more than ${x.limit} s, the time limit for one run in the browser.`;
      case 'memory':
        return `${where}: its recording came close to the memory a browser tab can hold (about ${x.limit} MB); going on would crash the page.`;
      case 'cancelled':
        return `You cancelled the run at ${x.at} of ${x.end}.`;
      default: {
        const never: never = x.reason;
        return String(never);
      }
    }
  },
  cliStopped: (x: StopText) => {
    const where = `the run stopped at ${x.at} of ${x.end}`;
    switch (x.reason) {
      case 'events':
        return `${where}: it fired more than ${x.limit} engine events (--max-events). Raise --max-events, or shorten durationMs or send fewer messages.`;
      case 'wall':
        return `${where}: it computed for more than ${x.limit} s (--max-wall-s). Raise --max-wall-s, or shorten durationMs or send fewer messages.`;
      case 'memory':
        return `${where}: it used 80 % of Node's heap limit (about ${x.limit} MB); going on would kill the process out of memory. Shorten durationMs or send fewer messages.`;
      case 'cancelled':
        return `${where}: cancelled.`;
      default: {
        const never: never = x.reason;
        return String(never);
      }
    }
  },
  notChecked:
    'This run did not reach its end, so it was not checked: only a complete run shows which messages were lost, duplicated or reordered.',
  stoppedKept:
    'What it computed is kept: you can play and seek it. The anomaly check needs a complete run, so it did not run.',
  stoppedFix:
    'To run the whole scenario, shorten durationMs, or send fewer messages or at a lower rate.',
  recoveredText: (name: string) =>
    `Last time, the page crashed or froze while running “${name}”. The last scenario that ran to its end was opened instead.`,
  retry: (name: string) => `Retry “${name}”`,
  cluster: 'Cluster view',
  inspector: 'Inspector',
  metrics: 'Metrics',
  editor: 'Edit scenario',
  nothingSelected: 'Click a broker, partition, queue, producer or consumer to see its state.',
  status: { up: 'up', crashed: 'crashed', paused: 'paused' },
  roles: {
    broker: 'broker',
    controller: 'controller',
    nameserver: 'nameserver',
    producer: 'producer',
    consumer: 'consumer',
    exchange: 'exchange',
    ...MODELS_ROLES.en,
  },
  storeRoles: { leader: 'leader', follower: 'follower', mirror: 'mirror', owner: 'queue' },
  outOfSync: 'out of the ISR',
  committed: 'committed',
  uncommitted: 'uncommitted',
  flushed: 'flushed',
  pageCache: 'page cache only',
  ready: 'ready',
  unacked: 'unacked',
  entries: 'entries',
  marks: 'marks',
  details: 'details',
  inFlight: 'in flight',
  storeKinds: { replica: 'replica', queue: 'queue', store: 'store' },
  yes: 'yes',
  no: 'no',
  offsetCol: 'offset',
  keyCol: 'key',
  markLabels: {
    leo: 'leo',
    hw: 'hw',
    logStart: 'logStart',
    epoch: 'epoch',
    ready: 'ready',
    unacked: 'unacked',
    copies: 'copies',
    storeRecords: 'storeRecords',
    storeSynced: 'storeSynced',
    maxOffset: 'max',
    commitLog: 'log',
    flushed: 'flushed',
    count: 'count',
  },
  link: (a: string, b: string) => `link ${a} – ${b}`,
  groupNames: { cluster: 'cluster' },
  nodeLabel: 'node',
  detailLabels: {
    connection: 'connection',
    produced: 'produced',
    inFlight: 'requests in flight',
    batches: 'batches in flight',
    queued: 'batches waiting to be sent',
    retries: 'retries',
    producerId: 'producer id',
    nextSeq: 'next sequence number',
    unconfirmed: 'awaiting confirm (delivery tag)',
    returned: 'returned (mandatory)',
    phase: 'phase',
    generation: 'group generation',
    partitions: 'assigned partitions',
    position: 'position',
    committed: 'committed offset',
    processing: 'processing',
    buffered: 'fetched, waiting',
    prefetched: 'prefetch buffer',
    sink: 'sink',
    leaderOf: 'leader of partitions',
    paused: 'paused',
    type: 'type',
    ready: 'ready',
    unacked: 'unacked',
    pendingWrites: 'writes waiting for fsync',
    ...MODELS_DETAIL_LABELS.en,
  },
  faultMenu: (node: string) => `Inject a fault into ${node}`,
  faults: {
    crash: 'Crash',
    restart: 'Restart',
    'power-loss': 'Power loss (page cache lost)',
    pause: 'Pause for 2 s',
    'cut-both': 'Cut the link to… (both ways)',
    'cut-one-way': 'Cut the link to… (one way)',
    split: 'Isolate: split it from the rest',
    heal: 'Heal the whole network',
    'lose-ack': 'Lose the next ack from…',
    'crash-before': 'Crash before processing its next message',
    'crash-after': 'Crash after processing its next message, before acking',
    slow: 'Slow down (200 ms per message)',
    'heal-link': 'Heal this link',
  },
  dataLabels: {},
  faultText: {
    crash: (node: string) => `crash ${node}`,
    crashWhen: {
      now: '',
      'before-process': ' (before-process)',
      'after-process': ' (after-process)',
      'after-commit': ' (after-commit)',
    },
    restart: (node: string) => `restart ${node}`,
    powerLoss: (node: string) => `power-loss ${node}`,
    pause: (node: string, ms: number) => `pause ${node} ${ms} ms`,
    slow: (node: string) => `slow ${node}`,
    cut: (a: string, b: string, oneWay: boolean) => `cut ${a} ${oneWay ? '→' : '⇹'} ${b}`,
    split: (a: string, b: string) => `split [${a}] | [${b}]`,
    heal: (a: string, b: string) => `heal ${a} – ${b}`,
    healAll: 'heal all',
    dropNext: (what: string, from: string, to: string) => `lose next ${what} ${from} → ${to}`,
    duplicateNext: (what: string, from: string, to: string) =>
      `duplicate next ${what} ${from} → ${to}`,
    delayNext: (what: string, from: string, to: string) => `delay next ${what} ${from} → ${to}`,
    anyMessage: 'any',
    anyAck: 'ack',
  },
  faultAt: (label: string, atMs: number) => `Faults: ${label} @ ${(atMs / 1000).toFixed(3)} s`,
  pickSecond: (kind: string, first: string) =>
    `${kind}: click the other node (from ${first}). Esc cancels.`,
  faultAdded: (what: string, at: string) =>
    `Fault added at ${at}: ${what}. The whole run was recomputed from the start.`,
  linkError: 'This link cannot be opened; your current scenario is unchanged:',
  linkConfirm: 'Opening this link replaces your unsaved changes. Continue?',
  importError: 'Could not import this file:',
  throughput: 'Throughput (msg/s)',
  latency: 'End-to-end latency (ms, p50 / p99)',
  lag: 'Consumer lag (unprocessed messages)',
  backlog: 'Backlog (entries in the brokers)',
  add: 'Add',
  remove: 'Remove',
  field: 'Field',
  apply: 'Apply and rerun',
  validationOk: 'The scenario is valid.',
  validationIssues: (n: number) => `${n} problem${n === 1 ? '' : 's'}`,
  cut: 'cut',
  dropped: 'dropped',
  aggregated: (n: number) => `+${n} more messages in flight, shown as link width`,
  highlight: 'Highlight in the view',
  producersCol: 'Producers',
  consumersCol: 'Consumers',
  noRun: 'No run yet.',
  selectedMsg: (id: number) => `Message #${id}`,
  soFar: (n: number) => `${n} so far`,
  whatHappened: 'What happened',
  notRun: 'Press Play to start. The same scenario and seed give exactly the same run, every time.',
};

export type { Strings };
export const STRINGS: Record<Lang, Strings> = { zh, en };

/**
 * Share-link and import errors in the user's language (every kind must have both). An invalid
 * scenario also names its first problem field (a budget refusal says which field to change).
 */
export function shareErrorText(lang: Lang, e: ShareError): string {
  const base = shareErrorKindText(lang, e.kind);
  if (e.kind !== 'invalid-scenario' || e.error.kind !== 'invalid') return base;
  const first = e.error.issues[0];
  return first === undefined ? base : `${base} ${first.path || '(document)'}: ${first.message}`;
}

function shareErrorKindText(lang: Lang, kind: ShareError['kind']): string {
  const zhT: Record<ShareError['kind'], string> = {
    empty: '链接里没有场景。',
    'bad-pattern': '这不是 Brokerlab 的场景链接。',
    'too-new': '链接来自更新版本的 Brokerlab。',
    'too-large': '链接太大。',
    'bad-base64': '链接已损坏（base64 无效）：可能复制时被截断了，请重新复制完整的链接。',
    'bad-compression': '链接已损坏（无法解压）：可能复制时被截断了，请重新复制完整的链接。',
    'trailing-bytes': '链接已损坏（压缩数据后面多出了字节）。',
    'too-deep': '链接里的场景嵌套层数太多。',
    'bad-json': '链接里的场景不是有效的 JSON。',
    'forbidden-key': '链接里的场景含有被禁止的键。',
    'invalid-scenario': '链接里的场景无效。',
  };
  const enT: Record<ShareError['kind'], string> = {
    empty: 'The link holds no scenario.',
    'bad-pattern': 'This is not a Brokerlab scenario link.',
    'too-new': 'The link comes from a newer Brokerlab.',
    'too-large': 'The link is too large.',
    'bad-base64':
      'The link is damaged (bad base64): was it cut off when copied? Copy the whole link again.',
    'bad-compression':
      'The link is damaged (cannot decompress): was it cut off when copied? Copy the whole link again.',
    'trailing-bytes': 'The link is damaged (bytes after the compressed data).',
    'too-deep': 'The scenario in the link is nested too deeply.',
    'bad-json': 'The scenario in the link is not valid JSON.',
    'forbidden-key': 'The scenario in the link contains a forbidden key.',
    'invalid-scenario': 'The scenario in the link is invalid.',
  };
  return (lang === 'zh' ? zhT : enT)[kind];
}
