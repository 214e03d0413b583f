/**
 * The scenario library. Each preset is a JSON file in the scenario format, loaded through the same
 * validation as a user's file or a share link, so a broken preset fails the tests, not a user.
 */
import { parseScenario, describeScenarioError } from '../load';
import type { Scenario } from '../schema';
import autoAckConsumerCrash from './auto-ack-consumer-crash.json';
import confirmsOffCrash from './confirms-off-crash.json';
import defaultPreset from './default.json';
import lostConfirmRepublish from './lost-confirm-republish.json';
import powerLoss from './power-loss.json';
import transientMessages from './transient-messages.json';
import { KAFKA_PRESET_DOCUMENTS } from './kafka';
import { RABBITMQ_PRESET_DOCUMENTS } from './rabbitmq';

/** Raw preset documents, in menu order. The first is the default scenario. */
export const PRESET_DOCUMENTS: readonly unknown[] = [
  defaultPreset,
  confirmsOffCrash,
  transientMessages,
  autoAckConsumerCrash,
  lostConfirmRepublish,
  powerLoss,
  ...KAFKA_PRESET_DOCUMENTS,
  ...RABBITMQ_PRESET_DOCUMENTS,
];

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
