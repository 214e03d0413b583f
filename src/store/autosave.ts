/**
 * What the app reopens, as a small state machine over what is saved. A scenario becomes "the one
 * to reopen" (`good`) only once it has run to its end without hitting a limit; while a run
 * computes, its scenario is saved as `pending`. A tab that dies (out of memory) or is closed while
 * a worker hangs never clears `pending`, so the next start sees it, reopens `good` instead, and
 * offers the other one as a retry. A hostile scenario therefore never loops across reloads.
 *
 *   RUN_STARTED(doc)  -> pending = doc
 *   RUN_FINISHED(doc) -> good = doc, pending = null        (ran to its end within every budget)
 *   RUN_ABORTED(doc)  -> pending = null, good unchanged    (over a budget, cancelled, failed)
 *   start-up          -> open good; offer pending for retry if it was left
 */
import type { ScenarioDoc } from './index';

export interface Autosave {
  /** The last scenario that ran to its end within every budget: what a new start opens. */
  good: ScenarioDoc | null;
  /** The scenario whose run was computing when this was saved; null once it ended. */
  pending: ScenarioDoc | null;
}

export type AutosaveEvent =
  | { type: 'RUN_STARTED'; doc: ScenarioDoc }
  | { type: 'RUN_FINISHED'; doc: ScenarioDoc }
  | { type: 'RUN_ABORTED'; doc: ScenarioDoc };

export const EMPTY_AUTOSAVE: Autosave = { good: null, pending: null };

export function nextAutosave(s: Autosave, e: AutosaveEvent): Autosave {
  switch (e.type) {
    case 'RUN_STARTED':
      return { good: s.good, pending: e.doc };
    case 'RUN_FINISHED':
      // Only the run that was pending can be promoted: a late answer for an older run (the user
      // switched scenarios meanwhile) must not overwrite the newer pending one.
      return s.pending === e.doc ? { good: e.doc, pending: null } : s;
    case 'RUN_ABORTED':
      return s.pending === e.doc ? { good: s.good, pending: null } : s;
    default: {
      const never: never = e;
      throw new Error(`unknown autosave event ${JSON.stringify(never)}`);
    }
  }
}

/**
 * What to do at start-up with what was saved: the scenario to open (null: the default one) and,
 * when the previous session ended while a run was computing, the scenario to offer for retry.
 * The saved state to continue from has nothing pending (the retry is an offer, not a run).
 */
export function atStartup(
  s: Autosave,
  builtIn: (doc: ScenarioDoc) => boolean = () => false,
): {
  open: ScenarioDoc | null;
  retry: ScenarioDoc | null;
  saved: Autosave;
} {
  // The scenario left pending may be the good one itself: it has run to its end before, and the
  // engine is deterministic, so the session most likely ended by a reload while it computed
  // (a link opened, the tab closed). Reopen it, with nothing to offer.
  if (s.pending === null || sameDoc(s.pending, s.good))
    return { open: s.good, retry: null, saved: { good: s.good, pending: null } };
  // A built-in scenario (the page's default) is shipped, tested to run within every budget: left
  // unfinished it was a page left mid-run (the first visit closed while computing), not a crash.
  // It reopens as it was chosen, with nothing to offer.
  if (builtIn(s.pending))
    return { open: s.pending, retry: null, saved: { good: s.good, pending: null } };
  return { open: s.good, retry: s.pending, saved: { good: s.good, pending: null } };
}

/** Structural equality of two JSON documents (saved copies are never the same objects). */
export function sameDoc(a: ScenarioDoc | null, b: ScenarioDoc | null): boolean {
  return a === b || (a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b));
}
