/**
 * The lessons tab: the curriculum map (home) when no lesson is open, the lesson player when one is.
 * The player drives the lab beside it (the same cluster view and timeline) through the controller:
 * it loads the lesson's scenario, plays it at the lesson's speed and stops at its pause points.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { RUN_STATS } from '../../engine/stats';
import { LESSON_STRINGS, type LessonStrings } from '../../i18n/lessons';
import type { Lang } from '../../i18n/strings';
import { lessonIndexEntry } from '../../lessons/content/library';
import { TOPICS } from '../../lessons/curriculum';
import { judge, metricValue, type Guess, type Outcome } from '../../lessons/evaluate';
import type { LoadedLesson } from '../../lessons/load';
import type { Answer, Metric, Step, Target } from '../../lessons/schema';
import { THEMES } from '../../lessons/themes';
import { SPEEDS, type ScenarioDoc } from '../../store';
import type { RunSummary } from '../../worker/protocol';
import { SimClient } from '../../worker/client';
import { useApp, useAppState } from '../context';
import { mechanismNow } from '../mechanismCatalogue';
import { LESSON_COMPARE_STRINGS } from '../../i18n/lesson-compare';
import { compareStore } from '../compare/state';
import { openVaryCompare } from './compareSlot';
import { SystemsCompareButton, useSystemsOutcome } from './systems';
import {
  closeLesson,
  commitAnswer,
  goStep,
  openLesson,
  progressOf,
  restartLesson,
  useLessonUi,
} from './state';
import { lessonFragment } from './url';
import './lesson.css';

type Bi = { en: string; zh: string };

function useLessonStrings(): { t: LessonStrings; lang: Lang } {
  const lang = useAppState((s) => s.lang);
  return { t: LESSON_STRINGS[lang], lang };
}

/** What the home shows of a lesson (the documents themselves load when one opens). */
function lessonMeta(id: string): { title: Bi; question: Bi; steps: number } | null {
  const d = lessonIndexEntry(id);
  if (!d?.question) return null;
  return { title: d.title, question: d.question, steps: d.steps };
}

export function LessonPanel({ onLeave }: { onLeave: () => void }) {
  const open = useLessonUi((s) => s.open);
  return open ? <Player /> : <Home onLeave={onLeave} />;
}

function Home({ onLeave }: { onLeave: () => void }) {
  const { controller } = useApp();
  const { t, lang } = useLessonStrings();
  const progress = useLessonUi((s) => s.progress);
  const setProgress = useLessonUi((s) => s.setProgress);
  const fileRef = useRef<HTMLInputElement>(null);
  return (
    <div className="lesson-home" data-testid="lesson-home">
      <h2>{t.homeTitle}</h2>
      <p className="lesson-intro">{t.homeIntro}</p>
      <section className="free-lab" aria-label={t.freeLab}>
        <h3>{t.freeLab}</h3>
        <p>{t.freeLabText}</p>
        <div className="row">
          <button type="button" onClick={onLeave}>
            {t.openLab}
          </button>
          <label className="check">
            <input
              type="checkbox"
              checked={progress.homeDismissed}
              onChange={(e) => setProgress({ ...progress, homeDismissed: e.target.checked })}
            />
            {t.hideHome}
          </label>
        </div>
      </section>
      {THEMES.map((theme) => {
        const topics = TOPICS.filter((x) => x.theme === theme);
        return (
          <section key={theme} className="theme" aria-labelledby={`theme-${theme}`}>
            <h3 id={`theme-${theme}`}>{t.themes[theme]}</h3>
            <ul>
              {topics.map((topic) => {
                const meta = topic.lesson ? lessonMeta(topic.lesson) : null;
                if (!topic.lesson || !meta)
                  return (
                    <li key={topic.id} className="topic topic-none">
                      <span className="topic-id">{topic.id}</span> {topic.title[lang]}
                      <span className="blocked">
                        {' '}
                        — {t.noLesson}: {topic.blocked?.[lang]}
                      </span>
                    </li>
                  );
                const id = topic.lesson;
                const p = progress.lessons[id];
                const label = p?.done ? t.done : p ? t.resume(p.step + 1, meta.steps) : t.start;
                return (
                  <li key={topic.id} className="topic" data-lesson={id}>
                    <div>
                      <span className="topic-id">{topic.id}</span>{' '}
                      <strong>{meta.title[lang]}</strong>
                    </div>
                    <q className="question">{meta.question[lang]}</q>
                    <button
                      type="button"
                      // The topic id, not the title: a title may hold a control's name ("pause_minority" vs Pause).
                      aria-label={`${label} · ${topic.id}`}
                      onClick={() =>
                        p?.done
                          ? restartLesson(controller, id)
                          : openLesson(controller, id, null, undefined, t.noSuchLesson)
                      }
                    >
                      {label}
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      <p>
        <button type="button" onClick={() => fileRef.current?.click()}>
          {t.openFile}
        </button>
        <input
          ref={fileRef}
          type="file"
          accept="application/json,.json"
          hidden
          aria-label={t.openFile}
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (!f) return;
            void f.text().then((text) => {
              let doc: unknown;
              try {
                doc = JSON.parse(text);
              } catch (err) {
                useLessonUi.getState().setOpen({
                  id: f.name,
                  loaded: null,
                  error: [`not valid JSON: ${err instanceof Error ? err.message : String(err)}`],
                  step: 0,
                });
                return;
              }
              const id = (doc as { id?: unknown } | null)?.id;
              openLesson(controller, typeof id === 'string' ? id : f.name, 0, doc);
            });
          }}
        />
      </p>
    </div>
  );
}

function isTyping(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  return el.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName);
}

/** The answer key a step's committed guess is stored under. */
function answerKey(step: Step, index: number): string | null {
  if (step.kind === 'predict') return step.id;
  if (step.kind === 'vary' && step.answer) return `vary-${index}`;
  return null;
}

function Player() {
  const { t, lang } = useLessonStrings();
  const open = useLessonUi((s) => s.open);
  const progress = useLessonUi((s) => s.progress);
  const [copied, setCopied] = useState(false);
  const l = open?.loaded ?? null;
  const stepIndex = open?.step ?? 0;
  const step = l?.lesson.steps[stepIndex];
  const answers = open ? progressOf(progress, open.id).answers : {};
  const key = step ? answerKey(step, stepIndex) : null;
  const blocked = key !== null && answers[key] === undefined;
  const n = l?.lesson.steps.length ?? 0;
  const canNext = l !== null && !blocked && stepIndex < n - 1;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const s = useLessonUi.getState().open;
      if (!s?.loaded) return;
      // Compare mode lies over the lesson: its keys are its own; Escape goes back to the lesson.
      if (compareStore.getState().spec !== null) {
        if (e.key === 'Escape' && compareStore.getState().back)
          void import('../compare/store').then((m) => m.closeCompare());
        return;
      }
      if (e.key === 'PageDown' || e.key === 'n') {
        if (!canNext) return;
        e.preventDefault();
        goStep(s.step + 1);
      } else if (e.key === 'PageUp' || e.key === 'b') {
        e.preventDefault();
        goStep(s.step - 1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canNext]);

  if (!open) return null;
  if (!l || !step)
    return (
      <div className="lesson-player" data-testid="lesson-player">
        <section role="alert" className="lesson-error" data-testid="lesson-error">
          <h2>{t.errorTitle}</h2>
          <ul>
            {(open.error ?? []).map((line, i) => (
              <li key={i}>
                <code>{line}</code>
              </li>
            ))}
          </ul>
          <p>{t.errorKept}</p>
          <button type="button" onClick={closeLesson}>
            {t.toHome}
          </button>
        </section>
      </div>
    );

  const copy = async () => {
    const url = `${location.origin}${location.pathname}${location.search}${lessonFragment(l.lesson.id, stepIndex)}`;
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      /* the URL bar holds the same link */
    }
    setCopied(true);
  };

  return (
    <div
      className="lesson-player"
      data-testid="lesson-player"
      data-lesson={l.lesson.id}
      data-step={stepIndex + 1}
      data-kind={step.kind}
    >
      <nav className="lesson-top">
        <button type="button" className="link" onClick={closeLesson}>
          ← {t.toHome}
        </button>
        <span className="step-of">{t.stepOf(stepIndex + 1, n)}</span>
      </nav>
      <h2 className="lesson-title">
        <span className="topic-id">{l.lesson.topic}</span> {l.lesson.title[lang]}
      </h2>
      {stepIndex === 0 ? (
        <section className="interview" aria-label={t.interview}>
          <h3>{t.interview}</h3>
          {l.lesson.questions.map((q, i) => (
            <q key={i}>{q[lang]}</q>
          ))}
        </section>
      ) : null}
      <ol className="dots" aria-hidden="true">
        {l.lesson.steps.map((s, i) => (
          <li
            key={i}
            className={i === stepIndex ? 'now' : i < stepIndex ? 'past' : ''}
            title={t.kinds[s.kind]}
          />
        ))}
      </ol>
      <section className={`step step-${step.kind}`} aria-live="polite">
        <h3 className="step-kind">{t.kinds[step.kind]}</h3>
        <StepView
          key={`${l.lesson.id}-${stepIndex}`}
          l={l}
          step={step}
          index={stepIndex}
          answers={answers}
        />
      </section>
      {blocked ? <p className="hint">{t.mustCommit}</p> : null}
      <div className="lesson-nav">
        <button type="button" disabled={stepIndex === 0} onClick={() => goStep(stepIndex - 1)}>
          {t.back}
        </button>
        <button
          type="button"
          className="primary"
          disabled={!canNext}
          onClick={() => goStep(stepIndex + 1)}
        >
          {t.next}
        </button>
      </div>
      <p className="lesson-foot">
        <span className="hint">{t.keys}</span>
        <button type="button" className="link" onClick={() => void copy()}>
          {copied ? t.linkCopied : t.copyLink}
        </button>
      </p>
    </div>
  );
}

function StepView({
  l,
  step,
  index,
  answers,
}: {
  l: LoadedLesson;
  step: Step;
  index: number;
  answers: Record<string, Guess>;
}): ReactNode {
  const { lang, t } = useLessonStrings();
  switch (step.kind) {
    case 'narrate':
      return (
        <>
          <p className="lesson-text">{step.text[lang]}</p>
          <Highlights targets={step.highlight} l={l} />
        </>
      );
    case 'predict':
      return (
        <>
          <p className="lesson-text question-text">{step.question[lang]}</p>
          <AnswerForm answer={step.answer} answerKey={step.id} committed={answers[step.id]} />
        </>
      );
    case 'run':
      return <RunView l={l} step={step} index={index} />;
    case 'reveal':
      return <RevealView l={l} step={step} answers={answers} />;
    case 'vary':
      return <VaryView l={l} step={step} index={index} committed={answers[`vary-${index}`]} />;
    case 'takeaway':
      return (
        <blockquote className="takeaway" aria-label={t.takeawayTitle}>
          {step.text[lang]}
        </blockquote>
      );
    case 'note':
      return (
        <aside className="lesson-note" aria-label={t.noteTitle}>
          <p>{step.text[lang]}</p>
          <p className="hint">
            {t.noteSource}: {step.source}
          </p>
        </aside>
      );
    default: {
      const never: never = step;
      return String(never);
    }
  }
}

/** Marks the narrated targets in the lab: nodes and rows in the cluster view, faults on the timeline. */
function Highlights({ targets, l }: { targets: readonly Target[]; l: LoadedLesson }) {
  const { t, lang } = useLessonStrings();
  const rows = targets.flatMap((x) => ('row' in x ? [x.row] : []));
  // Store ids of the rows, from the frame on screen (a partition has one row per replica).
  const storeIds = useAppState((s) =>
    (s.frame?.stores ?? [])
      .filter((st) => rows.includes(st.label))
      .map((st) => st.id)
      .join('\n'),
  );
  const css = [
    ...targets.flatMap((x) =>
      'node' in x ? [`.cluster g[data-node="${x.node}"] > rect.box`] : [],
    ),
    ...storeIds
      .split('\n')
      .filter((x) => x !== '')
      .map((id) => `.cluster g[data-store="${id}"] > rect.row`),
    ...targets.flatMap((x) =>
      'fault' in x ? [`.tl-faults g.fault:nth-of-type(${x.fault + 1}) path`] : [],
    ),
  ];
  const words = targets.map((x) => {
    if ('node' in x) return x.node;
    if ('row' in x) return x.row;
    if ('message' in x) return t.message(x.message);
    if ('fault' in x) {
      const f = l.scenario.faults[x.fault];
      return `${t.fault(x.fault)} (${f ? (f.atMs / 1000).toFixed(1) : '?'} s)`;
    }
    return t.moment(`${(x.atMs / 1000).toFixed(1)} s`);
  });
  if (targets.length === 0) return null;
  return (
    <>
      <style>{`${css.join(',\n')} { stroke: #f0a500 !important; stroke-width: 5px !important; }`}</style>
      <p className="highlights" lang={lang === 'zh' ? 'zh-CN' : 'en'}>
        {t.highlight}:{' '}
        {words.map((w, i) => (
          <mark key={i}>{w}</mark>
        ))}
      </p>
    </>
  );
}

function choiceText(a: Answer, g: Guess | undefined, lang: Lang): string {
  if (!g) return '—';
  if (g.type === 'number') return String(g.value);
  if (a.type !== 'choice') return '—';
  return a.choices.find((c) => c.id === g.id)?.text[lang] ?? g.id;
}

function AnswerForm({
  answer,
  answerKey: key,
  committed,
}: {
  answer: Answer;
  answerKey: string;
  committed: Guess | undefined;
}) {
  const { t, lang } = useLessonStrings();
  const [pick, setPick] = useState<string>('');
  const [num, setNum] = useState<string>('');
  if (committed)
    return (
      <p className="committed" data-testid="committed">
        {t.yourGuess}
        {lang === 'zh' ? '：' : ': '}
        <strong>{choiceText(answer, committed, lang)}</strong>
        {lang === 'zh' ? '。' : '. '}
        {t.committed}
      </p>
    );
  if (answer.type === 'number')
    return (
      <form
        className="answer"
        onSubmit={(e) => {
          e.preventDefault();
          const v = Number(num);
          if (num.trim() !== '' && Number.isFinite(v))
            commitAnswer(key, { type: 'number', value: v });
        }}
      >
        <label>
          {t.numberLabel}{' '}
          <input type="number" min={0} value={num} onChange={(e) => setNum(e.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={num.trim() === ''}>
          {t.commit}
        </button>
      </form>
    );
  return (
    <form
      className="answer"
      onSubmit={(e) => {
        e.preventDefault();
        if (pick) commitAnswer(key, { type: 'choice', id: pick });
      }}
    >
      <fieldset>
        <legend className="sr-only">{t.yourGuess}</legend>
        {answer.choices.map((c) => (
          <label key={c.id} className="choice">
            <input
              type="radio"
              name={`answer-${key}`}
              value={c.id}
              checked={pick === c.id}
              onChange={() => setPick(c.id)}
            />
            {c.text[lang]}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="primary" disabled={!pick}>
        {t.commit}
      </button>
    </form>
  );
}

/** When each pause point falls in the run, in microseconds (events: their first occurrence). */
function pauseTimes(l: LoadedLesson, step: Extract<Step, { kind: 'run' }>, s: RunSummary | null) {
  return step.pauseAt
    .map((p) => {
      if ('fault' in p) {
        const f = l.scenario.faults[p.fault];
        return f ? { at: f.atMs * 1000, label: p.label } : null;
      }
      const e = s?.timeline.find((x) => x.kind === p.event && (!p.node || x.node === p.node));
      return e ? { at: e.at, label: p.label } : null;
    })
    .filter((x): x is { at: number; label: Bi } => x !== null)
    .sort((a, b) => a.at - b.at);
}

function RunView({
  l,
  step,
  index,
}: {
  l: LoadedLesson;
  step: Extract<Step, { kind: 'run' }>;
  index: number;
}) {
  const { store, controller } = useApp();
  const { t, lang } = useLessonStrings();
  const summary = useAppState((s) => s.summary);
  const [paused, setPaused] = useState<Bi | null>(null);
  const points = useMemo(() => pauseTimes(l, step, summary), [l, step, summary]);

  useEffect(() => {
    let last = store.getState().tUs;
    return store.subscribe((s) => {
      const now = s.tUs;
      if (controller.state === 'running') {
        const hit = points.find((p) => last < p.at && now >= p.at);
        if (hit) {
          controller.pause();
          controller.seek(hit.at);
          setPaused(hit.label);
        }
      }
      last = now;
    });
  }, [store, controller, points]);

  const play = (fromStart: boolean) => {
    const speed = SPEEDS.reduce((a, b) =>
      Math.abs(b - step.speed) < Math.abs(a - step.speed) ? b : a,
    );
    store.getState().setSpeed(speed);
    setPaused(null);
    if (fromStart) controller.seek(0);
    controller.play();
  };
  return (
    <>
      {step.text ? <p className="lesson-text">{step.text[lang]}</p> : null}
      <p>
        <button type="button" className="primary" onClick={() => play(true)}>
          ▶ {t.play} ({step.speed}×)
        </button>
      </p>
      {step.compare ? <SystemsCompareButton l={l} index={index} lang={lang} /> : null}
      {paused ? (
        <div className="pause-point" role="status" data-testid="pause-point">
          <p>
            <strong>{t.pausedAt}</strong> {paused[lang]}
          </p>
          <button type="button" onClick={() => play(false)}>
            {t.continue}
          </button>
        </div>
      ) : null}
    </>
  );
}

function metricName(m: Metric, t: LessonStrings, lang: Lang): string {
  const tc = LESSON_COMPARE_STRINGS[lang];
  const word =
    m.count === 'duplicateEffects' ? tc.duplicateEffects : (t.counts[m.count] ?? m.count);
  const what =
    m.consumer !== undefined
      ? tc.consumerMetric(m.consumer)
      : m.producer !== undefined
        ? tc.producerMetric(m.producer, word)
        : word;
  const named = m.group ? `${m.group} · ${what}` : what;
  return m.run ? `${systemLabel(m.run, lang)} · ${named}` : named;
}

/** A run of the open lesson's `systems` by its label ("RabbitMQ"), else its id. */
function systemLabel(id: string, lang: Lang): string {
  const l = useLessonUi.getState().open?.loaded;
  return l?.systems.find((x) => x.id === id)?.label[lang] ?? id;
}

function metricKey(m: Metric): string {
  return `${m.run ?? ''}/${m.group ?? ''}/${m.producer ?? ''}/${m.consumer ?? ''}/${m.count}`;
}

/** The metrics a prediction's answer reads, each once. */
function metricsOf(a: Answer): Metric[] {
  const all =
    a.type === 'number' ? [a.metric] : a.choices.flatMap((c) => c.when.all.map((x) => x.metric));
  const seen = new Set<string>();
  return all.filter((m) => {
    const k = metricKey(m);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function Verdict({
  answer,
  guess,
  outcome,
}: {
  answer: Answer;
  guess: Guess | undefined;
  outcome: Outcome;
}) {
  const { t, lang } = useLessonStrings();
  if (!guess) return <p className="hint">{t.mustCommit}</p>;
  const v = judge(answer, guess, outcome);
  const truth =
    answer.type === 'choice'
      ? answer.choices
          .filter((c) => v.trueChoices.includes(c.id))
          .map((c) => c.text[lang])
          .join(' / ')
      : String(v.actual);
  return (
    <div
      className={`verdict ${v.right ? 'right' : 'wrong'}`}
      data-testid="verdict"
      data-right={v.right}
    >
      <p className="verdict-line">
        <span aria-hidden="true">{v.right ? '✓' : '✗'}</span> {v.right ? t.right : t.wrong}
      </p>
      <table>
        <tbody>
          <tr>
            <th scope="row">{t.yourGuess}</th>
            <td>{choiceText(answer, guess, lang)}</td>
          </tr>
          <tr>
            <th scope="row">{t.trueAnswer}</th>
            <td>{truth}</td>
          </tr>
          {metricsOf(answer).map((m) => (
            <tr key={metricKey(m)}>
              <th scope="row">{metricName(m, t, lang)}</th>
              <td data-testid="metric-value">{metricValue(outcome, m)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RevealView({
  l,
  step,
  answers,
}: {
  l: LoadedLesson;
  step: Extract<Step, { kind: 'reveal' }>;
  answers: Record<string, Guess>;
}) {
  const { t, lang } = useLessonStrings();
  const summary = useAppState((s) => s.summary);
  // With `systems`, the other systems' runs too (a metric may name one).
  const outcome = useSystemsOutcome(l, summary);
  const predict = l.lesson.steps.find((s) => s.kind === 'predict' && s.id === step.predict);
  if (predict?.kind !== 'predict') return null;
  return (
    <>
      {outcome === 'error' ? (
        <p role="alert">{t.errorTitle}</p>
      ) : outcome ? (
        <Verdict answer={predict.answer} guess={answers[predict.id]} outcome={outcome} />
      ) : (
        <p className="hint">{t.computing}</p>
      )}
      <p className="lesson-text">{step.text[lang]}</p>
      {step.mechanisms.map((id) => {
        // Loaded before the lesson opened (openLesson waits for it).
        const m = mechanismNow(id);
        if (!m) return null;
        return (
          <details key={id} className="mechanism" open>
            <summary>{m.title[lang]}</summary>
            {m.prevent[lang] ? (
              <p>
                <strong>
                  {t.prevent}
                  {lang === 'zh' ? '：' : ': '}
                </strong>
                {m.prevent[lang]}
              </p>
            ) : null}
            <p className="hint">{m.knobs.join(', ')}</p>
          </details>
        );
      })}
    </>
  );
}

/** Runs a scenario in a worker of its own (the lab's run stays as it is); null until done. */
function useSideRun(doc: ScenarioDoc | null): RunSummary | null | 'error' {
  const [out, setOut] = useState<RunSummary | null | 'error'>(null);
  useEffect(() => {
    if (!doc) return;
    const client = new SimClient({ progress: () => undefined, crashed: () => setOut('error') });
    let live = true;
    client.load(doc, 1).then(
      (s) => {
        if (live) setOut(s);
      },
      () => {
        if (live) setOut('error');
      },
    );
    return () => {
      live = false;
      client.dispose();
    };
  }, [doc]);
  return out;
}

const COUNT_ROWS: readonly Metric['count'][] = [
  'lost',
  'duplicated',
  'reordered',
  'unexpected',
  'processed',
];

/** The run statistics either run measured (a latency, a drain time), after the counts. */
function statRows(a: RunSummary | null, b: RunSummary): Metric['count'][] {
  return RUN_STATS.filter((k) => a?.stats?.[k] !== undefined || b.stats?.[k] !== undefined);
}

function VaryView({
  l,
  step,
  index,
  committed,
}: {
  l: LoadedLesson;
  step: Extract<Step, { kind: 'vary' }>;
  index: number;
  committed: Guess | undefined;
}) {
  const { controller } = useApp();
  const { t, lang } = useLessonStrings();
  const base = useAppState((s) => s.summary);
  const varied = l.varied.get(index);
  const doc = useMemo(
    () =>
      varied
        ? {
            ...varied,
            name: `${l.lesson.id}-vary-${index + 1}`,
            title: {
              en: `${l.lesson.title.en} · ${step.knob.en}`,
              zh: `${l.lesson.title.zh} · ${step.knob.zh}`,
            },
          }
        : null,
    [varied, l, index, step.knob],
  );
  const side = useSideRun(doc);
  const hidden = step.answer !== undefined && committed === undefined;
  const tc = LESSON_COMPARE_STRINGS[lang];
  const compare = () =>
    void openVaryCompare(
      l.scenario,
      [
        { label: { en: LESSON_STRINGS.en.asLesson, zh: LESSON_STRINGS.zh.asLesson }, patch: [] },
        { label: step.knob, patch: step.patch },
        ...(step.also ?? []).map((a) => ({ label: a.knob, patch: a.patch })),
      ],
      {
        en: LESSON_COMPARE_STRINGS.en.backToLesson(l.lesson.topic, index + 1),
        zh: LESSON_COMPARE_STRINGS.zh.backToLesson(l.lesson.topic, index + 1),
      },
    );
  return (
    <>
      <p className="knob">
        <strong>{t.changed}:</strong> <code>{step.knob[lang]}</code>
      </p>
      <p className="lesson-text">{step.text[lang]}</p>
      {step.question && step.answer ? (
        <>
          <p className="lesson-text question-text">{step.question[lang]}</p>
          <AnswerForm answer={step.answer} answerKey={`vary-${index}`} committed={committed} />
        </>
      ) : null}
      {hidden || !doc ? null : side === null ? (
        <p className="hint">{t.computing}</p>
      ) : side === 'error' ? (
        <p role="alert">{t.errorTitle}</p>
      ) : (
        <>
          {step.answer ? <Verdict answer={step.answer} guess={committed} outcome={side} /> : null}
          <p>
            <button
              type="button"
              className="primary"
              title={tc.openCompareHint}
              data-testid="vary-compare"
              onClick={compare}
            >
              ⇆ {tc.openCompare}
              {step.also?.length ? ` (${step.also.length + 2})` : ''}
            </button>
          </p>
          <VaryFallback base={base} side={side} knob={step.knob[lang]} />
          <button type="button" onClick={() => controller.loadDoc(doc, { dirty: true })}>
            {t.openVariant}
          </button>
        </>
      )}
    </>
  );
}

/** The two runs' final counts side by side in the lesson, differences marked (compare mode has more). */
function VaryFallback({
  base,
  side,
  knob,
}: {
  base: RunSummary | null;
  side: RunSummary;
  knob: string;
}) {
  const { t } = useLessonStrings();
  const value = (s: RunSummary | null, k: Metric['count']) =>
    s ? metricValue(s, { count: k }) : null;
  return (
    <table className="vary-table" data-testid="vary-table">
      <thead>
        <tr>
          <th scope="col" />
          <th scope="col">{t.asLesson}</th>
          <th scope="col">{knob}</th>
        </tr>
      </thead>
      <tbody>
        {[...COUNT_ROWS, ...statRows(base, side)].map((k) => {
          const a = value(base, k);
          const b = value(side, k);
          const differs = a !== null && a !== b;
          return (
            <tr key={k} className={differs ? 'differs' : ''}>
              <th scope="row">{t.counts[k]}</th>
              <td>{a ?? '…'}</td>
              <td>
                {b} {differs ? <span className="diff-mark">◆ {t.diff}</span> : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
