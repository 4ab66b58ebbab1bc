// The report's charts as SVG, drawn by ECharts on the server: the same picture in the web page, the HTML
// report and the Word document. Output is made self-contained and repeatable: ECharts' hover styles and
// per-instance class names are removed, clip-path ids are named after the chart so several charts can sit
// in one page, and the SVG carries a title and description for screen readers.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as ECharts from 'echarts';
import type { ReportChart } from '../model/types.ts';

// ECharts is loaded when the first chart is drawn, from its single-file minified build. Through the TypeScript
// loader its module build is about six hundred files, which took 1.4 s and 70 MB to load; its single-file build
// names a source map of 8 MB that the loader has Node read too (0.4–0.5 s, 58 MB); the minified file names none (0.15 s,
// 14 MB) and draws the same SVG byte for byte. A report counted without drawing (JSON, the spreadsheet) loads none.
const require = createRequire(import.meta.url);
let loaded: typeof ECharts | undefined;
/** ECharts, loaded the first time it is asked for. */
export const chartLibrary = (): typeof ECharts => (loaded ??= require(join(dirname(require.resolve('echarts')), 'echarts.min.js')) as typeof ECharts);

/** GOV.UK Design System colours, in an order that keeps neighbours distinct. */
export const CHART_COLOURS = ['#1d70b8', '#f47738', '#00703c', '#d4351c', '#4c2c92', '#28a197', '#d53880', '#505a5f', '#85994b', '#003078'];

export interface ChartSize {
  width: number;
  height: number;
}

export const DEFAULT_CHART_SIZE: ChartSize = { width: 720, height: 360 };

const FONT = 'Arial, Helvetica, sans-serif';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A chart's id made safe for XML ids. */
export function chartDomId(chart: ReportChart): string {
  return `chart-${chart.id.replace(/[^a-zA-Z0-9-]/g, '-')}`;
}

function chartOption(chart: ReportChart, size: ChartSize): ECharts.EChartsCoreOption {
  const hasPercent = chart.series.some((s) => s.axis === 'percent');
  const longest = Math.max(0, ...chart.categories.map((c) => c.length));
  const categoryAxis = {
    type: 'category' as const,
    data: chart.categories,
    // Across the page, the first category goes at the top, as in the table beside the chart.
    inverse: chart.horizontal,
    axisLabel: {
      fontFamily: FONT,
      fontSize: 12,
      color: '#0b0c0c',
      interval: 0,
      rotate: !chart.horizontal && chart.categories.length > 6 ? 45 : 0,
      width: chart.horizontal ? Math.min(220, size.width * 0.35) : undefined,
      overflow: chart.horizontal ? ('truncate' as const) : undefined,
    },
    axisLine: { lineStyle: { color: '#505a5f' } },
  };
  const valueAxis = (name: string, max?: number) => ({
    type: 'value' as const,
    name,
    max,
    minInterval: 1,
    nameTextStyle: { fontFamily: FONT, fontSize: 12, color: '#0b0c0c' },
    axisLabel: { fontFamily: FONT, fontSize: 12, color: '#0b0c0c' },
    splitLine: { lineStyle: { color: '#dddddd' } },
  });
  const legend = chart.series.length > 1;
  return {
    animation: false,
    color: CHART_COLOURS,
    textStyle: { fontFamily: FONT },
    grid: {
      left: chart.horizontal ? Math.min(240, 16 + longest * 6.5) : 56,
      right: hasPercent ? 56 : 24,
      top: 32,
      bottom: (legend ? 40 : 16) + (!chart.horizontal && chart.categories.length > 6 ? 48 : 24),
      containLabel: false,
    },
    legend: legend ? { bottom: 0, textStyle: { fontFamily: FONT, fontSize: 12, color: '#0b0c0c' } } : undefined,
    xAxis: chart.horizontal ? valueAxis('') : categoryAxis,
    yAxis: chart.horizontal ? categoryAxis : hasPercent ? [valueAxis('Number'), valueAxis('%', 100)] : valueAxis('Number'),
    series: chart.series.map((s) => ({
      name: s.name,
      type: s.kind,
      stack: s.stack,
      data: s.values,
      yAxisIndex: !chart.horizontal && s.axis === 'percent' ? 1 : 0,
      barMaxWidth: 48,
      symbolSize: 6,
      lineStyle: s.kind === 'line' ? { width: 3 } : undefined,
      connectNulls: false,
    })),
  };
}

/** Properties SVG also takes as attributes of their own. */
const PRESENTATION = new Set(['fill', 'fill-opacity', 'font-family', 'font-size', 'font-style', 'font-weight', 'opacity', 'stroke', 'stroke-opacity', 'stroke-width', 'text-anchor', 'dominant-baseline']);

/**
 * ECharts writes the lettering's font as a style attribute, which the application's content security policy
 * (no inline styles) blocks in the page, leaving the browser's default serif font at its own size. As
 * presentation attributes the same font and size show everywhere; anything else in a style is left out.
 */
function presentationAttributes(declarations: string): string {
  let out = '';
  for (const declaration of declarations.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon === -1) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).trim();
    if (PRESENTATION.has(property) && value !== '') out += ` ${property}="${value.replace(/"/g, '&quot;')}"`;
  }
  return out;
}

/** Makes ECharts' SVG repeatable and accessible (see the module comment). */
function tidy(svg: string, chart: ReportChart): string {
  const id = chartDomId(chart);
  const ids = new Map<string, string>();
  let out = svg
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/\s+class="zr\d+-cls-\d+"/g, '')
    .replace(/\s+ecmeta_[a-z_]+="[^"]*"/g, '')
    .replace(/zr\d+-c(\d+)/g, (_m, n: string) => {
      const key = `c${n}`;
      if (!ids.has(key)) ids.set(key, `${id}-clip-${ids.size}`);
      return ids.get(key)!;
    })
    .replace(/\s+style="([^"]*)"/g, (_m, declarations: string) => presentationAttributes(declarations))
    .replace(/\n+/g, '\n');
  out = out.replace(
    /^<svg\b/,
    `<svg role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false"`,
  );
  return out.replace(/(<svg\b[^>]*>)/, `$1\n<title id="${id}-title">${escapeXml(chart.title)}</title>\n<desc id="${id}-desc">${escapeXml(chart.description)}</desc>`);
}

export function renderChartSvg(chart: ReportChart, size: ChartSize = DEFAULT_CHART_SIZE): string {
  const instance = chartLibrary().init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    instance.setOption(chartOption(chart, size));
    return tidy(instance.renderToSVGString(), chart);
  } finally {
    instance.dispose();
  }
}
