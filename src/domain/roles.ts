// The roles of the people who use IRO Desk, in their own words.
import type { StaffRole } from './register.ts';

export const ROLE_LABELS: Record<StaffRole, string> = {
  iro: 'Independent Reviewing Officer',
  iro_manager: 'IRO manager',
  business_support: 'Business support',
  team_manager: 'Social work team manager',
  head_of_service: 'Head of service',
  analyst: 'Performance analyst',
  administrator: 'Administrator',
};
