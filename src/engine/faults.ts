/**
 * Applies a scenario's fault schedule to a running simulation. Node faults are the kernel's
 * (crash, restart, power loss, pause); network faults are the network's; a consumer crash "at a
 * chosen moment" and a slow consumer need the model, through its fault targets.
 */
import type { Fault } from '../scenario/schema';
import type { FaultTargets } from './model';
import type { Sim } from './kernel/sim';
import { fromMs } from './kernel/time';
import { distFromMs } from './scenario-bridge';

export function scheduleFaults(sim: Sim, faults: readonly Fault[], targets: FaultTargets): void {
  const label = sim.label('fault');
  for (const f of faults) {
    sim.scheduleAt(fromMs(f.atMs), label, () => applyFault(sim, f, targets));
  }
}

/** Applies one fault now. Returns the journal id of the event it caused. */
export function applyFault(sim: Sim, f: Fault, t: FaultTargets): number {
  const node = (id: string) => {
    const n = sim.node(id);
    if (!n) throw new Error(`fault ${f.type}: no node named "${id}"`);
    return n;
  };
  switch (f.type) {
    case 'crash':
      if (f.when !== 'now') {
        const armed = sim.rec.note('fault-armed', f.node, undefined, {
          kind: 'crash',
          when: f.when,
        });
        if (!t.armCrash(f.node, f.when, armed))
          throw new Error(`crash when=${f.when}: "${f.node}" is not a consumer`);
        return armed;
      }
      return node(f.node).crash();
    case 'restart':
      return node(f.node).restart();
    case 'power-loss':
      return node(f.node).powerLoss();
    case 'pause':
      return node(f.node).pause(fromMs(f.durationMs));
    case 'partition':
      return t.net.partition(f.a, f.b, f.oneWay);
    case 'split':
      return t.net.split(f.sides[0], f.sides[1]);
    case 'heal':
      return t.net.heal(f.a, f.b);
    case 'drop-next':
      return t.net.arm('drop', f.from, f.to, f.match, f.count);
    case 'duplicate-next':
      return t.net.arm('duplicate', f.from, f.to, f.match, f.count);
    case 'delay-next':
      return t.net.arm('delay', f.from, f.to, f.match, f.count, fromMs(f.delayMs));
    case 'slow-consumer': {
      const id = sim.rec.note('fault-armed', f.node, undefined, { kind: 'slow-consumer' });
      if (!t.setProcessing(f.node, distFromMs(f.processingMs)))
        throw new Error(`slow-consumer: "${f.node}" is not a consumer`);
      return id;
    }
    default: {
      const never: never = f;
      throw new Error(`unknown fault ${JSON.stringify(never)}`);
    }
  }
}
