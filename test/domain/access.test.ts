import { describe, expect, it } from 'vitest';
import { can, canActOnChild, canSeeChild, PERMISSIONS, type Actor } from '../../src/domain/access.ts';
import { STAFF_ROLES } from '../../src/domain/register.ts';

const actor = (role: Actor['role'], team: string | null = null): Actor => ({ id: 1, role, team });

describe('access to a child', () => {
  it('an IRO sees only children allocated to them or that they cover', () => {
    expect(canSeeChild(actor('iro'), { isIroOrCover: true, childTeam: null })).toBe(true);
    expect(canSeeChild(actor('iro'), { isIroOrCover: false, childTeam: null })).toBe(false);
  });
  it('a social work team manager sees the children of their own team only', () => {
    expect(canSeeChild(actor('team_manager', 'North'), { isIroOrCover: false, childTeam: 'North' })).toBe(true);
    expect(canSeeChild(actor('team_manager', 'North'), { isIroOrCover: false, childTeam: 'South' })).toBe(false);
    expect(canSeeChild(actor('team_manager', null), { isIroOrCover: false, childTeam: null })).toBe(false);
  });
  it('managers and business support see every child; analysts and administrators none', () => {
    const none = { isIroOrCover: false, childTeam: null };
    expect(canSeeChild(actor('iro_manager'), none)).toBe(true);
    expect(canSeeChild(actor('business_support'), none)).toBe(true);
    expect(canSeeChild(actor('head_of_service'), none)).toBe(true);
    expect(canSeeChild(actor('analyst'), { isIroOrCover: true, childTeam: null })).toBe(false);
    expect(canSeeChild(actor('administrator'), { isIroOrCover: true, childTeam: null })).toBe(false);
  });
  it('every action names only real roles, and every role can do something', () => {
    for (const roles of Object.values(PERMISSIONS)) for (const r of roles) expect(STAFF_ROLES).toContain(r);
    for (const role of STAFF_ROLES) expect(Object.keys(PERMISSIONS).some((a) => can(actor(role), a as keyof typeof PERMISSIONS))).toBe(true);
  });
  it('only the IRO or a manager records a review; business support books it', () => {
    const rel = { isIroOrCover: true, childTeam: null };
    expect(canActOnChild(actor('iro'), 'review.record', rel)).toBe(true);
    expect(canActOnChild(actor('business_support'), 'review.record', rel)).toBe(false);
    expect(canActOnChild(actor('business_support'), 'review.book', rel)).toBe(true);
  });
});
