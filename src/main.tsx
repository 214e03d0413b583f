// First: starts the simulation worker before the rest of the page's script evaluates.
import { earlyWorkerFactory } from './ui/earlyWorker';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { defaultLang } from './i18n/strings';
import { createAppStore, loadValidator, type ScenarioDoc } from './store';
import { App } from './ui/App.tsx';
import { AppContext } from './ui/context';
import { Controller } from './ui/controller';
import { Player } from './ui/embed/Player';
import { isEmbedHash, memoryStorage } from './ui/embed/source';
import { loadMechanisms } from './ui/mechanismCatalogue';
import { DEFAULT_PRESET_DOCUMENT } from './ui/presets';
import { installTestHook } from './ui/testHook';

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

createRoot(rootElement).render(
  <StrictMode>
    <AppContext value={{ store, controller }}>{embed ? <Player /> : <App />}</AppContext>
  </StrictMode>,
);

// The validator, the editor and the lesson loader are not needed for the first frame; fetch them once it is drawn
// and the page is idle, so the first edit, import or share link does not wait for them.
const idle = (fn: () => void) =>
  'requestIdleCallback' in window ? window.requestIdleCallback(fn) : setTimeout(fn, 200);
const unsubscribe = store.subscribe((s) => {
  if (s.frame === null) return;
  unsubscribe();
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
