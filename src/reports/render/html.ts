// The report as one standalone HTML page: GOV.UK Frontend class names (so the web application can show it
// with the real stylesheet) and a small stylesheet of its own so the file reads well when opened alone or
// printed for committee. Tables have captions and header scopes; each chart is an inline SVG with its data
// table beside it, so nothing is shown only as a picture. The web application's page may make its counts links
// to the children behind them; the file never has them.

import { formatUkDate } from '../../domain/dates.ts';
import type { ReportNarrative } from '../input.ts';
import type { Cell, ReportChart, ReportModel, ReportSection, ReportTable, TableRow } from '../model/types.ts';
import { chartDomId, renderChartSvg } from './charts.ts';
import { documentTitle, sectionParts, formatCell, snapshotLine, isNumericCell, isNumericColumn, paragraphs } from './format.ts';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const STYLES = `
body{margin:0;font-family:Arial,Helvetica,sans-serif;color:#0b0c0c;background:#fff;line-height:1.32}
.govuk-skip-link{position:absolute;left:-9999px}.govuk-skip-link:focus{position:static;display:block;padding:10px;background:#fd0}
.govuk-header{background:#0b0c0c;color:#fff;padding:12px 0;border-bottom:10px solid #1d70b8}
.govuk-header__content{font-weight:700;font-size:1.2rem}
.govuk-width-container{max-width:1100px;margin:0 auto;padding:0 15px}
.govuk-main-wrapper{padding:30px 0 60px}
.govuk-caption-xl{display:block;color:#505a5f;font-size:1.4rem;margin-bottom:5px}
.govuk-heading-xl{font-size:2.4rem;margin:0 0 30px}.govuk-heading-l{font-size:1.8rem;margin:45px 0 20px}
.govuk-heading-m{font-size:1.3rem;margin:30px 0 15px}.govuk-body,.govuk-list{font-size:1.1rem;margin:0 0 15px}
.govuk-body-s{font-size:.95rem;color:#505a5f;margin:0 0 10px}
.govuk-list>li{margin-bottom:8px}.govuk-list--bullet{padding-left:20px;list-style:disc}.govuk-list--number{padding-left:20px;list-style:decimal}
.govuk-link{color:#1d70b8}.govuk-link:focus{outline:3px solid #fd0;background:#fd0;color:#0b0c0c}
.govuk-summary-list{display:table;width:100%;margin:0 0 30px;border-collapse:collapse}
.govuk-summary-list__row{display:table-row}.govuk-summary-list__key,.govuk-summary-list__value{display:table-cell;padding:10px 20px 10px 0;border-bottom:1px solid #b1b4b6}
.govuk-summary-list__key{font-weight:700;width:30%}
.govuk-table{width:100%;border-collapse:collapse;margin:0 0 20px;font-size:1rem}
.govuk-table__caption{font-weight:700;text-align:left;font-size:1.15rem;padding-bottom:10px}
.govuk-table__header,.govuk-table__cell{padding:8px 16px 8px 0;border-bottom:1px solid #b1b4b6;text-align:left;vertical-align:top}
.govuk-table__header{font-weight:700}.app-table__header--period{white-space:nowrap}.govuk-table__header--numeric,.govuk-table__cell--numeric{text-align:right}
.govuk-table__row--total .govuk-table__header,.govuk-table__row--total .govuk-table__cell{font-weight:700;border-top:2px solid #0b0c0c}
.app-table-wrapper{overflow-x:auto;margin-bottom:10px;position:relative}.app-table-wrapper:focus{outline:3px solid #fd0;box-shadow:inset 0 0 0 2px #0b0c0c}
.app-chart{display:flex;flex-wrap:wrap;gap:30px;align-items:flex-start;margin:0 0 30px}
.app-chart__picture{flex:1 1 480px;max-width:720px}.app-chart__picture svg{width:100%;height:auto}
.app-chart__data{flex:1 1 480px;min-width:0}
.govuk-inset-text{border-left:10px solid #b1b4b6;padding:15px;margin:0 0 20px}
@media print{.govuk-header{background:none;color:#0b0c0c}.govuk-skip-link{display:none}.govuk-heading-l{break-before:page}table,figure{break-inside:avoid}}
`;

/**
 * The box a wide table scrolls in on a narrow screen: a named region that takes keyboard focus, so someone
 * without a mouse can scroll it too (WCAG 2.1.1). Named as a table, so it never has the name of the section
 * around it (a table captioned as its section would make two landmarks of one name).
 */
function scrollBox(caption: string): string {
  return `<div class="app-table-wrapper" role="region" aria-label="${escapeHtml(`Table: ${caption}`)}" tabindex="0">`;
}

/** How the web application's page shows the report; the standalone file takes none of it. */
export interface HtmlContentOptions {
  /**
   * Where a count above zero leads (the children behind it), or null to show it plain. Asked only of counts; the
   * column is the cell's index in the row, the row's label being 0.
   */
  cellHref?: (table: ReportTable, row: TableRow, columnIndex: number) => string | null;
}

/** The id of a count's link, made from where it leads, so the page it leads to can link back to the count. */
export function figureLinkId(href: string): string {
  return `figure-${Buffer.from(href).toString('base64url')}`;
}

/** A count as a link to what is behind it, named for someone who hears the link alone. */
function figureHtml(cell: Cell, table: ReportTable, row: TableRow, i: number, options: HtmlContentOptions): string {
  const text = escapeHtml(formatCell(cell));
  const href = cell.type === 'count' && cell.value > 0 ? (options.cellHref?.(table, row, i) ?? null) : null;
  if (href === null) return text;
  const names = `${formatCell(row.cells[0])}, ${table.columns[i]?.label ?? ''}`;
  return `<a class="govuk-link" id="${figureLinkId(href)}" href="${escapeHtml(href)}">${text}<span class="govuk-visually-hidden">, the list behind this figure: ${escapeHtml(names)}</span></a>`;
}

function tableHtml(table: ReportTable, options: HtmlContentOptions): string {
  const head = table.columns
    .map(
      (c, i) =>
        `<th scope="col" class="govuk-table__header${isNumericColumn(table, i) ? ' govuk-table__header--numeric' : ''}${c.key.startsWith('period:') ? ' app-table__header--period' : ''}">${escapeHtml(c.label)}</th>`,
    )
    .join('');
  const rowHtml = (r: TableRow, total: boolean) =>
    `<tr class="govuk-table__row${total ? ' govuk-table__row--total' : ''}">` +
    r.cells
      .map((cell, i) =>
        i === 0
          ? `<th scope="row" class="govuk-table__header">${escapeHtml(formatCell(cell))}</th>`
          : `<td class="govuk-table__cell${isNumericCell(cell) ? ' govuk-table__cell--numeric' : ''}">${figureHtml(cell, table, r, i, options)}</td>`,
      )
      .join('') +
    '</tr>';
  const body = table.rows.length
    ? table.rows.map((r) => rowHtml(r, false)).join('\n')
    : `<tr class="govuk-table__row"><td class="govuk-table__cell" colspan="${table.columns.length}">None</td></tr>`;
  const foot = table.totals.length ? `<tfoot class="govuk-table__foot">${table.totals.map((r) => rowHtml(r, true)).join('\n')}</tfoot>` : '';
  const notes = table.notes.map((n) => `<p class="govuk-body-s">${escapeHtml(n)}</p>`).join('\n');
  return (
    `${scrollBox(table.caption)}<table class="govuk-table" id="table-${escapeHtml(table.id)}">` +
    `<caption class="govuk-table__caption govuk-table__caption--m">${escapeHtml(table.caption)}</caption>` +
    `<thead class="govuk-table__head"><tr class="govuk-table__row">${head}</tr></thead>` +
    `<tbody class="govuk-table__body">\n${body}\n</tbody>${foot}</table></div>\n${notes}`
  );
}

function chartHtml(chart: ReportChart, table: ReportTable | undefined, options: HtmlContentOptions): string {
  return (
    `<figure class="app-chart" aria-labelledby="${chartDomId(chart)}-caption">` +
    `<div class="app-chart__picture">${renderChartSvg(chart)}` +
    `<figcaption class="govuk-body-s" id="${chartDomId(chart)}-caption">${escapeHtml(chart.title)}. The figures are in the table next to or below the chart.</figcaption></div>` +
    `<div class="app-chart__data">${table ? tableHtml(table, options) : ''}</div></figure>`
  );
}

function sectionHtml(section: ReportSection, narrative: ReportNarrative | null, options: HtmlContentOptions): string {
  const headingId = `section-${section.id}-heading`;
  const commentary = paragraphs(narrative?.sectionCommentary?.[section.id]).map((p) => `<p class="govuk-body">${escapeHtml(p)}</p>`).join('\n');
  const summary = section.summary.length
    ? `<ul class="govuk-list govuk-list--bullet">${section.summary.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>`
    : '';
  // Tables in the section's order, each charted one with its chart beside it (a chart's table is not always
  // the section's first: the reviews by month follow the reviews held in the year).
  const body = sectionParts(section)
    .map((part) => (part.chart ? chartHtml(part.chart, part.table, options) : tableHtml(part.table!, options)))
    .join('\n');
  return `<section id="section-${escapeHtml(section.id)}" aria-labelledby="${headingId}">\n<h2 class="govuk-heading-l" id="${headingId}">${escapeHtml(section.title)}</h2>\n${commentary}\n${summary}\n${body}\n</section>`;
}

function simpleTable(caption: string, headers: string[], rows: string[][]): string {
  return (
    `${scrollBox(caption)}<table class="govuk-table"><caption class="govuk-table__caption govuk-table__caption--m">${escapeHtml(caption)}</caption>` +
    `<thead class="govuk-table__head"><tr class="govuk-table__row">${headers.map((h) => `<th scope="col" class="govuk-table__header">${escapeHtml(h)}</th>`).join('')}</tr></thead>` +
    `<tbody class="govuk-table__body">${rows
      .map((r) => `<tr class="govuk-table__row">${r.map((c, i) => (i === 0 ? `<th scope="row" class="govuk-table__header">${escapeHtml(c)}</th>` : `<td class="govuk-table__cell">${escapeHtml(c)}</td>`)).join('')}</tr>`)
      .join('\n')}</tbody></table></div>`
  );
}

/**
 * The report below its title: the reporting details, contents, narrative, sections and action plan, with
 * headings from level 2. The standalone page puts its own title above it; the web application shows it in
 * its own page, with the real GOV.UK stylesheet.
 */
export function renderHtmlContent(model: ReportModel, options: HtmlContentOptions = {}): string {
  const n = model.narrative;
  const details: [string, string][] = [
    ['Reporting period', `${formatUkDate(model.period.from)} to ${formatUkDate(model.period.to)} (${model.period.label})`],
    ...(snapshotLine(model) ? [['Version', snapshotLine(model)!] as [string, string]] : []),
    ...(n?.reportTo ? [['Report to', n.reportTo] as [string, string]] : []),
    ...(n?.author ? [['Report author', n.author] as [string, string]] : []),
    ...(n?.dateOfReport ? [['Date of report', formatUkDate(n.dateOfReport)] as [string, string]] : []),
  ];
  const parts: { id: string; title: string; html: string }[] = [];
  const summaryText = paragraphs(n?.executiveSummary);
  if (summaryText.length) {
    parts.push({ id: 'executive-summary', title: 'Executive summary', html: summaryText.map((p) => `<p class="govuk-body">${escapeHtml(p)}</p>`).join('\n') });
  }
  if (n?.previousPriorities?.length) {
    parts.push({
      id: 'previous-priorities',
      title: 'Updates on the last report’s priorities',
      html: simpleTable('Priorities set in the last report, with updates', ['Priority', 'Update'], n.previousPriorities.map((p) => [p.priority, p.update])),
    });
  }
  const sections = model.sections.map((s) => ({ id: `section-${s.id}`, title: s.title, html: sectionHtml(s, n, options) }));
  const appendix = n?.actionPlan?.length
    ? [
        {
          id: 'action-plan',
          title: 'Appendix 1: Action plan',
          html: simpleTable(
            'Action plan for the year ahead',
            ['Priority', 'Area for development', 'Outcome for children', 'Lead', 'Timescale'],
            n.actionPlan.map((a) => [a.priority, a.areaForDevelopment, a.outcomeForChildren, a.lead, a.timescale]),
          ),
        },
      ]
    : [];
  const narrativeHtml = (p: { id: string; title: string; html: string }) =>
    `<section id="${p.id}" aria-labelledby="${p.id}-heading">\n<h2 class="govuk-heading-l" id="${p.id}-heading">${escapeHtml(p.title)}</h2>\n${p.html}\n</section>`;
  const all = [...parts, ...sections, ...appendix];
  const contents = `<nav aria-labelledby="contents-heading"><h2 class="govuk-heading-m" id="contents-heading">Contents</h2><ol class="govuk-list govuk-list--number">${all
    .map((p) => `<li><a class="govuk-link" href="#${escapeHtml(p.id)}">${escapeHtml(p.title)}</a></li>`)
    .join('')}</ol></nav>`;
  return `<dl class="govuk-summary-list">${details
    .map(([k, v]) => `<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">${escapeHtml(k)}</dt><dd class="govuk-summary-list__value">${escapeHtml(v)}</dd></div>`)
    .join('')}</dl>
${contents}
${parts.map(narrativeHtml).join('\n')}
${sections.map((s) => s.html).join('\n')}
${appendix.map(narrativeHtml).join('\n')}`;
}

export function renderHtml(model: ReportModel): string {
  const title = documentTitle(model);
  return `<!DOCTYPE html>
<html lang="en-GB" class="govuk-template">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${title} – ${model.authorityName}`)}</title>
<style>${STYLES}</style>
</head>
<body class="govuk-template__body">
<a href="#main-content" class="govuk-skip-link">Skip to main content</a>
<header class="govuk-header" role="banner"><div class="govuk-width-container"><div class="govuk-header__content">${escapeHtml(model.authorityName)}</div></div></header>
<div class="govuk-width-container">
<main class="govuk-main-wrapper" id="main-content" role="main">
<span class="govuk-caption-xl">${escapeHtml(model.authorityName)}</span>
<h1 class="govuk-heading-xl">${escapeHtml(title)}</h1>
${renderHtmlContent(model)}
</main>
</div>
</body>
</html>
`;
}
