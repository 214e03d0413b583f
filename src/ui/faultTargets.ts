/**
 * Which nodes a one-node fault can act on. Offering a fault that does nothing (crashing an
 * exchange, which is routing inside a broker, not a process; pausing a producer) teaches nothing
 * and looks like a bug, so the add-fault form, the fault menu and the fault editor offer only these.
 */
import type { NodeView } from '../engine/view';

export type NodeFaultType = 'crash' | 'restart' | 'power-loss' | 'pause' | 'slow-consumer';

/** Whether a fault of `type` acts on a node of `role`. */
export function faultActsOn(type: NodeFaultType, role: NodeView['role']): boolean {
  switch (type) {
    case 'crash':
    case 'restart':
      return role !== 'exchange';
    case 'power-loss':
    case 'pause':
      return role === 'broker' || role === 'controller' || role === 'nameserver';
    case 'slow-consumer':
      return role === 'consumer';
    default: {
      const never: never = type;
      return never;
    }
  }
}

/** The ids of the nodes a fault of `type` acts on, in view order. */
export function faultTargets(
  type: NodeFaultType,
  nodes: readonly Pick<NodeView, 'id' | 'role'>[],
): string[] {
  return nodes.filter((n) => faultActsOn(type, n.role)).map((n) => n.id);
}
