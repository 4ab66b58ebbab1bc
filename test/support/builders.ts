// Test data builders: a valid record with fixed dates, changed only where a test says so. Nothing here
// depends on today's date or on another test's rows.

import type { Child, ChildRecord, Episode, IroAllocation, Rearrangement, Review, StaffMember } from '../../src/domain/register.ts';

export function buildChild(overrides: Partial<Child> = {}): Child {
  return {
    id: 'C0001',
    givenName: 'Alex',
    familyName: 'Taylor',
    dateOfBirth: '2012-03-14',
    sex: 'F',
    ethnicity: 'WBRI',
    upn: 'A123456789012',
    uasc: false,
    uascCeasedDate: null,
    disability: null,
    mother: null,
    motherChildDob: null,
    ...overrides,
  };
}

/** Started to be looked after on Monday 3 April 2023, on a full care order, with foster carers; still open. */
export function buildEpisode(overrides: Partial<Episode> = {}): Episode {
  return {
    start: '2023-04-03',
    reasonNewEpisode: 'S',
    legalStatus: 'C2',
    categoryOfNeed: 'N1',
    placementType: 'U6',
    placementProvider: 'PR1',
    end: null,
    reasonCeased: null,
    reasonPlacementChange: null,
    homePostcode: 'NG1 1AA',
    placementPostcode: 'NG2 2BB',
    urn: 'SC123456',
    ...overrides,
  };
}

export function buildRearrangement(overrides: Partial<Rearrangement> = {}): Rearrangement {
  return {
    changedOn: '2023-04-20',
    fromDate: '2023-04-24',
    toDate: '2023-04-28',
    reason: 'court_timetable',
    note: null,
    ...overrides,
  };
}

/** The first review of buildEpisode()'s period of care: due 4 May 2023 (20 working days, Easter and the May bank holiday skipped), held in time on 28 April. */
export function buildReview(overrides: Partial<Review> = {}): Review {
  return {
    childId: 'C0001',
    dueDate: '2023-05-04',
    bookedDate: '2023-04-28',
    heldDate: '2023-04-28',
    status: 'held',
    participationCode: 'PN1',
    chairId: null,
    format: 'in_person',
    rearrangements: [],
    ...overrides,
  };
}

export function buildAllocation(overrides: Partial<IroAllocation> & Pick<IroAllocation, 'iroId'>): IroAllocation {
  return { childId: 'C0001', from: '2023-04-05', to: null, reason: null, ...overrides };
}

export function buildStaffMember(overrides: Partial<StaffMember> = {}): StaffMember {
  return {
    name: 'Sam Okafor',
    email: 'sam.okafor@example.gov.uk',
    role: 'iro',
    team: 'North',
    fte: 1,
    active: true,
    ...overrides,
  };
}

/**
 * A child's whole record: one open episode and one held review unless given; reviews and allocations are
 * filed under the child's id. `iroId` adds an allocation from 5 April 2023 and makes that IRO the chair.
 */
export function buildChildRecord(
  overrides: { child?: Partial<Child>; episodes?: Episode[]; reviews?: Review[]; allocations?: IroAllocation[]; iroId?: number } = {},
): ChildRecord {
  const child = buildChild(overrides.child);
  const chairId = overrides.iroId ?? null;
  const reviews = overrides.reviews ?? [buildReview({ chairId })];
  const allocations = overrides.allocations ?? (overrides.iroId === undefined ? [] : [buildAllocation({ iroId: overrides.iroId })]);
  return {
    child,
    episodes: overrides.episodes ?? [buildEpisode()],
    reviews: reviews.map((review) => ({ ...review, childId: child.id })),
    allocations: allocations.map((allocation) => ({ ...allocation, childId: child.id })),
  };
}

/**
 * `count` distinct records with a little variety: every third child has had two periods of care, every
 * fifth review was rearranged, every seventh booked but not yet held. Ids run C00001, C00002, …
 */
export function buildChildRecords(count: number, options: { iroId?: number } = {}): ChildRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `C${String(i + 1).padStart(5, '0')}`;
    const episodes =
      i % 3 === 0
        ? [
            buildEpisode({ start: '2021-01-04', end: '2021-09-30', reasonCeased: 'E4A' }),
            buildEpisode({ start: '2023-04-03', reasonNewEpisode: 'S', end: '2023-10-02', reasonCeased: 'X1' }),
            buildEpisode({ start: '2023-10-02', reasonNewEpisode: 'P', placementType: 'U4' }),
          ]
        : [buildEpisode({ start: '2022-06-06', end: '2023-01-09', reasonCeased: 'X1' }), buildEpisode({ start: '2023-01-09', reasonNewEpisode: 'P' })];
    const chairId = options.iroId ?? null;
    const reviews = [
      buildReview({
        chairId,
        participationCode: i % 2 === 0 ? 'PN1' : 'PN6',
        rearrangements: i % 5 === 0 ? [buildRearrangement({ note: `Moved for record ${i + 1}` })] : [],
      }),
      buildReview({ chairId, dueDate: '2023-07-28', bookedDate: '2023-07-20', heldDate: '2023-07-20', format: 'virtual' }),
      i % 7 === 0
        ? buildReview({ chairId, dueDate: '2024-01-20', bookedDate: '2024-01-15', heldDate: null, status: 'booked', participationCode: null, format: null })
        : buildReview({ chairId, dueDate: '2024-01-20', bookedDate: '2024-01-10', heldDate: '2024-01-10', format: 'hybrid' }),
    ];
    return buildChildRecord({
      child: { id, givenName: `Child${i + 1}`, sex: i % 2 === 0 ? 'F' : 'M', uasc: i % 11 === 0 },
      episodes,
      reviews,
      iroId: options.iroId,
    });
  });
}
