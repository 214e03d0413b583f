/**
 * The app's state: zustand slices combined into one bound store. It holds UI state and what the
 * worker sent (the current frame, the run's summary); never engine objects. Middleware sits at
 * the root only: `persist` autosaves the language and, through the state machine of
 * `autosave.ts`, the last scenario that ran well and the one whose run is computing, versioned.
 */
import { create, type StateCreator } from 'zustand';
import { createJSONStorage, persist, type PersistStorage } from 'zustand/middleware';
import type { Lang } from '../i18n/strings';
import type { FieldIssue, ScenarioError } from '../scenario/load';
import type { ChainEntry, Frame, RunMeta, RunStop, RunSummary } from '../worker/protocol';
import {
  atStartup,
  EMPTY_AUTOSAVE,
  nextAutosave,
  sameDoc,
  type Autosave,
  type AutosaveEvent,
} from './autosave';

/** A scenario document as the user edits it: plain JSON, possibly invalid while typing. */
export type ScenarioDoc = Record<string, unknown>;

export interface ScenarioSlice {
  doc: ScenarioDoc;
  /** Edited since it was loaded from a preset, a link or a file. */
  dirty: boolean;
  /** Validation problems of `doc`, by field path; empty when it is valid. */
  issues: FieldIssue[];
  docError: ScenarioError | null;
  setDoc: (doc: ScenarioDoc, opts: { dirty: boolean }) => void;
  /** What is saved for the next start (see autosave.ts). */
  autosave: Autosave;
  /**
   * A scenario whose run did not end in the previous session (the tab died or the worker hung):
   * the app opened the last good one instead and offers this one for a retry.
   */
  recovered: ScenarioDoc | null;
  noteRun: (e: AutosaveEvent) => void;
  setRecovered: (doc: ScenarioDoc | null) => void;
}

export type RunPhase = 'idle' | 'computing' | 'ready' | 'error';

export interface RunSlice {
  runId: number;
  phase: RunPhase;
  meta: RunMeta | null;
  computedUs: number;
  /** How far the end-of-run check is (0 to 1) once the last event has run; null before. */
  checked: number | null;
  summary: RunSummary | null;
  error: { kind: string; message: string } | null;
  startRun: () => number;
  setProgress: (runId: number, computedUs: number, meta: RunMeta, checked?: number) => void;
  setSummary: (s: RunSummary) => void;
  setRunError: (e: { kind: string; message: string } | null) => void;
  /**
   * Where the current run stopped on a cancel, as the worker's cancel reply said, before its
   * summary (which says the same) arrives; null otherwise.
   */
  cancelStop: RunStop | null;
  setCancelStop: (runId: number, stop: RunStop) => void;
  /** Fills in a chain the summary left out (`chainOmitted`), fetched when it was selected. */
  setAnomalyChain: (runId: number, index: number, chain: ChainEntry[]) => void;
}

export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 50, 100, 1000] as const;

export interface ViewSlice {
  tUs: number;
  frame: Frame | null;
  speed: number;
  lang: Lang;
  /** A message to notify about (link copied, link rejected ...). */
  notice: { tone: 'info' | 'error'; text: string } | null;
  /** The last share link made, shown so it can be copied by hand too. */
  shareUrl: string | null;
  setT: (tUs: number) => void;
  setFrame: (f: Frame) => void;
  setSpeed: (s: number) => void;
  setLang: (l: Lang) => void;
  setNotice: (n: ViewSlice['notice']) => void;
}

export type Selection =
  | { kind: 'node'; id: string }
  | { kind: 'store'; id: string }
  | { kind: 'link'; from: string; to: string };

export interface SelectionSlice {
  selection: Selection | null;
  /** Index into `summary.anomalies`. */
  anomaly: number | null;
  /** Journal id of the step of the selected anomaly's story picked by the user (timeline mark). */
  chainEntry: number | null;
  /** Show the selected anomaly's raw journal entries instead of its story (for experts). */
  rawChain: boolean;
  select: (s: Selection | null) => void;
  selectAnomaly: (i: number | null) => void;
  selectChainEntry: (id: number | null) => void;
  setRawChain: (raw: boolean) => void;
}

export type AppState = ScenarioSlice & RunSlice & ViewSlice & SelectionSlice;

type Slice<T> = StateCreator<AppState, [['zustand/persist', unknown]], [], T>;

type Validation = { issues: FieldIssue[]; docError: ScenarioError | null };
type Parse = typeof import('../scenario/load').parseScenario;

/**
 * The validator (zod and every system's schema) is most of the page's JavaScript, and the first
 * frame shows a preset that the tests validate, so it loads after the first render: until then a
 * document is checked the moment the validator arrives (`loadValidator`), and the worker validates
 * every run anyway. Once loaded, checking is synchronous as before.
 */
let parse: Parse | null = null;
let loading: Promise<Parse> | null = null;

/** Loads the scenario validator once; resolves when `setDoc` validates synchronously. */
export function loadValidator(): Promise<Parse> {
  loading ??= import('../scenario/load').then((m) => (parse = m.parseScenario));
  return loading;
}

function validate(doc: ScenarioDoc): Validation {
  if (parse === null) return { issues: [], docError: null };
  const r = parse(doc);
  if (r.ok) return { issues: [], docError: null };
  return { issues: r.error.kind === 'invalid' ? r.error.issues : [], docError: r.error };
}

/** Validates `doc` now if the validator is loaded, else as soon as it is (if still current). */
function validateSoon(doc: ScenarioDoc, get: () => AppState, set: (v: Validation) => void) {
  if (parse !== null) return;
  void loadValidator().then(() => {
    if (get().doc === doc) set(validate(doc));
  });
}

export const createScenarioSlice =
  (initial: ScenarioDoc): Slice<ScenarioSlice> =>
  (set, get) => {
    // The first document is validated when the validator loads (main.tsx, after the first frame).
    return {
      doc: initial,
      dirty: false,
      ...validate(initial),
      setDoc: (doc, { dirty }) => {
        set({ doc, dirty, ...validate(doc) });
        validateSoon(doc, get, set);
      },
      autosave: EMPTY_AUTOSAVE,
      recovered: null,
      noteRun: (e) => set({ autosave: nextAutosave(get().autosave, e) }),
      setRecovered: (recovered) => set({ recovered }),
    };
  };

export const createRunSlice: Slice<RunSlice> = (set, get) => ({
  runId: 0,
  phase: 'idle',
  meta: null,
  computedUs: 0,
  checked: null,
  summary: null,
  error: null,
  startRun: () => {
    const runId = get().runId + 1;
    set({
      runId,
      phase: 'computing',
      computedUs: 0,
      checked: null,
      summary: null,
      error: null,
      anomaly: null,
      chainEntry: null,
      cancelStop: null,
    });
    return runId;
  },
  setProgress: (runId, computedUs, meta, checked) => {
    if (runId === get().runId) set({ computedUs, meta, checked: checked ?? null });
  },
  setSummary: (s) => {
    if (s.runId === get().runId) set({ summary: s, phase: 'ready', computedUs: s.simulatedUs });
  },
  setRunError: (error) => set({ error, phase: error ? 'error' : get().phase }),
  cancelStop: null,
  setCancelStop: (runId, cancelStop) => {
    if (runId === get().runId) set({ cancelStop });
  },
  setAnomalyChain: (runId, index, chain) => {
    const s = get().summary;
    const a = s?.anomalies[index];
    if (!s || !a || s.runId !== runId || runId !== get().runId) return;
    const anomalies = [...s.anomalies];
    const { chainOmitted: _, ...rest } = a;
    anomalies[index] = { ...rest, chain };
    set({ summary: { ...s, anomalies } });
  },
});

export const createViewSlice =
  (lang: Lang): Slice<ViewSlice> =>
  (set, get) => ({
    tUs: 0,
    frame: null,
    speed: 1,
    lang,
    notice: null,
    shareUrl: null,
    setT: (tUs) => set({ tUs }),
    setFrame: (frame) => {
      if (frame.runId === get().runId) set({ frame });
    },
    setSpeed: (speed) => set({ speed: Math.max(0.1, Math.min(1000, speed)) }),
    setLang: (lang) => set({ lang }),
    setNotice: (notice) => set({ notice }),
  });

export const createSelectionSlice: Slice<SelectionSlice> = (set) => ({
  selection: null,
  anomaly: null,
  chainEntry: null,
  rawChain: false,
  select: (selection) => set({ selection }),
  selectAnomaly: (anomaly) => set({ anomaly, chainEntry: null }),
  selectChainEntry: (chainEntry) => set({ chainEntry }),
  setRawChain: (rawChain) => set({ rawChain }),
});

/**
 * `persist` writes on every state change; the time cursor changes 60 times a second while playing.
 * This wrapper writes only when what is saved (the autosave, dirty flag, language) changed.
 */
type Saved = Autosave & Pick<AppState, 'dirty' | 'lang'>;

function onlyWhenChanged(
  inner: PersistStorage<Saved> | undefined,
): PersistStorage<Saved> | undefined {
  if (!inner) return inner;
  let last: Saved | null = null;
  return {
    getItem: (name) => inner.getItem(name),
    removeItem: (name) => inner.removeItem(name),
    setItem: (name, value) => {
      const s = value.state;
      if (
        last &&
        last.good === s.good &&
        last.pending === s.pending &&
        last.dirty === s.dirty &&
        last.lang === s.lang
      )
        return;
      last = s;
      return inner.setItem(name, value);
    },
  };
}

/**
 * Version of what `persist` saves; bump with a migration when the saved shape changes.
 * 1: { doc, dirty, lang }. 2: { good, pending, dirty, lang } (autosave.ts).
 */
export const PERSIST_VERSION = 2;
export const PERSIST_KEY = 'brokerlab:v1';

export function createAppStore(initialDoc: ScenarioDoc, lang: Lang, storage?: Storage) {
  return create<AppState>()(
    persist(
      (...a) => ({
        ...createScenarioSlice(initialDoc)(...a),
        ...createRunSlice(...a),
        ...createViewSlice(lang)(...a),
        ...createSelectionSlice(...a),
      }),
      {
        name: PERSIST_KEY,
        version: PERSIST_VERSION,
        storage: onlyWhenChanged(createJSONStorage<Saved>(() => storage ?? localStorage)),
        partialize: (s): Saved => ({
          good: s.autosave.good,
          pending: s.autosave.pending,
          dirty: s.dirty,
          lang: s.lang,
        }),
        // Restored state is untrusted too (another tab, an older build): re-validate it. A
        // scenario left pending by a session that died is offered for retry, never reopened.
        merge: (persisted, current) => {
          const p = (persisted ?? {}) as Partial<Record<keyof Saved, unknown>>;
          const start = atStartup({ good: asDoc(p.good), pending: asDoc(p.pending) }, (d) =>
            sameDoc(d, initialDoc),
          );
          const doc = start.open ?? current.doc;
          const lang = p.lang === 'en' || p.lang === 'zh' ? p.lang : current.lang;
          return {
            ...current,
            doc,
            dirty: start.open !== null && p.dirty === true,
            lang,
            ...validate(doc),
            autosave: start.saved,
            recovered: start.retry,
          };
        },
        // Version 1 saved the last scenario loaded, run or not; it is taken as the good one
        // (the validator refuses what cannot run, and from now on a hang never loops).
        migrate: (persisted, version) => {
          if (version === 1 && typeof persisted === 'object' && persisted !== null) {
            const { doc, ...rest } = persisted as Record<string, unknown>;
            return { ...rest, good: asDoc(doc), pending: null } as Saved;
          }
          return persisted as Saved;
        },
      },
    ),
  );
}

export type AppStore = ReturnType<typeof createAppStore>;

function asDoc(x: unknown): ScenarioDoc | null {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as ScenarioDoc) : null;
}
