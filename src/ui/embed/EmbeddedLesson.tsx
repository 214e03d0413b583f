/**
 * A lesson in the embedded player: the lab's own lesson player (steps, predictions, reveals),
 * beside the cluster, with no way into the editor. The lesson player writes its step into the
 * URL as a lab link (`#lesson=...`); inside an embed that link would turn the frame into the
 * full lab on reload, so it is kept an embed link (`#embed=lesson=...`) at the same step.
 */
import { useEffect } from 'react';
import { LessonPanel } from '../lesson/LessonPanel';
import { useLessonUi } from '../lesson/state';
import { EMBED_PREFIX } from './source';

function keepEmbedHash(): void {
  if (!location.hash.startsWith('#lesson=')) return;
  history.replaceState(
    null,
    '',
    `${location.pathname}${location.search}#${EMBED_PREFIX}${location.hash.slice(1)}`,
  );
}

export function EmbeddedLesson() {
  const open = useLessonUi((s) => s.open !== null);
  useEffect(() => {
    keepEmbedHash();
    // A step change sets the hash after notifying subscribers: look once it is done.
    return useLessonUi.subscribe(() => queueMicrotask(keepEmbedHash));
  }, []);
  // Until the lesson is open the panel would show the library's home: show nothing instead.
  return open ? <LessonPanel onLeave={() => undefined} /> : null;
}
