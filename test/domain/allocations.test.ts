// Who held a child on a day: the IRO's last day counts, and on a day two allocations cover, the later holds it.

import { describe, expect, it } from 'vitest';
import { allocationOn, type IroAllocation } from '../../src/domain/register.ts';

const a = (iroId: number, from: string, to: string | null): IroAllocation => ({ childId: 'C1', iroId, from, to, reason: null });

describe('allocationOn', () => {
  const handedOver = [a(1, '2024-01-08', '2024-05-07'), a(2, '2024-05-08', null)];

  it('gives the IRO holding the child on the day, their last day included', () => {
    expect(allocationOn(handedOver, '2024-01-07')).toBeNull();
    expect(allocationOn(handedOver, '2024-01-08')?.iroId).toBe(1);
    expect(allocationOn(handedOver, '2024-05-07')?.iroId).toBe(1);
    expect(allocationOn(handedOver, '2024-05-08')?.iroId).toBe(2);
    expect(allocationOn(handedOver, '2030-01-01')?.iroId).toBe(2);
  });

  it('gives the later allocation where two cover the same day, whatever their order', () => {
    const overlapping = [a(2, '2024-05-07', null), a(1, '2024-01-08', '2024-05-07')];
    expect(allocationOn(overlapping, '2024-05-07')?.iroId).toBe(2);
    expect(allocationOn(overlapping, '2024-05-06')?.iroId).toBe(1);
  });

  it('gives none after the last allocation ended', () => {
    expect(allocationOn([a(1, '2024-01-08', '2024-03-01')], '2024-03-02')).toBeNull();
  });
});
