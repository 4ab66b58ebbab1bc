// A small register for the report's tests, with fixed dates: thirty children from the shared builders (two
// periods of care for some, rearranged and booked reviews), a child who left care to be adopted, a late first
// review, a child under 4, late and timely notifications, mid-point checks, decisions and actions recorded
// after reviews. Every child has a distinctive name, so a test can show no name reaches any report.

import { kyselyOf } from '../../src/db/connection.ts';
import { upsertChild } from '../../src/db/children.ts';
import { addNote } from '../../src/db/notes.ts';
import { saveChildRecords } from '../../src/db/register-import.ts';
import { addReviewActions } from '../../src/db/review-actions.ts';
import { addStaff } from '../../src/db/staff.ts';
import type { ChildRecord } from '../../src/domain/register.ts';
import type { TestDatabase } from '../support/test-database.ts';
import { buildAllocation, buildChildRecord, buildChildRecords, buildEpisode, buildReview, buildStaffMember } from '../support/builders.ts';

export const PERIOD = { from: '2023-04-01', to: '2024-03-31' } as const;
export const TODAY = '2024-06-03';
/** Family names no report text could contain by chance. */
export const FAMILY_NAME = 'Quillfeather';
export const GIVEN_NAME = 'Zebediah';

export interface SeededRegister {
  records: ChildRecord[];
  iroId: number;
  otherIroId: number;
  managerId: number;
}

const held = (heldDate: string, participationCode: 'PN0' | 'PN1' | 'PN6' | 'PN7' = 'PN1') =>
  buildReview({ dueDate: null, bookedDate: heldDate, heldDate, participationCode });

export async function seedReportRegister(database: TestDatabase): Promise<SeededRegister> {
  const iro = await addStaff(database, buildStaffMember({ name: 'Ivy Iro', email: 'ivy@report.example' }));
  const other = await addStaff(database, buildStaffMember({ name: 'Olu Iro', email: 'olu@report.example', fte: 0.5 }));
  const manager = await addStaff(database, buildStaffMember({ name: 'Mo Manager', email: 'mo@report.example', role: 'iro_manager' }));
  const common = buildChildRecords(30, { iroId: iro.id });
  const special = [
    // Adopted on 1 February 2024; aged under 4 at every review, so PN0.
    buildChildRecord({
      child: { id: 'L1', dateOfBirth: '2021-05-10' },
      episodes: [buildEpisode({ start: '2022-11-07', legalStatus: 'E1', placementType: 'A4', end: '2024-02-01', reasonCeased: 'E11' })],
      reviews: [held('2023-05-30', 'PN0'), held('2023-11-20', 'PN0')],
      allocations: [buildAllocation({ iroId: other.id, from: '2022-11-08', to: '2024-02-01' })],
    }),
    // Care began Monday 5 June 2023: first review due 3 July, held a week late; the child did not take part.
    buildChildRecord({
      child: { id: 'B2', dateOfBirth: '2015-08-01' },
      episodes: [buildEpisode({ start: '2023-06-05' })],
      reviews: [held('2023-07-10', 'PN7'), held('2023-10-02')],
      allocations: [buildAllocation({ iroId: other.id, from: '2023-06-06' })],
    }),
  ];
  const records = [...common, ...special].map((r, i) => ({ ...r, child: { ...r.child, givenName: GIVEN_NAME, familyName: `${FAMILY_NAME}${i}` } }));
  await saveChildRecords(database, records);
  // B2's service was told on day 8 (late); L1's on time.
  await upsertChild(database, { ...records.find((r) => r.child.id === 'B2')!.child, notifiedDate: '2023-06-15' });
  await upsertChild(database, { ...records.find((r) => r.child.id === 'L1')!.child, notifiedDate: '2022-11-08' });
  // Mid-point checks between B2's reviews and between two of C00002's.
  await addNote(database, { childId: 'B2', authorId: other.id, kind: 'midpoint', date: '2023-08-21', text: `Checked the plan with ${GIVEN_NAME}` });
  await addNote(database, { childId: 'C00002', authorId: iro.id, kind: 'midpoint', date: '2023-10-16', text: 'Plan on track' });
  // Decisions issued after B2's second review, with an action set.
  const db = kyselyOf(database);
  const review = await db.selectFrom('review').select('id').where('child_id', '=', 'B2').where('held_date', '=', '2023-10-02').executeTakeFirstOrThrow();
  await db.updateTable('review').set({ decisions_issued_date: '2023-10-05', record_distributed_date: '2023-11-10' }).where('id', '=', review.id).execute();
  await addReviewActions(database, review.id, 'B2', [{ description: `Life story work with ${GIVEN_NAME}`, owner: 'Social worker', dueDate: '2023-12-01' }]);
  return { records, iroId: iro.id, otherIroId: other.id, managerId: manager.id };
}
