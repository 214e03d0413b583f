import { describe, expect, it } from 'vitest';
import { Flusher, type FlushPolicy } from './flush';
import { Sim, SimNode } from './sim';
import { Disk } from './storage';

describe('Disk and LogFile', () => {
  it('keeps the page cache across a process crash but not across a power loss', () => {
    const d = new Disk();
    const f = d.log<string>('log');
    f.append('a');
    f.append('b');
    f.markSynced(1);
    f.append('c');
    expect(f.unsynced).toBe(2);
    expect(d.powerLoss()).toBe(2);
    expect(f.entries).toEqual(['a']);
    expect(d.lastPowerLoss.get('log')).toEqual(['b', 'c']);
  });

  it('truncation moves the synced mark back with it', () => {
    const d = new Disk();
    const f = d.log<number>('log');
    for (let i = 0; i < 5; i++) f.append(i);
    f.markSynced(5);
    expect(f.truncate(3)).toEqual([3, 4]);
    expect(f.synced).toBe(3);
  });
});

function flushRun(policy: FlushPolicy, appendsAt: number[], fsyncUs = 100) {
  const sim = new Sim(1);
  const node = new SimNode(sim, 'n');
  const f = node.disk.log<number>('log');
  const syncs: { at: number; upTo: number }[] = [];
  const fl = new Flusher(node, f, policy, fsyncUs, (upTo) => syncs.push({ at: sim.now, upTo }));
  fl.start();
  const l = sim.label('append');
  for (const at of appendsAt) {
    node.timer(at, l, () => {
      f.append(at);
      fl.appended();
    });
  }
  return { sim, node, f, syncs, fl };
}

describe('Flusher', () => {
  it('every-write: group commit covers writes that arrive during an fsync', () => {
    const { sim, syncs } = flushRun({ kind: 'every-write' }, [0, 10, 20, 500]);
    sim.runUntil(10_000);
    expect(syncs).toEqual([
      { at: 100, upTo: 1 },
      { at: 200, upTo: 3 },
      { at: 600, upTo: 4 },
    ]);
  });

  it('interval: fsyncs on the timer, and only when something is unsynced', () => {
    const { sim, syncs } = flushRun({ kind: 'interval', intervalUs: 1000 }, [50, 60, 2500]);
    sim.runUntil(5000);
    expect(syncs).toEqual([
      { at: 1100, upTo: 2 },
      { at: 3100, upTo: 3 },
    ]);
  });

  it('count: fsyncs once enough entries are unsynced', () => {
    const { sim, syncs } = flushRun({ kind: 'count', messages: 3 }, [0, 1, 2, 3, 4]);
    sim.runUntil(5000);
    expect(syncs).toEqual([{ at: 102, upTo: 3 }]);
  });

  it('a crash during an fsync means it never completed; power loss then loses the tail', () => {
    const { sim, node, f, syncs } = flushRun({ kind: 'every-write' }, [0], 1000);
    const l = sim.label('x');
    sim.schedule(500, l, () => node.powerLoss());
    sim.runUntil(5000);
    expect(syncs).toEqual([]);
    expect(f.length).toBe(0);
  });
});
