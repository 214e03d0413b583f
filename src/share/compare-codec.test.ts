import { describe, expect, it } from 'vitest';
import { presetByName } from '../scenario/presets';
import { deflate, toBase64Url } from './codec';
import {
  decodeCompareFragmentNow,
  encodeCompareFragment,
  isCompareFragment,
  validateCompare,
} from './compare-codec';

const base = presetByName('kafka-acks-all-leader-crash');
if (base?.system !== 'kafka') throw new Error('preset missing');
const acks1 = [{ op: 'replace' as const, path: '/producers/0/acks', value: '1' }];

async function linkOf(text: string): Promise<string> {
  return `#c=1.${toBase64Url(await deflate(new TextEncoder().encode(text)))}`;
}

describe('compare links', () => {
  it('round-trips a base and its patches, each column its own validated scenario', async () => {
    const frag = await encodeCompareFragment({ base, columns: [{ patch: [] }, { patch: acks1 }] });
    expect(isCompareFragment(`#${frag}`)).toBe(true);
    const r = decodeCompareFragmentNow(`#${frag}`);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(
      r.value.columns.map((c) =>
        c.scenario.system === 'kafka' ? c.scenario.producers[0]?.acks : null,
      ),
    ).toEqual([base.producers[0]?.acks, '1']);
    // Same seed and fault schedule in every column: only the patched knob differs.
    expect(r.value.columns[1]?.scenario.faults).toEqual(base.faults);
    expect(r.value.columns[1]?.scenario.seed).toBe(base.seed);
  });

  it('refuses a garbled link with the share link errors', async () => {
    expect(decodeCompareFragmentNow('#c=1.%%%')).toEqual({
      ok: false,
      error: { kind: 'bad-pattern' },
    });
    expect(decodeCompareFragmentNow('#c=1.AAAA').ok).toBe(false);
    expect(decodeCompareFragmentNow('#c=9.AAAA')).toMatchObject({ error: { kind: 'too-new' } });
    expect(decodeCompareFragmentNow(await linkOf('{"base":'))).toMatchObject({
      error: { kind: 'bad-json' },
    });
    expect(
      decodeCompareFragmentNow(await linkOf('{"base":{"__proto__":{}},"columns":[]}')),
    ).toMatchObject({ error: { kind: 'forbidden-key', key: '__proto__' } });
  });

  it('names the column whose patch does not apply or gives an invalid scenario', () => {
    const bad = validateCompare({
      base,
      columns: [{ patch: [] }, { patch: [{ op: 'replace', path: '/producers/0/nope', value: 1 }] }],
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { kind: 'invalid-scenario', error: { issues: [{ path: 'columns.1.patch.0' }] } },
    });
    const invalid = validateCompare({
      base,
      columns: [
        { patch: [] },
        { patch: [{ op: 'replace', path: '/producers/0/acks', value: '7' }] },
      ],
    });
    expect(invalid).toMatchObject({
      ok: false,
      error: { error: { issues: [{ path: 'columns.1.patch' }] } },
    });
    if (
      !invalid.ok &&
      invalid.error.kind === 'invalid-scenario' &&
      invalid.error.error.kind === 'invalid'
    )
      expect(invalid.error.error.issues[0]?.message).toContain('producers.0.acks');
  });

  it('takes two to four columns', () => {
    const cols = (n: number) => Array.from({ length: n }, () => ({ patch: [] }));
    expect(validateCompare({ base, columns: cols(1) }).ok).toBe(false);
    expect(validateCompare({ base, columns: cols(2) }).ok).toBe(true);
    expect(validateCompare({ base, columns: cols(4) }).ok).toBe(true);
    expect(validateCompare({ base, columns: cols(5) }).ok).toBe(false);
  });
});

describe('columns of different systems', () => {
  const rabbit = presetByName('rabbitmq-e3-mirrored');
  if (!rabbit) throw new Error('preset missing');
  const { claims: _c, ...rabbitDoc } = { ...rabbit, seed: base.seed, durationMs: base.durationMs };
  const note = { en: 'Fault hits rabbit-1', zh: '故障落在 rabbit-1' };

  it('round-trips a column with its own scenario and note; a patch applies to that scenario', async () => {
    const spec = {
      base,
      columns: [
        { patch: [] },
        {
          patch: [{ op: 'replace' as const, path: '/publishers/0/confirms', value: false }],
          scenario: rabbitDoc,
          note,
          label: 'RabbitMQ',
        },
      ],
    };
    const r = decodeCompareFragmentNow(`#${await encodeCompareFragment(spec)}`);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const col = r.value.columns[1];
    expect(col?.scenario.system).toBe('rabbitmq');
    expect(col?.own?.system).toBe('rabbitmq');
    expect(col?.note).toEqual(note);
    expect(col?.scenario.system === 'rabbitmq' && col.scenario.publishers[0]?.confirms).toBe(false);
    expect(col?.scenario.seed).toBe(base.seed);
    expect(r.value.columns[0]?.own).toBeUndefined();
  });

  it('refuses a column whose own scenario has another seed or duration, naming the field', () => {
    for (const [k, v] of [
      ['seed', base.seed + 1],
      ['durationMs', base.durationMs + 1],
    ] as const) {
      const r = validateCompare({
        base,
        columns: [{ patch: [] }, { patch: [], scenario: { ...rabbitDoc, [k]: v } }],
      });
      expect(r.ok).toBe(false);
      if (!r.ok && r.error.kind === 'invalid-scenario' && r.error.error.kind === 'invalid')
        expect(r.error.error.issues[0]?.path).toBe(`columns.1.scenario.${k}`);
      else throw new Error('expected an invalid-scenario error');
    }
  });
});
