/**
 * A lesson that compares systems (`systems` in the lesson, I1): the other systems' runs, each in
 * a worker of its own, merged into the outcome a prediction is judged on (`Outcome.runs`), and
 * the button that opens them side by side in compare mode with how the role fault was mapped.
 */
import { useEffect, useState } from 'react';
import type { Outcome } from '../../lessons/evaluate';
import type { LoadedLesson } from '../../lessons/load';
import type { Scenario } from '../../scenario/schema';
import type { RunSummary } from '../../worker/protocol';
import { SimClient } from '../../worker/client';
import { LESSON_COMPARE_STRINGS } from '../../i18n/lesson-compare';
import { SYSTEMS_STRINGS } from '../../i18n/lesson-systems';
import type { Lang } from '../../i18n/strings';
import { openVaryCompare } from './compareSlot';

/** Runs already computed or computing, by scenario (a loaded lesson keeps its objects). */
const cache = new Map<Scenario, Promise<RunSummary>>();

function runOf(s: Scenario): Promise<RunSummary> {
  let p = cache.get(s);
  if (!p) {
    const client = new SimClient({ progress: () => undefined, crashed: () => undefined });
    p = client.load(s, 1).finally(() => client.dispose());
    // A failed run is not kept: the next step tries again.
    p.catch(() => cache.delete(s));
    cache.set(s, p);
  }
  return p;
}

/**
 * The outcome a prediction of this lesson is judged on: the lab's run, plus every other system's
 * run by id. Null while any is computing; 'error' if one failed.
 */
export function useSystemsOutcome(
  l: LoadedLesson,
  main: RunSummary | null,
): Outcome | null | 'error' {
  const others = l.systems.filter((x) => x.id !== null);
  const [runs, setRuns] = useState<Record<string, Outcome> | null | 'error'>(
    others.length === 0 ? {} : null,
  );
  useEffect(() => {
    if (others.length === 0) return;
    let live = true;
    Promise.all(others.map((x) => runOf(x.scenario).then((r) => [x.id as string, r] as const)))
      .then((list) => {
        if (live) setRuns(Object.fromEntries(list));
      })
      .catch(() => {
        if (live) setRuns('error');
      });
    return () => {
      live = false;
    };
    // The lesson's runs are fixed once it has loaded.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [l]);
  if (runs === 'error') return 'error';
  if (!main || main.stopped || runs === null) return null;
  return others.length === 0 ? main : { ...main, runs };
}

/** The button that opens the lesson's systems side by side in compare mode. */
export function SystemsCompareButton({
  l,
  index,
  lang,
}: {
  l: LoadedLesson;
  index: number;
  lang: Lang;
}) {
  const t = SYSTEMS_STRINGS[lang];
  if (l.systems.length < 2) return null;
  const open = () =>
    void openVaryCompare(
      l.scenario,
      l.systems.map((x) => ({
        label: x.label,
        patch: [],
        scenario: x.scenario,
        note: {
          en: SYSTEMS_STRINGS.en.mapped(x.how.en),
          zh: SYSTEMS_STRINGS.zh.mapped(x.how.zh),
        },
      })),
      {
        en: LESSON_COMPARE_STRINGS.en.backToLesson(l.lesson.topic, index + 1),
        zh: LESSON_COMPARE_STRINGS.zh.backToLesson(l.lesson.topic, index + 1),
      },
    );
  return (
    <div className="systems-compare">
      <p className="hint">{t.sameSeed}</p>
      <ul className="systems-mapping" data-testid="systems-mapping">
        {l.systems.map((x) => (
          <li key={x.id ?? ''}>
            <strong>{x.label[lang]}</strong>: {x.how[lang]}
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="primary"
        data-testid="systems-compare"
        title={LESSON_COMPARE_STRINGS[lang].openCompareHint}
        onClick={open}
      >
        ⇆ {t.open(l.systems.length)}
      </button>
    </div>
  );
}
