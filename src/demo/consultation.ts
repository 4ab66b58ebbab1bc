// Consultation in the demo authority: for reviews held in the last year and reviews booked now, requests for
// views to the child (from 4, by age; some easy-read), parents, carers and the social worker, sent 30 days
// before by e-mail or as printed links, with answers coming back at rates like those the IRO reports describe
// (carers and social workers most often, parents least). Pure and seeded: the same reviews and seed give the
// same requests and answers. E-mail addresses are on the reserved .invalid domain, so none can be delivered.

import { addDays, ageInYears, type IsoDate } from '../domain/dates.ts';
import { FORMS, childFormVersionFor, defaultSendDate, type Answers, type FormVersion, type RespondentType } from '../domain/consultation.ts';
import type { ReviewStatus } from '../domain/register.ts';
import type { AuthoritySettings } from '../domain/settings.ts';
import { Random } from './random.ts';

export interface DemoReview {
  reviewId: number;
  childId: string;
  dateOfBirth: IsoDate | null;
  status: ReviewStatus;
  /** Held, else booked. */
  date: IsoDate;
}

export interface DemoRequest {
  reviewId: number;
  childId: string;
  respondent: RespondentType;
  formVersion: FormVersion;
  respondentLabel: string | null;
  channel: 'email' | 'print';
  email: string | null;
  sendOn: IsoDate;
  firstSentOn: IsoDate | null;
  queuedAt: string | null;
  answers: Answers | null;
  answeredOn: IsoDate | null;
}

/** Chance each is asked, chance they answer, and chance they are e-mailed rather than given a printed link. */
const HABITS: Record<RespondentType, { asked: number; answers: number; email: number; label: string[] }> = {
  child: { asked: 0.95, answers: 0.55, email: 0.35, label: [''] },
  parent: { asked: 0.7, answers: 0.35, email: 0.6, label: ['Mum', 'Dad', 'Mother', 'Father'] },
  carer: { asked: 0.9, answers: 0.7, email: 0.9, label: ['Foster carer', 'Key worker', 'Carers'] },
  social_worker: { asked: 0.85, answers: 0.8, email: 1, label: ['Social worker'] },
};

const WORDS: Record<string, string[]> = {
  'child:goingWell': ['I like my football club', 'School is better this year', 'I get on well with my carers', 'Seeing my nan', 'My new bedroom', 'Swimming on Saturdays', 'I made a new friend'],
  'child:worries': ['I don’t see my brother enough', 'Moving school', 'I worry about my mum', 'Sometimes I feel left out', 'Nothing at the moment'],
  'child:wishes': ['To see my brother more', 'To stay where I am', 'To go to college', 'More time with my friends', 'To choose when I see my dad'],
  'child:notWanted': ['Nobody', 'Too many people I don’t know'],
  'child:whereHowMore': ['After school please', 'Not too long', 'Can I bring my dog'],
  'parent:goingWell': ['She seems settled', 'He is doing well at school', 'Family time has been regular'],
  'parent:worries': ['Family time was cancelled twice', 'I am worried about his behaviour', 'I am not told about school reports'],
  'parent:wishes': ['More family time at weekends', 'To be kept informed', 'For her to come home'],
  'parent:contact': ['Going well', 'The sessions are too short', 'Some sessions were cancelled'],
  'parent:needs': ['An interpreter', 'Help with travel', 'No'],
  'parent:whoElse': ['Grandmother', 'No'],
  'carer:goingWell': ['Settled well and making friends', 'Sleeping better', 'Enjoys her clubs'],
  'carer:schoolHealth': ['Attendance is good', 'Waiting for a dentist appointment', 'The PEP is up to date'],
  'carer:worries': ['Late nights at weekends', 'Anxious before family time', 'None'],
  'carer:childViews': ['Wants more contact with siblings', 'Would like to stay here', 'Wants a later bedtime'],
  'carer:wishes': ['Respite support', 'Help with school transport', 'Training on managing anxiety'],
  'social_worker:goingWell': ['Placement stable; school attendance improved', 'Life story work has started', 'Health assessment completed'],
  'social_worker:worries': ['Missing episodes over the summer', 'Contact with father is inconsistent', 'No current concerns'],
  'social_worker:childViews': ['Wants to stay with carers', 'Wants more contact with siblings', 'Wants to move closer to school'],
  'social_worker:wishes': ['Continue the current plan', 'Refer for therapeutic support', 'Review family time arrangements'],
  'social_worker:whoElse': ['Virtual school head', 'No one else'],
};

function answer(r: Random, respondent: RespondentType, version: FormVersion): Answers {
  const answers: Answers = {};
  for (const q of FORMS[version].questions) {
    if (!r.chance(q.kind === 'text' ? 0.7 : 0.85)) continue;
    const choices = (q.choices ?? []).map((c) => c.value);
    if (q.kind === 'text') answers[q.id] = r.pick(WORDS[`${respondent}:${q.id}`] ?? WORDS[`child:${q.id}`] ?? ['Nothing to add']);
    else if (q.id === 'advocate') answers.advocate = r.chance(0.12) ? 'yes' : r.pick(choices.filter((c) => c !== 'yes'));
    else if (q.kind === 'one') answers[q.id] = r.pick(choices);
    else answers[q.id] = choices.filter(() => r.chance(0.4));
  }
  // Nobody sends an empty form: the form asks for at least one answer.
  if (Object.keys(answers).length === 0) answers.goingWell = r.pick(WORDS[`${respondent}:goingWell`] ?? ['Nothing to add']);
  return answers;
}

/** The requests for the reviews given, in order of child and review date so the result does not depend on theirs. */
export function planDemoConsultation(reviews: readonly DemoReview[], options: { seed: number; asOf: IsoDate; settings: Pick<AuthoritySettings, 'consultationDaysBefore'> }): DemoRequest[] {
  const r = new Random(options.seed, 'consultation');
  const sorted = [...reviews].sort((a, b) => (a.childId < b.childId ? -1 : a.childId > b.childId ? 1 : a.date < b.date ? -1 : a.date > b.date ? 1 : a.reviewId - b.reviewId));
  const out: DemoRequest[] = [];
  for (const review of sorted) {
    const age = review.dateOfBirth === null ? null : ageInYears(review.dateOfBirth, review.date);
    const childVersion = childFormVersionFor(age);
    const sendOn = addDays(review.date, -options.settings.consultationDaysBefore);
    for (const respondent of ['child', 'parent', 'carer', 'social_worker'] as const) {
      const habit = HABITS[respondent];
      if (!r.chance(habit.asked)) continue;
      if (respondent === 'child' && childVersion === null) continue;
      const version: FormVersion = respondent !== 'child' ? respondent : r.chance(0.08) ? 'easy_read' : childVersion!;
      const email = r.chance(respondent === 'child' && version !== 'age_13_plus' ? 0 : habit.email);
      const sent = sendOn <= options.asOf;
      const answeredOn = addDays(sendOn, r.int(1, options.settings.consultationDaysBefore));
      const answered = sent && r.chance(habit.answers) && answeredOn <= options.asOf && answeredOn <= review.date;
      const label = r.pick(habit.label);
      out.push({
        reviewId: review.reviewId,
        childId: review.childId,
        respondent,
        formVersion: version,
        respondentLabel: label === '' ? null : label,
        channel: email ? 'email' : 'print',
        email: email ? `${respondent.replace('_', '-')}.${review.childId.toLowerCase()}@example.invalid` : null,
        sendOn: sent ? sendOn : defaultSendDate(review.date, options.asOf, options.settings),
        firstSentOn: sent ? sendOn : null,
        queuedAt: sent && email ? `${sendOn}T08:00:00.000Z` : null,
        answers: answered ? answer(r, respondent, version) : null,
        answeredOn: answered ? answeredOn : null,
      });
    }
  }
  return out;
}
