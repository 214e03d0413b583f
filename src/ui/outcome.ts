/**
 * Results held back until the learner has watched the run (newcomer finding 4): the lab opens a
 * scenario with its totals, its anomaly list and the anomaly marks on the timeline out of sight,
 * as the lesson player's predict step does, so the learner can guess before seeing the answer.
 * They show once the clock reaches the end (played there, Run to end, or the scrubber dragged to
 * the end), or when the learner asks for them; from then on they stay shown for that scenario,
 * edits included (a fault moved after watching is an experiment, not a new question). Another
 * scenario hides them again. While a lesson is open its own rule (`hidesOutcome`) applies instead.
 */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { AppState } from '../store';
import { useAppState } from './context';
import { useLessonUi } from './lesson/state';

/** The scenario (by document name) whose results the learner has seen, if any. */
export const outcomeStore = createStore<{ revealed: string | null }>(() => ({ revealed: null }));

function nameOf(s: AppState): string {
  return typeof s.doc['name'] === 'string' ? s.doc['name'] : '';
}

/** True when the clock stands at the end of what was computed (a run stopped early ends there). */
export function atRunEnd(s: AppState): boolean {
  const end = s.summary?.stopped ? s.summary.simulatedUs : s.meta?.durationUs;
  return end !== undefined && end > 0 && s.tUs >= end;
}

/** Shows the results of the current scenario (the "Show the results now" button). */
export function revealOutcome(name: string): void {
  outcomeStore.setState({ revealed: name });
}

/** Whether the lab holds the results back now; records the reveal once the clock reaches the end. */
export function useOutcomeHidden(): boolean {
  const name = useAppState(nameOf);
  const atEnd = useAppState(atRunEnd);
  const revealed = useStore(outcomeStore, (s) => s.revealed);
  const lesson = useLessonUi((s) => s.open !== null);
  useEffect(() => {
    if (atEnd && revealed !== name) revealOutcome(name);
  }, [atEnd, name, revealed]);
  return !lesson && !atEnd && revealed !== name;
}
