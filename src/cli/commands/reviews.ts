// `iro reviews due`: upcoming and overdue reviews, as a table or JSON.
import { listReviewsDue } from '../../app/reviews-due.ts';
import { openMigrated } from '../open-database.ts';
import { formatTable } from '../table.ts';

export async function runReviewsDue(opts: { within: number; asOf: string; json?: boolean; db?: string }): Promise<void> {
  const database = await openMigrated(opts);
  try {
    const rows = await listReviewsDue(database, { asOf: opts.asOf, withinDays: opts.within });
    if (opts.json) {
      console.log(
        JSON.stringify(
          {
            asOf: opts.asOf,
            withinDays: opts.within,
            reviews: rows.map((r) => ({
              childId: r.childId,
              childName: r.childName,
              iro: r.iroName,
              dueDate: r.next.dueDate,
              rule: r.next.rule,
              countsFrom: r.next.countsFrom,
              daysToGo: r.next.daysToGo,
              daysOverdue: r.next.daysOverdue,
              overdue: r.next.daysOverdue > 0,
            })),
          },
          null,
          2,
        ),
      );
      return;
    }
    const overdue = rows.filter((r) => r.next.daysOverdue > 0).length;
    console.log(`Reviews due by ${opts.within} days after ${opts.asOf}: ${rows.length} (${overdue} overdue)`);
    console.log(
      formatTable(
        ['Child', 'Name', 'IRO', 'Due', 'Status'],
        rows.map((r) => [
          r.childId,
          r.childName,
          r.iroName ?? 'not allocated',
          r.next.dueDate,
          r.next.daysOverdue > 0 ? `${r.next.daysOverdue} days overdue` : r.next.daysToGo === 0 ? 'due today' : `in ${r.next.daysToGo} days`,
        ]),
      ),
    );
  } finally {
    await database.close();
  }
}
