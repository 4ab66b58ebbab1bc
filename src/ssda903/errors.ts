// Errors and problems of the SSDA903 return. A problem is one thing wrong with the files (a column missing,
// a date that is not a date, a code the collection year does not know); every one is collected so a user
// can correct a return in one pass. An Ssda903Error stops a command: its code is stable for the CLI and web.

export type ProblemCode =
  | 'UNREADABLE_FILE'
  | 'NOT_CSV'
  | 'EMPTY_FILE'
  | 'UNKNOWN_TABLE'
  | 'MISSING_COLUMN'
  | 'DUPLICATE_COLUMN'
  | 'UNKNOWN_COLUMN'
  | 'CSV_SYNTAX'
  | 'WRONG_FIELD_COUNT'
  | 'BLANK_REQUIRED'
  | 'BAD_DATE'
  | 'UNKNOWN_CODE'
  | 'BAD_NUMBER'
  | 'CHILD_NOT_IN_HEADER'
  | 'DUPLICATE_CHILD'
  | 'DUPLICATE_ROW'
  | 'MISSING_TABLE'
  | 'YEAR_UNKNOWN';

/** Errors stop an import (nothing is stored); warnings are reported and the import goes on. */
export type Severity = 'error' | 'warning';

export interface StructuralProblem {
  code: ProblemCode;
  severity: Severity;
  file: string;
  /** 1-based line in the file as a spreadsheet or editor shows it; the header is row 1; null for the whole file. */
  row: number | null;
  column: string | null;
  value: string | null;
  reason: string;
}

export type Ssda903ErrorCode =
  | 'SSDA903_NO_FILES'
  | 'SSDA903_BAD_YEAR'
  | 'SSDA903_YEAR_UNKNOWN'
  | 'SSDA903_STRUCTURE'
  | 'SSDA903_OUTPUT';

export class Ssda903Error extends Error {
  readonly code: Ssda903ErrorCode;
  readonly problems: readonly StructuralProblem[];
  constructor(code: Ssda903ErrorCode, message: string, problems: readonly StructuralProblem[] = []) {
    super(message);
    this.name = 'Ssda903Error';
    this.code = code;
    this.problems = problems;
  }
}

/** One line a person can act on: where, which field, what was there, what is wrong. */
export function describeProblem(problem: StructuralProblem): string {
  const where = problem.row === null ? problem.file : `${problem.file} row ${problem.row}`;
  const field = problem.column ? `, ${problem.column}` : '';
  const value = problem.value !== null && problem.value !== '' ? ` "${problem.value}"` : '';
  return `${where}${field}${value}: ${problem.reason}`;
}
