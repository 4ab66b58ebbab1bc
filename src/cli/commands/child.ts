// `iro child ID`: a child's periods of care, IRO history and every review with due date and in-time flag.
import { childRecord } from '../../app/child-record.ts';
import { REVIEW_RULE_LABELS } from '../../domain/review-clock.ts';
import { findChild } from '../../db/children.ts';
import { openMigrated } from '../open-database.ts';
import { CliError } from '../errors.ts';
import { formatTable } from '../table.ts';

export async function runChild(id: string, opts: { asOf: string; json?: boolean; db?: string }): Promise<void> {
  const database = await openMigrated(opts);
  try {
    if (!(await findChild(database, id))) throw new CliError('CHILD_NOT_FOUND', `no child with identifier "${id}" in the register`);
    const record = await childRecord(database, id, opts.asOf);
    const reviews = record.reviews.map(({ review, timeliness }) => ({
      status: review?.status ?? 'missed',
      dueDate: timeliness?.dueDate ?? review?.dueDate ?? null,
      heldDate: review?.heldDate ?? null,
      bookedDate: review?.bookedDate ?? null,
      rule: timeliness?.rule ?? null,
      inTime: timeliness ? timeliness.inTime : null,
      daysLate: timeliness?.daysLate ?? null,
      participationCode: review?.participationCode ?? null,
      outsideCare: review !== null && review.status === 'held' && timeliness === null,
      rearrangements: review?.rearrangements.length ?? 0,
    }));
    if (opts.json) {
      console.log(
        JSON.stringify(
          {
            asOf: opts.asOf,
            child: record.child,
            periodsOfCare: record.periods.map((p) => ({ start: p.start, end: p.end, shortBreaks: p.shortBreaks })),
            episodes: record.episodes,
            iroAllocations: record.allocations,
            reviews,
            nextReview: record.next,
          },
          null,
          2,
        ),
      );
      return;
    }
    const c = record.child;
    console.log(`${c.id}  ${[c.givenName, c.familyName].filter(Boolean).join(' ')}  born ${c.dateOfBirth ?? 'not recorded'}`);
    console.log('\nPeriods of care');
    console.log(formatTable(['Start', 'End', 'Kind'], record.periods.map((p) => [p.start, p.end ?? 'looked after', p.shortBreaks ? 'short breaks' : 'care'])));
    console.log('\nIRO history');
    console.log(formatTable(['IRO', 'From', 'To', 'Reason'], record.allocations.map((a) => [a.iroName, a.from, a.to ?? '', a.reason ?? ''])));
    console.log('\nReviews');
    console.log(
      formatTable(
        ['Due', 'Held', 'Status', 'In time', 'Days late', 'Code'],
        reviews.map((r) => [
          r.dueDate ?? '',
          r.heldDate ?? (r.bookedDate ? `booked ${r.bookedDate}` : ''),
          r.outsideCare ? 'held outside care' : r.status,
          r.inTime === null ? '' : r.inTime ? 'yes' : 'no',
          r.daysLate ? String(r.daysLate) : '',
          r.participationCode ?? '',
        ]),
      ),
    );
    if (record.next) {
      const n = record.next;
      console.log(`\nNext review due ${n.dueDate} (${REVIEW_RULE_LABELS[n.rule]})${n.daysOverdue > 0 ? `: ${n.daysOverdue} days overdue` : ''}`);
    } else {
      console.log('\nNot looked after on ' + opts.asOf + ': no review due.');
    }
  } finally {
    await database.close();
  }
}
