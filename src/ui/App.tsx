import { lazy, Suspense, useEffect, useState } from 'react';
import { useSelector } from '@xstate/react';
import { STRINGS, shareErrorText, type Strings } from '../i18n/strings';
import { SPEEDS, type ScenarioDoc } from '../store';
import { APP_LIMITS, HANG_MS } from '../worker/limits';
import type { RunStop } from '../worker/protocol';
import { About, Anomalies } from './Anomalies';
import { ClusterPanel } from './ClusterPanel';
import { useStore } from 'zustand';
import { compareStore } from './compare/state';
import { isCompareFragment, isShareFragment } from '../share/fragment';
import { seconds, useApp, useAppState, useStrings } from './context';
import { Inspector } from './Inspector';
import { usePresenter } from './presenter/keys';
import { Metrics } from './Metrics';
import { MonteCarloPanel } from './MonteCarloButton';
import { Timeline } from './Timeline';
import { TopBar } from './TopBar';
import { LESSON_STRINGS } from '../i18n/lessons';
import { hidesOutcome, openLesson, useLessonUi } from './lesson/state';
import { isLessonFragment, parseLessonFragment } from './lesson/url';
import { firstFrameShown } from './afterFirstFrame';
import './app.css';
import './newcomer.css';
import { useOutcomeHidden } from './outcome';
import { OutcomeVeil } from './OutcomeVeil';
import { stepForward } from './presenter/state';

/** The editor (its knob help and the validator) loads when first opened. */
const Editor = lazy(() => import('./Editor').then((m) => ({ default: m.Editor })));
// The model's limits (About tab) are text for every system in two languages: not first-frame code.
const Presenter = lazy(() =>
  import('./presenter/Presenter').then((m) => ({ default: m.Presenter })),
);
const ModelNote = lazy(() => import('./ModelNote').then((m) => ({ default: m.ModelNote })));

/** Compare mode (its runner, charts and link codec) loads when a comparison opens. */
const CompareView = lazy(() =>
  import('./compare/CompareView').then((m) => ({ default: m.CompareView })),
);

/** The lessons home loads once the first cluster frame is on screen (afterFirstFrame.ts). */
const LessonPanel = lazy(() =>
  firstFrameShown
    .then(() => import('./lesson/LessonPanel'))
    .then((m) => ({ default: m.LessonPanel })),
);

type Tab = 'lessons' | 'inspector' | 'anomalies' | 'metrics' | 'editor' | 'about';

function isTyping(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  return el.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName);
}

/** Opens a share link from the URL fragment: untrusted input, never replaces work silently. */
async function openLink(hash: string, ctx: ReturnType<typeof useApp>): Promise<void> {
  const { store, controller } = ctx;
  const { decodeShareFragment } = await import('../share/codec');
  const r = await decodeShareFragment(hash);
  const s = store.getState();
  const t = STRINGS[s.lang];
  if (!r.ok) {
    s.setNotice({ tone: 'error', text: `${t.linkError} ${shareErrorText(s.lang, r.error)}` });
    // A bad link leaves the address bar, so a reload does not retry it.
    history.replaceState(null, '', `${location.pathname}${location.search}`);
    if (s.summary === null && s.phase === 'idle') controller.rerun();
    return;
  }
  if (s.dirty && !window.confirm(t.linkConfirm)) {
    if (s.summary === null && s.phase === 'idle') controller.rerun();
    return;
  }
  history.replaceState(null, '', `${location.pathname}${location.search}`);
  controller.loadDoc(r.value, { dirty: false });
}

/** Why a run stopped early, what was kept and what to change; null for a complete run. */
function StoppedBanner({ stop, t }: { stop: RunStop | undefined; t: Strings }) {
  const meta = useAppState((s) => s.meta);
  if (!stop) return null;
  // The budget that applied (a test can tighten it); the memory figure is what the run held.
  const limit =
    stop.reason === 'events'
      ? (stop.limit ?? APP_LIMITS.events)
      : stop.reason === 'wall'
        ? Math.round((stop.limit ?? APP_LIMITS.wallMs) / 1000)
        : Math.round(stop.bytes / 1e6);
  const end = meta?.durationUs ?? stop.atUs;
  return (
    <section role="alert" className="stopped" data-testid="run-stopped" data-reason={stop.reason}>
      <p>
        <strong>
          {t.stopped({ reason: stop.reason, at: seconds(stop.atUs), end: seconds(end), limit })}
        </strong>
      </p>
      <p>
        {t.stoppedKept}
        {stop.reason === 'cancelled' ? null : ` ${t.stoppedFix}`}
      </p>
    </section>
  );
}

function docName(d: ScenarioDoc): string {
  return typeof d['name'] === 'string' ? d['name'] : '?';
}

export function App() {
  const app = useApp();
  const { controller, store } = app;
  const t = useStrings();
  const lang = useAppState((s) => s.lang);
  const error = useAppState((s) => s.error);
  const notice = useAppState((s) => s.notice);
  const shareUrl = useAppState((s) => s.shareUrl);
  const selection = useAppState((s) => s.selection);
  const anomaly = useAppState((s) => s.anomaly);
  const summary = useAppState((s) => s.summary);
  const cancelStop = useAppState((s) => s.cancelStop);
  const recovered = useAppState((s) => s.recovered);
  const runState = useSelector(controller.run, (s) => String(s.value));
  // The lessons tab (the home) opens first for a lesson link, or a visit without any link unless
  // the learner turned it off; a share link opens straight on the lab.
  const [tab, setTab] = useState<Tab>(() =>
    isLessonFragment(location.hash) ||
    (location.hash === '' && !useLessonUi.getState().progress.homeDismissed)
      ? 'lessons'
      : 'anomalies',
  );
  const lessonHide = useLessonUi(hidesOutcome);
  const outcomeHidden = useOutcomeHidden();
  const presenting = usePresenter();
  const comparing = useStore(compareStore, (s) => s.spec !== null);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = STRINGS[lang].appTitle;
  }, [lang]);

  // Start: a share link in the fragment wins (after confirmation); otherwise the autosaved or
  // default scenario runs.
  useEffect(() => {
    if (isCompareFragment(location.hash))
      void import('./compare/link').then((m) => m.openCompareLink(location.hash, store));
    const lesson = parseLessonFragment(location.hash);
    const noSuch = LESSON_STRINGS[store.getState().lang].noSuchLesson;
    if (isShareFragment(location.hash)) void openLink(location.hash, app);
    else if (lesson) openLesson(controller, lesson.id, lesson.step, undefined, noSuch);
    // main.tsx already started the run of a visit without a link.
    else if (store.getState().phase === 'idle') controller.rerun();
    const onHash = () => {
      if (isCompareFragment(location.hash))
        void import('./compare/link').then((m) => m.openCompareLink(location.hash, store));
      if (isShareFragment(location.hash)) void openLink(location.hash, app);
      const l = parseLessonFragment(location.hash);
      const open = useLessonUi.getState().open;
      if (l && (open?.id !== l.id || open.step !== l.step)) {
        openLesson(controller, l.id, l.step, undefined, noSuch);
        setTab('lessons');
      }
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [app, controller, store]);

  // Selecting something opens the panel that shows it (derived during render, not in an effect).
  const [seen, setSeen] = useState({ selection, anomaly });
  if (seen.selection !== selection || seen.anomaly !== anomaly) {
    setSeen({ selection, anomaly });
    if (selection && selection !== seen.selection) setTab('inspector');
    else if (anomaly !== null && anomaly !== seen.anomaly) setTab('anomalies');
  }

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const s = store.getState();
      const inWidget = e.target instanceof Element && e.target.closest('[role="menu"], g.fault');
      if (inWidget && e.key !== 'Escape') return;
      switch (e.key) {
        case ' ':
          if (e.target instanceof HTMLButtonElement) return;
          e.preventDefault();
          controller.toggle();
          break;
        case 'ArrowRight':
          e.preventDefault();
          void stepForward(controller, e.shiftKey ? 'hop' : 'event');
          break;
        case 'ArrowLeft':
          e.preventDefault();
          controller.seek(s.tUs - (e.shiftKey ? 1_000_000 : 10_000));
          break;
        case 'Home':
          e.preventDefault();
          controller.seek(0);
          break;
        case 'End':
          e.preventDefault();
          controller.runToEnd();
          break;
        case '+':
        case '=': {
          const i = SPEEDS.findIndex((x) => x >= s.speed);
          s.setSpeed(SPEEDS[Math.min(SPEEDS.length - 1, i + 1)] ?? s.speed);
          break;
        }
        case '-': {
          const i = SPEEDS.findIndex((x) => x >= s.speed);
          s.setSpeed(SPEEDS[Math.max(0, i - 1)] ?? s.speed);
          break;
        }
        case 'Escape':
          controller.faultMode.send({ type: 'CANCEL' });
          s.select(null);
          break;
        default:
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller, store]);

  if (presenting)
    return (
      <Suspense fallback={null}>
        <Presenter />
      </Suspense>
    );

  const tabs: { id: Tab; label: string }[] = [
    { id: 'lessons', label: LESSON_STRINGS[lang].tab },
    { id: 'anomalies', label: t.anomalyExplorer },
    { id: 'inspector', label: t.inspector },
    { id: 'metrics', label: t.metrics },
    { id: 'editor', label: t.editor },
    { id: 'about', label: t.about },
  ];

  return (
    <div
      className="app"
      data-run-state={runState}
      data-lesson-hide={lessonHide ? '' : undefined}
      data-outcome-hidden={outcomeHidden ? '' : undefined}
      data-side-wide={tab === 'lessons' ? '' : undefined}
    >
      <TopBar />
      {error ? (
        <section role="alert" className="error">
          <div>
            <h2>
              {error.kind === 'invalid-scenario'
                ? t.invalidScenario
                : error.kind === 'hung'
                  ? t.hungTitle
                  : t.errorTitle}
            </h2>
            {error.kind === 'hung' ? (
              <p>{t.hungBody(Math.round(HANG_MS / 1000))}</p>
            ) : (
              <>
                <pre>{error.message}</pre>
                <p>{t.errorKept}</p>
              </>
            )}
          </div>
          <button type="button" onClick={() => controller.restartWorker()}>
            {t.restart}
          </button>
        </section>
      ) : null}
      {/* A cancel is shown from the worker's reply, before the summary has crossed. */}
      <StoppedBanner stop={summary ? summary.stopped : (cancelStop ?? undefined)} t={t} />
      {recovered ? (
        <div className="notice notice-recovered" role="alert" data-testid="recovered">
          <span>{t.recoveredText(docName(recovered))}</span>
          <button type="button" onClick={() => controller.retryRecovered()}>
            {t.retry(docName(recovered))}
          </button>
          <button type="button" aria-label="✕" onClick={() => store.getState().setRecovered(null)}>
            ✕
          </button>
        </div>
      ) : null}
      {notice ? (
        <div
          className={`notice notice-${notice.tone}`}
          role={notice.tone === 'error' ? 'alert' : 'status'}
        >
          <span>{notice.text}</span>
          {notice.tone === 'info' && shareUrl ? (
            <input
              readOnly
              value={shareUrl}
              aria-label={t.share}
              data-testid="share-url"
              onFocus={(e) => e.target.select()}
            />
          ) : null}
          <button type="button" aria-label="✕" onClick={() => store.getState().setNotice(null)}>
            ✕
          </button>
        </div>
      ) : null}
      <main className="main">
        <ClusterPanel />
        <aside className="side">
          <div role="tablist" aria-label={t.inspector} className="tabs">
            {tabs.map((x) => (
              <button
                key={x.id}
                type="button"
                role="tab"
                id={`tab-${x.id}`}
                aria-selected={tab === x.id}
                aria-controls={`panel-${x.id}`}
                tabIndex={tab === x.id ? 0 : -1}
                onClick={() => setTab(x.id)}
              >
                {x.label}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="panel">
            {tab === 'lessons' ? (
              <Suspense fallback={null}>
                <LessonPanel onLeave={() => setTab('anomalies')} />
              </Suspense>
            ) : null}
            {tab === 'inspector' ? <Inspector /> : null}
            {tab === 'anomalies' && outcomeHidden ? <OutcomeVeil /> : null}
            {tab === 'anomalies' ? <Anomalies /> : null}
            {tab === 'metrics' ? <Metrics /> : null}
            {tab === 'editor' ? (
              <Suspense fallback={<p className="loading">…</p>}>
                <Editor />
              </Suspense>
            ) : null}
            {tab === 'about' ? <About /> : null}
            {tab === 'about' ? (
              <Suspense fallback={null}>
                <ModelNote />
              </Suspense>
            ) : null}
          </div>
        </aside>
      </main>
      <Timeline />
      <MonteCarloPanel />
      {comparing ? (
        <Suspense fallback={null}>
          <CompareView />
        </Suspense>
      ) : null}
    </div>
  );
}
