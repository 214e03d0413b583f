/**
 * Fault injection by direct manipulation. Most faults need one target (a broker to crash), some
 * need two (a link to cut, an ack to lose between a producer and a broker): the user picks the
 * first from a menu and the machine waits for the second click on the cluster view. Escape or a
 * second click on the same node cancels.
 */
import { assign, setup } from 'xstate';

export type TwoNodeFault = 'cut-both' | 'cut-one-way' | 'lose-ack' | 'split';

export interface FaultModeContext {
  kind: TwoNodeFault | null;
  first: string | null;
  second: string | null;
}

export type FaultModeEvent =
  | { type: 'START'; kind: TwoNodeFault; first: string }
  | { type: 'PICK'; node: string }
  | { type: 'CANCEL' }
  | { type: 'DONE' };

export const faultModeMachine = setup({
  types: { context: {} as FaultModeContext, events: {} as FaultModeEvent },
  guards: {
    isOtherNode: ({ context, event }) => event.type === 'PICK' && event.node !== context.first,
  },
}).createMachine({
  id: 'faultMode',
  initial: 'off',
  context: { kind: null, first: null, second: null },
  states: {
    off: {
      on: {
        START: {
          target: 'picking',
          actions: assign(({ event }) => ({ kind: event.kind, first: event.first, second: null })),
        },
      },
    },
    picking: {
      on: {
        PICK: [
          {
            guard: 'isOtherNode',
            target: 'complete',
            actions: assign(({ event }) => ({ second: event.node })),
          },
          { target: 'off', actions: assign({ kind: null, first: null, second: null }) },
        ],
        CANCEL: { target: 'off', actions: assign({ kind: null, first: null, second: null }) },
      },
    },
    complete: {
      on: { DONE: { target: 'off', actions: assign({ kind: null, first: null, second: null }) } },
    },
  },
});
