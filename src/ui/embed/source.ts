/**
 * What an embed link carries: `#embed=<source>`, where the source is a share fragment body
 * (`s=1.<payload>`, the same codec as share links) or anything a registered source reads (the
 * lessons will add theirs, e.g. `lesson=<id>`). Untrusted input: every source returns a Result
 * with a ShareError, shown exactly as a broken share link is.
 */
import type { Result } from '../../scenario/load';
import type { ShareError } from '../../share/codec';
import type { ScenarioDoc } from '../../store';

export const EMBED_PREFIX = 'embed=';

/** What the player shows: a scenario, with an optional title of its own (a lesson's). */
export interface EmbedContent {
  doc: ScenarioDoc;
  title?: { en: string; zh: string };
  /** The lab link that opens the same content with its editor ("Open in Brokerlab"). */
  labFragment: string;
}

export type EmbedResult = Result<EmbedContent, ShareError>;

/** A kind of content an embed can carry. */
export interface EmbedSource {
  /** True when this source reads `body` (the text after `#embed=`). */
  matches(body: string): boolean;
  resolve(body: string): EmbedResult | Promise<EmbedResult>;
}

const scenarioSource: EmbedSource = {
  matches: (body) => body.startsWith('s='),
  // The decoder (and the validator behind it) loads only when an embed is opened.
  resolve: async (body) => {
    const { decodeShareFragmentNow } = await import('../../share/codec');
    const r = decodeShareFragmentNow(body);
    return r.ok ? { ok: true, value: { doc: r.value, labFragment: body } } : r;
  },
};

const sources: EmbedSource[] = [scenarioSource];

/** Adds a kind of embedded content; the first source that matches a body reads it. */
export function registerEmbedSource(s: EmbedSource): void {
  sources.push(s);
}

/** True when the fragment is an embed link (the page then shows the player, not the lab). */
export function isEmbedHash(hash: string): boolean {
  return hash.replace(/^#/, '').startsWith(EMBED_PREFIX);
}

/** Reads an embed fragment; a body no source knows is refused like a malformed share link. */
export async function resolveEmbed(hash: string): Promise<EmbedResult> {
  const body = hash.replace(/^#/, '').slice(EMBED_PREFIX.length);
  if (body === '') return { ok: false, error: { kind: 'empty' } };
  const source = sources.find((s) => s.matches(body));
  if (!source) return { ok: false, error: { kind: 'bad-pattern' } };
  return source.resolve(body);
}

/** The player's URL for a source body, on the page at `base` (origin + path). */
export function embedUrl(base: string, body: string): string {
  return `${base}#${EMBED_PREFIX}${body}`;
}

function escapeAttr(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * The iframe to paste into a course page or blog: as wide as its container, 16:10, lazy, and
 * allowed to go full screen.
 */
export function embedSnippet(url: string, title: string): string {
  return `<iframe src="${escapeAttr(url)}" title="${escapeAttr(title)}" style="width:100%;aspect-ratio:16/10;border:0" loading="lazy" allow="fullscreen; clipboard-write"></iframe>`;
}

/** A Storage that forgets: an embed must not overwrite the lab's autosave in the same origin. */
export function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, v),
  };
}
