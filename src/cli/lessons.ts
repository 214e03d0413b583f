/**
 * Checks every lesson and prints, per lesson, each prediction with the choices its run makes true
 * (`tsx src/cli/lessons.ts`; `--json` for the e2e tests). For authors: a prediction needs exactly
 * one true choice; the unit tests enforce it, this shows it.
 */
import { runScenario } from '../engine/run';
import { LESSON_DOCUMENTS } from '../lessons/content';
import { judge, type Outcome } from '../lessons/evaluate';
import { describeLessonError, parseLesson } from '../lessons/load';
import { outcomeOf } from '../lessons/outcome';
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
  /** A lesson that compares systems: each run's system, label and where its role fault landed. */
  systems: { system: string; label: { en: string; zh: string }; how: { en: string; zh: string } }[];
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
  const { lesson, scenario, varied, systems } = r.value;
  const reports = new Map<Scenario, ReturnType<typeof outcomeOf>>();
  const reportOf = (s: Scenario) => {
    const rep = reports.get(s) ?? outcomeOf(runScenario(s));
    reports.set(s, rep);
    return rep;
  };
  const predictions: Prediction[] = [];
  lesson.steps.forEach((s, index) => {
    const answer = s.kind === 'predict' ? s.answer : s.kind === 'vary' ? s.answer : undefined;
    const sc = s.kind === 'vary' ? varied.get(index) : scenario;
    if (answer?.type !== 'choice' || !sc) return;
    // A lesson that compares systems judges its own run with the other systems' runs beside it.
    const others = s.kind === 'vary' ? [] : systems.filter((x) => x.id !== null);
    const runs = Object.fromEntries(
      others.map((x): [string, Outcome] => [x.id ?? '', reportOf(x.scenario)]),
    );
    const v = judge(answer, { type: 'choice', id: '' }, { ...reportOf(sc), runs });
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
    systems: systems.map((x) => ({ system: x.scenario.system, label: x.label, how: x.how })),
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
