// Loading the demo authority into an empty register: its settings, staff and children, each child's social
// work team, the service's own records of its last two years (decisions, records, actions, mid-point checks,
// notifications), and a sign-in for every member of staff with the shared demo password.

import type { Database } from '../db/database.ts';
import { countChildren } from '../db/children.ts';
import { getSettings, saveSettings } from '../db/settings.ts';
import { saveChildRecords, saveStaff } from '../db/register-import.ts';
import { refreshReportRecords } from '../db/report-children.ts';
import { chunks, inTransaction, kyselyOf } from '../db/connection.ts';
import { generateDemoAuthority, type DemoAuthority } from '../demo/generate.ts';
import { oversightFrom, planDemoOversight } from '../demo/oversight.ts';
import { addMonths, type IsoDate } from '../domain/dates.ts';
import { giveSignInsToAll } from './accounts.ts';
import { loadDemoDisputeResolution } from './challenges.ts';
import { loadDemoConsultation } from './consultation.ts';

/** The password of every demo account: the demo is for trying the service, never for real records. */
export const DEMO_PASSWORD = 'demo-password-2026';

export class RegisterNotEmptyError extends Error {
  readonly code = 'REGISTER_NOT_EMPTY';
  constructor(count: number) {
    super(`the register already holds ${count} children: load the demo authority into a new database (--db PATH)`);
  }
}

export interface DemoOptions {
  children: number;
  years: number;
  seed: number;
  asOf: IsoDate;
}

/** A stable small number from a child's id, so team membership does not depend on load order. */
function bucket(id: string, buckets: number): number {
  let h = 0;
  for (let i = 0; i < id.length; i += 1) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return h % buckets;
}

export async function loadDemoAuthority(database: Database, options: DemoOptions, accounts: { password?: string } = {}): Promise<DemoAuthority> {
  const existing = await countChildren(database);
  if (existing > 0) throw new RegisterNotEmptyError(existing);
  const authority = generateDemoAuthority(options);
  await saveSettings(database, authority.settings);
  await saveStaff(database, authority.staff);
  await saveChildRecords(database, authority.children);
  const teams = [...new Set(authority.staff.filter((s) => s.role === 'team_manager' && s.team).map((s) => s.team!))].sort();
  if (teams.length > 0) {
    await inTransaction(database, async (trx) => {
      for (const [index, team] of teams.entries()) {
        const ids = authority.children.map((c) => c.child.id).filter((id) => bucket(id, teams.length) === index);
        for (const part of chunks(ids, 500)) await trx.updateTable('child').set({ social_work_team: team }).where('id', 'in', part).execute();
      }
    });
  }
  await loadDemoConsultation(database, { seed: options.seed, asOf: options.asOf });
  await loadDemoOversight(database, { seed: options.seed, asOf: options.asOf });
  await loadDemoDisputeResolution(database, authority, options);
  await giveSignInsToAll(database, accounts.password ?? DEMO_PASSWORD);
  // The report's copy of each child's record, as an import stores it.
  await refreshReportRecords(database);
  return authority;
}

/**
 * The service's own records of the demo's last two years (src/demo/oversight.ts), written in one transaction:
 * decisions and records on the reviews held, actions set at them, mid-point checks and notifications.
 */
async function loadDemoOversight(database: Database, options: { seed: number; asOf: IsoDate }): Promise<void> {
  const db = kyselyOf(database);
  const since = oversightFrom(options.asOf);
  // From seven months before, so the intervals whose midpoints fall in the two years have their first review.
  const reviews = await db
    .selectFrom('review')
    .select(['id', 'child_id', 'held_date', 'chair_id'])
    .where('status', '=', 'held')
    .where('held_date', '>=', addMonths(since, -7))
    .where('held_date', '<=', options.asOf)
    .execute();
  const starts = await db
    .selectFrom('period_of_care')
    .select((eb) => ['child_id', eb.fn.max('start_date').as('start')])
    .where('short_breaks', '=', 0)
    .groupBy('child_id')
    .execute();
  const plan = planDemoOversight(
    reviews.map((r) => ({ reviewId: r.id, childId: r.child_id, heldDate: r.held_date!, chairId: r.chair_id })),
    starts.map((s) => ({ childId: s.child_id, start: s.start as IsoDate })),
    { ...options, settings: await getSettings(database) },
  );
  const createdAt = `${options.asOf}T17:00:00.000Z`;
  await inTransaction(database, async (trx) => {
    for (const w of plan.workflow) {
      await trx.updateTable('review').set({ decisions_issued_date: w.decisionsIssuedDate, record_distributed_date: w.recordDistributedDate }).where('id', '=', w.reviewId).execute();
    }
    for (const part of chunks(plan.actions, 500)) {
      await trx
        .insertInto('review_action')
        .values(part.map((a) => ({ review_id: a.reviewId, child_id: a.childId, description: a.description, owner: a.owner, due_date: a.dueDate, completed_date: a.completedDate, created_at: createdAt })))
        .execute();
    }
    for (const part of chunks(plan.midpointChecks, 500)) {
      await trx
        .insertInto('iro_note')
        .values(part.map((n) => ({ child_id: n.childId, author_id: n.authorId, kind: 'midpoint', note_date: n.date, text: n.text, created_at: createdAt })))
        .execute();
    }
    for (const n of plan.notifications) await trx.updateTable('child').set({ notified_date: n.notifiedDate }).where('id', '=', n.childId).execute();
  });
}
