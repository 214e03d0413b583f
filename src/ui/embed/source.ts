/**
 * What an embed link carries: `#embed=<source>`, where the source is a share fragment body
 * (`s=1.<payload>`, the same codec as share links), a lesson of the library
 * (`lesson=<id>[&step=<n>]`), or anything a registered source reads. Untrusted input: every source returns a Result
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
  /** A lesson to walk beside the cluster, from this step (0-based); `doc` is its scenario. */
  lesson?: { id: string; step: number };
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

/** `lesson=<id>[&step=<n>]`: a lesson of the library, read and checked as the lab reads it. */
const lessonSource: EmbedSource = {
  matches: (body) => body.startsWith('lesson='),
  resolve: async (body) => {
    const { parseLessonFragment, lessonFragment } = await import('../lesson/url');
    const at = parseLessonFragment(`#${body}`);
    if (!at) return { ok: false, error: { kind: 'bad-pattern' } };
    const [{ lessonDocument }, { parseLesson, presetDocument }] = await Promise.all([
      import('../lesson/state'),
      import('../../lessons/load'),
    ]);
    const raw = await lessonDocument(at.id);
    if (raw === undefined)
      return {
        ok: false,
        error: {
          kind: 'invalid-scenario',
          error: { kind: 'invalid', issues: [{ path: 'lesson', message: `no lesson "${at.id}"` }] },
        },
      };
    const r = parseLesson(raw);
    // A lesson's errors are the scenario format's kinds (the same loader pipeline).
    if (!r.ok) return { ok: false, error: { kind: 'invalid-scenario', error: r.error } };
    const l = r.value.lesson;
    const src = l.scenario;
    const doc = ('preset' in src ? presetDocument(src.preset) : src.inline) as ScenarioDoc;
    const step = Math.min(at.step, l.steps.length - 1);
    return {
      ok: true,
      value: {
        doc,
        title: l.title,
        labFragment: lessonFragment(l.id, step).slice(1),
        lesson: { id: l.id, step },
      },
    };
  },
};

const sources: EmbedSource[] = [scenarioSource, lessonSource];

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
export function embedSnippet(url: string, title: string, ratio = '16/10'): string {
  return `<iframe src="${escapeAttr(url)}" title="${escapeAttr(title)}" style="width:100%;aspect-ratio:${ratio};border:0" loading="lazy" allow="fullscreen; clipboard-write"></iframe>`;
}

/** A lesson's steps sit beside (or under) the cluster, so its player wants a taller frame. */
export const LESSON_RATIO = '4/3';

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
