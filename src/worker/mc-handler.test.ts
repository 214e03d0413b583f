import { describe, expect, it } from 'vitest';
import { FaultModel } from '../scenario/faultmodel';
import { presetByName } from '../scenario/presets';
import type { Scenario } from '../scenario/schema';
import { mcHandler } from './mc-handler';
import type { McResponse } from './mc-protocol';

describe('Monte Carlo worker handler', () => {
  it('answers a seed whose run throws as failed, naming the seed, and runs the next one', () => {
    const s = presetByName('kafka-acks1-leader-crash') as Scenario;
    // Not validated on purpose: a target the scenario lacks makes the engine throw mid-run.
    const bad = FaultModel.parse({
      rules: [{ kind: 'crash', targets: ['nobody'], window: { fromMs: 100, toMs: 200 } }],
    });
    const good = FaultModel.parse({ rules: [], fixed: [] });
    const out: McResponse[] = [];
    const handle = mcHandler((r) => out.push(r));
    handle({ type: 'mc-init', request: 1, configs: [s], model: bad });
    handle({ type: 'mc-seed', request: 1, config: 0, seed: 5 });
    handle({ type: 'mc-init', request: 2, configs: [s], model: good });
    handle({ type: 'mc-seed', request: 2, config: 0, seed: 6 });
    handle({ type: 'mc-seed', request: 1, config: 0, seed: 7 });
    expect(out.map((r) => [r.request, r.result.seed, r.result.ok])).toEqual([
      [1, 5, false],
      [2, 6, true],
      [1, 7, false],
    ]);
    const first = out[0]?.result;
    expect(first?.ok === false && first.error).toContain('no node named "nobody"');
    const stale = out[2]?.result;
    expect(stale?.ok === false && stale.error).toContain('no configuration 0 for request 1');
  });
});
