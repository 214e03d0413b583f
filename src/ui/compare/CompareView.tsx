/**
 * Compare mode: two to four configurations side by side, each its own worker run of the same
 * seed and fault schedule, driven by one shared clock. Each column shows its counts at the
 * clock's moment, its final outcome and fates, and charts; figures that differ are marked, and
 * the differences are listed in words ("lost 3 vs 0").
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { ANOMALY_KINDS, FATES } from '../../engine/check/checker';
import { COMPARE_STRINGS, type CompareStrings } from '../../i18n/compare';
import { LESSON_COMPARE_STRINGS } from '../../i18n/lesson-compare';
import { fateLabel } from '../../i18n/fates';
import { shareErrorText, STRINGS } from '../../i18n/strings';
import type { Scenario } from '../../scenario/schema';
import type { CompareSpecValid } from '../../share/compare-codec';
import { MAX_COLUMNS, MIN_COLUMNS } from '../../share/compare-codec';
import { renderChart, type Series } from '../../viz/charts';
import type { MetricPoint } from '../../worker/protocol';
import { seconds, useApp, useAppState } from '../context';
import { compareLink } from './link';
import { ColumnRunner, type ColumnView } from './runner';
import {
  describePatch,
  differences,
  knobLabel,
  knobText,
  knobsOf,
  parseKnobValue,
  setKnob,
  valueAt,
  versus,
  type Figure,
} from './spec';
import { addColumn, closeCompare, compareStore, removeColumn, setColumnPatch } from './store';
import './compare.css';

const AT_TIME = ['sent', 'acked', 'delivered', 'processed'] as const;

/** The figures of one column: at the clock's moment, and final. Null while unknown. */
function figuresOf(v: ColumnView): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const k of AT_TIME) out[`t.${k}`] = v.counters ? v.counters[k] : null;
  for (const k of ANOMALY_KINDS) out[`t.${k}`] = v.counters ? v.counters.anomalies[k] : null;
  const s = v.summary && !v.summary.stopped ? v.summary : null;
  for (const k of ANOMALY_KINDS) out[`final.${k}`] = s ? s.counts[k] : null;
  // A duplicate whose repeat the sink absorbed is delivered twice but written once: count the
  // ones written twice (two `process` entries that applied), so a dedup table shows its effect.
  out['final.twice'] = s
    ? s.groups.every((g) => g.duplicateEffects !== undefined)
      ? s.groups.reduce((n, g) => n + (g.duplicateEffects ?? 0), 0)
      : s.anomalies.filter(
          (a) =>
            a.kind === 'duplicated' &&
            a.chain.filter((e) => e.kind === 'process' && e.data?.['applied'] === true).length > 1,
        ).length
    : null;
  for (const f of FATES)
    out[`fate.${f}`] = s ? s.groups.reduce((n, g) => n + (g.fates[f] ?? 0), 0) : null;
  // Per client (a lesson asks "how many did the slow consumer take?", "which publisher lost?").
  for (const g of s?.groups ?? []) {
    for (const [c, n] of Object.entries(g.consumers ?? {})) out[`consumer.${g.group}\n${c}`] = n;
    for (const [p, k] of Object.entries(g.producers ?? {}))
      for (const kind of PRODUCER_KINDS) out[`producer.${g.group}\n${p}\n${kind}`] = k[kind];
  }
  return out;
}

/** The anomaly kinds shown per producer. */
const PRODUCER_KINDS = ['lost', 'duplicated'] as const;
/** More consumers than this (a fleet of workers) and the per-consumer rows are left out. */
const MAX_CONSUMER_ROWS = 8;

/**
 * The per-client figures worth a row: every consumer's count when there are few, and a
 * producer's anomaly kind when some column has one and the scenario has several producers.
 */
function clientKeys(figures: readonly Figure[]): string[] {
  const consumers = figures.filter((f) => f.key.startsWith('consumer.'));
  const producers = figures.filter((f) => f.key.startsWith('producer.'));
  const names = new Set(producers.map((f) => f.key.split('\n')[1]));
  return [
    ...(consumers.length <= MAX_CONSUMER_ROWS ? consumers : []),
    ...(names.size > 1 ? producers.filter((f) => f.values.some((v) => (v ?? 0) > 0)) : []),
  ].map((f) => f.key);
}

function figureName(key: string, t: CompareStrings, lang: 'zh' | 'en'): string {
  const dot = key.indexOf('.');
  const scope = key.slice(0, dot);
  const k = key.slice(dot + 1);
  if (scope === 'fate') return fateLabel(k, lang);
  const [group = '', who = '', kind = ''] = k.split('\n');
  const tc = LESSON_COMPARE_STRINGS[lang];
  if (scope === 'consumer') return `${group} · ${tc.consumerMetric(who)}`;
  if (scope === 'producer') return `${group} · ${tc.producerMetric(who, t.figure[kind] ?? kind)}`;
  return t.figure[k] ?? k;
}

function Chart(props: { title: string; series: Series[]; durationUs: number; tUs: number }) {
  const ref = useRef<SVGSVGElement>(null);
  const { title, series, durationUs, tUs } = props;
  useEffect(() => {
    if (ref.current)
      renderChart(ref.current, series, { width: 300, height: 110, durationUs, tUs, title });
  }, [series, title, tUs, durationUs]);
  return <svg ref={ref} className="chart cmp-chart" />;
}

function useSeries(m: MetricPoint[] | undefined, pick: (p: MetricPoint) => number, cls: string) {
  return useMemo<Series[]>(
    () => (m ? [{ name: cls, cls, points: m.map((p) => ({ at: p.at, v: pick(p) })) }] : []),
    // `pick` is a fixed accessor per call site.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [m, cls],
  );
}

/** Changes one knob of a column: pick the knob, type its value, apply. */
function KnobEditor(props: {
  index: number;
  base: Scenario;
  scenario: Scenario;
  patched: string | undefined;
  t: CompareStrings;
}) {
  const { index, base, scenario, patched, t } = props;
  const knobs = useMemo(() => knobsOf(base), [base]);
  const [path, setPath] = useState(patched ?? knobs[0]?.path ?? '');
  const [text, setText] = useState(knobText(valueAt(scenario, path)));
  const [error, setError] = useState<string | null>(null);
  const lang = useAppState((s) => s.lang);
  const id = `cmp-knob-${index}`;
  return (
    <form
      className="cmp-knob"
      onSubmit={(e) => {
        e.preventDefault();
        const value = parseKnobValue(text, valueAt(base, path));
        if (value === null) return setError(t.badValue);
        const r = setColumnPatch(index, value === valueAt(base, path) ? [] : setKnob(path, value));
        setError(r && !r.ok ? shareErrorText(lang, r.error) : null);
      }}
    >
      <label htmlFor={`${id}-path`}>{t.knob}</label>
      <select
        id={`${id}-path`}
        value={path}
        onChange={(e) => {
          setPath(e.target.value);
          setText(knobText(valueAt(scenario, e.target.value)));
          setError(null);
        }}
      >
        {knobs.map((k) => (
          <option key={k.path} value={k.path}>
            {knobLabel(k.path)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-value`}>{t.newValue}</label>
      <input id={`${id}-value`} value={text} onChange={(e) => setText(e.target.value)} />
      <button type="submit">{t.apply}</button>
      {error ? (
        <p className="issue" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function Column(props: {
  index: number;
  spec: CompareSpecValid;
  view: ColumnView;
  marks: Set<string>;
  /** The fates some column has: the same rows in every column, so rows line up. */
  fateKeys: string[];
  /** The per-client figures shown (same in every column). */
  clientKeys: string[];
  /** Set when a lesson opened the comparison: the knob editors start closed. */
  fromLesson: boolean;
  tUs: number;
  durationUs: number;
  t: CompareStrings;
  lang: 'zh' | 'en';
}) {
  const { index, spec, view, marks, fateKeys, clientKeys, fromLesson, tUs, durationUs, t, lang } =
    props;
  const col = spec.columns[index];
  const fig = figuresOf(view);
  const m = view.summary?.metrics;
  const tp = useSeries(m, (p) => p.throughput, 's1');
  const lag = useSeries(m, (p) => p.lag, 's3');
  if (!col) return null;
  // A column with its own scenario (another system) describes its patch against that scenario.
  const changes = describePatch(col.own ?? spec.base, col.patch);
  const cell = (key: string) => (
    <tr key={key} className={marks.has(`${index}:${key}`) ? 'differs' : undefined}>
      <th scope="row">{figureName(key, t, lang)}</th>
      <td data-testid={`cmp-${index}-${key}`}>
        {/* A finished run without this figure (another system's group or client) has none: "—". */}
        {fig[key] ?? (view.summary && !key.startsWith('t.') ? '—' : '…')}
      </td>
    </tr>
  );
  const finalKeys = [...ANOMALY_KINDS.map((k) => `final.${k}`), 'final.twice'];
  return (
    <section
      className="cmp-col"
      data-testid={`compare-col-${index}`}
      data-phase={view.phase}
      data-at-us={view.atUs ?? ''}
      aria-labelledby={`cmp-col-h-${index}`}
    >
      <header>
        <h3 id={`cmp-col-h-${index}`}>
          {t.column(index)}
          {col.label ? ` · ${typeof col.label === 'string' ? col.label : col.label[lang]}` : ''}
        </h3>
        {spec.columns.length > MIN_COLUMNS ? (
          <button
            type="button"
            className="cmp-remove"
            aria-label={`${t.removeColumn}: ${t.column(index)}`}
            onClick={() => removeColumn(index)}
          >
            ✕
          </button>
        ) : null}
      </header>
      {col.own ? (
        <p className="cmp-system" data-testid={`compare-system-${index}`}>
          <code>system: {col.own.system}</code>
          {col.note ? <span className="cmp-note">{col.note[lang]}</span> : null}
        </p>
      ) : null}
      <ul className="cmp-patch" data-testid={`compare-patch-${index}`}>
        {changes.length === 0 && !col.own ? <li className="hint">{t.base}</li> : null}
        {changes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <details className="cmp-change" open={index > 0 && !fromLesson}>
        <summary>{t.changeKnob}</summary>
        <KnobEditor
          index={index}
          base={col.own ?? spec.base}
          scenario={col.scenario}
          patched={col.patch[0]?.path}
          t={t}
        />
      </details>
      {view.phase === 'computing' ? <p className="hint">{t.computing}</p> : null}
      {view.phase === 'error' ? (
        <p className="issue" role="alert">
          {t.failed} {view.error}
        </p>
      ) : null}
      <div className="cmp-tables">
        <table>
          <caption>
            {t.atTime} · {seconds(view.atUs ?? tUs)}
          </caption>
          <tbody>{[...AT_TIME.map((k) => `t.${k}`), 't.lost', 't.duplicated'].map(cell)}</tbody>
        </table>
        <table>
          <caption>{t.final}</caption>
          <tbody>{finalKeys.map(cell)}</tbody>
        </table>
        <table>
          <caption>{t.fates}</caption>
          <tbody>{fateKeys.map(cell)}</tbody>
        </table>
        {clientKeys.length > 0 ? (
          <table>
            <caption>{t.perClient}</caption>
            <tbody>{clientKeys.map(cell)}</tbody>
          </table>
        ) : null}
      </div>
      <div className="cmp-charts">
        <Chart title={t.throughput} series={tp} durationUs={durationUs} tUs={tUs} />
        <Chart title={t.lag} series={lag} durationUs={durationUs} tUs={tUs} />
      </div>
    </section>
  );
}

/** Keeps one runner per column; reloads a column whose scenario changed. */
function useRunners(spec: CompareSpecValid | null, tUs: number) {
  const runners = useRef<{ runner: ColumnRunner; scenario: Scenario }[]>([]);
  const [views, setViews] = useState<ColumnView[]>([]);
  const bump = useCallback(() => setViews(runners.current.map((r) => r.runner.view)), []);
  const { controller } = useApp();
  useEffect(() => {
    const cols = spec?.columns ?? [];
    const list = runners.current;
    while (list.length > cols.length) list.pop()?.runner.dispose();
    cols.forEach((c, i) => {
      const have = list[i];
      if (have && have.scenario === c.scenario) return;
      const runner = have?.runner ?? new ColumnRunner(controller.limits);
      runner.onChange = bump;
      list[i] = { runner, scenario: c.scenario };
      runner.load(c.scenario, tUs);
    });
    bump();
    // tUs is read once per load; the clock effect below follows it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [spec, controller, bump]);
  useEffect(
    () => () => {
      for (const r of runners.current) r.runner.dispose();
      runners.current = [];
    },
    [],
  );
  useEffect(() => {
    for (const r of runners.current) r.runner.frameAt(tUs);
  }, [tUs]);
  return views;
}

/** The shared clock: one moment for every column, advanced by animation frames while playing. */
function useClock(endUs: number) {
  const [tUs, setT] = useState(0);
  const [playing, setPlaying] = useState(false);
  const speed = useAppState((s) => s.speed);
  useEffect(() => {
    if (!playing) return;
    let raf = 0;
    let last = performance.now();
    const tick = (now: number) => {
      const dt = now - last;
      last = now;
      let stop = false;
      setT((t) => {
        const next = t + dt * 1000 * speed;
        if (next >= endUs) {
          stop = true;
          return endUs;
        }
        return next;
      });
      if (stop) setPlaying(false);
      else raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [playing, speed, endUs]);
  return { tUs, setT, playing, setPlaying };
}

export function CompareView() {
  const spec = useStore(compareStore, (s) => s.spec);
  if (!spec) return null;
  return <CompareOpen spec={spec} />;
}

function CompareOpen({ spec }: { spec: CompareSpecValid }) {
  const lang = useAppState((s) => s.lang);
  const back = useStore(compareStore, (s) => s.back);
  const { store } = useApp();
  const t = COMPARE_STRINGS[lang];
  const [endUs, setEnd] = useState(0);
  const [link, setLink] = useState<string | null>(null);
  const clock = useClock(endUs);
  const views = useRunners(spec, clock.tUs);
  const end = Math.max(0, ...views.map((v) => v.summary?.simulatedUs ?? 0));
  if (end !== endUs) setEnd(end);
  const per = views.map(figuresOf);
  // Every column's keys: per-client figures exist only where a column has that client.
  const keys = [...new Set(per.flatMap((p) => Object.keys(p)))];
  const figures: Figure[] = keys.map((key) => ({
    key,
    values: per.map((p) => p[key] ?? null),
  }));
  const fateKeys = figures
    .filter((f) => f.key.startsWith('fate.') && f.values.some((v) => (v ?? 0) > 0))
    .map((f) => f.key);
  const clients = clientKeys(figures);
  const diffs = differences(
    figures.filter((f) => !/^(consumer|producer)\./.test(f.key) || clients.includes(f.key)),
  );
  const marks = new Set<string>();
  for (const d of diffs) d.differs.forEach((x, i) => x && marks.add(`${i}:${d.key}`));
  const shown = diffs.filter((d) => !d.key.startsWith('t.') || d.key === 't.lost');
  const n = spec.columns.length;
  return (
    <section className="compare" role="region" aria-label={t.title} data-testid="compare">
      <header className="cmp-head">
        <div>
          <h2>{t.title}</h2>
          <p className="hint">{t.intro(n)}</p>
        </div>
        <div className="cmp-actions">
          <button
            type="button"
            onClick={() => store.getState().setLang(lang === 'zh' ? 'en' : 'zh')}
            aria-label={STRINGS[lang].languageLabel}
          >
            {STRINGS[lang].language}
          </button>
          {n < MAX_COLUMNS ? (
            <button type="button" onClick={() => addColumn()}>
              {t.addColumn}
            </button>
          ) : null}
          <button
            type="button"
            onClick={() =>
              void compareLink().then(async (url) => {
                if (!url) return;
                setLink(url);
                await navigator.clipboard?.writeText(url).catch(() => undefined);
              })
            }
          >
            {t.shareCompare}
          </button>
          <button
            type="button"
            className="primary"
            data-testid="compare-close"
            onClick={() => {
              if (/^#?c=/.test(location.hash))
                history.replaceState(null, '', `${location.pathname}${location.search}`);
              closeCompare();
            }}
          >
            {back ? back[lang] : t.close}
          </button>
        </div>
      </header>
      {link ? (
        <div className="notice notice-info" role="status">
          <span>{t.copied}</span>
          <input
            readOnly
            value={link}
            aria-label={t.shareCompare}
            data-testid="compare-url"
            onFocus={(e) => e.target.select()}
          />
          <button type="button" aria-label="✕" onClick={() => setLink(null)}>
            ✕
          </button>
        </div>
      ) : null}
      <div className="cmp-clock">
        <button
          type="button"
          className="primary"
          onClick={() => {
            if (!clock.playing && clock.tUs >= endUs) clock.setT(0);
            clock.setPlaying(!clock.playing);
          }}
          disabled={endUs === 0}
        >
          {clock.playing ? t.pause : t.play}
        </button>
        <input
          type="range"
          aria-label={t.time}
          min={0}
          max={Math.max(1, Math.round(endUs / 1000))}
          step={1}
          value={Math.round(clock.tUs / 1000)}
          onChange={(e) => {
            clock.setPlaying(false);
            clock.setT(Number(e.target.value) * 1000);
          }}
        />
        <output data-testid="compare-clock">
          {seconds(clock.tUs)} / {seconds(endUs)}
        </output>
      </div>
      <div className="cmp-diffs" data-testid="compare-diffs" aria-live="polite">
        <strong>{t.differences}</strong>{' '}
        {shown.length === 0 ? (
          <span className="hint">{t.noDifferences}</span>
        ) : (
          <ul>
            {shown.map((d) => (
              <li key={d.key} data-key={d.key}>
                {figureName(d.key, t, lang)} {versus(d.values)}
                {d.key.startsWith('t.') ? ` (${t.atTime})` : ''}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="cmp-cols" style={{ ['--cols' as string]: String(n) }}>
        {spec.columns.map((_c, i) => (
          <Column
            key={i}
            index={i}
            spec={spec}
            view={
              views[i] ?? {
                phase: 'computing',
                summary: null,
                counters: null,
                atUs: null,
                error: null,
              }
            }
            marks={marks}
            fateKeys={fateKeys}
            clientKeys={clients}
            fromLesson={Boolean(back)}
            tUs={clock.tUs}
            durationUs={endUs}
            t={t}
            lang={lang}
          />
        ))}
      </div>
    </section>
  );
}
