// Loading the demo authority into an empty register: its settings, staff and children in one go.

import type { Database } from '../db/database.ts';
import { countChildren } from '../db/children.ts';
import { saveSettings } from '../db/settings.ts';
import { saveChildRecords, saveStaff } from '../db/register-import.ts';
import { generateDemoAuthority, type DemoAuthority } from '../demo/generate.ts';
import type { IsoDate } from '../domain/dates.ts';

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

export async function loadDemoAuthority(database: Database, options: DemoOptions): Promise<DemoAuthority> {
  const existing = await countChildren(database);
  if (existing > 0) throw new RegisterNotEmptyError(existing);
  const authority = generateDemoAuthority(options);
  await saveSettings(database, authority.settings);
  await saveStaff(database, authority.staff);
  await saveChildRecords(database, authority.children);
  return authority;
}
