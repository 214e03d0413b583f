/**
 * Presenter mode: the cluster full screen with large type, a narration line saying what the last
 * stepped event did, and step / play / slow-motion controls a presentation clicker can drive
 * (PageDown/PageUp, arrow keys). Editing chrome is not shown. `?present` in the URL opens it.
 */
import { useSelector } from '@xstate/react';
import { useStore } from 'zustand';
import { PRESENTER } from '../../i18n/presenter';
import { STRINGS } from '../../i18n/strings';
import { seconds, useApp, useAppState } from '../context';
import { LegendButton, legendStore } from '../legend/Legend';
import { ClusterStage } from './ClusterStage';
import { narrate } from './narrate';
import { enterPresenter, exitPresenter, presenterStore, stepBack, stepForward } from './state';
import { SLOW, toggleSlow } from './keys';
import './presenter.css';

/**
 * Back, play/pause, one event forward and (with `hop`) one message hop forward: presenter mode's
 * and the embedded player's transport.
 */
export function StepButtons({ hop = false }: { hop?: boolean }) {
  const { controller } = useApp();
  const lang = useAppState((s) => s.lang);
  const running = useSelector(controller.run, (s) => s.value === 'running');
  const P = PRESENTER[lang];
  const t = STRINGS[lang];
  const steps = [
    { glyph: '◀|', label: P.back, keys: 'PageUp ArrowLeft', act: () => stepBack(controller) },
    {
      glyph: '|▶',
      label: P.forward,
      keys: 'PageDown ArrowRight',
      act: () => stepForward(controller, 'event'),
    },
    ...(hop
      ? [
          {
            glyph: '|▶▶',
            label: P.hop,
            keys: 'Shift+PageDown Shift+ArrowRight',
            act: () => stepForward(controller, 'hop'),
          },
        ]
      : []),
  ];
  const [back, ...forward] = steps.map((b) => (
    <button
      key={b.glyph}
      type="button"
      onClick={() => void b.act()}
      aria-keyshortcuts={b.keys}
      aria-label={b.label}
      title={b.label}
    >
      {b.glyph}
    </button>
  ));
  return (
    <>
      {back}
      <button
        type="button"
        className="primary"
        onClick={() => controller.toggle()}
        aria-keyshortcuts="Space"
      >
        {running ? `❚❚ ${t.pause}` : `▶ ${t.play}`}
      </button>
      {forward}
    </>
  );
}

/** The narration line: the last step in words, re-told when the language changes. */
export function NarrationLine({ className = 'narration' }: { className?: string }) {
  const lang = useAppState((s) => s.lang);
  const runId = useAppState((s) => s.runId);
  const P = PRESENTER[lang];
  const n = useStore(presenterStore, (s) => (s.runId === runId ? s.narration : null));
  const text = n ? narrate(n.atUs, n.stepped, lang, n.before, n.after) : P.narrationIdle;
  return (
    <p className={className} role="status" aria-live="polite" data-testid="narration">
      <span className="narration-label">{P.narrationLabel}: </span>
      {text}
    </p>
  );
}

function PresenterClock() {
  const tUs = useAppState((s) => s.tUs);
  const end = useAppState((s) => s.meta?.durationUs ?? s.summary?.simulatedUs ?? 0);
  return (
    <output className="p-clock" data-testid="presenter-clock">
      {seconds(tUs)} / {seconds(end)}
    </output>
  );
}

export function Presenter() {
  const { controller, store } = useApp();
  const lang = useAppState((s) => s.lang);
  const doc = useAppState((s) => s.doc);
  const notice = useAppState((s) => s.notice);
  const speed = useAppState((s) => s.speed);
  const refused = useStore(presenterStore, (s) => s.fullscreenRefused);
  const legendOpen = useStore(legendStore, (s) => s.open !== null);
  const P = PRESENTER[lang];
  const t = STRINGS[lang];
  const title =
    (doc['title'] as { en?: string; zh?: string } | undefined)?.[lang] ??
    (typeof doc['name'] === 'string' ? doc['name'] : '');

  return (
    <div className="presenter" data-testid="presenter" data-legend={legendOpen || undefined}>
      <header className="p-head">
        <h1>{title}</h1>
        <PresenterClock />
      </header>
      {notice?.tone === 'error' ? (
        <div className="p-error" role="alert">
          <span>{notice.text}</span>
          <button type="button" onClick={() => exitPresenter()}>
            {P.exit}
          </button>
          <button type="button" aria-label="✕" onClick={() => store.getState().setNotice(null)}>
            ✕
          </button>
        </div>
      ) : null}
      {refused ? (
        <p className="p-note" role="status">
          {P.fullscreenRefused}{' '}
          <button type="button" onClick={() => void enterPresenter()} aria-label={P.fullscreen}>
            {P.fullscreen}
          </button>
        </p>
      ) : null}
      <main className="p-stage" aria-label={t.cluster}>
        <ClusterStage pointer />
      </main>
      <NarrationLine />
      <div className="p-bar" role="toolbar" aria-label={P.toolbar}>
        <StepButtons hop />
        <button
          type="button"
          aria-pressed={speed <= SLOW}
          onClick={() => toggleSlow(controller)}
          aria-keyshortcuts="S"
        >
          {P.slow} ({SLOW}×)
        </button>
        <span className="p-speed">{speed}×</span>
        <LegendButton owner="presenter" className="p-legend" />
        <button type="button" onClick={() => exitPresenter()} aria-keyshortcuts="Escape P">
          ✕ {P.exit}
        </button>
      </div>
      <p className="p-keys">{P.keys}</p>
    </div>
  );
}
