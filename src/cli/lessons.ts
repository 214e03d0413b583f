/**
 * Checks every lesson and prints, per lesson, each prediction with the choices its run makes true
 * (`tsx src/cli/lessons.ts`; `--json` for the e2e tests). For authors: a prediction needs exactly
 * one true choice; the unit tests enforce it, this shows it.
 */
import { runScenario } from '../engine/run';
import { LESSON_DOCUMENTS } from '../lessons/content';
import { judge, type Outcome } from '../lessons/evaluate';

function outcomeOf(r: ReturnType<typeof runScenario>): Outcome {
  return { ...r.report, stats: r.stats };
}
import { describeLessonError, parseLesson } from '../lessons/load';
import type { Scenario } from '../scenario/schema';

/** One prediction of a lesson, with the choices its run makes true (the e2e tests read these). */
export interface Prediction {
  index: number;
  kind: 'predict' | 'vary';
  id: string;
  choices: { id: string; text: { en: string; zh: string } }[];
  trueChoices: string[];
  /** The reveal step that compares this prediction with the run, if any. */
  reveal: number | null;
}

export interface Summary {
  steps: number;
  kinds: string[];
  question: { en: string; zh: string } | undefined;
  predictions: Prediction[];
}

const out: Record<string, Summary> = {};
let failed = false;
for (const doc of LESSON_DOCUMENTS) {
  const r = parseLesson(doc);
  if (!r.ok) {
    process.stderr.write(
      `${String((doc as { id?: unknown }).id)}: ${describeLessonError(r.error)}\n`,
    );
    failed = true;
    continue;
  }
  const { lesson, scenario, varied } = r.value;
  const reports = new Map<Scenario, Outcome>();
  const reportOf = (s: Scenario) => {
    // The report's counts and the model's statistics: what the page's summary gives the judge.
    const rep = reports.get(s) ?? outcomeOf(runScenario(s));
    reports.set(s, rep);
    return rep;
  };
  const predictions: Prediction[] = [];
  lesson.steps.forEach((s, index) => {
    const answer = s.kind === 'predict' ? s.answer : s.kind === 'vary' ? s.answer : undefined;
    const sc = s.kind === 'vary' ? varied.get(index) : scenario;
    if (answer?.type !== 'choice' || !sc) return;
    const v = judge(answer, { type: 'choice', id: '' }, reportOf(sc));
    predictions.push({
      index,
      kind: s.kind === 'vary' ? 'vary' : 'predict',
      id: s.kind === 'predict' ? s.id : `vary-${index}`,
      choices: answer.choices.map((c) => ({ id: c.id, text: c.text })),
      trueChoices: v.trueChoices,
      reveal:
        s.kind === 'predict'
          ? lesson.steps.findIndex((x) => x.kind === 'reveal' && x.predict === s.id)
          : null,
    });
  });
  out[lesson.id] = {
    steps: lesson.steps.length,
    kinds: lesson.steps.map((x) => x.kind),
    question: lesson.questions[0],
    predictions,
  };
}
if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(out)}\n`);
else
  for (const [id, l] of Object.entries(out))
    for (const p of l.predictions)
      process.stdout.write(
        `${id} step ${p.index + 1} ${p.id}: ${p.trueChoices.join(', ') || '(none)'}\n`,
      );
process.exitCode = failed ? 1 : 0;
