/**
 * Where a lesson's vary step meets compare mode. The vary step hands over two configurations (the
 * lesson's scenario and the changed one) with their labels; compare mode, when it registers a
 * renderer, runs them side by side on one clock. Until then the lesson shows the two runs'
 * summary counts next to each other (`VaryFallback` in LessonPanel.tsx).
 */
import type { ReactNode } from 'react';
import type { Lang } from '../../i18n/strings';
import type { ScenarioDoc } from '../../store';

export interface CompareColumn {
  /** What this column is ("as in the lesson", "acks=1"). */
  label: { en: string; zh: string };
  /** A valid scenario document; the columns share the seed and the fault schedule. */
  doc: ScenarioDoc;
}

export interface CompareRequest {
  /** Two to four columns; the first is the reference the others are marked against. */
  columns: readonly CompareColumn[];
  lang: Lang;
}

export type CompareRenderer = (req: CompareRequest) => ReactNode;

let renderer: CompareRenderer | null = null;

/** Compare mode calls this once at startup; lessons then render their vary steps with it. */
export function registerCompareRenderer(r: CompareRenderer | null): void {
  renderer = r;
}

export function compareRenderer(): CompareRenderer | null {
  return renderer;
}
