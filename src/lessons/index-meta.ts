/**
 * What the home shows of each lesson (title, first interview question, number of steps), apart
 * from the lesson documents: the home is the first screen, and the documents (tens of KiB) load
 * only when a lesson opens. `content/meta.json` is written from the documents by `npm run schema`;
 * the lessons test fails when it is out of date.
 */
type Bi = { en: string; zh: string };

export interface LessonMeta {
  id: string;
  title: Bi;
  question: Bi;
  steps: number;
}

/** The index entries of a list of lesson documents (skipping what is not one). */
export function lessonIndex(docs: readonly unknown[]): LessonMeta[] {
  return docs.flatMap((d) => {
    const x = d as { id?: unknown; title?: Bi; questions?: Bi[]; steps?: unknown[] };
    const question = x.questions?.[0];
    if (typeof x.id !== 'string' || !x.title || !question || !Array.isArray(x.steps)) return [];
    return [{ id: x.id, title: x.title, question, steps: x.steps.length }];
  });
}
