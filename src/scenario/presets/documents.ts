/**
 * The scenario library as raw documents, in menu order, with what the preset menu shows. No
 * validation here: the page imports this at startup, and validating every preset (which the
 * validated list in `index.ts` does, and the tests check) costs the first render a few hundred ms.
 */
import autoAckConsumerCrash from './auto-ack-consumer-crash.json';
import confirmsOffCrash from './confirms-off-crash.json';
import defaultPreset from './default.json';
import lostConfirmRepublish from './lost-confirm-republish.json';
import powerLoss from './power-loss.json';
import transientMessages from './transient-messages.json';
import { KAFKA_PRESET_DOCUMENTS } from './kafka';
import { MODELS_PRESET_DOCUMENTS } from './models';
import { RABBITMQ_PRESET_DOCUMENTS } from './rabbitmq';
import { ROCKETMQ_PRESET_DOCUMENTS } from './rocketmq';

/** Raw preset documents, in menu order. The first is the default scenario. */
export const PRESET_DOCUMENTS: readonly unknown[] = [
  defaultPreset,
  confirmsOffCrash,
  transientMessages,
  autoAckConsumerCrash,
  lostConfirmRepublish,
  powerLoss,
  ...MODELS_PRESET_DOCUMENTS,
  ...KAFKA_PRESET_DOCUMENTS,
  ...RABBITMQ_PRESET_DOCUMENTS,
  ...ROCKETMQ_PRESET_DOCUMENTS,
];

/** What the preset menu shows of each document: its name and its title in each language. */
export interface PresetMenuEntry {
  name: string;
  title?: { en?: string; zh?: string };
}

export const PRESET_MENU: readonly PresetMenuEntry[] = PRESET_DOCUMENTS.map((d) => {
  const doc = d as { name: string; title?: { en?: string; zh?: string } };
  return doc.title ? { name: doc.name, title: doc.title } : { name: doc.name };
});
