// The IRO report: what it is built from (input), its figures (buildReportModel) and its files (renderReport).
// The command line and the web application use only what is exported here.

export * from './input.ts';
export { STANDARD_SECTIONS, buildReportModel, createReportContext, type BuildOptions, type ReportContext, type SectionBuilder } from './model.ts';
export type * from './model/types.ts';
export { REPORT_FORMATS, REPORT_FORMAT_DETAILS, isReportFormat, renderReport, type RenderOptions, type ReportFormat } from './render.ts';
export { renderChartSvg } from './render/charts.ts';
export { figureLinkId, renderHtmlContent, type HtmlContentOptions } from './render/html.ts';
export { buildFigure, figureListPage, figureRows, type Figure, type FigureHeading, type FigureListPage, type FigureRef, type FigureRow } from './figure.ts';
export { formatGeneratedAt } from './render/format.ts';
export { reportSummary } from './render/json.ts';
export { CHILDREN_WITHHELD_NOTE, withoutChildIdentifiers, withoutChildLists } from './model/cells.ts';
export { periodLabel, wholeMonths } from './model/periods.ts';
export { DATA_QUALITY_KINDS, dataQualityIssues, type DataQualityIssue, type DataQualityKind } from './model/sections/data-quality.ts';
export { REVIEW_TIMELINESS_COLUMNS, reviewTimelinessRows, type ReviewTimelinessRow } from './review-timeliness.ts';
