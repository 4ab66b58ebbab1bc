// Dispute resolution: the challenges register and its filters, raising a challenge, a challenge's page and
// its steps (respond, ask again, resolve, escalate, refer to Cafcass, withdraw), the challenges sent to the
// person addressed, the protocol an administrator keeps, compliments, and the challenges panel on a child's
// record. Routes read the form, leave the rules to the use cases and show problems the GOV.UK way.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  challengePage,
  challengeRegister,
  challengesAddressedTo,
  ChallengeStepRefused,
  childChallengePanel,
  parseChildIds,
  protocolPage,
  raiseChallenge,
  raiseChoices,
  saveProtocol,
  stepForm,
  takeStep,
} from '../../app/challenges.ts';
import { TEAM_MAX_LENGTH, addCompliment, complimentForm, complimentsPage, sendCompliment } from '../../app/compliments.ts';
import { InputProblems } from '../../app/children.ts';
import { ConflictError } from '../../db/errors.ts';
import { can } from '../../domain/access.ts';
import { CHALLENGE_TYPE_LABELS, CHALLENGE_TYPES, RESPONDER_ROLES, TEXT_MAX_LENGTH, type ChallengeAction, type DisputeStage, type ResponderRole } from '../../domain/dispute-resolution.ts';
import { ROLE_LABELS } from '../../domain/roles.ts';
import { addDateError, addError, dateFromParts, dateParts, noErrors, type FormErrors } from '../forms.ts';

type Body = Record<string, unknown>;
const bodyOf = (request: FastifyRequest): Body => (request.body ?? {}) as Body;
const text = (body: Body, name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
const listOf = (v: unknown): string[] => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map(String));
const whole = (v: unknown): number | null => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null);

const idParams = z.object({ id: z.coerce.number().int().positive() });
const STEP_SLUGS = { 'ask-again': 'ask_again', resolve: 'resolve', escalate: 'escalate', refer: 'refer_to_cafcass', withdraw: 'withdraw' } as const satisfies Record<string, ChallengeAction>;
const stepParams = z.object({ id: z.coerce.number().int().positive(), step: z.enum(Object.keys(STEP_SLUGS) as [keyof typeof STEP_SLUGS]) });
const SLUG_OF: Record<ChallengeAction, string> = { respond: 'respond', ask_again: 'ask-again', resolve: 'resolve', escalate: 'escalate', refer_to_cafcass: 'refer', withdraw: 'withdraw' };

/** Each step's form in words: its heading, the box's label and the button. */
const STEP_WORDS: Record<ChallengeAction, { title: string; label: string; button: string; done: string }> = {
  respond: { title: 'Respond to the challenge', label: 'Your response', button: 'Send response', done: 'Your response has been recorded' },
  ask_again: { title: 'Ask for a further response', label: 'What more do you need?', button: 'Ask for a further response', done: 'A further response has been asked for' },
  resolve: { title: 'Resolve the challenge', label: 'How was it resolved?', button: 'Resolve challenge', done: 'The challenge has been resolved' },
  escalate: { title: 'Escalate the challenge', label: 'Why are you escalating it?', button: 'Escalate challenge', done: 'The challenge has been escalated' },
  refer_to_cafcass: { title: 'Refer to Cafcass', label: 'Why are you referring it to Cafcass?', button: 'Record the referral', done: 'The referral to Cafcass has been recorded' },
  withdraw: { title: 'Withdraw the challenge', label: 'Why is it being withdrawn?', button: 'Withdraw challenge', done: 'The challenge has been withdrawn' },
};
const BANNERS: Record<string, string> = { raised: 'The challenge has been raised', ...Object.fromEntries(Object.entries(STEP_WORDS).map(([k, v]) => [k, v.done])) };

/** A field's error; a date's links to its first box. */
function fieldError(errors: FormErrors, field: string, message: string): void {
  if (/^(raisedOn|date|recordedOn|from|to)$/.test(field)) addDateError(errors, field, message);
  else addError(errors, field, message);
}

function readDate(body: Body, field: string, label: string, errors: FormErrors): string | null {
  const { value, problem, parts } = dateFromParts(body, field);
  if (problem) addDateError(errors, field, `${label} ${problem}`, parts);
  else if (value === null) fieldError(errors, field, `Enter ${label.replace(/^The /, 'the ')}`);
  return value;
}

function withProblems(errors: FormErrors, error: unknown): FormErrors {
  if (!(error instanceof InputProblems)) throw error;
  for (const p of error.problems) fieldError(errors, p.field, p.text);
  return errors;
}

function inFormOrder(errors: FormErrors, order: readonly string[]): FormErrors {
  const rank = (href: string) => {
    const field = href.slice(1).replace(/-day$/, '');
    const i = order.findIndex((o) => field === o || field.startsWith(`${o}-`));
    return i === -1 ? order.length : i;
  };
  errors.list.sort((a, b) => rank(a.href) - rank(b.href));
  return errors;
}

const stageText = (s: DisputeStage) => `${s.name}: ${s.responder}, ${s.workingDays} working ${s.workingDays === 1 ? 'day' : 'days'}`;
const addresseeItems = (people: { id: number; name: string; role: string; team: string | null }[], chosen: unknown) => [
  { value: '', text: 'Select a person' },
  ...people.map((p) => ({ value: String(p.id), text: `${p.name} (${ROLE_LABELS[p.role as ResponderRole]}${p.team ? `, ${p.team}` : ''})`, selected: String(chosen ?? '') === String(p.id) })),
];

/** The register's filter choices as select items, keeping what was chosen. */
function filterItems(choices: Awaited<ReturnType<typeof challengeRegister>>['choices'], q: Body) {
  const items = (all: string, list: { value: string | number; text: string }[], chosen: unknown) => [
    { value: '', text: all },
    ...list.map((i) => ({ value: String(i.value), text: i.text, selected: String(chosen ?? '') === String(i.value) })),
  ];
  return {
    type: items('All types', CHALLENGE_TYPES.map((t) => ({ value: t, text: CHALLENGE_TYPE_LABELS[t] })), q.type),
    stage: items('All stages', choices.stages.map((s) => ({ value: s.level, text: s.name })), q.stage),
    state: items('All', Object.entries(STATE_LABELS).map(([value, label]) => ({ value, text: label })), q.state),
    theme: items('All themes', choices.themes.map((t) => ({ value: t.id, text: t.active ? t.label : `${t.label} (retired)` })), q.theme),
    team: items('All teams', choices.teams.map((t) => ({ value: t, text: t })), q.team),
    iro: items('All IROs', choices.iros.map((i) => ({ value: i.id, text: i.name })), q.iro),
  };
}

const STATE_LABELS = { open: 'Open', overdue: 'Response overdue', resolved: 'Resolved', closed: 'Closed (resolved, referred or withdrawn)' } as const;

export function registerChallengeRoutes(app: FastifyInstance): void {
  const today = () => app.today();
  /** Refused steps and someone else's change become a page with a way back; everything else goes on up. */
  const settle = async (reply: FastifyReply, back: string, work: () => Promise<FastifyReply>): Promise<FastifyReply> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ChallengeStepRefused) return reply.code(409).render('pages/challenges/refused.njk', { title: 'This step cannot be taken', message: error.message, back });
      if (error instanceof ConflictError && error.code === 'RECORD_CHANGED') {
        return reply.code(409).render('pages/challenges/refused.njk', { title: 'Someone else changed this record', message: `${error.message}, so your change was not saved. Open it again to see what changed.`, back });
      }
      throw error;
    }
  };

  // The register, and where each role lands in dispute resolution
  app.get('/challenges', { config: { access: 'dispute.area' } }, async (request, reply) => {
    const user = request.user!;
    if (!can(user, 'challenge.view')) return reply.redirect(can(user, 'challenge.respond') ? '/challenges/addressed-to-me' : '/challenges/protocol');
    const q = (request.query ?? {}) as Body;
    const errors = noErrors();
    const from = dateFromParts(q, 'from');
    const to = dateFromParts(q, 'to');
    if (from.problem) addDateError(errors, 'from', `The start of the period ${from.problem}`, from.parts);
    if (to.problem) addDateError(errors, 'to', `The end of the period ${to.problem}`, to.parts);
    const type = CHALLENGE_TYPES.find((t) => t === q.type);
    const state = (Object.keys(STATE_LABELS) as (keyof typeof STATE_LABELS)[]).find((s) => s === q.state);
    const filter = {
      ...(type && { type }),
      ...(state && { state }),
      ...(whole(q.stage) !== null && { stageLevel: whole(q.stage)! }),
      ...(whole(q.theme) !== null && { themeId: whole(q.theme)! }),
      ...(whole(q.iro) !== null && { raisedBy: whole(q.iro)! }),
      ...(typeof q.team === 'string' && q.team !== '' && { team: q.team }),
      ...(from.value && { from: from.value }),
      ...(to.value && { to: to.value }),
    };
    const page = Math.max(1, whole(q.page) ?? 1);
    const register = await challengeRegister(app.database, user, filter, page, today());
    const query = new URLSearchParams(Object.entries(q).filter(([k, v]) => k !== 'page' && typeof v === 'string' && v !== '') as [string, string][]).toString();
    const href = (n: number) => `/challenges?${query ? `${query}&` : ''}page=${n}`;
    return reply.code(errors.list.length > 0 ? 400 : 200).render('pages/challenges/index.njk', {
      title: 'Challenges',
      register,
      values: q,
      errors,
      dates: { from: dateParts(q, 'from'), to: dateParts(q, 'to') },
      filters: filterItems(register.choices, q),
      page: Math.min(page, register.pages),
      pagination: register.pages > 1 ? { previous: page > 1 ? { href: href(page - 1) } : undefined, next: page < register.pages ? { href: href(page + 1) } : undefined } : null,
      canRespond: can(user, 'challenge.respond'),
      canSeeCompliments: can(user, 'compliment.view'),
    });
  });

  app.get('/challenges/addressed-to-me', { config: { access: 'challenge.respond' } }, async (request, reply) => {
    const lists = await challengesAddressedTo(app.database, request.user!, today());
    const done = String((request.query as Body | undefined)?.done ?? '');
    return reply.render('pages/challenges/addressed.njk', { title: 'Challenges sent to you', ...lists, banner: done === 'respond' ? STEP_WORDS.respond.done : null });
  });

  // Raising a challenge
  const raisePage = async (request: FastifyRequest, body: Body | null, errors: FormErrors) => {
    const childParam = String((request.query as Body | undefined)?.child ?? '');
    const choices = await raiseChoices(app.database, request.user!, today(), childParam ? [childParam] : []);
    const values = body ?? { childIds: choices.children.map((c) => c.id).join(', '), type: 'informal', stageLevel: '0' };
    const themesChosen = listOf(values.themeIds);
    return {
      title: 'Raise a challenge',
      values,
      errors: inFormOrder(errors, ['type', 'stageLevel', 'childIds', 'themeIds', 'concern', 'request', 'addressedTo', 'raisedOn']),
      children: choices.children,
      typeItems: CHALLENGE_TYPES.map((t) => ({ value: t, text: CHALLENGE_TYPE_LABELS[t], checked: values.type === t })),
      stageItems: choices.stages.map((s) => ({ value: String(s.level), text: stageText(s), selected: String(values.stageLevel) === String(s.level) })),
      themeItems: choices.themes.map((t) => ({ value: String(t.id), text: t.label, checked: themesChosen.includes(String(t.id)) })),
      addresseeItems: addresseeItems(choices.addressees, values.addressedTo),
      raisedOn: dateParts(body, 'raisedOn', today()),
      maxLength: TEXT_MAX_LENGTH,
    };
  };
  app.get('/challenges/new', { config: { access: 'challenge.raise' } }, async (request, reply) => reply.render('pages/challenges/new.njk', await raisePage(request, null, noErrors())));
  app.post('/challenges/new', { config: { access: 'challenge.raise' } }, async (request, reply) => {
    const body = bodyOf(request);
    const errors = noErrors();
    // A date that is not a real date is reported here; a missing one, with everything else, by the use case.
    const raised = dateFromParts(body, 'raisedOn');
    if (raised.problem) addDateError(errors, 'raisedOn', `The date raised ${raised.problem}`, raised.parts);
    const again = async (e: FormErrors) => reply.code(400).render('pages/challenges/new.njk', await raisePage(request, body, e));
    try {
      const id = await raiseChallenge(
        app.database,
        request.user!,
        {
          type: CHALLENGE_TYPES.find((t) => t === body.type) ?? null,
          stageLevel: whole(body.stageLevel),
          childIds: parseChildIds(text(body, 'childIds')).slice(0, 200),
          themeIds: listOf(body.themeIds).map(whole).filter((n): n is number => n !== null),
          concern: text(body, 'concern'),
          request: text(body, 'request'),
          addressedTo: whole(body.addressedTo),
          raisedOn: raised.value,
        },
        today(),
      );
      return reply.redirect(`/challenges/${id}?done=raised`);
    } catch (error) {
      return again(withProblems(errors, error));
    }
  });

  // The protocol, kept by an administrator
  const protocolView = async (body: Body | null, errors: FormErrors, saved = false) => {
    const protocol = await protocolPage(app.database);
    const roleItems = (chosen: unknown) => RESPONDER_ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r], selected: chosen === r }));
    const stages = protocol.stages.map((s, i) => {
      const v = (name: string, fallback: unknown) => (body ? text(body, `stages-${i}-${name}`) : String(fallback));
      return { index: i, level: s.level, name: v('name', s.name), responder: v('responder', s.responder), workingDays: v('workingDays', s.workingDays), roleItems: roleItems(body ? body[`stages-${i}-role`] : s.role) };
    });
    const themes = protocol.themes.map((t, i) => ({ index: i, id: t.id, label: body ? text(body, `themes-${i}-label`) : t.label, retired: body ? body[`themes-${i}-retired`] === 'yes' : !t.active }));
    return { title: 'Dispute resolution protocol', protocol, stages, themes, values: body ?? {}, newRoleItems: roleItems(body?.['newStage-role'] ?? 'head_of_service'), errors, saved };
  };
  app.get('/challenges/protocol', { config: { access: 'protocol.configure' } }, async (request, reply) => {
    const saved = String((request.query as Body | undefined)?.saved ?? '') === '1';
    return reply.render('pages/challenges/protocol.njk', await protocolView(null, noErrors(), saved));
  });
  app.post('/challenges/protocol', { config: { access: 'protocol.configure' } }, async (request, reply) => {
    const body = bodyOf(request);
    const current = await protocolPage(app.database);
    const stages: DisputeStage[] = current.stages.map((_, i) => ({
      level: i,
      name: text(body, `stages-${i}-name`),
      responder: text(body, `stages-${i}-responder`),
      role: text(body, `stages-${i}-role`) as ResponderRole,
      workingDays: whole(text(body, `stages-${i}-workingDays`).trim()) ?? Number.NaN,
    }));
    if (body.removeLast === 'yes' && stages.length > 2) stages.pop();
    if (text(body, 'newStage-name').trim() !== '') {
      stages.push({ level: stages.length, name: text(body, 'newStage-name'), responder: text(body, 'newStage-responder'), role: text(body, 'newStage-role') as ResponderRole, workingDays: whole(text(body, 'newStage-workingDays').trim()) ?? Number.NaN });
    }
    const themes = current.themes.map((t, i) => ({ id: t.id, label: text(body, `themes-${i}-label`), active: body[`themes-${i}-retired`] !== 'yes' }));
    try {
      await saveProtocol(app.database, request.user!, { stages, themes, newThemes: text(body, 'newThemes').split(/\r?\n/) });
    } catch (error) {
      // A problem with the added stage is shown against its boxes.
      const errors = withProblems(noErrors(), error);
      for (const e of errors.list) e.href = e.href.replace(`#stages-${current.stages.length}-`, '#newStage-');
      return reply.code(400).render('pages/challenges/protocol.njk', await protocolView(body, errors));
    }
    return reply.redirect('/challenges/protocol?saved=1');
  });

  // One challenge and its steps
  app.get('/challenges/:id', { config: { access: 'dispute.area' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const page = await challengePage(app.database, request.user!, id, today());
    const done = String((request.query as Body | undefined)?.done ?? '');
    return reply.render('pages/challenges/show.njk', {
      title: `${page.challenge.typeLabel} ${id}`,
      page,
      actions: page.actions.map((a) => ({ href: `/challenges/${id}/${SLUG_OF[a]}`, text: STEP_WORDS[a].title })),
      banner: BANNERS[done] ?? null,
      canOpenChildren: can(request.user!, 'challenge.view'),
    });
  });

  const stepPage = async (request: FastifyRequest, id: number, action: ChallengeAction, body: Body | null, errors: FormErrors) => {
    const form = await stepForm(app.database, request.user!, id, action, today());
    const values = body ?? {};
    return {
      title: `${STEP_WORDS[action].title}: ${form.challenge.typeLabel} ${id}`,
      form,
      words: STEP_WORDS[action],
      action: `/challenges/${id}/${SLUG_OF[action]}`,
      isEscalation: action === 'escalate',
      values,
      version: body ? text(body, 'version') : String(form.challenge.version),
      date: dateParts(body, 'date', today()),
      stageItems: [{ value: '', text: 'Select a stage' }, ...form.laterStages.map((s) => ({ value: String(s.level), text: stageText(s), selected: String(values.toLevel ?? '') === String(s.level) }))],
      addresseeItems: addresseeItems(form.addressees, values.addressedTo),
      maxLength: TEXT_MAX_LENGTH,
      errors: inFormOrder(errors, ['action', 'toLevel', 'addressedTo', 'date', 'text']),
    };
  };
  const showStep = (action: ChallengeAction) => async (request: FastifyRequest, reply: FastifyReply) => {
    const { id } = idParams.parse(request.params);
    return settle(reply, `/challenges/${id}`, async () => reply.render('pages/challenges/step.njk', await stepPage(request, id, action, null, noErrors())));
  };
  const postStep = (action: ChallengeAction) => async (request: FastifyRequest, reply: FastifyReply) => {
    const { id } = idParams.parse(request.params);
    const body = bodyOf(request);
    return settle(reply, `/challenges/${id}`, async () => {
      const errors = noErrors();
      const date = readDate(body, 'date', 'The date', errors);
      const version = whole(body.version);
      if (version === null) fieldError(errors, 'version', 'This form is out of date: go back and reload the page');
      const again = async (e: FormErrors) => reply.code(400).render('pages/challenges/step.njk', await stepPage(request, id, action, body, e));
      if (!date || version === null) return again(errors);
      try {
        await takeStep(app.database, request.user!, id, { action, version, date, text: text(body, 'text'), toLevel: whole(body.toLevel), addressedTo: whole(body.addressedTo) }, today());
      } catch (error) {
        return again(withProblems(errors, error));
      }
      return reply.redirect(action === 'respond' ? `/challenges/addressed-to-me?done=respond` : `/challenges/${id}?done=${action}`);
    });
  };
  app.get('/challenges/:id/respond', { config: { access: 'challenge.respond' } }, showStep('respond'));
  app.post('/challenges/:id/respond', { config: { access: 'challenge.respond' } }, postStep('respond'));
  app.get('/challenges/:id/:step', { config: { access: 'challenge.raise' } }, async (request, reply) => showStep(STEP_SLUGS[stepParams.parse(request.params).step])(request, reply));
  app.post('/challenges/:id/:step', { config: { access: 'challenge.raise' } }, async (request, reply) => postStep(STEP_SLUGS[stepParams.parse(request.params).step])(request, reply));

  // Compliments
  app.get('/compliments', { config: { access: 'compliment.view' } }, async (request, reply) => {
    const page = await complimentsPage(app.database, request.user!, {});
    const done = String((request.query as Body | undefined)?.done ?? '');
    return reply.render('pages/compliments/index.njk', { title: 'Compliments', ...page, banner: done === 'added' ? 'The compliment has been recorded' : done === 'sent' ? 'The compliment has been recorded as sent on' : null });
  });
  const complimentPage = async (request: FastifyRequest, childId: string, body: Body | null, errors: FormErrors) => {
    const form = await complimentForm(app.database, request.user!, childId, today());
    const values = body ?? { team: form.child.team ?? '', sendNow: 'yes' };
    return { title: `Record a compliment: ${form.child.name}`, form, values, recordedOn: dateParts(body, 'recordedOn', today()), maxLength: TEXT_MAX_LENGTH, teamMaxLength: TEAM_MAX_LENGTH, errors: inFormOrder(errors, ['worker', 'team', 'text', 'recordedOn']) };
  };
  const childOf = (request: FastifyRequest) => z.object({ child: z.string().min(1).max(50) }).parse(request.query ?? {}).child;
  app.get('/compliments/new', { config: { access: 'compliment.add' } }, async (request, reply) => reply.render('pages/compliments/new.njk', await complimentPage(request, childOf(request), null, noErrors())));
  app.post('/compliments/new', { config: { access: 'compliment.add' } }, async (request, reply) => {
    const childId = childOf(request);
    const body = bodyOf(request);
    const errors = noErrors();
    const recordedOn = readDate(body, 'recordedOn', 'The date', errors);
    const again = async (e: FormErrors) => reply.code(400).render('pages/compliments/new.njk', await complimentPage(request, childId, body, e));
    if (!recordedOn) return again(errors);
    try {
      await addCompliment(app.database, request.user!, childId, { worker: text(body, 'worker'), team: text(body, 'team'), text: text(body, 'text'), recordedOn, sendNow: listOf(body.sendNow).includes('yes') }, today());
    } catch (error) {
      return again(withProblems(errors, error));
    }
    return reply.redirect('/compliments?done=added');
  });
  app.post('/compliments/:id/send', { config: { access: 'compliment.add' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    return settle(reply, '/compliments', async () => {
      await sendCompliment(app.database, request.user!, id, today());
      return reply.redirect('/compliments?done=sent');
    });
  });

  // The child's record shows the challenges about the child: its page is rendered with this panel added.
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'GET' || request.routeOptions.url !== '/children/:id' || !request.user || reply.sent) return;
    const childId = String((request.params as Body).id ?? '');
    const panel = await childChallengePanel(app.database, request.user, childId, today());
    if (!panel) return;
    const render = reply.render;
    reply.render = (template, context) => render.call(reply, template, { ...context, challengePanel: panel });
  });
}
