// Secrets the app servers share, such as the key that signs cookies: made once at random and kept in the
// database, so every app server of an authority signs and checks cookies alike.

import crypto from 'node:crypto';
import { kyselyOf, type DatabaseLike } from './connection.ts';

export async function getOrCreateSecret(target: DatabaseLike, name: string): Promise<string> {
  const db = kyselyOf(target);
  const key = `secret.${name}`;
  const existing = await db.selectFrom('authority_setting').select('value').where('key', '=', key).executeTakeFirst();
  if (existing) return JSON.parse(existing.value) as string;
  const secret = crypto.randomBytes(32).toString('base64url');
  // Two servers starting at once: the first write wins and both read it back.
  await db.insertInto('authority_setting').values({ key, value: JSON.stringify(secret) }).onConflict((oc) => oc.column('key').doNothing()).execute();
  const stored = await db.selectFrom('authority_setting').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return JSON.parse(stored.value) as string;
}
