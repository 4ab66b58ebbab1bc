// A plain bitmap of a chart, for the Word document's fallback image: Word shows the SVG, and only an older
// viewer that cannot falls back to this. Drawn straight from the chart's figures (bars, lines, grid lines,
// colour keys, no lettering: the figures are in the table beside every chart), and encoded as PNG with
// node's zlib, so no image library or browser is needed.

import { constants, crc32, deflateSync } from 'node:zlib';
import type { ReportChart } from '../model/types.ts';
import { CHART_COLOURS, DEFAULT_CHART_SIZE, type ChartSize } from './charts.ts';

type Rgb = [number, number, number];

function hex(colour: string): Rgb {
  return [parseInt(colour.slice(1, 3), 16), parseInt(colour.slice(3, 5), 16), parseInt(colour.slice(5, 7), 16)];
}

class Canvas {
  readonly pixels: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.pixels = new Uint8Array(width * height * 3).fill(255);
  }

  rect(x0: number, y0: number, x1: number, y1: number, colour: Rgb): void {
    const left = Math.max(0, Math.round(Math.min(x0, x1)));
    const right = Math.min(this.width, Math.round(Math.max(x0, x1)));
    const top = Math.max(0, Math.round(Math.min(y0, y1)));
    const bottom = Math.min(this.height, Math.round(Math.max(y0, y1)));
    if (left >= right || top >= bottom) return;
    // The first row pixel by pixel, the others copied from it.
    const [r, g, b] = colour;
    const start = (top * this.width + left) * 3;
    const end = start + (right - left) * 3;
    for (let i = start; i < end; i += 3) {
      this.pixels[i] = r;
      this.pixels[i + 1] = g;
      this.pixels[i + 2] = b;
    }
    for (let y = top + 1; y < bottom; y += 1) this.pixels.copyWithin((y * this.width + left) * 3, start, end);
  }

  /** A line of the given thickness, drawn as squares along its length. */
  line(x0: number, y0: number, x1: number, y1: number, thickness: number, colour: Rgb): void {
    const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0)));
    const half = thickness / 2;
    for (let i = 0; i <= steps; i += 1) {
      const x = x0 + ((x1 - x0) * i) / steps;
      const y = y0 + ((y1 - y0) * i) / steps;
      this.rect(x - half, y - half, x + half, y + half, colour);
    }
  }
}

/** A round number at or above the largest value, for the axis. */
function niceMaximum(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

function draw(chart: ReportChart, size: ChartSize): Canvas {
  const canvas = new Canvas(size.width, size.height);
  const bars = chart.series.filter((s) => s.kind === 'bar');
  const lines = chart.series.filter((s) => s.kind === 'line');
  const n = Math.max(1, chart.categories.length);
  const plot = { left: chart.horizontal ? 200 : 56, right: size.width - 56, top: 24, bottom: size.height - 72 };
  // Stacked bars share a column; unstacked bars sit side by side.
  const stacks = [...new Set(bars.map((s, i) => s.stack ?? `own-${i}`))];
  let maximum = 0;
  for (let c = 0; c < n; c += 1) {
    for (const stack of stacks) {
      const total = bars
        .filter((s, i) => (s.stack ?? `own-${i}`) === stack)
        .reduce((sum, s) => sum + Math.max(0, s.values[c] ?? 0), 0);
      maximum = Math.max(maximum, total);
    }
  }
  const top = niceMaximum(maximum);
  const grid = hex('#dddddd');
  const axis = hex('#505a5f');
  for (let g = 0; g <= 4; g += 1) {
    if (chart.horizontal) {
      const x = plot.left + ((plot.right - plot.left) * g) / 4;
      canvas.rect(x, plot.top, x + 1, plot.bottom, grid);
    } else {
      const y = plot.bottom - ((plot.bottom - plot.top) * g) / 4;
      canvas.rect(plot.left, y, plot.right, y + 1, grid);
    }
  }
  const band = ((chart.horizontal ? plot.bottom - plot.top : plot.right - plot.left) as number) / n;
  const barWidth = Math.min(48, (band * 0.7) / Math.max(1, stacks.length));
  for (let c = 0; c < n; c += 1) {
    stacks.forEach((stack, k) => {
      let base = 0;
      bars.forEach((s, i) => {
        if ((s.stack ?? `own-${i}`) !== stack) return;
        const v = Math.max(0, s.values[c] ?? 0);
        const colour = hex(CHART_COLOURS[chart.series.indexOf(s) % CHART_COLOURS.length]!);
        const offset = c * band + (band - barWidth * stacks.length) / 2 + k * barWidth;
        if (chart.horizontal) {
          const x0 = plot.left + ((plot.right - plot.left) * base) / top;
          const x1 = plot.left + ((plot.right - plot.left) * (base + v)) / top;
          canvas.rect(x0, plot.top + offset, x1, plot.top + offset + barWidth, colour);
        } else {
          const y0 = plot.bottom - ((plot.bottom - plot.top) * base) / top;
          const y1 = plot.bottom - ((plot.bottom - plot.top) * (base + v)) / top;
          canvas.rect(plot.left + offset, y1, plot.left + offset + barWidth, y0, colour);
        }
        base += v;
      });
    });
  }
  for (const s of lines) {
    const colour = hex(CHART_COLOURS[chart.series.indexOf(s) % CHART_COLOURS.length]!);
    const scale = s.axis === 'percent' ? 100 : top;
    let previous: [number, number] | null = null;
    for (let c = 0; c < n; c += 1) {
      const v = s.values[c];
      if (v === null || v === undefined) {
        previous = null;
        continue;
      }
      const point: [number, number] = [plot.left + band * (c + 0.5), plot.bottom - ((plot.bottom - plot.top) * Math.min(v, scale)) / scale];
      if (previous) canvas.line(previous[0], previous[1], point[0], point[1], 3, colour);
      canvas.rect(point[0] - 4, point[1] - 4, point[0] + 4, point[1] + 4, colour);
      previous = point;
    }
  }
  canvas.rect(plot.left, plot.top, plot.left + 1, plot.bottom + 1, axis);
  canvas.rect(plot.left, plot.bottom, plot.right, plot.bottom + 1, axis);
  // Colour keys in series order, matching the legend of the SVG.
  chart.series.forEach((s, i) => {
    const x = size.width / 2 - chart.series.length * 20 + i * 40;
    canvas.rect(x, size.height - 28, x + 28, size.height - 14, hex(CHART_COLOURS[i % CHART_COLOURS.length]!));
  });
  return canvas;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // truecolour
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    raw[y * (width * 3 + 1)] = 0; // no filter
    Buffer.from(rgb.buffer, rgb.byteOffset + y * width * 3, width * 3).copy(raw, y * (width * 3 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    // Run-length matching suits a chart's flat colours: smaller and several times faster than the default.
    chunk('IDAT', deflateSync(raw, { strategy: constants.Z_RLE })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

export function renderChartPng(chart: ReportChart, size: ChartSize = DEFAULT_CHART_SIZE): Buffer {
  const canvas = draw(chart, size);
  return encodePng(canvas.width, canvas.height, canvas.pixels);
}
