/** Charts with Apache ECharts (loaded only when a chart is shown), each with its figures as a table too. */
import { useEffect, useRef } from 'react';
import { useI18n } from '../lib/i18n.tsx';

export interface Series {
  name: string;
  values: number[];
}

let echartsLoad: Promise<any> | null = null;
function loadEcharts() {
  echartsLoad ??= Promise.all([import('echarts/core'), import('echarts/charts'), import('echarts/components'), import('echarts/renderers')]).then(([core, charts, comps, renderers]) => {
    core.use([charts.BarChart, charts.LineChart, comps.GridComponent, comps.TooltipComponent, comps.LegendComponent, renderers.SVGRenderer]);
    return core;
  });
  return echartsLoad;
}

const PALETTE = ['#0b5cad', '#b3261e', '#e08a00', '#1e6b35', '#6b3fa0', '#00838f', '#8d6e63', '#5a6675'];

/** Bars (stacked by series) or lines over categories (e.g. months). */
export function Chart({ kind, categories, series, label, stacked = true, testId }: { kind: 'bar' | 'line'; categories: string[]; series: Series[]; label: string; stacked?: boolean; testId?: string }) {
  const { t, num } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let chart: any;
    let live = true;
    const onResize = () => chart?.resize();
    loadEcharts().then((echarts) => {
      if (!live || !box.current) return;
      chart = echarts.init(box.current, null, { renderer: 'svg' });
      chart.setOption({
        color: PALETTE,
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { type: 'scroll', top: 0 },
        grid: { left: 40, right: 16, top: 36, bottom: 28, containLabel: true },
        xAxis: { type: 'category', data: categories },
        yAxis: { type: 'value', minInterval: 1 },
        series: series.map((s) => ({ name: s.name, type: kind, stack: kind === 'bar' && stacked ? 'all' : undefined, data: s.values, smooth: kind === 'line' })),
      });
      window.addEventListener('resize', onResize);
    });
    return () => {
      live = false;
      window.removeEventListener('resize', onResize);
      chart?.dispose();
    };
  }, [kind, stacked, JSON.stringify(categories), JSON.stringify(series)]);
  return (
    <figure className="chart-figure" data-testid={testId}>
      <div ref={box} className="chart" role="img" aria-label={label} />
      <details>
        <summary>{t('chart.table')}</summary>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col"></th>
                {categories.map((c) => (
                  <th scope="col" key={c}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {series.map((s) => (
                <tr key={s.name}>
                  <th scope="row">{s.name}</th>
                  {s.values.map((v, i) => (
                    <td key={i}>{num(v)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
