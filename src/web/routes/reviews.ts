// A child's review: booking it, its page, moving or cancelling it, recording the meeting, and the work after
// it (decisions to the team manager and their query, the record, sign-off, actions done). Each route checks
// the form's shape, leaves the rules to the use case, and shows problems the GOV.UK way; a change someone
// else saved first is shown as a conflict, never overwritten.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { bookingForm, bookReview, cancelReview, changeForm, checkDecisionRows, rearrangeReview, recordForm, recordHeldReview, ReviewProblems, ReviewStateError, type DecisionRow } from '../../app/reviews.ts';
import { completeAction, queryDecisions, recordWorkflowStep, reviewPage, signOffReview } from '../../app/review-workflow.ts';
import { ConflictError } from '../../db/errors.ts';
import { PARTICIPATION_CODE } from '../../domain/codes.ts';
import { REVIEW_FORMATS } from '../../domain/register.ts';
import { ATTENDEE_CODES, ATTENDEES, longDate, REVIEW_FORMAT_LABELS, type Attendee } from '../../domain/review-workflow.ts';
import { addDateError, addError, dateFromParts, dateParts, hasErrors, noErrors, parseForm, type FormErrors } from '../forms.ts';

type Body = Record<string, unknown>;

const DATE_FIELD = /^(bookedDate|newDate|heldDate|decisionsIssuedDate|recordDistributedDate|actions-\d+-deadline)$/;
const MAX_ACTION_ROWS = 40;
const EMPTY_ACTION_ROWS = 5;

/** A field's error; a date's links to its first box. */
function fieldError(errors: FormErrors, field: string, text: string): void {
  if (DATE_FIELD.test(field)) addDateError(errors, field, text);
  else addError(errors, field, text);
}

/** Reads a GOV.UK date input; `label` reads "the date …" inside a sentence. */
function readDate(body: Body, field: string, label: string, errors: FormErrors): string | null {
  const { value, problem, parts } = dateFromParts(body, field);
  if (problem) addDateError(errors, field, `${label[0]!.toUpperCase()}${label.slice(1)} ${problem}`, parts);
  else if (value === null) fieldError(errors, field, `Enter ${label}`);
  return value;
}

/** The error summary lists problems in the order the fields come on the page. */
function inFormOrder(errors: FormErrors, order: readonly string[]): FormErrors {
  const rank = (href: string) => {
    const field = href.slice(1).replace(/-day$/, '');
    const i = order.findIndex((o) => field === o || field.startsWith(`${o}-`));
    return i === -1 ? order.length : i;
  };
  errors.list.sort((a, b) => rank(a.href) - rank(b.href));
  return errors;
}

const version = z.coerce.number({ message: 'This form is out of date: go back and reload the page' }).int().positive('This form is out of date: go back and reload the page');
const ticked = z.preprocess((v) => v === 'yes' || (Array.isArray(v) && v.includes('yes')), z.boolean());
const optionalText = (max: number, tooLong: string) => z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string().trim().max(max, tooLong)).transform((v) => (v === '' ? null : v));
const listOf = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const format = z.enum(REVIEW_FORMATS, { message: 'Select how the review is held' });
const reason = z.string({ message: 'Select the reason' }).min(1, 'Select the reason');
const note = optionalText(1000, 'The note must be 1000 characters or fewer');

const bookSchema = z.object({ format, confirmLate: ticked });
const rearrangeSchema = z.object({ version, reason, note, confirmLate: ticked });
const cancelSchema = z.object({ version, reason, note });
const recordSchema = z.object({
  version,
  participationCode: z.enum(PARTICIPATION_CODE.codes as [string, ...string[]], { message: 'Select the participation code' }),
  attendance: z.preprocess(listOf, z.array(z.enum(ATTENDEE_CODES as [Attendee, ...Attendee[]], { message: 'Select who attended from the list' }))),
  format,
  chairId: z.coerce.number({ message: 'Select the IRO who chaired the review' }).int().positive('Select the IRO who chaired the review'),
});
const workflowSchema = z.object({ version, step: z.enum(['decisions', 'record'], { message: 'Choose which step to record' }) });
const querySchema = z.object({ version, queryText: z.preprocess((v) => v ?? '', z.string().trim().min(1, 'Enter your query').max(2000, 'The query must be 2000 characters or fewer')) });
const signOffSchema = z.object({ version });

const childParams = z.object({ id: z.string().min(1).max(50) });
const numericParams = z.object({ id: z.coerce.number().int().positive() });

const BANNERS: Record<string, string> = {
  booked: 'The review has been booked',
  rearranged: 'The review has been rearranged',
  cancelled: 'The review has been cancelled',
  held: 'The review has been recorded as held',
  decisions: 'The date the decisions were sent has been recorded',
  record: 'The date the record was distributed has been recorded',
  query: 'Your query has been recorded',
  signed_off: 'The review has been signed off',
  action: 'The action has been marked as done',
  action_already: 'Someone had already marked that action as done',
};

const formatItems = (chosen: unknown) => REVIEW_FORMATS.map((value) => ({ value, text: REVIEW_FORMAT_LABELS[value], checked: value === chosen }));
const reasonItems = (reasons: { code: string; label: string }[], chosen: unknown) => reasons.map((r) => ({ value: r.code, text: r.label, checked: r.code === chosen }));
const participationItems = (chosen: unknown) => PARTICIPATION_CODE.codes.map((value) => ({ value, text: `${value}: ${PARTICIPATION_CODE.labels[value]}`, checked: value === chosen }));
const attendanceItems = (chosen: unknown) => {
  const picked = listOf(chosen).map(String);
  return ATTENDEE_CODES.map((value) => ({ value, text: ATTENDEES[value], checked: picked.includes(value) }));
};
const chairItems = (chairs: { id: number; name: string }[]) => [{ value: '', text: 'Select the IRO' }, ...chairs.map((c) => ({ value: String(c.id), text: c.name }))];

/** How many decision rows the form posted: the highest row number present. */
function postedRows(body: Body): number {
  let rows = 0;
  for (let n = 1; n <= MAX_ACTION_ROWS; n += 1) if (`actions-${n}-description` in body) rows = n;
  return rows;
}

function readDecisionRows(body: Body): DecisionRow[] {
  return Array.from({ length: postedRows(body) }, (_, i) => {
    const prefix = `actions-${i + 1}`;
    const { value, problem } = dateFromParts(body, `${prefix}-deadline`);
    const text = (name: string) => String(body[`${prefix}-${name}`] ?? '').trim().slice(0, 1000);
    return { description: text('description'), owner: text('owner'), deadline: value, deadlineProblem: problem };
  });
}

function decisionRowsView(body: Body | null, count: number) {
  return Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    const field = (name: string) => (body ? String(body[`actions-${n}-${name}`] ?? '') : '');
    return { n, description: field('description'), owner: field('owner'), deadline: dateParts(body, `actions-${n}-deadline`) };
  });
}

const bodyOf = (request: FastifyRequest): Body => (request.body ?? {}) as Body;

export function registerReviewRoutes(app: FastifyInstance): void {
  /** Conflicts and refused states become a page with a way back; everything else goes to the central handler. */
  const settle = async (reply: FastifyReply, back: string, work: () => Promise<FastifyReply>): Promise<FastifyReply> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ConflictError && error.code === 'RECORD_CHANGED') {
        return reply.code(409).render('pages/reviews/conflict.njk', {
          title: 'Someone else changed this review',
          message: 'Someone else saved a change to this review after you opened the page, so your change was not saved and theirs was kept.',
          back,
        });
      }
      if (error instanceof ReviewStateError) return reply.code(409).render('pages/reviews/conflict.njk', { title: 'This review cannot be changed like that', message: error.message, back });
      throw error;
    }
  };
  /** Adds the use case's problems to the form's; anything else goes on up. */
  const withProblems = (errors: FormErrors, error: unknown): { errors: FormErrors; afterDue: ReviewProblems['afterDue'] } => {
    if (!(error instanceof ReviewProblems)) throw error;
    for (const p of error.problems) fieldError(errors, p.field, p.text);
    return { errors, afterDue: error.afterDue };
  };
  const reviewUrl = (id: number) => `/reviews/${id}`;

  // Booking
  const bookPage = async (request: FastifyRequest, childId: string, body: Body | null, errors: FormErrors, afterDue: ReviewProblems['afterDue'] = null) => {
    const form = await bookingForm(app.database, request.user!, childId, app.today());
    const values = body ?? {};
    return {
      title: `Book a review: ${form.child.name}`,
      form,
      values,
      bookedDate: dateParts(body, 'bookedDate'),
      formatItems: formatItems(values.format),
      errors: inFormOrder(errors, ['bookedDate', 'confirmLate', 'format']),
      afterDue: afterDue ? { dueDate: longDate(afterDue.dueDate), date: longDate(afterDue.date) } : null,
    };
  };
  app.get('/children/:id/reviews/new', { config: { access: 'review.book' } }, async (request, reply) => {
    const { id } = childParams.parse(request.params);
    return reply.render('pages/reviews/book.njk', await bookPage(request, id, null, noErrors()));
  });
  app.post('/children/:id/reviews/new', { config: { access: 'review.book' } }, async (request, reply) => {
    const { id } = childParams.parse(request.params);
    const body = bodyOf(request);
    const parsed = parseForm(bookSchema, body);
    const errors = parsed.errors ?? noErrors();
    const bookedDate = readDate(body, 'bookedDate', 'the date of the review', errors);
    if (!parsed.data || !bookedDate || hasErrors(errors)) return reply.code(400).render('pages/reviews/book.njk', await bookPage(request, id, body, errors));
    try {
      const { reviewId } = await bookReview(app.database, request.user!, id, { ...parsed.data, bookedDate }, app.today());
      return reply.redirect(`${reviewUrl(reviewId)}?done=booked`);
    } catch (error) {
      const result = withProblems(errors, error);
      return reply.code(400).render('pages/reviews/book.njk', await bookPage(request, id, body, result.errors, result.afterDue));
    }
  });

  // The review page, and its workflow forms shown again with their problems
  const showReview = async (request: FastifyRequest, reply: FastifyReply, id: number, body: Body | null, errors: FormErrors) => {
    const page = await reviewPage(app.database, request.user!, id, app.today());
    const done = String((request.query as Body | undefined)?.done ?? '');
    return reply.code(hasErrors(errors) ? 400 : 200).render('pages/reviews/review.njk', {
      title: `Review: ${page.child.name}`,
      page,
      banner: hasErrors(errors) ? null : (BANNERS[done] ?? null),
      values: body ?? {},
      dates: {
        decisionsIssuedDate: dateParts(body, 'decisionsIssuedDate', app.today()),
        recordDistributedDate: dateParts(body, 'recordDistributedDate', app.today()),
      },
      errors,
      today: app.today(),
    });
  };
  app.get('/reviews/:id', { config: { access: 'child.view' } }, async (request, reply) => {
    const { id } = numericParams.parse(request.params);
    return showReview(request, reply, id, null, noErrors());
  });

  // Rearranging and cancelling
  const changePage = async (request: FastifyRequest, id: number, command: 'rearrange' | 'cancel', body: Body | null, errors: FormErrors, afterDue: ReviewProblems['afterDue'] = null) => {
    const form = await changeForm(app.database, request.user!, id, app.today(), command);
    const values = body ?? {};
    return {
      title: `${command === 'rearrange' ? 'Rearrange' : 'Cancel'} the review: ${form.child.name}`,
      form,
      values,
      version: body ? String(body.version ?? '') : String(form.review.version),
      newDate: dateParts(body, 'newDate'),
      reasonItems: reasonItems(form.reasons, values.reason),
      errors: inFormOrder(errors, ['newDate', 'confirmLate', 'reason', 'note', 'version']),
      afterDue: afterDue ? { dueDate: longDate(afterDue.dueDate), date: longDate(afterDue.date) } : null,
    };
  };
  app.get('/reviews/:id/rearrange', { config: { access: 'review.rearrange' } }, async (request, reply) => {
    const { id } = numericParams.parse(request.params);
    return settle(reply, reviewUrl(id), async () => reply.render('pages/reviews/rearrange.njk', await changePage(request, id, 'rearrange', null, noErrors())));
  });
  app.post('/reviews/:id/rearrange', { config: { access: 'review.rearrange' } }, async (request, reply) => {
    const { id } = numericParams.parse(request.params);
    const body = bodyOf(request);
    return settle(reply, reviewUrl(id), async () => {
      const parsed = parseForm(rearrangeSchema, body);
      const errors = parsed.errors ?? noErrors();
      const newDate = readDate(body, 'newDate', 'the new date', errors);
      const again = async (e: FormErrors, afterDue: ReviewProblems['afterDue'] = null) =>
        reply.code(400).render('pages/reviews/rearrange.njk', await changePage(request, id, 'rearrange', body, e, afterDue));
      if (!parsed.data || !newDate || hasErrors(errors)) return again(errors);
      try {
        await rearrangeReview(app.database, request.user!, id, { ...parsed.data, newDate }, app.today());
      } catch (error) {
        const result = withProblems(errors, error);
        return again(result.errors, result.afterDue);
      }
      return reply.redirect(`${reviewUrl(id)}?done=rearranged`);
    });
  });
  app.get('/reviews/:id/cancel', { config: { access: 'review.rearrange' } }, async (request, reply) => {
    const { id } = numericParams.parse(request.params);
    return settle(reply, reviewUrl(id), async () => reply.render('pages/reviews/cancel.njk', await changePage(request, id, 'cancel', null, noErrors())));
  });
  app.post('/reviews/:id/cancel', { config: { access: 'review.rearrange' } }, async (request, reply) => {
    const { id } = numericParams.parse(request.params);
    const body = bodyOf(request);
    return settle(reply, reviewUrl(id), async () => {
      const parsed = parseForm(cancelSchema, body);
      const errors = parsed.errors ?? noErrors();
      const again = async (e: FormErrors) => reply.code(400).render('pages/reviews/cancel.njk', await changePage(request, id, 'cancel', body, e));
      if (!parsed.data) return again(errors);
      try {
        await cancelReview(app.database, request.user!, id, parsed.data, app.today());
      } catch (error) {
        return again(withProblems(errors, error).errors);
      }
      return reply.redirect(`${reviewUrl(id)}?done=cancelled`);
    });
  });

  // Recording the meeting
  const recordPage = async (request: FastifyRequest, id: number, body: Body | null, errors: FormErrors, extraRows = 0) => {
    const form = await recordForm(app.database, request.user!, id, app.today());
    const values = body ?? {};
    const rows = Math.min(MAX_ACTION_ROWS, Math.max(EMPTY_ACTION_ROWS, body ? postedRows(body) : 0) + extraRows);
    return {
      title: `Record the review: ${form.child.name}`,
      form,
      values,
      version: body ? String(body.version ?? '') : String(form.review.version),
      chairId: body ? String(body.chairId ?? '') : String(form.defaultChairId ?? ''),
      heldDate: dateParts(body, 'heldDate'),
      participationItems: participationItems(values.participationCode),
      attendanceItems: attendanceItems(values.attendance),
      formatItems: formatItems(body ? values.format : form.review.format),
      chairItems: chairItems(form.chairs),
      rows: decisionRowsView(body, rows),
      canAddRows: rows < MAX_ACTION_ROWS,
      errors: inFormOrder(errors, ['heldDate', 'participationCode', 'attendance', 'format', 'chairId', 'actions', 'version']),
    };
  };
  app.get('/reviews/:id/record', { config: { access: 'review.record' } }, async (request, reply) => {
    const { id } = numericParams.parse(request.params);
    return settle(reply, reviewUrl(id), async () => reply.render('pages/reviews/record.njk', await recordPage(request, id, null, noErrors())));
  });
  app.post('/reviews/:id/record', { config: { access: 'review.record' } }, async (request, reply) => {
    const { id } = numericParams.parse(request.params);
    const body = bodyOf(request);
    return settle(reply, reviewUrl(id), async () => {
      // "Add more rows" without JavaScript: the same form again, as filled in, with room for more.
      if (body.addRows === 'yes') return reply.render('pages/reviews/record.njk', await recordPage(request, id, body, noErrors(), 3));
      const parsed = parseForm(recordSchema, body);
      const errors = parsed.errors ?? noErrors();
      const heldDate = readDate(body, 'heldDate', 'the date the review was held', errors);
      const again = async (e: FormErrors) => reply.code(400).render('pages/reviews/record.njk', await recordPage(request, id, body, e));
      const actions = readDecisionRows(body);
      if (!parsed.data || !heldDate || hasErrors(errors)) {
        // Show the decision rows' problems with the rest, rather than one round at a time.
        for (const p of checkDecisionRows(actions, heldDate).problems) fieldError(errors, p.field, p.text);
        return again(errors);
      }
      try {
        const data = { ...parsed.data, participationCode: parsed.data.participationCode as (typeof PARTICIPATION_CODE.codes)[number] };
        await recordHeldReview(app.database, request.user!, id, { ...data, heldDate, actions }, app.today());
      } catch (error) {
        return again(withProblems(errors, error).errors);
      }
      return reply.redirect(`${reviewUrl(id)}?done=held`);
    });
  });

  // After the meeting
  app.post('/reviews/:id/workflow', { config: { access: 'review.issue' } }, async (request, reply) => {
    const { id } = numericParams.parse(request.params);
    const body = bodyOf(request);
    return settle(reply, reviewUrl(id), async () => {
      const parsed = parseForm(workflowSchema, body);
      const errors = parsed.errors ?? noErrors();
      if (!parsed.data) return showReview(request, reply, id, body, errors);
      const field = parsed.data.step === 'decisions' ? 'decisionsIssuedDate' : 'recordDistributedDate';
      const date = readDate(body, field, parsed.data.step === 'decisions' ? 'the date the decisions were sent' : 'the date the record was distributed', errors);
      if (!date || hasErrors(errors)) return showReview(request, reply, id, body, errors);
      try {
        await recordWorkflowStep(app.database, request.user!, id, { version: parsed.data.version, step: parsed.data.step, date }, app.today());
      } catch (error) {
        return showReview(request, reply, id, body, withProblems(errors, error).errors);
      }
      return reply.redirect(`${reviewUrl(id)}?done=${parsed.data.step}`);
    });
  });
  app.post('/reviews/:id/query', { config: { access: 'review.query' } }, async (request, reply) => {
    const { id } = numericParams.parse(request.params);
    const body = bodyOf(request);
    return settle(reply, reviewUrl(id), async () => {
      const parsed = parseForm(querySchema, body);
      if (!parsed.data) return showReview(request, reply, id, body, parsed.errors);
      try {
        await queryDecisions(app.database, request.user!, id, { version: parsed.data.version, text: parsed.data.queryText }, app.today());
      } catch (error) {
        return showReview(request, reply, id, body, withProblems(noErrors(), error).errors);
      }
      return reply.redirect(`${reviewUrl(id)}?done=query`);
    });
  });
  app.post('/reviews/:id/sign-off', { config: { access: 'review.record' } }, async (request, reply) => {
    const { id } = numericParams.parse(request.params);
    return settle(reply, reviewUrl(id), async () => {
      const parsed = parseForm(signOffSchema, bodyOf(request));
      if (!parsed.data) return showReview(request, reply, id, null, parsed.errors);
      await signOffReview(app.database, request.user!, id, parsed.data, app.today());
      return reply.redirect(`${reviewUrl(id)}?done=signed_off`);
    });
  });
  app.post('/actions/:id/complete', { config: { access: 'action.complete' } }, async (request, reply) => {
    const { id } = numericParams.parse(request.params);
    return settle(reply, '/', async () => {
      const { reviewId, alreadyDone } = await completeAction(app.database, request.user!, id, app.today());
      return reply.redirect(`${reviewUrl(reviewId)}?done=${alreadyDone ? 'action_already' : 'action'}#actions`);
    });
  });
}
