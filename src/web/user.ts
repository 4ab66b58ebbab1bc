// The signed-in member of staff as the pages see them.
import type { Actor } from '../domain/access.ts';

export interface SignedInUser extends Actor {
  name: string;
  email: string;
}
