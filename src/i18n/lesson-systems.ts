/** Strings of a lesson that compares systems (I1): the role-fault mapping and its compare button. */
import type { Lang } from './strings';

export interface SystemsStrings {
  sameSeed: string;
  mapped: (how: string) => string;
  open: (n: number) => string;
  runOf: (label: string) => string;
}

export const SYSTEMS_STRINGS: Record<Lang, SystemsStrings> = {
  en: {
    sameSeed:
      'Every system runs the same workload on the same seed; the fault is named by role and hits, on each, the node below:',
    mapped: (how) => `Fault hits ${how}`,
    open: (n) => `Compare the ${n} systems side by side`,
    runOf: (label) => label,
  },
  zh: {
    sameSeed: '每个系统跑同样的负载、同一个随机种子；故障按角色指定，在各系统上落到下面这个节点：',
    mapped: (how) => `故障落在 ${how}`,
    open: (n) => `并排对比这 ${n} 个系统`,
    runOf: (label) => label,
  },
};
