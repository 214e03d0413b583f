import { useRef } from 'react';
import type { ScenarioDoc } from '../store';
import { useApp, useAppState, useStrings } from './context';
import { MonteCarloButton } from './MonteCarloButton';
import { presetGroups } from './presetMenu';
import { isPresetName, loadPresetDocument } from './presets';
import { EmbedButton } from './embed/EmbedButton';
import { LegendButton } from './legend/Legend';
import { PresentButton } from './presenter/PresentButton';
import { useEditedPreset } from './edited';
import { ScenarioAbout } from './ScenarioAbout';
import { LAB_STRINGS } from '../i18n/lab';

export function TopBar() {
  const { store, controller } = useApp();
  const t = useStrings();
  const lang = useAppState((s) => s.lang);
  const doc = useAppState((s) => s.doc);
  const fileRef = useRef<HTMLInputElement>(null);
  const chosen = useRef('');
  // An edited preset is no longer the preset: the menu says "(custom scenario)", the title and
  // the export's file name say it was modified (newcomer finding 13).
  const edited = useEditedPreset();
  const presetName = !edited && isPresetName(doc['name']) ? String(doc['name']) : '';
  const baseTitle =
    (doc['title'] as { en?: string; zh?: string } | undefined)?.[lang] ??
    (typeof doc['name'] === 'string' ? doc['name'] : '');
  const title = edited ? LAB_STRINGS[lang].editedTitle(baseTitle) : baseTitle;

  const copyLink = async () => {
    try {
      const { encodeShareFragment } = await import('../share/codec');
      const frag = await encodeShareFragment(store.getState().doc);
      const url = `${location.origin}${location.pathname}${location.search}#${frag}`;
      // The link is also shown, so it can be copied by hand when the clipboard is not available.
      store.setState({ shareUrl: url });
      try {
        await navigator.clipboard.writeText(url);
      } catch {
        /* shown in the notice instead */
      }
      store.getState().setNotice({ tone: 'info', text: t.shareCopied });
    } catch (e) {
      store.getState().setNotice({ tone: 'error', text: `${t.shareFailed}: ${String(e)}` });
    }
  };

  const exportJson = async () => {
    const { scenarioToJson } = await import('../share/codec');
    const blob = new Blob([scenarioToJson(store.getState().doc)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    const name = store.getState().doc['name'];
    a.download = `${typeof name === 'string' ? name : 'scenario'}${edited ? '-edited' : ''}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };

  const importJson = async (file: File) => {
    // The codec and the error texts (with the JSON scanner) load only when a file is imported.
    const [{ decodeJsonText }, { fileErrorText }] = await Promise.all([
      import('../share/codec'),
      import('../i18n/loadError'),
    ]);
    const text = await file.text();
    const r = decodeJsonText(text);
    if (!r.ok) {
      store.getState().setNotice({
        tone: 'error',
        text: `${t.importError} ${fileErrorText(lang, r.error, text)}`,
      });
      return;
    }
    controller.loadDoc(r.value, { dirty: true });
  };

  return (
    <header className="topbar">
      <h1>Brokerlab</h1>
      <div className="scenario-title">
        <strong data-testid="scenario-title">{title}</strong>
        <span className="subtitle">{t.appTitle}</span>
        <ScenarioAbout />
      </div>
      <label className="preset">
        {t.scenario}
        <select
          value={presetName}
          onChange={(e) => {
            // The preset's document loads when chosen (the menu itself is a small index).
            const name = (chosen.current = e.target.value);
            void loadPresetDocument(name).then((p) => {
              if (p && chosen.current === name)
                controller.loadDoc(p as ScenarioDoc, { dirty: false });
            });
          }}
        >
          {presetName === '' ? <option value="">{t.customScenario}</option> : null}
          {presetGroups(lang).map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.entries.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.title?.[lang] ?? p.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => void copyLink()}>
        {t.share}
      </button>
      <EmbedButton />
      <PresentButton />
      <button type="button" onClick={() => void exportJson()}>
        {t.exportJson}
      </button>
      <button type="button" onClick={() => fileRef.current?.click()}>
        {t.importJson}
      </button>
      <input
        ref={fileRef}
        type="file"
        accept="application/json,.json"
        hidden
        aria-label={t.importJson}
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void importJson(f);
          e.target.value = '';
        }}
      />
      <MonteCarloButton />
      <button
        type="button"
        className="lang"
        lang={lang === 'zh' ? 'en' : 'zh'}
        onClick={() => store.getState().setLang(lang === 'zh' ? 'en' : 'zh')}
        aria-label={t.languageLabel}
      >
        {t.language}
      </button>
      <details className="help">
        <summary>{t.help}</summary>
        <p>{t.helpText}</p>
        <LegendButton owner="help" className="help-legend" />
      </details>
    </header>
  );
}
