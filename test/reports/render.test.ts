// Each renderer produces a valid file holding the model's figures: the HTML page has every table with
// captions and scopes and an SVG per chart (its counts links to the children behind them only in the web
// application's page, never in the file); the Word document unzips with its tables and pictures; Excel reads
// the workbook back with the same numbers; JSON round-trips. Text that a spreadsheet would run as a formula
// is neutralised, and the same model always gives the same output.

import { BorderStyle, Document, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ReportInput } from '../../src/reports/input.ts';
import { buildReportModel } from '../../src/reports/model.ts';
import { renderReport, REPORT_FORMATS } from '../../src/reports/render.ts';
import { withoutChildLists } from '../../src/reports/model/cells.ts';
import type { ReportModel, ReportTable } from '../../src/reports/model/types.ts';
import { formatCell, isNumericCell, isNumericColumn } from '../../src/reports/render/format.ts';
import { renderChartSvg } from '../../src/reports/render/charts.ts';
import { WORD_LIST_ROWS, renderDocx } from '../../src/reports/render/docx.ts';
import { escapeHtml, figureLinkId, renderHtml, renderHtmlContent } from '../../src/reports/render/html.ts';
import { renderJson } from '../../src/reports/render/json.ts';
import { renderChartPng } from '../../src/reports/render/png.ts';
import { listSheetName, renderXlsx, safeText } from '../../src/reports/render/xlsx.ts';
import { childRecord, episode, handBuiltChildren, handBuiltInput, held } from './builders.ts';
import { checkWellFormed } from './xml.ts';
import { unzip } from './zip.ts';

const narrative: ReportInput['narrative'] = {
  reportTo: 'Corporate Parenting Panel',
  author: 'Service Manager, Independent Reviewing Service',
  dateOfReport: '2024-06-20',
  executiveSummary: 'Reviews were timely.\n\nParticipation <rose> & more children attended.',
  sectionCommentary: { timeliness: 'Court timetables moved several reviews.' },
  previousPriorities: [{ priority: 'Mid-point reviews for every child', update: 'Now recorded on the child’s file.' }],
  actionPlan: [
    { priority: 'Timeliness', areaForDevelopment: 'More reviews in time', outcomeForChildren: 'Plans reviewed when due', lead: 'Service Manager', timescale: 'September 2024' },
  ],
};

const model = buildReportModel(handBuiltInput({ narrative }));
const allTables = model.sections.flatMap((s) => s.tables);
const allCharts = model.sections.flatMap((s) => s.charts);

describe('HTML', () => {
  const html = renderHtml(model);

  it('shows each section’s tables in its order, a charted one with its chart', () => {
    // The year's reviews (Table G) come before the reviews by month that the chart draws.
    const at = (id: string) => html.indexOf(`id="table-${id}"`);
    expect(at('timeliness.reviews')).toBeGreaterThan(0);
    expect(at('timeliness.reviews')).toBeLessThan(at('timeliness.by-month'));
    expect(html.indexOf('id="chart-timeliness-by-month-chart-caption"')).toBeLessThan(at('timeliness.by-month'));
    expect(html.indexOf('id="chart-timeliness-by-month-chart-caption"')).toBeGreaterThan(at('timeliness.by-type'));
  });

  it('is a whole page with every table, caption and header scope', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="en-GB" class="govuk-template">');
    for (const t of allTables) {
      expect(html).toContain(`id="table-${t.id}"`);
      expect(html).toContain(`<caption class="govuk-table__caption govuk-table__caption--m">${escapeHtml(t.caption)}</caption>`);
    }
    // Every header cell says what it heads.
    const headers = html.match(/<th\b[^>]*>/g) ?? [];
    expect(headers.length).toBeGreaterThan(100);
    for (const th of headers) expect(th).toMatch(/scope="(col|row)"/);
    // Table G's figures as the reader sees them.
    expect(html).toMatch(/Reviews held<\/th>(<td[^>]*>\d+<\/td>){4}<td class="govuk-table__cell govuk-table__cell--numeric">10<\/td>/);
    expect(html).toContain('>70%<');
  });

  it('puts the narrative in place, escaped', () => {
    expect(html).toContain('Participation &lt;rose&gt; &amp; more children attended.');
    expect(html).not.toContain('<rose>');
    expect(html.indexOf('Executive summary')).toBeLessThan(html.indexOf('id="section-key-figures"'));
    expect(html).toContain('Court timetables moved several reviews.');
    expect(html).toContain('Appendix 1: Action plan');
    expect(html.indexOf('Appendix 1: Action plan</h2>')).toBeGreaterThan(html.indexOf('id="section-data-quality"'));
  });

  it('draws each chart as an inline, labelled SVG beside its data table', () => {
    const svgs = html.match(/<svg\b[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(allCharts.length);
    for (const svg of svgs) {
      checkWellFormed(svg);
      expect(svg).toMatch(/^<svg role="img" aria-labelledby="[^"]+"/);
      expect(svg).toContain('<title id=');
    }
    for (const c of allCharts) {
      const figure = html.slice(html.indexOf(`aria-labelledby="chart-${c.id.replace(/\./g, '-')}-caption"`));
      expect(figure.indexOf(`id="table-${c.tableId}"`)).toBeLessThan(figure.indexOf('</figure>'));
    }
  });

  it('shows "Not recorded" rather than zero for records the service does not keep', () => {
    const bare = renderHtml(buildReportModel(handBuiltInput({ notifications: undefined, midpointChecks: undefined, reviewWorkflow: undefined })));
    expect(bare).toContain('>Not recorded<');
  });

  it('links counts above zero to what is behind them only when asked, as the web application\'s page does', async () => {
    const asked: string[] = [];
    const linked = renderHtmlContent(model, {
      cellHref: (table, row, i) => {
        asked.push(`${table.id}/${row.key}/${table.columns[i]!.key}`);
        // A figure the page chooses not to link stays a plain number.
        return row.key === 'held' ? null : `/figures/${table.id}/${row.key}/${table.columns[i]!.key}?a=1&b=2`;
      },
    });
    const counts = allTables.flatMap((t) =>
      [...t.rows, ...t.totals].flatMap((r) => r.cells.flatMap((c, i) => (i > 0 && c.type === 'count' && c.value > 0 ? [`${t.id}/${r.key}/${t.columns[i]!.key}`] : []))),
    );
    expect(counts.length).toBeGreaterThan(100);
    expect(asked).toEqual(expect.arrayContaining(counts));
    // Charted tables are drawn once, so each count is asked for once.
    expect(asked).toHaveLength(counts.length);
    const links = [...linked.matchAll(/<a class="govuk-link" id="(figure-[\w-]+)" href="(\/figures\/[^"]+)">(\d+)<span class="govuk-visually-hidden">, the list behind this figure: ([^<]+)<\/span><\/a>/g)];
    expect(links).toHaveLength(counts.filter((c) => c.split('/')[1] !== 'held').length);
    expect(links.map((m) => m[2])).toContain('/figures/timeliness.reviews/late/period:2023-04-01?a=1&amp;b=2');
    // Each link's id comes from where it leads (so the page it opens can link back to it), and no two are the same.
    expect(links.find((m) => m[2] === '/figures/timeliness.reviews/late/period:2023-04-01?a=1&amp;b=2')![1]).toBe(figureLinkId('/figures/timeliness.reviews/late/period:2023-04-01?a=1&b=2'));
    expect(new Set(links.map((m) => m[1])).size).toBe(links.length);
    // Named by its row and column for someone who hears the link alone.
    const late = allTables.find((t) => t.id === 'timeliness.reviews')!.rows.find((r) => r.key === 'late')!.cells.at(-1)!;
    expect(late).toMatchObject({ type: 'count', value: 3 });
    expect(linked).toContain('>3<span class="govuk-visually-hidden">, the list behind this figure: Held outside timescale, 2023-24</span></a>');
    // Without the links it is the content of the file, byte for byte.
    const plain = linked.replace(/<a class="govuk-link" id="figure-[\w-]+" href="\/figures\/[^"]+">(\d+)<span class="govuk-visually-hidden">[^<]*<\/span><\/a>/g, '$1');
    expect(plain).toBe(renderHtmlContent(model));
    const file = (await renderReport(model, 'html')).toString();
    expect(file).toBe(html);
    expect(file).toContain(renderHtmlContent(model));
    expect(file).not.toContain('/figures/');
    expect(file).not.toContain('the list behind this figure');
    expect(file).not.toMatch(/<td[^>]*><a /);
  });
});

describe('charts', () => {
  it('are well-formed SVG, the same every time, with ids of their own', () => {
    for (const chart of allCharts) {
      const svg = renderChartSvg(chart);
      checkWellFormed(svg);
      expect(renderChartSvg(chart)).toBe(svg);
      expect(svg).not.toMatch(/zr\d+-/);
      expect(svg).not.toContain('<style');
    }
  });

  it('letter in Arial at 12px by attributes, never a style the page’s security policy would block', () => {
    for (const chart of allCharts) {
      const svg = renderChartSvg(chart);
      expect(svg).not.toMatch(/\sstyle="/);
      const texts = svg.match(/<text\b[^>]*>/g) ?? [];
      expect(texts.length).toBeGreaterThan(0);
      for (const t of texts) {
        expect(t).toContain('font-size="12px"');
        expect(t).toContain('font-family="Arial, Helvetica, sans-serif"');
      }
    }
  });

  it('have a PNG fallback for viewers without SVG, with the lettering drawn', async () => {
    const chart = allCharts[0]!;
    const png = await renderChartPng(chart);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(720);
    expect(png.readUInt32BE(20)).toBe(360);
    // The same chart gives the same picture; one whose labels alone differ does not, so the labels are drawn.
    expect((await renderChartPng(chart)).equals(png)).toBe(true);
    const relabelled = { ...chart, categories: chart.categories.map((c) => `${c} (changed)`), series: chart.series.map((s) => ({ ...s, name: `${s.name} (changed)` })) };
    expect((await renderChartPng(relabelled)).equals(png)).toBe(false);
  });
});

describe('Word', () => {
  it('unzips to a document with headings, every table, the narrative and each chart as SVG with a PNG', async () => {
    const files = unzip(await renderDocx(model));
    const document = files.get('word/document.xml')!.toString('utf8');
    checkWellFormed(document);
    const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    for (const t of allTables) expect(document).toContain(escape(t.caption));
    for (const s of model.sections) expect(document).toContain(escape(s.title));
    expect(document).toContain('Heading1');
    expect(document).toContain('Reviews were timely.');
    expect(document).toContain('Plans reviewed when due');
    const media = [...files.keys()].filter((k) => k.startsWith('word/media/'));
    expect(media.filter((k) => k.endsWith('.svg'))).toHaveLength(allCharts.length);
    expect(media.filter((k) => k.endsWith('.png'))).toHaveLength(allCharts.length);
    for (const k of media.filter((x) => x.endsWith('.svg'))) checkWellFormed(files.get(k)!.toString('utf8'));
  });

  it('writes each table as docx itself writes it from its table objects, byte for byte', async () => {
    // The tables docx would make for the report, built from its objects with the same options; the document
    // written around them is the renderer's, so only the tables differ if the two disagree.
    const border = { style: BorderStyle.SINGLE, size: 4, color: 'B1B4B6' };
    const borders = { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border };
    const style = (o: { bold?: boolean; right?: boolean }) => (o.right ? (o.bold ? 'TableFigureBold' : 'TableFigure') : o.bold ? 'TableTextBold' : 'TableText');
    const cell = (value: string, o: { bold?: boolean; right?: boolean; header?: boolean }) =>
      new TableCell({
        shading: o.header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'F3F2F1' } : undefined,
        children: [new Paragraph({ style: style(o), children: [new TextRun(value)] })],
      });
    const docxTable = (t: ReportTable, widths: number[]) =>
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        columnWidths: widths,
        margins: { left: 60, right: 60 },
        borders,
        rows: [
          new TableRow({ tableHeader: true, cantSplit: true, children: t.columns.map((c, i) => cell(c.label, { bold: true, header: true, right: isNumericColumn(t, i) })) }),
          ...t.rows.map((r) => new TableRow({ cantSplit: true, children: t.columns.map((_, i) => cell(formatCell(r.cells[i]), { bold: i === 0, right: i > 0 && isNumericCell(r.cells[i]) })) })),
          ...(t.rows.length === 0 ? [new TableRow({ children: t.columns.map((_, i) => cell(i === 0 ? 'None' : '', {})) })] : []),
          ...t.totals.map((r) => new TableRow({ cantSplit: true, children: t.columns.map((_, i) => cell(formatCell(r.cells[i]), { bold: true, right: i > 0 && isNumericCell(r.cells[i]) })) })),
        ],
      });
    const awkward: ReportTable = {
      id: 'awkward',
      caption: 'Awkward text',
      kind: 'summary',
      columns: [
        { key: 'label', label: 'Row <label> & "more"', kind: 'label' },
        { key: 'n', label: 'Count', kind: 'count' },
      ],
      rows: [{ key: 'a', cells: [{ type: 'text', text: "Line one\nline two\tand 'quotes' \u0001\u000b — £ 𝄞" }, { type: 'count', value: 3 }] }],
      totals: [],
      notes: [],
    };
    const empty: ReportTable = { ...awkward, id: 'empty', rows: [] };
    for (const t of [...allTables, awkward, empty]) {
      const ours = unzip(await renderDocx({ ...model, narrative: null, sections: [{ id: 's', title: 'S', summary: [], charts: [], tables: [t] }] })).get('word/document.xml')!.toString('utf8');
      const widths = [...ours.match(/<w:tblGrid>[\s\S]*?<\/w:tblGrid>/g)!.at(-1)!.matchAll(/w:w="(\d+)"/g)].map((m) => Number(m[1]));
      const theirs = unzip(await Packer.toBuffer(new Document({ sections: [{ children: [docxTable(t, widths)] }] }))).get('word/document.xml')!.toString('utf8');
      const lastTable = (xml: string) => xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g)!.at(-1);
      expect(lastTable(ours), t.id).toBe(lastTable(theirs));
    }
  });

  it('repeats the header row of each table on a new page', async () => {
    const document = unzip(await renderDocx(model)).get('word/document.xml')!.toString('utf8');
    const tables = document.match(/<w:tbl>/g) ?? [];
    const repeated = document.match(/<w:tblHeader\/>|<w:tblHeader w:val="true"\/>|<w:tblHeader w:val="1"\/>/g) ?? [];
    expect(repeated.length).toBe(tables.length);
  });

  it('gives every table its borders and every cell the table text style once, not cell by cell', async () => {
    const files = unzip(await renderDocx(model));
    const document = files.get('word/document.xml')!.toString('utf8');
    const tables = (document.match(/<w:tbl>/g) ?? []).length;
    const cells = (document.match(/<w:tc>/g) ?? []).length;
    expect(tables).toBeGreaterThan(0);
    // Borders inside and around each table, set on the table.
    expect((document.match(/<w:tblBorders>[\s\S]*?<w:insideH [^>]*w:val="single"[\s\S]*?<\/w:tblBorders>/g) ?? []).length).toBe(tables);
    expect(document).not.toContain('<w:tcBorders>');
    // Each cell's paragraph takes its size, weight and alignment from one of the table styles, which Word and
    // LibreOffice both show by name; no cell sets its own.
    expect((document.match(/<w:pStyle w:val="Table(Text|TextBold|Figure|FigureBold)"\/>/g) ?? []).length).toBe(cells);
    const cellXml = document.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? [];
    expect(cellXml.filter((c) => /<w:b\/>|<w:jc /.test(c))).toEqual([]);
    // Row labels bold, figures set right, as before.
    expect(document).toMatch(/<w:pStyle w:val="TableTextBold"\/><\/w:pPr><w:r><w:t xml:space="preserve">Reviews held<\/w:t>/);
    expect(document).toContain('<w:pStyle w:val="TableFigure"/>');
    // A table of figures over the years: the column naming the rows has twice the room of each figure's.
    const wide = model.sections.flatMap((sec) => sec.tables).find((t) => t.columns.length >= 4 && t.columns[0]!.kind === 'label')!;
    const grids = [...document.matchAll(/<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/g)].map((m) => [...m[1]!.matchAll(/w:w="(\d+)"/g)].map((w) => Number(w[1])));
    const grid = grids.find((g) => g.length === wide.columns.length)!;
    expect(Math.abs(grid[0]! - 2 * grid[1]!)).toBeLessThanOrEqual(1);
    expect(grid.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(9026);
    const styles = files.get('word/styles.xml')!.toString('utf8');
    expect(styles).toMatch(/<w:style [^>]*w:styleId="TableText"[\s\S]*?<w:sz w:val="18"\/>[\s\S]*?<\/w:style>/);
    expect(styles).toMatch(/<w:style [^>]*w:styleId="TableTextBold"[\s\S]*?<w:basedOn w:val="TableText"\/>[\s\S]*?<w:b\/>[\s\S]*?<\/w:style>/);
    expect(styles).toMatch(/<w:style [^>]*w:styleId="TableFigure"[\s\S]*?<w:basedOn w:val="TableText"\/>[\s\S]*?<w:jc w:val="right"\/>[\s\S]*?<\/w:style>/);
    expect(styles).toMatch(/<w:style [^>]*w:styleId="TableFigureBold"[\s\S]*?<w:basedOn w:val="TableFigure"\/>[\s\S]*?<w:b\/>[\s\S]*?<\/w:style>/);
  });

  it('cuts a long list short with a note saying where every row is, and leaves summary tables whole', async () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `r${i}`, cells: [{ type: 'text' as const, text: `CHILD${String(i).padStart(4, '0')}` }] }));
    const long: ReportModel = {
      ...model,
      sections: [
        {
          id: 'timeliness',
          title: 'Timeliness of reviews',
          summary: [],
          charts: [],
          tables: [
            { id: 'timeliness.late-reviews', caption: 'Late reviews', kind: 'list', columns: [{ key: 'child', label: 'Child', kind: 'text' }], rows: rows(WORD_LIST_ROWS + 100), totals: [], notes: [] },
            { id: 'timeliness.summary', caption: 'Many rows', kind: 'summary', columns: [{ key: 'child', label: 'Child', kind: 'text' }], rows: rows(WORD_LIST_ROWS + 1), totals: [], notes: [] },
          ],
        },
      ],
    };
    const document = unzip(await renderDocx(long)).get('word/document.xml')!.toString('utf8');
    checkWellFormed(document);
    const [list, summary] = document.split('Many rows');
    expect(list).toContain(`CHILD${String(WORD_LIST_ROWS - 1).padStart(4, '0')}`);
    expect(list).not.toContain(`CHILD${String(WORD_LIST_ROWS).padStart(4, '0')}`);
    expect(list).toContain(`The first 500 of 600 rows are shown here; the spreadsheet (sheet “Late reviews”) and the web page list them all.`);
    expect(summary).toContain(`CHILD${String(WORD_LIST_ROWS).padStart(4, '0')}`);
    const xlsx = new ExcelJS.Workbook();
    await xlsx.xlsx.load((await renderXlsx(long)) as unknown as ArrayBuffer);
    expect(xlsx.getWorksheet('Late reviews')!.rowCount).toBeGreaterThanOrEqual(WORD_LIST_ROWS + 100);
  });
});

describe('Excel', () => {
  async function read(buffer: Buffer): Promise<ExcelJS.Workbook> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    return workbook;
  }

  function rowStarting(sheet: ExcelJS.Worksheet, text: string): ExcelJS.Row {
    let found: ExcelJS.Row | undefined;
    sheet.eachRow((r) => {
      if (!found && r.getCell(1).value === text) found = r;
    });
    if (!found) throw new Error(`no row "${text}" in ${sheet.name}`);
    return found;
  }

  it('names a sheet in at most 31 characters, cut after a whole word', () => {
    const named = (caption: string) => listSheetName({ id: 'x', caption, kind: 'list', columns: [], rows: [], totals: [], notes: [] });
    expect(named('Dispute resolution and compliments over the years')).toBe('Dispute resolution and');
    expect(named('Late notifications')).toBe('Late notifications');
    expect(named('Reviews: rearranged [and] cancelled?')).toBe('Reviews rearranged and');
    // One long word is cut where it must be.
    expect(named('A'.repeat(40))).toBe('A'.repeat(31));
  });

  it('has a sheet per section and the lists apart, with the figures as numbers', async () => {
    const workbook = await read(await renderXlsx(model));
    const names = workbook.worksheets.map((w) => w.name);
    expect(names.slice(0, 2)).toEqual(['Contents', 'Narrative']);
    for (const s of model.sections) {
      // Each section's sheet starts with its title in full; a title too long for a sheet name has a short name of
      // its own rather than one cut off mid-phrase.
      const sheet = workbook.worksheets.find((w) => w.getCell('A1').value === s.title);
      expect(sheet, s.title).toBeDefined();
      expect(sheet!.name.length).toBeLessThanOrEqual(31);
      if (s.title.length > 31) expect(sheet!.name, s.title).not.toBe(s.title.slice(0, sheet!.name.length));
    }
    expect(names).toContain('Started to be looked after');
    expect(names).toContain('Late reviews');
    expect(names).toContain('Data quality list');

    const timeliness = workbook.getWorksheet('Timeliness of reviews')!;
    const heldRow = rowStarting(timeliness, 'Reviews held');
    expect([2, 3, 4, 5, 6].map((c) => heldRow.getCell(c).value)).toEqual([1, 3, 5, 6, 10]);
    const share = rowStarting(timeliness, '% held within timescale').getCell(6);
    expect(share.value).toBe(0.7);
    expect(share.numFmt).toBe('0.0%');

    const late = workbook.getWorksheet('Late reviews')!;
    const header = rowStarting(late, 'Child');
    expect(header.getCell(3).value).toBe('Due date');
    const first = late.getRow(header.number + 1);
    expect(first.getCell(1).value).toBe('H');
    expect(first.getCell(3).value).toEqual(new Date(Date.UTC(2023, 4, 4)));
    expect(first.getCell(6).value).toBe(57);

    const quality = workbook.getWorksheet('Data quality list')!;
    let issues = 0;
    quality.eachRow((r) => {
      if (r.number > 2 && r.getCell(2).value) issues += 1;
    });
    expect(issues).toBe(5);
  });

  it('writes text that looks like a formula as text', async () => {
    const children = [
      ...handBuiltChildren(),
      // A child whose id, in a careless import, looks like a formula; the first review is late.
      childRecord('=HYPERLINK("http://example.org","x")', { dateOfBirth: '2012-01-01' }, [episode('2023-06-05')], [held('=HYPERLINK("http://example.org","x")', '2023-07-10')]),
    ];
    const hostile = buildReportModel(
      handBuiltInput({
        children,
        narrative: {
          executiveSummary: '=1+2',
          actionPlan: [{ priority: '+SUM(A1:A9)', areaForDevelopment: '-2+3', outcomeForChildren: '@cmd', lead: '\tlead', timescale: '|pipe' }],
        },
      }),
    );
    const workbook = await read(await renderXlsx(hostile));
    const texts: string[] = [];
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((r) =>
        r.eachCell((c) => {
          expect(c.type).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof c.value === 'string') texts.push(c.value);
        }),
      );
    }
    expect(texts.filter((t) => /^[=+\-@\t\r|]/.test(t))).toEqual([]);
    expect(texts).toContain(`'=HYPERLINK("http://example.org","x")`);
    expect(texts).toContain("'=1+2");
    expect(texts).toContain("'+SUM(A1:A9)");
    expect(texts).toContain("'-2+3");
    expect(texts).toContain("'@cmd");
    expect(safeText('Child’s wish')).toBe('Child’s wish');
    expect(safeText('–')).toBe('–');
  });
});

describe('JSON', () => {
  it('is the model itself, with keys in a fixed order', () => {
    const json = renderJson(model);
    expect(JSON.parse(json)).toEqual(model);
    const keys = Object.keys(JSON.parse(json) as object);
    expect(keys).toEqual([...keys].sort());
    expect(json.endsWith('\n')).toBe(true);
    // The children behind a count on one line; each record on its own.
    expect(json).toContain('"childIds": ["A", "B", "E"]');
    expect(json).toMatch(/\n +\{"childId": "A", "date": "2023-04-05"\},\n/);
  });

  it('builds the same figures without the lists behind each count as with them', () => {
    // A model built without lists makes no record behind its counts (intervals are shared, reviews' records never
    // made): it must still be the full model with only the lists taken away.
    const bare = buildReportModel(handBuiltInput({ narrative }), { childLists: false });
    expect(bare).toEqual(withoutChildLists(model));
    expect(JSON.stringify(bare)).not.toContain('"childIds"');
  });

  it('leaves the children behind each count out of the report file unless asked, with the same figures', async () => {
    const figures = JSON.parse((await renderReport(model, 'json')).toString()) as ReportModel;
    const full = JSON.parse((await renderReport(model, 'json', { withChildren: true })).toString()) as ReportModel;
    const text = JSON.stringify(figures);
    expect(text).not.toContain('"childIds"');
    expect(text).not.toContain('"records":[');
    expect(JSON.stringify(full)).toContain('"childIds":["A","B","E"]');
    // Every cell keeps its value: the file without lists is the full one with only the lists taken away.
    expect(figures).toEqual(withoutChildLists(full));
    let counts = 0;
    full.sections.forEach((s, i) =>
      s.tables.forEach((t, j) =>
        [...t.rows, ...t.totals].forEach((r, k) =>
          r.cells.forEach((c, l) => {
            if (c.type !== 'count') return;
            counts += 1;
            const other = figures.sections[i]!.tables[j]!;
            expect([...other.rows, ...other.totals][k]!.cells[l]).toEqual({ type: 'count', value: c.value });
          }),
        ),
      ),
    );
    expect(counts).toBeGreaterThan(50);
  });
});

describe('the same input', () => {
  it('gives the same model and the same files', async () => {
    const again = buildReportModel(handBuiltInput({ narrative }));
    expect(renderJson(again)).toBe(renderJson(model));
    expect(renderHtml(again)).toBe(renderHtml(model));
    const a = unzip(await renderDocx(model));
    const b = unzip(await renderDocx(again));
    expect(b.get('word/document.xml')!.equals(a.get('word/document.xml')!)).toBe(true);
    const x = unzip(await renderXlsx(model));
    const y = unzip(await renderXlsx(again));
    for (const name of [...x.keys()].filter((k) => k.startsWith('xl/worksheets/') || k === 'xl/sharedStrings.xml')) {
      expect(y.get(name)!.equals(x.get(name)!)).toBe(true);
    }
  });

  it('renders every format through renderReport', async () => {
    for (const format of REPORT_FORMATS) {
      const out = await renderReport(model, format);
      // JSON comes as bytes: a national-sized register gives more than the longest string JavaScript holds.
      if (format === 'html') expect(typeof out).toBe('string');
      else expect(Buffer.isBuffer(out)).toBe(true);
    }
  });
});
