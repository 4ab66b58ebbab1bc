// Who may do what. Each action lists the roles allowed it, in one table the compiler checks; access to a
// child's record also needs a working relationship with the child (their IRO or cover, the social work
// team manager of their team), except for roles that work across the whole service. Someone without that
// relationship is told the child is not found, so the register does not reveal who is in care.

import type { StaffRole } from './register.ts';

export type Action =
  | 'child.view'
  | 'child.create'
  | 'child.allocate'
  | 'child.audit'
  | 'review.book'
  | 'review.rearrange'
  | 'review.record'
  | 'review.issue'
  | 'review.query'
  | 'action.complete'
  | 'note.add'
  | 'caseload.view'
  | 'caseload.others'
  | 'dashboard.view'
  | 'dashboard.childLists'
  | 'accounts.manage'
  | 'report.view'
  | 'report.childLists'
  | 'report.write'
  | 'report.delete'
  | 'ssda903.import'
  | 'dispute.area'
  | 'challenge.view'
  | 'challenge.raise'
  | 'challenge.respond'
  | 'protocol.configure'
  | 'compliment.add'
  | 'compliment.view'
  | 'consultation.send'
  | 'consultation.read';

export const PERMISSIONS = {
  'child.view': ['iro', 'iro_manager', 'business_support', 'team_manager', 'head_of_service'],
  'child.create': ['iro_manager', 'business_support'],
  'child.allocate': ['iro_manager'],
  'child.audit': ['iro_manager', 'head_of_service'],
  'review.book': ['iro', 'iro_manager', 'business_support'],
  'review.rearrange': ['iro', 'iro_manager', 'business_support'],
  'review.record': ['iro', 'iro_manager'],
  'review.issue': ['iro', 'iro_manager', 'business_support'],
  'review.query': ['team_manager'],
  'action.complete': ['iro', 'iro_manager', 'business_support', 'team_manager'],
  'note.add': ['iro', 'iro_manager'],
  'caseload.view': ['iro', 'iro_manager'],
  'caseload.others': ['iro_manager'],
  'dashboard.view': ['iro_manager', 'head_of_service', 'business_support', 'analyst'],
  'dashboard.childLists': ['iro_manager', 'head_of_service', 'business_support'],
  'accounts.manage': ['administrator'],
  'report.view': ['iro_manager', 'head_of_service', 'analyst'],
  // The report's lists that name children (and the CSV of reviews behind its figures), for the roles that work
  // with every child; others see the figures alone (decision 11).
  'report.childLists': ['iro_manager', 'head_of_service'],
  // The report is the IRO manager's to councillors: its narrative and the versions kept for committee are written by
  // managers; an analyst starts reports and downloads the figures.
  'report.write': ['iro_manager', 'head_of_service'],
  // A report started by mistake is deleted by a manager; one with snapshots is kept (decision 0008).
  'report.delete': ['iro_manager', 'head_of_service'],
  'ssda903.import': ['iro_manager', 'analyst'],
  // Dispute resolution: everyone with a part in it reaches its area, each landing on their part (the
  // register, the challenges sent to them, or the protocol); those addressed see only their own challenges.
  'dispute.area': ['iro', 'iro_manager', 'team_manager', 'head_of_service', 'administrator'],
  'challenge.view': ['iro', 'iro_manager', 'head_of_service'],
  'challenge.raise': ['iro', 'iro_manager'],
  'challenge.respond': ['team_manager', 'head_of_service'],
  'protocol.configure': ['administrator'],
  'compliment.add': ['iro', 'iro_manager'],
  'compliment.view': ['iro', 'iro_manager', 'head_of_service'],
  // Consultation: business support and IROs send the forms; only the child's IRO (or cover) and IRO managers
  // read the answers, which are the child's and family's own words.
  'consultation.send': ['iro', 'iro_manager', 'business_support'],
  'consultation.read': ['iro', 'iro_manager'],
} as const satisfies Record<Action, readonly StaffRole[]>;

/** Roles that work with every child of the service, not only those allocated to them. */
export const SERVICE_WIDE_ROLES: readonly StaffRole[] = ['iro_manager', 'business_support', 'head_of_service'];

export interface Actor {
  id: number;
  role: StaffRole;
  team: string | null;
}

/** What links the actor to a child, worked out from the register by the caller. */
export interface ChildRelationship {
  /** The child's current IRO, or an IRO covering for them. */
  isIroOrCover: boolean;
  /** The social work team the child belongs to. */
  childTeam: string | null;
}

export function can(actor: Actor, action: Action): boolean {
  return (PERMISSIONS[action] as readonly StaffRole[]).includes(actor.role);
}

/** Whether the actor may see the child at all; if not, the child is "not found" to them. */
export function canSeeChild(actor: Actor, relationship: ChildRelationship): boolean {
  if (!can(actor, 'child.view')) return false;
  if (SERVICE_WIDE_ROLES.includes(actor.role)) return true;
  if (actor.role === 'iro') return relationship.isIroOrCover;
  if (actor.role === 'team_manager') return actor.team !== null && actor.team === relationship.childTeam;
  return false;
}

/** Whether the actor may take an action on a child they can see. */
export function canActOnChild(actor: Actor, action: Action, relationship: ChildRelationship): boolean {
  return can(actor, action) && canSeeChild(actor, relationship);
}
