import { describe, expect, it } from 'vitest';
import type { EntryView, StoreView } from '../engine/view';
import type { WireFlight } from '../worker/protocol';
import { playFrameInterval } from './controller';

const entry: EntryView = { msg: 1, key: null };
const store = (entries: number): StoreView => ({
  id: 's',
  node: 'n',
  kind: 'replica',
  label: 's',
  entries: Array.from({ length: entries }, () => entry),
  total: entries,
  marks: {},
});
const flights = (n: number) => Array.from({ length: n }, () => ({}) as WireFlight);

describe('playFrameInterval', () => {
  it('refreshes a small cluster at 20 Hz', () => {
    expect(playFrameInterval({ stores: [store(30)], flights: flights(40) })).toBe(50);
  });

  it('slows a big cluster down in proportion to what a frame carries, to 5 Hz at the most', () => {
    // The UI benchmark's heavy scenario: 90 replicas x 8 entries and 600 flights.
    const heavy = playFrameInterval({
      stores: Array.from({ length: 90 }, () => store(8)),
      flights: flights(600),
    });
    expect(heavy).toBeGreaterThan(100);
    expect(heavy).toBeLessThan(200);
    expect(playFrameInterval({ stores: [store(5000)], flights: flights(5000) })).toBe(200);
  });
});
