/**
 * The cluster view at any size, for presenter mode and the embedded player: the same renderer as
 * the lab's (src/viz/cluster.ts), laid out at a logical size and drawn `zoom` times larger so a
 * projector or a big screen shows large, sharp type. No fault menu: nothing here edits.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSelector } from '@xstate/react';
import type { Strings } from '../../i18n/strings';
import { ClusterRenderer, type ClusterLabels } from '../../viz/cluster';
import { computeLayout } from '../../viz/layout';
import type { Frame } from '../../worker/protocol';
import type { StoreView } from '../../engine/view';
import { useApp, useAppState, useStrings } from '../context';

/** The renderer's labels in the UI language (the lab's cluster panel passes the same ones). */
export function clusterLabels(t: Strings): ClusterLabels {
  return {
    status: t.status,
    roles: t.roles,
    storeRoles: t.storeRoles,
    outOfSync: t.outOfSync,
    cut: t.cut,
    aggregated: t.aggregated,
    producers: t.producersCol,
    consumers: t.consumersCol,
    marks: t.markLabels,
    groups: t.groupNames,
    link: t.link,
  };
}

/**
 * The logical size the cluster is laid out at before zooming. At 1920x1080 the zoom comes out
 * near 2.4, so the view's smallest type (10-11 px) is drawn at 24 px or more.
 */
export const DESIGN = { width: 760, height: 350 } as const;

/** Zoom and logical size for a box of `width` x `height` CSS pixels; never below 1. */
export function stageZoom(
  width: number,
  height: number,
): { zoom: number; width: number; height: number } {
  const zoom = Math.max(1, Math.min(width / DESIGN.width, height / DESIGN.height));
  return { zoom, width: Math.floor(width / zoom), height: Math.floor(height / zoom) };
}

/**
 * A replica row is readable on screen from this height (CSS px): its name and its HW / LEO
 * (the row's label font is at most 8 layout units, one unit less than the row).
 */
export const ROW_MIN_PX = 20;

/** The smallest zoom that keeps the view's 11-unit type at 24 px or more (issue 11). */
const TYPE_ZOOM = 24 / 11;

/**
 * The width (layout units) a row needs for its label, its first compact offset and a few log
 * cells, by the renderer's own estimates (viz/cluster.ts drawRow), for the offset as it is when
 * the layout is chosen (an offset that grows a digit later may leave a tight row).
 */
function rowNeed(s: StoreView, small: boolean): number {
  const label = (s.label.length + 2) * (small ? 4.6 : 6.2) + 8;
  const mark = ['hw', 'leo', 'ready', 'unacked'].find((k) => k in s.marks);
  const text = mark === undefined ? 0 : `${mark} ${s.marks[mark] ?? 0}`.length;
  return label + (text === 0 ? 0 : text * (small ? 4.5 : 5.6) + 6) + 10 + 24;
}

/** How the store rows of `frame` fit at `zoom`: the thinnest (units) and whether all are wide enough. */
function rowFit(frame: Frame, width: number, height: number, zoom: number) {
  const layout = computeLayout(
    frame.nodes,
    frame.stores,
    Math.floor(width / zoom),
    Math.floor(height / zoom),
  );
  let h = Infinity;
  let wide = true;
  for (const r of layout.rows.values()) {
    h = Math.min(h, r.h);
    if (r.w < rowNeed(r.store, r.h < 12)) wide = false;
  }
  return { h, wide };
}

const down = (z: number) => Math.round((z - 0.1) * 10) / 10;

/**
 * The zoom for a frame: the fitting zoom (large type), unless its store rows would then be thin
 * strips or too narrow for their HW. Rows gain on screen as the zoom goes down (boxes, gaps and
 * the clients' columns cost fewer units), so: the largest zoom, in steps of a tenth, at which
 * every row is at least ROW_MIN_PX high on screen (the heavy scenario's ten replicas a broker),
 * then, not below the zoom that keeps 24 px type, one at which every row has room for its HW.
 */
export function frameZoom(
  frame: Frame | null,
  width: number,
  height: number,
): { zoom: number; width: number; height: number } {
  const fit = stageZoom(width, height);
  if (!frame || frame.stores.length === 0) return fit;
  const at = (z: number) => ({
    zoom: z,
    width: Math.floor(width / z),
    height: Math.floor(height / z),
  });
  let z = fit.zoom;
  while (z > 1 && rowFit(frame, width, height, z).h * z < ROW_MIN_PX) z = down(z);
  z = Math.max(1, z);
  const floor = z < TYPE_ZOOM ? 1 : TYPE_ZOOM;
  for (let w = z; w >= floor; w = down(w)) if (rowFit(frame, width, height, w).wide) return at(w);
  return z === fit.zoom ? fit : at(z);
}

const NO_MSGS: ReadonlySet<number> = new Set();
const NO_NODES: ReadonlySet<string> = new Set();

interface Ring {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export function ClusterStage({ pointer = false }: { pointer?: boolean }) {
  const { controller, store } = useApp();
  const t = useStrings();
  const svgRef = useRef<SVGSVGElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const cellsRef = useRef<HTMLCanvasElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const renderer = useRef<ClusterRenderer | null>(null);
  const frame = useAppState((s) => s.frame);
  const summary = useAppState((s) => s.summary);
  const selection = useAppState((s) => s.selection);
  const running = useSelector(controller.run, (s) => s.value === 'running');
  const [box, setBox] = useState({ width: 1200, height: 600 });
  const [ring, setRing] = useState<Ring | null>(null);

  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const measure = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width, height } = entry.contentRect;
      setBox({
        width: Math.max(200, Math.round(width)),
        height: Math.max(150, Math.round(height)),
      });
    });
    measure.observe(el);
    return () => measure.disconnect();
  }, []);

  useEffect(() => {
    const [svg, canvas, cells] = [svgRef.current, canvasRef.current, cellsRef.current];
    if (!svg || !canvas || !cells) return;
    // Read-only view: a click selects (the inspector is not shown, the selection ring is), no menu.
    const r = new ClusterRenderer(svg, canvas, cells, {
      select: (sel) => store.getState().select(sel),
      context: () => undefined,
    });
    renderer.current = r;
    const off = controller.onTick((tUs) => r.animate(tUs, controller.travelUs()));
    return () => {
      off();
      renderer.current = null;
    };
  }, [controller, store]);

  // The layout depends on the nodes and stores only: re-chosen when they change, not every frame.
  const shape = frame
    ? `${frame.nodes.map((n) => n.id).join(',')}|${frame.stores.map((x) => `${x.node}/${x.id}`).join(',')}`
    : '';
  const size = useMemo(
    () => frameZoom(frame, box.width, box.height),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `shape` stands for the frame's layout
    [shape, box.width, box.height],
  );
  useEffect(() => {
    if (!frame || !renderer.current) return;
    const selected = selection === null ? null : selection.kind === 'link' ? null : selection.id;
    renderer.current.update(frame, {
      width: size.width,
      height: size.height,
      zoom: size.zoom,
      labels: clusterLabels(t),
      links: summary?.links ?? [],
      selected,
      highlightMsgs: NO_MSGS,
      highlightNodes: NO_NODES,
      picking: null,
      progressive: running,
    });
    if (!running) renderer.current.animate(store.getState().tUs, controller.travelUs());
  }, [
    frame,
    size.width,
    size.height,
    size.zoom,
    t,
    summary,
    selection,
    running,
    store,
    controller,
  ]);

  // The node under the pointer gets a ring the back row can see: a laser pointer for the mouse.
  const onMove = (e: React.PointerEvent) => {
    if (!pointer) return;
    const wrap = wrapRef.current;
    const hit = document.elementFromPoint(e.clientX, e.clientY)?.closest('g.node');
    const id = hit?.getAttribute('data-node') ?? null;
    if (!wrap || !hit || id === null) {
      if (ring) setRing(null);
      return;
    }
    const r = hit.getBoundingClientRect();
    const w = wrap.getBoundingClientRect();
    const next = { id, x: r.x - w.x, y: r.y - w.y, w: r.width, h: r.height };
    if (!ring || ring.id !== next.id || ring.x !== next.x || ring.y !== next.y) setRing(next);
  };

  return (
    <div
      className="stage-wrap"
      ref={wrapRef}
      onPointerMove={onMove}
      onPointerLeave={() => setRing(null)}
      data-zoom={size.zoom.toFixed(2)}
    >
      <svg
        ref={svgRef}
        width={size.width * size.zoom}
        height={size.height * size.zoom}
        aria-label={t.cluster}
        role="group"
      />
      <canvas ref={cellsRef} className="flights-layer" aria-hidden="true" />
      <canvas ref={canvasRef} className="flights-layer" aria-hidden="true" />
      {ring ? (
        <div
          className="pointer-ring"
          data-testid="pointer-ring"
          aria-hidden="true"
          style={{ left: ring.x - 8, top: ring.y - 8, width: ring.w + 16, height: ring.h + 16 }}
        >
          <span>{ring.id}</span>
        </div>
      ) : null}
      {!frame ? <p className="hint overlay">{t.notRun}</p> : null}
    </div>
  );
}
