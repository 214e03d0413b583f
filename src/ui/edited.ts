/**
 * Whether the scenario on screen is a preset as shipped or an edit of one (newcomer finding 13):
 * an edited preset keeps its name inside the document (so an import still knows what it came
 * from), but the title says it was modified, the menu shows "(custom scenario)" and an export
 * gets another file name. A document opened from a share link is compared with the preset it
 * names, so a link that adds a crash does not pass itself off as the preset.
 */
import { useEffect, useState } from 'react';
import { loadValidator, type ScenarioDoc } from '../store';
import { useAppState } from './context';
import { isPresetName, loadPresetDocument } from './presets';

/** JSON with object keys sorted: equal documents give equal text whatever their key order. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : x,
  );
}

/** True when the document names a preset but is not that preset as shipped. */
export function useEditedPreset(): boolean {
  const doc = useAppState((s) => s.doc);
  const dirty = useAppState((s) => s.dirty);
  const [compared, setCompared] = useState<{ doc: ScenarioDoc; differs: boolean } | null>(null);
  const preset = isPresetName(doc['name']);
  useEffect(() => {
    if (dirty || !preset) return;
    let live = true;
    void loadPresetDocument(String(doc['name'])).then(async (p) => {
      if (p === doc) {
        if (live) setCompared({ doc, differs: false });
        return;
      }
      // A share link carries the validated document, defaults filled in: compare both so.
      const parse = await loadValidator();
      const a = parse(p);
      const b = parse(doc);
      const differs = !a.ok || !b.ok || canonicalJson(a.value) !== canonicalJson(b.value);
      if (live) setCompared({ doc, differs });
    });
    return () => {
      live = false;
    };
  }, [doc, dirty, preset]);
  return preset && (dirty || (compared?.doc === doc && compared.differs));
}
