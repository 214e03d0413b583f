import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PRESET_DOCUMENTS, PRESETS } from '../scenario/presets';
import {
  decodeJsonText,
  decodeShareFragment,
  encodeShareFragment,
  fromBase64Url,
  MAX_DEPTH,
  MAX_JSON_BYTES,
  MAX_LINK_CHARS,
  toBase64Url,
  type ShareError,
} from './codec';
import pastLinks from './fixtures/v1-links.json';

async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const cs = new CompressionStream('deflate-raw');
  const w = cs.writable.getWriter();
  void w.write(bytes as Uint8Array<ArrayBuffer>).then(() => w.close());
  return new Uint8Array(await new Response(cs.readable).arrayBuffer());
}

async function linkOf(text: string, version = 1): Promise<string> {
  return `#s=${version}.${toBase64Url(await deflateRaw(new TextEncoder().encode(text)))}`;
}

async function errorOf(hash: string): Promise<ShareError> {
  const r = await decodeShareFragment(hash);
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

describe('share codec', () => {
  it('round-trips every preset exactly', async () => {
    for (const [i, doc] of PRESET_DOCUMENTS.entries()) {
      const frag = await encodeShareFragment(doc);
      expect(frag).toMatch(/^s=1\.[A-Za-z0-9_-]+$/);
      const r = await decodeShareFragment(`#${frag}`);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.value).toEqual(PRESETS[i]);
    }
  });

  it('round-trips base64url for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
      }),
    );
  });

  it('still loads every past link format (fixtures)', async () => {
    for (const f of pastLinks) {
      const r = await decodeShareFragment(f.link);
      expect(r.ok, `codec ${f.codec} scenario ${f.scenarioVersion}`).toBe(true);
      if (r.ok) {
        expect(r.value.name).toBe(f.name);
        expect(r.value.seed).toBe(f.seed);
      }
    }
  });

  it('rejects links that do not match the pattern', async () => {
    for (const bad of ['#x=1.abc', '#s=1.', '#s=1.ab$cd', '#s=1.abc def', '#s=abc', '#s=1.a/b']) {
      expect((await errorOf(bad)).kind, bad).toBe('bad-pattern');
    }
    expect((await errorOf('')).kind).toBe('empty');
  });

  it('rejects a too-new codec version', async () => {
    const e = await errorOf(await linkOf('{}', 9));
    expect(e).toEqual({ kind: 'too-new', version: 9, supported: 1 });
  });

  it('rejects oversize links before decoding, as too large (not as a foreign link)', async () => {
    expect((await errorOf(`#s=1.${'A'.repeat(70_000)}`)).kind).toBe('too-large');
    // One character over the limit, with or without the '#'.
    const over = `s=1.${'A'.repeat(MAX_LINK_CHARS - 3)}`;
    expect(over.length).toBe(MAX_LINK_CHARS + 1);
    expect(await errorOf(over)).toEqual({
      kind: 'too-large',
      stage: 'link',
      limit: MAX_LINK_CHARS,
    });
    expect((await errorOf(`#${over}`)).kind).toBe('too-large');
    // At the limit the link is decoded (and fails later, as damaged data).
    expect((await errorOf(`#${over.slice(1)}`)).kind).not.toBe('too-large');
  });

  it('rejects bytes after the end of the compressed data (Node and Chromium alike)', async () => {
    const good = await linkOf(JSON.stringify(PRESET_DOCUMENTS[0]));
    expect((await decodeShareFragment(good)).ok).toBe(true);
    const bytes = fromBase64Url(good.slice(5)) as Uint8Array;
    for (const tail of [[0], [1, 2, 3], [0x03, 0x00]]) {
      const link = `#s=1.${toBase64Url(new Uint8Array([...bytes, ...tail]))}`;
      expect(await errorOf(link)).toEqual({ kind: 'trailing-bytes' });
    }
  });

  it('reports deep nesting as too deeply nested, not as a forbidden key', async () => {
    const deep = `{"version":1,"x":${'['.repeat(MAX_DEPTH + 5)}${']'.repeat(MAX_DEPTH + 5)}}`;
    expect(await errorOf(await linkOf(deep))).toEqual({ kind: 'too-deep', limit: MAX_DEPTH });
    const r = decodeJsonText(`${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    expect(r.ok ? null : r.error).toEqual({ kind: 'too-deep', limit: MAX_DEPTH });
  });

  it('stops a zip bomb at the decompressed size limit', async () => {
    const bomb = await linkOf(' '.repeat(MAX_JSON_BYTES * 5));
    expect(bomb.length).toBeLessThan(20_000);
    expect(await errorOf(bomb)).toEqual({
      kind: 'too-large',
      stage: 'decompressed',
      limit: MAX_JSON_BYTES,
    });
  });

  it('rejects bad base64, bad compression and bad JSON', async () => {
    expect((await errorOf('#s=1.A')).kind).toBe('bad-base64');
    expect((await errorOf('#s=1.AAAAAAAA')).kind).toMatch(/bad-compression|bad-json/);
    expect((await errorOf(await linkOf('{"version": 1,'))).kind).toBe('bad-json');
  });

  it('rejects prototype-pollution keys at any depth', async () => {
    const doc = JSON.stringify(PRESET_DOCUMENTS[0]).replace(
      '"broker":{',
      '"broker":{"__proto__":{"polluted":true},',
    );
    expect(await errorOf(await linkOf(doc))).toEqual({ kind: 'forbidden-key', key: '__proto__' });
    const nested = decodeJsonText('{"a":[{"constructor":{"prototype":1}}]}');
    expect(nested.ok ? null : nested.error).toEqual({ kind: 'forbidden-key', key: 'constructor' });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('rejects a too-new scenario version and invalid scenarios with the scenario error', async () => {
    const tooNew = await errorOf(await linkOf(JSON.stringify({ version: 99 })));
    expect(tooNew).toEqual({
      kind: 'invalid-scenario',
      error: { kind: 'too-new', version: 99, supported: 1 },
    });
    const invalid = await errorOf(await linkOf(JSON.stringify({ version: 1, system: 'nope' })));
    expect(invalid.kind).toBe('invalid-scenario');
  });

  it('never throws on random input', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (s) => {
        const r = await decodeShareFragment(`#s=1.${s}`);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 200 },
    );
  });
});
