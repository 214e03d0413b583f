/** UI strings in both languages. Chinese first: it is the audience's first language. */
export type Lang = 'zh' | 'en';

export function defaultLang(languages: readonly string[]): Lang {
  for (const l of languages) {
    const lower = l.toLowerCase();
    if (lower.startsWith('zh')) return 'zh';
    if (lower.startsWith('en')) return 'en';
  }
  return 'zh';
}

const zh = {
  appTitle: 'Brokerlab · 消息队列实验室',
  tagline: '在浏览器里亲眼看消息如何丢失、重复、乱序，以及为什么。',
  scenario: '场景',
  controls: '运行控制',
  seed: '随机种子',
  run: '运行',
  running: '运行中…',
  language: 'English',
  languageLabel: '切换到英文 Switch to English',
  results: '运行结果',
  about: '关于这次运行',
  traceHash: 'trace 哈希',
  events: '引擎事件',
  simulated: '模拟时长',
  messages: '发送的消息',
  wall: '耗时',
  lost: '丢失',
  duplicated: '重复',
  reordered: '乱序',
  unexpected: '意外',
  recovered: '找回',
  fates: '每条消息的去向',
  anomalies: '异常消息',
  noAnomalies: '没有任何异常：每条已确认的消息都被处理了，且只处理一次、按顺序。',
  chain: '因果链',
  group: '组',
  more: (n: number) => `还有 ${n} 条未列出（CLI 的 --json 给出全部）`,
  errorTitle: '模拟出错了',
  restart: '重启模拟器',
  invalidScenario: '场景无效',
  notRun: '按「运行」开始。同样的场景和种子，每次结果都完全一样。',
  fateNames: {
    processed: '已处理',
    stored: '仍在 broker 中',
    'in-flight': '传输中',
    dropped: '被丢弃',
    'never-accepted': '未被接收',
    unaccounted: '下落不明',
  },
};

type Strings = typeof zh;

const en: Strings = {
  appTitle: 'Brokerlab · 消息队列实验室',
  tagline: 'Watch messages get lost, duplicated or reordered in your browser, and see why.',
  scenario: 'Scenario',
  controls: 'Run controls',
  seed: 'Seed',
  run: 'Run',
  running: 'Running…',
  language: '中文',
  languageLabel: 'Switch to Chinese',
  results: 'Results',
  about: 'About this run',
  traceHash: 'trace hash',
  events: 'engine events',
  simulated: 'simulated',
  messages: 'messages sent',
  wall: 'took',
  lost: 'lost',
  duplicated: 'duplicated',
  reordered: 'reordered',
  unexpected: 'unexpected',
  recovered: 'recovered',
  fates: 'Where every message ended up',
  anomalies: 'Affected messages',
  noAnomalies: 'No anomalies: every acknowledged message was processed, once, in order.',
  chain: 'causal chain',
  group: 'group',
  more: (n: number) => `${n} more not listed (the CLI's --json lists all)`,
  errorTitle: 'The simulation failed',
  restart: 'Restart the simulator',
  invalidScenario: 'Invalid scenario',
  notRun: 'Press Run to start. The same scenario and seed give exactly the same run, every time.',
  fateNames: {
    processed: 'processed',
    stored: 'still in the broker',
    'in-flight': 'in flight',
    dropped: 'dropped',
    'never-accepted': 'never accepted',
    unaccounted: 'unaccounted for',
  },
};

export const STRINGS: Record<Lang, Strings> = { zh, en };
