/**
 * The lesson player's state, apart from the app store (which holds the run): which lesson is open,
 * at which step, and the learner's progress. The app reads `hidesOutcome` to keep every outcome
 * (counts, lists, spoiling titles) out of sight until the learner has committed a prediction.
 */
import { create } from 'zustand';
import type { Guess } from '../../lessons/evaluate';
import type { LoadedLesson } from '../../lessons/load';
import type { ScenarioDoc } from '../../store';
import type { Controller } from '../controller';
import { readProgress, writeProgress, type LessonProgress, type Progress } from './progress';
import { lessonFragment } from './url';

export interface OpenLesson {
  id: string;
  loaded: LoadedLesson | null;
  /** Why the lesson could not be opened: one line per bad field. */
  error: string[] | null;
  step: number;
}

interface LessonUi {
  progress: Progress;
  open: OpenLesson | null;
  setProgress: (p: Progress) => void;
  setOpen: (o: OpenLesson | null) => void;
}

export const useLessonUi = create<LessonUi>()((set) => ({
  progress: readProgress(),
  open: null,
  setProgress: (progress) => {
    writeProgress(progress);
    set({ progress });
  },
  setOpen: (open) => set({ open }),
}));

/**
 * The raw document of a lesson in the library, by id (undefined: no such lesson). The library
 * loads with the first lesson opened, not with the home.
 */
export async function lessonDocument(id: string): Promise<unknown> {
  const { LESSON_DOCUMENTS } = await import('../../lessons/content');
  return LESSON_DOCUMENTS.find((d) => (d as { id?: unknown }).id === id);
}

/** Progress of one lesson (a fresh one when there is none). */
export function progressOf(p: Progress, id: string): LessonProgress {
  return p.lessons[id] ?? { step: 0, answers: {}, done: false };
}

/** True while an open lesson has a prediction not yet committed: outcomes stay hidden. */
export function hidesOutcome(s: Pick<LessonUi, 'open' | 'progress'>): boolean {
  const l = s.open?.loaded;
  if (!s.open || !l) return false;
  const answers = progressOf(s.progress, s.open.id).answers;
  return l.lesson.steps.some((st) => st.kind === 'predict' && answers[st.id] === undefined);
}

/** The lesson loader (zod and the scenario validator) loads when a lesson is first opened. */
const loader = () => import('../../lessons/load');

function setHash(id: string, step: number): void {
  history.replaceState(
    null,
    '',
    `${location.pathname}${location.search}${lessonFragment(id, step)}`,
  );
}

/**
 * Opens a lesson (from the library by id, or a document the learner imported) at a step, loads
 * its scenario into the lab paused at the start, and puts the step in the URL.
 */
export function openLesson(
  controller: Controller,
  id: string,
  step: number | null,
  given?: unknown,
  noSuch?: (id: string) => string,
): void {
  void Promise.all([
    given === undefined ? lessonDocument(id) : Promise.resolve(given),
    loader(),
  ]).then(([doc, m]) => parse(controller, id, step, doc, m, noSuch));
}

function parse(
  controller: Controller,
  id: string,
  step: number | null,
  doc: unknown,
  { parseLesson, describeLessonError, presetDocument }: Awaited<ReturnType<typeof loader>>,
  noSuch?: (id: string) => string,
): void {
  if (doc === undefined) {
    useLessonUi
      .getState()
      .setOpen({ id, loaded: null, error: [noSuch ? noSuch(id) : `no lesson "${id}"`], step: 0 });
    return;
  }
  const r = parseLesson(doc);
  if (!r.ok) {
    const lines = describeLessonError(r.error).split('\n');
    useLessonUi.getState().setOpen({ id, loaded: null, error: lines, step: 0 });
    return;
  }
  show(controller, r.value, step, presetDocument);
}

function show(
  controller: Controller,
  l: LoadedLesson,
  step: number | null,
  presetDocument: (name: string) => unknown,
): void {
  const ui = useLessonUi.getState();
  const n = l.lesson.steps.length;
  const at = Math.min(n - 1, Math.max(0, step ?? progressOf(ui.progress, l.lesson.id).step));
  ui.setOpen({ id: l.lesson.id, loaded: l, error: null, step: at });
  const src = l.lesson.scenario;
  const scenario = ('preset' in src ? presetDocument(src.preset) : src.inline) as ScenarioDoc;
  controller.pause();
  controller.loadDoc(scenario, { dirty: false });
  goStep(at);
}

/** Moves the open lesson to a step and records it. */
export function goStep(step: number): void {
  const ui = useLessonUi.getState();
  const o = ui.open;
  if (!o?.loaded) return;
  const n = o.loaded.lesson.steps.length;
  const at = Math.min(n - 1, Math.max(0, step));
  const prev = progressOf(ui.progress, o.id);
  ui.setOpen({ ...o, step: at });
  ui.setProgress({
    ...ui.progress,
    lessons: {
      ...ui.progress.lessons,
      [o.id]: { ...prev, step: at, done: prev.done || at === n - 1 },
    },
  });
  setHash(o.id, at);
}

export function commitAnswer(key: string, g: Guess): void {
  const ui = useLessonUi.getState();
  const o = ui.open;
  if (!o) return;
  const prev = progressOf(ui.progress, o.id);
  ui.setProgress({
    ...ui.progress,
    lessons: {
      ...ui.progress.lessons,
      [o.id]: { ...prev, answers: { ...prev.answers, [key]: g } },
    },
  });
}

/** Starts a lesson over: answers cleared, step 1. */
export function restartLesson(controller: Controller, id: string): void {
  const ui = useLessonUi.getState();
  const { [id]: _old, ...rest } = ui.progress.lessons;
  ui.setProgress({ ...ui.progress, lessons: rest });
  openLesson(controller, id, 0);
}

export function closeLesson(): void {
  useLessonUi.getState().setOpen(null);
  if (location.hash.startsWith('#lesson='))
    history.replaceState(null, '', `${location.pathname}${location.search}`);
}
