/**
 * The embedded player (`#embed=...`): the cluster, the narration and the transport, sized by the
 * iframe it lives in; no editor, no fault menu. A link that cannot be read shows the share
 * link's error and a way to the lab.
 */
import { useEffect, useState } from 'react';
import { PRESENTER } from '../../i18n/presenter';
import { STRINGS, shareErrorText } from '../../i18n/strings';
import type { ShareError } from '../../share/codec';
import { seconds, useApp, useAppState } from '../context';
import { ClusterStage } from '../presenter/ClusterStage';
import { NarrationLine, StepButtons } from '../presenter/Presenter';
import { openLesson } from '../lesson/state';
import { EmbeddedLesson } from './EmbeddedLesson';
import { resolveEmbed, type EmbedContent } from './source';
import '../app.css';
import '../presenter/presenter.css';

function labUrl(fragment: string): string {
  return `${location.origin}${location.pathname}${fragment ? `#${fragment}` : ''}`;
}

function Transport() {
  const { controller } = useApp();
  const lang = useAppState((s) => s.lang);
  const tUs = useAppState((s) => s.tUs);
  const end = useAppState((s) => s.meta?.durationUs ?? s.summary?.simulatedUs ?? 0);
  const t = STRINGS[lang];
  return (
    <div className="player-bar" role="toolbar" aria-label={t.controls}>
      <StepButtons />
      <input
        type="range"
        min={0}
        max={Math.max(1, Math.round(end / 1000))}
        value={Math.round(tUs / 1000)}
        aria-label={t.time}
        aria-valuetext={seconds(tUs)}
        onChange={(e) => controller.seek(Number(e.target.value) * 1000)}
      />
      <output data-testid="player-clock">{seconds(tUs)}</output>
    </div>
  );
}

export function Player() {
  const { controller, store } = useApp();
  const lang = useAppState((s) => s.lang);
  const [state, setState] = useState<
    { kind: 'loading' } | { kind: 'error'; error: ShareError } | { kind: 'ok'; c: EmbedContent }
  >({ kind: 'loading' });
  const P = PRESENTER[lang];
  const t = STRINGS[lang];

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = P.player;
  }, [lang, P.player]);

  useEffect(() => {
    let live = true;
    void resolveEmbed(location.hash).then((r) => {
      if (!live) return;
      if (!r.ok) {
        setState({ kind: 'error', error: r.error });
        return;
      }
      setState({ kind: 'ok', c: r.value });
      const lesson = r.value.lesson;
      if (lesson) openLesson(controller, lesson.id, lesson.step);
      else controller.loadDoc(r.value.doc, { dirty: false });
    });
    return () => {
      live = false;
    };
  }, [controller]);

  const langButton = (
    <button
      type="button"
      lang={lang === 'zh' ? 'en' : 'zh'}
      onClick={() => store.getState().setLang(lang === 'zh' ? 'en' : 'zh')}
      aria-label={t.languageLabel}
    >
      {t.language}
    </button>
  );

  if (state.kind === 'error')
    return (
      <main className="player-error" role="alert" data-testid="embed-error">
        <h1>{P.embedError}</h1>
        <p>
          {t.linkError} {shareErrorText(lang, state.error)}
        </p>
        <p>
          <a href={labUrl('')} target="_blank" rel="noopener">
            {P.backToLab}
          </a>{' '}
          {langButton}
        </p>
      </main>
    );
  if (state.kind === 'loading') return <p className="hint">{P.loading}</p>;

  const doc = state.c.doc;
  const title =
    state.c.title?.[lang] ??
    (doc['title'] as { en?: string; zh?: string } | undefined)?.[lang] ??
    (typeof doc['name'] === 'string' ? doc['name'] : '');
  return (
    <div className="player" data-testid="player">
      <header className="player-head">
        <h1>{title}</h1>
        <span>
          {langButton}{' '}
          <a href={labUrl(state.c.labFragment)} target="_blank" rel="noopener">
            {P.openInLab}
          </a>
        </span>
      </header>
      {state.c.lesson ? (
        <div className="player-lesson-body">
          <main className="player-stage" aria-label={t.cluster}>
            <ClusterStage pointer />
          </main>
          <aside className="player-lesson" aria-label={P.lessonSteps}>
            <EmbeddedLesson />
          </aside>
        </div>
      ) : (
        <main className="player-stage" aria-label={t.cluster}>
          <ClusterStage pointer />
        </main>
      )}
      <NarrationLine />
      <Transport />
    </div>
  );
}
