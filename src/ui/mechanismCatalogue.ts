/**
 * The mechanism catalogue (titles, explanations and knobs of every way a message is lost,
 * duplicated or reordered) is large text the first frame does not show: it loads with the first
 * lesson (`openLesson` waits for it), and views that show a mechanism read it from here.
 */
import type { Mechanism } from '../engine/check/mechanisms';
import type { MechanismId } from '../engine/check/mechanism-ids';

let catalogue: Readonly<Record<MechanismId, Mechanism>> | null = null;

/** Loads the catalogue once; later calls resolve at once. */
export async function loadMechanisms(): Promise<void> {
  catalogue ??= (await import('../engine/check/mechanisms')).MECHANISMS;
}

/** A mechanism's entry, or null while the catalogue has not loaded yet. */
export function mechanismNow(id: MechanismId): Mechanism | null {
  return catalogue?.[id] ?? null;
}
