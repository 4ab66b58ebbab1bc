// The register's children as whole records, read a page at a time in order of child id, for writing a
// return: memory holds one page, not the register.

import { listChildren, type ChildInRegister } from '../db/children.ts';
import type { DatabaseLike } from '../db/connection.ts';
import { listEpisodes } from '../db/episodes.ts';
import { listReviews, type ReviewInRegister } from '../db/reviews.ts';
import type { ChildRecord } from '../domain/register.ts';

const PAGE = 500;

/** A child's record as the register holds it: reviews with their ids and versions. */
export type RegisterRecord = Omit<ChildRecord, 'child' | 'reviews'> & { child: ChildInRegister; reviews: ReviewInRegister[] };

export async function* recordsInRegister(database: DatabaseLike): AsyncGenerator<RegisterRecord> {
  for (let offset = 0; ; offset += PAGE) {
    const children = await listChildren(database, { limit: PAGE, offset });
    for (const child of children) {
      const [episodes, reviews] = [await listEpisodes(database, child.id), await listReviews(database, child.id)];
      yield { child, episodes, reviews, allocations: [] };
    }
    if (children.length < PAGE) return;
  }
}
