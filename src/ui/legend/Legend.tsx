/**
 * The legend: every glyph and colour of the view, each sample drawn by the function or the CSS
 * class the view itself draws with (src/viz/cluster.ts, timeline.ts, colors.ts), so the legend
 * cannot drift from the picture. Reachable from the cluster view, from Help and in presenter mode.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { AnomalyKind } from '../../engine/check/checker';
import type { EntryView, NodeView, StoreView } from '../../engine/view';
import { LEGEND, type LegendStrings } from '../../i18n/legend';
import {
  flightLook,
  hatchPattern,
  nodeStatusText,
  paintCell,
  paintDot,
  paintDropMark,
  storeRoleIcon,
} from '../../viz/cluster';
import { ANOMALY_COLOR, ANOMALY_ICON } from '../../viz/colors';
import { FAULT_MARKER_PATH, anomalyGlyph } from '../../viz/timeline';
import { useAppState, useStrings } from '../context';

/** Which legend button's dialog is open (one at a time). */
export const legendStore = createStore<{ open: string | null }>(() => ({ open: null }));

export function openLegend(owner: string): void {
  legendStore.setState({ open: owner });
}

/** A small canvas painted by `draw` in CSS pixels, sharp at any device pixel ratio. */
function CanvasSample({
  width,
  height,
  draw,
}: {
  width: number;
  height: number;
  draw: (ctx: CanvasRenderingContext2D) => void;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.round(width * dpr);
    c.height = Math.round(height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    draw(ctx);
  }, [width, height, draw]);
  return (
    <canvas ref={ref} style={{ width, height }} aria-hidden="true" className="legend-sample" />
  );
}

function Item({ sample, children }: { sample: ReactNode; children: ReactNode }) {
  return (
    <li>
      <span className="legend-swatch">{sample}</span>
      <span>{children}</span>
    </li>
  );
}

/** A node box as the view draws it: the same classes and the same status line. */
function NodeSample({ status }: { status: NodeView['status'] }) {
  const t = useStrings();
  return (
    <svg width="132" height="40" aria-hidden="true" className="legend-sample">
      <g className={`node role-broker status-${status}`}>
        <rect className="box" x="2" y="2" width="128" height="36" rx="8" />
        <text className="title" x="10" y="18">
          broker-1
        </text>
        <text className="status" x="10" y="32">
          {nodeStatusText(status, t.status, true)}
        </text>
      </g>
    </svg>
  );
}

function CutSample({ oneWay }: { oneWay: boolean }) {
  return (
    <svg width="132" height="28" aria-hidden="true" className="legend-sample">
      <g className="cut">
        <line x1="4" y1="16" x2={oneWay ? 120 : 128} y2="16" />
        {oneWay ? <path d="M118,10 L128,16 L118,22 z" fill="var(--lost)" /> : null}
        <text className="scissors" x="66" y="22">
          ✂
        </text>
      </g>
    </svg>
  );
}

function RowSample({ role, inSync }: { role: NonNullable<StoreView['role']>; inSync?: boolean }) {
  const t = useStrings();
  return (
    <svg width="132" height="24" aria-hidden="true" className="legend-sample">
      <g className={`store role-${role}${inSync === false ? ' out-of-sync' : ''}`}>
        <rect className="row" x="1" y="1" width="130" height="22" rx="3" />
        <text className="label" x="5" y="16">
          {`${storeRoleIcon(role, inSync)}p0 ${t.storeRoles[role]}`}
        </text>
      </g>
    </svg>
  );
}

type CellLook = Pick<EntryView, 'key' | 'committed' | 'flushed' | 'state'>;

/** Three cells of a log, as the view paints them. */
function cellsDraw(look: CellLook, highlighted = false) {
  return (ctx: CanvasRenderingContext2D) => {
    const hatch = hatchPattern(ctx);
    for (let i = 0; i < 3; i++) paintCell(ctx, 4 + i * 14, 4, 13, 18, look, hatch, highlighted);
  };
}

const KEYS = ['order-1', 'order-2', 'order-3', 'order-4', 'order-5'];

function keysDraw(ctx: CanvasRenderingContext2D) {
  KEYS.forEach((key, i) => paintCell(ctx, 4 + i * 16, 4, 14, 18, { key }, null, false));
}

function dotDraw(n: number, ack: boolean) {
  return (ctx: CanvasRenderingContext2D) =>
    paintDot(ctx, 22, 13, flightLook({ n, ack, key: 'order-1' }, false));
}

function dropDraw(ctx: CanvasRenderingContext2D) {
  paintDropMark(ctx, 22, 14, false);
}

function cellDraws() {
  return {
    committed: cellsDraw({ key: 'order-1', committed: true, flushed: true }),
    uncommitted: cellsDraw({ key: 'order-1', committed: false }),
    pageCache: cellsDraw({ key: 'order-1', committed: true, flushed: false }),
    unacked: cellsDraw({ key: 'order-1', state: 'unacked' }),
    onChain: cellsDraw({ key: 'order-1', committed: true }, true),
    message: dotDraw(1, false),
    batch: dotDraw(12, false),
    request: dotDraw(0, true),
  };
}
// Made once: a sample redraws only when its draw function changes.
const DRAW = cellDraws();

function Mark({ kind }: { kind: AnomalyKind }) {
  return (
    <span className="legend-mark" style={{ color: ANOMALY_COLOR[kind] }} aria-hidden="true">
      {ANOMALY_ICON[kind]}
    </span>
  );
}

function TimelineSample({ children }: { children: ReactNode }) {
  return (
    <svg width="44" height="40" aria-hidden="true" className="legend-sample timeline-sample">
      {children}
    </svg>
  );
}

export function LegendContent({ L }: { L: LegendStrings }) {
  return (
    <div className="legend-body">
      <p>{L.intro}</p>
      <section>
        <h3>{L.nodes}</h3>
        <ul>
          <Item sample={<NodeSample status="up" />}>{L.nodeUp}</Item>
          <Item sample={<NodeSample status="crashed" />}>{L.nodeCrashed}</Item>
          <Item sample={<NodeSample status="paused" />}>{L.nodePaused}</Item>
          <Item sample={<CutSample oneWay={false} />}>{L.cut}</Item>
          <Item sample={<CutSample oneWay />}>{L.cutOneWay}</Item>
        </ul>
      </section>
      <section>
        <h3>{L.replicas}</h3>
        <ul>
          <Item sample={<RowSample role="leader" />}>{L.leader}</Item>
          <Item sample={<RowSample role="follower" inSync />}>{L.follower}</Item>
          <Item sample={<RowSample role="follower" inSync={false} />}>{L.outOfSync}</Item>
        </ul>
      </section>
      <section>
        <h3>{L.entries}</h3>
        <ul>
          <Item sample={<CanvasSample width={48} height={26} draw={DRAW.committed} />}>
            {L.committed}
          </Item>
          <Item sample={<CanvasSample width={48} height={26} draw={DRAW.uncommitted} />}>
            {L.uncommitted}
          </Item>
          <Item sample={<CanvasSample width={48} height={26} draw={DRAW.pageCache} />}>
            {L.pageCache}
          </Item>
          <Item sample={<CanvasSample width={48} height={26} draw={DRAW.unacked} />}>
            {L.unacked}
          </Item>
          <Item sample={<CanvasSample width={48} height={26} draw={DRAW.onChain} />}>
            {L.onChain}
          </Item>
        </ul>
      </section>
      <section>
        <h3>{L.keys}</h3>
        <ul>
          <Item sample={<CanvasSample width={86} height={26} draw={keysDraw} />}>
            {L.keysNote} {KEYS.join(', ')}
          </Item>
          <Item
            sample={
              <CanvasSample
                width={48}
                height={26}
                draw={(ctx) => paintCell(ctx, 4, 4, 14, 18, { key: null }, null, false)}
              />
            }
          >
            {L.noKey}
          </Item>
        </ul>
      </section>
      <section>
        <h3>{L.wire}</h3>
        <ul>
          <Item sample={<CanvasSample width={44} height={26} draw={DRAW.message} />}>
            {L.message}
          </Item>
          <Item sample={<CanvasSample width={44} height={26} draw={DRAW.batch} />}>{L.batch}</Item>
          <Item sample={<CanvasSample width={44} height={26} draw={DRAW.request} />}>
            {L.request}
          </Item>
          <Item sample={<CanvasSample width={44} height={28} draw={dropDraw} />}>
            {L.droppedHere}
          </Item>
        </ul>
      </section>
      <section>
        <h3>{L.anomalies}</h3>
        <ul>
          <Item sample={<Mark kind="lost" />}>{L.lost}</Item>
          <Item sample={<Mark kind="duplicated" />}>{L.duplicated}</Item>
          <Item sample={<Mark kind="reordered" />}>{L.reordered}</Item>
        </ul>
      </section>
      <section>
        <h3>{L.timeline}</h3>
        <ul>
          <Item
            sample={
              <TimelineSample>
                <g className="fault" transform="translate(22,4)">
                  <path d={FAULT_MARKER_PATH} />
                  <line y1="12" y2="34" />
                </g>
              </TimelineSample>
            }
          >
            {L.fault}
          </Item>
          {(
            [
              ['ev ev-crash', L.badEvent],
              ['ev ev-leader-elected', L.goodEvent],
              ['ev', L.otherEvent],
            ] as const
          ).map(([cls, text]) => (
            <Item
              key={cls}
              sample={
                <TimelineSample>
                  <line className={cls} x1="22" x2="22" y1="10" y2="30" />
                </TimelineSample>
              }
            >
              {text}
            </Item>
          ))}
          <Item
            sample={
              <TimelineSample>
                <g className="tl-chain">
                  <rect x="14" y="4" width="3" height="32" />
                  <rect x="27" y="4" width="3" height="32" />
                </g>
              </TimelineSample>
            }
          >
            {L.chain}
          </Item>
          {(['lost', 'duplicated', 'reordered'] as const).map((k) => (
            <Item
              key={k}
              sample={
                <TimelineSample>
                  <g className="tl-anoms">
                    <text x="22" y="26" textAnchor="middle" fill={ANOMALY_COLOR[k]}>
                      {anomalyGlyph(k)}
                    </text>
                  </g>
                </TimelineSample>
              }
            >
              {L[k]}
            </Item>
          ))}
        </ul>
      </section>
    </div>
  );
}

/** A button that opens the legend in a modal dialog; `owner` tells the buttons apart. */
export function LegendButton({ owner, className }: { owner: string; className?: string }) {
  const lang = useAppState((s) => s.lang);
  const L = LEGEND[lang];
  const open = useStore(legendStore, (s) => s.open === owner);
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <>
      <button
        type="button"
        className={className ?? 'legend-button'}
        onClick={() => openLegend(owner)}
        aria-haspopup="dialog"
        data-testid={`legend-${owner}`}
      >
        ⓘ {L.open}
      </button>
      <dialog
        ref={ref}
        className="legend"
        aria-labelledby={titleId}
        onClose={() => legendStore.setState({ open: null })}
      >
        {open ? (
          <>
            <header>
              <h2 id={titleId}>{L.title}</h2>
              <button
                type="button"
                aria-label={L.close}
                onClick={() => legendStore.setState({ open: null })}
              >
                ✕
              </button>
            </header>
            <LegendContent L={L} />
          </>
        ) : null}
      </dialog>
    </>
  );
}
