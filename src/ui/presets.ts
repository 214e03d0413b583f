/**
 * The scenario library as the page sees it: every preset JSON file under src/scenario/presets,
 * found by the build (no list to edit for the menu when a preset is added). The menu renders from a
 * small index built from each file (`?meta`, see vite.config.ts: name, system, title); the documents
 * load when one is chosen, as one chunk with the lesson loader's (which resolves lesson scenarios
 * by name), so choosing a preset or a lesson after the first does not wait for the network again.
 * The default scenario, which the page opens with, is part of the first load.
 */
import defaultPreset from '../scenario/presets/default.json';
import type { PresetMeta } from '../scenario/presets/meta';

const META = import.meta.glob<PresetMeta>('../scenario/presets/**/*.json', {
  eager: true,
  query: '?meta',
  import: 'default',
});

/** The scenario the page opens with (the first entry of the menu). */
export const DEFAULT_PRESET_DOCUMENT: unknown = defaultPreset;

const SYSTEM_ORDER = ['single-node', 'kafka', 'rabbitmq', 'rocketmq'];
const rank = (system: string) => {
  const i = SYSTEM_ORDER.indexOf(system);
  return i < 0 ? SYSTEM_ORDER.length : i;
};
const DEFAULT_NAME = (defaultPreset as { name: string }).name;

/** Menu order: the default scenario, then by system, then by file path. */
const FILES = Object.keys(META).sort((a, b) => {
  const x = META[a] as PresetMeta;
  const y = META[b] as PresetMeta;
  const d = Number(y.name === DEFAULT_NAME) - Number(x.name === DEFAULT_NAME);
  if (d !== 0) return d;
  const s = rank(x.system) - rank(y.system) || x.system.localeCompare(y.system);
  return s !== 0 ? s : a < b ? -1 : a > b ? 1 : 0;
});

/** Every preset's menu entry, in menu order. */
export const PRESET_INDEX: readonly PresetMeta[] = FILES.map((f) => META[f] as PresetMeta);

const FILE_OF = new Map(FILES.map((f) => [(META[f] as PresetMeta).name, f]));

/** True when the library has a preset of this name. */
export function isPresetName(name: unknown): boolean {
  return typeof name === 'string' && FILE_OF.has(name);
}

/** Loads a preset's raw document by name; undefined when the library has no such preset. */
export async function loadPresetDocument(name: string): Promise<unknown> {
  if (name === DEFAULT_NAME) return defaultPreset;
  if (!FILE_OF.has(name)) return undefined;
  const { PRESET_DOCUMENTS } = await import('../scenario/presets/documents');
  return PRESET_DOCUMENTS.find((d) => (d as { name?: unknown }).name === name);
}
