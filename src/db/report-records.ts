// Each child's record as the IRO report reads it, kept in one binary value per child (decision 12): the child's
// own details (date of birth, sex, ethnicity, UASC, when the service was told of them), episodes,
// IRO allocations, reviews with their rearrangements, what happened after each review held (decisions,
// record, actions) and the requests for views sent before reviews. Read back, it gives the same objects the report's loader builds from the tables, but from one
// value per child instead of a dozen per row: a national-sized register's millions of rows are read in a second
// or two rather than half a minute, the cost being the driver's work on each value.
//
// A stored record is only ever a copy. Triggers (migration 0008) delete it whenever anything it holds changes, so
// a child without one is read from the tables, and nothing the report counts can come from a stale copy.

import type { Kysely } from 'kysely';
import { fromDayNumber, isIsoDate, toDayNumber, type IsoDate } from '../domain/dates.ts';
import type { ParticipationCode, Sex } from '../domain/codes.ts';
import type { Episode, IroAllocation, Rearrangement, Review } from '../domain/register.ts';
import type { ConsultationRecord, ReviewAction, ReviewWorkflowRecord } from '../reports/input.ts';
import type { RespondentType } from '../domain/consultation-forms.ts';
import type { SharedStrings } from './rows.ts';
import type { DatabaseSchema } from './schema.ts';

/** The layout written now; a record in any other is read from the tables instead (and rewritten). */
export const REPORT_RECORD_FORMAT = 1;

/** What happened after a review held: read by the report from the first review anything was recorded for. */
export interface StoredWorkflow {
  decisionsIssuedDate: IsoDate | null;
  recordDistributedDate: IsoDate | null;
  actions: ReviewAction[];
}

/** The child's own details the report counts, and when the IRO service was told they became looked after. */
export interface StoredChild {
  dateOfBirth: IsoDate | null;
  sex: Sex;
  ethnicity: string | null;
  uasc: boolean;
  uascCeasedDate: IsoDate | null;
  notifiedDate: IsoDate | null;
}

/** A child's record as the report reads it: each review with its id, and for held reviews what followed. */
export interface StoredRecord {
  child: StoredChild;
  episodes: Episode[];
  allocations: IroAllocation[];
  reviews: Review[];
  /** By the review's place in `reviews`; undefined for reviews not held. */
  workflow: (StoredWorkflow | undefined)[];
  /**
   * Requests for views sent before the child's reviews (see ConsultationRecord). Each is read back with the child's
   * id, which is not stored: it is the record's.
   */
  consultation: readonly ConsultationRecord[];
}

/** What the report reads of a copy before counting the children (ReportRecordReader.readForRegister). */
export interface RegisterParts {
  child: StoredChild;
  /** The first day of the child's episodes, or null when they have none; the episodes themselves, when needed, from episodesOf(). */
  firstStart: IsoDate | null;
  workflow: ReviewWorkflowRecord[];
  consultation: readonly ConsultationRecord[];
}

/** Shared by every list with nothing in it: nothing that reads a record changes its lists. */
const NONE: never[] = [];
const NO_DATE = -0x80000000;
const NO_TEXT = 0xffff;
const NO_NUMBER = -1;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const STATUSES: readonly Review['status'][] = ['booked', 'held', 'cancelled'];

/** Thrown for a value the layout cannot hold; the child is then read from the tables. */
export class UnstorableRecordError extends Error {}

class Writer {
  private bytes = new Uint8Array(256);
  private view = new DataView(this.bytes.buffer);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }

  u8(value: number): void {
    this.room(1);
    this.view.setUint8(this.length, value);
    this.length += 1;
  }

  u16(value: number): void {
    if (!Number.isInteger(value) || value < 0 || value >= NO_TEXT) throw new UnstorableRecordError(`count ${value} is too large`);
    this.room(2);
    this.view.setUint16(this.length, value, true);
    this.length += 2;
  }

  i32(value: number): void {
    this.room(4);
    this.view.setInt32(this.length, value, true);
    this.length += 4;
  }

  /** A whole number from 0 up, or null. */
  id(value: number | null | undefined): void {
    if (value === null || value === undefined) return this.i32(NO_NUMBER);
    if (!Number.isInteger(value) || value < 0 || value > 0x7fffffff) throw new UnstorableRecordError(`id ${value} cannot be stored`);
    this.i32(value);
  }

  date(value: IsoDate | null): void {
    if (value === null) return this.i32(NO_DATE);
    if (!isIsoDate(value)) throw new UnstorableRecordError(`"${value}" is not a date`);
    this.i32(toDayNumber(value));
  }

  text(value: string | null): void {
    if (value === null) {
      this.room(2);
      this.view.setUint16(this.length, NO_TEXT, true);
      this.length += 2;
      return;
    }
    const encoded = encoder.encode(value);
    this.u16(encoded.length);
    this.room(encoded.length);
    this.bytes.set(encoded, this.length);
    this.length += encoded.length;
  }

  done(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/** The stored form of a child's record; throws UnstorableRecordError for a value it cannot hold. */
export function encodeReportRecord(record: StoredRecord): Uint8Array {
  const w = new Writer();
  w.u8(REPORT_RECORD_FORMAT);
  const c = record.child;
  w.date(c.dateOfBirth);
  w.text(c.sex);
  w.text(c.ethnicity);
  w.u8(c.uasc ? 1 : 0);
  w.date(c.uascCeasedDate);
  w.date(c.notifiedDate);
  w.u16(record.episodes.length);
  for (const e of record.episodes) {
    w.date(e.start);
    w.date(e.end);
    w.text(e.reasonNewEpisode);
    w.text(e.legalStatus);
    w.text(e.categoryOfNeed);
    w.text(e.placementType);
    w.text(e.placementProvider);
    w.text(e.reasonCeased);
  }
  w.u16(record.allocations.length);
  for (const a of record.allocations) {
    w.id(a.iroId);
    w.date(a.from);
    w.date(a.to);
  }
  w.u16(record.reviews.length);
  record.reviews.forEach((r, index) => {
    const status = STATUSES.indexOf(r.status);
    if (status === -1) throw new UnstorableRecordError(`review status "${r.status}"`);
    w.id(r.id);
    w.u8(status);
    w.date(r.dueDate);
    w.date(r.bookedDate);
    w.date(r.heldDate);
    w.text(r.participationCode);
    w.id(r.chairId);
    w.u16(r.rearrangements.length);
    for (const change of r.rearrangements) {
      w.date(change.changedOn);
      w.date(change.fromDate);
      w.date(change.toDate);
      w.text(change.reason);
    }
    const after = record.workflow[index];
    w.u8(after === undefined ? 0 : 1);
    if (after !== undefined) {
      w.date(after.decisionsIssuedDate);
      w.date(after.recordDistributedDate);
      w.u16(after.actions.length);
      for (const a of after.actions) {
        w.date(a.dueDate);
        w.date(a.completedDate);
      }
    }
  });
  w.u16(record.consultation.length);
  for (const c of record.consultation) {
    w.text(c.respondent);
    w.date(c.reviewDate);
    w.date(c.sentOn);
    w.date(c.answeredOn);
    w.u8(c.askedForAdvocate ? 1 : 0);
  }
  return w.done();
}

/**
 * Reads stored records back. Codes are looked up by their bytes, so the thousands of records sharing a code share
 * one string and no string is made for a code already met.
 */
export class ReportRecordReader {
  private readonly codes = new Map<number, string>();
  private view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
  private bytes: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  private at = 0;

  constructor(private readonly strings: SharedStrings) {}

  /** The record, or null when it was written in another layout. */
  read(value: Uint8Array, childId: string): StoredRecord | null {
    if (!this.begin(value)) return null;
    const workflow: (StoredWorkflow | undefined)[] = [];
    const { child, episodes, allocations, reviews } = this.record(childId, workflow);
    return { child, episodes, allocations, reviews, workflow, consultation: this.consultation(childId) };
  }

  /**
   * What counting the child needs of a copy: details, episodes, allocations and reviews. What followed each review
   * and the requests for views were taken from the copy when the register was read, and are passed over here
   * rather than made again for each child counted. Null when the copy was written in another layout.
   */
  readForCounting(value: Uint8Array, childId: string): Pick<StoredRecord, 'child' | 'episodes' | 'allocations' | 'reviews'> | null {
    if (!this.begin(value)) return null;
    return this.record(childId, null);
  }

  /** The record's details, episodes, allocations and reviews; what followed each review held into `workflow`, or passed over. */
  private record(childId: string, workflow: (StoredWorkflow | undefined)[] | null): Pick<StoredRecord, 'child' | 'episodes' | 'allocations' | 'reviews'> {
    const child = this.child();
    const episodes = this.episodes();
    const allocations: IroAllocation[] = new Array(this.u16());
    for (let i = 0; i < allocations.length; i += 1) {
      const iroId = this.number()!;
      const from = this.date()!;
      allocations[i] = { childId, iroId, from, to: this.date(), reason: null };
    }
    const reviews: Review[] = new Array(this.u16());
    if (workflow !== null) workflow.length = reviews.length;
    for (let i = 0; i < reviews.length; i += 1) {
      const id = this.number() ?? undefined;
      const status = STATUSES[this.u8()]!;
      const dueDate = this.date();
      const bookedDate = this.date();
      const heldDate = this.date();
      const participationCode = this.text() as ParticipationCode | null;
      const chairId = this.number();
      const changes = this.u16();
      // Most reviews were never rearranged: they share one empty list, as the tables' reader gives them.
      const rearrangements: Rearrangement[] = changes === 0 ? NONE : new Array(changes);
      for (let j = 0; j < changes; j += 1) {
        const changedOn = this.date()!;
        const fromDate = this.date();
        const toDate = this.date();
        rearrangements[j] = { changedOn, fromDate, toDate, reason: this.text()!, note: null };
      }
      reviews[i] = { id, childId, dueDate, bookedDate, heldDate, status, participationCode, chairId, format: null, rearrangements };
      if (this.u8() !== 1) continue;
      if (workflow !== null) workflow[i] = this.workflow();
      else {
        // Two dates, then each action's two dates.
        this.at += 8;
        const actions = this.u16();
        this.at += 8 * actions;
      }
    }
    return { child, episodes, allocations, reviews };
  }

  /**
   * What the report needs of the whole register from a copy before it counts the children: the child's details, the
   * first day of their episodes, what followed each review held on or after `workflowFrom` (none when it is null),
   * and the requests for views. Episodes, IRO allocations and reviews are passed over rather than made into objects,
   * since the records are made again, a chunk of children at a time, when they are counted (the few children whose
   * episodes are needed now are read again with episodesOf). Null when the copy was written in another layout.
   */
  readForRegister(value: Uint8Array, childId: string, workflowFrom: IsoDate | null): RegisterParts | null {
    if (!this.begin(value)) return null;
    const child = this.child();
    const firstStart = this.firstStartPassingOver();
    // An allocation is an id and two dates.
    const allocations = this.u16();
    this.at += 12 * allocations;
    const from = workflowFrom === null ? null : toDayNumber(workflowFrom);
    let workflow: ReviewWorkflowRecord[] = NONE;
    const reviews = this.u16();
    for (let i = 0; i < reviews; i += 1) {
      const id = this.number();
      const status = STATUSES[this.u8()]!;
      // The due and booked dates.
      this.at += 8;
      const held = this.view.getInt32(this.at, true);
      this.at += 4;
      this.skipText();
      // The chair.
      this.at += 4;
      const changes = this.u16();
      for (let j = 0; j < changes; j += 1) {
        this.at += 12;
        this.skipText();
      }
      const after = this.u8() === 1 ? this.workflow() : undefined;
      if (from === null || status !== 'held' || held === NO_DATE || held < from) continue;
      if (workflow === NONE) workflow = [];
      workflow.push({
        childId,
        reviewId: id,
        heldDate: fromDayNumber(held),
        decisionsIssuedDate: after?.decisionsIssuedDate ?? null,
        recordDistributedDate: after?.recordDistributedDate ?? null,
        actions: after !== undefined && after.actions.length > 0 ? after.actions : NONE,
      });
    }
    return { child, firstStart, workflow, consultation: this.consultation(childId) };
  }

  /** The episodes of a copy in the layout written now (one readForRegister has read). */
  episodesOf(value: Uint8Array): Episode[] {
    if (!this.begin(value)) throw new Error('a stored copy in another layout was read again for its episodes');
    this.child();
    return this.episodes();
  }

  /** Passes over the episodes, giving the first day of any. */
  private firstStartPassingOver(): IsoDate | null {
    const count = this.u16();
    let first = NO_DATE;
    for (let i = 0; i < count; i += 1) {
      const start = this.view.getInt32(this.at, true);
      if (first === NO_DATE || start < first) first = start;
      // The start and end, then six texts.
      this.at += 8;
      for (let t = 0; t < 6; t += 1) this.skipText();
    }
    return first === NO_DATE ? null : fromDayNumber(first);
  }

  /** Starts reading a copy: false when it was written in another layout. */
  private begin(value: Uint8Array): boolean {
    this.bytes = value;
    this.view = new DataView(value.buffer, value.byteOffset, value.byteLength);
    this.at = 0;
    return this.u8() === REPORT_RECORD_FORMAT;
  }

  private child(): StoredChild {
    const dateOfBirth = this.date();
    const sex = this.text() as Sex;
    const ethnicity = this.text();
    const uasc = this.u8() === 1;
    const uascCeasedDate = this.date();
    return { dateOfBirth, sex, ethnicity, uasc, uascCeasedDate, notifiedDate: this.date() };
  }

  private episodes(): Episode[] {
    const episodes: Episode[] = new Array(this.u16());
    for (let i = 0; i < episodes.length; i += 1) {
      const start = this.date()!;
      const end = this.date();
      episodes[i] = {
        start,
        reasonNewEpisode: this.text()!,
        legalStatus: this.text()!,
        categoryOfNeed: this.text()!,
        placementType: this.text()!,
        placementProvider: this.text(),
        end,
        reasonCeased: this.text(),
        reasonPlacementChange: null,
        homePostcode: null,
        placementPostcode: null,
        urn: null,
      };
    }
    return episodes;
  }

  private workflow(): StoredWorkflow {
    const decisionsIssuedDate = this.date();
    const recordDistributedDate = this.date();
    const count = this.u16();
    const actions: ReviewAction[] = count === 0 ? NONE : new Array(count);
    for (let j = 0; j < count; j += 1) {
      const dueDate = this.date();
      actions[j] = { dueDate, completedDate: this.date() };
    }
    return { decisionsIssuedDate, recordDistributedDate, actions };
  }

  private consultation(childId: string): ConsultationRecord[] {
    const requests = this.u16();
    const consultation: ConsultationRecord[] = requests === 0 ? NONE : new Array(requests);
    for (let i = 0; i < requests; i += 1) {
      const respondent = this.text() as RespondentType;
      const reviewDate = this.date();
      const sentOn = this.date()!;
      const answeredOn = this.date();
      consultation[i] = { childId, respondent, reviewDate, sentOn, answeredOn, askedForAdvocate: this.u8() === 1 };
    }
    return consultation;
  }

  private skipText(): void {
    const length = this.u16();
    if (length !== NO_TEXT) this.at += length;
  }

  private u8(): number {
    const value = this.view.getUint8(this.at);
    this.at += 1;
    return value;
  }

  private u16(): number {
    const value = this.view.getUint16(this.at, true);
    this.at += 2;
    return value;
  }

  private number(): number | null {
    const value = this.view.getInt32(this.at, true);
    this.at += 4;
    return value === NO_NUMBER ? null : value;
  }

  private date(): IsoDate | null {
    const value = this.view.getInt32(this.at, true);
    this.at += 4;
    return value === NO_DATE ? null : fromDayNumber(value);
  }

  private text(): string | null {
    const length = this.u16();
    if (length === NO_TEXT) return null;
    const start = this.at;
    this.at += length;
    if (length > 6) return this.strings.of(decoder.decode(this.bytes.subarray(start, start + length)));
    // Up to six bytes make a number exactly (with the length, so "A" and "\0A" differ).
    let key = length;
    for (let i = start; i < start + length; i += 1) key = key * 256 + this.bytes[i]!;
    const known = this.codes.get(key);
    if (known !== undefined) return known;
    const text = this.strings.of(decoder.decode(this.bytes.subarray(start, start + length)));
    this.codes.set(key, text);
    return text;
  }
}

/** Stores children's records, replacing any stored before. */
export async function storeReportRecords(db: Kysely<DatabaseSchema>, records: readonly { childId: string; record: Uint8Array }[]): Promise<void> {
  for (let i = 0; i < records.length; i += 500) {
    const chunk = records.slice(i, i + 500);
    const values = chunk.map((r) => ({ child_id: r.childId, format: REPORT_RECORD_FORMAT, record: Buffer.from(r.record.buffer, r.record.byteOffset, r.record.byteLength) }));
    await db
      .insertInto('child_report_record')
      .values(values)
      .onConflict((oc) => oc.column('child_id').doUpdateSet({ format: (eb) => eb.ref('excluded.format'), record: (eb) => eb.ref('excluded.record') }))
      .execute();
  }
}

/** Children with no stored record in the current layout, by id. */
export async function childrenWithoutReportRecord(db: Kysely<DatabaseSchema>): Promise<string[]> {
  const rows = await db
    .selectFrom('child')
    .leftJoin('child_report_record', 'child_report_record.child_id', 'child.id')
    .select('child.id')
    .where((eb) => eb.or([eb('child_report_record.child_id', 'is', null), eb('child_report_record.format', '!=', REPORT_RECORD_FORMAT)]))
    .orderBy('child.id')
    .execute();
  return rows.map((r) => r.id);
}

/** Forgets every stored record (they are rebuilt from the tables). */
export async function forgetReportRecords(db: Kysely<DatabaseSchema>): Promise<void> {
  await db.deleteFrom('child_report_record').execute();
}
