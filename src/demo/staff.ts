// The demo authority's staff and who held each IRO post when. IROs are sized to the handbook's guide
// (about 60 children per full-time IRO, inside 50–70) and work in teams of about eight under an IRO
// manager; some work part time. Over the window some IROs leave and a successor takes over their
// children the same day, so children's allocation histories show realistic changes of IRO.

import type { StaffMember, StaffRole } from '../domain/register.ts';
import { DAYS_PER_YEAR } from './days.ts';
import { STAFF_NAME_GROUPS, type NameGroup } from './names.ts';
import { Random, Weighted } from './random.ts';

export const EMAIL_DOMAIN = 'demo.iro-desk.test';
/** Children per full-time IRO the demo authority staffs to: the middle of the handbook's 50–70. */
export const CHILDREN_PER_FTE = 60;
/** A year's share of IROs who leave and are replaced. */
const IRO_TURNOVER = 0.1;

const IRO_FTE = new Weighted<number>([
  [1, 74],
  [0.8, 14],
  [0.7, 4],
  [0.6, 8],
]);

const TEAM_NAMES = ['North', 'South', 'East', 'West', 'Central', 'Riverside', 'Hillside', 'Parkside', 'Valley', 'Coast'];

export interface IroPost {
  fte: number;
  team: string;
  /** Who held the post from which day, earliest first (the first from the beginning of time). */
  holders: { from: number; staffId: number }[];
}

export interface Workforce {
  staff: StaffMember[];
  posts: IroPost[];
  /** Cumulative FTE of the posts, to pick a post in proportion to its hours. */
  cumulativeFte: Float64Array;
}

export interface WorkforceOptions {
  children: number;
  windowStart: number;
  asOf: number;
  random: Random;
}

function teamName(index: number): string {
  const base = TEAM_NAMES[index % TEAM_NAMES.length]!;
  const round = Math.floor(index / TEAM_NAMES.length);
  return round === 0 ? base : `${base} ${round + 1}`;
}

const STAFF_GROUPS = new Weighted<NameGroup>(STAFF_NAME_GROUPS);

/** Lower-case letters only, as an e-mail local part: "O’Brien" → "obrien", "Wiśniewski" → "wisniewski". */
function emailPart(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

export function buildWorkforce(options: WorkforceOptions): Workforce {
  const { children, windowStart, asOf, random } = options;
  const people: Omit<StaffMember, 'id'>[] = [];
  const emails = new Set<string>();
  const person = (role: StaffRole, team: string | null, fte: number, active: boolean): number => {
    const group = STAFF_GROUPS.sample(random);
    const given = random.chance(0.72) ? random.pick(group.female) : random.pick(group.male);
    const family = random.pick(group.family);
    const local = `${emailPart(given)}.${emailPart(family)}`;
    let email = `${local}@${EMAIL_DOMAIN}`;
    for (let n = 2; emails.has(email); n += 1) email = `${local}${n}@${EMAIL_DOMAIN}`;
    emails.add(email);
    people.push({ name: `${given} ${family}`, email, role, team, fte, active });
    return people.length - 1;
  };

  // IRO posts, enough hours for the children at the guide caseload.
  const fteNeeded = Math.max(0.6, children / CHILDREN_PER_FTE);
  const postFte: number[] = [];
  let total = 0;
  while (total < fteNeeded - 0.3) {
    const fte = IRO_FTE.sample(random);
    postFte.push(fte);
    total += fte;
  }
  if (postFte.length === 0) postFte.push(1);
  const teams = Math.max(1, Math.round(postFte.length / 8));

  // Service managers first, so the people a demo user is most likely to want come first.
  for (let t = 0; t < teams; t += 1) person('iro_manager', teamName(t), 1, true);
  person('head_of_service', 'Safeguarding and Quality Assurance', 1, true);
  for (let i = 0; i < Math.max(1, Math.round(children / 20_000)); i += 1) person('analyst', 'Performance and Intelligence', 1, true);
  person('administrator', 'Digital Services', 1, true);
  for (let i = 0; i < Math.max(1, Math.round(postFte.length / 6)); i += 1) {
    person('business_support', 'IRO Business Support', random.chance(0.2) ? 0.6 : 1, true);
  }
  for (let i = 0; i < Math.max(2, Math.round(children / 250)); i += 1) {
    person('team_manager', `Children in Care Team ${i + 1}`, 1, true);
  }

  // Post holders: one from the start, then turnover through the year before the window and the window.
  const turnoverFrom = windowStart - Math.round(DAYS_PER_YEAR);
  const posts: IroPost[] = postFte.map((fte, i) => ({ fte, team: teamName(i % teams), holders: [] }));
  const pendingHolders: { post: IroPost; from: number; person: number }[] = [];
  for (const post of posts) {
    const timeline: number[] = [Number.NEGATIVE_INFINITY];
    let day = turnoverFrom;
    while (true) {
      day += Math.max(30, Math.round(random.exponential(DAYS_PER_YEAR / IRO_TURNOVER)));
      if (day > asOf) break;
      timeline.push(day);
    }
    timeline.forEach((from, i) => {
      const active = i === timeline.length - 1;
      pendingHolders.push({ post, from, person: person('iro', post.team, post.fte, active) });
    });
  }

  // Ids 1..n in the order people were drawn: managers, the service, then IROs post by post.
  const staff: StaffMember[] = people.map((p, i) => ({ id: i + 1, ...p }));
  for (const h of pendingHolders) h.post.holders.push({ from: h.from, staffId: staff[h.person]!.id! });

  const cumulativeFte = new Float64Array(posts.length);
  let sum = 0;
  posts.forEach((p, i) => {
    sum += p.fte;
    cumulativeFte[i] = sum;
  });
  return { staff, posts, cumulativeFte };
}

/** A post chosen in proportion to its hours, so part-time IROs get proportionately fewer children. */
export function pickPost(workforce: Workforce, random: Random): number {
  const c = workforce.cumulativeFte;
  const u = random.next() * c[c.length - 1]!;
  let lo = 0;
  let hi = c.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (u < c[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Who holds a post on a day, and the day the next holder takes over (Infinity if none). */
export function holderOn(post: IroPost, day: number): { staffId: number; until: number } {
  const holders = post.holders;
  let i = holders.length - 1;
  while (i > 0 && holders[i]!.from > day) i -= 1;
  const next = holders[i + 1];
  return { staffId: holders[i]!.staffId, until: next ? next.from : Number.POSITIVE_INFINITY };
}
