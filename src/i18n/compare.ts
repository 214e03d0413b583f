/**
 * Compare mode's strings, zh first. Figures are named the way the rest of the page names them
 * (fates from `fates.ts`, anomaly kinds as in the anomaly explorer).
 */
import { ZH, ZH_SHORT } from '../engine/text/glossary';

type Lang = 'zh' | 'en';

const zh = {
  title: '对比模式',
  intro: (n: number) => `${n} 种配置，同一个随机种子、同一份故障计划，各自独立运行，共用一个时钟。`,
  close: '关闭对比',
  shareCompare: '复制对比链接',
  copied: '对比链接已复制。',
  compareWith: '对比……',
  compareWithHint: '复制当前场景，在第二列改一个参数，并排运行',
  presets: '现成的对比……',
  addColumn: '加一列',
  removeColumn: '删除这一列',
  column: (i: number) => `配置 ${String.fromCharCode(65 + i)}`,
  base: '基准（未改动）',
  changeKnob: '改一个参数',
  knob: '参数',
  newValue: '新值',
  apply: '应用',
  badValue: '这个值的类型不对。',
  computing: '计算中……',
  failed: '这一列无法运行：',
  differences: '差异：',
  noDifferences: '到目前为止各列结果相同。',
  atTime: '此刻',
  final: '最终结果',
  fates: '消息去向',
  perClient: '按生产者、消费者',
  play: '播放',
  pause: '暂停',
  time: '时间',
  toStart: '回到开头',
  toEnd: '跳到结尾',
  figure: {
    sent: '已发送',
    acked: '已确认',
    delivered: '已投递',
    processed: '已处理',
    lost: '丢失',
    duplicated: '重复',
    reordered: '乱序',
    // The glossary's anomaly names (findings D: 意外 reads as "accident", 已恢复 as "retrieved").
    unexpected: ZH.unexpected,
    recovered: ZH.recovered,
    twice: '被写入两次',
  } as Record<string, string>,
  throughput: '吞吐（条/秒）',
  lag: `${ZH_SHORT.consumerLag}（未处理的消息）`,
  backlog: ZH.backlog,
  tooFew: '对比至少需要两列。',
  tooMany: '对比最多四列。',
};

type CompareStrings = typeof zh;

const en: CompareStrings = {
  title: 'Compare',
  intro: (n: number) =>
    `${n} configurations, the same seed and the same fault schedule, each its own run, one clock.`,
  close: 'Close compare',
  shareCompare: 'Copy compare link',
  copied: 'Compare link copied.',
  compareWith: 'Compare with…',
  compareWithHint: 'Copy this scenario, change one knob in a second column, run them side by side',
  presets: 'Ready-made comparisons…',
  addColumn: 'Add a column',
  removeColumn: 'Remove this column',
  column: (i: number) => `Config ${String.fromCharCode(65 + i)}`,
  base: 'base (unchanged)',
  changeKnob: 'Change one knob',
  knob: 'Knob',
  newValue: 'New value',
  apply: 'Apply',
  badValue: 'This value has the wrong type.',
  computing: 'Computing…',
  failed: 'This column cannot run:',
  differences: 'Differences:',
  noDifferences: 'So far the columns agree.',
  atTime: 'At this moment',
  final: 'Final outcome',
  fates: 'Where messages ended up',
  perClient: 'Per producer and consumer',
  play: 'Play',
  pause: 'Pause',
  time: 'Time',
  toStart: 'To start',
  toEnd: 'To end',
  figure: {
    sent: 'sent',
    acked: 'acked',
    delivered: 'delivered',
    processed: 'processed',
    lost: 'lost',
    duplicated: 'duplicated',
    reordered: 'reordered',
    unexpected: 'unexpected',
    recovered: 'recovered',
    twice: 'written twice',
  },
  throughput: 'Throughput (msg/s)',
  lag: 'Consumer lag (unprocessed messages)',
  backlog: 'Backlog (entries in the brokers)',
  tooFew: 'A comparison needs at least two columns.',
  tooMany: 'A comparison has at most four columns.',
};

export const COMPARE_STRINGS: Readonly<Record<Lang, CompareStrings>> = { zh, en };
export type { CompareStrings };
