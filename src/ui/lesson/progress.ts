/**
 * What a learner did, kept in the browser: per lesson, the step reached and the answers
 * committed; and whether the home was dismissed. Versioned; anything unreadable is ignored, never
 * thrown, and a lesson that fails to load keeps its entry (the file may be fixed tomorrow).
 */
import type { Guess } from '../../lessons/evaluate';

export const PROGRESS_KEY = 'brokerlab:lessons';
/** Bump with a conversion below when the saved shape changes. */
const PROGRESS_VERSION = 1;

export interface LessonProgress {
  step: number;
  /** Committed answers: by predict id, or `vary-<step index>` for a vary step's question. */
  answers: Record<string, Guess>;
  /** The last step was reached. */
  done: boolean;
}

export interface Progress {
  version: typeof PROGRESS_VERSION;
  lessons: Record<string, LessonProgress>;
  homeDismissed: boolean;
}

const EMPTY: Progress = { version: PROGRESS_VERSION, lessons: {}, homeDismissed: false };

function isGuess(g: unknown): g is Guess {
  if (typeof g !== 'object' || g === null) return false;
  const o = g as Record<string, unknown>;
  return (
    (o['type'] === 'choice' && typeof o['id'] === 'string') ||
    (o['type'] === 'number' && typeof o['value'] === 'number' && Number.isFinite(o['value']))
  );
}

/** Reads saved progress; anything malformed is dropped field by field. */
export function readProgress(storage?: Storage): Progress {
  try {
    // Inside the try: reading `localStorage` itself throws where storage is denied (an embed in
    // a page that blocks third-party storage).
    const raw = (storage ?? globalThis.localStorage)?.getItem(PROGRESS_KEY);
    if (!raw) return structuredClone(EMPTY);
    const p = JSON.parse(raw) as Partial<Record<keyof Progress, unknown>>;
    if (p.version !== PROGRESS_VERSION) return structuredClone(EMPTY);
    const lessons: Record<string, LessonProgress> = {};
    if (typeof p.lessons === 'object' && p.lessons !== null)
      for (const [id, v] of Object.entries(p.lessons as Record<string, unknown>)) {
        const l = v as Partial<Record<keyof LessonProgress, unknown>>;
        const step = typeof l.step === 'number' && l.step >= 0 ? Math.floor(l.step) : 0;
        const answers: Record<string, Guess> = {};
        if (typeof l.answers === 'object' && l.answers !== null)
          for (const [k, g] of Object.entries(l.answers)) if (isGuess(g)) answers[k] = g;
        lessons[id] = { step, answers, done: l.done === true };
      }
    return { version: PROGRESS_VERSION, lessons, homeDismissed: p.homeDismissed === true };
  } catch {
    return structuredClone(EMPTY);
  }
}

export function writeProgress(p: Progress, storage?: Storage): void {
  try {
    (storage ?? globalThis.localStorage)?.setItem(PROGRESS_KEY, JSON.stringify(p));
  } catch {
    /* storage full or disabled: progress lives for this page only */
  }
}
