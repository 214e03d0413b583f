import { describe, expect, test } from 'vitest';
import { TOPICS } from '../curriculum';
import { LESSON_DOCUMENTS } from '.';
import { LESSON_INDEX, lessonIndexEntry, loadLessonDocument } from './library';
import { lessonMeta } from './meta';

const idOf = (d: unknown) => (d as { id: string }).id;

describe('the lessons home index (built from the files, documents on demand)', () => {
  test('lists exactly the lessons of the library: a new file needs no hand-made index', () => {
    // LESSON_DOCUMENTS is the hand-kept list the CLI and the tests use; the page finds files by
    // itself. A lesson file missing from the list (or a listed one without a file) fails here.
    expect(LESSON_INDEX.map((l) => l.id).sort()).toEqual(LESSON_DOCUMENTS.map(idOf).sort());
    expect(new Set(LESSON_INDEX.map((l) => l.id)).size).toBe(LESSON_INDEX.length);
  });

  test('each entry is what its document says (title, first question, step count)', () => {
    for (const doc of LESSON_DOCUMENTS) {
      const entry = lessonIndexEntry(idOf(doc));
      expect(entry).toEqual(lessonMeta(doc));
      const d = doc as { title: unknown; questions: unknown[]; steps: unknown[] };
      expect(entry?.title).toEqual(d.title);
      expect(entry?.question).toEqual(d.questions[0]);
      expect(entry?.steps).toBe(d.steps.length);
    }
  });

  test('every lesson the curriculum names is in the index, with a question for the home', () => {
    for (const t of TOPICS) {
      if (t.lesson === null) continue;
      expect(lessonIndexEntry(t.lesson), t.id).toBeDefined();
      expect(lessonIndexEntry(t.lesson)?.question, t.id).not.toBeNull();
    }
  });

  test('every lesson loads by id, and an unknown id loads nothing', async () => {
    for (const doc of LESSON_DOCUMENTS) expect(await loadLessonDocument(idOf(doc))).toEqual(doc);
    expect(await loadLessonDocument('no-such-lesson')).toBeUndefined();
  });
});
