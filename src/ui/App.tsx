import { useEffect, useMemo, useRef, useState } from 'react';
import { PRESETS, PRESET_DOCUMENTS } from '../scenario/presets';
import { SimClient, SimError } from '../worker/client';
import type { AnomalySummary, RunSummary } from '../worker/protocol';
import { defaultLang, STRINGS, type Lang } from './i18n';
import './app.css';

const KINDS = ['lost', 'duplicated', 'reordered', 'unexpected', 'recovered'] as const;
const KIND_ICON: Record<(typeof KINDS)[number], string> = {
  lost: '✕',
  duplicated: '⧉',
  reordered: '⇅',
  unexpected: '?',
  recovered: '↺',
};
const SHOWN = 60;

function seconds(us: number): string {
  return `${(us / 1e6).toFixed(3)} s`;
}

function Anomaly({ a, lang }: { a: AnomalySummary; lang: Lang }) {
  const t = STRINGS[lang];
  return (
    <li className={`anomaly anomaly-${a.kind}`}>
      <span className="badge" aria-hidden="true">
        {KIND_ICON[a.kind]}
      </span>
      <div>
        <p className="reason">{a.reason[lang]}</p>
        <details>
          <summary>
            {t.chain} ({a.chain.length})
          </summary>
          <ol className="chain">
            {a.chain.map((e) => (
              <li key={e.id}>
                <code>{seconds(e.at)}</code> <strong>{e.node}</strong> {e.kind}
                {e.data && Object.keys(e.data).length > 0 ? (
                  <span className="data">
                    {' '}
                    {Object.entries(e.data)
                      .map(([k, v]) => `${k}=${String(v)}`)
                      .join(' ')}
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
        </details>
      </div>
    </li>
  );
}

export function App() {
  const [lang, setLang] = useState<Lang>(() =>
    defaultLang(navigator.languages ?? [navigator.language]),
  );
  const [presetIndex, setPresetIndex] = useState(0);
  const [seed, setSeed] = useState<number>(() => PRESETS[0]?.seed ?? 1);
  const [summary, setSummary] = useState<RunSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<SimError | null>(null);
  const client = useRef<SimClient | null>(null);
  const t = STRINGS[lang];
  const preset = PRESETS[presetIndex];

  useEffect(() => {
    const c = new SimClient();
    client.current = c;
    return () => c.dispose();
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);

  const run = () => {
    const c = client.current;
    if (!c) return;
    setBusy(true);
    setError(null);
    const { id, promise } = c.simulate(PRESET_DOCUMENTS[presetIndex], seed);
    promise.then(
      (s) => {
        if (!c.isLatest(id)) return;
        setSummary(s);
        setBusy(false);
      },
      (e: unknown) => {
        if (!c.isLatest(id)) return;
        setError(e instanceof SimError ? e : new SimError('engine', String(e)));
        setBusy(false);
      },
    );
  };

  const restart = () => {
    client.current?.restart();
    setError(null);
  };

  const choosePreset = (i: number) => {
    setPresetIndex(i);
    setSeed(PRESETS[i]?.seed ?? 1);
    setSummary(null);
    setError(null);
  };

  const groupsTotal = useMemo(() => summary?.groups ?? [], [summary]);

  return (
    <div className="app">
      <header>
        <h1>Brokerlab</h1>
        <p className="subtitle">{t.appTitle}</p>
        <button
          type="button"
          className="lang"
          onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
          aria-label={t.languageLabel}
        >
          {t.language}
        </button>
      </header>
      <p className="tagline">{t.tagline}</p>

      <section className="controls" aria-label={t.controls}>
        <label>
          {t.scenario}
          <select value={presetIndex} onChange={(e) => choosePreset(Number(e.target.value))}>
            {PRESETS.map((p, i) => (
              <option key={p.name} value={i}>
                {p.title?.[lang] ?? p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.seed}
          <input
            type="number"
            min={0}
            max={4294967295}
            value={seed}
            onChange={(e) =>
              setSeed(Math.max(0, Math.min(4294967295, Math.floor(Number(e.target.value) || 0))))
            }
          />
        </label>
        <button type="button" className="run" onClick={run} disabled={busy}>
          {busy ? t.running : t.run}
        </button>
      </section>

      {preset ? (
        <section className="scenario" aria-label={preset.title?.[lang] ?? preset.name}>
          <h2>{preset.title?.[lang] ?? preset.name}</h2>
          <p>{preset.description?.[lang]}</p>
        </section>
      ) : null}

      {error ? (
        <section role="alert" className="error">
          <h2>{error.kind === 'invalid-scenario' ? t.invalidScenario : t.errorTitle}</h2>
          <pre>{error.message}</pre>
          <button type="button" onClick={restart}>
            {t.restart}
          </button>
        </section>
      ) : null}

      {summary ? (
        <section className="results" aria-label={t.results}>
          <h2>{t.results}</h2>
          <ul className="counts">
            {KINDS.map((k) => (
              <li key={k} className={`count count-${k}`} data-testid={`count-${k}`}>
                <span className="badge" aria-hidden="true">
                  {KIND_ICON[k]}
                </span>
                <span className="n">{summary.counts[k]}</span> {t[k]}
              </li>
            ))}
          </ul>
          <h3>{t.fates}</h3>
          {groupsTotal.map((g) => (
            <p key={g.group} className="fates">
              {t.group} <strong>{g.group}</strong>:{' '}
              {Object.entries(g.fates)
                .filter(([, n]) => n > 0)
                .map(([f, n]) => `${t.fateNames[f as keyof typeof t.fateNames]} ${n}`)
                .join(' · ')}
            </p>
          ))}
          <h3>{t.anomalies}</h3>
          {summary.anomalies.length === 0 ? (
            <p className="clean">{t.noAnomalies}</p>
          ) : (
            <ul className="anomalies">
              {summary.anomalies.slice(0, SHOWN).map((a) => (
                <Anomaly key={`${a.kind}-${a.group}-${a.msg}`} a={a} lang={lang} />
              ))}
            </ul>
          )}
          {summary.anomalies.length > SHOWN ? (
            <p>{t.more(summary.anomalies.length - SHOWN)}</p>
          ) : null}
          <details className="about" open>
            <summary>{t.about}</summary>
            <dl>
              <dt>{t.traceHash}</dt>
              <dd>
                <code data-testid="trace-hash">{summary.traceHash}</code>
              </dd>
              <dt>{t.seed}</dt>
              <dd>{summary.seed}</dd>
              <dt>{t.messages}</dt>
              <dd>{summary.messages}</dd>
              <dt>{t.events}</dt>
              <dd>{summary.events.toLocaleString()}</dd>
              <dt>{t.simulated}</dt>
              <dd>{seconds(summary.simulatedUs)}</dd>
              <dt>{t.wall}</dt>
              <dd>{Math.round(summary.wallMs)} ms</dd>
            </dl>
          </details>
        </section>
      ) : (
        !error && <p className="hint">{t.notRun}</p>
      )}
    </div>
  );
}
