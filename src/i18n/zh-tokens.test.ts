import { describe, expect, it } from 'vitest';
import {
  batchesText,
  connectionText,
  deliveryText,
  perPartitionText,
  phaseText,
  recordsText,
  sinkText,
  unconfirmedText,
} from '../engine/brokers/inspect';
import { GLOSSARY } from '../engine/text/glossary';
import { FAULT_WORDS, JOURNAL_WORDS, REASON_WORDS, WIRE_WORDS } from '../engine/text/words';
import { KNOB_DOCS } from './knobs';
import type { ShareError } from '../share/codec';
import { shareErrorText, STRINGS } from './strings';
import { allowlist, schemaWords, untranslated } from './untranslated';

/** Every string in a tree of strings and string-making functions (called with a number). */
function texts(node: unknown, path: string, out: [string, string][] = []): [string, string][] {
  if (typeof node === 'string') out.push([path, node]);
  else if (typeof node === 'function') {
    const f = node as (...a: number[]) => unknown;
    // A function of a non-number (a stop reason...) gives nothing for 7: its texts are covered
    // by the table it reads from.
    // A run's stop message takes a stop record, not a number: sample every reason.
    const takesStop = /\.(stopped|cliStopped)$/.test(path);
    const r = takesStop ? undefined : f(...Array.from({ length: f.length }, () => 7));
    if (r !== undefined) texts(r, `${path}()`, out);
    else if (takesStop)
      for (const reason of ['events', 'wall', 'memory', 'cancelled'])
        texts(
          (f as unknown as (x: object) => unknown)({ reason, at: '1 s', end: '2 s', limit: 7 }),
          `${path}(${reason})`,
          out,
        );
  } else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) texts(v, `${path}.${k}`, out);
  return out;
}

function findings(list: readonly [string, string][], allow = allowlist()): string[] {
  return list.flatMap(([where, text]) =>
    untranslated(text, allow).map((token) => `${where}: ${token}   in "${text}"`),
  );
}

describe('zh strings use Chinese words, except real knob, protocol and product names', () => {
  it('flags an English word and lets knob names, protocol names and glosses through', () => {
    const allow = allowlist();
    expect(untranslated('消费者 crashed 了', allow)).toEqual(['crashed']);
    expect(untranslated('acks=all、min.insync.replicas=2，basic.ack 之后', allow)).toEqual([]);
    expect(untranslated('页缓存（page cache）', allow)).toEqual([]);
    expect(untranslated('page cache 丢了', allow)).toEqual(['page', 'cache']);
    expect(untranslated('exchange 与 queue', allow)).toEqual(['exchange', 'queue']);
  });

  it('the UI strings', () => {
    const list = texts(STRINGS.zh, 'zh');
    // `language` names English in English, on purpose (shown with lang="en").
    const shown = list.filter(([p]) => p !== 'zh.language' && p !== 'zh.languageLabel');
    expect(shown.length).toBeGreaterThan(150);
    const samples: ShareError[] = [
      { kind: 'empty' },
      { kind: 'bad-pattern' },
      { kind: 'too-new', version: 9, supported: 1 },
      { kind: 'too-large', stage: 'link', limit: 64000 },
      { kind: 'bad-base64' },
      { kind: 'bad-compression', message: 'x' },
      { kind: 'trailing-bytes' },
      { kind: 'too-deep', limit: 64 },
      { kind: 'bad-json', message: 'x' },
      { kind: 'forbidden-key', key: '__proto__' },
    ];
    const errors = samples.map(
      (e) => [`shareError.${e.kind}`, shareErrorText('zh', e)] as [string, string],
    );
    expect(findings([...shown, ...errors])).toEqual([]);
  });

  it('the glossary and the names of journal kinds, wire messages and reasons', () => {
    const list: [string, string][] = [
      ...Object.entries(GLOSSARY).map(([k, v]) => [`glossary.${k}`, v.zh] as [string, string]),
      ...Object.entries(JOURNAL_WORDS).map(([k, v]) => [`journal.${k}`, v.zh] as [string, string]),
      ...Object.entries(WIRE_WORDS).map(([k, v]) => [`wire.${k}`, v.zh] as [string, string]),
      ...Object.entries(REASON_WORDS).map(([k, v]) => [`reason.${k}`, v.zh] as [string, string]),
      ...Object.entries(FAULT_WORDS).map(([k, v]) => [`fault.${k}`, v.zh] as [string, string]),
    ];
    // The anomaly names are not the misleading ones (findings D).
    expect(GLOSSARY.recovered.zh).not.toContain('找回');
    expect(GLOSSARY.unexpected.zh).not.toContain('意外');
    expect(findings(list)).toEqual([]);
  });

  it('the inspector texts', () => {
    const list: [string, string][] = [
      ['unconfirmed', unconfirmedText([[7, { id: 34, attempt: 1 }]]).zh],
      ['sink', sinkText('insert', 40, 2, [1, 2, 3]).zh],
      ['sink', sinkText('dedup-table', 40, 2, [1]).zh],
      ['connection', connectionText('connecting').zh],
      ['phase', phaseText('joining').zh],
      ['positions', perPartitionText([[0, 12]]).zh],
      ['processing', recordsText([{ id: 3, p: 0, offset: 9 }]).zh],
      ['delivery', deliveryText(3, 9, 'orders').zh],
      [
        'batches',
        batchesText([{ partition: 0, firstSeq: 3, records: 2, attempt: 1, broker: 'broker-1' }]).zh,
      ],
    ];
    const names = { broker: { id: 'broker-1' }, queue: { name: 'orders' } };
    expect(findings(list, allowlist([names]))).toEqual([]);
  });

  it('the editor’s knob texts (they may name every field and value of the scenario format)', () => {
    const { knobs, valuesOf } = schemaWords();
    const { translated } = allowlist();
    // Field names may be quoted, except those the glossary translates (`exchange` is 交换机)...
    const fields = [...knobs].filter((k) => !translated.has(k.toLowerCase()));
    const found = Object.entries(KNOB_DOCS).flatMap(([k, v]) => {
      // ... and a field's own values (`sink`: insert, unique-key...; `match`: a pattern whose
      // values are ack, any or a message type).
      const own = [...(valuesOf.get(k) ?? []), ...(k === 'match' ? ['any'] : [])];
      return findings([[`knob.${k}`, v.zh]], allowlist([], [...fields, ...own]));
    });
    expect(found).toEqual([]);
  });
});
