/**
 * What the preset menu needs of a preset before its document loads: its name, system and title.
 * The build projects every preset file through `presetMeta` (the `?meta` import in vite.config.ts),
 * so the first page load carries this small index instead of every scenario document.
 */

/** A preset's menu entry: the document's `name`, `system` and `title` (when it has one). */
export interface PresetMeta {
  name: string;
  system: string;
  title?: { en?: string; zh?: string };
}

/** The menu entry of a raw preset document (not validated: the tests validate every preset). */
export function presetMeta(doc: unknown): PresetMeta {
  const d = doc as { name?: unknown; system?: unknown; title?: { en?: string; zh?: string } };
  const meta: PresetMeta = {
    name: String(d.name),
    system: typeof d.system === 'string' ? d.system : '',
  };
  if (d.title) meta.title = d.title;
  return meta;
}
