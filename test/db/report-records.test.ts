// The copy of a child's record stored for the report: read back exactly as written, nulls, long and non-ASCII
// codes included; a value the layout cannot hold is refused, and a copy in another layout is not read.

import { describe, expect, it } from 'vitest';
import { ReportRecordReader, UnstorableRecordError, encodeReportRecord, type StoredRecord } from '../../src/db/report-records.ts';
import { SharedStrings } from '../../src/db/rows.ts';

const episode = (start: string, end: string | null, overrides = {}) => ({
  start,
  reasonNewEpisode: 'S',
  legalStatus: 'C2',
  categoryOfNeed: 'N1',
  placementType: 'U1',
  placementProvider: 'PR1',
  end,
  reasonCeased: end === null ? null : 'E13',
  reasonPlacementChange: null,
  homePostcode: null,
  placementPostcode: null,
  urn: null,
  ...overrides,
});

const record: StoredRecord = {
  child: { dateOfBirth: '2012-02-29', sex: 'F', ethnicity: 'WBRI', uasc: true, uascCeasedDate: '2020-02-28', notifiedDate: null },
  episodes: [episode('2019-02-28', '2020-02-29'), episode('2020-02-29', null, { placementProvider: null, reasonNewEpisode: 'P', placementType: 'K2' })],
  allocations: [
    { childId: 'C1', iroId: 7, from: '2019-03-01', to: '2020-01-31', reason: null },
    { childId: 'C1', iroId: 2147483647, from: '2020-02-01', to: null, reason: null },
  ],
  reviews: [
    {
      id: 41,
      childId: 'C1',
      dueDate: '2019-03-28',
      bookedDate: '2019-03-27',
      heldDate: '2019-03-27',
      status: 'held',
      participationCode: 'PN1',
      chairId: 7,
      format: null,
      rearrangements: [
        { changedOn: '2019-03-10', fromDate: '2019-03-20', toDate: '2019-03-27', reason: 'réunion de famille reportée', note: null },
        { changedOn: '2019-03-11', fromDate: null, toDate: null, reason: 'court', note: null },
      ],
    },
    { id: 42, childId: 'C1', dueDate: '2019-09-27', bookedDate: null, heldDate: null, status: 'cancelled', participationCode: null, chairId: null, format: null, rearrangements: [] },
    { id: undefined, childId: 'C1', dueDate: null, bookedDate: '2020-03-02', heldDate: null, status: 'booked', participationCode: null, chairId: null, format: null, rearrangements: [] },
  ],
  workflow: [{ decisionsIssuedDate: '2019-03-29', recordDistributedDate: null, actions: [{ dueDate: '2019-05-01', completedDate: null }, { dueDate: null, completedDate: '2019-04-02' }] }, undefined, undefined],
  consultation: [
    { childId: 'C1', respondent: 'child', reviewDate: '2019-03-27', sentOn: '2019-03-06', answeredOn: '2019-03-20', askedForAdvocate: true },
    { childId: 'C1', respondent: 'social_worker', reviewDate: null, sentOn: '2020-02-10', answeredOn: null, askedForAdvocate: false },
  ],
};

describe('the copy of a child’s record stored for the report', () => {
  it('reads back exactly what was written', () => {
    const reader = new ReportRecordReader(new SharedStrings());
    const read = reader.read(encodeReportRecord(record), 'C1');
    expect(read).toEqual(record);
    // Codes met again are the same strings, whatever their length.
    const again = reader.read(encodeReportRecord(record), 'C1')!;
    expect(again.episodes[0]!.placementProvider).toBe(read!.episodes[0]!.placementProvider);
    expect(again.reviews[0]!.rearrangements[0]!.reason).toBe('réunion de famille reportée');
  });

  it('reads an empty record', () => {
    const empty: StoredRecord = {
      child: { dateOfBirth: null, sex: 'U', ethnicity: null, uasc: false, uascCeasedDate: null, notifiedDate: '2019-01-02' },
      episodes: [],
      allocations: [],
      reviews: [],
      workflow: [],
      consultation: [],
    };
    expect(new ReportRecordReader(new SharedStrings()).read(encodeReportRecord(empty), 'C2')).toEqual(empty);
  });

  it('refuses a value it cannot hold, so the child is read from the tables instead', () => {
    expect(() => encodeReportRecord({ ...record, episodes: [episode('2019-02-30', null)] })).toThrow(UnstorableRecordError);
    expect(() => encodeReportRecord({ ...record, allocations: [{ childId: 'C1', iroId: -3, from: '2019-03-01', to: null, reason: null }] })).toThrow(UnstorableRecordError);
  });

  it('reads what the whole register needs before counting: details, the first day of the episodes, what followed reviews held from a day, requests for views', () => {
    const later = { ...record.reviews[1]!, id: 43, status: 'held' as const, heldDate: '2020-01-15', participationCode: 'PN3' as const };
    const withLater: StoredRecord = { ...record, reviews: [...record.reviews, later], workflow: [...record.workflow, undefined] };
    const reader = new ReportRecordReader(new SharedStrings());
    const bytes = encodeReportRecord(withLater);
    const whole = reader.read(bytes, 'C1')!;
    const all = reader.readForRegister(bytes, 'C1', '2019-01-01')!;
    expect(all.child).toEqual(whole.child);
    // The episodes are passed over for their first day, and read whole only when asked for.
    expect(all.firstStart).toBe(whole.episodes.map((e) => e.start).sort()[0]);
    expect(reader.episodesOf(bytes)).toEqual(whole.episodes);
    // Read past the allocations, rearrangements and actions: the requests for views after them come out whole.
    expect(all.consultation).toEqual(whole.consultation);
    expect(all.workflow).toEqual([
      { childId: 'C1', reviewId: 41, heldDate: '2019-03-27', decisionsIssuedDate: '2019-03-29', recordDistributedDate: null, actions: record.workflow[0]!.actions },
      { childId: 'C1', reviewId: 43, heldDate: '2020-01-15', decisionsIssuedDate: null, recordDistributedDate: null, actions: [] },
    ]);
    // Reviews held before the day are left out, on the day kept; nothing at all when no day is given.
    expect(reader.readForRegister(bytes, 'C1', '2019-03-28')!.workflow.map((w) => w.reviewId)).toEqual([43]);
    expect(reader.readForRegister(bytes, 'C1', '2020-01-15')!.workflow.map((w) => w.reviewId)).toEqual([43]);
    expect(reader.readForRegister(bytes, 'C1', null)!.workflow).toEqual([]);
    bytes[0] = 99;
    expect(reader.readForRegister(bytes, 'C1', null)).toBeNull();
  });

  it('reads what counting the child needs, passing over what followed reviews and the requests for views', () => {
    const reader = new ReportRecordReader(new SharedStrings());
    const bytes = encodeReportRecord(record);
    const { child, episodes, allocations, reviews } = reader.read(bytes, 'C1')!;
    expect(reader.readForCounting(bytes, 'C1')).toEqual({ child, episodes, allocations, reviews });
    bytes[0] = 99;
    expect(reader.readForCounting(bytes, 'C1')).toBeNull();
  });

  it('does not read a copy written in another layout', () => {
    const bytes = encodeReportRecord(record);
    bytes[0] = 99;
    expect(new ReportRecordReader(new SharedStrings()).read(bytes, 'C1')).toBeNull();
  });
});
