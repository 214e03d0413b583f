/**
 * The lesson library as the page sees it: every JSON file in this folder, found by the build (no
 * list to edit when a lesson is added). The home renders from a small index built from each file
 * (`?meta`, see vite.config.ts); a lesson's document loads only when it is opened.
 */
import type { LessonMeta } from './meta';

const META = import.meta.glob<LessonMeta>('./*.json', {
  eager: true,
  query: '?meta',
  import: 'default',
});
const DOCS = import.meta.glob<unknown>('./*.json', { import: 'default' });

const FILES = Object.keys(META).sort();

/** Every lesson's home entry, in file-name order (curriculum order: files start with the topic). */
export const LESSON_INDEX: readonly LessonMeta[] = FILES.map((f) => META[f] as LessonMeta);

const FILE_OF = new Map(FILES.map((f) => [(META[f] as LessonMeta).id, f]));

/** The home entry of a lesson, by id. */
export function lessonIndexEntry(id: string): LessonMeta | undefined {
  const f = FILE_OF.get(id);
  return f === undefined ? undefined : META[f];
}

/** Loads a lesson's raw document by id; undefined when the library has no such lesson. */
export async function loadLessonDocument(id: string): Promise<unknown> {
  const f = FILE_OF.get(id);
  const load = f === undefined ? undefined : DOCS[f];
  return load ? load() : undefined;
}
