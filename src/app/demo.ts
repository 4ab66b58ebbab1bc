// Loading the demo authority into an empty register: its settings, staff and children, each child's social
// work team, and a sign-in for every member of staff with the shared demo password.

import type { Database } from '../db/database.ts';
import { countChildren } from '../db/children.ts';
import { saveSettings } from '../db/settings.ts';
import { saveChildRecords, saveStaff } from '../db/register-import.ts';
import { chunks, inTransaction } from '../db/connection.ts';
import { generateDemoAuthority, type DemoAuthority } from '../demo/generate.ts';
import type { IsoDate } from '../domain/dates.ts';
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
  await loadDemoDisputeResolution(database, authority, options);
  await giveSignInsToAll(database, accounts.password ?? DEMO_PASSWORD);
  return authority;
}
