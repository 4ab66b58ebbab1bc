// Consultation pages. Staff: a review's requests and answers, asking someone for their views, a printed link
// with its QR code, and a child's answers on their record. The public form: /have-your-say/<token>, no
// account, rate limited by address (route config) and by link (a second limiter), and otherwise checked only
// by its token. Also starts the e-mail worker when the settings ask for one.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import { askForViews, childConsultation, consultationPage, ConsultationProblems, ConsultationStateError, printLink, requestForm } from '../../app/consultation.ts';
import { answerByLink, hashLinkToken, LinkNotFoundError, linkPath, openLink, type LinkPage } from '../../app/consultation-link.ts';
import { createEmailTransport, emailSettingsFromEnvironment, sendDueEmails, startWorker, type Worker } from '../../app/email-outbox.ts';
import { FORM_VERSIONS, respondentOf, type Answers, type FormVersion } from '../../domain/consultation.ts';
import { addDateError, addError, dateFromParts, dateParts, hasErrors, noErrors, type FormErrors } from '../forms.ts';
import { formFields } from './consultation-fields.ts';

type Body = Record<string, unknown>;

/** Requests from one address to the public form, a minute at a time: enough for a children's home of forms. */
const LINK_REQUESTS_PER_ADDRESS = 60;
/** Requests to one link, from anywhere, a minute at a time. */
const LINK_REQUESTS_PER_LINK = 30;

const reviewParams = z.object({ id: z.coerce.number().int().positive() });
const childParams = z.object({ id: z.string().min(1).max(50) });
const tokenParams = z.object({ token: z.string().max(100) });
const text = (max: number) => z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().max(max)).transform((v) => (v === '' ? null : v));
const requestSchema = z.object({
  formVersion: z.enum(FORM_VERSIONS, { message: 'Select who you are asking and which form' }),
  respondentLabel: text(200),
  channel: z.enum(['email', 'print'], { message: 'Select how the link should reach them' }),
  email: text(300),
});

const tooMany = () => Object.assign(new Error('Too many attempts'), { statusCode: 429 });

export function registerConsultationRoutes(app: FastifyInstance): void {
  const settings = emailSettingsFromEnvironment();
  startEmailWorker(app, settings.smtpUrl, settings.intervalSeconds);
  const linkBase = (request: FastifyRequest) => settings.publicUrl ?? `${request.protocol}://${request.host}`;

  // ---- Staff pages -------------------------------------------------------------------------------
  const settle = async (reply: FastifyReply, back: string, work: () => Promise<FastifyReply>) => {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof ConsultationStateError)) throw error;
      return reply.code(409).render('pages/consultation/refused.njk', { title: 'Views cannot be asked for now', message: error.message, back });
    }
  };

  app.get('/reviews/:id/consultation', { config: { access: 'consultation.send' } }, async (request, reply) => {
    const { id } = reviewParams.parse(request.params);
    const page = await consultationPage(app.database, request.user!, id, app.today());
    const done = String((request.query as Body | undefined)?.done ?? '');
    return reply.render('pages/consultation/review.njk', { title: `Views before the review: ${page.child.name}`, page, banner: done === 'asked' ? 'The request has been saved' : null });
  });

  const newPage = async (request: FastifyRequest, id: number, body: Body | null, errors: FormErrors) => {
    const form = await requestForm(app.database, request.user!, id, app.today());
    const chosen = body ? String(body.formVersion ?? '') : (form.childVersion ?? '');
    return {
      title: `Ask for views: ${form.child.name}`,
      form,
      values: body ?? { channel: 'email' },
      formItems: form.versions.flatMap((group) => group.forms.map((f) => ({ value: f.version, text: f.name, checked: f.version === chosen }))),
      sendOn: dateParts(body, 'sendOn', form.sendOn),
      errors,
    };
  };
  app.get('/reviews/:id/consultation/new', { config: { access: 'consultation.send' } }, async (request, reply) => {
    const { id } = reviewParams.parse(request.params);
    return settle(reply, `/reviews/${id}/consultation`, async () => reply.render('pages/consultation/new.njk', await newPage(request, id, null, noErrors())));
  });
  app.post('/reviews/:id/consultation/new', { config: { access: 'consultation.send' } }, async (request, reply) => {
    const { id } = reviewParams.parse(request.params);
    const body = (request.body ?? {}) as Body;
    return settle(reply, `/reviews/${id}/consultation`, async () => {
      const parsed = requestSchema.safeParse(body);
      const errors = noErrors();
      if (!parsed.success) for (const issue of parsed.error.issues) addError(errors, String(issue.path[0] ?? 'form'), issue.message);
      const sendOn = dateFromParts(body, 'sendOn');
      if (parsed.success && parsed.data.channel === 'email' && sendOn.problem) addDateError(errors, 'sendOn', `The date to send ${sendOn.problem}`, sendOn.parts);
      const again = async (e: FormErrors) => reply.code(400).render('pages/consultation/new.njk', await newPage(request, id, body, e));
      if (!parsed.success || hasErrors(errors)) return again(errors);
      const version: FormVersion = parsed.data.formVersion;
      try {
        const requestId = await askForViews(app.database, request.user!, id, { ...parsed.data, respondent: respondentOf(version), formVersion: version, sendOn: sendOn.value }, app.today());
        if (parsed.data.channel === 'print') return await renderPrint(reply, request, requestId);
      } catch (error) {
        if (!(error instanceof ConsultationProblems)) throw error;
        for (const p of error.problems) addError(errors, p.field, p.text);
        return again(errors);
      }
      return reply.redirect(`/reviews/${id}/consultation?done=asked`);
    });
  });

  const renderPrint = async (reply: FastifyReply, request: FastifyRequest, requestId: number) => {
    const printed = await printLink(app.database, request.user!, requestId, app.today());
    const url = `${linkBase(request)}${linkPath(printed.token)}`;
    const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    const qrSvg = svg.replace('<svg ', '<svg role="img" aria-label="QR code of the link" width="220" height="220" focusable="false" ');
    // The page holds the only copy of the link: not to be kept by the browser or anything between.
    reply.header('cache-control', 'no-store');
    return reply.render('pages/consultation/print.njk', { title: `Printed link: ${printed.childName}`, printed, url, qrSvg });
  };
  app.post('/consultation/requests/:id/print', { config: { access: 'consultation.send' } }, async (request, reply) => {
    const { id } = reviewParams.parse(request.params);
    return settle(reply, '/', async () => renderPrint(reply, request, id));
  });

  app.get('/children/:id/consultation', { config: { access: 'consultation.read' } }, async (request, reply) => {
    const { id } = childParams.parse(request.params);
    const page = await childConsultation(app.database, request.user!, id, app.today());
    return reply.render('pages/consultation/child.njk', { title: `Views before reviews: ${page.child.name}`, page });
  });

  // ---- The public form ----------------------------------------------------------------------------
  const perLink = app.createRateLimit({
    max: LINK_REQUESTS_PER_LINK,
    timeWindow: 60_000,
    keyGenerator: (request) => `link:${hashLinkToken(String((request.params as Body).token ?? ''))}`,
  });
  const publicRoute = {
    config: { access: 'public' as const, rateLimit: { max: LINK_REQUESTS_PER_ADDRESS, timeWindow: 60_000 } },
    onRequest: async (request: FastifyRequest) => {
      const limit = await perLink(request);
      if (!limit.isAllowed && limit.isExceeded) throw tooMany();
    },
  };
  /** Shared devices: these pages are never cached, indexed, or sent on as a referrer (helmet's default). */
  const noTrace = (reply: FastifyReply) => reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex, nofollow');

  const showLink = (reply: FastifyReply, token: string, page: LinkPage, extra: { values?: Answers; errors?: FormErrors; saved?: boolean } = {}) => {
    noTrace(reply);
    if (page.state === 'answered') return reply.render('pages/forms/thank-you.njk', { title: 'Thank you' });
    if (page.state !== 'open' || !page.form) {
      return reply.code(410).render('pages/forms/closed.njk', { title: 'This form is closed', reason: page.state });
    }
    const errors = extra.errors ?? noErrors();
    return reply.code(hasErrors(errors) ? 400 : 200).render('pages/forms/form.njk', {
      title: page.form.heading,
      action: linkPath(token),
      form: page.form,
      audience: page.form.withSymbols ? 'symbols' : respondentOf(page.form.version) === 'child' ? 'child' : page.form.version === 'social_worker' ? 'professional' : 'adult',
      firstName: page.childFirstName,
      reviewDate: page.reviewDate,
      fields: formFields(page.form, extra.values ?? page.saved ?? {}, errors),
      saved: extra.saved === true && page.savedAt !== null,
      errors,
    });
  };
  const notFound = (reply: FastifyReply) => noTrace(reply).code(404).render('pages/forms/closed.njk', { title: 'This link does not work', reason: 'not_found' });

  app.get('/have-your-say/:token', publicRoute, async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    try {
      const page = await openLink(app.database, token, app.today());
      return showLink(reply, token, page, { saved: (request.query as Body | undefined)?.saved === 'yes' });
    } catch (error) {
      if (error instanceof LinkNotFoundError) return notFound(reply);
      throw error;
    }
  });
  app.post('/have-your-say/:token', publicRoute, async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    const body = (request.body ?? {}) as Body;
    try {
      const result = await answerByLink(app.database, token, body, body.action === 'send', app.today());
      if (result.outcome === 'saved') return reply.redirect(`${linkPath(token)}?saved=yes`);
      if (result.outcome === 'sent') return reply.redirect(linkPath(token));
      if (result.outcome === 'not_open') {
        // A second sending is refused: the link now shows only its thank-you.
        if (result.page.state === 'answered') return noTrace(reply).code(409).render('pages/forms/thank-you.njk', { title: 'Your answers were already sent', already: true });
        return showLink(reply, token, result.page);
      }
      const errors = noErrors();
      for (const p of result.problems) addError(errors, p.field === 'form' ? firstField(result.page) : p.field, p.text);
      return showLink(reply, token, result.page, { values: result.posted, errors });
    } catch (error) {
      if (error instanceof LinkNotFoundError) return notFound(reply);
      throw error;
    }
  });
}

/** A problem with the whole form links to its first question. */
function firstField(page: LinkPage): string {
  return page.form?.questions[0]?.id ?? 'form';
}

/** Runs queueing and delivery on an interval once the server is ready, when the settings ask for it. */
function startEmailWorker(app: FastifyInstance, smtpUrl: string | null, intervalSeconds: number): void {
  if (intervalSeconds === 0) return;
  let worker: Worker | undefined;
  app.addHook('onReady', async () => {
    const transport = smtpUrl ? createEmailTransport(smtpUrl) : null;
    worker = startWorker(
      () => sendDueEmails(app.database, transport, app.today()),
      intervalSeconds * 1000,
      // Only the error's kind reaches the log: its message could name a person or an address.
      (error) => app.log.error({ err: { name: (error as Error)?.name, code: (error as { code?: unknown })?.code } }, 'sending e-mail failed'),
    );
  });
  app.addHook('onClose', async () => {
    await worker?.stop();
  });
}
