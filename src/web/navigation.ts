// The service navigation each role sees: only the pages their role opens.
import { can, type Action } from '../domain/access.ts';
import type { SignedInUser } from './user.ts';

const ITEMS: { href: string; text: string; action: Action | 'signedIn' }[] = [
  { href: '/caseload', text: 'My caseload', action: 'caseload.view' },
  { href: '/dashboard', text: 'Service dashboard', action: 'dashboard.view' },
  { href: '/children', text: 'Children', action: 'child.view' },
  { href: '/challenges', text: 'Challenges', action: 'dispute.area' },
  { href: '/reports', text: 'Reports', action: 'report.view' },
  { href: '/imports', text: 'Import SSDA903', action: 'ssda903.import' },
  { href: '/admin/accounts', text: 'Accounts', action: 'accounts.manage' },
  { href: '/account/password', text: 'Change password', action: 'signedIn' },
];

export function navigationFor(user: SignedInUser, currentUrl: string) {
  return ITEMS.filter((item) => item.action === 'signedIn' || can(user, item.action)).map((item) => ({
    href: item.href,
    text: item.text,
    active: currentUrl === item.href || currentUrl.startsWith(`${item.href}/`) || currentUrl.startsWith(`${item.href}?`),
  }));
}
