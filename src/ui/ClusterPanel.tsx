import { useEffect, useMemo, useRef, useState } from 'react';
import { useSelector } from '@xstate/react';
import { select } from 'd3-selection';
import { zoom, zoomIdentity, type ZoomBehavior } from 'd3-zoom';
import { NEWCOMER_STRINGS } from '../i18n/newcomer';
import { ClusterRenderer, cutList } from '../viz/cluster';
import { useApp, useAppState, useStrings } from './context';
import { FaultMenu, type MenuTarget } from './FaultMenu';
import { LegendButton } from './legend/Legend';
import { clusterLabels } from './presenter/ClusterStage';

export function ClusterPanel() {
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
  const anomalyIndex = useAppState((s) => s.anomaly);
  const [size, setSize] = useState({ width: 900, height: 460 });
  const lang = useAppState((s) => s.lang);
  const n = NEWCOMER_STRINGS[lang];
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const [menu, setMenu] = useState<{ target: MenuTarget; x: number; y: number } | null>(null);
  const running = useSelector(controller.run, (s) => s.value === 'running');
  const picking = useSelector(controller.faultMode, (s) =>
    s.value === 'picking' ? s.context : null,
  );

  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => {
      const r = el.getBoundingClientRect();
      setSize({
        width: Math.max(200, Math.round(r.width)),
        height: Math.max(200, Math.round(r.height)),
      });
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const svg = svgRef.current;
    const canvas = canvasRef.current;
    const cells = cellsRef.current;
    if (!svg || !canvas || !cells) return;
    renderer.current = new ClusterRenderer(svg, canvas, cells, {
      select: (sel) => {
        const fm = controller.faultMode.getSnapshot();
        if (fm.value === 'picking' && sel.kind === 'node') {
          controller.faultMode.send({ type: 'PICK', node: sel.id });
          return;
        }
        store.getState().select(sel);
      },
      context: (target, x, y) => setMenu({ target, x, y }),
    });
    const off = controller.onTick((tUs) => renderer.current?.animate(tUs, controller.travelUs()));
    // Pan with a drag, zoom with the wheel or two fingers (phones, a crowded cluster).
    const z = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.3, 6])
      .on('zoom', (e: { transform: { k: number; x: number; y: number } }) => {
        const { k, x, y } = e.transform;
        renderer.current?.setView({ k, x, y });
        if (controller.run.getSnapshot().value !== 'running')
          renderer.current?.animate(store.getState().tUs, controller.travelUs());
      });
    // A double click selects, it does not zoom.
    select(svg).call(z).on('dblclick.zoom', null);
    zoomRef.current = z;
    return () => {
      off();
      select(svg).on('.zoom', null);
      renderer.current = null;
    };
  }, [controller, store]);

  const anomaly = summary && anomalyIndex !== null ? summary.anomalies[anomalyIndex] : undefined;
  const highlight = useMemo(() => {
    const msgs = new Set<number>();
    const nodes = new Set<string>();
    if (anomaly) {
      msgs.add(anomaly.msg);
      for (const e of anomaly.chain) {
        for (const n of e.node.split('->')) nodes.add(n);
      }
    }
    return { msgs, nodes };
  }, [anomaly]);

  useEffect(() => {
    if (!frame || !renderer.current) return;
    const selected = selection === null ? null : selection.kind === 'link' ? null : selection.id;
    renderer.current.update(frame, {
      width: size.width,
      height: size.height,
      labels: { ...clusterLabels(t), partitioned: n.partitioned },
      scale: bigScreenScale(size.width, size.height),
      links: summary?.links ?? [],
      selected,
      highlightMsgs: highlight.msgs,
      highlightNodes: highlight.nodes,
      picking: picking?.first ?? null,
      // Pausing re-runs this effect: rows still waiting to be painted are painted at once.
      progressive: running,
    });
    // While playing, the next animation frame moves the messages anyway.
    if (!running) renderer.current.animate(store.getState().tUs, controller.travelUs());
  }, [frame, size, t, n, summary, selection, highlight, picking, running, store, controller]);

  const zoomBy = (k: number | null) => {
    const svg = svgRef.current;
    const z = zoomRef.current;
    if (!svg || !z) return;
    if (k === null) select(svg).call((sel) => z.transform(sel, zoomIdentity));
    else select(svg).call((sel) => z.scaleBy(sel, k));
  };
  const cuts = frame ? cutList(frame) : [];

  return (
    <section className="cluster" aria-label={t.cluster}>
      {picking ? (
        <p className="picking" role="status">
          {t.pickSecond(t.faults[picking.kind ?? 'cut-both'], picking.first ?? '')}
        </p>
      ) : null}
      {cuts.length > 0 ? (
        <ul className="cut-list" aria-label={n.cutsTitle} data-testid="cut-list">
          {cuts.map((c) => (
            <li key={`${c.from}>${c.to}`}>{n.cutItem(c.n, c.from, c.to, c.twoWay)}</li>
          ))}
        </ul>
      ) : null}
      <LegendButton owner="view" />
      <div className="cluster-wrap" ref={wrapRef}>
        <svg
          ref={svgRef}
          width={size.width}
          height={size.height}
          aria-label={t.cluster}
          role="group"
        />
        <canvas ref={cellsRef} className="flights-layer" aria-hidden="true" data-testid="cells" />
        <canvas
          ref={canvasRef}
          className="flights-layer"
          aria-hidden="true"
          data-testid="flights"
        />
        {!frame ? <p className="hint overlay">{t.notRun}</p> : null}
        <div className="zoom-bar" role="group" aria-label={n.zoomHint} title={n.zoomHint}>
          <button type="button" aria-label={n.zoomIn} onClick={() => zoomBy(1.4)}>
            +
          </button>
          <button type="button" aria-label={n.zoomOut} onClick={() => zoomBy(1 / 1.4)}>
            −
          </button>
          <button type="button" aria-label={n.zoomReset} onClick={() => zoomBy(null)}>
            ⟲
          </button>
        </div>
      </div>
      {menu ? (
        <FaultMenu target={menu.target} x={menu.x} y={menu.y} onClose={() => setMenu(null)} />
      ) : null}
    </section>
  );
}

/**
 * How much larger the cluster is drawn on a big screen (1 up to a laptop's panel, about 1.35 at
 * 1920x1080, up to 3 on a 4K screen): boxes, names and rows grow instead of floating small in the
 * middle of the screen.
 */
export function bigScreenScale(width: number, height: number): number {
  return Math.max(1, Math.min(3, width / 1150, height / 560));
}
