/**
 * The story of one anomaly: which entries of its chain a learner is shown, in what order, and
 * which of them are the mechanism's causes. Plain functions over the worker's summary, so they
 * are tested without a browser.
 *
 * Shown: the entries that touch the message (its path), the entries that touch the related
 * message of a `reordered` anomaly (the one that overtook it), and every entry reachable from
 * those through `cause` and the typed `links`. A chain entry that is there for no such reason
 * (an unrelated batch neighbour's bookkeeping) stays in the raw view only.
 */
import type { CauseRole } from '../engine/check/history';
import type { AnomalySummary, ChainEntry } from '../worker/protocol';

/** How an entry got into the story. */
export interface StoryEntry {
  entry: ChainEntry;
  /** On the message's own path (it touches the message). */
  onPath: boolean;
  /** On the related message's path (reordered: the message that went ahead). */
  related: boolean;
  /** Roles it plays for later entries' mechanisms (typed links), in first-seen order. */
  roles: CauseRole[];
  /** A plain `cause` link from a later entry points at it (an untyped cause). */
  cause: boolean;
  /** The entry is a mechanism acting (`mech` set). */
  act: boolean;
}

/** The story entries of an anomaly, in time order (then journal order). */
export function storyOf(a: Pick<AnomalySummary, 'msg' | 'chain' | 'relatedIds'>): StoryEntry[] {
  const byId = new Map<number, ChainEntry>();
  for (const e of a.chain) byId.set(e.id, e);
  const related = new Set(a.relatedIds);
  const story = new Map<number, StoryEntry>();
  const queue: ChainEntry[] = [];
  const add = (e: ChainEntry): StoryEntry => {
    let s = story.get(e.id);
    if (!s) {
      s = {
        entry: e,
        onPath: e.msgs?.includes(a.msg) === true,
        related: false,
        roles: [],
        cause: false,
        act: e.mech !== undefined,
      };
      story.set(e.id, s);
      queue.push(e);
    }
    return s;
  };
  for (const e of a.chain) {
    if (e.msgs?.includes(a.msg)) add(e);
    else if (related.has(e.id) && e.msgs && e.msgs.length > 0) add(e).related = true;
  }
  for (let i = 0; i < queue.length; i++) {
    const e = queue[i] as ChainEntry;
    if (e.cause !== undefined) {
      const c = byId.get(e.cause);
      if (c) add(c).cause = true;
    }
    for (const l of e.links ?? []) {
      const c = byId.get(l.id);
      if (!c) continue;
      // One act can cover many messages (a truncation drops 19 records at once) and link every
      // one's append and acknowledgement: a linked step about other messages only is not this
      // message's story.
      if (c.msgs && c.msgs.length > 0 && !c.msgs.includes(a.msg)) continue;
      const s = add(c);
      if (!s.roles.includes(l.role)) s.roles.push(l.role);
    }
  }
  return [...story.values()].sort((x, y) => x.entry.at - y.entry.at || x.entry.id - y.entry.id);
}

/** Whether a story entry is shown as a cause (typed or not) rather than as a step of the path. */
export function isCause(s: StoryEntry): boolean {
  return s.roles.length > 0 || (s.cause && !s.onPath);
}
