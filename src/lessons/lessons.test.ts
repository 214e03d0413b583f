/**
 * The lesson library and format. Every lesson loads; every prediction has exactly one right choice
 * on the engine's own run (so a lesson can never ask a question its run does not answer, and the
 * answer is never written into the lesson); every mechanism a reveal explains with acts in the run;
 * and each kind of bad file fails with the path of the bad field.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, test } from 'vitest';
import { runScenario } from '../engine/run';
import type { Scenario } from '../scenario/schema';
import { LESSON_DOCUMENTS } from './content';
import { TOPICS } from './curriculum';
import { judge, type Outcome } from './evaluate';
import { lessonJsonSchema } from './json-schema';
import { outcomeOf } from './outcome';
import { describeLessonError, parseLesson, parseLessonJson, type LoadedLesson } from './load';
import type { Answer } from './schema';

function load(doc: unknown): LoadedLesson {
  const r = parseLesson(doc);
  if (!r.ok) throw new Error(describeLessonError(r.error));
  return r.value;
}

const LESSONS = LESSON_DOCUMENTS.map(load);

const runs = new Map<Scenario, ReturnType<typeof runScenario>>();
function runOf(s: Scenario) {
  let r = runs.get(s);
  if (!r) {
    r = runScenario(s);
    runs.set(s, r);
  }
  return r;
}

/** The lesson's run, with every other system's run of a lesson that compares systems. */
function outcomeWithSystems(l: LoadedLesson): Outcome {
  const base = outcomeOf(runOf(l.scenario));
  const others = l.systems.filter((x) => x.id !== null);
  if (others.length === 0) return base;
  return {
    ...base,
    runs: Object.fromEntries(
      others.map((x): [string, Outcome] => [x.id ?? '', outcomeOf(runOf(x.scenario))]),
    ),
  };
}

function rightChoices(a: Answer, o: Outcome): string[] {
  return judge(a, { type: 'choice', id: '' }, o).trueChoices;
}

describe('the lesson library', () => {
  test.each(LESSONS.map((l) => [l.lesson.id, l] as const))(
    '%s: each prediction has exactly one right answer on its run',
    (_id, l) => {
      const base = outcomeWithSystems(l);
      l.lesson.steps.forEach((s, i) => {
        if (s.kind === 'predict' && s.answer.type === 'choice')
          expect(rightChoices(s.answer, base), `step ${i} (${s.id})`).toHaveLength(1);
        if (s.kind === 'vary' && s.answer?.type === 'choice') {
          const v = l.varied.get(i);
          expect(v, `step ${i} has its changed scenario`).toBeDefined();
          const out = outcomeOf(runOf(v as Scenario));
          expect(rightChoices(s.answer, out), `vary step ${i}`).toHaveLength(1);
        }
      });
    },
  );

  test.each(LESSONS.map((l) => [l.lesson.id, l] as const))(
    '%s: every mechanism a reveal cites acts in the run',
    (_id, l) => {
      // A lesson that compares systems explains with the mechanisms of any of its runs.
      const seen = new Set<string>(
        [l.scenario, ...l.systems.map((x) => x.scenario)].flatMap((sc) => {
          const r = runOf(sc);
          return [
            ...r.report.anomalies.flatMap((a) => a.mechanisms),
            ...r.report.setAside.flatMap((a) => a.mechanisms),
            ...r.report.protections.map((p) => p.mech),
            ...r.record.journal.flatMap((e) => (e.mech === undefined ? [] : [e.mech])),
          ];
        }),
      );
      for (const s of l.lesson.steps)
        if (s.kind === 'reveal') for (const m of s.mechanisms) expect(seen, m).toContain(m);
    },
  );

  it('lists one lesson per topic, and every lesson file in the curriculum map', () => {
    const ids = LESSONS.map((l) => l.lesson.id);
    const mapped = TOPICS.filter((t) => t.lesson !== null);
    expect(mapped.map((t) => t.lesson).sort()).toEqual([...ids].sort());
    for (const t of mapped) {
      const l = LESSONS.find((x) => x.lesson.id === t.lesson);
      expect(l?.lesson.topic, t.id).toBe(t.id);
      expect(l?.lesson.theme, t.id).toBe(t.theme);
    }
    for (const t of TOPICS) if (t.lesson === null) expect(t.blocked, t.id).toBeDefined();
  });

  it('every text is given in both languages', () => {
    for (const l of LESSONS) {
      const walk = (v: unknown, path: string): void => {
        if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}.${i}`));
        else if (typeof v === 'object' && v !== null) {
          const o = v as Record<string, unknown>;
          if ('en' in o || 'zh' in o) {
            const en = typeof o['en'] === 'string' ? o['en'] : '';
            const zh = typeof o['zh'] === 'string' ? o['zh'] : '';
            expect(en.trim(), `${l.lesson.id} ${path}.en`).not.toBe('');
            // Chinese, or the very same words when they are only a knob setting (`acks=1`).
            if (zh !== en) expect(zh, `${l.lesson.id} ${path}.zh`).toMatch(/[\u4e00-\u9fff]/);
          } else for (const [k, x] of Object.entries(o)) walk(x, `${path}.${k}`);
        }
      };
      walk(l.lesson, '');
    }
  });

  it('public/lesson.schema.json is up to date (run `npm run schema`)', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../../public/lesson.schema.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(committed).toEqual(JSON.parse(JSON.stringify(lessonJsonSchema())));
  });
});

describe('bad lesson files fail with the path of the bad field', () => {
  const good = LESSON_DOCUMENTS.find((d) => (d as { id: string }).id === 'b4-autoack-vs-manual');
  const copy = (): Record<string, unknown> =>
    JSON.parse(JSON.stringify(good)) as Record<string, unknown>;
  const paths = (doc: unknown): string[] => {
    const r = parseLesson(doc);
    if (r.ok) return [];
    return r.error.kind === 'invalid' ? r.error.issues.map((i) => i.path) : [r.error.kind];
  };
  const steps = (d: Record<string, unknown>) => d['steps'] as Record<string, unknown>[];

  it('the fixture itself is good', () => expect(paths(copy())).toEqual([]));

  it('malformed JSON, a non-object, a missing or too-new version', () => {
    const r = parseLessonJson('{"version": 1,');
    expect(r.ok ? '' : r.error.kind).toBe('not-json');
    expect(paths([])).toEqual(['not-object']);
    const d = copy();
    delete d['version'];
    expect(paths(d)).toEqual(['no-version']);
    expect(paths({ ...copy(), version: 99 })).toEqual(['too-new']);
  });

  it('a missing scenario', () => {
    expect(paths({ ...copy(), scenario: { preset: 'no-such-preset' } })).toEqual([
      'scenario.preset',
    ]);
  });

  it('an unknown step kind', () => {
    const d = copy();
    steps(d)[2] = { kind: 'quiz', text: { en: 'x', zh: '题' } };
    expect(paths(d)).toEqual(['steps.2.kind']);
  });

  it('a highlight target that is not in the scenario', () => {
    const d = copy();
    steps(d)[0] = { kind: 'narrate', text: { en: 'x', zh: '看' }, highlight: [{ node: 'ghost' }] };
    steps(d)[1] = { kind: 'narrate', text: { en: 'x', zh: '看' }, highlight: [{ row: 'nope' }] };
    expect(paths(d)).toEqual(['steps.0.highlight.0.node', 'steps.1.highlight.0.row']);
    const e = copy();
    steps(e)[1] = { kind: 'narrate', text: { en: 'x', zh: '看' }, highlight: [{ fault: 9 }] };
    expect(paths(e)).toEqual(['steps.1.highlight.0.fault']);
  });

  it('a reveal of a prediction that does not exist, a group the report lacks, a bad patch', () => {
    const d = copy();
    const i = steps(d).findIndex((s) => s['kind'] === 'reveal');
    steps(d)[i] = { ...steps(d)[i], predict: 'nothing' };
    expect(paths(d)).toContain(`steps.${i}.predict`);
    const e = copy();
    const v = steps(e).findIndex((s) => s['kind'] === 'vary');
    steps(e)[v] = { ...steps(e)[v], patch: [{ op: 'replace', path: '/consumers/9/x', value: 1 }] };
    expect(paths(e)).toEqual([`steps.${v}.patch.0`]);
    const a = copy();
    steps(a)[v] = {
      ...steps(a)[v],
      also: [
        { knob: { en: 'x', zh: '改' }, patch: [{ op: 'replace', path: '/nope/0', value: 1 }] },
      ],
    };
    expect(paths(a)).toEqual([`steps.${v}.also.0.patch.0`]);
    const g = copy();
    const p = steps(g).findIndex((s) => s['kind'] === 'predict');
    const answer = steps(g)[p]?.['answer'] as {
      choices: { when: { all: { metric: object }[] } }[];
    };
    (answer.choices[0]?.when.all[0] as { metric: object }).metric = { count: 'lost', group: 'x' };
    expect(paths(g)).toEqual([`steps.${p}.answer.choices.0.when.all.0.metric.group`]);
  });

  it('a version before the first is refused by name', () => {
    const r = parseLesson({ ...copy(), version: 0 });
    expect(r.ok ? 'ok' : describeLessonError(r.error)).toBe(
      'format version 0 is not a known version',
    );
  });
});

describe('judging a prediction', () => {
  const o: Outcome = {
    groups: [
      { group: 'a', counts: { lost: 3, duplicated: 0 }, fates: { processed: 7 } },
      { group: 'b', counts: { lost: 0, duplicated: 2 }, fates: { processed: 10 } },
    ],
  };
  const choice: Answer = {
    type: 'choice',
    choices: [
      {
        id: 'x',
        text: { en: '', zh: '' },
        when: { all: [{ metric: { count: 'lost' }, bound: 0 }] },
      },
      {
        id: 'y',
        text: { en: '', zh: '' },
        when: { all: [{ metric: { count: 'lost', group: 'a' }, bound: { min: 1 } }] },
      },
    ],
  };
  it('a choice is right when its condition holds on the run', () => {
    expect(judge(choice, { type: 'choice', id: 'x' }, o)).toMatchObject({
      right: false,
      trueChoices: ['y'],
    });
    expect(judge(choice, { type: 'choice', id: 'y' }, o).right).toBe(true);
  });
  it('a number is right within the tolerance, and fates count too', () => {
    const n: Answer = { type: 'number', metric: { count: 'processed' }, tolerance: 0.1 };
    expect(judge(n, { type: 'number', value: 16 }, o)).toMatchObject({ right: true, actual: 17 });
    expect(judge(n, { type: 'number', value: 10 }, o).right).toBe(false);
  });
});
