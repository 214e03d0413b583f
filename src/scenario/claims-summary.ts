/**
 * One line, in zh or en, that says what a scenario's claims check: the UI shows it under the
 * description, so a learner sees exactly what the run is tested to show (and nothing more).
 */
import { GLOSSARY } from '../engine/text/glossary';
import {
  CLAIM_ANOMALY_KINDS,
  CLAIM_FATES,
  type Claims,
  type CountBound,
  type GroupClaims,
  type RunClaims,
} from './claims';

import { FATE_LABELS } from '../i18n/fates';

type Lang = 'zh' | 'en';
type ClaimFate = (typeof CLAIM_FATES)[number];

// The fate names the report panel uses: one table (src/i18n/fates.ts), so they cannot drift.
const FATE_NAMES: Record<ClaimFate, Record<Lang, string>> = FATE_LABELS;

const WORDS = {
  zh: {
    checked: '检验：',
    colon: '：',
    duplicateEffects: '重复生效',
    processedBy: '处理',
    sep: '，',
    groupSep: '；',
    part: ' · ',
    shown: '机制：',
    absent: '不应出现：',
    acted: '起作用：',
    variants: (n: number) => `${n} 个变体：`,
    list: '、',
  },
  en: {
    checked: 'Checked: ',
    colon: ': ',
    duplicateEffects: 'applied twice',
    processedBy: 'processed',
    sep: ', ',
    groupSep: '; ',
    part: ' · ',
    shown: 'explained by ',
    absent: 'never ',
    acted: 'acting: ',
    variants: (n: number) => `${n} variant${n === 1 ? '' : 's'}: `,
    list: ', ',
  },
} as const;

function bound(b: CountBound): string {
  if (typeof b === 'number') return String(b);
  if (b.min !== undefined && b.max !== undefined)
    return b.min === b.max ? String(b.min) : `${b.min}–${b.max}`;
  return b.min !== undefined ? `≥ ${b.min}` : `≤ ${b.max ?? 0}`;
}

function groupLine(group: string, c: GroupClaims, lang: Lang): string {
  const parts: string[] = [];
  for (const k of CLAIM_ANOMALY_KINDS) {
    const b = c[k];
    if (b !== undefined) parts.push(`${GLOSSARY[k][lang]} ${bound(b)}`);
  }
  if (c.duplicateEffects !== undefined)
    parts.push(`${WORDS[lang].duplicateEffects} ${bound(c.duplicateEffects)}`);
  for (const [consumer, b] of Object.entries(c.consumers ?? {}))
    parts.push(`${consumer} ${WORDS[lang].processedBy} ${bound(b)}`);
  for (const f of CLAIM_FATES) {
    const b = c.fates?.[f];
    if (b !== undefined) parts.push(`${FATE_NAMES[f][lang]} ${bound(b)}`);
  }
  for (const [p, pc] of Object.entries(c.producers ?? {})) {
    const kinds = CLAIM_ANOMALY_KINDS.flatMap((k) => {
      const b = pc[k];
      return b === undefined ? [] : [`${GLOSSARY[k][lang]} ${bound(b)}`];
    });
    parts.push(`${p}${WORDS[lang].colon}${kinds.join(' ')}`);
  }
  return `${group} ${parts.join(WORDS[lang].sep)}`;
}

function runLine(c: RunClaims, lang: Lang): string[] {
  const w = WORDS[lang];
  const out: string[] = [];
  const groups = Object.entries(c.groups ?? {}).map(([g, gc]) => groupLine(g, gc, lang));
  if (groups.length > 0) out.push(w.checked + groups.join(w.groupSep));
  const m = c.mechanisms;
  if (m?.present?.length) out.push(w.shown + m.present.join(w.list));
  if (m?.acted?.length) out.push(w.acted + m.acted.join(w.list));
  if (m?.absent?.length) out.push(w.absent + m.absent.join(w.list));
  return out;
}

/**
 * A one-line summary of what the claims check, e.g.
 * `Checked: orders-app lost ≥ 1 · explained by kafka.acks1-leader-crash · 1 variant: acks-all`.
 * Mechanism ids stay as ids: the UI links each to its catalogue entry.
 */
export function summarizeClaims(claims: Claims, lang: Lang): string {
  const w = WORDS[lang];
  const parts = runLine(claims, lang);
  const vs = claims.variants ?? [];
  if (vs.length > 0) parts.push(w.variants(vs.length) + vs.map((v) => v.name).join(w.list));
  return parts.join(w.part);
}
