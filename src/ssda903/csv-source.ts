// Finding the files of a return and streaming their rows. A file is read a record at a time (csv-parse with
// back-pressure), so a return of any size is read in constant memory; each record carries the line number a
// person sees when opening the file, so every problem can be found in a spreadsheet.

import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse';
import type { StructuralProblem } from './errors.ts';

/** The files of one return: a folder's CSV files, or the files named together. */
export interface ReturnSource {
  /** The folder, or "files named" when files were given one by one. */
  label: string;
  files: string[];
}

export interface CsvRecord {
  /** Line of the record's first character, 1-based; the header is line 1 in a file without blank lines above it. */
  line: number;
  fields: string[];
  /** Bytes of the file read so far, for a progress bar. */
  bytes: number;
}

const isCsvName = (name: string) => name.toLowerCase().endsWith('.csv');

/**
 * Groups paths into returns: each folder's CSV files are one return (its sub-folders, each another), and the
 * files named directly are one return between them. Paths that cannot be read are problems, not exceptions.
 */
export async function findReturns(paths: readonly string[]): Promise<{ returns: ReturnSource[]; problems: StructuralProblem[] }> {
  const returns: ReturnSource[] = [];
  const problems: StructuralProblem[] = [];
  const named: string[] = [];
  const visitFolder = async (folder: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    const files = entries.filter((e) => e.isFile() && isCsvName(e.name)).map((e) => path.join(folder, e.name));
    if (files.length > 0) returns.push({ label: folder, files });
    for (const entry of entries) if (entry.isDirectory()) await visitFolder(path.join(folder, entry.name));
  };
  for (const p of paths) {
    try {
      const info = await stat(p);
      if (info.isDirectory()) await visitFolder(p);
      else named.push(p);
    } catch (error) {
      problems.push(unreadable(p, error));
    }
  }
  if (named.length > 0) returns.unshift({ label: 'files named', files: named });
  return { returns, problems };
}

export function unreadable(file: string, error: unknown): StructuralProblem {
  const code = error && typeof error === 'object' && 'code' in error ? String(error.code) : '';
  const reason =
    code === 'ENOENT' ? 'no such file or folder'
    : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'EISDIR' ? 'is a folder, not a file'
    : 'the file could not be read';
  return { code: 'UNREADABLE_FILE', severity: 'error', file, row: null, column: null, value: null, reason };
}

/** Text encodings a case system may save a CSV in that are not UTF-8; they are named so the user can re-save. */
async function sniffEncoding(file: string): Promise<string | null> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    if (bytesRead >= 2 && ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff))) return 'UTF-16';
    if (bytesRead >= 4 && buffer[0] === 0x50 && buffer[1] === 0x4b && buffer[2] === 0x03 && buffer[3] === 0x04) return 'a spreadsheet (xlsx)';
    return null;
  } finally {
    await handle.close();
  }
}

const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * The records of a CSV file, header included. Syntax errors (an unclosed quote, say) are reported through
 * `report` and the reading goes on where csv-parse can; a file that cannot be opened yields nothing.
 */
export async function* readCsvRecords(file: string, report: (problem: StructuralProblem) => void): AsyncGenerator<CsvRecord> {
  let encoding: string | null;
  try {
    encoding = await sniffEncoding(file);
  } catch (error) {
    report(unreadable(file, error));
    return;
  }
  if (encoding) {
    report({
      code: 'NOT_CSV', severity: 'error', file, row: null, column: null, value: null,
      reason: `the file is ${encoding}, not a CSV text file in UTF-8: save it as "CSV UTF-8" and try again`,
    });
    return;
  }
  let syntaxReported = false;
  const input = createReadStream(file);
  const parser = input.pipe(
    parse({
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      // After a broken quote csv-parse cannot find where records start again, so the errors that follow
      // the first are its echoes: one problem per file, saying the rest may be missing.
      on_skip: (error) => {
        if (syntaxReported) return undefined;
        syntaxReported = true;
        const detail = error ? ` (${error.message.replace(/^.*?: /, '').replace(/ at line \d+.*$/, '')})` : '';
        report({
          code: 'CSV_SYNTAX', severity: 'error', file, row: typeof error?.lines === 'number' ? error.lines : null, column: null, value: null,
          reason: `the CSV cannot be read here${detail}: rows after this line may be missing`,
        });
        return undefined;
      },
    }),
  );
  // pipe() does not pass a read error on; without this the parser would wait for ever.
  input.on('error', (error) => parser.destroy(error));
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number; bytes: number } }>) {
      // info.lines is the line the record ends on; a quoted field may hold line breaks of its own.
      let breaks = 0;
      for (const field of item.record) breaks += field.match(LINE_BREAK)?.length ?? 0;
      yield { line: item.info.lines - breaks, fields: item.record, bytes: item.info.bytes };
    }
  } catch (error) {
    report(unreadable(file, error));
  } finally {
    input.destroy();
  }
}
