// Each chart as a bitmap, for the Word document's fallback picture: Word shows the SVG, while LibreOffice, older
// Word and a PDF made from either show this. It is the chart's own SVG drawn by resvg, lettering included, so
// a committee paper printed from any of them reads the same. The lettering is set in Arimo, made to the widths
// of Arial (the font the SVG names and ECharts lays out for) and shipped with the application, so the picture
// is the same on every server whatever fonts it has.

import { createRequire } from 'node:module';
import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import type { ReportChart } from '../model/types.ts';
import { DEFAULT_CHART_SIZE, renderChartSvg, type ChartSize } from './charts.ts';

const require = createRequire(import.meta.url);

const OPTIONS: ResvgRenderOptions = {
  font: {
    fontFiles: [
      require.resolve('@expo-google-fonts/arimo/400Regular/Arimo_400Regular.ttf'),
      require.resolve('@expo-google-fonts/arimo/700Bold/Arimo_700Bold.ttf'),
    ],
    // The machine's own fonts would make the picture depend on the server, and loading them is slow.
    loadSystemFonts: false,
    defaultFontFamily: 'Arimo',
    sansSerifFamily: 'Arimo',
  },
  background: '#ffffff',
  // At the size the SVG is laid out at: Word shows it a little smaller, and twice the size made the Word
  // document three times as slow to write.
  fitTo: { mode: 'original' },
};

/** A chart's SVG (as renderChartSvg draws it at this size) as a PNG, drawn off the main thread. */
export async function svgToPng(svg: string): Promise<Buffer> {
  return (await renderAsync(svg, OPTIONS)).asPng();
}

/** The chart as a PNG of the size given. */
export function renderChartPng(chart: ReportChart, size: ChartSize = DEFAULT_CHART_SIZE): Promise<Buffer> {
  return svgToPng(renderChartSvg(chart, size));
}
