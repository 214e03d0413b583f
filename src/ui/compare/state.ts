/**
 * Compare mode's store alone, without the validator behind `openCompare`: the page reads it at
 * startup (is a comparison open?) and loads the compare view only when one is.
 */
import { createStore } from 'zustand/vanilla';
import type { CompareSpecValid } from '../../share/compare-codec';

export interface CompareState {
  /** The open comparison (validated), or null when compare mode is closed. */
  spec: CompareSpecValid | null;
  /** Bumped on every change, so column runners know to recompute. */
  version: number;
  /** Set when a lesson opened the comparison: the close button's label ("Back to the lesson"). */
  back?: { en: string; zh: string } | null;
}

export const compareStore = createStore<CompareState>(() => ({ spec: null, version: 0 }));
