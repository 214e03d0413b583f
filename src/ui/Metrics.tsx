import { useEffect, useRef } from 'react';
import { renderChart, type Series } from '../viz/charts';
import { useAppState, useStrings } from './context';

function Chart({ series, title }: { series: Series[]; title: string }) {
  const ref = useRef<SVGSVGElement>(null);
  const tUs = useAppState((s) => s.tUs);
  const durationUs = useAppState((s) => s.summary?.simulatedUs ?? 0);
  useEffect(() => {
    if (ref.current)
      renderChart(ref.current, series, { width: 300, height: 110, durationUs, tUs, title });
  }, [series, title, tUs, durationUs]);
  return <svg ref={ref} className="chart" width={300} height={110} />;
}

export function Metrics() {
  const t = useStrings();
  const m = useAppState((s) => s.summary?.metrics);
  if (!m) return <p className="hint">{t.noRun}</p>;
  return (
    <div className="metrics">
      <Chart
        title={t.throughput}
        series={[{ name: 'tp', cls: 's1', points: m.map((p) => ({ at: p.at, v: p.throughput })) }]}
      />
      <Chart
        title={t.latency}
        series={[
          { name: 'p50', cls: 's1', points: m.map((p) => ({ at: p.at, v: p.p50Ms })) },
          { name: 'p99', cls: 's2', points: m.map((p) => ({ at: p.at, v: p.p99Ms })) },
        ]}
      />
      <Chart
        title={t.lag}
        series={[{ name: 'lag', cls: 's3', points: m.map((p) => ({ at: p.at, v: p.lag })) }]}
      />
      <Chart
        title={t.backlog}
        series={[
          { name: 'backlog', cls: 's4', points: m.map((p) => ({ at: p.at, v: p.backlog })) },
        ]}
      />
    </div>
  );
}
