// The authority's settings as stored: one row per setting that differs from, or was saved over, the
// default. Reading merges them over the defaults, so a setting added in a later version has its safe
// default until someone changes it.

import type { IsoDate } from '../domain/dates.ts';
import { authoritySettingsSchema, type AuthoritySettings } from '../domain/settings.ts';
import { inTransaction, kyselyOf, type DatabaseLike } from './connection.ts';
import { DatabaseError } from './errors.ts';

export async function getSettings(target: DatabaseLike): Promise<AuthoritySettings> {
  const rows = await kyselyOf(target).selectFrom('authority_setting').select(['key', 'value']).execute();
  const stored: Record<string, unknown> = {};
  const unreadable: string[] = [];
  for (const row of rows) {
    try {
      stored[row.key] = JSON.parse(row.value);
    } catch {
      unreadable.push(row.key);
    }
  }
  // Keys no longer known (a setting retired in a later version) are dropped by the schema, not an error.
  const result = authoritySettingsSchema.safeParse(stored);
  if (!result.success || unreadable.length > 0) {
    const keys = [...unreadable, ...(result.error?.issues.map((issue) => issue.path.join('.')) ?? [])];
    throw new DatabaseError('SETTINGS_INVALID', `The stored authority settings are not valid: ${[...new Set(keys)].join(', ')}`, {
      cause: result.error,
    });
  }
  return result.data;
}

/** Saves the given settings over the current ones, after checking the whole result; returns the settings now in force. */
export async function saveSettings(target: DatabaseLike, changes: Partial<AuthoritySettings>): Promise<AuthoritySettings> {
  return inTransaction(target, async (trx) => {
    const current = await getSettings(trx);
    const merged = authoritySettingsSchema.parse({ ...current, ...definedOnly(changes) });
    for (const key of Object.keys(definedOnly(changes)) as (keyof AuthoritySettings)[]) {
      const value = JSON.stringify(merged[key]);
      await trx
        .insertInto('authority_setting')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    }
    return merged;
  });
}

function definedOnly(changes: Partial<AuthoritySettings>): Partial<AuthoritySettings> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<AuthoritySettings>;
}

/**
 * Records that the register holds every child looked after from a day (an SSDA903 year imported): the setting
 * moves only earlier, so importing a later year after an earlier one leaves it where it was.
 */
export async function noteRecordsCompleteFrom(target: DatabaseLike, from: IsoDate): Promise<void> {
  await inTransaction(target, async (trx) => {
    const current = (await getSettings(trx)).recordsCompleteFrom;
    if (current === null || from < current) await saveSettings(trx, { recordsCompleteFrom: from });
  });
}
