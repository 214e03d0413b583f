/**
 * Strings of the lab's newcomer fixes (the scenario's teaching text, results held back until the
 * run is played, the edited-preset mark, what a step did), both languages. Kept apart from
 * strings.ts so parallel work on the shared table does not collide.
 */
import type { Lang } from './strings';

const zh = {
  aboutScenario: '关于这个场景',
  /** Shown on the closed "About" line while the results are hidden: the text tells the ending. */
  aboutSpoils: '（含结果，建议先运行一遍再看）',
  edited: '（已修改）',
  editedTitle: (title: string) => `${title}（已修改）`,
  outcomeHidden:
    '先别看答案：运行结果会在播放到结尾（或拖到结尾）后显示，先猜猜会丢失或重复多少条消息。',
  soFar: (parts: string) => `到目前为止：${parts}`,
  nothingYet: '到目前为止还没有异常',
  showResults: '现在显示结果',
  stepBack: '后退一步',
  stepSaid: '这一步',
};

export type LabStrings = typeof zh;

const en: LabStrings = {
  aboutScenario: 'About this scenario',
  aboutSpoils: ' (tells how it ends: best read after a run)',
  edited: ' (edited)',
  editedTitle: (title) => `${title} (edited)`,
  outcomeHidden:
    'No spoilers: the results show once the run is played to the end (or you seek there). Guess first how many messages will be lost or duplicated.',
  soFar: (parts) => `So far: ${parts}`,
  nothingYet: 'No anomalies so far',
  showResults: 'Show the results now',
  stepBack: 'Step back one event',
  stepSaid: 'This step',
};

export const LAB_STRINGS: Record<Lang, LabStrings> = { zh, en };
