// The child's participation in a review (SSDA903 REVIEW_CODE): which code fits the child's age, and the
// two measures the reports use. PN0 means "under 4 at the time of the review" and nothing else (DfE rules
// 440 and 441), so a code is checked against the child's age on the review date.

import { ageInYears, type IsoDate } from './dates.ts';
import { PARTICIPATION_CODE, type ParticipationCode } from './codes.ts';

/** Codes counted as "contributed": the child's views reached the review (over children aged 4+). */
export const CONTRIBUTED_CODES: readonly ParticipationCode[] = ['PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6'];
/** Codes counted as "attended" (over children aged 4+). */
export const ATTENDED_CODES: readonly ParticipationCode[] = ['PN1', 'PN2', 'PN3', 'PN4'];

export type ParticipationProblem =
  | { code: 'UNKNOWN_CODE'; message: string }
  | { code: 'PN0_AGED_4_OR_OVER'; message: string }
  | { code: 'UNDER_4_NOT_PN0'; message: string };

/** Null when the code fits; otherwise what is wrong, in words a user can act on. */
export function checkParticipationCode(code: string, dateOfBirth: IsoDate | null, reviewDate: IsoDate): ParticipationProblem | null {
  // An unknown code is reported before any date is read.
  if (dateOfBirth === null || !PARTICIPATION_CODE.has(code)) return checkParticipationCodeAtAge(code, null);
  return checkParticipationCodeAtAge(code, ageInYears(dateOfBirth, reviewDate));
}

/** checkParticipationCode() with the child's age on the review date (null when not known), worked out by the caller. */
export function checkParticipationCodeAtAge(code: string, age: number | null): ParticipationProblem | null {
  if (!PARTICIPATION_CODE.has(code)) {
    return { code: 'UNKNOWN_CODE', message: `"${code}" is not a participation code (PN0 to PN7)` };
  }
  if (age === null) return null;
  if (code === 'PN0' && age >= 4) {
    return { code: 'PN0_AGED_4_OR_OVER', message: `PN0 is only for a child under 4; the child was ${age} on the review date` };
  }
  if (code !== 'PN0' && age < 4) {
    return { code: 'UNDER_4_NOT_PN0', message: 'The child was under 4 on the review date, so the code must be PN0' };
  }
  return null;
}
