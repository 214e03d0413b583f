/**
 * Lesson links: `#lesson=<id>&step=<n>` (n counted from 1, as a person reads it). A separate
 * fragment from share links (`#s=...`), so the two never mistake each other; matched by a strict
 * pattern, anything else is not a lesson link.
 */
const PATTERN = /^#?lesson=([a-z0-9][a-z0-9-]{0,63})(?:&step=([0-9]{1,3}))?$/;

export function isLessonFragment(hash: string): boolean {
  return PATTERN.test(hash);
}

/** The lesson id and the step index (0-based) a fragment names, or null. */
export function parseLessonFragment(hash: string): { id: string; step: number } | null {
  const m = PATTERN.exec(hash);
  if (!m || m[1] === undefined) return null;
  const n = m[2] === undefined ? 1 : Number(m[2]);
  return { id: m[1], step: Math.max(0, n - 1) };
}

export function lessonFragment(id: string, step: number): string {
  return `#lesson=${id}&step=${step + 1}`;
}
