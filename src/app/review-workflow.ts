// One review as its page shows it (dates, rearrangements, the meeting, decisions as actions, and the work
// after the meeting with its working-day deadlines), and the steps of that work: decisions sent to the
// social work team manager, their query, the record distributed, manager sign-off, actions completed. Each
// step is version-checked where the review changes and audited in the same transaction.

import { consultationPage, consultationSummary } from './consultation.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { inTransaction } from '../db/connection.ts';
import { NotFoundError } from '../db/errors.ts';
import { updateReview } from '../db/reviews.ts';
import { findReviewAction, listReviewActions } from '../db/review-actions.ts';
import { completeOpenAction, getReviewWorkflow, setReviewWorkflow, type ReviewWorkflowRecord } from '../db/review-workflow.ts';
import { recordAudit } from '../db/audit.ts';
import { getSettings } from '../db/settings.ts';
import { listStaff } from '../db/staff.ts';
import { can, canActOnChild, type Actor } from '../domain/access.ts';
import { PARTICIPATION_CODE } from '../domain/codes.ts';
import type { IsoDate } from '../domain/dates.ts';
import {
  ATTENDEES,
  canSignOff,
  commandAllowed,
  queryProblem,
  REVIEW_FORMAT_LABELS,
  REVIEW_STATUS_LABELS,
  reviewWorkflow,
  signOffProblem,
  stepStatus,
  workflowStepProblem,
  type ReviewCommand,
  type WorkflowFacts,
  type WorkflowStep,
} from '../domain/review-workflow.ts';
import { childNameOf, requireCommand, requireVersion, reviewFor, ReviewProblems, ReviewStateError, type ReviewContext } from './reviews.ts';

function factsOf(heldDate: IsoDate, workflow: ReviewWorkflowRecord): WorkflowFacts {
  return {
    heldDate,
    decisionsIssuedDate: workflow.decisionsIssuedDate,
    queriedDate: workflow.queriedDate,
    recordDistributedDate: workflow.recordDistributedDate,
    signedOffDate: workflow.signedOffDate,
  };
}

/** The review page: everything about one review the actor may see, and what they may do next. Audited. */
export async function reviewPage(database: Database, actor: Actor, reviewId: number, asOf: IsoDate) {
  const { review, child, relationship } = await reviewFor(database, actor, reviewId, asOf, { audit: true });
  const [workflow, actions, settings, staff, consultation] = await Promise.all([
    getReviewWorkflow(database, reviewId),
    listReviewActions(database, { reviewId }),
    getSettings(database),
    listStaff(database),
    // The child's and family's views before the meeting: how many answered, and PN6 when it fits.
    consultationSummary(database, actor, reviewId, asOf),
  ]);
  // The answers themselves, when there are any, for those who may read them (an audited reading).
  const consultationAnswers = consultation && consultation.answered > 0 ? await consultationPage(database, actor, reviewId, asOf) : null;
  const names = new Map(staff.map((s) => [s.id, s.name]));
  const reasons = new Map(settings.rearrangementReasons.map((r) => [r.code, r.label]));
  const held = review.status === 'held' && review.heldDate !== null;
  const steps = held ? reviewWorkflow(factsOf(review.heldDate!, workflow), settings, asOf) : null;
  const may = (action: Parameters<typeof canActOnChild>[1]) => canActOnChild(actor, action, relationship);
  return {
    child: { id: child.id, name: childNameOf(child) },
    review: {
      ...review,
      statusLabel: REVIEW_STATUS_LABELS[review.status],
      formatLabel: review.format ? REVIEW_FORMAT_LABELS[review.format] : null,
      participationLabel: review.participationCode ? PARTICIPATION_CODE.labels[review.participationCode] : null,
      chairName: review.chairId === null ? null : (names.get(review.chairId) ?? null),
      inTime: held && review.dueDate !== null ? review.heldDate! <= review.dueDate : null,
    },
    rearrangements: review.rearrangements.map((r) => ({ ...r, reasonLabel: reasons.get(r.reason) ?? r.reason })),
    consultation,
    consultationAnswers,
    attendance: workflow.attendance.map((a) => ATTENDEES[a]),
    actions: actions.map((a) => ({ ...a, status: stepStatus(a.dueDate, a.completedDate, asOf) })),
    workflow: steps,
    queryText: workflow.queryText,
    signedOffBy: workflow.signedOffBy === null ? null : (names.get(workflow.signedOffBy) ?? null),
    timescales: {
      decisionsIssueWorkingDays: settings.decisionsIssueWorkingDays,
      decisionsQueryWorkingDays: settings.decisionsQueryWorkingDays,
      recordWorkingDays: settings.recordWorkingDays,
    },
    allowed: {
      rearrange: may('review.rearrange') && commandAllowed(review.status, 'rearrange'),
      cancel: may('review.rearrange') && commandAllowed(review.status, 'cancel'),
      record: may('review.record') && commandAllowed(review.status, 'record'),
      issueDecisions: held && may('review.issue') && workflow.decisionsIssuedDate === null,
      distributeRecord: held && may('review.issue') && workflow.recordDistributedDate === null,
      query: held && may('review.query'),
      signOff: held && can(actor, 'review.record') && canSignOff(actor.role) && steps?.signOff.state === 'ready',
      completeAction: held && may('action.complete'),
    },
  };
}

export type ReviewPage = Awaited<ReturnType<typeof reviewPage>>;

/** Checks the form's version and the review's status, and raises the version, before a workflow change. */
async function beginChange(trx: Kysely<DatabaseSchema>, context: ReviewContext, version: number, command: ReviewCommand) {
  requireVersion(context.review, version, command);
  if (context.review.heldDate === null) throw new ReviewStateError('This review has not been held yet: record the meeting first.');
  const workflow = await getReviewWorkflow(trx, context.review.id);
  return { workflow, facts: factsOf(context.review.heldDate, workflow) };
}

/** Records the day the decisions went to the team manager, or the day the record was distributed. */
export async function recordWorkflowStep(
  database: Database,
  actor: Actor,
  reviewId: number,
  input: { version: number; step: WorkflowStep; date: IsoDate },
  asOf: IsoDate,
): Promise<void> {
  await inTransaction(database, async (trx) => {
    const context = await reviewFor(trx, actor, reviewId, asOf, { action: 'review.issue' });
    const { facts } = await beginChange(trx, context, input.version, input.step === 'decisions' ? 'issue_decisions' : 'distribute_record');
    const field = input.step === 'decisions' ? 'decisionsIssuedDate' : 'recordDistributedDate';
    const problem = workflowStepProblem(input.step, facts, input.date, asOf);
    if (problem) throw new ReviewProblems([{ field, text: problem }]);
    await updateReview(trx, reviewId, input.version, {});
    await setReviewWorkflow(trx, reviewId, input.step === 'decisions' ? { decisionsIssuedDate: input.date } : { recordDistributedDate: input.date });
    await recordAudit(trx, {
      staffId: actor.id,
      action: 'update',
      entity: 'review',
      entityId: reviewId,
      childId: context.review.childId,
      detail: { fields: [input.step === 'decisions' ? 'decisions_issued_date' : 'record_distributed_date'] },
    });
  });
}

/** The team manager's query of the decisions, today, while the query window is open. */
export async function queryDecisions(database: Database, actor: Actor, reviewId: number, input: { version: number; text: string }, asOf: IsoDate): Promise<void> {
  await inTransaction(database, async (trx) => {
    const context = await reviewFor(trx, actor, reviewId, asOf, { action: 'review.query' });
    const { facts } = await beginChange(trx, context, input.version, 'query_decisions');
    const problem = queryProblem(facts, await getSettings(trx), asOf);
    if (problem) throw new ReviewProblems([{ field: 'queryText', text: problem }]);
    await updateReview(trx, reviewId, input.version, {});
    await setReviewWorkflow(trx, reviewId, { queryText: input.text, queriedDate: asOf });
    // The query's words stay out of the audit trail; only that one was made.
    await recordAudit(trx, { staffId: actor.id, action: 'update', entity: 'review', entityId: reviewId, childId: context.review.childId, detail: { fields: ['query'] } });
  });
}

/** The IRO manager's sign-off, once the decisions have been sent and the record distributed. */
export async function signOffReview(database: Database, actor: Actor, reviewId: number, input: { version: number }, asOf: IsoDate): Promise<void> {
  await inTransaction(database, async (trx) => {
    const context = await reviewFor(trx, actor, reviewId, asOf, { action: 'review.record' });
    if (!canSignOff(actor.role)) throw Object.assign(new Error('Only an IRO manager signs off a review'), { code: 'FORBIDDEN' });
    const { facts } = await beginChange(trx, context, input.version, 'sign_off');
    const problem = signOffProblem(facts);
    if (problem) throw new ReviewStateError(problem);
    await updateReview(trx, reviewId, input.version, {});
    await setReviewWorkflow(trx, reviewId, { signedOffBy: actor.id, signedOffDate: asOf });
    await recordAudit(trx, { staffId: actor.id, action: 'update', entity: 'review', entityId: reviewId, childId: context.review.childId, detail: { fields: ['signed_off'] } });
  });
}

/**
 * Marks an action from a review done today. Someone else having done so first is not an error, and their
 * date stands. Returns the review, to go back to.
 */
export async function completeAction(database: Database, actor: Actor, actionId: number, asOf: IsoDate): Promise<{ reviewId: number; alreadyDone: boolean }> {
  return inTransaction(database, async (trx) => {
    const action = await findReviewAction(trx, actionId);
    if (!action) throw new NotFoundError('review');
    const { review } = await reviewFor(trx, actor, action.reviewId, asOf, { action: 'action.complete' });
    requireCommand(review, 'complete_action');
    const done = await completeOpenAction(trx, actionId, asOf);
    if (done) {
      await recordAudit(trx, { staffId: actor.id, action: 'update', entity: 'review_action', entityId: actionId, childId: review.childId, detail: { fields: ['completed_date'], reviewId: review.id } });
    }
    return { reviewId: review.id, alreadyDone: !done };
  });
}
