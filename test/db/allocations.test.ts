// IRO allocation history, in every dialect.

import { describe, expect, it } from 'vitest';
import { allocateIro, currentAllocations, currentIro, listAllocations } from '../../src/db/allocations.ts';
import { upsertChild } from '../../src/db/children.ts';
import { ConflictError, NotFoundError } from '../../src/db/errors.ts';
import { addStaff } from '../../src/db/staff.ts';
import { buildChild, buildStaffMember } from '../support/builders.ts';
import { DIALECTS, withTestDatabase, type TestDatabase } from '../support/test-database.ts';

async function childAndTwoIros(database: TestDatabase) {
  await upsertChild(database, buildChild());
  const first = await addStaff(database, buildStaffMember({ email: 'first@example.gov.uk' }));
  const second = await addStaff(database, buildStaffMember({ email: 'second@example.gov.uk' }));
  return { first: first.id, second: second.id };
}

describe.each(DIALECTS)('IRO allocations (%s)', (dialect) => {
  const database = withTestDatabase(dialect);

  it('keep the history: a new IRO closes the open allocation the day before', async () => {
    const { first, second } = await childAndTwoIros(database());
    await allocateIro(database(), 'C0001', first, '2023-04-05', 'new to care');
    await allocateIro(database(), 'C0001', second, '2023-09-01', 'iro_left');
    await allocateIro(database(), 'C0001', first, '2024-01-02', null);
    expect(await listAllocations(database(), 'C0001')).toEqual([
      { childId: 'C0001', iroId: first, from: '2023-04-05', to: '2023-08-31', reason: 'new to care' },
      { childId: 'C0001', iroId: second, from: '2023-09-01', to: '2024-01-01', reason: 'iro_left' },
      { childId: 'C0001', iroId: first, from: '2024-01-02', to: null, reason: null },
    ]);
  });

  it('know the current IRO, and the IRO on any date', async () => {
    const { first, second } = await childAndTwoIros(database());
    expect(await currentIro(database(), 'C0001')).toBeUndefined();
    await allocateIro(database(), 'C0001', first, '2023-04-05');
    await allocateIro(database(), 'C0001', second, '2023-09-01');
    expect((await currentIro(database(), 'C0001'))?.iroId).toBe(second);
    expect((await currentIro(database(), 'C0001', '2023-08-31'))?.iroId).toBe(first);
    expect((await currentIro(database(), 'C0001', '2023-09-01'))?.iroId).toBe(second);
    expect(await currentIro(database(), 'C0001', '2023-04-04')).toBeUndefined();
  });

  it('list every child’s IRO on a date', async () => {
    const { first, second } = await childAndTwoIros(database());
    await upsertChild(database(), buildChild({ id: 'C0002' }));
    await allocateIro(database(), 'C0001', first, '2023-04-05');
    await allocateIro(database(), 'C0001', second, '2023-09-01');
    await allocateIro(database(), 'C0002', first, '2023-06-01');
    expect(await currentAllocations(database(), '2023-08-31')).toEqual(new Map([['C0001', first], ['C0002', first]]));
    expect(await currentAllocations(database(), '2023-09-01')).toEqual(new Map([['C0001', second], ['C0002', first]]));
    expect(await currentAllocations(database(), '2023-05-01')).toEqual(new Map([['C0001', first]]));
  });

  it('change nothing when the child already has that IRO', async () => {
    const { first } = await childAndTwoIros(database());
    await allocateIro(database(), 'C0001', first, '2023-04-05', 'new to care');
    await allocateIro(database(), 'C0001', first, '2023-06-01', 'again');
    expect(await listAllocations(database(), 'C0001')).toEqual([{ childId: 'C0001', iroId: first, from: '2023-04-05', to: null, reason: 'new to care' }]);
  });

  it('correct an allocation made the same day in place', async () => {
    const { first, second } = await childAndTwoIros(database());
    await allocateIro(database(), 'C0001', first, '2023-04-05');
    await allocateIro(database(), 'C0001', second, '2023-04-05', 'wrong IRO chosen');
    expect(await listAllocations(database(), 'C0001')).toEqual([
      { childId: 'C0001', iroId: second, from: '2023-04-05', to: null, reason: 'wrong IRO chosen' },
    ]);
  });

  it('refuse an allocation starting before the current one', async () => {
    const { first, second } = await childAndTwoIros(database());
    await allocateIro(database(), 'C0001', first, '2023-04-05');
    const error = await allocateIro(database(), 'C0001', second, '2023-04-01').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe('ALLOCATION_BEFORE_CURRENT');
  });

  it('throw NOT_FOUND for an unknown child or IRO', async () => {
    const { first } = await childAndTwoIros(database());
    await expect(allocateIro(database(), 'nobody', first, '2023-04-05')).rejects.toBeInstanceOf(NotFoundError);
    await expect(allocateIro(database(), 'C0001', 999, '2023-04-05')).rejects.toBeInstanceOf(NotFoundError);
  });
});
