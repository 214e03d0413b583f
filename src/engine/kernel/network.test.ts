import { describe, expect, it } from 'vitest';
import { Network, type NetMessage } from './network';
import { Sim, SimNode } from './sim';
import type { Dist } from './prng';

interface M extends NetMessage {
  n: number;
}

function setup(latency: Dist = { kind: 'uniform', minUs: 100, maxUs: 5000 }, lossRate = 0) {
  const sim = new Sim(3);
  const net = new Network<M>(sim, { latency, lossRate });
  const a = new SimNode(sim, 'a');
  const b = new SimNode(sim, 'b');
  const got: { n: number; at: number }[] = [];
  net.attach(b, (_from, m) => got.push({ n: m.n, at: sim.now }));
  return { sim, net, a, b, got };
}

const drops = (sim: Sim) =>
  sim.rec.journal.filter((e) => e.kind === 'net-drop').map((e) => e.data?.['reason']);

describe('Network', () => {
  it('keeps each link FIFO despite jitter', () => {
    const { sim, net, a, b, got } = setup();
    const l = sim.label('send');
    for (let i = 0; i < 200; i++)
      sim.schedule(i * 10, l, () => net.send(a, b, { type: 'x', n: i }));
    sim.runUntil(1_000_000);
    expect(got.map((g) => g.n)).toEqual([...Array(200).keys()]);
    // Latency is really sampled: deliveries are not all the same distance from their sends.
    const delays = new Set(got.map((g) => g.at - g.n * 10));
    expect(delays.size).toBeGreaterThan(10);
  });

  it('drops messages on a cut link, both at send time and in flight, and journals why', () => {
    const { sim, net, a, b, got } = setup({ kind: 'uniform', minUs: 1000, maxUs: 1000 });
    const l = sim.label('t');
    sim.schedule(0, l, () => net.send(a, b, { type: 'x', n: 1, msgs: [7] }));
    sim.schedule(500, l, () => net.partition('a', 'b', false));
    sim.schedule(600, l, () => net.send(a, b, { type: 'x', n: 2 }));
    sim.schedule(2000, l, () => net.heal('a', 'b'));
    sim.schedule(2100, l, () => net.send(a, b, { type: 'x', n: 3 }));
    sim.runUntil(10_000);
    expect(got.map((g) => g.n)).toEqual([3]);
    expect(drops(sim)).toEqual(['partition', 'partition']);
    const inFlight = sim.rec.journal.find((e) => e.kind === 'net-drop' && e.msgs !== undefined);
    expect(inFlight?.msgs).toEqual([7]);
    expect(inFlight?.at).toBe(1000);
  });

  it('a one-way cut blocks only its direction', () => {
    const { sim, net, a, b, got } = setup();
    const back: number[] = [];
    net.attach(a, (_f, m) => back.push(m.n));
    net.partition('a', 'b', true);
    net.send(a, b, { type: 'x', n: 1 });
    net.send(b, a, { type: 'x', n: 2 });
    sim.runUntil(1_000_000);
    expect(got).toEqual([]);
    expect(back).toEqual([2]);
    expect(net.isCut('a', 'b')).toBe(true);
    expect(net.isCut('b', 'a')).toBe(false);
  });

  it('loses about lossRate of messages', () => {
    const { sim, net, a, b, got } = setup({ kind: 'uniform', minUs: 10, maxUs: 20 }, 0.25);
    for (let i = 0; i < 4000; i++) net.send(a, b, { type: 'x', n: i });
    sim.runUntil(1_000_000);
    expect(got.length).toBeGreaterThan(2800);
    expect(got.length).toBeLessThan(3200);
    expect(drops(sim).every((r) => r === 'loss')).toBe(true);
  });

  it('drop-next matches only acks when asked, and only as many as armed', () => {
    const { sim, net, a, b, got } = setup();
    net.arm('drop', 'a', 'b', 'ack', 2);
    net.send(a, b, { type: 'data', n: 1 });
    net.send(a, b, { type: 'confirm', ack: true, n: 2 });
    net.send(a, b, { type: 'confirm', ack: true, n: 3 });
    net.send(a, b, { type: 'confirm', ack: true, n: 4 });
    sim.runUntil(1_000_000);
    expect(got.map((g) => g.n)).toEqual([1, 4]);
    expect(drops(sim)).toEqual(['fault', 'fault']);
  });

  it('duplicate-next delivers twice and delay-next delays (and, FIFO, what follows it)', () => {
    const { sim, net, a, b, got } = setup({ kind: 'fixed', us: 100 });
    net.arm('duplicate', 'a', 'b', 'any');
    net.send(a, b, { type: 'x', n: 1 });
    sim.runUntil(1000);
    net.arm('delay', 'a', 'b', 'any', 1, 50_000);
    net.send(a, b, { type: 'x', n: 2 });
    net.send(a, b, { type: 'x', n: 3 });
    sim.runUntil(1_000_000);
    expect(got.map((g) => g.n)).toEqual([1, 1, 2, 3]);
    expect(got[2]?.at).toBe(1000 + 100 + 50_000);
    expect(got[3]?.at).toBe(got[2]?.at);
  });

  it('drops deliveries to a crashed receiver, or one that restarted since the send', () => {
    const { sim, net, a, b, got } = setup({ kind: 'fixed', us: 1000 });
    const l = sim.label('t');
    net.send(a, b, { type: 'x', n: 1, msgs: [1], carry: true });
    expect([...net.inFlight()]).toEqual([1]);
    sim.schedule(100, l, () => b.crash());
    sim.schedule(200, l, () => b.restart());
    sim.runUntil(10_000);
    expect(got).toEqual([]);
    expect(drops(sim)).toEqual(['receiver-down']);
    expect([...net.inFlight()]).toEqual([]);
  });

  it('holds deliveries to a paused receiver until it resumes', () => {
    const { sim, net, a, b, got } = setup({ kind: 'fixed', us: 1000 });
    b.pause(50_000);
    net.send(a, b, { type: 'x', n: 1 });
    sim.runUntil(100_000);
    expect(got).toEqual([{ n: 1, at: 50_000 }]);
  });

  it('split cuts every pair across the two sides, heal() with no nodes heals all', () => {
    const sim = new Sim(1);
    const net = new Network<M>(sim, { latency: { kind: 'fixed', us: 1 }, lossRate: 0 });
    net.split(['a', 'b'], ['c']);
    expect(net.isCut('a', 'c') && net.isCut('c', 'b') && !net.isCut('a', 'b')).toBe(true);
    net.heal();
    expect(net.isCut('a', 'c')).toBe(false);
  });
});
