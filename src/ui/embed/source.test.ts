import { describe, expect, it } from 'vitest';
import { PRESET_DOCUMENTS } from '../../scenario/presets/documents';
import { encodeShareFragment } from '../../share/codec';
import {
  embedSnippet,
  embedUrl,
  isEmbedHash,
  memoryStorage,
  registerEmbedSource,
  resolveEmbed,
} from './source';

describe('embed links', () => {
  it('carry a share payload the player decodes to the same scenario', async () => {
    const doc = PRESET_DOCUMENTS[0];
    const body = await encodeShareFragment(doc);
    const url = embedUrl('https://lab.example/', body);
    const hash = new URL(url).hash;
    expect(isEmbedHash(hash)).toBe(true);
    expect(isEmbedHash('#s=1.abc')).toBe(false);
    const r = await resolveEmbed(hash);
    if (!r.ok) throw new Error(r.error.kind);
    expect(r.value.doc['name']).toBe((doc as { name: string }).name);
    expect(r.value.labFragment).toBe(body);
  });

  it('refuse a garbled or unknown payload with a share error', async () => {
    const bad = await resolveEmbed('#embed=s=1.@@@not-base64');
    expect(bad.ok).toBe(false);
    const unknown = await resolveEmbed('#embed=what=1');
    expect(unknown).toEqual({ ok: false, error: { kind: 'bad-pattern' } });
    expect(await resolveEmbed('#embed=')).toEqual({ ok: false, error: { kind: 'empty' } });
  });

  it('read payloads of a registered source (as lessons will add)', async () => {
    const doc = PRESET_DOCUMENTS[0];
    registerEmbedSource({
      matches: (b) => b.startsWith('test-lesson='),
      resolve: () => ({ ok: true, value: { doc: doc as never, labFragment: '' } }),
    });
    const r = await resolveEmbed('#embed=test-lesson=3');
    expect(r.ok).toBe(true);
  });

  it('give an iframe whose attributes cannot be broken out of', () => {
    const s = embedSnippet('https://x/#embed=s=1.a"b', 'A "title" <b>');
    expect(s).toContain('src="https://x/#embed=s=1.a&quot;b"');
    expect(s).toContain('title="A &quot;title&quot; &lt;b&gt;"');
    expect(s).toMatch(/^<iframe [^>]*><\/iframe>$/);
  });

  it('keep nothing beyond the page (memory storage)', () => {
    const st = memoryStorage();
    st.setItem('a', '1');
    expect(st.getItem('a')).toBe('1');
    expect(st.length).toBe(1);
    st.removeItem('a');
    expect(st.getItem('a')).toBeNull();
  });
});

describe('lesson embeds', () => {
  it('open a library lesson at a step with its scenario and its lab link', async () => {
    const r = await resolveEmbed('#embed=lesson=a1-decoupling&step=2');
    if (!r.ok) throw new Error(r.error.kind);
    expect(r.value.lesson).toEqual({ id: 'a1-decoupling', step: 1 });
    expect(r.value.title?.en).toMatch(/Decoupling/);
    expect(r.value.labFragment).toBe('lesson=a1-decoupling&step=2');
    expect(typeof r.value.doc['system']).toBe('string');
  });

  it('refuse an unknown lesson by name and a malformed one as a bad link', async () => {
    const none = await resolveEmbed('#embed=lesson=no-such-lesson');
    expect(none.ok).toBe(false);
    if (!none.ok && none.error.kind === 'invalid-scenario' && none.error.error.kind === 'invalid')
      expect(none.error.error.issues[0]?.message).toContain('no-such-lesson');
    else throw new Error('expected an invalid-scenario error naming the lesson');
    const bad = await resolveEmbed('#embed=lesson=Bad!!');
    expect(bad.ok ? null : bad.error.kind).toBe('bad-pattern');
  });
});
