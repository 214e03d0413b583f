// First: starts the simulation worker before the rest of the page's script evaluates. Then builds
// the store and the controller, starts the default scenario's run before React renders (a visit
// without a link), and renders the lab or the embed player.
import { earlyWorkerFactory } from './ui/earlyWorker';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { defaultLang } from './i18n/strings';
import { createAppStore, loadValidator, type ScenarioDoc } from './store';
import { App } from './ui/App.tsx';
import { AppContext } from './ui/context';
import { Controller } from './ui/controller';
import { isEmbedHash, memoryStorage } from './ui/embed/source';
import { loadMechanisms } from './ui/mechanismCatalogue';
import { DEFAULT_PRESET_DOCUMENT } from './ui/presets';
import { installTestHook } from './ui/testHook';
import { noteFirstFrameShown } from './ui/afterFirstFrame';

/** Marks (User Timing) of the first load, read by `scripts/bench-ui.mjs --first`. */
const FIRST_CLUSTER_PAINT_MARK = 'brokerlab:first-cluster-paint';

/** The embed player loads only for an embed (`#embed=...`). */
const Player = lazy(() => import('./ui/embed/Player').then((m) => ({ default: m.Player })));

const rootElement = document.getElementById('root');
if (rootElement === null) {
  throw new Error('index.html has no #root element');
}

// An embed (`#embed=...`) shows the compact player and keeps nothing: the lab's autosave in
// the same origin is left alone.
const embed = isEmbedHash(location.hash);
const store = createAppStore(
  DEFAULT_PRESET_DOCUMENT as ScenarioDoc,
  defaultLang(navigator.languages ?? [navigator.language]),
  embed ? memoryStorage() : undefined,
);
const controller = new Controller(store, {}, earlyWorkerFactory);
installTestHook(store, controller);

// A visit without a link runs the scenario it opens with (the default, or the autosaved one) now,
// not from App's first effect after React's first render and paint: the worker computes the first
// frame while React renders. App starts a run only if none was started (its phase is still idle).
// A link (share, lesson, compare, embed) is opened by App or the player as before.
if (!embed && location.hash === '') controller.rerun();

createRoot(rootElement).render(
  <StrictMode>
    <AppContext value={{ store, controller }}>
      {embed ? (
        <Suspense fallback={null}>
          <Player />
        </Suspense>
      ) : (
        <App />
      )}
    </AppContext>
  </StrictMode>,
);

// The validator, the editor and the lesson loader are not needed for the first frame; fetch them once it is drawn
// and the page is idle, so the first edit, import or share link does not wait for them.
const idle = (fn: () => void) =>
  'requestIdleCallback' in window ? window.requestIdleCallback(fn) : setTimeout(fn, 200);
const unsubscribe = store.subscribe((s) => {
  if (s.frame === null) {
    // A first run that fails has no frame: the panels waiting for it load now.
    if (s.phase === 'error') noteFirstFrameShown();
    return;
  }
  unsubscribe();
  // The first cluster frame is in the store and rendered (a store update renders synchronously);
  // the browser paints it after the next animation frame's callbacks, so a task queued from there
  // runs once it is on screen.
  requestAnimationFrame(() =>
    setTimeout(() => {
      performance.mark(FIRST_CLUSTER_PAINT_MARK);
      noteFirstFrameShown();
    }, 0),
  );
  idle(() => {
    void loadValidator().then(() => {
      // Validates the document the page opened with (a preset, a link or a recovered autosave).
      const s = store.getState();
      s.setDoc(s.doc, { dirty: s.dirty });
    });
    void import('./ui/Editor');
    // What opening a lesson needs besides its (small) document, so a lesson's first frame waits
    // only for its run.
    void import('./lessons/load');
    void loadMechanisms();
  });
});
