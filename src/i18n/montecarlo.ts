/**
 * Texts of the Monte Carlo panel (src/ui/MonteCarlo.tsx), in Chinese and English. Anomaly kinds
 * and fault kinds come from the glossary (`term`, `FAULT_WORDS`), mechanism names from the
 * catalogue (`mechanisms.ts`), so the same thing has the same name everywhere.
 */
import type { Lang } from './strings';

export interface McStrings {
  open: string;
  title: string;
  close: string;
  intro: string;
  seeds: string;
  seedsHint: (max: number) => string;
  model: string;
  /** "crash broker-1 once at a random moment in [a, b] s" in parts around the inputs. */
  ruleOnce: (fault: string, targets: string) => string;
  between: string;
  and: string;
  seconds: string;
  times: string;
  recoverAfter: (what: string, s: number) => string;
  restartWord: string;
  healWord: string;
  pauseFor: string;
  fixedFaults: (n: number) => string;
  editJson: string;
  compare: string;
  start: string;
  cancel: string;
  refused: string;
  invalidScenario: string;
  progress: (done: number, total: number) => string;
  eta: (s: number) => string;
  elapsed: (s: number) => string;
  cancelled: string;
  config: string;
  kind: string;
  atLeastOne: string;
  interval: string;
  perSeed: string;
  distribution: string;
  mechanisms: string;
  mechSeeds: (seeds: number, anomalies: number) => string;
  worst: string;
  openSeed: (seed: number) => string;
  failed: (seed: number, error: string) => string;
  noAnomalies: string;
  base: string;
}

export const MC_STRINGS: Record<Lang, McStrings> = {
  en: {
    open: 'Monte Carlo',
    title: 'Monte Carlo: how often does this configuration go wrong?',
    close: 'Close',
    intro:
      'Runs the scenario with many seeds. Each seed draws its own fault schedule from the model below, so the answer is a probability, not one story.',
    seeds: 'Seeds (N)',
    seedsHint: (max) => `1 to ${max.toLocaleString('en-US')}`,
    model: 'Fault model',
    ruleOnce: (fault, targets) => `${fault} ${targets} at a random moment`,
    between: 'between',
    and: 'and',
    seconds: 's',
    times: 'time(s)',
    recoverAfter: (what, s) => `${what} ${s} s later`,
    restartWord: 'restart',
    healWord: 'heal',
    pauseFor: 'paused for',
    fixedFaults: (n) => `${n} fault(s) of the scenario stay as written in every seed.`,
    editJson: 'Edit the model as JSON',
    compare: 'Compare with',
    start: 'Run',
    cancel: 'Cancel',
    refused: 'Not started:',
    invalidScenario: 'The scenario is not valid; fix it in the editor first.',
    progress: (done, total) => `${done} of ${total} seeds done`,
    eta: (s) => `about ${s} s left`,
    elapsed: (s) => `${s} s`,
    cancelled: 'Cancelled: the figures cover the seeds done so far.',
    config: 'Configuration',
    kind: 'Anomaly',
    atLeastOne: 'At least one',
    interval: '95 % interval (Wilson)',
    perSeed: 'Per seed: mean / median / max',
    distribution: 'Count per seed',
    mechanisms: 'Mechanisms, most frequent first',
    mechSeeds: (seeds, anomalies) => `${seeds} seeds, ${anomalies} anomalies`,
    worst: 'Worst seeds',
    openSeed: (seed) => `Open seed ${seed}`,
    failed: (seed, error) => `Seed ${seed} failed: ${error}`,
    noAnomalies: 'No anomalies in any seed so far.',
    base: 'as written',
  },
  zh: {
    open: '蒙特卡洛',
    title: '蒙特卡洛：这种配置出问题的概率有多大？',
    close: '关闭',
    intro:
      '用许多个随机种子运行这个场景。每个种子按下面的故障模型抽取自己的故障时间表，所以得到的是概率，而不是一次运行的经过。',
    seeds: '种子数（N）',
    seedsHint: (max) => `1 到 ${max.toLocaleString('en-US')}`,
    model: '故障模型',
    ruleOnce: (fault, targets) => `${targets} 在随机时刻${fault}`,
    between: '时间在',
    and: '到',
    seconds: '秒',
    times: '次',
    recoverAfter: (what, s) => `${s} 秒后${what}`,
    restartWord: '重启',
    healWord: '网络恢复',
    pauseFor: '暂停时长',
    fixedFaults: (n) => `场景里另有 ${n} 个故障在每个种子中按原样发生。`,
    editJson: '以 JSON 编辑故障模型',
    compare: '对比配置',
    start: '运行',
    cancel: '取消',
    refused: '没有开始：',
    invalidScenario: '场景无效，请先在编辑器里修正。',
    progress: (done, total) => `已完成 ${done} / ${total} 个种子`,
    eta: (s) => `大约还需 ${s} 秒`,
    elapsed: (s) => `${s} 秒`,
    cancelled: '已取消：下面的数字只统计已完成的种子。',
    config: '配置',
    kind: '异常',
    atLeastOne: '至少一次',
    interval: '95% 置信区间（Wilson）',
    perSeed: '每个种子：平均 / 中位数 / 最大',
    distribution: '每个种子的条数',
    mechanisms: '机制（按出现频率排序）',
    mechSeeds: (seeds, anomalies) => `${seeds} 个种子，${anomalies} 条异常`,
    worst: '最糟的种子',
    openSeed: (seed) => `打开种子 ${seed}`,
    failed: (seed, error) => `种子 ${seed} 运行失败：${error}`,
    noAnomalies: '目前所有种子都没有异常。',
    base: '原样',
  },
};
