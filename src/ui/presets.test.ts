import { describe, expect, test } from 'vitest';
import { PRESET_DOCUMENTS } from '../scenario/presets';
import { presetMeta } from '../scenario/presets/meta';
import { DEFAULT_PRESET_DOCUMENT, isPresetName, loadPresetDocument, PRESET_INDEX } from './presets';

const nameOf = (d: unknown) => (d as { name: string }).name;

describe('the page preset index (built from the files, documents on demand)', () => {
  test('lists exactly the presets of the library: a new file needs no hand-made index', () => {
    // PRESET_DOCUMENTS is the hand-kept list the CLI and the tests use; the page finds files by
    // itself. A preset file missing from the list (or a listed one without a file) fails here.
    expect([...PRESET_INDEX.map((p) => p.name)].sort()).toEqual(
      PRESET_DOCUMENTS.map(nameOf).sort(),
    );
    expect(new Set(PRESET_INDEX.map((p) => p.name)).size).toBe(PRESET_INDEX.length);
  });

  test('each entry is what its document says (name, system, title)', () => {
    for (const doc of PRESET_DOCUMENTS) {
      const entry = PRESET_INDEX.find((p) => p.name === nameOf(doc));
      expect(entry).toEqual(presetMeta(doc));
      const d = doc as { system?: string; title?: unknown };
      expect(entry?.system).toBe(d.system ?? '');
      expect(entry?.title).toEqual(d.title);
    }
  });

  test('the default scenario comes first and is in the first load', async () => {
    expect(PRESET_INDEX[0]?.name).toBe(nameOf(PRESET_DOCUMENTS[0]));
    expect(DEFAULT_PRESET_DOCUMENT).toEqual(PRESET_DOCUMENTS[0]);
    expect(await loadPresetDocument(nameOf(DEFAULT_PRESET_DOCUMENT))).toBe(DEFAULT_PRESET_DOCUMENT);
  });

  test('systems are grouped: single node, Kafka, RabbitMQ, RocketMQ', () => {
    const systems = PRESET_INDEX.map((p) => p.system).filter((s, i, a) => a.indexOf(s) === i);
    const known = ['single-node', 'kafka', 'rabbitmq', 'rocketmq'].filter((s) =>
      systems.includes(s),
    );
    expect(systems.slice(0, known.length)).toEqual(known);
  });

  test('every preset loads by name, and an unknown name loads nothing', async () => {
    for (const doc of PRESET_DOCUMENTS) {
      expect(isPresetName(nameOf(doc))).toBe(true);
      expect(await loadPresetDocument(nameOf(doc))).toEqual(doc);
    }
    expect(isPresetName('no-such-preset')).toBe(false);
    expect(await loadPresetDocument('no-such-preset')).toBeUndefined();
  });
});
