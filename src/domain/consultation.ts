// The rules of consultation before a review: which form a child gets for their age, when requests and
// reminders go out, when a link stops working, what counts as an answer, and the participation code the
// review should consider when the child's views reached it only through their form (PN6). Pure functions
// over plain data; the forms' questions are in consultation-forms.ts.

import { addDays, ageInYears, maxDate, type IsoDate } from './dates.ts';
import type { ParticipationCode } from './codes.ts';
import type { ReviewStatus } from './register.ts';
import type { AuthoritySettings } from './settings.ts';
import { FORMS, type ChildFormVersion, type FormVersion, type QuestionId, type RespondentType } from './consultation-forms.ts';

export * from './consultation-forms.ts';

/** A written answer longer than this is refused, so one answer cannot fill the database. */
export const ANSWER_MAX_LENGTH = 3000;

/** Answers by question id: text, one choice, or a list of choices. */
export type Answers = Partial<Record<QuestionId, string | string[]>>;

export type AgeGroup = '4_7' | '8_12' | '13_plus';
export const AGE_GROUPS = ['4_7', '8_12', '13_plus'] as const satisfies readonly AgeGroup[];
export const AGE_GROUP_LABELS: Readonly<Record<AgeGroup, string>> = { '4_7': 'Aged 4 to 7', '8_12': 'Aged 8 to 12', '13_plus': 'Aged 13 and over' };

/** The age group a child's views are counted in; null under 4, who are not asked with a form (PN0). */
export function ageGroupFor(age: number | null): AgeGroup | null {
  if (age === null || age < 4) return null;
  if (age <= 7) return '4_7';
  if (age <= 12) return '8_12';
  return '13_plus';
}

/** The child's age on the review date, or null when the date of birth is not recorded. */
export function ageOnReviewDate(dateOfBirth: IsoDate | null, reviewDate: IsoDate): number | null {
  return dateOfBirth === null ? null : ageInYears(dateOfBirth, reviewDate);
}

const VERSION_BY_GROUP: Readonly<Record<AgeGroup, ChildFormVersion>> = { '4_7': 'age_4_7', '8_12': 'age_8_12', '13_plus': 'age_13_plus' };

/**
 * The child's form for their age on the review date. Null for a child under 4 (no form: the review records
 * PN0) or with no date of birth (staff choose). Staff may choose the easy-read form instead for any child.
 */
export function childFormVersionFor(age: number | null): ChildFormVersion | null {
  const group = ageGroupFor(age);
  return group === null ? null : VERSION_BY_GROUP[group];
}

export function respondentOf(version: FormVersion): RespondentType {
  return FORMS[version].respondent;
}

/** Which form versions may be sent to a kind of respondent. */
export function versionsFor(respondent: RespondentType): FormVersion[] {
  return Object.values(FORMS)
    .filter((f) => f.respondent === respondent)
    .map((f) => f.version);
}

/** The day requests go out by default: the authority's days before the review, or today if that has passed. */
export function defaultSendDate(reviewDate: IsoDate, today: IsoDate, settings: Pick<AuthoritySettings, 'consultationDaysBefore'>): IsoDate {
  return maxDate(today, addDays(reviewDate, -settings.consultationDaysBefore));
}

/** The day a reminder goes to anyone who has not answered. */
export function reminderDate(reviewDate: IsoDate, settings: Pick<AuthoritySettings, 'consultationReminderDaysBefore'>): IsoDate {
  return addDays(reviewDate, -settings.consultationReminderDaysBefore);
}

/** What is wrong with a chosen send date, in words for the form; null when it is fine. */
export function sendDateProblem(sendOn: IsoDate, reviewDate: IsoDate, today: IsoDate): string | null {
  if (sendOn < today) return 'The date to send must be today or in the future';
  if (sendOn > reviewDate) return 'The date to send must be on or before the date of the review';
  return null;
}

/**
 * A reminder goes once, by e-mail, on or after the reminder date and no later than the review, to someone
 * who has not sent their answers; not when the request itself went out on or after the reminder date.
 */
export function reminderDue(facts: {
  byEmail: boolean;
  firstSentOn: IsoDate | null;
  answered: boolean;
  reminderQueued: boolean;
  reviewStatus: ReviewStatus;
  reviewDate: IsoDate | null;
  today: IsoDate;
  settings: Pick<AuthoritySettings, 'consultationReminderDaysBefore'>;
}): boolean {
  if (!facts.byEmail || facts.answered || facts.reminderQueued || facts.firstSentOn === null) return false;
  if (facts.reviewStatus !== 'booked' || facts.reviewDate === null) return false;
  const due = reminderDate(facts.reviewDate, facts.settings);
  return facts.firstSentOn < due && facts.today >= due && facts.today <= facts.reviewDate;
}

/** open: the form can be filled in; answered: only a thank-you; expired: the review date has passed; closed: the review was cancelled. */
export type LinkState = 'open' | 'answered' | 'expired' | 'closed';

export function linkState(facts: { answered: boolean; reviewStatus: ReviewStatus; reviewDate: IsoDate | null; today: IsoDate }): LinkState {
  if (facts.answered) return 'answered';
  if (facts.reviewStatus === 'cancelled' || facts.reviewDate === null) return 'closed';
  if (facts.reviewStatus === 'held' || facts.today > facts.reviewDate) return 'expired';
  return 'open';
}

export interface AnswerProblem {
  field: QuestionId | 'form';
  text: string;
}

/**
 * Reads posted answers against the form: only the form's own questions and choices are kept, so nothing
 * else can be stored through a link. Blank answers are left out. Problems name the question.
 */
export function readAnswers(version: FormVersion, posted: Record<string, unknown>): { answers: Answers; problems: AnswerProblem[] } {
  const answers: Answers = {};
  const problems: AnswerProblem[] = [];
  for (const q of FORMS[version].questions) {
    const raw = posted[q.id];
    if (q.kind === 'text') {
      const value = typeof raw === 'string' ? raw.trim() : '';
      if (value.length > ANSWER_MAX_LENGTH) problems.push({ field: q.id, text: `Your answer must be ${ANSWER_MAX_LENGTH} characters or fewer` });
      else if (value !== '') answers[q.id] = value;
      continue;
    }
    const allowed = new Set((q.choices ?? []).map((c) => c.value));
    const values = (Array.isArray(raw) ? raw : raw === undefined || raw === '' ? [] : [raw]).map(String);
    if (values.some((v) => !allowed.has(v)) || (q.kind === 'one' && values.length > 1)) {
      problems.push({ field: q.id, text: 'Choose from the list' });
      continue;
    }
    if (values.length === 0) continue;
    answers[q.id] = q.kind === 'one' ? values[0]! : [...new Set(values)];
  }
  return { answers, problems };
}

export function hasAnyAnswer(answers: Answers): boolean {
  return Object.keys(answers).length > 0;
}

/** Answers are sent only with something in them; saving a draft needs nothing. */
export function sendingProblem(answers: Answers): AnswerProblem | null {
  return hasAnyAnswer(answers) ? null : { field: 'form', text: 'Answer at least one question before you send your answers' };
}

/** Whether a child's answers ask for an advocate (the report counts these children). */
export function askedForAdvocate(version: FormVersion, answers: Answers): boolean {
  return respondentOf(version) === 'child' && answers.advocate === 'yes';
}

/** Each question answered, with the words the person was asked and their answer in words, for staff to read. */
export function answersInWords(version: FormVersion, answers: Answers): { question: string; answer: string[] }[] {
  const out: { question: string; answer: string[] }[] = [];
  for (const q of FORMS[version].questions) {
    const value = answers[q.id];
    if (value === undefined) continue;
    if (q.kind === 'text') {
      out.push({ question: q.label, answer: [String(value)] });
      continue;
    }
    const labels = new Map((q.choices ?? []).map((c) => [c.value, c.label]));
    out.push({ question: q.label, answer: [value].flat().map((v) => labels.get(v) ?? v) });
  }
  return out;
}

export interface ParticipationSuggestion {
  code: Extract<ParticipationCode, 'PN6'>;
  /** Before the meeting is recorded the suggestion holds only if the child does not come. */
  onlyIfChildDoesNotAttend: boolean;
}

/**
 * PN6 ("does not attend but conveys his or her feelings by a facilitative medium") fits when the child's own
 * form came back and the child did not attend. Nothing is suggested for a child under 4 (PN0), a child who
 * attended (PN1 to PN4), or when the code recorded already says the views reached the review (PN5, PN6).
 */
export function suggestParticipation(facts: {
  ageOnReviewDate: number | null;
  childFormReturned: boolean;
  /** Null while the meeting has not been recorded. */
  childAttended: boolean | null;
  recordedCode: ParticipationCode | null;
}): ParticipationSuggestion | null {
  if (!facts.childFormReturned) return null;
  if (facts.ageOnReviewDate !== null && facts.ageOnReviewDate < 4) return null;
  if (facts.childAttended === true) return null;
  if (facts.recordedCode === 'PN5' || facts.recordedCode === 'PN6') return null;
  return { code: 'PN6', onlyIfChildDoesNotAttend: facts.childAttended === null };
}
