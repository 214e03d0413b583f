/**
 * Numbered migrations for the lesson format: `LESSON_MIGRATIONS[n]` turns a version-n lesson into
 * a version-(n+1) one. Empty while v1 is the only version; the stepping itself is the scenario
 * format's (`../scenario/migrations.ts`), exercised by its tests and by `load.test.ts` here with a
 * synthetic migration. When v2 comes, add `LESSON_MIGRATIONS[1]` and a v1 fixture that must load.
 */
import type { Migration } from '../scenario/migrations';

export const LESSON_MIGRATIONS: Readonly<Record<number, Migration>> = {};
