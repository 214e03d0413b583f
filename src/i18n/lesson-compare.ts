/**
 * Words of a lesson's vary step run in compare mode, and of the per-client prediction metrics
 * (named as compare mode names its figures, so the lesson and the comparison agree).
 */
import type { Lang } from './strings';

export interface LessonCompareStrings {
  /** The vary step's button that opens the side-by-side comparison. */
  openCompare: string;
  openCompareHint: string;
  /** Compare mode's close button when a lesson opened it. */
  backToLesson: (topic: string, step: number) => string;
  /** A metric narrowed to one client: "p1's lost", "c1 processed". */
  producerMetric: (producer: string, word: string) => string;
  consumerMetric: (consumer: string) => string;
  duplicateEffects: string;
}

export const LESSON_COMPARE_STRINGS: Record<Lang, LessonCompareStrings> = {
  en: {
    openCompare: 'Compare side by side',
    openCompareHint: 'Both runs on the same seed and fault schedule, one clock, differences marked',
    backToLesson: (topic, step) => `← Back to the lesson (${topic}, step ${step})`,
    producerMetric: (p, w) => `${p}: ${w}`,
    consumerMetric: (c) => `processed by ${c}`,
    duplicateEffects: 'written twice',
  },
  zh: {
    openCompare: '并排对比',
    openCompareHint: '同一个随机种子、同一份故障计划，共用一个时钟，差异会标出来',
    backToLesson: (topic, step) => `← 返回课程（${topic}，第 ${step} 步）`,
    producerMetric: (p, w) => `${p}：${w}`,
    consumerMetric: (c) => `${c} 处理的`,
    duplicateEffects: '被写入两次',
  },
};
