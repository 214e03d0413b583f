import { LAB_STRINGS } from '../i18n/lab';
import type { AnomalyKind } from '../engine/check/checker';
import { useAppState, useStrings } from './context';
import { revealOutcome } from './outcome';

const KINDS: readonly AnomalyKind[] = [
  'lost',
  'duplicated',
  'reordered',
  'unexpected',
  'recovered',
];

/**
 * What the anomaly panel shows while the results are held back (outcome.ts): why, the anomalies
 * the run has reached so far (what the learner has already watched happen), and a way to see
 * the results at once.
 */
export function OutcomeVeil() {
  const t = useStrings();
  const lang = useAppState((s) => s.lang);
  const L = LAB_STRINGS[lang];
  const name = useAppState((s) => (typeof s.doc['name'] === 'string' ? s.doc['name'] : ''));
  // As a string, so a new frame with the same counts does not re-render.
  const live = useAppState((s) => (s.frame ? JSON.stringify(s.frame.counters.anomalies) : '{}'));
  const counts = JSON.parse(live) as Partial<Record<AnomalyKind, number>>;
  const parts = KINDS.filter((k) => (counts[k] ?? 0) > 0).map((k) =>
    lang === 'zh' ? `${t[k]} ${counts[k]} 条` : `${counts[k]} ${t[k]}`,
  );
  return (
    <section className="outcome-veil" data-testid="outcome-hidden">
      <p>{L.outcomeHidden}</p>
      <p className="so-far" data-testid="so-far">
        {parts.length > 0 ? L.soFar(parts.join(lang === 'zh' ? '，' : ', ')) : L.nothingYet}
      </p>
      <button type="button" onClick={() => revealOutcome(name)}>
        {L.showResults}
      </button>
    </section>
  );
}
