import { useEffect, useMemo, useRef, useState } from 'react';
import { useSelector } from '@xstate/react';
import { ClusterRenderer } from '../viz/cluster';
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
        width: Math.max(400, Math.round(r.width)),
        height: Math.max(260, Math.round(r.height)),
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
    return () => {
      off();
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
      labels: clusterLabels(t),
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
  }, [frame, size, t, summary, selection, highlight, picking, running, store, controller]);

  return (
    <section className="cluster" aria-label={t.cluster}>
      {picking ? (
        <p className="picking" role="status">
          {t.pickSecond(t.faults[picking.kind ?? 'cut-both'], picking.first ?? '')}
        </p>
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
      </div>
      {menu ? (
        <FaultMenu target={menu.target} x={menu.x} y={menu.y} onClose={() => setMenu(null)} />
      ) : null}
    </section>
  );
}
