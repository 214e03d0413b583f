/**
 * The Monte Carlo panel: N seeds of the current scenario, each with a fault schedule drawn from a
 * fault model (by default the scenario's own faults at random moments), on a pool of Web Workers.
 * Results stream in with a progress bar and an estimate; the run can be cancelled at any time.
 * Per anomaly kind: the distribution of counts, the probability of at least one with its Wilson
 * 95 % interval; the mechanisms ranked by frequency; the worst seeds, each opening as a normal,
 * steppable run. Up to three of the scenario's variants run on the same seeds side by side.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { MonteCarloAggregate, type MonteCarloSummary } from '../engine/montecarlo/aggregate';
import type { SeedResult } from '../engine/montecarlo/result';
import { seedScenario, seedsOf } from '../engine/montecarlo/schedule';
import { mechanism } from '../engine/check/mechanisms';
import { term } from '../engine/text/glossary';
import { FAULT_WORDS, wordFor } from '../engine/text/words';
import {
  DEFAULT_SEEDS,
  defaultModel,
  MAX_SEEDS,
  parseFaultModel,
  type FaultModel,
  type FaultRule,
  type ModelIssue,
} from '../scenario/faultmodel';
import { parseScenario } from '../scenario/load';
import { variantDocument, type Scenario } from '../scenario/schema';
import { MC_STRINGS, type McStrings } from '../i18n/montecarlo';
import type { Lang } from '../i18n/strings';
import type { ScenarioDoc } from '../store';
import { browserPool } from '../worker/mc-browser';
import type { SeedPool } from '../worker/mc-pool';
import { useApp, useAppState } from './context';
import { useMcPanel } from './MonteCarloButton';
import './montecarlo.css';

/** Most variants compared with the scenario itself. */
const MAX_COMPARED = 3;
/** How often streaming results repaint, ms. */
const REPAINT_MS = 150;

function useMcStrings(): { t: McStrings; lang: Lang } {
  const lang = useAppState((s) => s.lang);
  return { t: MC_STRINGS[lang], lang };
}

/** The panel (loaded when first opened, see `MonteCarloButton.tsx`). */
export default function MonteCarloPanel() {
  const doc = useAppState((s) => s.doc);
  return <McDialog key={String(doc['name'])} doc={doc} />;
}

type Status = 'idle' | 'running' | 'done' | 'cancelled';

interface Config {
  name: string;
  label: string;
  scenario: Scenario;
}

function configsOf(s: Scenario, chosen: readonly string[], lang: Lang, t: McStrings): Config[] {
  const out: Config[] = [{ name: s.name, label: t.base, scenario: s }];
  for (const v of s.claims?.variants ?? []) {
    if (!chosen.includes(v.name)) continue;
    const d = variantDocument(s, v);
    const r = d.ok ? parseScenario(d.doc) : null;
    if (r?.ok) out.push({ name: v.name, label: v.title?.[lang] ?? v.name, scenario: r.value });
  }
  return out;
}

/** What the panel shows of a request: a snapshot taken at each repaint. */
interface RunView {
  configs: Config[];
  model: FaultModel;
  summaries: MonteCarloSummary[];
  done: number;
  total: number;
  ms: number;
}

function checkModel(
  text: string,
  s: Scenario,
  n: number,
): { ok: true; value: FaultModel } | { ok: false; issues: ModelIssue[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, issues: [{ path: '', message: String(e) }] };
  }
  return parseFaultModel(doc, s, n);
}

/**
 * Runs a request on the pool, aggregating as results stream in, and hands a snapshot to `show`
 * at most every REPAINT_MS (and once at the end, `finished`).
 */
async function streamRun(
  pool: SeedPool,
  configs: Config[],
  model: FaultModel,
  seeds: number[],
  show: (v: RunView, finished: boolean) => void,
): Promise<void> {
  const aggs = configs.map(() => new MonteCarloAggregate());
  const total = seeds.length * configs.length;
  const t0 = performance.now();
  let done = 0;
  let timer: number | null = null;
  const snapshot = (): RunView => ({
    configs,
    model,
    summaries: aggs.map((a) => a.summary()),
    done,
    total,
    ms: performance.now() - t0,
  });
  show(snapshot(), false);
  await pool.run({ configs: configs.map((c) => c.scenario), model, seeds }, (res: SeedResult) => {
    aggs[res.config]?.add(res);
    done++;
    timer ??= window.setTimeout(() => {
      timer = null;
      show(snapshot(), false);
    }, REPAINT_MS);
  });
  if (timer !== null) window.clearTimeout(timer);
  show(snapshot(), true);
}

function McDialog({ doc }: { doc: ScenarioDoc }) {
  const { controller } = useApp();
  const { t, lang } = useMcStrings();
  const parsed = useMemo(() => parseScenario(doc), [doc]);
  const scenario = parsed.ok ? parsed.value : null;
  const [n, setN] = useState(DEFAULT_SEEDS);
  const [modelText, setModelText] = useState(() =>
    scenario ? JSON.stringify(defaultModel(scenario), null, 2) : '',
  );
  const [compare, setCompare] = useState<string[]>([]);
  const [issues, setIssues] = useState<ModelIssue[]>([]);
  const [status, setStatus] = useState<Status>('idle');
  const [view, setView] = useState<RunView | null>(null);
  const pool = useRef<SeedPool | null>(null);
  const requests = useRef(0);

  useEffect(() => () => pool.current?.close(), []);

  const model = useMemo((): FaultModel | null => {
    try {
      return JSON.parse(modelText) as FaultModel;
    } catch {
      return null;
    }
  }, [modelText]);

  const setRule = (i: number, patch: Partial<FaultRule>) => {
    if (!model) return;
    const rules = model.rules.map((r, j) => (j === i ? { ...r, ...patch } : r));
    setModelText(JSON.stringify({ ...model, rules }, null, 2));
  };

  const start = () => {
    if (!scenario) return;
    const checked = checkModel(modelText, scenario, n);
    setIssues(checked.ok ? [] : checked.issues);
    if (!checked.ok) return;
    pool.current ??= browserPool();
    const configs = configsOf(scenario, compare, lang, t);
    setStatus('running');
    const request = ++requests.current;
    void streamRun(pool.current, configs, checked.value, seedsOf(scenario, n), (v, finished) => {
      if (requests.current !== request) return;
      setView(v);
      if (finished) setStatus(v.done >= v.total ? 'done' : 'cancelled');
    });
  };

  const cancel = () => pool.current?.cancel();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopImmediatePropagation();
      useMcPanel.getState().setOpen(false);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  useEffect(
    () => () => {
      requests.current++;
    },
    [],
  );

  const openSeed = (c: Config, seed: number) => {
    const m = view?.model;
    if (!m) return;
    const s = seedScenario(c.scenario, m, seed);
    useMcPanel.getState().setOpen(false);
    controller.loadDoc(s, { dirty: true });
  };

  const r = view;
  const variants = scenario?.claims?.variants ?? [];
  return (
    <div className="mc-backdrop">
      <section
        className="mc-panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby="mc-title"
        data-testid="mc-panel"
      >
        <header className="mc-head">
          <h2 id="mc-title">{t.title}</h2>
          <button type="button" onClick={() => useMcPanel.getState().setOpen(false)}>
            {t.close}
          </button>
        </header>
        <p>{t.intro}</p>
        {!scenario ? (
          <p role="alert">{t.invalidScenario}</p>
        ) : (
          <>
            <div className="mc-setup">
              <label>
                {t.seeds}{' '}
                <input
                  type="number"
                  min={1}
                  max={MAX_SEEDS}
                  value={n}
                  data-testid="mc-seeds"
                  onChange={(e) => setN(Math.floor(Number(e.target.value)))}
                />{' '}
                <small>{t.seedsHint(MAX_SEEDS)}</small>
              </label>
              <fieldset>
                <legend>{t.model}</legend>
                {model?.rules?.map((rule, i) => (
                  <RuleEditor
                    key={i}
                    rule={rule}
                    t={t}
                    lang={lang}
                    onChange={(p) => setRule(i, p)}
                  />
                ))}
                {model && model.fixed?.length > 0 ? (
                  <p>{t.fixedFaults(model.fixed.length)}</p>
                ) : null}
                <details>
                  <summary>{t.editJson}</summary>
                  <textarea
                    aria-label={t.editJson}
                    rows={10}
                    value={modelText}
                    spellCheck={false}
                    onChange={(e) => setModelText(e.target.value)}
                  />
                </details>
              </fieldset>
              {variants.length > 0 ? (
                <fieldset>
                  <legend>{t.compare}</legend>
                  {variants.map((v) => (
                    <label key={v.name} className="mc-variant">
                      <input
                        type="checkbox"
                        checked={compare.includes(v.name)}
                        disabled={!compare.includes(v.name) && compare.length >= MAX_COMPARED}
                        onChange={(e) =>
                          setCompare(
                            e.target.checked
                              ? [...compare, v.name]
                              : compare.filter((x) => x !== v.name),
                          )
                        }
                      />{' '}
                      {v.title?.[lang] ?? v.name}
                    </label>
                  ))}
                </fieldset>
              ) : null}
              <div className="mc-actions">
                <button
                  type="button"
                  data-testid="mc-start"
                  disabled={status === 'running'}
                  onClick={start}
                >
                  {t.start}
                </button>
                <button
                  type="button"
                  data-testid="mc-cancel"
                  disabled={status !== 'running'}
                  onClick={cancel}
                >
                  {t.cancel}
                </button>
              </div>
            </div>
            {issues.length > 0 ? (
              <div role="alert" className="mc-issues" data-testid="mc-issues">
                <strong>{t.refused}</strong>
                <ul>
                  {issues.map((x, i) => (
                    <li key={i}>
                      {x.path ? <code>{x.path}</code> : null} {x.message}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {r ? <Progress t={t} status={status} done={r.done} total={r.total} ms={r.ms} /> : null}
            {r ? (
              <div className="mc-results" data-testid="mc-results">
                {r.configs.map((c, i) => {
                  const s = r.summaries[i];
                  return s ? (
                    <ConfigResult
                      key={c.name}
                      label={r.configs.length > 1 ? c.label : null}
                      s={s}
                      t={t}
                      lang={lang}
                      onOpen={(seed) => openSeed(c, seed)}
                    />
                  ) : null;
                })}
              </div>
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}

function RuleEditor({
  rule,
  t,
  lang,
  onChange,
}: {
  rule: FaultRule;
  t: McStrings;
  lang: Lang;
  onChange: (p: Partial<FaultRule>) => void;
}) {
  const sec = (ms: number) => Math.round(ms) / 1000;
  const fault = wordFor(FAULT_WORDS, rule.kind, lang);
  const targets = [...(rule.targets ?? []), ...(rule.peers ? ['↔', ...rule.peers] : [])].join(
    lang === 'zh' ? '、' : ', ',
  );
  const rec = rule.recoverAfterMs;
  const recWhat = rule.kind === 'partition' ? t.healWord : t.restartWord;
  return (
    <p className="mc-rule" data-testid="mc-rule">
      {t.ruleOnce(fault, targets)}, {t.between}{' '}
      {(['fromMs', 'toMs'] as const).map((end) => (
        <span key={end}>
          {end === 'toMs' ? ` ${t.and} ` : null}
          <input
            type="number"
            step="0.1"
            min={0}
            aria-label={`${end === 'fromMs' ? t.between : t.and} (${t.seconds})`}
            value={sec(rule.window[end])}
            onChange={(e) =>
              onChange({ window: { ...rule.window, [end]: Number(e.target.value) * 1000 } })
            }
          />
        </span>
      ))}{' '}
      {t.seconds},{' '}
      {rule.ratePerSec === undefined ? (
        <>
          <input
            type="number"
            min={0}
            max={50}
            aria-label={t.times}
            value={rule.count ?? 1}
            onChange={(e) => onChange({ count: Math.floor(Number(e.target.value)) })}
          />{' '}
          {t.times}
        </>
      ) : (
        <span>{rule.ratePerSec}/s</span>
      )}
      {rec && rule.kind !== 'pause'
        ? `; ${t.recoverAfter(recWhat, sec(rec.minMs === rec.maxMs ? rec.minMs : (rec.minMs + rec.maxMs) / 2))}`
        : ''}
      {rule.kind === 'pause' && rec ? `; ${t.pauseFor} ${sec(rec.minMs)} ${t.seconds}` : ''}
    </p>
  );
}

function Progress({
  t,
  status,
  done,
  total,
  ms,
}: {
  t: McStrings;
  status: Status;
  done: number;
  total: number;
  ms: number;
}) {
  const left =
    done > 0 && status === 'running' ? Math.ceil(((total - done) * ms) / done / 1000) : null;
  return (
    <div className="mc-progress" role="status" data-testid="mc-progress" data-status={status}>
      <progress max={total} value={done} aria-label={t.progress(done, total)} />
      <span>
        {t.progress(done, total)} · {t.elapsed(Math.round(ms / 100) / 10)}
        {left !== null ? ` · ${t.eta(left)}` : ''}
      </span>
      {status === 'cancelled' ? <p>{t.cancelled}</p> : null}
    </div>
  );
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** At most this many bars per histogram; wider ranges are binned. */
const BARS = 12;

function bins(
  d: MonteCarloSummary['kinds'][number]['distribution'],
): { label: string; seeds: number }[] {
  const max = d.length === 0 ? 0 : (d[d.length - 1]?.count ?? 0);
  if (max < BARS) {
    return Array.from({ length: max + 1 }, (_, c) => ({
      label: String(c),
      seeds: d.find((x) => x.count === c)?.seeds ?? 0,
    }));
  }
  const width = Math.ceil((max + 1) / BARS);
  return Array.from({ length: BARS }, (_, b) => {
    const lo = b * width;
    const hi = lo + width - 1;
    return {
      label: `${lo}–${hi}`,
      seeds: d.filter((x) => x.count >= lo && x.count <= hi).reduce((a, x) => a + x.seeds, 0),
    };
  }).filter((b, i, all) => b.seeds > 0 || all.slice(i).some((x) => x.seeds > 0));
}

function ConfigResult({
  label,
  s,
  t,
  lang,
  onOpen,
}: {
  label: string | null;
  s: MonteCarloSummary;
  t: McStrings;
  lang: Lang;
  onOpen: (seed: number) => void;
}) {
  const kinds = s.kinds.filter((k) => k.max > 0 || k.kind === 'lost');
  return (
    <article className="mc-config" data-testid="mc-config">
      {label ? <h3>{label}</h3> : null}
      <table className="mc-kinds">
        <thead>
          <tr>
            <th>{t.kind}</th>
            <th>{t.atLeastOne}</th>
            <th>{t.interval}</th>
            <th>{t.perSeed}</th>
            <th>{t.distribution}</th>
          </tr>
        </thead>
        <tbody>
          {kinds.map((k) => {
            const b = bins(k.distribution);
            const top = Math.max(1, ...b.map((x) => x.seeds));
            return (
              <tr key={k.kind} data-testid={`mc-kind-${k.kind}`}>
                <th scope="row">{term(k.kind, lang)}</th>
                <td data-testid="mc-p">
                  {k.seedsWithAny}/{s.seeds} = {pct(k.atLeastOne.p)}
                </td>
                <td>
                  {pct(k.atLeastOne.low)} – {pct(k.atLeastOne.high)}
                </td>
                <td>
                  {k.mean.toFixed(2)} / {k.median} / {k.max}
                </td>
                <td>
                  <span className="mc-hist" aria-hidden="true">
                    {b.map((x) => (
                      <span
                        key={x.label}
                        className="mc-bar"
                        title={`${x.label}: ${x.seeds}`}
                        style={{ height: `${Math.round((100 * x.seeds) / top)}%` }}
                      />
                    ))}
                  </span>
                  <span className="mc-sr">
                    {b
                      .filter((x) => x.seeds > 0)
                      .map((x) => `${x.label}: ${x.seeds}`)
                      .join(', ')}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h4>{t.mechanisms}</h4>
      {s.mechanisms.length === 0 ? (
        <p>{t.noAnomalies}</p>
      ) : (
        <ol className="mc-mechs">
          {s.mechanisms.map((m) => (
            <li key={m.id} data-mech={m.id}>
              {mechanism(m.id).title[lang]} <small>({t.mechSeeds(m.seeds, m.anomalies)})</small>
            </li>
          ))}
        </ol>
      )}
      {s.worst.length > 0 ? (
        <>
          <h4>{t.worst}</h4>
          <ul className="mc-worst">
            {s.worst.map((w) => (
              <li key={w.seed}>
                <button type="button" data-testid="mc-worst-seed" onClick={() => onOpen(w.seed)}>
                  {t.openSeed(w.seed)}
                </button>{' '}
                {s.kinds
                  .filter((k) => w.counts[k.kind] > 0)
                  .map((k) => `${term(k.kind, lang)} ${w.counts[k.kind]}`)
                  .join(lang === 'zh' ? '，' : ', ')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {s.failed.map((f) => (
        <p key={f.seed} role="alert">
          {t.failed(f.seed, f.error)}
        </p>
      ))}
    </article>
  );
}
