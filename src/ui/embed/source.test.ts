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
