/**
 * "Copy embed": the iframe snippet of the current scenario in the compact player, or of the open
 * lesson (its steps beside the cluster).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { PRESENTER } from '../../i18n/presenter';
import { useApp, useAppState } from '../context';
import { useLessonUi } from '../lesson/state';
import { lessonFragment } from '../lesson/url';
import { embedSnippet, embedUrl, LESSON_RATIO } from './source';

export function EmbedButton() {
  const { store } = useApp();
  const lang = useAppState((s) => s.lang);
  const P = PRESENTER[lang];
  const [embed, setEmbed] = useState<{
    url: string;
    snippet: string;
    copied: boolean;
    forLesson: boolean;
  } | null>(null);
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const d = ref.current;
    if (d && embed && !d.open) d.showModal();
  }, [embed]);

  const make = async () => {
    const base = `${location.origin}${location.pathname}`;
    // An open lesson embeds the lesson (its steps beside the cluster), from the current step.
    const open = useLessonUi.getState().open;
    let url: string;
    let title: string;
    let forLesson = false;
    if (open?.loaded) {
      forLesson = true;
      url = embedUrl(base, lessonFragment(open.id, open.step).slice(1));
      title = open.loaded.lesson.title[lang];
    } else {
      const doc = store.getState().doc;
      const { encodeShareFragment } = await import('../../share/codec');
      url = embedUrl(base, await encodeShareFragment(doc));
      title =
        (doc['title'] as { en?: string; zh?: string } | undefined)?.[lang] ??
        (typeof doc['name'] === 'string' ? doc['name'] : P.player);
    }
    const snippet = embedSnippet(
      url,
      `${P.player}: ${title}`,
      forLesson ? LESSON_RATIO : undefined,
    );
    let copied = false;
    try {
      await navigator.clipboard.writeText(snippet);
      copied = true;
    } catch {
      /* shown in the dialog to copy by hand */
    }
    setEmbed({ url, snippet, copied, forLesson });
  };

  return (
    <>
      <button type="button" onClick={() => void make()} aria-haspopup="dialog">
        {P.copyEmbed}
      </button>
      <dialog
        ref={ref}
        className="legend embed-box"
        aria-labelledby={titleId}
        onClose={() => setEmbed(null)}
      >
        {embed ? (
          <>
            <header>
              <h2 id={titleId}>{P.embedTitle}</h2>
              <button type="button" aria-label={P.close} onClick={() => ref.current?.close()}>
                ✕
              </button>
            </header>
            <p>{embed.forLesson ? P.embedLessonHelp : P.embedHelp}</p>
            {embed.copied ? <p role="status">{P.embedCopied}</p> : null}
            <textarea
              readOnly
              value={embed.snippet}
              aria-label={P.embedCode}
              data-testid="embed-code"
              onFocus={(e) => e.target.select()}
            />
            <p>
              <a href={embed.url} target="_blank" rel="noopener">
                {P.embedPreview}
              </a>
            </p>
          </>
        ) : null}
      </dialog>
    </>
  );
}
