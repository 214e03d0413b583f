/**
 * Fills the catalogue's templates from the run: a mechanism's act (the entry that recorded it and
 * the entries its typed links point to) becomes a sentence in Chinese or English.
 *
 * A `{slot}` with no value in this run makes its enclosing `[...]` group disappear, so a sentence
 * states only what the run recorded; a slot with no value outside any group renders as `?` (a
 * catalogue bug the tests catch).
 */
import { dataStr } from './entries';
import type { CauseRole, JournalEntry } from './history';
import { formatSeconds, type Micros } from '../kernel/time';
import { linkEnds } from './entries';
import { REASON_WORDS, WIRE_WORDS } from '../text/words';

/** The language of a text. */
export type Lang = 'en' | 'zh';

/** Facts a template can name, already resolved for one act. */
export interface Slots {
  /** The entry that recorded the mechanism (absent for a mechanism derived from the history). */
  entry?: JournalEntry;
  /** The first linked entry of each role. */
  links: Partial<Record<CauseRole, JournalEntry>>;
  /** Extra named values (`msg`, `grp`, `told.at`, `d.first`...), per language. */
  extra: Record<string, Record<Lang, string>>;
}

/** How a node stopped, from a crash / power-loss / pause / restart entry (`role.verb`). */
const STOP_WORDS: Record<string, Record<Lang, string>> = {
  crash: { en: 'crashed', zh: '崩溃' },
  'power-loss': { en: 'lost power', zh: '断电' },
  pause: { en: 'was paused', zh: '暂停' },
  restart: { en: 'restarted', zh: '重启' },
  partition: { en: 'was cut off by a network partition', zh: '被网络分区隔开' },
};

/** Virtual time as learners read it: `10.200 s` (en) or `10.200s` (zh). */
export function timeText(at: Micros, lang: Lang): string {
  const s = formatSeconds(at);
  return lang === 'zh' ? s.replace(' ', '') : s;
}

function entryField(e: JournalEntry, field: string, lang: Lang): string | undefined {
  switch (field) {
    case 'node':
      return e.node;
    case 'at':
      return timeText(e.at, lang);
    case 'from':
      return linkEnds(e.node)[0];
    case 'to':
      return linkEnds(e.node)[1];
    case 'verb':
      return STOP_WORDS[e.kind]?.[lang];
    default:
      break;
  }
  if (field.startsWith('d.')) {
    const key = field.slice(2);
    const derived = /^(type|why)(En|Zh)$/.exec(key);
    if (derived) {
      const l: Lang = derived[2] === 'En' ? 'en' : 'zh';
      const raw = dataStr(e, derived[1] === 'type' ? 'type' : 'reason');
      if (raw === undefined) return undefined;
      // Why: the reason codes every model writes, named once for the UI and the catalogue.
      const word = derived[1] === 'type' ? WIRE_WORDS[raw]?.phrase : REASON_WORDS[raw];
      return word?.[l] ?? (l === 'en' ? raw : undefined);
    }
    const v = e.data?.[key];
    if (v === undefined) return undefined;
    return String(v);
  }
  return undefined;
}

/** The value of one slot, or undefined when the run has none. */
function slot(name: string, s: Slots, lang: Lang): string | undefined {
  const x = s.extra[name];
  if (x) return x[lang];
  const dot = name.indexOf('.');
  const head = dot < 0 ? name : name.slice(0, dot);
  const rest = dot < 0 ? '' : name.slice(dot + 1);
  if (head === 'd' || dot < 0) return s.entry ? entryField(s.entry, name, lang) : undefined;
  const linked = s.links[head as CauseRole];
  return linked ? entryField(linked, rest, lang) : undefined;
}

const SLOT = /\{([a-zA-Z.-]+)\}/g;

function fill(text: string, s: Slots, lang: Lang, missing: string | null): string | null {
  let ok = true;
  const out = text.replace(SLOT, (_, name: string) => {
    const v = slot(name, s, lang);
    if (v === undefined) {
      ok = false;
      return missing ?? '';
    }
    return v;
  });
  return ok || missing !== null ? out : null;
}

/**
 * Renders a template: optional `[...]` groups first (dropped when a slot inside has no value),
 * then the remaining slots (`?` when missing).
 */
export function render(template: string, s: Slots, lang: Lang): string {
  const withGroups = template.replace(/\[([^\]]*)\]/g, (_, inner: string) => {
    return fill(inner, s, lang, null) ?? '';
  });
  return (fill(withGroups, s, lang, '?') ?? '').replace(/ {2,}/g, ' ');
}
