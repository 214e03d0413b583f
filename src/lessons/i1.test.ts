/**
 * I1 (Kafka vs RabbitMQ vs RocketMQ): a lesson whose runs are three systems. The role fault lands
 * on the node holding the leader on each; every claim the reveals and the takeaway make is checked
 * on the runs themselves; a changed configuration changes the right answer (nothing is written
 * into the lesson); and a comparison that would not be fair (another seed) or not resolvable
 * fails with the path of the bad field.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, type RunResult } from '../engine/run';
import type { Scenario } from '../scenario/schema';
import { applyPatch } from '../scenario/patch';
import { parseScenario } from '../scenario/load';
import doc from './content/i1-compare-brokers.json';
import { judge, type Outcome } from './evaluate';
import { describeLessonError, parseLesson, type LoadedLesson } from './load';
import { outcomeOf } from './outcome';
import { leaderNode } from './roles';

function load(d: unknown): LoadedLesson {
  const r = parseLesson(d);
  if (!r.ok) throw new Error(describeLessonError(r.error));
  return r.value;
}

function issuesOf(d: unknown): string[] {
  const r = parseLesson(d);
  if (r.ok) return [];
  return r.error.kind === 'invalid' ? r.error.issues.map((i) => `${i.path}: ${i.message}`) : [];
}

const copy = (): typeof doc => structuredClone(doc);
const lesson = load(doc);
const cache = new Map<Scenario, RunResult>();
const run = (s: Scenario): RunResult => {
  let r = cache.get(s);
  if (!r) cache.set(s, (r = runScenario(s)));
  return r;
};
const sys = (id: string | null) => {
  const x = lesson.systems.find((y) => y.id === id);
  if (!x) throw new Error(`no run ${id}`);
  return x;
};
const lost = (r: RunResult) => r.report.groups.reduce((n, g) => n + (g.counts.lost ?? 0), 0);
const mechsOf = (r: RunResult) =>
  new Set([
    ...r.report.anomalies.flatMap((a) => a.mechanisms),
    ...r.record.journal.flatMap((e) => (e.mech === undefined ? [] : [e.mech])),
  ]);

function outcome(l: LoadedLesson, swap?: { id: string; scenario: Scenario }): Outcome {
  const runs: Record<string, Outcome> = {};
  for (const x of l.systems)
    if (x.id !== null)
      runs[x.id] = outcomeOf(run(swap && swap.id === x.id ? swap.scenario : x.scenario));
  return { ...outcomeOf(run(l.scenario)), runs };
}

function rightChoice(l: LoadedLesson, predict: string, o: Outcome): string[] {
  const step = l.lesson.steps.find((s) => s.kind === 'predict' && s.id === predict);
  if (step?.kind !== 'predict') throw new Error(predict);
  return judge(step.answer, { type: 'choice', id: '' }, o).trueChoices;
}

describe('I1: one fault by role, three systems', () => {
  it('maps "the leader crashes" onto each system\'s node holding it, same seed and duration', () => {
    expect(lesson.systems.map((x) => [x.scenario.system, leaderNode(x.scenario)])).toMatchObject([
      ['kafka', { ok: true, node: 'broker-1' }],
      ['rabbitmq', { ok: true, node: 'rabbit-1' }],
      ['rocketmq', { ok: true, node: 'broker-a-0' }],
    ]);
    for (const x of lesson.systems) {
      expect(x.scenario.seed).toBe(lesson.scenario.seed);
      expect(x.scenario.durationMs).toBe(lesson.scenario.durationMs);
      const node = leaderNode(x.scenario).ok
        ? (leaderNode(x.scenario) as { node: string }).node
        : '';
      expect(x.scenario.faults).toEqual([
        { atMs: 5000, type: 'crash', node, when: 'now' },
        { atMs: 15000, type: 'restart', node },
      ]);
      expect(x.how.en).toContain(node);
      expect(x.how.zh).toContain(node);
    }
    // The lab runs the lesson's own scenario with the fault in it.
    expect(lesson.scenario).toBe(sys(null).scenario);
  });

  it('the loss reveal holds on the runs: Kafka and RocketMQ ride it out, RabbitMQ loses, each by its mechanism', () => {
    const k = run(sys(null).scenario);
    const rb = run(sys('rabbitmq').scenario);
    const rq = run(sys('rocketmq').scenario);
    expect(lost(k)).toBe(0);
    expect(k.report.protections.map((p) => p.mech)).toContain('kafka.acks-all-waited');
    expect(lost(rq)).toBe(0);
    expect(mechsOf(rq)).toContain('rocketmq.send-retry');
    expect(lost(rb)).toBeGreaterThan(0);
    // Every lost message is explained by the queue being down.
    const lostRb = rb.report.anomalies.filter((a) => a.kind === 'lost');
    expect(lostRb.every((a) => a.mechanisms.includes('rabbit.queue-down'))).toBe(true);
    expect(mechsOf(rb)).toContain('rabbit.ack-not-persisted');
    expect(rightChoice(lesson, 'loss', outcome(lesson))).toEqual(['rabbit']);
  });

  it('the replay reveal holds: a late group re-reads the log on Kafka and RocketMQ, the RabbitMQ queue is empty', () => {
    const audit = (r: RunResult) =>
      outcomeOf(r).groups.reduce((n, g) => n + (g.consumers?.audit ?? 0), 0);
    expect(audit(run(sys(null).scenario))).toBe(1000);
    expect(audit(run(sys('rocketmq').scenario))).toBe(1000);
    expect(audit(run(sys('rabbitmq').scenario))).toBe(0);
    expect(rightChoice(lesson, 'replay', outcome(lesson))).toEqual(['logs']);
    // ...and, re-reading, RocketMQ's audit group sees a key out of order, Kafka's (one partition) not.
    const reordered = (r: RunResult) =>
      r.report.groups.find((g) => g.group === 'audit')?.counts.reordered ?? -1;
    expect(reordered(run(sys('rocketmq').scenario))).toBeGreaterThan(0);
    expect(reordered(run(sys(null).scenario))).toBe(0);
    const rq = sys('rocketmq').scenario;
    expect(rq.system === 'rocketmq' && rq.producers[0]?.selector.kind).toBe('round-robin');
  });

  it('the takeaway holds: RabbitMQ with publisher confirms and a quorum queue loses nothing, and the right answer moves', () => {
    const rb = sys('rabbitmq').scenario;
    const changed = applyPatch(rb, [
      { op: 'replace', path: '/publishers/0/confirms', value: true },
      { op: 'replace', path: '/publishers/0/republishUnconfirmed', value: true },
      { op: 'replace', path: '/vhosts/0/queues/0/arguments/x-queue-type', value: 'quorum' },
    ]);
    if (!changed.ok) throw new Error(changed.error.message);
    const s = parseScenario(changed.value);
    if (!s.ok) throw new Error(JSON.stringify(s.error));
    expect(lost(run(s.value))).toBe(0);
    // Nothing in the lesson names the answer: the same question now has another right choice.
    expect(
      rightChoice(lesson, 'loss', outcome(lesson, { id: 'rabbitmq', scenario: s.value })),
    ).toEqual(['none']);
  });
});

describe('I1: a comparison that is not fair or not resolvable fails by path', () => {
  it('another seed in one run', () => {
    const d = copy();
    const other = d.systems.runs[1];
    if (!other) throw new Error('no second run');
    other.scenario.inline.seed = 8;
    expect(issuesOf(d)).toEqual([
      "systems.runs.1.scenario: seed 8 differs from the lesson's 7: the runs must share it",
    ]);
  });

  it('a Kafka leader the seed would draw (no replica.assignment)', () => {
    const d = copy() as unknown as { scenario: { inline: { topic: Record<string, unknown> } } };
    delete d.scenario.inline.topic['replica.assignment'];
    expect(issuesOf(d)[0]).toMatch(/^scenario: set topic\.replica\.assignment/);
  });

  it('a metric naming a run that does not exist, or a consumer that run lacks', () => {
    const d = copy();
    const loss = d.steps[2] as unknown as {
      answer: { choices: { when: { all: { metric: Record<string, unknown> }[] } }[] };
    };
    loss.answer.choices[0]!.when.all[1]!.metric.run = 'activemq';
    const replay = d.steps[3] as unknown as typeof loss;
    replay.answer.choices[0]!.when.all[2]!.metric.consumer = 'nobody';
    expect(issuesOf(d)).toEqual([
      'steps.2.answer.choices.0.when.all.1.metric.run: no run "activemq" in the lesson\'s systems',
      'steps.3.answer.choices.0.when.all.2.metric.consumer: no consumer named "nobody" in run "rocketmq"',
    ]);
  });
});
