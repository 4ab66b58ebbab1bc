// The report's consultation section, worked out by hand: requests sent and returned by who was asked and by
// the child's age group on the review date, the return rate year on year, and children who asked for an
// advocate. Without consultation records every figure shows "not recorded", never zero.

import { describe, expect, it } from 'vitest';
import { buildReportModel } from '../../src/reports/model.ts';
import type { ConsultationRecord } from '../../src/reports/input.ts';
import { handBuiltInput } from './builders.ts';
import { findTable, ids, value } from './lookup.ts';

const sent = (childId: string, respondent: ConsultationRecord['respondent'], sentOn: string, answeredOn: string | null, reviewDate: string, askedForAdvocate = false): ConsultationRecord => ({
  childId,
  respondent,
  reviewDate,
  sentOn,
  answeredOn,
  askedForAdvocate,
});

// A (born 2010-06-15) is 13 at the review of 2023-10-12; D is 8 to 12 (see the hand-built authority); an earlier
// year's request makes the comparison column count rather than show "not recorded".
const RECORDS: ConsultationRecord[] = [
  sent('A', 'child', '2023-09-12', '2023-09-20', '2023-10-12', true),
  sent('A', 'child', '2023-09-12', '2023-09-25', '2023-10-12', true), // a second form: A counted once as asking
  sent('A', 'carer', '2023-09-12', '2023-09-14', '2023-10-12'),
  sent('A', 'parent', '2023-09-12', null, '2023-10-12'),
  sent('A', 'social_worker', '2024-03-20', '2024-04-02', '2024-04-10'), // back after the period: not returned in it
  sent('B', 'child', '2023-06-01', '2023-06-10', '2023-07-03'),
  sent('A', 'child', '2022-09-01', null, '2022-10-10'),
];

describe('the consultation section', () => {
  const model = buildReportModel(handBuiltInput({ consultation: RECORDS }));
  const CURRENT = 'period:2023-04-01';

  it('counts requests sent and returned by who was asked', () => {
    const t = findTable(model, 'consultation.respondents');
    expect([value(t, 'child', 'sent'), value(t, 'child', 'returned'), value(t, 'child', 'rate')]).toEqual([3, 3, 100]);
    expect([value(t, 'parent', 'sent'), value(t, 'parent', 'returned'), value(t, 'parent', 'rate')]).toEqual([1, 0, 0]);
    expect([value(t, 'social_worker', 'sent'), value(t, 'social_worker', 'returned')]).toEqual([1, 0]);
    expect([value(t, 'total', 'sent'), value(t, 'total', 'returned'), value(t, 'total', 'rate')]).toEqual([6, 4, 66.7]);
  });

  it('counts children’s forms by age group on the review date', () => {
    const t = findTable(model, 'consultation.age-groups');
    expect(value(t, '13_plus', 'sent')).toBe(2);
    // B was under 4: children that young are not usually asked, so the one who was is shown apart, not as age unknown.
    expect(value(t, 'under_4', 'sent')).toBe(1);
    expect(t.rows.map((r) => r.key)).not.toContain('unknown');
    expect(value(t, '8_12', 'sent')).toBe(0);
  });

  it('gives the return rate year on year, "not recorded" before the first request', () => {
    const t = findTable(model, 'consultation.return-rate');
    expect(value(t, 'sent', CURRENT)).toBe(6);
    expect(value(t, 'sent', 'period:2022-04-01')).toBe(1);
    expect(value(t, 'rate', 'period:2022-04-01')).toBe(0);
    expect(value(t, 'sent', 'period:2021-04-01')).toBe('not recorded');
  });

  it('lists the children who asked for an advocate, each once', () => {
    expect(findTable(model, 'consultation.advocates').rows.map((r) => r.key)).toEqual(['advocate:A']);
    const t = findTable(model, 'consultation.advocacy');
    expect(ids(t, 'asked', 'children')).toEqual(['A']);
    expect(ids(t, 'answered', 'children')).toEqual(['A', 'B']);
    expect(value(t, 'share', 'children')).toBe(50);
    expect(model.sections.find((s) => s.id === 'consultation')!.summary).toEqual(['6 consultation forms were sent in 2023-24 and 4 returned (66.7%).', '1 child asked for an advocate on their form.']);
  });

  it('shows not recorded, never zero, without consultation records', () => {
    const bare = buildReportModel(handBuiltInput());
    expect(value(findTable(bare, 'consultation.respondents'), 'total', 'sent')).toBe('not recorded');
    expect(value(findTable(bare, 'consultation.return-rate'), 'rate', CURRENT)).toBe('not recorded');
  });
});
