/** Words of presenter mode and of the embedded player, zh and en. */
import type { Lang } from './strings';

export interface PresenterStrings {
  present: string;
  presentHint: string;
  exit: string;
  back: string;
  forward: string;
  hop: string;
  slow: string;
  narrationLabel: string;
  narrationIdle: string;
  toolbar: string;
  fullscreenRefused: string;
  fullscreen: string;
  keys: string;
  copyEmbed: string;
  embedTitle: string;
  embedHelp: string;
  embedCopied: string;
  embedPreview: string;
  embedCode: string;
  close: string;
  player: string;
  openInLab: string;
  backToLab: string;
  embedError: string;
  loading: string;
  lessonSteps: string;
  embedLessonHelp: string;
}

const zh: PresenterStrings = {
  present: '演示模式',
  presentHint: '全屏放大集群视图，用翻页笔逐步讲解（P）',
  exit: '退出演示',
  back: '上一步',
  forward: '下一步：一个事件',
  hop: '下一步：一次消息传递',
  slow: '慢动作',
  narrationLabel: '刚才发生了什么',
  narrationIdle: '按 PageDown 或 → 单步前进，PageUp 或 ← 后退一步。',
  toolbar: '演示控制',
  fullscreenRefused: '浏览器没有允许全屏，演示模式仍在当前窗口中显示。',
  fullscreen: '全屏',
  keys: 'PageDown/→/↓：下一个事件 · Shift：一次消息传递 · PageUp/←/↑：上一步 · 空格：播放/暂停 · S：慢动作 · L：图例 · Esc/P：退出',
  copyEmbed: '复制嵌入代码',
  embedTitle: '嵌入到课程页面或博客',
  embedHelp:
    '把这段 iframe 代码粘贴到网页里：它显示当前场景的精简播放器（没有编辑器），宽度随所在容器变化。',
  embedCopied: '嵌入代码已复制到剪贴板。',
  embedPreview: '预览播放器',
  embedCode: '嵌入代码',
  close: '关闭',
  player: 'Brokerlab 播放器',
  openInLab: '在 Brokerlab 中打开',
  backToLab: '打开 Brokerlab 实验室',
  embedError: '这个嵌入内容无法打开：',
  loading: '加载中…',
  lessonSteps: '课程步骤',
  embedLessonHelp:
    '把这段 iframe 代码粘贴到网页里：它在精简播放器里打开这节课（集群视图加课程步骤，没有编辑器），从当前这一步开始，宽度随所在容器变化。',
};

const en: PresenterStrings = {
  present: 'Present',
  presentHint: 'Full screen, large type, step through with a clicker (P)',
  exit: 'Exit presenter mode',
  back: 'Step back',
  forward: 'Next: one event',
  hop: 'Next: one message hop',
  slow: 'Slow motion',
  narrationLabel: 'What just happened',
  narrationIdle: 'Press PageDown or → to step forward, PageUp or ← to step back.',
  toolbar: 'Presenter controls',
  fullscreenRefused: 'The browser did not allow full screen; presenter mode stays in this window.',
  fullscreen: 'Full screen',
  keys: 'PageDown/→/↓: next event · with Shift: one message hop · PageUp/←/↑: step back · Space: play/pause · S: slow motion · L: legend · Esc/P: exit',
  copyEmbed: 'Copy embed',
  embedTitle: 'Embed in a course page or blog',
  embedHelp:
    'Paste this iframe into a web page: it shows the current scenario in a compact player (no editor), as wide as its container.',
  embedCopied: 'The embed code is on the clipboard.',
  embedPreview: 'Preview the player',
  embedCode: 'Embed code',
  close: 'Close',
  player: 'Brokerlab player',
  openInLab: 'Open in Brokerlab',
  backToLab: 'Open the Brokerlab lab',
  embedError: 'This embed cannot be opened:',
  loading: 'Loading…',
  lessonSteps: 'Lesson steps',
  embedLessonHelp:
    'Paste this iframe into a web page: it opens this lesson in a compact player (the cluster and the lesson steps, no editor) at the current step, as wide as its container.',
};

export const PRESENTER: Record<Lang, PresenterStrings> = { zh, en };
