// The register's typed errors. Each carries a stable code the web edge and the CLI map to a status and a
// message once; messages name the database or the kind of record, never a password or a child's details.

export type DatabaseErrorCode =
  /** DATABASE_URL is not a URL we can read. */
  | 'DATABASE_URL_INVALID'
  /** The SQLite path names a folder, not a file. */
  | 'DATABASE_PATH_IS_FOLDER'
  /** The file exists but is not a SQLite database. */
  | 'DATABASE_NOT_SQLITE'
  /** The SQLite file (or its folder) cannot be created, read or written. */
  | 'DATABASE_CANNOT_OPEN'
  /** The PostgreSQL server refused the connection or could not be reached. */
  | 'DATABASE_UNREACHABLE'
  /** The PostgreSQL server turned the user or password down. */
  | 'DATABASE_ACCESS_DENIED'
  /** The PostgreSQL server has no database of that name. */
  | 'DATABASE_DOES_NOT_EXIST'
  | 'DATABASE_MIGRATION_FAILED'
  /** A write broke one of the register's rules (a check, a unique value or a reference to another record). */
  | 'CONSTRAINT_VIOLATED'
  /** Records handed over for saving contradict themselves (e.g. the same child twice). */
  | 'INVALID_RECORD'
  /** The stored authority settings no longer pass validation. */
  | 'SETTINGS_INVALID';

export class DatabaseError extends Error {
  override readonly name = 'DatabaseError';
  constructor(
    readonly code: DatabaseErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type RecordKind = 'child' | 'staff member' | 'review' | 'report' | 'report figure';

/** A `get*` function found nothing: the web edge shows "not found". */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  readonly code = 'NOT_FOUND';
  constructor(readonly kind: RecordKind) {
    super(`No such ${kind} in the register`);
  }
}

export type ConflictCode =
  /** Someone else changed the record since it was read (optimistic concurrency). */
  | 'RECORD_CHANGED'
  /** Another staff member already has that email address. */
  | 'EMAIL_IN_USE'
  /** A new IRO allocation would start before the child's current one. */
  | 'ALLOCATION_BEFORE_CURRENT'
  /** A report with snapshots is the record of what was presented, so it is not deleted. */
  | 'REPORT_HAS_SNAPSHOTS';

/** The change cannot be made as asked because of the register's current state. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(
    readonly code: ConflictCode,
    message: string,
  ) {
    super(message);
  }
}

const SQLITE_CONSTRAINT = /^SQLITE_CONSTRAINT/;
// PostgreSQL's class 23 (integrity constraint violation) and class 22 (data exception: an impossible date, a
// number that does not fit), which SQLite reports as a broken CHECK instead.
const POSTGRES_CONSTRAINT = /^2[23]/;

function driverCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether a driver error (SQLite or PostgreSQL) is a broken constraint. */
export function isConstraintViolation(error: unknown): boolean {
  const code = driverCode(error);
  return code !== undefined && (SQLITE_CONSTRAINT.test(code) || POSTGRES_CONSTRAINT.test(code));
}

/** Whether a driver error is a duplicate value in a unique column. */
export function isUniqueViolation(error: unknown): boolean {
  const code = driverCode(error);
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/**
 * Turns a broken constraint into a DatabaseError. PostgreSQL puts the failing row (personal data) in the
 * error's detail, so the message is our own and the driver's error only travels as the cause.
 */
export function constraintError(error: unknown, what: string): unknown {
  if (!isConstraintViolation(error)) return error;
  const code = driverCode(error) ?? '';
  const rule = code.startsWith('SQLITE_CONSTRAINT_') ? code.slice('SQLITE_CONSTRAINT_'.length).toLowerCase() : postgresRule(code);
  return new DatabaseError('CONSTRAINT_VIOLATED', `${what} broke a rule of the register (${rule})`, { cause: error });
}

function postgresRule(code: string): string {
  switch (code) {
    case '23502':
      return 'notnull';
    case '23503':
      return 'foreignkey';
    case '23505':
      return 'unique';
    case '23514':
      return 'check';
    case '22007':
    case '22008':
      return 'date';
    default:
      return code.startsWith('22') ? 'value' : 'constraint';
  }
}
