// The report as a Word document that councils edit before committee: real headings (so Word's navigation
// pane and a table of contents work), the narrative in place, every table as an editable Word table with a
// repeating header row, and each chart as an SVG picture (with the same picture as a bitmap for viewers that
// cannot show SVG) followed by its data table.

import { randomUUID } from 'node:crypto';
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, TextRun, type FileChild } from 'docx';
import AdmZip from 'adm-zip';
import { formatUkDate } from '../../domain/dates.ts';
import type { ReportChart, ReportModel, ReportSection, ReportTable } from '../model/types.ts';
import { renderChartSvg, type ChartSize } from './charts.ts';
import { documentTitle, sectionParts, formatCell, snapshotLine, isNumericCell, isNumericColumn, paragraphs } from './format.ts';
import { svgToPng } from './png.ts';
import { listSheetName } from './xlsx.ts';

const CHART_SIZE: ChartSize = { width: 720, height: 360 };
/** Shown at 600 pixels wide, to fit an A4 page inside its margins. */
const SHOWN_WIDTH = 600;
/** The paragraph style of every table cell's text, so each cell does not repeat its font size. */
const TABLE_TEXT = 'TableText';
const TABLE_TEXT_BOLD = 'TableTextBold';
const TABLE_FIGURE = 'TableFigure';
const TABLE_FIGURE_BOLD = 'TableFigureBold';

function text(value: string, options: { bold?: boolean; italics?: boolean; size?: number } = {}): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: value, ...options })], spacing: { after: 120 } });
}

function heading(value: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]): Paragraph {
  return new Paragraph({ text: value, heading: level, keepNext: true, spacing: { before: 240, after: 120 } });
}

/**
 * The paragraph style of a cell: row labels and headings bold, figures set right. Styles rather than each
 * cell's own bold and alignment, so a council restyles every table at once and the document is smaller.
 */
function cellStyle(options: { bold?: boolean; right?: boolean }): string {
  if (options.right) return options.bold ? TABLE_FIGURE_BOLD : TABLE_FIGURE;
  return options.bold ? TABLE_TEXT_BOLD : TABLE_TEXT;
}

// Tables are written as WordprocessingML text rather than built from docx's objects: a report's few thousand
// cells made several hundred thousand objects for docx to walk, which took most of the time the Word document
// took to write. The text is what docx wrote for the same tables, byte for byte (full-width table, grey borders,
// narrow cell margins, a shaded header row that repeats on each page, rows kept whole, the cell styles above).

/** Text as docx escapes it: markup characters as entities; control characters XML cannot hold left out. */
function xmlText(value: string): string {
  // The control characters are matched on purpose: XML 1.0 cannot hold them, so they are left out.
  // eslint-disable-next-line no-control-regex
  return value.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => XML_ESCAPES[c] ?? '');
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };

const BORDER_XML = (side: string) => `<w:${side} w:val="single" w:color="B1B4B6" w:sz="4"/>`;
/** Cell margins of 60 twips, narrower than Word's own (108), so "2024-25" fits on one line in a table of seven years. */
const TABLE_PROPERTIES_XML =
  '<w:tblPr><w:tblW w:type="pct" w:w="5000"/><w:tblBorders>' +
  ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(BORDER_XML).join('') +
  '</w:tblBorders><w:tblCellMar><w:left w:type="dxa" w:w="60"/><w:right w:type="dxa" w:w="60"/></w:tblCellMar></w:tblPr>';
const HEADER_SHADING_XML = '<w:shd w:fill="F3F2F1" w:color="auto" w:val="clear"/>';

function cellXml(value: string, width: number, options: { bold?: boolean; right?: boolean; header?: boolean }): string {
  return (
    `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${width}"/>${options.header ? HEADER_SHADING_XML : ''}</w:tcPr>` +
    `<w:p><w:pPr><w:pStyle w:val="${cellStyle(options)}"/></w:pPr><w:r><w:t xml:space="preserve">${xmlText(value)}</w:t></w:r></w:p></w:tc>`
  );
}

/** A row: kept whole on a page, the header row repeated on each page a table runs onto. */
function rowXml(cells: string[], options: { header?: boolean; keepWhole?: boolean }): string {
  const properties = options.keepWhole || options.header ? `<w:trPr>${options.keepWhole ? '<w:cantSplit/>' : ''}${options.header ? '<w:tblHeader/>' : ''}</w:trPr>` : '';
  return `<w:tr>${properties}${cells.join('')}</w:tr>`;
}

/** Where a table goes among the document's parts, written already (see tableXml). */
class TablePlace {
  constructor(readonly xml: string) {}
}

function tableXml(table: ReportTable): TablePlace {
  const grid = columnWidths(table);
  // The grid's widths are rounded down; each cell's is its column's scaled back up to fill the page, and rounded.
  const total = grid.reduce((a, b) => a + b, 0);
  const scale = total > 0 && PAGE_TEXT_TWIPS > total ? PAGE_TEXT_TWIPS / total : 1;
  const widths = grid.map((w) => Math.round(w * scale));
  const header = rowXml(
    table.columns.map((c, i) => cellXml(c.label, widths[i]!, { bold: true, header: true, right: isNumericColumn(table, i) })),
    { header: true, keepWhole: true },
  );
  const body = (cells: ReportTable['rows'][number]['cells'], bold: boolean) =>
    rowXml(
      table.columns.map((_, i) => cellXml(formatCell(cells[i]), widths[i]!, { bold: bold || i === 0, right: i > 0 && isNumericCell(cells[i]) })),
      { keepWhole: true },
    );
  const rows = [
    header,
    ...table.rows.map((r) => body(r.cells, false)),
    ...(table.rows.length === 0 ? [rowXml(table.columns.map((_, i) => cellXml(i === 0 ? 'None' : '', widths[i]!, {})), {})] : []),
    ...table.totals.map((r) => body(r.cells, true)),
  ];
  const columns = grid.map((w) => `<w:gridCol w:w="${w}"/>`).join('');
  return new TablePlace(`<w:tbl>${TABLE_PROPERTIES_XML}<w:tblGrid>${columns}</w:tblGrid>${rows.join('')}</w:tbl>`);
}

/**
 * Lists longer than this are cut short in Word, with a note: a committee document does not print thousands of late
 * reviews, and a national-sized register's lists would make a document of thousands of pages. The spreadsheet,
 * the web page and the JSON file have every row.
 */
export const WORD_LIST_ROWS = 500;

/** The width inside the margins of the A4 page docx makes (11,906 twips less two margins of 1,440). */
const PAGE_TEXT_TWIPS = 11_906 - 2 * 1_440;

/**
 * Column widths in twips: in a table of figures the first column, naming each row ("Any other White
 * background"), is given twice the room of each figure's, so its words are not broken across
 * lines; other tables share the width equally.
 */
function columnWidths(table: ReportTable): number[] {
  const n = table.columns.length;
  const weights = table.columns.map((c, i) => (i === 0 && c.kind === 'label' && n >= 4 ? 2 : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.floor((PAGE_TEXT_TWIPS * w) / total));
}

function wordTable(whole: ReportTable): Part[] {
  const cut = whole.kind === 'list' && whole.rows.length > WORD_LIST_ROWS;
  const table = cut ? { ...whole, rows: whole.rows.slice(0, WORD_LIST_ROWS) } : whole;
  const notes = cut
    ? [
        `The first ${WORD_LIST_ROWS.toLocaleString('en-GB')} of ${whole.rows.length.toLocaleString('en-GB')} rows are shown here; the spreadsheet (sheet “${listSheetName(whole)}”) and the web page list them all.`,
        ...whole.notes,
      ]
    : whole.notes;
  return [
    new Paragraph({ keepNext: true, spacing: { before: 200, after: 80 }, children: [new TextRun({ text: table.caption, bold: true })] }),
    tableXml(table),
    ...notes.map((n) => new Paragraph({ spacing: { before: 60, after: 60 }, children: [new TextRun({ text: n, italics: true, size: 16 })] })),
  ];
}

/** A chart's picture: the SVG, and the same drawn as a bitmap. */
interface ChartPicture {
  svg: Buffer;
  png: Buffer;
}

/**
 * Every chart's picture. The bitmaps are drawn off the main thread, side by side, while the document's tables are
 * built: the charts' places are kept in the list of the document's parts and filled once the bitmaps are ready.
 * One promise for them all, so a bitmap that fails while the tables are built fails the document, not the process.
 */
function chartPictures(model: ReportModel): Promise<Map<ReportChart, ChartPicture>> {
  const charts = model.sections.flatMap((s) => s.charts);
  const drawn = Promise.all(
    charts.map((chart) => {
      const svg = renderChartSvg(chart, CHART_SIZE);
      return svgToPng(svg).then((png) => ({ svg: Buffer.from(svg, 'utf8'), png }));
    }),
  ).then((pictures) => new Map(charts.map((chart, i) => [chart, pictures[i]!])));
  // Handled where it is awaited; marked handled now, since building the tables may throw before then.
  drawn.catch(() => undefined);
  return drawn;
}

/** Where a chart goes in the document, kept while its bitmap is drawn. */
class ChartPlace {
  constructor(
    readonly chart: ReportChart,
    readonly drawingId: number,
  ) {}
}

/** A part of the document: a paragraph, or the place of a chart or a table. */
type Part = FileChild | ChartPlace | TablePlace;

/** `drawingId` numbers the pictures in the document (docx would otherwise count across every document made). */
function chartPicture(chart: ReportChart, picture: ChartPicture, drawingId: number): Paragraph {
  return new Paragraph({
    keepNext: true,
    spacing: { before: 200, after: 80 },
    children: [
      new ImageRun({
        type: 'svg',
        data: picture.svg,
        fallback: { type: 'png', data: picture.png },
        transformation: { width: SHOWN_WIDTH, height: Math.round((SHOWN_WIDTH * CHART_SIZE.height) / CHART_SIZE.width) },
        altText: { id: String(drawingId), name: chart.id, title: chart.title, description: `${chart.description} The figures are in the table that follows.` },
      }),
    ],
  });
}

function sectionContent(section: ReportSection, commentary: string | undefined, nextDrawingId: () => number): Part[] {
  const out: Part[] = [heading(section.title, HeadingLevel.HEADING_1)];
  for (const p of paragraphs(commentary)) out.push(text(p));
  for (const s of section.summary) out.push(new Paragraph({ text: s, bullet: { level: 0 }, spacing: { after: 80 } }));
  for (const { chart, table } of sectionParts(section)) {
    if (chart) out.push(new ChartPlace(chart, nextDrawingId()));
    if (table) out.push(...wordTable(table));
  }
  return out;
}

function plainTable(caption: string, headers: string[], rows: string[][]): Part[] {
  return wordTable({
    id: caption,
    caption,
    kind: 'summary',
    columns: headers.map((h, i) => ({ key: String(i), label: h, kind: i === 0 ? 'label' : 'text' })),
    rows: rows.map((r, i) => ({ key: String(i), cells: r.map((t) => ({ type: 'text' as const, text: t })) })),
    totals: [],
    notes: [],
  });
}

export async function renderDocx(model: ReportModel): Promise<Buffer> {
  const drawing = chartPictures(model);
  const n = model.narrative;
  const children: Part[] = [
    text(model.authorityName, { size: 28 }),
    new Paragraph({ text: documentTitle(model), heading: HeadingLevel.TITLE, spacing: { after: 240 } }),
    ...plainTable(
      'About this report',
      ['', ''],
      [
        ['Reporting period', `${formatUkDate(model.period.from)} to ${formatUkDate(model.period.to)}`],
        ...(snapshotLine(model) ? [['Version', snapshotLine(model)!]] : []),
        ...(n?.reportTo ? [['Report to', n.reportTo]] : []),
        ...(n?.author ? [['Report author', n.author]] : []),
        ...(n?.dateOfReport ? [['Date of report', formatUkDate(n.dateOfReport)]] : []),
      ],
    ),
  ];
  const summary = paragraphs(n?.executiveSummary);
  if (summary.length) {
    children.push(heading('Executive summary', HeadingLevel.HEADING_1));
    for (const p of summary) children.push(text(p));
  }
  if (n?.previousPriorities?.length) {
    children.push(heading('Updates on the last report’s priorities', HeadingLevel.HEADING_1));
    children.push(...plainTable('Priorities set in the last report, with updates', ['Priority', 'Update'], n.previousPriorities.map((p) => [p.priority, p.update])));
  }
  let drawings = 0;
  const nextDrawingId = () => (drawings += 1);
  for (const section of model.sections) children.push(...sectionContent(section, n?.sectionCommentary?.[section.id], nextDrawingId));
  if (n?.actionPlan?.length) {
    children.push(heading('Appendix 1: Action plan', HeadingLevel.HEADING_1));
    children.push(
      ...plainTable(
        'Action plan for the year ahead',
        ['Priority', 'Area for development', 'Outcome for children', 'Lead', 'Timescale'],
        n.actionPlan.map((a) => [a.priority, a.areaForDevelopment, a.outcomeForChildren, a.lead, a.timescale]),
      ),
    );
  }
  const pictures = await drawing;
  const tables = new TablesToPutIn();
  const document = new Document({
    creator: model.authorityName,
    title: documentTitle(model),
    description: `${model.title} for ${model.authorityName}, ${formatUkDate(model.period.from)} to ${formatUkDate(model.period.to)}`,
    styles: {
      default: { document: { run: { font: 'Arial', size: 22 } } },
      paragraphStyles: [
        { id: TABLE_TEXT, name: 'Table text', basedOn: 'Normal', quickFormat: true, run: { size: 18 } },
        { id: TABLE_TEXT_BOLD, name: 'Table text bold', basedOn: TABLE_TEXT, quickFormat: true, run: { bold: true } },
        { id: TABLE_FIGURE, name: 'Table figure', basedOn: TABLE_TEXT, quickFormat: true, paragraph: { alignment: AlignmentType.RIGHT } },
        { id: TABLE_FIGURE_BOLD, name: 'Table figure bold', basedOn: TABLE_FIGURE, quickFormat: true, run: { bold: true } },
      ],
    },
    sections: [{ children: children.map((part) => (part instanceof ChartPlace ? chartPicture(part.chart, pictures.get(part.chart)!, part.drawingId) : part instanceof TablePlace ? tables.mark(part) : part)) }],
  });
  return tables.putIn(await Packer.toBuffer(document));
}

/**
 * The tables' places in the document docx writes: each a paragraph holding a mark no text can hold by chance (a new
 * random id each time), replaced by the table's XML once the document is written.
 */
class TablesToPutIn {
  private readonly id = randomUUID();
  private readonly xml: string[] = [];

  mark(table: TablePlace): Paragraph {
    this.xml.push(table.xml);
    return new Paragraph({ children: [new TextRun(`${this.id}:${this.xml.length - 1}`)] });
  }

  /** The document with every table in its place; its other parts stay as docx zipped them. */
  putIn(docx: Buffer): Buffer {
    // In docx's order of parts, not sorted by name.
    const zip = new AdmZip(docx, { noSort: true });
    const path = 'word/document.xml';
    let found = 0;
    const body = zip.readAsText(path, 'utf8').replace(new RegExp(`<w:p><w:r><w:t xml:space="preserve">${this.id}:(\\d+)</w:t></w:r></w:p>`, 'g'), (_, n: string) => {
      found += 1;
      return this.xml[Number(n)]!;
    });
    if (found !== this.xml.length) throw new Error(`the Word document has ${found} of its ${this.xml.length} tables' places`);
    zip.updateFile(path, Buffer.from(body, 'utf8'));
    return zip.toBuffer();
  }
}
