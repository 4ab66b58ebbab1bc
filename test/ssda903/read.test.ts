// Reading returns: tables recognised by their header row, every structural problem reported with its file,
// row (as a spreadsheet numbers it), column and value, both codings of SEX, and the public fake files.

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectionYearContaining, parseCollectionYear } from '../../src/ssda903/collection-year.ts';
import { codesFor, placementTypeProblem, sexForReturn, sexFromReturn } from '../../src/ssda903/code-lists.ts';
import { findReturns } from '../../src/ssda903/csv-source.ts';
import { Ssda903Error, describeProblem } from '../../src/ssda903/errors.ts';
import { loadReturn } from '../../src/ssda903/read.ts';
import { EPISODE_COLUMNS, HEADER_COLUMNS, referenceDir, removeDir, REVIEW_COLUMNS, tempDir, UASC_COLUMNS, writeCsv } from './support.ts';

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => removeDir(dir));

const HEADER = ['C1', 'F', '14/03/2012', 'WBRI', 'A123456789012', '0', ''];
const EPISODE = ['C1', '01/05/2024', 'S', 'C2', 'N1', 'U4', 'PR1', '', '', '', 'NG1 1AA', 'NG2 2BB', 'SC123456'];
const REVIEW = ['C1', '14/03/2012', '29/05/2024', 'PN1'];

async function load(files: string[], year?: string) {
  return loadReturn({ label: dir, files }, year ? { year: parseCollectionYear(year) } : {});
}

describe('recognising tables', () => {
  it('knows a table by its columns, whatever the file is called and in whatever order the columns come', async () => {
    const a = writeCsv(dir, 'extract_1.csv', [...HEADER_COLUMNS].reverse().map((c) => c.toLowerCase()), [[...HEADER].reverse()]);
    const b = writeCsv(dir, 'extract_2.csv', EPISODE_COLUMNS, [EPISODE]);
    const c = path.join(dir, 'extract_3.csv');
    fs.writeFileSync(c, `\uFEFF${REVIEW_COLUMNS.join(',')}\n${REVIEW.join(',')}\n`);
    const loaded = await load([a, b, c]);
    expect(loaded.files.map((f) => f.table)).toEqual(['Header', 'Episodes', 'Reviews']);
    expect(loaded.header[0]).toMatchObject({ CHILD: 'C1', SEX: 'F', DOB: '2012-03-14', line: 2 });
    expect(loaded.problems).toEqual([]);
  });

  it('names the missing column of a table it recognises, and a file that is no table', async () => {
    const a = writeCsv(dir, 'episodes.csv', EPISODE_COLUMNS.filter((c) => c !== 'URN'), [EPISODE.slice(0, 12)]);
    const b = writeCsv(dir, 'notes.csv', ['NAME', 'NOTE'], [['x', 'y']]);
    const h = writeCsv(dir, 'header.csv', HEADER_COLUMNS, [HEADER]);
    const loaded = await load([a, b, h]);
    expect(loaded.problems).toEqual([
      expect.objectContaining({ code: 'MISSING_COLUMN', file: a, row: 1, column: 'URN', severity: 'error' }),
      expect.objectContaining({ code: 'UNKNOWN_TABLE', file: b, row: 1, severity: 'error' }),
    ]);
  });

  it('recognises the other tables, SWEpisodes with or without DOB', async () => {
    const a = writeCsv(dir, 'sw.csv', ['CHILD', 'SW_ID', 'SW_DECOM', 'SW_DEC', 'SW_REASON'], [['C1', 'SW1', '01/05/2024', '', '']]);
    const b = writeCsv(dir, 'sw2.csv', ['CHILD', 'DOB', 'SW_ID', 'SW_DECOM', 'SW_DEC', 'SW_REASON'], [['C1', '14/03/2012', 'SW1', '01/05/2024', '', '']]);
    const c = writeCsv(dir, 'oc3.csv', ['CHILD', 'DOB', 'IN_TOUCH', 'ACTIV', 'ACCOM'], [['C1', '14/03/2012', 'YES', 'F1', 'B1']]);
    const e = writeCsv(dir, 'e.csv', EPISODE_COLUMNS, [EPISODE]);
    const loaded = await load([a, b, c, e]);
    expect(loaded.files.map((f) => f.table)).toEqual(['SWEpisodes', 'SWEpisodes', 'OC3', 'Episodes']);
    expect(loaded.otherChildren.get('OC3')).toEqual(new Set(['C1']));
  });
});

describe('structural problems', () => {
  it('reports every bad date and unknown code, at the line a spreadsheet shows, with column and value', async () => {
    const h = writeCsv(dir, 'header.csv', HEADER_COLUMNS, [HEADER, ['C2', 'X', '31/02/2012', 'WBRI', '', '', '']]);
    // A quoted field with a line break and a blank line: the rows after them keep their true line numbers.
    const e = path.join(dir, 'episodes.csv');
    fs.writeFileSync(
      e,
      [EPISODE_COLUMNS.join(','), EPISODE.join(','), '', `C2,01/05/2024,S,C2,N1,U4,PR1,,,,"NG1\n1AA",NG2 2BB,SC1`, `C2,2024-06-01,Q,C2,N1,ZZ,PR1,,,,,,`].join('\n') + '\n',
    );
    const loaded = await load([h, e], '2024-25');
    const described = loaded.problems.map((p) => [p.code, path.basename(p.file), p.row, p.column, p.value]);
    expect(described).toEqual([
      ['BAD_DATE', 'header.csv', 3, 'DOB', '31/02/2012'],
      ['BAD_DATE', 'episodes.csv', 6, 'DECOM', '2024-06-01'],
      ['UNKNOWN_CODE', 'header.csv', 3, 'SEX', 'X'],
      ['UNKNOWN_CODE', 'episodes.csv', 6, 'RNE', 'Q'],
      ['UNKNOWN_CODE', 'episodes.csv', 6, 'PLACE', 'ZZ'],
    ]);
    expect(describeProblem(loaded.problems[0]!)).toBe(`${h} row 3, DOB "31/02/2012": not a real date in the form dd/mm/yyyy`);
  });

  it('reports rows for children not in Header, blanks the register needs, and short rows', async () => {
    const h = writeCsv(dir, 'header.csv', HEADER_COLUMNS, [HEADER]);
    const e = writeCsv(dir, 'episodes.csv', EPISODE_COLUMNS, [EPISODE, ['C9', ...EPISODE.slice(1)], ['C1', '', ...EPISODE.slice(2)], ['C1', '01/06/2024']]);
    const r = writeCsv(dir, 'reviews.csv', REVIEW_COLUMNS, [REVIEW, ['C8', ...REVIEW.slice(1)]]);
    const loaded = await load([h, e, r]);
    expect(loaded.problems.map((p) => [p.code, path.basename(p.file), p.row, p.column])).toEqual([
      ['BLANK_REQUIRED', 'episodes.csv', 4, 'DECOM'],
      ['WRONG_FIELD_COUNT', 'episodes.csv', 5, null],
      ['CHILD_NOT_IN_HEADER', 'episodes.csv', 3, 'CHILD'],
      ['CHILD_NOT_IN_HEADER', 'reviews.csv', 3, 'CHILD'],
    ]);
  });

  it('reads SEX as 1/2 up to 2023-24 and M/F/U from 2024-25, and refuses the other coding', async () => {
    const h = writeCsv(dir, 'header.csv', HEADER_COLUMNS, [['C1', '1', ...HEADER.slice(2)], ['C2', 'F', ...HEADER.slice(2)]]);
    const e = writeCsv(dir, 'episodes.csv', EPISODE_COLUMNS, [['C1', '01/05/2023', ...EPISODE.slice(2)], ['C2', '01/05/2023', ...EPISODE.slice(2)]]);
    const old = await load([h, e], '2023-24');
    expect(old.problems.map((p) => [p.row, p.value, p.reason])).toEqual([[3, 'F', 'SEX in a 2023-24 return is 1 (male) or 2 (female)']]);
    const current = await load([h, e], '2024-25');
    expect(current.problems.map((p) => [p.row, p.value])).toEqual([[2, '1']]);
  });

  it('reports a path that does not exist, a UTF-16 file and an empty file, and goes on with the rest', async () => {
    const utf16 = path.join(dir, 'utf16.csv');
    fs.writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('CHILD,SEX\n', 'utf16le')]));
    const empty = path.join(dir, 'empty.csv');
    fs.writeFileSync(empty, '');
    const e = writeCsv(dir, 'episodes.csv', EPISODE_COLUMNS, [EPISODE]);
    const loaded = await load([path.join(dir, 'missing.csv'), utf16, empty, e]);
    expect(loaded.problems.map((p) => [p.code, p.severity, p.reason])).toEqual([
      ['UNREADABLE_FILE', 'error', 'no such file or folder'],
      ['NOT_CSV', 'error', 'the file is UTF-16, not a CSV text file in UTF-8: save it as "CSV UTF-8" and try again'],
      ['EMPTY_FILE', 'warning', 'the file is empty'],
    ]);
    expect(loaded.episodes).toHaveLength(1);
  });

  it('reports a broken quote as a CSV syntax problem at its line', async () => {
    const e = path.join(dir, 'episodes.csv');
    fs.writeFileSync(e, `${EPISODE_COLUMNS.join(',')}\n${EPISODE.join(',')}\n"C2"x,01/05/2024,S,C2,N1,U4,PR1,,,,,,\n`);
    const loaded = await load([e]);
    expect(loaded.problems).toEqual([expect.objectContaining({ code: 'CSV_SYNTAX', row: 3 })]);
  });

  it('works out the collection year from the latest date, or says it cannot', async () => {
    const e = writeCsv(dir, 'episodes.csv', EPISODE_COLUMNS, [['C1', '01/05/2023', 'S', 'C2', 'N1', 'U4', 'PR1', '31/03/2024', 'E4A', '', '', '', '']]);
    const r = writeCsv(dir, 'reviews.csv', REVIEW_COLUMNS, [['C1', '14/03/2012', '02/04/2024', 'PN1']]);
    expect((await load([e])).year.label).toBe('2023-24');
    const both = await load([e, r]);
    expect([both.year.label, both.yearInferredFrom]).toEqual(['2024-25', '2024-04-02']);
    const h = writeCsv(dir, 'header.csv', HEADER_COLUMNS, [HEADER]);
    await expect(load([h])).rejects.toMatchObject({ code: 'SSDA903_YEAR_UNKNOWN' });
    await expect(load([h])).rejects.toBeInstanceOf(Ssda903Error);
  });
});

describe('finding returns', () => {
  it('takes each folder as a return, sub-folders as more returns, and named files as one', async () => {
    fs.mkdirSync(path.join(dir, '2022-23'));
    fs.mkdirSync(path.join(dir, '2023-24'));
    writeCsv(path.join(dir, '2022-23'), 'header.csv', HEADER_COLUMNS, [HEADER]);
    writeCsv(path.join(dir, '2023-24'), 'header.csv', HEADER_COLUMNS, [HEADER]);
    fs.writeFileSync(path.join(dir, '2023-24', 'readme.txt'), 'not a table');
    const single = writeCsv(dir, 'uasc.csv', UASC_COLUMNS, [['C1', 'F', '14/03/2012', '']]);
    const { returns, problems } = await findReturns([single, path.join(dir, '2022-23'), path.join(dir, '2023-24'), path.join(dir, 'nowhere')]);
    expect(returns.map((r) => [path.basename(r.label), r.files.map((f) => path.basename(f))])).toEqual([
      ['files named', ['uasc.csv']],
      ['2022-23', ['header.csv']],
      ['2023-24', ['header.csv']],
    ]);
    expect(problems).toEqual([expect.objectContaining({ code: 'UNREADABLE_FILE', file: path.join(dir, 'nowhere') })]);
  });
});

describe('code lists by collection year', () => {
  const y = (label: string) => parseCollectionYear(label);
  it('follows the dated changes to placement types and SEX', () => {
    expect(codesFor('PLACE', y('2023-24')).has('H5')).toBe(true);
    expect(codesFor('PLACE', y('2024-25')).has('H5')).toBe(false);
    expect(codesFor('PLACE', y('2024-25')).has('K3')).toBe(true);
    expect(codesFor('PLACE', y('2025-26')).has('Z1')).toBe(false);
    expect(codesFor('PLACE', y('2025-26')).has('Z14')).toBe(true);
    expect(placementTypeProblem('P2', '2023-10-28', y('2023-24'))).toBeNull();
    expect(placementTypeProblem('P2', '2023-10-29', y('2023-24'))).toMatch(/28 October 2023/);
    expect(placementTypeProblem('P2', null, y('2022-23'))).toBeNull();
    expect([sexFromReturn('1', y('2023-24')), sexFromReturn('2', y('2023-24')), sexFromReturn('U', y('2024-25'))]).toEqual(['M', 'F', 'U']);
    expect([sexForReturn('F', y('2023-24')), sexForReturn('U', y('2023-24')), sexForReturn('U', y('2024-25'))]).toEqual(['2', '', 'U']);
  });

  it('reads and refuses collection years', () => {
    expect(parseCollectionYear('2024-25')).toEqual({ label: '2024-25', startYear: 2024, start: '2024-04-01', end: '2025-03-31' });
    expect(parseCollectionYear('2024/2025').label).toBe('2024-25');
    expect(parseCollectionYear('1999-00').end).toBe('2000-03-31');
    expect(() => parseCollectionYear('2024-26')).toThrow(/not a collection year/);
    expect(collectionYearContaining('2025-03-31').label).toBe('2024-25');
    expect(collectionYearContaining('2025-04-01').label).toBe('2025-26');
  });
});

describe('the public fake files (random codes and dates)', () => {
  it('reads them all without crashing and says what is wrong with each, by file, row, column and reason', async () => {
    const { returns } = await findReturns([path.join(referenceDir, 'fake-data-format-only')]);
    expect(returns).toHaveLength(1);
    const loaded = await loadReturn(returns[0]!, { year: parseCollectionYear('2017-18') });
    expect(loaded.files.map((f) => f.table).sort()).toEqual(['AD1', 'Episodes', 'Header', 'Missing', 'OC2', 'OC3', 'PlacedAdoption', 'PrevPerm', 'Reviews', 'UASC']);
    expect(loaded.header.length).toBeGreaterThan(1000);
    expect(loaded.problems.length).toBeGreaterThan(0);
    for (const p of loaded.problems) {
      expect(p.file.startsWith(referenceDir)).toBe(true);
      expect(p.row === null || p.row >= 1).toBe(true);
      expect(p.reason).not.toBe('');
    }
    // Their placement for adoption table has a reason code the schema does not list.
    expect(loaded.problems).toContainEqual(expect.objectContaining({ code: 'UNKNOWN_CODE', column: 'REASON_PLACED_CEASED', value: 'XXX', row: 2, severity: 'warning' }));
  });
});
