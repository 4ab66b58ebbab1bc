// An error the CLI reports as one line and a non-zero exit, without a stack trace.
export class CliError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}
