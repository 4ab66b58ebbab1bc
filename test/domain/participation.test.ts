import { describe, expect, it } from 'vitest';
import { checkParticipationCode } from '../../src/domain/participation.ts';

describe('participation code against age', () => {
  it('accepts PN0 under 4 and refuses it from the fourth birthday', () => {
    expect(checkParticipationCode('PN0', '2020-06-01', '2024-05-31')).toBeNull();
    expect(checkParticipationCode('PN0', '2020-06-01', '2024-06-01')?.code).toBe('PN0_AGED_4_OR_OVER');
  });
  it('refuses PN1–PN7 under 4 and accepts them from 4', () => {
    expect(checkParticipationCode('PN1', '2020-06-01', '2024-05-31')?.code).toBe('UNDER_4_NOT_PN0');
    expect(checkParticipationCode('PN7', '2020-06-01', '2024-06-01')).toBeNull();
  });
  it('refuses codes outside the list', () => {
    expect(checkParticipationCode('PN8', '2010-01-01', '2024-01-01')?.code).toBe('UNKNOWN_CODE');
  });
});
