import { describe, expect, it } from 'vitest';
import { Sim, SimNode } from './sim';

class Probe extends SimNode {
  stops: boolean[] = [];
  restarts = 0;
  protected override onStop(_id: number, powerLoss: boolean): void {
    this.stops.push(powerLoss);
  }
  protected override onRestart(): void {
    this.restarts++;
  }
}

describe('Sim', () => {
  it('fires events in time order, ties in scheduling order, and advances the clock', () => {
    const sim = new Sim(1);
    const l = sim.label('t');
    const seen: string[] = [];
    sim.schedule(20, l, () => seen.push(`b@${sim.now}`));
    sim.schedule(10, l, () => seen.push(`a@${sim.now}`));
    sim.schedule(20, l, () => seen.push(`c@${sim.now}`));
    sim.runUntil(100);
    expect(seen).toEqual(['a@10', 'b@20', 'c@20']);
    expect(sim.now).toBe(100);
    expect(sim.eventsFired).toBe(3);
  });

  it('does not fire events past the limit, and runs them on the next call', () => {
    const sim = new Sim(1);
    const l = sim.label('t');
    let fired = 0;
    sim.schedule(50, l, () => fired++);
    sim.runUntil(49);
    expect(fired).toBe(0);
    sim.runUntil(50);
    expect(fired).toBe(1);
  });

  it('skips cancelled events without counting them', () => {
    const sim = new Sim(1);
    const l = sim.label('t');
    let fired = 0;
    const ev = sim.schedule(5, l, () => fired++);
    sim.cancel(ev);
    sim.runUntil(10);
    expect(fired).toBe(0);
    expect(sim.eventsFired).toBe(0);
  });

  it('takes a cancelled event out of the queue at once, and a cancelled event parked on a paused node never fires', () => {
    const sim = new Sim(1);
    const l = sim.label('t');
    const node = new SimNode(sim, 'n');
    let fired = 0;
    const timers = Array.from({ length: 50 }, (_, i) => sim.schedule(1000 + i, l, () => fired++));
    const parked = node.timer(10, l, () => fired++);
    expect(sim.pending).toBe(51);
    for (const ev of timers) sim.cancel(ev);
    expect(sim.pending).toBe(1);
    expect(sim.peekTime()).toBe(10);
    node.pause(100);
    sim.runUntil(20);
    sim.cancel(parked);
    sim.runUntil(5000);
    expect(fired).toBe(0);
    expect(sim.pending).toBe(0);
  });

  it("cancels a node's timers when it crashes, and restart starts a new life", () => {
    const sim = new Sim(1);
    const n = new Probe(sim, 'n1');
    const l = sim.label('t');
    let fired = 0;
    n.timer(10, l, () => fired++);
    sim.schedule(5, l, () => n.crash());
    sim.schedule(7, l, () => n.restart());
    sim.runUntil(20);
    expect(fired).toBe(0);
    expect(n.status).toBe('up');
    expect(n.stops).toEqual([false]);
    expect(n.restarts).toBe(1);
    expect(sim.rec.journal.map((e) => e.kind)).toEqual(['crash', 'restart']);
  });

  it("defers a paused node's timers until it resumes, in their original order", () => {
    const sim = new Sim(1);
    const n = new Probe(sim, 'n1');
    const l = sim.label('t');
    const seen: string[] = [];
    n.timer(10, l, () => seen.push(`x@${sim.now}`));
    n.timer(12, l, () => seen.push(`y@${sim.now}`));
    sim.schedule(5, l, () => n.pause(100));
    sim.runUntil(200);
    expect(seen).toEqual(['x@105', 'y@105']);
    expect(sim.rec.journal.map((e) => e.kind)).toEqual(['pause', 'resume']);
  });

  it('power loss while already crashed still loses the page cache', () => {
    const sim = new Sim(1);
    const n = new Probe(sim, 'n1');
    const f = n.disk.log<number>('f');
    f.append(1);
    f.markSynced(1);
    f.append(2);
    n.crash();
    expect(f.length).toBe(2);
    n.powerLoss();
    expect(f.entries).toEqual([1]);
    expect(n.stops).toEqual([false, true]);
  });

  it('a crash while paused drops the deferred work', () => {
    const sim = new Sim(1);
    const n = new Probe(sim, 'n1');
    const l = sim.label('t');
    let fired = 0;
    n.timer(10, l, () => fired++);
    sim.schedule(5, l, () => n.pause(100));
    sim.schedule(50, l, () => n.crash());
    sim.runUntil(500);
    expect(fired).toBe(0);
    expect(n.status).toBe('crashed');
  });
});
