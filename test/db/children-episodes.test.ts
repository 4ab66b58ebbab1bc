// Children, their episodes and the periods of care derived from them, in every dialect.

import { describe, expect, it } from 'vitest';
import { countChildren, findChild, getChild, listChildren, upsertChild } from '../../src/db/children.ts';
import { listEpisodes, listPeriodsOfCare, replaceEpisodes } from '../../src/db/episodes.ts';
import { NotFoundError } from '../../src/db/errors.ts';
import { buildChild, buildEpisode } from '../support/builders.ts';
import { DIALECTS, withTestDatabase } from '../support/test-database.ts';

describe.each(DIALECTS)('children (%s)', (dialect) => {
  const database = withTestDatabase(dialect);

  it('round-trip every field', async () => {
    const child = buildChild({ uasc: true, uascCeasedDate: '2024-02-29', disability: 'Autism', givenName: "O'Brien-Ńowak" });
    const saved = await upsertChild(database(), { ...child, notifiedDate: '2023-04-05' });
    expect(saved).toEqual({ ...child, notifiedDate: '2023-04-05' });
    expect(await getChild(database(), child.id)).toEqual(saved);
    expect(await findChild(database(), child.id)).toEqual(saved);
  });

  it('keep nulls as nulls', async () => {
    const child = buildChild({ givenName: null, familyName: null, dateOfBirth: null, ethnicity: null, upn: null, sex: 'U' });
    expect(await upsertChild(database(), child)).toEqual({ ...child, notifiedDate: null });
  });

  it('update in place, keeping a notified date that is not given', async () => {
    await upsertChild(database(), { ...buildChild(), notifiedDate: '2023-04-05' });
    const updated = await upsertChild(database(), buildChild({ familyName: 'Smith' }));
    expect(updated).toMatchObject({ familyName: 'Smith', notifiedDate: '2023-04-05' });
    expect(await upsertChild(database(), { ...buildChild(), notifiedDate: null })).toMatchObject({ notifiedDate: null });
    expect(await countChildren(database())).toBe(1);
  });

  it('find returns undefined and get throws NOT_FOUND for an unknown child', async () => {
    expect(await findChild(database(), 'nobody')).toBeUndefined();
    await expect(getChild(database(), 'nobody')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('list in order of identifier, a page at a time', async () => {
    for (const id of ['C3', 'C1', 'C2']) await upsertChild(database(), buildChild({ id }));
    expect((await listChildren(database())).map((c) => c.id)).toEqual(['C1', 'C2', 'C3']);
    expect((await listChildren(database(), { limit: 2 })).map((c) => c.id)).toEqual(['C1', 'C2']);
    expect((await listChildren(database(), { limit: 2, offset: 2 })).map((c) => c.id)).toEqual(['C3']);
    expect((await listChildren(database(), { offset: 1 })).map((c) => c.id)).toEqual(['C2', 'C3']);
    expect(await countChildren(database())).toBe(3);
  });
});

describe.each(DIALECTS)('episodes and periods of care (%s)', (dialect) => {
  const database = withTestDatabase(dialect);

  it('round-trip every field, sorted by start date', async () => {
    await upsertChild(database(), buildChild());
    const later = buildEpisode({ start: '2023-06-01', reasonNewEpisode: 'P', placementType: 'K2', placementProvider: null, urn: null });
    const first = buildEpisode({ end: '2023-06-01', reasonCeased: 'X1', reasonPlacementChange: 'CARPL' });
    await replaceEpisodes(database(), 'C0001', [later, first]);
    expect(await listEpisodes(database(), 'C0001')).toEqual([first, later]);
  });

  it('derive two periods when the child starts to be looked after again (RNE S)', async () => {
    await upsertChild(database(), buildChild());
    const periods = await replaceEpisodes(database(), 'C0001', [
      buildEpisode({ start: '2020-02-03', end: '2020-08-14', reasonCeased: 'E4A' }),
      buildEpisode({ start: '2022-05-09', reasonNewEpisode: 'S', legalStatus: 'V2' }),
    ]);
    const expected = [
      { sequence: 1, start: '2020-02-03', end: '2020-08-14', shortBreaks: false },
      { sequence: 2, start: '2022-05-09', end: null, shortBreaks: false },
    ];
    expect(periods).toEqual(expected);
    expect(await listPeriodsOfCare(database(), 'C0001')).toEqual(expected);
  });

  it('continue one period through a change of placement on the same day (RNE P)', async () => {
    await upsertChild(database(), buildChild());
    await replaceEpisodes(database(), 'C0001', [
      buildEpisode({ start: '2023-04-03', end: '2023-09-11', reasonCeased: 'X1' }),
      buildEpisode({ start: '2023-09-11', reasonNewEpisode: 'P', placementType: 'U4' }),
    ]);
    expect(await listPeriodsOfCare(database(), 'C0001')).toEqual([{ sequence: 1, start: '2023-04-03', end: null, shortBreaks: false }]);
  });

  it('mark a period of short breaks', async () => {
    await upsertChild(database(), buildChild());
    await replaceEpisodes(database(), 'C0001', [buildEpisode({ legalStatus: 'V3', start: '2023-05-05', end: '2023-05-07', reasonCeased: 'E8' })]);
    expect(await listPeriodsOfCare(database(), 'C0001')).toEqual([{ sequence: 1, start: '2023-05-05', end: '2023-05-07', shortBreaks: true }]);
  });

  it('replace the episodes and periods there were, and only that child’s', async () => {
    await upsertChild(database(), buildChild());
    await upsertChild(database(), buildChild({ id: 'C0002' }));
    await replaceEpisodes(database(), 'C0002', [buildEpisode()]);
    await replaceEpisodes(database(), 'C0001', [buildEpisode({ end: '2023-05-01', reasonCeased: 'E13' }), buildEpisode({ start: '2023-08-01' })]);
    await replaceEpisodes(database(), 'C0001', [buildEpisode({ start: '2024-01-08' })]);
    expect(await listEpisodes(database(), 'C0001')).toEqual([buildEpisode({ start: '2024-01-08' })]);
    expect(await listPeriodsOfCare(database(), 'C0001')).toHaveLength(1);
    expect(await listEpisodes(database(), 'C0002')).toEqual([buildEpisode()]);
    await replaceEpisodes(database(), 'C0001', []);
    expect(await listEpisodes(database(), 'C0001')).toEqual([]);
    expect(await listPeriodsOfCare(database(), 'C0001')).toEqual([]);
  });

  it('write nothing when one episode is invalid', async () => {
    await upsertChild(database(), buildChild());
    await replaceEpisodes(database(), 'C0001', [buildEpisode()]);
    await expect(replaceEpisodes(database(), 'C0001', [buildEpisode({ start: '2024-01-08' }), buildEpisode({ start: '2023-02-30' })])).rejects.toThrow();
    expect(await listEpisodes(database(), 'C0001')).toEqual([buildEpisode()]);
    expect(await listPeriodsOfCare(database(), 'C0001')).toHaveLength(1);
  });

  it('throw NOT_FOUND for a child not in the register', async () => {
    await expect(replaceEpisodes(database(), 'nobody', [buildEpisode()])).rejects.toBeInstanceOf(NotFoundError);
  });
});
