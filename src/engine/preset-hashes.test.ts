/**
 * Every preset's run is pinned: trace hash, event count and anomaly counts. A new mechanism must
 * be additive (a scenario that does not use it runs exactly as before), so this fails when a
 * change moves any existing preset. Update `preset-hashes.json` only on purpose, saying why.
 */
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../scenario/presets';
import { runScenario } from './run';
import pinned from './preset-hashes.json';

const PINNED: Readonly<Record<string, unknown>> = pinned;

describe('existing presets do not move', () => {
  it(
    'every pinned preset replays with the same hash, events and counts',
    { timeout: 120_000 },
    () => {
      const moved: string[] = [];
      for (const p of PRESETS) {
        const want = PINNED[p.name];
        if (want === undefined) continue;
        const r = runScenario(p);
        const got = { hash: r.traceHash, events: r.events, counts: r.report.counts };
        if (JSON.stringify(got) !== JSON.stringify(want)) moved.push(p.name);
      }
      expect(moved).toEqual([]);
      // Presets are only added: every pinned one is still there.
      expect(Object.keys(PINNED).filter((n) => !PRESETS.some((p) => p.name === n))).toEqual([]);
    },
  );
});
