// Authority settings (defaults and overrides) and staff, in every dialect.

import { describe, expect, it } from 'vitest';
import { ConflictError, DatabaseError, NotFoundError } from '../../src/db/errors.ts';
import { saveStaff } from '../../src/db/register-import.ts';
import { getSettings, saveSettings } from '../../src/db/settings.ts';
import { addStaff, findStaffByEmail, getStaff, listStaff } from '../../src/db/staff.ts';
import { defaultSettings } from '../../src/domain/settings.ts';
import { buildStaffMember } from '../support/builders.ts';
import { DIALECTS, withTestDatabase } from '../support/test-database.ts';

describe.each(DIALECTS)('authority settings (%s)', (dialect) => {
  const database = withTestDatabase(dialect);

  it('are the defaults in a new register', async () => {
    expect(await getSettings(database())).toEqual(defaultSettings());
  });

  it('keep what is saved and the defaults for the rest', async () => {
    const saved = await saveSettings(database(), { authorityName: 'Northshire County Council', laCode: '123', recordWorkingDays: 15 });
    const read = await getSettings(database());
    expect(read).toEqual(saved);
    expect(read).toEqual({ ...defaultSettings(), authorityName: 'Northshire County Council', laCode: '123', recordWorkingDays: 15 });

    await saveSettings(database(), { recordWorkingDays: 10, rearrangementReasons: [{ code: 'court_timetable', label: 'Court' }] });
    expect(await getSettings(database())).toMatchObject({
      authorityName: 'Northshire County Council',
      recordWorkingDays: 10,
      rearrangementReasons: [{ code: 'court_timetable', label: 'Court' }],
    });
  });

  it('refuse an invalid value and store nothing', async () => {
    await expect(saveSettings(database(), { authorityName: 'X', laCode: '12' })).rejects.toThrow();
    expect(await getSettings(database())).toEqual(defaultSettings());
  });

  it('report stored values that no longer pass validation, by name', async () => {
    await database().db.insertInto('authority_setting').values({ key: 'caseloadGuideLow', value: '"fifty"' }).execute();
    const error = await getSettings(database()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).code).toBe('SETTINGS_INVALID');
    expect((error as DatabaseError).message).toContain('caseloadGuideLow');
  });

  it('ignore stored settings this version no longer knows', async () => {
    await database().db.insertInto('authority_setting').values({ key: 'retiredSetting', value: 'true' }).execute();
    expect(await getSettings(database())).toEqual(defaultSettings());
  });
});

describe.each(DIALECTS)('staff (%s)', (dialect) => {
  const database = withTestDatabase(dialect);

  it('round-trip, with the email address in lower case', async () => {
    const added = await addStaff(database(), buildStaffMember({ email: ' Sam.Okafor@Example.gov.uk ', fte: 0.8, team: null, active: false }));
    expect(added).toEqual({ ...buildStaffMember({ fte: 0.8, team: null, active: false }), id: added.id });
    expect(await getStaff(database(), added.id)).toEqual(added);
    expect(await findStaffByEmail(database(), 'SAM.OKAFOR@example.gov.uk')).toEqual(added);
    expect(await findStaffByEmail(database(), 'nobody@example.gov.uk')).toBeUndefined();
  });

  it('list by name, narrowed by role and activity', async () => {
    const zoe = await addStaff(database(), buildStaffMember({ name: 'Zoe Iro', email: 'zoe@example.gov.uk' }));
    const amy = await addStaff(database(), buildStaffMember({ name: 'Amy Manager', email: 'amy@example.gov.uk', role: 'iro_manager' }));
    const ben = await addStaff(database(), buildStaffMember({ name: 'Ben Iro', email: 'ben@example.gov.uk', active: false }));
    expect((await listStaff(database())).map((s) => s.id)).toEqual([amy.id, ben.id, zoe.id]);
    expect((await listStaff(database(), { role: 'iro' })).map((s) => s.id)).toEqual([ben.id, zoe.id]);
    expect((await listStaff(database(), { role: 'iro', activeOnly: true })).map((s) => s.id)).toEqual([zoe.id]);
  });

  it('refuse a second member with the same email address', async () => {
    await addStaff(database(), buildStaffMember());
    const error = await addStaff(database(), buildStaffMember({ email: 'SAM.okafor@example.gov.uk', name: 'Other' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe('EMAIL_IN_USE');
  });

  it('get* throws NOT_FOUND for an unknown id', async () => {
    const error = await getStaff(database(), 999).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).code).toBe('NOT_FOUND');
  });

  it('saveStaff adds new members, updates known ones by email and returns their ids in order', async () => {
    const existing = await addStaff(database(), buildStaffMember({ email: 'known@example.gov.uk', name: 'Old Name' }));
    const ids = await saveStaff(database(), [
      buildStaffMember({ email: 'new@example.gov.uk', name: 'New Iro' }),
      buildStaffMember({ email: 'KNOWN@example.gov.uk', name: 'New Name', fte: 0.5 }),
    ]);
    expect(ids[1]).toBe(existing.id);
    expect(await getStaff(database(), ids[0]!)).toMatchObject({ name: 'New Iro' });
    expect(await getStaff(database(), existing.id)).toMatchObject({ name: 'New Name', fte: 0.5 });
    expect(await listStaff(database())).toHaveLength(2);
  });

  it('saveStaff keeps the ids staff members carry, and later additions follow them', async () => {
    const ids = await saveStaff(database(), [
      buildStaffMember({ id: 7, email: 'seven@example.gov.uk' }),
      buildStaffMember({ id: 3, email: 'three@example.gov.uk' }),
    ]);
    expect(ids).toEqual([7, 3]);
    const next = await addStaff(database(), buildStaffMember({ email: 'next@example.gov.uk' }));
    expect(next.id).toBeGreaterThan(7);
  });
});
