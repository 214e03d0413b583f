/**
 * The mechanism catalogue and the chain walker, checked against every preset: each anomaly names
 * at least one recorded mechanism, each mechanism's cause entries are in the anomaly's chain, the
 * text is filled from the run (no placeholder left), and the catalogue itself is complete.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../run';
import { PRESETS } from '../../scenario/presets';
import { CAUSE_ROLES, MECHANISM_IDS, isMechanismId } from './mechanism-ids';
import { MECHANISMS, PHRASES } from './mechanisms';
import { render } from './render';

const SLOT = /\{([a-zA-Z.-]+)\}/g;
const ENTRY_FIELDS = new Set(['node', 'at', 'from', 'to', 'verb']);
const EXTRA = new Set([
  'msg',
  'grp',
  'm',
  'producer',
  'told.at',
  'err',
  'where',
  'n',
  'list',
  'after',
  'mAt',
  'afterAt',
  'fate',
  'd.first',
  'd.second',
]);

/** True when a slot name is one the renderer can resolve. */
function knownSlot(name: string): boolean {
  if (EXTRA.has(name) || ENTRY_FIELDS.has(name) || name.startsWith('d.')) return true;
  const [role, ...rest] = name.split('.');
  const field = rest.join('.');
  return (
    (CAUSE_ROLES as readonly string[]).includes(role ?? '') &&
    (ENTRY_FIELDS.has(field) || field.startsWith('d.'))
  );
}

describe('the catalogue', () => {
  it('has one complete entry per mechanism id', () => {
    for (const id of MECHANISM_IDS) {
      const m = MECHANISMS[id];
      expect(m.id).toBe(id);
      expect(m.title.en.length).toBeGreaterThan(0);
      expect(m.title.zh.length).toBeGreaterThan(0);
      expect(m.text.en.length).toBeGreaterThan(10);
      expect(m.text.zh.length).toBeGreaterThan(5);
      expect(m.cite).toMatch(/^https:\/\//);
      expect(m.version.length).toBeGreaterThan(0);
      expect(m.effects.length).toBeGreaterThan(0);
      if (!m.effects.includes('protect')) expect(m.prevent.en.length).toBeGreaterThan(10);
    }
    expect(isMechanismId('kafka.acks1-leader-crash')).toBe(true);
    expect(isMechanismId('kafka.no-such-thing')).toBe(false);
  });

  it('every template names only slots the renderer knows, with balanced groups', () => {
    const texts = [
      ...Object.values(MECHANISMS).flatMap((m) => [m.text, m.prevent]),
      ...Object.values(PHRASES),
    ];
    for (const t of texts) {
      for (const s of [t.en, t.zh]) {
        for (const [, name] of s.matchAll(SLOT)) expect(knownSlot(name ?? ''), name).toBe(true);
        const opens = (s.match(/\[/g) ?? []).length;
        expect((s.match(/\]/g) ?? []).length).toBe(opens);
      }
    }
  });

  it('renders an optional group only when its slots have values', () => {
    const s = { links: {}, extra: { msg: { en: 'Message #1', zh: '消息 #1' } } };
    expect(render('{msg} was lost[ at {fault.at}].', s, 'en')).toBe('Message #1 was lost.');
    expect(render('{msg}{fault.node}', s, 'en')).toBe('Message #1?');
  });
});

describe('every anomaly in every preset', () => {
  for (const p of PRESETS) {
    it(`${p.name}: names recorded mechanisms whose causes are in its chain`, () => {
      const r = runScenario(p);
      for (const a of [...r.report.anomalies, ...r.report.setAside]) {
        const where = `${p.name} #${a.msg} in ${a.group}`;
        expect(a.mechanisms.length, `${where} has no mechanism`).toBeGreaterThan(0);
        const chain = new Set(a.chain.map((e) => e.id));
        for (const act of a.acts) {
          if (act.entry >= 0) expect(chain.has(act.entry), where).toBe(true);
          for (const c of act.causes) expect(chain.has(c), `${where}: cause ${c}`).toBe(true);
        }
        for (const lang of ['en', 'zh'] as const) {
          expect(a.reason[lang], where).not.toMatch(/\?|\{|\}|undefined|NaN|\[object/);
        }
      }
    });
  }
});
