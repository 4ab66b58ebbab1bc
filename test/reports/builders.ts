// Test data for the report: builders with fixed dates and overrides, and a small authority whose every
// figure has been worked out by hand (see the comments beside each child).

import type { ChildRecord, Episode, IroAllocation, Review } from '../../src/domain/register.ts';
import { defaultSettings } from '../../src/domain/settings.ts';
import type { ReportInput, ReportStaffMember } from '../../src/reports/input.ts';

export function episode(start: string, overrides: Partial<Episode> = {}): Episode {
  return {
    start,
    reasonNewEpisode: 'S',
    legalStatus: 'C2',
    categoryOfNeed: 'N1',
    placementType: 'U4',
    placementProvider: 'PR1',
    end: null,
    reasonCeased: null,
    reasonPlacementChange: null,
    homePostcode: null,
    placementPostcode: null,
    urn: null,
    ...overrides,
  };
}

export function held(childId: string, heldDate: string, participationCode: Review['participationCode'] = 'PN1', overrides: Partial<Review> = {}): Review {
  return {
    childId,
    dueDate: null,
    bookedDate: heldDate,
    heldDate,
    status: 'held',
    participationCode,
    chairId: null,
    format: 'in_person',
    rearrangements: [],
    ...overrides,
  };
}

export function allocation(childId: string, iroId: number, from: string, to: string | null = null): IroAllocation {
  return { childId, iroId, from, to, reason: null };
}

export function childRecord(
  id: string,
  details: Partial<ChildRecord['child']>,
  episodes: Episode[],
  reviews: Review[] = [],
  allocations: IroAllocation[] = [],
): ChildRecord {
  return {
    child: {
      id,
      givenName: null,
      familyName: null,
      dateOfBirth: '2010-01-01',
      sex: 'F',
      ethnicity: 'WBRI',
      upn: null,
      uasc: false,
      uascCeasedDate: null,
      disability: null,
      ...details,
    },
    episodes,
    reviews,
    allocations,
  };
}

export const STAFF: ReportStaffMember[] = [
  { id: 1, name: 'Ada Iro', email: 'ada@example.org', role: 'iro', team: null, fte: 1, active: true },
  { id: 2, name: 'Ben Iro', email: 'ben@example.org', role: 'iro', team: null, fte: 0.5, active: true },
  { id: 3, name: 'Cal Iro', email: 'cal@example.org', role: 'iro', team: null, fte: 1, active: true },
  { id: 4, name: 'Dee Manager', email: 'dee@example.org', role: 'iro_manager', team: null, fte: 1, active: true },
];

/**
 * Eight children, reported for 2023-24 (1 April 2023 to 31 March 2024). Due dates worked out by hand from
 * the regulations; England's 2023 holidays that matter: Good Friday 7 April, Easter Monday 10 April,
 * 1 May, the Coronation 8 May, 29 May.
 */
export function handBuiltChildren(): ChildRecord[] {
  return [
    // A: girl born 2010-06-15, in the same foster placement since Mon 2021-01-04. First review due 2021-02-01.
    // In 2023-24: held 2023-04-05 (due 04-10, in time, PN1) and 2023-10-12 (due 10-05, 7 days late, PN6).
    childRecord(
      'A',
      { dateOfBirth: '2010-06-15', sex: 'F', ethnicity: 'WBRI' },
      [episode('2021-01-04', { placementType: 'U4', placementProvider: 'PR1' })],
      [
        held('A', '2021-02-01'),
        held('A', '2021-04-28'),
        held('A', '2021-10-20'),
        held('A', '2022-04-12'),
        held('A', '2022-10-10'),
        held('A', '2023-04-05', 'PN1', { id: 101 }),
        held('A', '2023-10-12', 'PN6', {
          rearrangements: [{ changedOn: '2023-09-28', fromDate: '2023-10-03', toDate: '2023-10-12', reason: 'court_timetable', note: null }],
        }),
      ],
      [allocation('A', 1, '2021-01-05')],
    ),
    // B: boy born 2022-11-20, looked after from Mon 2023-06-05 with agency foster carers; legal status change only
    // on 2023-09-01. First review due 2023-07-03 (held then, PN0); second due 2023-10-03, held 10-10 (late; coded
    // PN1 though under 4). IRO allocated 2023-06-14, after the deadline of 2023-06-12. Told 2023-06-06 (in time).
    childRecord(
      'B',
      { dateOfBirth: '2022-11-20', sex: 'M', ethnicity: 'MWBC' },
      [
        episode('2023-06-05', { legalStatus: 'C1', placementType: 'U6', placementProvider: 'PR4', end: '2023-09-01', reasonCeased: 'X1' }),
        episode('2023-09-01', { reasonNewEpisode: 'L', legalStatus: 'C2', placementType: 'U6', placementProvider: 'PR4' }),
      ],
      [held('B', '2023-07-03', 'PN0'), held('B', '2023-10-10', 'PN1')],
      [allocation('B', 1, '2023-06-14')],
    ),
    // C: unaccompanied asylum-seeking boy born 2007-03-10, looked after from Mon 2023-05-15 (supported
    // accommodation) to 2024-01-20, leaving as E15. First review due 2023-06-13, held 06-20 (late, PN1); second
    // due 09-20, held 09-18 (PN7). Told 2023-05-30: late (deadline 2023-05-22). IRO allocated the day care began.
    childRecord(
      'C',
      { dateOfBirth: '2007-03-10', sex: 'M', ethnicity: 'BAFR', uasc: true },
      [episode('2023-05-15', { legalStatus: 'V2', categoryOfNeed: 'N8', placementType: 'H5', placementProvider: 'PR4', end: '2024-01-20', reasonCeased: 'E15' })],
      [held('C', '2023-06-20', 'PN1'), held('C', '2023-09-18', 'PN7')],
      [allocation('C', 2, '2023-05-15', '2024-01-20')],
    ),
    // D: girl born 2019-02-01 on short breaks only (V3): 1–3 July 2023, 10–12 November 2023, 18–21 March 2024.
    // Reviews: due 2023-10-01, held 09-25 (PN3, aged 4); due 2024-03-25, held 03-20 (PN5).
    childRecord(
      'D',
      { dateOfBirth: '2019-02-01', sex: 'F', ethnicity: 'WBRI' },
      [
        episode('2023-07-01', { legalStatus: 'V3', categoryOfNeed: 'N2', placementType: 'K2', end: '2023-07-03', reasonCeased: 'E8' }),
        episode('2023-11-10', { legalStatus: 'V3', categoryOfNeed: 'N2', placementType: 'K2', end: '2023-11-12', reasonCeased: 'E8' }),
        episode('2024-03-18', { legalStatus: 'V3', categoryOfNeed: 'N2', placementType: 'K2', end: '2024-03-21', reasonCeased: 'E8' }),
      ],
      [held('D', '2023-09-25', 'PN3'), held('D', '2024-03-20', 'PN5')],
      [allocation('D', 2, '2023-07-01')],
    ),
    // E: no date of birth. In a children's home since Mon 2022-01-10. Reviews in 2023-24 all in time:
    // 2023-04-20 (due 05-01) and 2023-10-18 (due 10-20). IRO changed from Ada to Ben on 2023-09-30.
    // One review cancelled at the child's wish after being moved once.
    childRecord(
      'E',
      { dateOfBirth: null, sex: 'U', ethnicity: null },
      [episode('2022-01-10', { categoryOfNeed: 'N5', placementType: 'R1', placementProvider: 'PR4' })],
      [
        held('E', '2022-02-07'),
        held('E', '2022-05-05'),
        held('E', '2022-11-01'),
        held('E', '2023-04-20'),
        held('E', '2023-10-18'),
        {
          ...held('E', '2023-10-16'),
          heldDate: null,
          status: 'cancelled',
          participationCode: null,
          rearrangements: [
            { changedOn: '2023-10-01', fromDate: '2023-10-16', toDate: '2023-10-17', reason: 'iro_unavailable', note: null },
            { changedOn: '2023-10-05', fromDate: '2023-10-17', toDate: null, reason: 'childs_wish', note: null },
          ],
        },
      ],
      [allocation('E', 1, '2022-01-10', '2023-09-30'), allocation('E', 2, '2023-09-30')],
    ),
    // F: episodes overlap, so the child cannot be counted.
    childRecord('F', { dateOfBirth: '2012-05-05' }, [episode('2023-01-01'), episode('2023-06-01')], [held('F', '2023-07-01')], [allocation('F', 1, '2023-01-02')]),
    // G: born 2015-08-01, with relatives from Mon 2020-03-02 (first review due 2020-03-30) until a special
    // guardianship order on 2023-05-31. A review recorded on 2023-07-15, after care ended. IRO allocation left open.
    childRecord(
      'G',
      { dateOfBirth: '2015-08-01', sex: 'F', ethnicity: 'WBRI' },
      [episode('2020-03-02', { placementType: 'U1', end: '2023-05-31', reasonCeased: 'E45' })],
      [
        held('G', '2020-03-30'),
        held('G', '2020-06-25'),
        held('G', '2020-12-20'),
        held('G', '2021-06-15'),
        held('G', '2021-12-10'),
        held('G', '2022-06-08'),
        held('G', '2022-12-01'),
        held('G', '2023-07-15'),
      ],
      [allocation('G', 3, '2020-03-02')],
    ),
    // H: born 2012-01-01, in a children's home from Mon 2023-04-03 to 2023-06-30 (returned home, E4A). First review
    // due 2023-05-04 and never held: 57 days from due to the end of care. No IRO allocated.
    childRecord(
      'H',
      { dateOfBirth: '2012-01-01', sex: 'M', ethnicity: 'WOTH' },
      [episode('2023-04-03', { legalStatus: 'V2', categoryOfNeed: 'N4', placementType: 'K2', end: '2023-06-30', reasonCeased: 'E4A' })],
    ),
  ];
}

export function handBuiltInput(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    period: { from: '2023-04-01', to: '2024-03-31' },
    settings: { ...defaultSettings(), authorityName: 'Testshire County Council', laCode: '123' },
    staff: STAFF,
    children: handBuiltChildren(),
    notifications: [
      { childId: 'B', periodOfCareStart: '2023-06-05', notifiedDate: '2023-06-06' },
      { childId: 'C', periodOfCareStart: '2023-05-15', notifiedDate: '2023-05-30' },
    ],
    midpointChecks: [
      { childId: 'A', date: '2023-07-10' },
      { childId: 'A', date: '2024-01-15' },
      { childId: 'B', date: '2023-08-20' },
      { childId: 'D', date: '2023-12-20' },
      { childId: 'E', date: '2023-04-25' },
    ],
    reviewWorkflow: [
      {
        childId: 'A',
        reviewId: 101,
        heldDate: '2023-04-05',
        decisionsIssuedDate: '2023-04-11',
        recordDistributedDate: '2023-05-10',
        actions: [
          { dueDate: '2023-06-01', completedDate: '2023-05-20' },
          { dueDate: '2023-07-01', completedDate: null },
        ],
      },
      { childId: 'B', heldDate: '2023-10-10', decisionsIssuedDate: null, recordDistributedDate: null, actions: [{ dueDate: '2024-05-01', completedDate: null }] },
    ],
    ...overrides,
  };
}
