/**
 * What the lessons home needs of a lesson before its document loads: id, title, first question
 * and step count. The build projects every lesson file through `lessonMeta` (the `?meta` import in
 * vite.config.ts), so the first page load carries this small index instead of every lesson.
 */

type Bi = { en: string; zh: string };

/** A lesson's entry on the home screen. */
export interface LessonMeta {
  id: string;
  title: Bi;
  /** The first of the lesson's questions (the home shows it under the title). */
  question: Bi | null;
  steps: number;
}

/** The home entry of a raw lesson document (not validated: that happens when it opens). */
export function lessonMeta(doc: unknown): LessonMeta {
  const d = doc as { id?: unknown; title?: Bi; questions?: Bi[]; steps?: unknown[] };
  return {
    id: String(d.id),
    title: d.title ?? { en: '', zh: '' },
    question: d.questions?.[0] ?? null,
    steps: d.steps?.length ?? 0,
  };
}
