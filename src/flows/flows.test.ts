import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { faultModeMachine } from './faultMode';
import { runControlMachine } from './runControl';

describe('run control', () => {
  it('goes idle -> paused -> running -> paused -> stepping -> paused -> finished', () => {
    const a = createActor(runControlMachine).start();
    const seen = [a.getSnapshot().value];
    for (const type of ['LOADED', 'PLAY', 'PAUSE', 'STEP', 'STEP_DONE', 'PLAY', 'END'] as const) {
      a.send({ type });
      seen.push(a.getSnapshot().value);
    }
    expect(seen).toEqual([
      'idle',
      'paused',
      'running',
      'paused',
      'stepping',
      'paused',
      'running',
      'finished',
    ]);
  });

  it('seeks from anywhere playable and fails from anywhere', () => {
    const a = createActor(runControlMachine).start();
    a.send({ type: 'SEEK' });
    expect(a.getSnapshot().value).toBe('idle');
    a.send({ type: 'LOADED' });
    a.send({ type: 'SEEK' });
    expect(a.getSnapshot().value).toBe('seeking');
    a.send({ type: 'SEEK_DONE' });
    a.send({ type: 'FAIL' });
    expect(a.getSnapshot().value).toBe('error');
    a.send({ type: 'RESET' });
    expect(a.getSnapshot().value).toBe('idle');
  });
});

describe('fault mode', () => {
  it('picks a second node, and cancels on the same node', () => {
    const a = createActor(faultModeMachine).start();
    a.send({ type: 'START', kind: 'cut-both', first: 'b1' });
    a.send({ type: 'PICK', node: 'b2' });
    expect(a.getSnapshot().value).toBe('complete');
    expect(a.getSnapshot().context).toMatchObject({ kind: 'cut-both', first: 'b1', second: 'b2' });
    a.send({ type: 'DONE' });
    a.send({ type: 'START', kind: 'lose-ack', first: 'p1' });
    a.send({ type: 'PICK', node: 'p1' });
    expect(a.getSnapshot().value).toBe('off');
  });
});
