/**
 * The chain walker: which mechanisms made an anomaly happen, read from the journal entries the
 * models recorded (`JournalEntry.mech` and typed `links`), never from event names or strings; and
 * the explanation, filled from the catalogue (`mechanisms.ts`) with the facts of this run.
 *
 * Which recorded acts explain which anomaly:
 * - lost (or set aside): the entry that decided the message's fate in the group;
 * - duplicated: acts with a `duplicated` effect on the message's path (a retry or republish at any
 *   time; a requeue or redelivery only after the first delivery in that group);
 * - reordered: acts with a `reordered` effect on the message's path after the later message was
 *   sent; otherwise, when two consumers processed them, competing consumers (a history fact);
 * - unexpected: an aborted transaction read with read_uncommitted;
 * - recovered: the lost acknowledgement or the timeout that left the producer unsure.
 */
import type { AnomalyKind, DeliverOp, EffectOp, OutcomeOp, ProducerView, SendOp } from './checker';
import { appliesTo } from './entries';
import type { BrokerFamily, CauseRole, JournalEntry, MechanismId, MsgId } from './history';
import { MECHANISMS, PHRASES, type Bilingual } from './mechanisms';
import { render, timeText, type Lang, type Slots } from './render';

/** The history ops of one message that an explanation quotes, in history order. */
export interface MsgOps {
  sends: SendOp[];
  outcomes: OutcomeOp[];
  /** Deliveries in the anomaly's group only. */
  deliveries: DeliverOp[];
  /** Effects in the anomaly's group only. */
  effects: EffectOp[];
}

/** What the walker needs beyond the anomaly itself. */
export interface ExplainContext {
  ops: MsgOps;
  /** Reordered only: the ops of the message it came after. */
  after?: MsgOps;
  /** The group to name in the text; null when the run has a single group. */
  groupLabel: string | null;
  family?: BrokerFamily;
}

/** One mechanism acting on the message: the entry that recorded it and its cause entries. */
export interface MechanismAct {
  mech: MechanismId;
  /** The journal entry that recorded it; -1 for a mechanism read from the history. */
  entry: number;
  /** Ids of the entries its typed links point to (its causes), in link order. */
  causes: number[];
}

/** What the walker hands the checker for one anomaly (or one set-aside message). */
export interface Walked {
  acts: MechanismAct[];
  reason: Bilingual;
}

/** The facts about one message the walker reads. */
export interface WalkInput {
  kind: AnomalyKind | 'set-aside';
  group: string;
  msg: MsgId;
  key: string | null;
  producer: string | null;
  /** The message's chain (own entries, closed under cause and links), sorted by id. */
  chain: readonly JournalEntry[];
  /** Ids in `chain` that are there only for the related message (reordered). */
  relatedIds: readonly number[];
  fate: string | null;
  view: ProducerView | null;
  /** Lost: the entry that decided the fate. */
  decidingEntry?: number;
  /** Reordered: the message it came after. */
  after?: MsgId;
  deliveries: number;
  effectsApplied: number;
  effectsAbsorbed: number;
}

const LANGS: readonly Lang[] = ['en', 'zh'];

function both(f: (l: Lang) => string): Record<Lang, string> {
  return { en: f('en'), zh: f('zh') };
}

/** Resolves an act's slots: its entry and its linked entries by role. */
function slotsOf(
  act: MechanismAct,
  byId: ReadonlyMap<number, JournalEntry>,
  extra: Slots['extra'],
): Slots {
  const entry = act.entry >= 0 ? byId.get(act.entry) : undefined;
  const links: Slots['links'] = {};
  for (const l of entry?.links ?? []) {
    const e = byId.get(l.id);
    if (e && links[l.role] === undefined) links[l.role] = e;
  }
  return entry ? { entry, links, extra } : { links, extra };
}

/** The act recorded by one entry. */
function actOf(e: JournalEntry): MechanismAct | null {
  if (e.mech === undefined) return null;
  return { mech: e.mech, entry: e.id, causes: (e.links ?? []).map((l) => l.id) };
}

function has(mech: MechanismId, effect: string): boolean {
  return (MECHANISMS[mech].effects as readonly string[]).includes(effect);
}

/** Retry-like acts (the producer side) happen before any delivery; others must follow one. */
const PRODUCER_SIDE: ReadonlySet<MechanismId> = new Set<MechanismId>([
  'rabbit.lost-confirm-republish',
  'kafka.retry-without-idempotence',
  'net.duplicated',
  'rocketmq.send-retry',
]);

/** Entries of a chain the act finder reads between two reports of its work (`actsSteps`). */
const WALK_CHUNK = 64;

/** Finds the acts that explain this anomaly: `actsSteps` driven to the end in one go. */
export function actsFor(
  w: WalkInput,
  ctx: ExplainContext,
  byId: ReadonlyMap<number, JournalEntry>,
): MechanismAct[] {
  const g = actsSteps(w, ctx, byId);
  for (let r = g.next(); ; r = g.next()) if (r.done) return r.value;
}

/**
 * Finds the acts that explain this anomaly in bounded steps: it yields the units of work it did
 * (one per chain entry, plus one per 16 message references read) every `WALK_CHUNK` entries, so a
 * driver can stop between two yields however long the chain is (a truncation that touches
 * thousands of messages puts thousands of entries in each of their chains).
 */
export function* actsSteps(
  w: WalkInput,
  ctx: ExplainContext,
  byId: ReadonlyMap<number, JournalEntry>,
): Generator<number, MechanismAct[], void> {
  const related = new Set<number>();
  let units = 0;
  for (let i = 0; i < w.relatedIds.length; i++) {
    related.add(w.relatedIds[i] as number);
    if (++units >= WALK_CHUNK) {
      yield units;
      units = 0;
    }
  }
  const own: JournalEntry[] = [];
  for (let i = 0; i < w.chain.length; i++) {
    const e = w.chain[i] as JournalEntry;
    units += 1 + ((e.msgs?.length ?? 0) >> 4);
    if (!related.has(e.id) && e.msgs?.includes(w.msg) === true) own.push(e);
    if (units >= WALK_CHUNK) {
      yield units;
      units = 0;
    }
  }
  const acts: MechanismAct[] = [];
  // Entries already told: a Set, so a chain with thousands of acts is not quadratic.
  const seen = new Set<number>();
  const push = (e: JournalEntry | undefined): void => {
    const a = e ? actOf(e) : null;
    if (a && !seen.has(a.entry)) {
      seen.add(a.entry);
      acts.push(a);
    }
  };
  switch (w.kind) {
    case 'lost':
    case 'set-aside':
      push(w.decidingEntry === undefined ? undefined : byId.get(w.decidingEntry));
      break;
    case 'duplicated': {
      const first = ctx.ops.deliveries[0]?.at ?? Number.POSITIVE_INFINITY;
      for (const e of own) {
        if (++units >= WALK_CHUNK) {
          yield units;
          units = 0;
        }
        if (e.mech === undefined || !has(e.mech, 'duplicated')) continue;
        if (PRODUCER_SIDE.has(e.mech)) push(e);
        else if (e.at >= first && appliesTo(e, w.group)) push(e);
      }
      break;
    }
    case 'reordered': {
      const afterSent = ctx.after?.sends[0]?.at ?? 0;
      for (const e of own) {
        if (++units >= WALK_CHUNK) {
          yield units;
          units = 0;
        }
        if (e.mech === undefined || !has(e.mech, 'reordered')) continue;
        if (e.at >= afterSent && appliesTo(e, w.group)) push(e);
      }
      const mEffect = ctx.ops.effects[0];
      const aEffect = ctx.after?.effects[0];
      if (acts.length === 0 && mEffect && aEffect && mEffect.consumer !== aEffect.consumer) {
        acts.push({ mech: 'consumer.competing-consumers', entry: -1, causes: [] });
      }
      break;
    }
    case 'unexpected':
      for (const e of w.chain) {
        if (++units >= WALK_CHUNK) {
          yield units;
          units = 0;
        }
        if (e.mech === 'kafka.txn-aborted') {
          acts.push({
            mech: 'kafka.read-uncommitted',
            entry: e.id,
            causes: [e.id, ...(e.links ?? []).map((l) => l.id)],
          });
          break;
        }
      }
      break;
    case 'recovered':
      for (const e of own) {
        if (++units >= WALK_CHUNK) {
          yield units;
          units = 0;
        }
        if (e.mech !== undefined && has(e.mech, 'recovered')) push(e);
      }
      break;
    default: {
      const never: never = w.kind;
      throw new Error(`unknown kind ${String(never)}`);
    }
  }
  if (units > 0) yield units;
  return acts;
}

function msgLabel(m: MsgId, key: string | null): Record<Lang, string> {
  return key === null
    ? { en: `Message #${m}`, zh: `消息 #${m}` }
    : { en: `Message #${m} (key ${key})`, zh: `消息 #${m}（key=${key}）` };
}

const FATE_WORDS: Record<string, Record<Lang, string>> = {
  'dead-lettered': { en: 'dead-lettered', zh: '成为死信' },
  expired: { en: 'expired', zh: '过期' },
  overflowed: { en: 'dropped by x-max-length', zh: '因队列超长被丢弃' },
  rejected: { en: 'rejected', zh: '被拒绝' },
  aborted: { en: 'transaction aborted', zh: '事务已中止' },
};

/** Builds the explanation of an anomaly from its acts and the catalogue. */
export function explainActs(
  w: WalkInput,
  acts: readonly MechanismAct[],
  ctx: ExplainContext,
  byId: ReadonlyMap<number, JournalEntry>,
): Bilingual {
  const t = (at: number) => both((l) => timeText(at, l));
  const extra: Slots['extra'] = {
    msg: msgLabel(w.msg, w.key),
    grp:
      ctx.groupLabel === null
        ? { en: '', zh: '' }
        : { en: ` for ${ctx.groupLabel}`, zh: `在 ${ctx.groupLabel} 中` },
    m: { en: String(w.msg), zh: String(w.msg) },
    producer: { en: w.producer ?? 'the producer', zh: w.producer ?? '生产者' },
  };
  const v = w.view;
  if (v?.at != null) extra['told.at'] = t(v.at);
  const err = v?.error ?? v?.result ?? 'error';
  extra.err = { en: err, zh: err === 'timeout' ? '超时' : err };
  const d = ctx.ops.deliveries[0];
  extra.where = d
    ? {
        en: ` to ${d.consumer} at ${timeText(d.at, 'en')}`,
        zh: `在 ${timeText(d.at, 'zh')} 被投递给 ${d.consumer}`,
      }
    : { en: '', zh: '被投递' };
  const out: Record<Lang, string[]> = { en: [], zh: [] };
  const say = (tpl: Bilingual, s: Slots = { links: {}, extra }): void => {
    for (const l of LANGS) out[l].push(render(tpl[l], s, l));
  };

  switch (w.kind) {
    case 'lost': {
      say(PHRASES.lost);
      // A mechanism that links the broker's acknowledgement tells it itself, with where and when.
      const ackTold = acts.some((a) =>
        (byId.get(a.entry)?.links ?? []).some((l) => l.role === 'ack' && byId.has(l.id)),
      );
      if (v?.result === 'sent') say(PHRASES.toldSent);
      else if (v?.at != null && !ackTold) say(PHRASES.toldAck);
      break;
    }
    case 'set-aside':
      extra.fate = FATE_WORDS[w.fate ?? ''] ?? { en: w.fate ?? '?', zh: w.fate ?? '?' };
      say(PHRASES.setAside);
      break;
    case 'duplicated': {
      const ds = ctx.ops.deliveries;
      if (w.deliveries > 1) {
        const shown = ds.slice(0, 4);
        const more = ds.length - shown.length;
        extra.n = { en: String(w.deliveries), zh: String(w.deliveries) };
        extra.list = {
          en:
            shown.map((x) => `at ${timeText(x.at, 'en')} to ${x.consumer}`).join(', ') +
            (more > 0 ? `, and ${more} more` : ''),
          zh:
            shown.map((x) => `${timeText(x.at, 'zh')} 投递给 ${x.consumer}`).join('，') +
            (more > 0 ? `，另有 ${more} 次` : ''),
        };
        say(PHRASES.duplicatedDelivered);
      } else {
        extra.n = { en: String(w.effectsApplied), zh: String(w.effectsApplied) };
        say(PHRASES.duplicatedProcessed);
      }
      break;
    }
    case 'reordered': {
      extra.after = { en: String(w.after ?? '?'), zh: String(w.after ?? '?') };
      const mEffect = ctx.ops.effects[0];
      const aEffect = ctx.after?.effects[0];
      if (mEffect && aEffect) {
        extra.mAt = t(mEffect.at);
        extra.afterAt = t(aEffect.at);
      }
      say(PHRASES.reordered);
      if (mEffect && aEffect) {
        extra['d.first'] = { en: aEffect.consumer, zh: aEffect.consumer };
        extra['d.second'] = { en: mEffect.consumer, zh: mEffect.consumer };
      }
      break;
    }
    case 'unexpected':
      say(w.producer === null ? PHRASES.unexpectedUnsent : PHRASES.unexpected);
      break;
    case 'recovered':
      say(PHRASES.recovered);
      break;
    default: {
      const never: never = w.kind;
      throw new Error(`unknown kind ${String(never)}`);
    }
  }

  if (acts.length === 0) say(PHRASES.unrecorded);
  const prevents: Bilingual[] = [];
  const told = new Set<MechanismId>();
  for (const a of acts) {
    // The same mechanism acting again (three nacked retries) is told once, by its first act.
    if (told.has(a.mech)) continue;
    told.add(a.mech);
    const m = MECHANISMS[a.mech];
    say(m.text, slotsOf(a, byId, extra));
    if (m.prevent.en !== '' && !prevents.includes(m.prevent)) prevents.push(m.prevent);
  }
  if (w.kind === 'duplicated') {
    extra.n = { en: String(w.effectsApplied), zh: String(w.effectsApplied) };
    if (w.effectsApplied > 1) say(PHRASES.effectRepeated);
    else if (w.effectsAbsorbed > 0) say(PHRASES.effectAbsorbed);
    else if (w.effectsApplied === 1) say(PHRASES.effectOnce);
    else say(PHRASES.effectNone);
  }
  for (const p of prevents) say(p);
  return { en: out.en.join(' '), zh: out.zh.join('') };
}

/** A linked entry's role, for the story view: which role each cause plays in an act. */
export function causeRoles(
  acts: readonly MechanismAct[],
  byId: ReadonlyMap<number, JournalEntry>,
): Map<number, CauseRole> {
  const roles = new Map<number, CauseRole>();
  for (const a of acts) {
    for (const l of byId.get(a.entry)?.links ?? []) {
      if (!roles.has(l.id)) roles.set(l.id, l.role);
    }
  }
  return roles;
}
