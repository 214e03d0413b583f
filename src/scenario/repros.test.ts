/**
 * Every scenario the fuzzing of issue 10 found (`fixtures/fuzz-repros/`, copied from
 * `shared/findings/fuzz-repros/`) is a regression test here: the ones that asked for an event
 * storm, a regex that backtracks for ever or a rate past the caps are refused by validation,
 * quickly, naming the field to change. The message-fate ones are valid scenarios (their fates are
 * the engine's business, tested with the models); they must keep validating.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from './load';

const DIR = new URL('./fixtures/fuzz-repros/', import.meta.url);
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

/** A repro file holds the scenario itself, or the fuzzer's record with `scenario` and `original`. */
function scenariosOf(file: string): unknown[] {
  const doc = JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as Record<string, unknown>;
  if (!('scenario' in doc)) return [doc];
  return 'original' in doc ? [doc['scenario'], doc['original']] : [doc['scenario']];
}

/** The field each refused repro must be refused for (the shrunk scenario). */
const REFUSED: Record<string, string> = {
  'min-max-rate-single-producer.json': 'producers.0.ratePerSec',
  'min-redos-policy-pattern.json': 'policies.0.pattern',
  'min-zero-interval-kafka-heartbeat.json': 'consumers.0.heartbeat.interval.ms',
  'min-zero-interval-single-node-sync.json': 'broker.syncIntervalMs',
  'scenario-cap-03.json': 'cluster.syncIntervalMs',
  'scenario-cap-04.json': 'consumers.0.heartbeat.interval.ms',
  'scenario-cap-05.json': 'consumers.0.fetch.max.wait.ms',
  'scenario-cap-06.json': 'broker.syncIntervalMs',
  'scenario-cap-07.json': 'topic.flush.ms',
  'scenario-cap-08.json': 'cluster.syncIntervalMs',
};

describe('fuzz repros (issue 10)', () => {
  it('covers every repro file', () => {
    const fates = files.filter((f) => /unaccounted|fate/.test(f));
    expect(files.length).toBe(Object.keys(REFUSED).length + fates.length);
    for (const f of files) expect(f in REFUSED || fates.includes(f), f).toBe(true);
  });

  it.each(Object.entries(REFUSED))('%s is refused, naming %s', (file, path) => {
    const [shrunk, ...originals] = scenariosOf(file);
    const t0 = performance.now();
    const r = parseScenario(shrunk);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(r.ok).toBe(false);
    if (r.ok || r.error.kind !== 'invalid') throw new Error('expected field issues');
    const issue = r.error.issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(r.error.issues)).toBeDefined();
    expect(issue?.message).toMatch(/at least|at most|not supported/);
    // The fuzzer's unshrunk scenario carries the same problem and is refused too.
    for (const o of originals) expect(parseScenario(o).ok).toBe(false);
  });

  it.each(files.filter((f) => /unaccounted|fate/.test(f)))(
    '%s (a message-fate repro) is a valid scenario within the budget',
    (file) => {
      for (const doc of scenariosOf(file)) {
        const r = parseScenario(doc);
        expect(r.ok, r.ok ? '' : JSON.stringify(r.error)).toBe(true);
      }
    },
  );
});
