/**
 * The JSON Schema of the lesson format, generated from the zod schema so the two never drift.
 * Lesson files name it (`"$schema": "../../../public/lesson.schema.json"`) for editor completion;
 * a test checks the committed copy in public/ is current (`npm run schema` rewrites it).
 */
import { z } from 'zod';
import { LESSON_VERSION, LessonBody } from './schema';

export function lessonJsonSchema(): Record<string, unknown> {
  // References into the scenario (nodes, rows, faults, groups) are checked by `load.ts`, which
  // JSON Schema cannot express; the schema carries every field, type, range and default.
  const body = z.toJSONSchema(LessonBody, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    ...body,
    $id: `https://brokerlab.invalid/lesson.v${LESSON_VERSION}.schema.json`,
    title: `Brokerlab lesson, format version ${LESSON_VERSION}`,
  };
}
