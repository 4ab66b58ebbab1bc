// Passwords: argon2id hashes (the current recommendation of OWASP), and the rule a new password must meet.
import argon2 from 'argon2';

export const MINIMUM_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Null when acceptable, else what is wrong in words for the form. */
export function passwordProblem(password: string): string | null {
  if (password.length < MINIMUM_PASSWORD_LENGTH) return `Password must be ${MINIMUM_PASSWORD_LENGTH} characters or more`;
  if (password.length > 256) return 'Password must be 256 characters or fewer';
  return null;
}
