// A child's SSDA903 episodes and the periods of care derived from them. Periods are never edited on their
// own: they are rewritten from the episodes whenever the episodes are, in the same transaction, so the two
// cannot disagree.

import type { IsoDate } from '../domain/dates.ts';
import { periodsOfCare, sortEpisodes } from '../domain/periods-of-care.ts';
import type { Episode, PeriodOfCare } from '../domain/register.ts';
import { chunks, inTransaction, kyselyOf, timestampNow, toYesNo, type DatabaseLike } from './connection.ts';
import { NotFoundError } from './errors.ts';
import type { EpisodeRow, NewEpisodeRow, PeriodOfCareRow } from './schema.ts';

/** A period of care as stored: numbered from 1 for the child's first. */
export interface RecordedPeriodOfCare {
  sequence: number;
  start: IsoDate;
  end: IsoDate | null;
  shortBreaks: boolean;
}

export function episodeFromRow(row: Omit<EpisodeRow, 'id' | 'child_id'>): Episode {
  return {
    start: row.start_date,
    reasonNewEpisode: row.reason_new_episode,
    legalStatus: row.legal_status,
    categoryOfNeed: row.category_of_need,
    placementType: row.placement_type,
    placementProvider: row.placement_provider,
    end: row.end_date,
    reasonCeased: row.reason_ceased,
    reasonPlacementChange: row.reason_placement_change,
    homePostcode: row.home_postcode,
    placementPostcode: row.placement_postcode,
    urn: row.urn,
  };
}

export function episodeRow(childId: string, episode: Episode): NewEpisodeRow {
  return {
    child_id: childId,
    start_date: episode.start,
    reason_new_episode: episode.reasonNewEpisode,
    legal_status: episode.legalStatus,
    category_of_need: episode.categoryOfNeed,
    placement_type: episode.placementType,
    placement_provider: episode.placementProvider,
    end_date: episode.end,
    reason_ceased: episode.reasonCeased,
    reason_placement_change: episode.reasonPlacementChange,
    home_postcode: episode.homePostcode,
    placement_postcode: episode.placementPostcode,
    urn: episode.urn,
  };
}

export function periodFromRow(row: Pick<PeriodOfCareRow, 'sequence' | 'start_date' | 'end_date' | 'short_breaks'>): RecordedPeriodOfCare {
  return { sequence: row.sequence, start: row.start_date, end: row.end_date, shortBreaks: row.short_breaks === 1 };
}

/** The rows of a child's periods of care, numbered from 1. */
export function periodRows(childId: string, periods: readonly PeriodOfCare[]) {
  return periods.map((period, index) => ({
    child_id: childId,
    sequence: index + 1,
    start_date: period.start,
    end_date: period.end,
    short_breaks: toYesNo(period.shortBreaks),
  }));
}

/** A child's episodes by start date; episodes starting the same day stay in the order they were saved. */
export async function listEpisodes(target: DatabaseLike, childId: string): Promise<Episode[]> {
  const rows = await kyselyOf(target)
    .selectFrom('episode')
    .selectAll()
    .where('child_id', '=', childId)
    .orderBy('start_date')
    .orderBy('id')
    .execute();
  return rows.map(episodeFromRow);
}

export async function listPeriodsOfCare(target: DatabaseLike, childId: string): Promise<RecordedPeriodOfCare[]> {
  const rows = await kyselyOf(target)
    .selectFrom('period_of_care')
    .select(['sequence', 'start_date', 'end_date', 'short_breaks'])
    .where('child_id', '=', childId)
    .orderBy('sequence')
    .execute();
  return rows.map(periodFromRow);
}

/** Replaces all of a child's episodes, and with them the periods of care; returns the new periods. */
export async function replaceEpisodes(target: DatabaseLike, childId: string, episodes: readonly Episode[]): Promise<RecordedPeriodOfCare[]> {
  const sorted = sortEpisodes(episodes);
  const periods = periodRows(childId, periodsOfCare(sorted));
  return inTransaction(target, async (trx) => {
    const touched = await trx.updateTable('child').set({ updated_at: timestampNow() }).where('id', '=', childId).executeTakeFirst();
    if (Number(touched.numUpdatedRows) === 0) throw new NotFoundError('child');
    await trx.deleteFrom('episode').where('child_id', '=', childId).execute();
    await trx.deleteFrom('period_of_care').where('child_id', '=', childId).execute();
    // Inserted in clock order, so the ids keep same-day episodes in the order periodsOfCare() read them.
    for (const batch of chunks(sorted, 500)) await trx.insertInto('episode').values(batch.map((e) => episodeRow(childId, e))).execute();
    for (const batch of chunks(periods, 500)) await trx.insertInto('period_of_care').values(batch).execute();
    return periods.map(periodFromRow);
  });
}
