import { Fragment } from 'react';
import { LAB_STRINGS } from '../i18n/lab';
import { useAppState } from './context';
import { useOutcomeHidden } from './outcome';

/** A description's `code` spans as code, its `**bold**` marks dropped (the presets' only markup). */
function withCode(text: string) {
  return text
    .replace(/\*\*/g, '')
    .split(/(`[^`]+`)/)
    .map((part, i) =>
      part.startsWith('`') && part.endsWith('`') && part.length > 1 ? (
        <code key={i}>{part.slice(1, -1)}</code>
      ) : (
        <Fragment key={i}>{part}</Fragment>
      ),
    );
}

/**
 * The scenario's teaching text (its `description`) under the title, closed (newcomer finding 3).
 * The presets' descriptions say how the run ends, so while the results are held back (outcome.ts)
 * the closed line warns of that: opening it is the learner's choice, as "Show the results" is.
 */
export function ScenarioAbout() {
  const lang = useAppState((s) => s.lang);
  const text = useAppState(
    (s) => (s.doc['description'] as { en?: string; zh?: string } | undefined)?.[s.lang],
  );
  const hidden = useOutcomeHidden();
  const L = LAB_STRINGS[lang];
  if (!text) return null;
  return (
    <details className="scenario-about" data-testid="scenario-about">
      <summary>
        {L.aboutScenario}
        {hidden ? <small className="spoils">{L.aboutSpoils}</small> : null}
      </summary>
      <p data-testid="scenario-description">{withCode(text)}</p>
    </details>
  );
}
