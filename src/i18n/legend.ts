/**
 * The legend's words, zh and en. The samples next to them are drawn by the view's own glyph
 * functions (src/viz/cluster.ts, timeline.ts), so only the words live here.
 */
import { short, term } from '../engine/text/glossary';
import type { Lang } from './strings';

export interface LegendStrings {
  title: string;
  open: string;
  close: string;
  intro: string;
  nodes: string;
  nodeUp: string;
  nodeCrashed: string;
  nodePaused: string;
  cut: string;
  cutOneWay: string;
  replicas: string;
  leader: string;
  follower: string;
  outOfSync: string;
  entries: string;
  committed: string;
  uncommitted: string;
  pageCache: string;
  unacked: string;
  onChain: string;
  keys: string;
  keysNote: string;
  noKey: string;
  wire: string;
  message: string;
  batch: string;
  request: string;
  droppedHere: string;
  anomalies: string;
  lost: string;
  duplicated: string;
  reordered: string;
  timeline: string;
  fault: string;
  badEvent: string;
  goodEvent: string;
  otherEvent: string;
  chain: string;
}

const zh: LegendStrings = {
  title: '图例',
  open: '图例',
  close: '关闭图例',
  intro: '视图里的每个形状和颜色的含义。颜色之外总有形状或符号，不靠颜色也能分辨。',
  nodes: '节点与网络',
  nodeUp: '运行中的 broker',
  nodeCrashed: '已崩溃的节点（虚线红框、✕）',
  nodePaused: '已暂停的节点（点线黄框、❚❚，进程还在但不响应）',
  cut: `${term('networkPartition', 'zh')}：双向断开的连接（✂、⇹）`,
  cutOneWay: '单向断开：箭头方向的消息到不了（↛）',
  replicas: `副本角色与 ${term('isr', 'zh')}`,
  leader: `★ ${term('leader', 'zh')}：读写都经过它`,
  follower: `○ ${term('follower', 'zh')}：在 ISR 中，与 leader 保持同步`,
  outOfSync: '⚠ follower 不在 ISR 中：落后太多，acks=all 不再等它',
  entries: '日志条目',
  committed: `已提交：在${short('highWatermark', 'zh')}之下，所有 ISR 副本都有`,
  uncommitted: '未提交：在高水位之上，淡色虚线框',
  pageCache: `仅在${short('pageCache', 'zh')}中：还没刷盘，断电会丢，半透明`,
  unacked: '已投递、未确认（斜线）',
  onChain: '属于所选异常的消息（黑色粗框）',
  keys: '消息 key 的颜色',
  keysNote: '同一个 key 在所有视图里颜色相同：',
  noKey: '没有 key',
  wire: '线路上的消息',
  message: '携带消息的请求（key 的颜色）',
  batch: '一批消息（越大条数越多）',
  request: '不带消息的请求或确认（空心）',
  droppedHere: '消息在这里丢失（红色 ✕）',
  anomalies: '异常标记（形状＋颜色）',
  lost: `✕ ${term('lost', 'zh')}`,
  duplicated: `⧉ ${term('duplicated', 'zh')}`,
  reordered: `⇅ ${term('reordered', 'zh')}`,
  timeline: '时间线',
  fault: '计划中的故障（可拖动）',
  badEvent: '崩溃、断电、截断',
  goodEvent: 'leader 选举、重启、恢复',
  otherEvent: '其他重要事件',
  chain: '所选异常的因果链',
};

const en: LegendStrings = {
  title: 'Legend',
  open: 'Legend',
  close: 'Close the legend',
  intro:
    'What each shape and colour in the view means. Every colour comes with a shape or a symbol, so nothing depends on colour alone.',
  nodes: 'Nodes and network',
  nodeUp: 'A running broker',
  nodeCrashed: 'A crashed node (dashed red box, ✕)',
  nodePaused: 'A paused node (dotted yellow box, ❚❚: the process is there but does not answer)',
  cut: 'Network partition: a link cut both ways (✂, ⇹)',
  cutOneWay: 'Cut one way: messages in the arrow’s direction do not arrive (↛)',
  replicas: 'Replica roles and the ISR',
  leader: '★ leader: every read and write goes through it',
  follower: '○ follower in the ISR (in-sync replicas): keeps up with the leader',
  outOfSync: '⚠ follower out of the ISR: too far behind, acks=all no longer waits for it',
  entries: 'Log entries',
  committed: 'Committed: below the high watermark, every in-sync replica has it',
  uncommitted: 'Uncommitted: above the high watermark, faint with a dashed border',
  pageCache: 'Only in the page cache: not flushed yet, a power loss erases it (half faint)',
  unacked: 'Delivered, not acknowledged yet (hatched)',
  onChain: 'A message of the selected anomaly (thick black border)',
  keys: 'Message key colours',
  keysNote: 'A key has the same colour in every view:',
  noKey: 'no key',
  wire: 'Messages on the wire',
  message: 'A request carrying a message (its key’s colour)',
  batch: 'A batch (bigger means more messages)',
  request: 'A request or acknowledgement without a message (hollow)',
  droppedHere: 'A message was lost here (red ✕)',
  anomalies: 'Anomaly marks (shape and colour)',
  lost: '✕ lost',
  duplicated: '⧉ duplicated',
  reordered: '⇅ reordered',
  timeline: 'Timeline',
  fault: 'A scheduled fault (drag it to move it)',
  badEvent: 'Crash, power loss, truncation',
  goodEvent: 'Leader elected, restart, recovery',
  otherEvent: 'Another notable event',
  chain: 'The selected anomaly’s causal chain',
};

export const LEGEND: Record<Lang, LegendStrings> = { zh, en };
