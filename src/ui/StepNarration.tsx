import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { LAB_STRINGS } from '../i18n/lab';
import { useAppState } from './context';
import { presenterStore } from './presenter/state';

type NarrateModule = typeof import('./presenter/narrate');

/**
 * What the lab's last Step did, in words (newcomer finding 16): the presenter's narration of the
 * stepped frame (presenter/narrate.ts: the journal entries the step recorded, or the change in the
 * counters). Shown while the picture is that step's frame; playing or seeking away clears it. The
 * sentences (every event text) load on the first step, not with the page.
 */
export function StepNarration() {
  const lang = useAppState((s) => s.lang);
  const runId = useAppState((s) => s.runId);
  const frameAt = useAppState((s) => s.frame?.atUs ?? -1);
  const n = useStore(presenterStore, (s) => (s.runId === runId ? s.narration : null));
  const [mod, setMod] = useState<NarrateModule | null>(null);
  useEffect(() => {
    if (n && !mod) void import('./presenter/narrate').then((m) => setMod(() => m));
  }, [n, mod]);
  const shown = n && mod && n.atUs === frameAt;
  return (
    <p className="step-narration" role="status" aria-live="polite" data-testid="step-narration">
      {shown ? (
        <>
          <span className="step-said">
            {LAB_STRINGS[lang].stepSaid}
            {lang === 'zh' ? '：' : ': '}
          </span>
          {mod.narrate(n.atUs, n.stepped, lang, n.before, n.after)}
        </>
      ) : null}
    </p>
  );
}
