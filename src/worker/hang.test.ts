import { describe, expect, it } from 'vitest';
import { HangWatch } from './hang';

describe('HangWatch: the worker is hung only when silent while the page was awake', () => {
  it('a silent worker with the page ticking on time is hung after hangMs', () => {
    const w = new HangWatch(1_000, 250, 0);
    let t = 0;
    const hungAt: number[] = [];
    for (let i = 0; i < 8; i++) {
      t += 250;
      if (w.tick(t)) hungAt.push(t);
    }
    // 1,000 ms of silence is not yet over the limit; the next tick is.
    expect(hungAt[0]).toBe(1_250);
  });

  it('a page stall of 16 s does not make a live worker hung', () => {
    const w = new HangWatch(1_000, 250, 0);
    expect(w.tick(250)).toBe(false);
    // The page freezes for 16 s: the next tick comes 16 s late, before the worker's queued
    // messages are dispatched.
    expect(w.tick(16_250)).toBe(false);
    expect(w.silent).toBeLessThanOrEqual(750);
    // Then the queued messages are heard.
    w.heard();
    expect(w.tick(16_500)).toBe(false);
    expect(w.silent).toBe(250);
  });

  it('repeated page stalls still add up when the worker stays silent between them', () => {
    // A worker that is truly stuck is found even on a page that stalls now and then.
    const w = new HangWatch(1_000, 250, 0);
    let hung = false;
    for (let t = 5_000; t <= 25_000 && !hung; t += 5_000) hung = w.tick(t);
    expect(hung).toBe(true);
  });

  it('hearing the worker resets the count', () => {
    const w = new HangWatch(1_000, 250, 0);
    for (let t = 250; t <= 1_000; t += 250) expect(w.tick(t)).toBe(false);
    w.heard();
    for (let t = 1_250; t <= 2_000; t += 250) expect(w.tick(t)).toBe(false);
  });
});
