// Turning the report model into a file: HTML (a standalone page), Word, Excel or JSON. The `iro report`
// command and the web application both call renderReport(); the model is built once by buildReportModel().

import type { ReportModel } from './model/types.ts';
import { renderDocx } from './render/docx.ts';
import { renderHtml } from './render/html.ts';
import { renderJsonBuffer, reportJson } from './render/json.ts';
import { renderXlsx } from './render/xlsx.ts';
import { withoutChildLists } from './model/cells.ts';

export const REPORT_FORMATS = ['html', 'docx', 'xlsx', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What each format is, for a download's headers and a file's name. */
export const REPORT_FORMAT_DETAILS: Record<ReportFormat, { contentType: string; extension: string }> = {
  html: { contentType: 'text/html; charset=utf-8', extension: 'html' },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  json: { contentType: 'application/json; charset=utf-8', extension: 'json' },
};

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

export interface RenderOptions {
  /**
   * JSON only: write the children (and the reviews or other records) behind every count. Off by default: the
   * lists repeat every child in every table and period, which is tens of megabytes for one authority and more
   * than a gigabyte for a national-sized register; the figures are the same either way.
   */
  withChildren?: boolean;
}

/**
 * HTML comes back as text; JSON, Word and Excel as bytes (a national-sized register gives more JSON than the
 * longest string JavaScript can hold). The JSON file is the model with its headline figures beside it.
 */
export async function renderReport(model: ReportModel, format: ReportFormat, options: RenderOptions = {}): Promise<Buffer | string> {
  switch (format) {
    case 'html':
      return renderHtml(model);
    case 'json':
      return renderJsonBuffer(reportJson(options.withChildren === true ? model : withoutChildLists(model)));
    case 'docx':
      return renderDocx(model);
    case 'xlsx':
      return renderXlsx(model);
  }
}
