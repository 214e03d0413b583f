/**
 * Small readers for journal entries, shared by the checker and the explanations. Journal `data`
 * is loosely typed on purpose (each broker model adds its own fields), so every reader here
 * tolerates a missing or mistyped field instead of trusting it.
 */
import type { JournalEntry, MsgId } from './history';

/**
 * Protocol message types that acknowledge something. Losing one in the network does not lose
 * the message it acknowledges: the checker never counts such a `net-drop` as the message's fate.
 */
const ACK_TYPES: ReadonlySet<string> = new Set([
  'confirm',
  'ack',
  'nack',
  'commit',
  'offset-commit',
  'produce-response',
  'send-result',
]);

/** A string field of `entry.data`, or undefined. */
export function dataStr(e: JournalEntry, field: string): string | undefined {
  const v = e.data?.[field];
  return typeof v === 'string' ? v : undefined;
}

/** A number field of `entry.data`, or undefined. */
export function dataNum(e: JournalEntry, field: string): number | undefined {
  const v = e.data?.[field];
  return typeof v === 'number' ? v : undefined;
}

/** True for a `net-drop` (or `net-duplicate`) of an acknowledgement rather than of the message. */
export function isAckTraffic(e: JournalEntry): boolean {
  if (e.data?.ack === true) return true;
  const t = dataStr(e, 'type');
  return t !== undefined && ACK_TYPES.has(t);
}

/**
 * True when `e` applies to group `g`. An entry may name the queue or group it concerns
 * (`data.queue`, `data.group`), e.g. one copy of a fanned-out message; one that names none
 * applies to every group.
 */
export function appliesTo(e: JournalEntry, g: string): boolean {
  const q = dataStr(e, 'queue');
  if (q !== undefined && q !== g) return false;
  const gr = dataStr(e, 'group');
  return gr === undefined || gr === g;
}

/** True when the entry can explain why a message disappeared from group `g`. */
export function dropsFor(e: JournalEntry, g: string): boolean {
  if (e.kind === 'drop') return appliesTo(e, g);
  if (e.kind === 'net-drop') return !isAckTraffic(e) && appliesTo(e, g);
  return false;
}

/** `from->to` link names split into their ends; a plain node name gives `[node, node]`. */
export function linkEnds(node: string): [string, string] {
  const i = node.indexOf('->');
  return i < 0 ? [node, node] : [node.slice(0, i), node.slice(i + 2)];
}

/** True when the entry lists message `m`. */
export function touches(e: JournalEntry, m: MsgId): boolean {
  return e.msgs !== undefined && e.msgs.includes(m);
}
