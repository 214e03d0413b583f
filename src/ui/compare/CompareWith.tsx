/**
 * The editor's "Compare with…" button: copies the scenario being edited into two columns (the
 * base and a copy whose one knob the user then changes) and opens compare mode; next to it, the
 * ready-made comparisons (B1, B5, A3).
 */
import { COMPARE_STRINGS } from '../../i18n/compare';
import { parseScenario } from '../../scenario/load';
import type { ScenarioDoc } from '../../store';
import { useAppState } from '../context';
import { COMPARE_PRESETS, openComparePreset } from './presets';
import { openCompare } from './store';

export function CompareWithButton({ doc }: { doc: ScenarioDoc | null }) {
  const lang = useAppState((s) => s.lang);
  const t = COMPARE_STRINGS[lang];
  return (
    <>
      <CompareWithKnob doc={doc} />
      <select
        className="cmp-presets"
        aria-label={t.presets}
        value=""
        onChange={(e) => {
          if (e.target.value) openComparePreset(e.target.value);
        }}
      >
        <option value="">{t.presets}</option>
        {COMPARE_PRESETS.map((p) => (
          <option key={p.id} value={p.id}>
            {p.title[lang]}
          </option>
        ))}
      </select>
    </>
  );
}

function CompareWithKnob({ doc }: { doc: ScenarioDoc | null }) {
  const lang = useAppState((s) => s.lang);
  const t = COMPARE_STRINGS[lang];
  return (
    <button
      type="button"
      title={t.compareWithHint}
      disabled={doc === null}
      onClick={() => {
        if (!doc) return;
        // The base is the scenario with every default filled, so a column can change any knob.
        const r = parseScenario(doc);
        if (r.ok) openCompare(r.value, [[], []]);
      }}
    >
      {t.compareWith}
    </button>
  );
}
