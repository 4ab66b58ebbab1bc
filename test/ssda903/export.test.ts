// Writing a year's return from the register's records: what goes in a year, how it is coded that year, and
// that no cell can run as a spreadsheet formula.

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChildRecord } from '../../src/domain/register.ts';
import { parseCollectionYear } from '../../src/ssda903/collection-year.ts';
import { findReturns } from '../../src/ssda903/csv-source.ts';
import { childReturnRows, writeReturn } from '../../src/ssda903/export.ts';
import { loadReturn } from '../../src/ssda903/read.ts';
import { recordsFromReturn } from '../../src/ssda903/to-register.ts';
import { buildChild, buildEpisode, buildReview } from '../support/builders.ts';
import { removeDir, tempDir } from './support.ts';

const y2324 = parseCollectionYear('2023-24');
const y2425 = parseCollectionYear('2024-25');

function record(overrides: Partial<ChildRecord> = {}): ChildRecord {
  return { child: buildChild(), episodes: [buildEpisode()], allocations: [], reviews: [buildReview({ childId: 'C0001' })], ...overrides };
}

describe('a child in a year', () => {
  it('is in the return only when looked after in the year', () => {
    expect(childReturnRows(record({ episodes: [buildEpisode({ start: '2021-05-01', end: '2023-03-31', reasonCeased: 'E4A' })] }), y2324)).toBeNull();
    expect(childReturnRows(record({ episodes: [buildEpisode({ start: '2024-04-01' })] }), y2324)).toBeNull();
    expect(childReturnRows(record({ episodes: [buildEpisode({ start: '2021-05-01', end: '2023-04-01', reasonCeased: 'E4A' })] }), y2324)).not.toBeNull();
  });

  it('writes an episode that ended after 31 March as still open, and only the reviews held in the year', () => {
    const rows = childReturnRows(
      record({
        episodes: [
          buildEpisode({ start: '2022-01-10', end: '2023-02-01', reasonCeased: 'X1', reasonPlacementChange: 'CARPL' }),
          buildEpisode({ start: '2023-02-01', reasonNewEpisode: 'P', end: '2024-05-01', reasonCeased: 'X1', reasonPlacementChange: 'CHILD' }),
        ],
        reviews: [buildReview({ childId: 'C0001', heldDate: '2023-03-31' }), buildReview({ childId: 'C0001', heldDate: '2023-04-01', participationCode: 'PN6' }), buildReview({ childId: 'C0001', heldDate: null, status: 'booked', bookedDate: '2023-06-01' })],
      }),
      y2324,
    )!;
    expect(rows.Episodes).toEqual([expect.objectContaining({ DECOM: '01/02/2023', RNE: 'P', DEC: '', REC: '', REASON_PLACE_CHANGE: '' })]);
    expect(rows.Reviews).toEqual([{ CHILD: 'C0001', DOB: '14/03/2012', REVIEW: '01/04/2023', REVIEW_CODE: 'PN6' }]);
  });

  it('codes SEX as the year does: 1/2 up to 2023-24 (unknown left blank), M/F/U from 2024-25', () => {
    expect(childReturnRows(record(), y2324)!.Header.SEX).toBe('2');
    expect(childReturnRows(record({ child: buildChild({ sex: 'U' }) }), y2324)!.Header.SEX).toBe('');
    expect(childReturnRows(record({ child: buildChild({ sex: 'U' }) }), y2425)!.Header.SEX).toBe('U');
  });

  it("follows the return's conventions for short breaks, UASC and supported accommodation", () => {
    const shortBreaks = childReturnRows(record({ episodes: [buildEpisode({ legalStatus: 'V4' })] }), y2324)!;
    expect(shortBreaks.Episodes[0]).toMatchObject({ HOME_POST: '', PL_POST: '', URN: '' });
    expect(shortBreaks.Reviews).toEqual([]);
    const uasc = childReturnRows(record({ child: buildChild({ uasc: true, uascCeasedDate: '2024-06-01' }) }), y2324)!;
    expect(uasc.UASC).toEqual([{ CHILD: 'C0001', SEX: '2', DOB: '14/03/2012', DUC: '' }]);
    const h5 = record({ episodes: [buildEpisode({ placementType: 'H5', start: '2023-06-01' })] });
    expect(childReturnRows(h5, y2324)!.Episodes[0]!.PLACE).toBe('H5');
    expect(childReturnRows(h5, y2425)!.Episodes[0]!.PLACE).toBe('K3');
  });
});

describe('the files', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => removeDir(dir));

  it('cannot carry a spreadsheet formula, and reads back to the same values', async () => {
    const child = buildChild({ id: '=HYPERLINK("x")', upn: '+A123' });
    const result = await writeReturn(
      [record({ child, episodes: [buildEpisode({ homePostcode: '@NG1 1AA', placementPostcode: '-NG2' })], reviews: [buildReview({ childId: child.id })] })],
      y2324,
      dir,
    );
    expect(result.children).toBe(1);
    const header = fs.readFileSync(path.join(dir, 'header.csv'), 'utf8');
    expect(header).toContain(`"'=HYPERLINK(""x"")",2,14/03/2012,WBRI,'+A123,,`);
    expect(fs.readFileSync(path.join(dir, 'episodes.csv'), 'utf8')).toContain(`,'@NG1 1AA,'-NG2,`);
    const { returns } = await findReturns([dir]);
    const loaded = await loadReturn(returns[0]!);
    const [back] = recordsFromReturn(loaded);
    expect(back!.child).toMatchObject({ id: child.id, upn: '+A123' });
    expect(back!.episodes[0]).toMatchObject({ homePostcode: '@NG1 1AA', placementPostcode: '-NG2' });
  });

  it('writes K3 as H5 before 2024-25, and warns of placement codes the year refuses rather than writing a return that cannot be imported', async () => {
    const early = await writeReturn([record({ episodes: [buildEpisode({ start: '2023-05-01', placementType: 'K3' })] })], y2324, dir);
    expect(fs.readFileSync(path.join(dir, 'episodes.csv'), 'utf8')).toContain(',H5,');
    expect(early.warnings).toEqual([]);
    const y2526 = parseCollectionYear('2025-26');
    const late = await writeReturn(
      [record({ child: buildChild({ id: 'Z1' }), episodes: [buildEpisode({ start: '2025-05-01', placementType: 'Z1' })] }), record({ child: buildChild({ id: 'Z2' }), episodes: [buildEpisode({ start: '2025-06-01', placementType: 'Z1' })] })],
      y2526,
      path.join(dir, 'later'),
    );
    expect(late.warnings).toEqual([
      '2 episodes have placement types the 2025-26 return refuses (Z1 is replaced by Z11–Z14 from 2025-26): written as recorded; correct them in the register before submitting',
    ]);
  });

  it('warns when a year before 2024-25 cannot code a sex', async () => {
    const result = await writeReturn([record({ child: buildChild({ sex: 'U' }) })], y2324, dir);
    expect(result.warnings).toEqual(['1 child has sex recorded as unknown, which a 2023-24 return cannot code (only 1 or 2): SEX is left blank']);
  });
});
