import { useEffect, useMemo, useRef, useState } from 'react';
import { useSelector } from '@xstate/react';
import type { Fault } from '../scenario/schema';
import { JOURNAL_WORDS, WIRE_WORDS, wordFor } from '../engine/text/words';
import type { Lang, Strings } from '../i18n/strings';
import { SPEEDS } from '../store';
import { TimelineRenderer, type TimelineFault } from '../viz/timeline';
import { seconds, useApp, useAppState, useStrings } from './context';
import { storyOf } from './story';
import { faultTargets, type NodeFaultType } from './faultTargets';
import type { NodeView } from '../engine/view';
import { FaultEditor } from './FaultEditor';
import { stepBack, stepForward } from './presenter/state';
import { StepNarration } from './StepNarration';
import { LAB_STRINGS } from '../i18n/lab';

/** A fault in words: what happens to which node or link. */
function faultText(f: Fault, t: Strings, lang: Lang): string {
  const F = t.faultText;
  const what = (match: string) =>
    match === 'any' ? F.anyMessage : match === 'ack' ? F.anyAck : wordFor(WIRE_WORDS, match, lang);
  switch (f.type) {
    case 'crash':
      // The document is the user's, defaults not filled in: `when` may be absent (= now).
      return F.crash(f.node) + (F.crashWhen[f.when] ?? '');
    case 'restart':
      return F.restart(f.node);
    case 'power-loss':
      return F.powerLoss(f.node);
    case 'pause':
      return F.pause(f.node, f.durationMs);
    case 'slow-consumer':
      return F.slow(f.node);
    case 'partition':
      return F.cut(f.a, f.b, f.oneWay);
    case 'split':
      return F.split(f.sides[0].join(','), f.sides[1].join(','));
    case 'heal':
      return f.a ? F.heal(f.a, f.b ?? '') : F.healAll;
    case 'drop-next':
      return F.dropNext(what(f.match), f.from, f.to);
    case 'duplicate-next':
      return F.duplicateNext(what(f.match), f.from, f.to);
    case 'delay-next':
      return F.delayNext(what(f.match), f.from, f.to);
    default: {
      const never: never = f;
      return String(never);
    }
  }
}

export function Timeline() {
  const { controller } = useApp();
  const t = useStrings();
  const svgRef = useRef<SVGSVGElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const renderer = useRef<TimelineRenderer | null>(null);
  const [width, setWidth] = useState(900);
  const [editing, setEditing] = useState<{ index: number; x: number } | null>(null);
  // The time cursor moves every animation frame through `onTick`; React re-renders this panel only
  // when the time crosses a 100 ms step (the event list), so playback stays smooth.
  const tStep = useAppState((s) => Math.floor(s.tUs / 100_000));
  const meta = useAppState((s) => s.meta);
  const summary = useAppState((s) => s.summary);
  const computedUs = useAppState((s) => s.computedUs);
  const checked = useAppState((s) => s.checked);
  const phase = useAppState((s) => s.phase);
  const doc = useAppState((s) => s.doc);
  const anomalyIndex = useAppState((s) => s.anomaly);
  const speed = useAppState((s) => s.speed);
  const lang = useAppState((s) => s.lang);
  const runState = useSelector(controller.run, (s) => s.value);
  const durationUs =
    meta?.durationUs ?? summary?.simulatedUs ?? Number(doc['durationMs'] ?? 0) * 1000;
  const faults = useMemo(() => (doc['faults'] as Fault[] | undefined) ?? [], [doc]);

  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() =>
      setWidth(Math.max(300, Math.round(el.getBoundingClientRect().width))),
    );
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    if (!svgRef.current) return;
    renderer.current = new TimelineRenderer(svgRef.current, {
      seek: (us) => controller.seek(us),
      moveFault: (i, atMs) => controller.moveFault(i, atMs),
      deleteFault: (i) => controller.deleteFault(i),
      selectFault: (index, x) => setEditing({ index, x }),
    });
    const off = controller.onTick((us) => renderer.current?.setCursor(us));
    return () => {
      off();
      renderer.current = null;
    };
  }, [controller]);

  const anomaly = summary && anomalyIndex !== null ? summary.anomalies[anomalyIndex] : undefined;
  const rawChain = useAppState((s) => s.rawChain);
  const chainSelected = useAppState((s) => s.chainEntry);
  // The timeline marks what the explorer lists: the story, or every raw entry in the raw view.
  const chain = useMemo(
    () => (!anomaly ? [] : rawChain ? anomaly.chain : storyOf(anomaly).map((s) => s.entry)),
    [anomaly, rawChain],
  );
  useEffect(() => {
    renderer.current?.update({
      width,
      durationUs,
      computedUs,
      tUs: controller.store.getState().tUs,
      faults: faults.map((f, index) => ({ index, atMs: f.atMs, label: faultText(f, t, lang) })),
      events: summary?.timeline ?? [],
      anomalies: summary?.anomalies ?? [],
      chain,
      chainSelected,
      faultLabel: (f: TimelineFault) => t.faultAt(f.label, f.atMs),
      scale: width >= 2800 ? 2 : 1,
    });
  }, [width, durationUs, computedUs, faults, summary, chain, chainSelected, t, lang, controller]);

  const running = runState === 'running';
  const pct = durationUs > 0 ? Math.round((computedUs / durationUs) * 100) : 0;
  const tNear = tStep * 100_000;
  const nearby = useMemo(() => {
    const ev = summary?.timeline ?? [];
    let i = ev.findIndex((e) => e.at > tNear);
    if (i < 0) i = ev.length;
    return ev.slice(Math.max(0, i - 4), i + 4);
  }, [summary, tNear]);

  return (
    <section className="timeline" aria-label={t.timeline}>
      <div className="transport" role="toolbar" aria-label={t.controls}>
        <button
          type="button"
          className="primary"
          onClick={() => controller.toggle()}
          aria-keyshortcuts="Space"
        >
          {running ? `❚❚ ${t.pause}` : `▶ ${t.play}`}
        </button>
        <button
          type="button"
          onClick={() => void stepBack(controller)}
          aria-label={LAB_STRINGS[lang].stepBack}
          title={LAB_STRINGS[lang].stepBack}
        >
          |◀
        </button>
        <button
          type="button"
          onClick={() => void stepForward(controller, 'event')}
          aria-keyshortcuts="ArrowRight"
          aria-label={t.stepEvent}
          title={t.stepEvent}
        >
          ▶|
        </button>
        <button
          type="button"
          onClick={() => void stepForward(controller, 'hop')}
          aria-keyshortcuts="Shift+ArrowRight"
          aria-label={t.stepHop}
          title={t.stepHop}
        >
          ▶▶|
        </button>
        <button type="button" onClick={() => controller.runToEnd()} aria-keyshortcuts="End">
          ▶▶ {t.runToEnd}
        </button>
        <label className="speed">
          {t.speed}
          <select
            value={speed}
            onChange={(e) => controller.store.getState().setSpeed(Number(e.target.value))}
          >
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <Clock durationUs={durationUs} state={String(runState)} />
        {summary === null && phase === 'computing' ? (
          <>
            <span className="computing">
              {checked === null ? t.computing(pct) : t.checking(Math.round(checked * 100))}
            </span>
            <button type="button" className="cancel" onClick={() => void controller.cancel()}>
              {t.cancel}
            </button>
          </>
        ) : null}
        <Counters />
      </div>
      <StepNarration />
      <Scrubber durationUs={durationUs} />
      <div ref={wrapRef} className="tl-wrap">
        <svg ref={svgRef} aria-label={t.timeline} role="group" />
        {editing && faults[editing.index] ? (
          <FaultEditor
            key={`${editing.index}|${JSON.stringify(faults[editing.index])}`}
            index={editing.index}
            x={editing.x}
            label={t.faultAt(
              faultText(faults[editing.index] as Fault, t, lang),
              faults[editing.index]?.atMs ?? 0,
            )}
            onClose={() => setEditing(null)}
          />
        ) : null}
      </div>
      <div className="tl-bottom">
        <AddFault />
        <ol className="event-list" aria-label={t.eventList}>
          {nearby.map((e, i) => (
            <li key={`${e.at}-${i}`} className={e.at <= tNear ? 'past' : 'future'}>
              <button type="button" onClick={() => controller.seek(e.at)}>
                <code>{seconds(e.at)}</code> <strong>{e.node}</strong> {JOURNAL_WORDS[e.kind][lang]}
              </button>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}

/** The frame's counters; a component of its own so a new frame re-renders only this line. */
function Counters() {
  const t = useStrings();
  const events = useAppState((s) => s.frame?.counters.events ?? 0);
  const text = useAppState((s) =>
    s.frame
      ? `${t.events} ${s.frame.counters.events} · ${t.sentCount} ${s.frame.counters.sent} · ${t.processedCount} ${s.frame.counters.processed}${s.frame.live ? ` · ${t.live}` : ''}`
      : '',
  );
  return (
    <span className="counters" data-testid="frame-counters" data-events={events}>
      {text}
    </span>
  );
}

function Clock({ durationUs, state }: { durationUs: number; state: string }) {
  const tUs = useAppState((s) => s.tUs);
  return (
    <output className="clock" data-testid="clock" data-us={Math.round(tUs)} data-state={state}>
      {seconds(tUs)} / {seconds(durationUs)}
    </output>
  );
}

function Scrubber({ durationUs }: { durationUs: number }) {
  const { controller } = useApp();
  const t = useStrings();
  const tUs = useAppState((s) => s.tUs);
  return (
    <input
      className="scrubber"
      type="range"
      min={0}
      max={Math.max(1, Math.round(durationUs / 1000))}
      step={1}
      value={Math.round(tUs / 1000)}
      aria-label={t.time}
      aria-valuetext={seconds(tUs)}
      onChange={(e) => controller.seek(Number(e.target.value) * 1000)}
    />
  );
}

function AddFault() {
  const { controller } = useApp();
  const t = useStrings();
  // The node list as one string: a new frame with the same nodes does not re-render the form.
  const nodeIds = useAppState(
    (s) => s.frame?.nodes.map((n) => `${n.id}\t${n.role}`).join('\n') ?? '',
  );
  const [type, setType] = useState<'crash' | 'restart' | 'power-loss' | 'pause'>('crash');
  const [node, setNode] = useState('');
  // Only the nodes this fault acts on (no crashing an exchange, no pausing a producer).
  const nodes = useMemo(() => nodeList(nodeIds, type), [nodeIds, type]);
  const target = nodes.includes(node) ? node : (nodes[0] ?? '');
  return (
    <form
      className="add-fault"
      onSubmit={(e) => {
        e.preventDefault();
        if (!target) return;
        const atMs = Math.round(controller.store.getState().tUs / 1000);
        controller.addFault(
          type === 'pause'
            ? { atMs, type, node: target, durationMs: 2000 }
            : type === 'crash'
              ? { atMs, type, node: target, when: 'now' }
              : { atMs, type, node: target },
        );
      }}
    >
      <select
        aria-label={t.faultMarkers}
        value={type}
        onChange={(e) => setType(e.target.value as typeof type)}
      >
        <option value="crash">{t.faults.crash}</option>
        <option value="restart">{t.faults.restart}</option>
        <option value="power-loss">{t.faults['power-loss']}</option>
        <option value="pause">{t.faults.pause}</option>
      </select>
      <select aria-label={t.nodeLabel} value={target} onChange={(e) => setNode(e.target.value)}>
        {nodes.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
      <button type="submit">{t.addFaultHere}</button>
    </form>
  );
}

/** The nodes a one-node fault of `type` acts on, from `id\trole` lines. */
function nodeList(lines: string, type: NodeFaultType): string[] {
  if (!lines) return [];
  const nodes = lines.split('\n').map((l) => {
    const [id = '', role = 'broker'] = l.split('\t');
    return { id, role: role as NodeView['role'] };
  });
  return faultTargets(type, nodes);
}
