/**
 * The preset menu, grouped by system and curriculum theme ("Kafka · Ordering"), so a newcomer
 * finds a scenario by what it is about instead of by a code. The theme comes from the curriculum
 * letter in the preset's name (`kafka-d4-...` is D, ordering) or from the table below.
 */
import { LESSON_STRINGS } from '../i18n/lessons';
import type { Lang } from '../i18n/strings';
import type { Theme } from '../lessons/schema';
import type { PresetMeta as PresetMenuEntry } from '../scenario/presets/meta';
import { PRESET_INDEX } from './presets';

const BY_LETTER: Record<string, Theme> = {
  a: 'why',
  b: 'loss',
  c: 'duplicates',
  d: 'ordering',
  e: 'availability',
  f: 'backlog',
  g: 'rabbitmq',
  h: 'rocketmq',
  i: 'design',
};

/** Presets whose name carries no curriculum letter. */
const THEME_OF: Record<string, Theme> = {
  'confirms-off-crash': 'loss',
  'transient-messages': 'loss',
  'auto-ack-consumer-crash': 'loss',
  'lost-confirm-republish': 'duplicates',
  'power-loss': 'loss',
  'kafka-acks1-leader-crash': 'loss',
  'kafka-acks-all-leader-crash': 'loss',
  'kafka-key-ordering-d3': 'ordering',
  'kafka-k18-transactions': 'duplicates',
};

const SYSTEM_NAMES: Record<string, Record<Lang, string>> = {
  'single-node': { en: 'Single node', zh: '单节点' },
  kafka: { en: 'Kafka', zh: 'Kafka' },
  rabbitmq: { en: 'RabbitMQ', zh: 'RabbitMQ' },
};

function themeOf(name: string): Theme | null {
  const m = /^(?:kafka|rabbitmq)-([a-i])[0-9]/.exec(name);
  return THEME_OF[name] ?? (m?.[1] ? (BY_LETTER[m[1]] ?? null) : null);
}

export interface PresetGroup {
  label: string;
  entries: PresetMenuEntry[];
}

/** The menu's groups in order: the default scenario first, then by system, then by theme. */
export function presetGroups(lang: Lang): PresetGroup[] {
  const groups = new Map<string, PresetMenuEntry[]>();
  PRESET_INDEX.forEach((p, i) => {
    const system = p.system;
    const theme = i === 0 ? null : themeOf(p.name);
    const sys = SYSTEM_NAMES[system]?.[lang] ?? system;
    const label = theme ? `${sys} · ${LESSON_STRINGS[lang].themes[theme]}` : sys;
    groups.set(label, [...(groups.get(label) ?? []), p]);
  });
  return [...groups].map(([label, entries]) => ({ label, entries }));
}
