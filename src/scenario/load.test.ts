import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { describeScenarioError, parseScenario, parseScenarioJson } from './load';
import { migrate } from './migrations';
import { scenarioJsonSchema } from './json-schema';
import { PRESETS, PRESET_DOCUMENTS, PRESET_MENU, DEFAULT_PRESET } from './presets';
import { SCENARIO_VERSION } from './schema';

const minimal = {
  version: 1,
  system: 'single-node',
  name: 'tiny',
  durationMs: 1000,
  producers: [{ id: 'p1' }],
};

function issues(input: unknown) {
  const r = parseScenario(input);
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

describe('scenario loading', () => {
  it('fills every default of a short document', () => {
    const r = parseScenario(minimal);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.value;
    if (s.system !== 'single-node') throw new Error('expected a single-node scenario');
    expect(s.seed).toBe(1);
    expect(s.faults).toEqual([]);
    expect(s.broker).toEqual({ id: 'broker-1', syncIntervalMs: 25, fsyncLatencyMs: 2 });
    expect(s.producers[0]).toMatchObject({ ratePerSec: 10, deliveryMode: 2, confirms: true });
    expect(s.network.latency).toEqual({ kind: 'uniform', minMs: 0.5, maxMs: 1.5 });
  });

  it('names the field and the problem for invalid input', () => {
    const e = issues({ ...minimal, producers: [{ id: 'p1', ratePerSec: -5 }] });
    expect(e.kind).toBe('invalid');
    const text = describeScenarioError(e);
    expect(text).toContain('producers.0.ratePerSec');
    expect(issues({ ...minimal, producers: [{ id: '1bad' }] }).kind).toBe('invalid');
    expect(describeScenarioError(issues({ ...minimal, producers: [{ id: '1bad' }] }))).toContain(
      'producers.0.id: must start with a letter',
    );
    expect(describeScenarioError(issues({ ...minimal, surprise: true }))).toMatch(/surprise/);
  });

  it('rejects faults that name unknown nodes or fall after the end', () => {
    const text = describeScenarioError(
      issues({
        ...minimal,
        faults: [
          { atMs: 10, type: 'crash', node: 'ghost' },
          { atMs: 5000, type: 'restart', node: 'broker-1' },
          { atMs: 10, type: 'crash', node: 'broker-1', when: 'after-process' },
        ],
      }),
    );
    expect(text).toContain('faults.0.node: no node named "ghost"');
    expect(text).toContain('faults.1.atMs');
    expect(text).toContain('faults.2.when');
  });

  it('rejects duplicate node ids', () => {
    expect(describeScenarioError(issues({ ...minimal, consumers: [{ id: 'p1' }] }))).toContain(
      'duplicate node id "p1"',
    );
  });

  it('tells apart garbage, versionless, too-new and non-object input', () => {
    const bad = parseScenarioJson('{"version": 1,');
    expect(!bad.ok && bad.error.kind).toBe('not-json');
    expect(issues([1, 2]).kind).toBe('not-object');
    expect(issues({ name: 'x' }).kind).toBe('no-version');
    const tooNew = issues({ ...minimal, version: SCENARIO_VERSION + 1 });
    expect(tooNew).toEqual({
      kind: 'too-new',
      version: SCENARIO_VERSION + 1,
      supported: SCENARIO_VERSION,
    });
    expect(describeScenarioError(tooNew)).toMatch(/newer/);
  });

  it('runs numbered migrations in order before validating', () => {
    // A synthetic history: v1 -> v2 renames `title` to `heading`, v2 -> v3 adds `extra`.
    const steps = {
      1: (d: Record<string, unknown>) => ({ ...d, heading: d['title'] }),
      2: (d: Record<string, unknown>) => ({ ...d, extra: (d['heading'] as string) + '!' }),
    };
    const r = migrate({ version: 1, title: 'hi' }, 3, steps);
    expect(r).toEqual({
      ok: true,
      from: 1,
      doc: { version: 3, title: 'hi', heading: 'hi', extra: 'hi!' },
    });
    const broken = migrate({ version: 1 }, 3, {
      1: () => {
        throw new Error('boom');
      },
    });
    expect(broken).toEqual({
      ok: false,
      error: { kind: 'migration-failed', from: 1, message: 'boom' },
    });
    const gap = migrate({ version: 1 }, 3, { 1: (d) => d });
    expect(!gap.ok && gap.error.kind).toBe('migration-failed');
  });

  it('accepts an editor $schema hint', () => {
    expect(parseScenario({ ...minimal, $schema: './scenario.schema.json' }).ok).toBe(true);
  });
});

describe('presets', () => {
  it('all load, have unique names, and carry zh and en titles and descriptions', () => {
    expect(PRESETS.length).toBe(PRESET_DOCUMENTS.length);
    expect(new Set(PRESETS.map((p) => p.name)).size).toBe(PRESETS.length);
    for (const p of PRESETS) {
      expect(p.title?.en.length).toBeGreaterThan(5);
      expect(p.title?.zh.length).toBeGreaterThan(3);
      expect(p.description?.en.length).toBeGreaterThan(50);
      expect(p.description?.zh.length).toBeGreaterThan(20);
    }
    expect(DEFAULT_PRESET.name).toBe('default');
  });

  it('the menu, read from the raw documents without validating them, matches the validated list', () => {
    expect(PRESET_MENU).toEqual(PRESETS.map((p) => ({ name: p.name, title: p.title })));
  });

  it('every past format version has a fixture that still loads', () => {
    // v1 is the only version so far: its fixture is the default preset as first written.
    const v1 = JSON.parse(
      readFileSync(new URL('./fixtures/v1-default.json', import.meta.url), 'utf8'),
    ) as unknown;
    const r = parseScenario(v1);
    expect(r.ok).toBe(true);
  });
});

describe('JSON Schema', () => {
  it('public/scenario.schema.json is up to date (run `npm run schema`)', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../../public/scenario.schema.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(committed).toEqual(scenarioJsonSchema());
  });

  it('describes fields, ranges and defaults', () => {
    const text = JSON.stringify(scenarioJsonSchema());
    for (const knob of [
      'deliveryMode',
      'confirms',
      'autoAck',
      'prefetch',
      'syncIntervalMs',
      'faults',
      'power-loss',
    ]) {
      expect(text).toContain(knob);
    }
  });
});
