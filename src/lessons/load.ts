/**
 * Loading a lesson: parse -> reject too-new versions -> migrations -> validate the document ->
 * resolve its scenario -> check every reference into that scenario (highlighted nodes and rows,
 * faults, pause events, prediction groups, the vary patch). Returns a Result whose error names the
 * field (`steps.3.highlight.0.node`), so an author or an importing teacher sees what to fix.
 */
import { JOURNAL_WORDS } from '../engine/text/words';
import {
  describeScenarioError,
  parseJsonWith,
  parseScenario,
  type FieldIssue,
} from '../scenario/load';
import { migrate, type Doc, type Migration } from '../scenario/migrations';
import type { PatchOp } from '../scenario/claims';
import { applyPatch } from '../scenario/patch';
import { PRESET_DOCUMENTS } from '../scenario/presets/documents';
import { nodesOf, type Scenario } from '../scenario/schema';
import { LESSON_MIGRATIONS } from './migrations';
import { withRoleFault } from './roles';
import {
  LESSON_VERSION,
  LessonBody,
  type Answer,
  type Lesson,
  type LessonScenario,
  type Target,
} from './schema';

export type LessonError =
  | { kind: 'not-json'; message: string }
  | { kind: 'not-object' }
  | { kind: 'no-version' }
  | { kind: 'too-new'; version: number; supported: number }
  | { kind: 'too-old'; version: number }
  | { kind: 'migration-failed'; from: number; message: string }
  | { kind: 'invalid'; issues: FieldIssue[] };

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

/** A validated lesson with its scenario resolved (every default filled) and its vary runs. */
export interface LoadedLesson {
  lesson: Lesson;
  scenario: Scenario;
  /** The changed scenario of each vary step, by step index. */
  varied: ReadonlyMap<number, Scenario>;
  /**
   * With `systems`: the lesson's own run first (id null), then each other system's, every one
   * with the role fault in its schedule and `how` it was mapped; empty without `systems`.
   */
  systems: readonly SystemRun[];
}

/** One system's run of a lesson that compares systems. */
export interface SystemRun {
  /** The `systems.runs` id a metric names it by; null for the lesson's own run. */
  id: string | null;
  label: { en: string; zh: string };
  scenario: Scenario;
  /** Which node the role fault hit, in words. */
  how: { en: string; zh: string };
}

/** The rows the cluster view prints for a scenario: partitions (`orders-0`) or queues. */
export function rowsOf(s: Scenario): string[] {
  switch (s.system) {
    case 'single-node':
      return [s.queue.name];
    case 'kafka':
      return Array.from({ length: s.topic.partitions }, (_x, i) => `${s.topic.name}-${i}`);
    case 'rabbitmq':
      return s.vhosts.flatMap((v) => v.queues.map((q) => q.name));
    case 'rocketmq':
      return [
        ...new Set(
          s.topics.flatMap((t) =>
            Array.from({ length: t.writeQueueNums }, (_x, i) => `${t.name}-${i}`),
          ),
        ),
        // The system topics the cluster view prints: one retry and one dead-letter queue per
        // clustering group, the delay levels' schedule topic (retries go through it too) and the
        // half messages of transactions.
        ...new Set(
          s.consumers
            .filter((c) => c.messageModel === 'CLUSTERING')
            .flatMap((c) => [`%RETRY%${c.consumerGroup}-0`, `%DLQ%${c.consumerGroup}-0`]),
        ),
        'SCHEDULE_TOPIC_XXXX',
        ...(s.producers.some((p) => p.transaction) ? ['RMQ_SYS_TRANS_HALF_TOPIC'] : []),
      ];
    default: {
      const never: never = s;
      throw new Error(`unknown system ${JSON.stringify(never)}`);
    }
  }
}

/** The groups the check report names: Kafka consumer groups, queues (`vhost/queue` outside `/`). */
export function groupsOf(s: Scenario): string[] {
  switch (s.system) {
    case 'single-node':
      return [s.queue.name];
    case 'kafka':
      return [...new Set(s.consumers.map((c) => c['group.id']))];
    case 'rabbitmq':
      return s.vhosts.flatMap((v) =>
        v.queues.flatMap((q) => (v.name === '/' ? [q.name] : [q.name, `${v.name}/${q.name}`])),
      );
    case 'rocketmq':
      // A broadcasting consumer is its own group in the check report (`group@consumer`).
      return [
        ...new Set(
          s.consumers.map((c) =>
            c.messageModel === 'BROADCASTING' ? `${c.consumerGroup}@${c.id}` : c.consumerGroup,
          ),
        ),
      ];
    default: {
      const never: never = s;
      throw new Error(`unknown system ${JSON.stringify(never)}`);
    }
  }
}

/** How many messages the scenario's producers send at most (message numbers lie below it). */
function messagesOf(s: Scenario): number {
  const clients: readonly { messages: number }[] =
    s.system === 'rabbitmq' ? s.publishers : s.producers;
  return clients.reduce((n, c) => n + c.messages, 0);
}

/** The raw document of a preset, by name. */
export function presetDocument(name: string): Doc | undefined {
  return PRESET_DOCUMENTS.find((d) => (d as { name?: unknown }).name === name) as Doc | undefined;
}

function issuesOf(e: {
  issues: readonly { path: PropertyKey[]; message: string }[];
}): FieldIssue[] {
  return e.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** Checks every reference of a lesson into its scenario; returns the problems found. */
function crossCheck(
  l: Lesson,
  s: Scenario,
  varied: Map<number, Scenario>,
  others: ReadonlyMap<string, Scenario> = new Map(),
): FieldIssue[] {
  const out: FieldIssue[] = [];
  const nodes = new Set(nodesOf(s).all);
  const rows = new Set(rowsOf(s));
  const groups = new Set(groupsOf(s));
  const consumers = new Set(nodesOf(s).consumers);
  const producers = new Set(
    (s.system === 'rabbitmq' ? s.publishers : s.producers).map((c) => c.id),
  );
  const messages = messagesOf(s);
  const add = (path: (string | number)[], message: string) =>
    out.push({ path: path.join('.'), message });
  const checkTarget = (t: Target, path: (string | number)[]) => {
    if ('node' in t && !nodes.has(t.node))
      add([...path, 'node'], `no node named "${t.node}" in the scenario`);
    else if ('row' in t && !rows.has(t.row))
      add([...path, 'row'], `no queue or partition named "${t.row}" in the scenario`);
    else if ('message' in t && t.message >= messages)
      add(
        [...path, 'message'],
        `the scenario sends ${messages} messages, #${t.message} is not one`,
      );
    else if ('fault' in t && t.fault >= s.faults.length)
      add([...path, 'fault'], `the scenario has ${s.faults.length} faults, no fault ${t.fault}`);
    else if ('atMs' in t && t.atMs > s.durationMs)
      add([...path, 'atMs'], `after the end of the run (${s.durationMs} ms)`);
  };
  const checkAnswer = (a: Answer, path: (string | number)[]) => {
    const metrics =
      a.type === 'number'
        ? [{ m: a.metric, p: [...path, 'metric'] }]
        : a.choices.flatMap((c, i) =>
            c.when.all.map((x, j) => ({
              m: x.metric,
              p: [...path, 'choices', i, 'when', 'all', j, 'metric'],
            })),
          );
    for (const { m, p } of metrics) {
      if (m.run !== undefined) {
        const o = others.get(m.run);
        if (!o) add([...p, 'run'], `no run "${m.run}" in the lesson's systems`);
        else checkRunMetric(o, m, p, add);
        continue;
      }
      if (m.group !== undefined && !groups.has(m.group))
        add([...p, 'group'], `no group "${m.group}" in the scenario's report`);
      if (m.producer !== undefined && !producers.has(m.producer))
        add([...p, 'producer'], `no producer named "${m.producer}" in the scenario`);
      if (m.consumer !== undefined && !consumers.has(m.consumer))
        add([...p, 'consumer'], `no consumer named "${m.consumer}" in the scenario`);
    }
  };
  l.steps.forEach((step, i) => {
    const p = ['steps', i];
    switch (step.kind) {
      case 'narrate':
        step.highlight.forEach((t, j) => checkTarget(t, [...p, 'highlight', j]));
        break;
      case 'predict':
        checkAnswer(step.answer, [...p, 'answer']);
        break;
      case 'run':
        step.pauseAt.forEach((pp, j) => {
          if ('fault' in pp) {
            if (pp.fault >= s.faults.length)
              add([...p, 'pauseAt', j, 'fault'], `the scenario has ${s.faults.length} faults`);
          } else {
            if (!Object.hasOwn(JOURNAL_WORDS, pp.event))
              add([...p, 'pauseAt', j, 'event'], `"${pp.event}" is not a journal event kind`);
            if (pp.node !== undefined && !nodes.has(pp.node))
              add([...p, 'pauseAt', j, 'node'], `no node named "${pp.node}" in the scenario`);
          }
        });
        break;
      case 'vary': {
        // The scenario's own claims describe the scenario, not this change (their variant patches
        // may not even apply to it), so the changed run carries none, as a claims variant does.
        const { claims: _claims, ...base } = s;
        const changed = (patch: PatchOp[], at: (string | number)[]) => {
          const r = applyPatch(base, patch);
          if (!r.ok) return void add([...at, r.error.op], r.error.message);
          const v = parseScenario(r.value);
          if (v.ok) return v.value;
          add(at, `the changed scenario is not valid: ${describeScenarioError(v.error)}`);
          return undefined;
        };
        const v = changed(step.patch, [...p, 'patch']);
        if (!v) break;
        varied.set(i, v);
        if (step.answer) checkAnswer(step.answer, [...p, 'answer']);
        (step.also ?? []).forEach((a, j) => changed(a.patch, [...p, 'also', j, 'patch']));
        break;
      }
      case 'reveal':
      case 'takeaway':
      case 'note':
        break;
      default: {
        const never: never = step;
        throw new Error(`unknown step ${JSON.stringify(never)}`);
      }
    }
  });
  return out;
}

/** A metric's group, producer and consumer checked against the other system's run it names. */
function checkRunMetric(
  s: Scenario,
  m: { group?: string; producer?: string; consumer?: string; run?: string },
  p: (string | number)[],
  add: (path: (string | number)[], message: string) => void,
): void {
  const clients = s.system === 'rabbitmq' ? s.publishers : s.producers;
  if (m.group !== undefined && !groupsOf(s).includes(m.group))
    add([...p, 'group'], `no group "${m.group}" in run "${m.run}"'s report`);
  if (m.producer !== undefined && !clients.some((c) => c.id === m.producer))
    add([...p, 'producer'], `no producer named "${m.producer}" in run "${m.run}"`);
  if (m.consumer !== undefined && !nodesOf(s).consumers.includes(m.consumer))
    add([...p, 'consumer'], `no consumer named "${m.consumer}" in run "${m.run}"`);
}

/** A lesson's scenario reference resolved and validated; `where` names the field in errors. */
function resolveScenario(
  src: LessonScenario,
  where: string,
): { ok: true; value: Scenario } | { ok: false; issue: FieldIssue } {
  const raw = 'preset' in src ? presetDocument(src.preset) : src.inline;
  const path = `${where}.${'preset' in src ? 'preset' : 'inline'}`;
  if (raw === undefined)
    return {
      ok: false,
      issue: { path, message: `no preset named "${(src as { preset: string }).preset}"` },
    };
  const sc = parseScenario(raw);
  if (!sc.ok)
    return {
      ok: false,
      issue: { path, message: `the scenario is not valid: ${describeScenarioError(sc.error)}` },
    };
  return sc;
}

/**
 * The runs of a lesson that compares systems: each resolved, held to the lesson's seed and
 * duration (the same seed is the point of the comparison, so a mismatch is an error, never
 * silently overridden), with the role fault mapped onto it. The lesson's own run comes first.
 */
function systemRuns(
  l: Lesson,
  own: Scenario,
): { ok: true; runs: SystemRun[] } | { ok: false; issues: FieldIssue[] } {
  const sys = l.systems;
  if (!sys) return { ok: true, runs: [] };
  const issues: FieldIssue[] = [];
  const runs: SystemRun[] = [];
  const map = (id: string | null, label: SystemRun['label'], s: Scenario, where: string) => {
    const r = withRoleFault(s, sys.fault);
    if (!r.ok) return void issues.push({ path: where, message: r.message });
    runs.push({ id, label, scenario: r.scenario, how: r.how });
  };
  map(null, sys.label, own, 'scenario');
  const ids = new Set<string>();
  sys.runs.forEach((run, i) => {
    const where = `systems.runs.${i}`;
    if (ids.has(run.id))
      issues.push({ path: `${where}.id`, message: `duplicate run id "${run.id}"` });
    ids.add(run.id);
    const sc = resolveScenario(run.scenario, `${where}.scenario`);
    if (!sc.ok) return void issues.push(sc.issue);
    for (const k of ['seed', 'durationMs'] as const)
      if (sc.value[k] !== own[k])
        issues.push({
          path: `${where}.scenario`,
          message: `${k} ${sc.value[k]} differs from the lesson's ${own[k]}: the runs must share it`,
        });
    map(run.id, run.label, sc.value, `${where}.scenario`);
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, runs };
}

/** Validates a parsed lesson document. `migrations` is for tests; callers use the default. */
export function parseLesson(
  input: unknown,
  migrations: Readonly<Record<number, Migration>> = LESSON_MIGRATIONS,
): Result<LoadedLesson, LessonError> {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, error: { kind: 'not-object' } };
  const m = migrate(input as Doc, LESSON_VERSION, migrations);
  if (!m.ok) return { ok: false, error: m.error };
  const r = LessonBody.safeParse(m.doc);
  if (!r.success) return { ok: false, error: { kind: 'invalid', issues: issuesOf(r.error) } };
  const lesson = r.data;
  const sc = resolveScenario(lesson.scenario, 'scenario');
  if (!sc.ok) return invalid([sc.issue]);
  const sys = systemRuns(lesson, sc.value);
  if (!sys.ok) return invalid(sys.issues);
  // With systems, the lesson's own run is the one with the role fault in its schedule.
  const scenario = sys.runs[0]?.scenario ?? sc.value;
  const others = new Map(
    sys.runs.flatMap((x) => (x.id === null ? [] : [[x.id, x.scenario] as const])),
  );
  const varied = new Map<number, Scenario>();
  const issues = crossCheck(lesson, scenario, varied, others);
  if (issues.length > 0) return invalid(issues);
  return { ok: true, value: { lesson, scenario, varied, systems: sys.runs } };
}

function invalid(issues: FieldIssue[]): { ok: false; error: LessonError } {
  return { ok: false, error: { kind: 'invalid', issues } };
}

export function parseLessonJson(text: string): Result<LoadedLesson, LessonError> {
  return parseJsonWith(text, parseLesson);
}

/** One readable English message per error (the scenario format's wording for the shared kinds). */
export function describeLessonError(e: LessonError): string {
  switch (e.kind) {
    case 'not-object':
      return 'a lesson must be a JSON object';
    case 'no-version':
      return 'missing "version": a lesson must say which format version it uses';
    case 'not-json':
    case 'too-new':
    case 'too-old':
    case 'migration-failed':
    case 'invalid':
      return describeScenarioError(e).replace('a scenario', 'a lesson');
    default: {
      const never: never = e;
      return `unknown error ${JSON.stringify(never)}`;
    }
  }
}
