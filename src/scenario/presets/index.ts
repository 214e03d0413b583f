/**
 * The scenario library. Each preset is a JSON file in the scenario format, loaded through the same
 * validation as a user's file or a share link, so a broken preset fails the tests, not a user.
 */
import { parseScenario, describeScenarioError } from '../load';
import type { Scenario } from '../schema';
import { PRESET_DOCUMENTS } from './documents';

export { PRESET_DOCUMENTS, PRESET_MENU, type PresetMenuEntry } from './documents';

function load(doc: unknown): Scenario {
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(`invalid preset: ${describeScenarioError(r.error)}`);
  return r.value;
}

/** Validated presets with every default filled in, keyed by `name`. */
export const PRESETS: readonly Scenario[] = PRESET_DOCUMENTS.map(load);

export const DEFAULT_PRESET: Scenario = PRESETS[0] as Scenario;

export function presetByName(name: string): Scenario | undefined {
  return PRESETS.find((p) => p.name === name);
}
