// `iro outbox send`: one round of the e-mail outbox by hand or from a scheduler (cron), for an authority that
// runs the web servers without their own delivery: queues the consultation e-mails due today and, when
// IRO_SMTP_URL is set, sends what is waiting.
import type { Command } from 'commander';
import { createEmailTransport, emailSettingsFromEnvironment, queuedEmailCount, sendDueEmails } from '../../app/email-outbox.ts';
import { todayInEngland } from '../../app/today.ts';
import { openMigrated } from '../open-database.ts';

export function registerOutboxCommand(program: Command): void {
  program
    .command('outbox')
    .description('the e-mail outbox')
    .command('send')
    .description("queue the consultation e-mails due today and send what is waiting (needs IRO_SMTP_URL and IRO_PUBLIC_URL to send)")
    .option('--db <path>', 'SQLite database file')
    .action(async (opts: { db?: string }) => {
      const settings = emailSettingsFromEnvironment();
      const database = await openMigrated(opts);
      try {
        const transport = settings.smtpUrl ? createEmailTransport(settings.smtpUrl) : null;
        const result = await sendDueEmails(database, transport, todayInEngland());
        const waiting = await queuedEmailCount(database);
        if (result) console.log(`Sent ${result.sent}, to try again later ${result.retrying}, failed for good ${result.failed}; ${waiting} waiting.`);
        else console.log(`IRO_SMTP_URL is not set: nothing sent; ${waiting} e-mails waiting in the outbox.`);
      } finally {
        await database.close();
      }
    });
}
