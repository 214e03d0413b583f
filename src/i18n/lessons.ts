/** Words of the lessons and the home (curriculum map), in both UI languages. */
import type { Lang } from './strings';
import { STAT_NAMES } from './models';
import type { StepKind, Theme } from '../lessons/schema';

export interface LessonStrings {
  tab: string;
  homeTitle: string;
  homeIntro: string;
  freeLab: string;
  freeLabText: string;
  openLab: string;
  hideHome: string;
  themes: Record<Theme, string>;
  start: string;
  resume: (step: number, of: number) => string;
  done: string;
  noLesson: string;
  openFile: string;
  back: string;
  next: string;
  keys: string;
  toHome: string;
  stepOf: (n: number, of: number) => string;
  kinds: Record<StepKind, string>;
  interview: string;
  commit: string;
  yourGuess: string;
  committed: string;
  mustCommit: string;
  right: string;
  wrong: string;
  runWas: string;
  trueAnswer: string;
  numberLabel: string;
  play: string;
  playing: string;
  pausedAt: string;
  continue: string;
  computing: string;
  outcome: string;
  whyTitle: string;
  prevent: string;
  changed: string;
  asLesson: string;
  openVariant: string;
  counts: Record<string, string>;
  diff: string;
  noteTitle: string;
  noteSource: string;
  takeawayTitle: string;
  errorTitle: string;
  errorKept: string;
  noSuchLesson: (id: string) => string;
  copyLink: string;
  linkCopied: string;
  highlight: string;
  moment: (s: string) => string;
  fault: (n: number) => string;
  message: (n: number) => string;
}

export const LESSON_STRINGS: Record<Lang, LessonStrings> = {
  en: {
    tab: 'Lessons',
    homeTitle: 'Interview walkthroughs',
    homeIntro:
      'Each lesson asks an interview question, lets you predict what a real broker does, runs it, and explains the outcome. Pick a topic, or use the free lab on the left.',
    freeLab: 'Free lab',
    freeLabText:
      'The simulator on the left runs a first scenario: press Play, crash a node with a right-click, open any scenario from the menu.',
    openLab: 'Go to the lab',
    hideHome: 'Do not open lessons on start',
    themes: {
      why: 'Why a message queue',
      loss: 'Message loss',
      duplicates: 'Duplicates and idempotency',
      ordering: 'Ordering',
      availability: 'High availability',
      backlog: 'Backlog, expiry, capacity',
      rabbitmq: 'RabbitMQ model',
      rocketmq: 'RocketMQ model',
      design: 'Choosing and designing a broker',
    },
    start: 'Start',
    resume: (s, n) => `Continue (step ${s} of ${n})`,
    done: 'Done — again',
    noLesson: 'No lesson yet',
    openFile: 'Open a lesson file…',
    back: 'Back',
    next: 'Next',
    keys: 'Keys: PageDown / PageUp or n / b',
    toHome: 'All lessons',
    stepOf: (n, of) => `Step ${n} of ${of}`,
    kinds: {
      narrate: 'Look',
      predict: 'Predict',
      run: 'Run',
      reveal: 'What happened',
      vary: 'Change one knob',
      takeaway: 'Say it in the interview',
      note: 'Where the notes are wrong',
    },
    interview: 'Interview question',
    commit: 'Commit my answer',
    yourGuess: 'Your answer',
    committed: 'Committed. Results are hidden until now; go on to the run.',
    mustCommit: 'Commit an answer to go on. The outcome stays hidden until you do.',
    right: 'Your prediction matches the run.',
    wrong: 'The run contradicts your prediction.',
    runWas: 'What the run shows',
    trueAnswer: 'Right answer',
    numberLabel: 'Your guess',
    play: 'Play the run',
    playing: 'Playing…',
    pausedAt: 'Paused:',
    continue: 'Continue',
    computing: 'The run is still computing…',
    outcome: 'Outcome',
    whyTitle: 'Why',
    prevent: 'What prevents it',
    changed: 'Changed',
    asLesson: 'As in the lesson',
    openVariant: 'Open the changed run in the lab',
    counts: {
      lost: 'lost',
      duplicated: 'duplicated',
      reordered: 'reordered',
      unexpected: 'unexpected',
      processed: 'processed',
      ...STAT_NAMES.en,
    },
    diff: 'differs',
    noteTitle: 'The source notes say otherwise',
    noteSource: 'Source note',
    takeawayTitle: 'The answer to give',
    errorTitle: 'This lesson cannot be opened',
    errorKept: 'Your progress in every lesson is kept.',
    noSuchLesson: (id) => `There is no lesson named "${id}".`,
    copyLink: 'Copy link to this step',
    linkCopied: 'Link copied',
    highlight: 'Look at',
    moment: (s) => `the moment ${s}`,
    fault: (n) => `fault ${n + 1} on the timeline`,
    message: (n) => `message #${n}`,
  },
  zh: {
    tab: '课程',
    homeTitle: '面试题演练',
    homeIntro:
      '每一课从一道面试题开始：先预测真实的消息队列会怎样，再运行、看结果、听解释。选一个主题，或者直接用左边的自由实验台。',
    freeLab: '自由实验台',
    freeLabText:
      '左边的模拟器已经载入了第一个场景：点“播放”，右键让节点崩溃，或者从菜单里打开任意场景。',
    openLab: '去实验台',
    hideHome: '启动时不再打开课程',
    themes: {
      why: '为什么要用消息队列',
      loss: '消息丢失',
      duplicates: '重复与幂等',
      ordering: '顺序',
      availability: '高可用',
      backlog: '积压、过期与容量',
      rabbitmq: 'RabbitMQ 模型',
      rocketmq: 'RocketMQ 模型',
      design: '选型与设计',
    },
    start: '开始',
    resume: (s, n) => `继续（第 ${s}/${n} 步）`,
    done: '已完成，再来一遍',
    noLesson: '暂无课程',
    openFile: '打开课程文件…',
    back: '上一步',
    next: '下一步',
    keys: '快捷键：PageDown / PageUp 或 n / b',
    toHome: '全部课程',
    stepOf: (n, of) => `第 ${n}/${of} 步`,
    kinds: {
      narrate: '看一看',
      predict: '预测',
      run: '运行',
      reveal: '结果揭晓',
      vary: '只改一个参数',
      takeaway: '面试时这样答',
      note: '笔记里的错误',
    },
    interview: '面试题',
    commit: '提交我的答案',
    yourGuess: '你的答案',
    committed: '已提交。结果此前一直隐藏，接下来去运行。',
    mustCommit: '提交答案后才能继续。提交之前结果不会显示。',
    right: '你的预测和运行结果一致。',
    wrong: '运行结果和你的预测不一致。',
    runWas: '运行结果',
    trueAnswer: '正确答案',
    numberLabel: '你的估计',
    play: '播放这次运行',
    playing: '播放中…',
    pausedAt: '已暂停：',
    continue: '继续',
    computing: '运行还在计算中…',
    outcome: '结果',
    whyTitle: '原因',
    prevent: '怎样避免',
    changed: '改动后',
    asLesson: '课程原配置',
    openVariant: '在实验台中打开改动后的运行',
    counts: {
      lost: '丢失',
      duplicated: '重复',
      reordered: '乱序',
      unexpected: '不该出现',
      processed: '已处理',
      ...STAT_NAMES.zh,
    },
    diff: '不同',
    noteTitle: '原始笔记的说法不对',
    noteSource: '出处',
    takeawayTitle: '面试时的回答',
    errorTitle: '这节课打不开',
    errorKept: '你在各节课的进度都保留着。',
    noSuchLesson: (id) => `没有名为“${id}”的课程。`,
    copyLink: '复制这一步的链接',
    linkCopied: '链接已复制',
    highlight: '请看',
    moment: (s) => `${s} 这一刻`,
    fault: (n) => `时间线上的第 ${n + 1} 个故障`,
    message: (n) => `消息 #${n}`,
  },
};
