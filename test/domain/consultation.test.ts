// The rules of consultation: forms by age, send and reminder dates, when a link works, what is stored of
// what is posted, and when PN6 is suggested.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FORMS,
  FORM_VERSIONS,
  ageGroupFor,
  answersInWords,
  askedForAdvocate,
  childFormVersionFor,
  defaultSendDate,
  linkState,
  readAnswers,
  reminderDate,
  reminderDue,
  sendDateProblem,
  sendingProblem,
  suggestParticipation,
  symbolsUsed,
  versionsFor,
} from '../../src/domain/consultation.ts';
import { defaultSettings } from '../../src/domain/settings.ts';

const settings = defaultSettings();

describe('the child’s form by age on the review date', () => {
  it('is none under 4, then 4 to 7, 8 to 12, 13 and over', () => {
    expect([3, 4, 7, 8, 12, 13, 17].map(childFormVersionFor)).toEqual([null, 'age_4_7', 'age_4_7', 'age_8_12', 'age_8_12', 'age_13_plus', 'age_13_plus']);
    expect(childFormVersionFor(null)).toBeNull();
    expect([4, 8, 13].map(ageGroupFor)).toEqual(['4_7', '8_12', '13_plus']);
  });
  it('offers the easy-read form to children and one form to each adult', () => {
    expect(versionsFor('child')).toEqual(['age_4_7', 'age_8_12', 'age_13_plus', 'easy_read']);
    expect(versionsFor('carer')).toEqual(['carer']);
  });
  it('asks every child what the seed reports ask: going well, worries, wishes, who comes, where and how, advocacy', () => {
    for (const version of ['age_4_7', 'age_8_12', 'age_13_plus', 'easy_read'] as const) {
      const ids = FORMS[version].questions.map((q) => q.id);
      for (const id of ['goingWell', 'worries', 'whoComes', 'whereHow', 'advocate', 'attend']) expect(ids, `${version} asks ${id}`).toContain(id);
    }
    for (const version of ['age_8_12', 'age_13_plus'] as const) expect(FORMS[version].questions.map((q) => q.id)).toContain('chairPart');
  });
  it('has a picture for every symbol a form uses', () => {
    const folder = path.join(import.meta.dirname, '../../src/web/public/symbols');
    for (const name of symbolsUsed()) expect(fs.existsSync(path.join(folder, `${name}.svg`)), name).toBe(true);
  });
});

describe('send and reminder dates', () => {
  it('sends 30 days before the review, or today when that has passed; reminds a week before', () => {
    expect(defaultSendDate('2024-07-01', '2024-05-01', settings)).toBe('2024-06-01');
    expect(defaultSendDate('2024-07-01', '2024-06-20', settings)).toBe('2024-06-20');
    expect(reminderDate('2024-07-01', settings)).toBe('2024-06-24');
  });
  it('refuses a send date in the past or after the review', () => {
    expect(sendDateProblem('2024-06-02', '2024-07-01', '2024-06-03')).toMatch(/today or in the future/);
    expect(sendDateProblem('2024-07-02', '2024-07-01', '2024-06-03')).toMatch(/on or before/);
    expect(sendDateProblem('2024-07-01', '2024-07-01', '2024-06-03')).toBeNull();
  });
  it('reminds once, by e-mail, someone who has not answered, only when the request went before the reminder date', () => {
    const base = { byEmail: true, firstSentOn: '2024-06-01', answered: false, reminderQueued: false, reviewStatus: 'booked' as const, reviewDate: '2024-07-01', today: '2024-06-24', settings };
    expect(reminderDue(base)).toBe(true);
    expect(reminderDue({ ...base, today: '2024-06-23' })).toBe(false);
    expect(reminderDue({ ...base, today: '2024-07-02' })).toBe(false);
    expect(reminderDue({ ...base, answered: true })).toBe(false);
    expect(reminderDue({ ...base, reminderQueued: true })).toBe(false);
    expect(reminderDue({ ...base, byEmail: false })).toBe(false);
    expect(reminderDue({ ...base, firstSentOn: '2024-06-24' })).toBe(false);
    expect(reminderDue({ ...base, firstSentOn: null })).toBe(false);
    expect(reminderDue({ ...base, reviewStatus: 'cancelled' })).toBe(false);
  });
});

describe('a link', () => {
  const open = { answered: false, reviewStatus: 'booked' as const, reviewDate: '2024-07-01', today: '2024-06-03' };
  it('works until the end of the review date, then expires', () => {
    expect(linkState(open)).toBe('open');
    expect(linkState({ ...open, today: '2024-07-01' })).toBe('open');
    expect(linkState({ ...open, today: '2024-07-02' })).toBe('expired');
    expect(linkState({ ...open, reviewStatus: 'held' })).toBe('expired');
  });
  it('is closed when the review is cancelled, and only says thank you once answered', () => {
    expect(linkState({ ...open, reviewStatus: 'cancelled' })).toBe('closed');
    expect(linkState({ ...open, answered: true, today: '2025-01-01' })).toBe('answered');
  });
});

describe('answers', () => {
  it('keep only the form’s own questions and choices; blanks are left out', () => {
    const { answers, problems } = readAnswers('age_8_12', {
      goingWell: '  School  ',
      worries: '',
      whoComes: ['carer', 'teacher', 'carer'],
      attend: 'part',
      feelingsHome: 'happy', // not on this form
      childId: 'B2',
      _csrf: 'x',
    });
    expect(problems).toEqual([]);
    expect(answers).toEqual({ goingWell: 'School', whoComes: ['carer', 'teacher'], attend: 'part' });
  });
  it('refuse a choice not on the list, two choices for one, and very long text', () => {
    const { problems } = readAnswers('age_8_12', { attend: ['yes', 'no'], advocate: 'maybe-later', goingWell: 'x'.repeat(3001) });
    expect(problems.map((p) => p.field).sort()).toEqual(['advocate', 'attend', 'goingWell']);
  });
  it('need at least one answer to be sent, none to be saved', () => {
    expect(sendingProblem({})).not.toBeNull();
    expect(sendingProblem({ goingWell: 'Good' })).toBeNull();
  });
  it('read back in the words the person was asked', () => {
    expect(answersInWords('parent', { attend: 'not_sure', goingWell: 'Settled' })).toEqual([
      { question: 'What do you think is going well for your child?', answer: ['Settled'] },
      { question: 'Will you come to the review?', answer: ['Not sure yet'] },
    ]);
  });
  it('count a child’s request for an advocate, not an adult’s', () => {
    expect(askedForAdvocate('age_13_plus', { advocate: 'yes' })).toBe(true);
    expect(askedForAdvocate('age_13_plus', { advocate: 'have_one' })).toBe(false);
    expect(askedForAdvocate('parent', { advocate: 'yes' })).toBe(false);
  });
  it('use question ids each form declares once', () => {
    for (const version of FORM_VERSIONS) {
      const ids = FORMS[version].questions.map((q) => q.id);
      expect(new Set(ids).size, version).toBe(ids.length);
    }
  });
});

describe('the participation code suggested', () => {
  const facts = { ageOnReviewDate: 10, childFormReturned: true, childAttended: false, recordedCode: null };
  it('is PN6 when the child’s form came back and the child did not attend', () => {
    expect(suggestParticipation(facts)).toEqual({ code: 'PN6', onlyIfChildDoesNotAttend: false });
    expect(suggestParticipation({ ...facts, recordedCode: 'PN7' })).toEqual({ code: 'PN6', onlyIfChildDoesNotAttend: false });
  });
  it('is PN6 if the child does not attend, before the meeting is recorded', () => {
    expect(suggestParticipation({ ...facts, childAttended: null })).toEqual({ code: 'PN6', onlyIfChildDoesNotAttend: true });
  });
  it('is nothing when the child attended, had no form back, is under 4, or the code already says so', () => {
    expect(suggestParticipation({ ...facts, childAttended: true })).toBeNull();
    expect(suggestParticipation({ ...facts, childFormReturned: false })).toBeNull();
    expect(suggestParticipation({ ...facts, ageOnReviewDate: 3 })).toBeNull();
    expect(suggestParticipation({ ...facts, recordedCode: 'PN6' })).toBeNull();
    expect(suggestParticipation({ ...facts, recordedCode: 'PN5' })).toBeNull();
  });
});
