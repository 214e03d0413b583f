import { useMemo, useState } from 'react';
import { ANOMALY_LIST } from '../i18n/anomaly-list';
import './anomaly-list.css';
import type { AnomalyKind } from '../engine/check/checker';
import type { AnomalySummary } from '../worker/protocol';
import { Badge } from './Badge';
import { seconds, useApp, useAppState, useStrings } from './context';
import { eventText, timeText } from '../engine/text/events';
import { fateLabel } from '../i18n/fates';
import { HELD_AT, heldPlaceText } from '../i18n/held';
import type { Lang, Strings } from '../i18n/strings';
import { isCause, storyOf, type StoryEntry } from './story';
import type { JournalEntry } from '../engine/check/history';
import { GLOSSARY } from '../engine/text/glossary';
import {
  FAULT_WORDS,
  JOURNAL_WORDS,
  REASON_WORDS,
  WIRE_WORDS,
  wordFor,
} from '../engine/text/words';

/** In the checker's order (most severe first); a type-only import keeps the engine out of the page. */
const ANOMALY_KINDS: readonly AnomalyKind[] = [
  'lost',
  'duplicated',
  'reordered',
  'unexpected',
  'recovered',
];

/** The small labels before a story sentence: its role as a cause, or the mechanism acting. */
function tagsOf(s: StoryEntry, t: Strings): string[] {
  const tags = s.roles.map((r) => t.causeRoles[r]);
  if (tags.length === 0 && s.cause && !s.onPath) tags.push(t.causeTag);
  if (s.act) tags.push(t.actTag);
  if (s.related) tags.push(t.storyRelated);
  return tags;
}

/** Fields of a journal entry that are real knob names: shown as `acks=all`, never translated. */
const KNOB_FIELDS = new Set(['acks']);

/** The scenario's `sink` values in words. */
const SINK_WORDS = {
  insert: GLOSSARY.sinkInsert,
  'unique-key': GLOSSARY.sinkUniqueKey,
  set: GLOSSARY.sinkSet,
  'dedup-table': GLOSSARY.sinkDedupTable,
};

/** A field's value in words, where the field holds a code the engine names. */
function valueWord(k: string, v: string, lang: Lang): string {
  switch (k) {
    case 'reason':
      return wordFor(REASON_WORDS, v, lang);
    case 'type':
      return WIRE_WORDS[v] ? wordFor(WIRE_WORDS, v, lang) : wordFor(FAULT_WORDS, v, lang);
    case 'match':
      return v === 'any' || v === 'ack' ? v : wordFor(WIRE_WORDS, v, lang);
    case 'sink':
      return wordFor(SINK_WORDS, v, lang);
    case 'kind':
      return wordFor(FAULT_WORDS, v, lang);
    default:
      return v;
  }
}

/**
 * A chain entry's fields in words: `原因：崩溃时尚未写盘` in Chinese; English keeps the engine's
 * `reason=crash-unwritten`, which is what the CLI's JSON and the source say.
 */
function dataText(data: NonNullable<JournalEntry['data']>, t: Strings, lang: Lang): string {
  return Object.entries(data)
    .map(([k, v]) => {
      if (lang === 'en' || KNOB_FIELDS.has(k)) return `${k}=${String(v)}`;
      const value = typeof v === 'boolean' ? (v ? t.yes : t.no) : valueWord(k, String(v), lang);
      return `${t.dataLabels[k] ?? k}：${value}`;
    })
    .join(lang === 'zh' ? '，' : ' ');
}

const SHOWN = 80;
/** Anomalies listed per page: a page renders at once, a run can have thousands. */
export const PAGE = 100;

export function Anomalies() {
  const { store, controller } = useApp();
  const t = useStrings();
  const lang = useAppState((s) => s.lang);
  const summary = useAppState((s) => s.summary);
  // Live counts change rarely: subscribe to their text, not to every frame.
  const liveText = useAppState((s) => (s.frame ? JSON.stringify(s.frame.counters.anomalies) : ''));
  const live = liveText ? (JSON.parse(liveText) as Record<string, number>) : null;
  const selected = useAppState((s) => s.anomaly);
  const raw = useAppState((s) => s.rawChain);
  const picked = useAppState((s) => s.chainEntry);
  const a = summary && selected !== null ? summary.anomalies[selected] : undefined;
  const story = useMemo(() => (a ? storyOf(a) : []), [a]);
  const system = useAppState((s) => s.doc['system']);
  const groupLabel = system === 'kafka' || system === 'rocketmq' ? t.groupKafka : t.groupQueue;
  const L = ANOMALY_LIST[lang];
  // The count cards filter the list by kind; the list shows one page of the filtered indices.
  const [filter, setFilter] = useState<{ kind: AnomalyKind | null; page: number }>({
    kind: null,
    page: 0,
  });
  const listed = useMemo(() => {
    const all = summary?.anomalies ?? [];
    const out: number[] = [];
    for (let i = 0; i < all.length; i++)
      if (filter.kind === null || all[i]?.kind === filter.kind) out.push(i);
    return out;
  }, [summary, filter.kind]);
  const pages = Math.max(1, Math.ceil(listed.length / PAGE));
  const page = Math.min(filter.page, pages - 1);
  const pageItems = listed.slice(page * PAGE, (page + 1) * PAGE);
  if (!summary) return <p className="hint">{t.noRun}</p>;
  // A cut-off history is not checked (every message still in flight would look lost).
  if (summary.stopped)
    return (
      <p className="hint" data-testid="not-checked">
        {t.notChecked}
      </p>
    );
  const unlisted =
    (filter.kind === null
      ? ANOMALY_KINDS.reduce((n, k) => n + summary.counts[k], 0)
      : summary.counts[filter.kind]) - listed.length;
  const pick = (id: number, at: number) => {
    store.getState().selectChainEntry(id);
    controller.seek(at);
  };
  return (
    <div className="anomalies-panel">
      <ul className="counts" aria-label={t.results}>
        {ANOMALY_KINDS.map((k) => (
          <li
            key={k}
            className={`count count-${k}`}
            data-testid={`count-${k}`}
            title={`${t.anomalyHints[k]} ${filter.kind === k ? L.filterOn : L.filterOff}`}
          >
            <button
              type="button"
              className="count-filter"
              aria-pressed={filter.kind === k}
              disabled={summary.counts[k] === 0 && filter.kind !== k}
              onClick={() => setFilter({ kind: filter.kind === k ? null : k, page: 0 })}
            >
              <Badge kind={k} />
              <span className="n">{summary.counts[k]}</span> {t[k]}
              {live && live[k] !== summary.counts[k] ? (
                <small className="live"> · {t.soFar(live[k] ?? 0)}</small>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
      {summary.anomalies.length === 0 ? (
        <div className="clean">
          <p>{t.noAnomalies}</p>
          {summary.protections.length > 0 ? (
            <p className="protections" data-testid="protections">
              {t.protectedBy}{' '}
              {summary.protections.map((p) => `${p.title[lang]} ×${p.count}`).join(t.listSep)}
            </p>
          ) : null}
        </div>
      ) : (
        <ul className="anomaly-list" aria-label={t.anomalies}>
          {pageItems
            .map((i) => ({ x: summary.anomalies[i] as AnomalySummary, i }))
            .map(({ x, i }) => (
              <li
                key={`${x.kind}-${x.group}-${x.msg}`}
                className={`anomaly anomaly-${x.kind}${selected === i ? ' selected' : ''}`}
              >
                <button
                  type="button"
                  aria-pressed={selected === i}
                  onClick={() => {
                    store.getState().selectAnomaly(selected === i ? null : i);
                    if (selected !== i) {
                      const crash = x.chain.find(
                        (e) =>
                          e.kind === 'crash' ||
                          e.kind === 'power-loss' ||
                          e.kind === 'net-drop' ||
                          e.kind === 'drop',
                      );
                      controller.seek(Math.max(0, (x.startAt ?? crash?.at ?? x.at) - 1));
                    }
                  }}
                >
                  <Badge kind={x.kind} />
                  <span className="what">
                    {t[x.kind]} · {t.selectedMsg(x.msg)}
                    {x.key !== null ? ` · ${t.keyCol} ${x.key}` : ''}
                  </span>
                </button>
              </li>
            ))}
        </ul>
      )}
      {listed.length > PAGE ? (
        <nav className="anomaly-pager" aria-label={L.pager} data-testid="anomaly-pager">
          <button
            type="button"
            disabled={page === 0}
            onClick={() => setFilter({ kind: filter.kind, page: page - 1 })}
          >
            {L.prev}
          </button>
          <span data-testid="anomaly-range">
            {L.range(page * PAGE + 1, page * PAGE + pageItems.length, listed.length)}
          </span>
          <button
            type="button"
            disabled={page >= pages - 1}
            onClick={() => setFilter({ kind: filter.kind, page: page + 1 })}
          >
            {L.next}
          </button>
        </nav>
      ) : null}
      {/* The worker sends at most MAX_ANOMALIES; the counts above stay exact. */}
      {unlisted > 0 ? <p data-testid="unlisted">{t.more(unlisted)}</p> : null}
      {a ? (
        <section
          className={`explain anomaly-${a.kind}`}
          aria-label={t.whatHappened}
          data-testid="explanation"
        >
          <h3>
            <Badge kind={a.kind} /> {t.selectedMsg(a.msg)}
          </h3>
          <p className="reason">{a.reason[lang]}</p>
          {a.chainOmitted !== undefined ? (
            <p className="chain-loading" role="status" data-testid="chain-loading">
              {L.chainLoading(a.chainOmitted)}
            </p>
          ) : null}
          <div className="story-head">
            <h4>{t.chain}</h4>
            <label className="raw-toggle" title={t.rawEventsHint}>
              <input
                type="checkbox"
                checked={raw}
                onChange={(ev) => store.getState().setRawChain(ev.target.checked)}
              />{' '}
              {t.rawEvents}
            </label>
          </div>
          {raw ? (
            <ol className="chain raw" data-testid="raw-events">
              {a.chain.map((e) => (
                <li key={e.id}>
                  <button
                    type="button"
                    aria-pressed={picked === e.id}
                    onClick={() => pick(e.id, e.at)}
                  >
                    <code>{seconds(e.at)}</code> <strong>{e.node}</strong>{' '}
                    {JOURNAL_WORDS[e.kind][lang]}
                    {e.data && Object.keys(e.data).length > 0 ? (
                      <span className="data"> {dataText(e.data, t, lang)}</span>
                    ) : null}
                  </button>
                </li>
              ))}
            </ol>
          ) : (
            <ol className="chain story" data-testid="story">
              {story.map((s) => (
                <li
                  key={s.entry.id}
                  className={`step${isCause(s) ? ' cause' : ''}${s.act ? ' act' : ''}${s.related ? ' related' : ''}`}
                >
                  <button
                    type="button"
                    aria-pressed={picked === s.entry.id}
                    onClick={() => pick(s.entry.id, s.entry.at)}
                  >
                    <time>{timeText(s.entry.at, lang)}</time>
                    <span className="sentence">
                      {tagsOf(s, t).map((tag) => (
                        <span key={tag} className="tag">
                          {tag}
                        </span>
                      ))}
                      {eventText(s.entry, lang, a.msg)}
                    </span>
                  </button>
                </li>
              ))}
            </ol>
          )}
        </section>
      ) : null}
      {summary.setAside.length > 0 ? (
        <details className="set-aside" data-testid="set-aside">
          <summary>{t.setAside(summary.setAside.length)}</summary>
          <ul>
            {summary.setAside.slice(0, SHOWN).map((x) => (
              <li key={`${x.group}-${x.msg}`}>
                <strong>{fateLabel(x.fate, lang)}</strong> {x.reason[lang]}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <h3>{t.fates}</h3>
      {summary.groups.map((g) => (
        <p key={g.group} className="fates">
          {groupLabel} <strong>{g.group}</strong>
          {lang === 'zh' ? '：' : ': '}
          {Object.entries(g.fates as Record<string, number>)
            .filter(([, n]) => n > 0)
            .map(([f, n]) => `${fateLabel(f, lang)} ${n}`)
            .join(' · ')}
          {g.held && g.held.length > 0 ? (
            <span className="held-at" data-testid="held-at">
              <br />
              {HELD_AT[lang]}
              {g.held.map((h) => `${heldPlaceText(h.where, lang)} ${h.n}`).join(' · ')}
            </span>
          ) : null}
        </p>
      ))}
    </div>
  );
}

export function About() {
  const t = useStrings();
  const summary = useAppState((s) => s.summary);
  if (!summary) return <p className="hint">{t.noRun}</p>;
  return (
    <dl className="about-run">
      <dt>{t.traceHash}</dt>
      <dd>
        <code data-testid="trace-hash" translate="no">
          {summary.traceHash}
        </code>
      </dd>
      <dt>{t.seed}</dt>
      <dd data-testid="seed">{summary.seed}</dd>
      <dt>{t.messages}</dt>
      <dd>{summary.messages}</dd>
      <dt>{t.events}</dt>
      <dd>{summary.events.toLocaleString()}</dd>
      <dt>{t.simulated}</dt>
      <dd>{seconds(summary.simulatedUs)}</dd>
      <dt>{t.frames}</dt>
      <dd>
        {summary.frames} × {summary.frameUs / 1000} ms
      </dd>
      <dt>{t.wall}</dt>
      <dd>{Math.round(summary.wallMs)} ms</dd>
    </dl>
  );
}
