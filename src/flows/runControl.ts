/**
 * Run control: what the transport buttons and the keyboard may do at each moment. The machine
 * holds no data; the controller (src/ui/controller.ts) performs the effects (frame requests, the
 * play loop) and tells the machine when they finish.
 */
import { setup } from 'xstate';

export type RunControlEvent =
  | { type: 'LOADED' }
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  | { type: 'STEP' }
  | { type: 'STEP_DONE' }
  | { type: 'SEEK' }
  | { type: 'SEEK_DONE' }
  | { type: 'END' }
  | { type: 'FAIL' }
  | { type: 'RESET' };

export const runControlMachine = setup({
  types: { events: {} as RunControlEvent },
}).createMachine({
  id: 'runControl',
  initial: 'idle',
  on: { FAIL: '.error', RESET: '.idle' },
  states: {
    idle: { on: { LOADED: 'paused' } },
    paused: {
      on: { PLAY: 'running', STEP: 'stepping', SEEK: 'seeking', END: 'finished' },
    },
    running: {
      on: { PAUSE: 'paused', STEP: 'stepping', SEEK: 'seeking', END: 'finished' },
    },
    stepping: { on: { STEP_DONE: 'paused', END: 'finished' } },
    seeking: { on: { SEEK: 'seeking', SEEK_DONE: 'paused', PLAY: 'running' } },
    finished: { on: { SEEK: 'seeking', PLAY: 'running', STEP: 'stepping' } },
    error: { on: { LOADED: 'paused' } },
  },
});

export type RunControlState =
  'idle' | 'running' | 'paused' | 'stepping' | 'seeking' | 'finished' | 'error';
