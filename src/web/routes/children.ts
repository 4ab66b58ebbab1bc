// Children: finding a child, the child's record and its audit trail, adding a child who has become looked
// after, changing the child's IRO and adding the IRO's notes. Each route checks the form's shape, leaves the
// rules to the use case, and shows its problems the GOV.UK way.

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { addChildLookedAfter, allocationChoices, changeIro, childAuditTrail, childRecordPage, InputProblems, newChildChoices, searchChildren } from '../../app/children.ts';
import { addIroNote, NOTE_KIND_CHOICES, NOTE_MAX_LENGTH, noteFormFor } from '../../app/notes.ts';
import { NOTE_KINDS, type NoteKind } from '../../db/notes.ts';
import { can } from '../../domain/access.ts';
import { CATEGORY_OF_NEED, ETHNICITY, LEGAL_STATUS, PLACEMENT_TYPE, SEX } from '../../domain/codes.ts';
import { addDateError, addError, dateFromParts, dateParts, hasErrors, noErrors, parseForm, type FormErrors } from '../forms.ts';
import { pagination } from '../pagination.ts';

const DATE_FIELDS = new Set(['dateOfBirth', 'careStart', 'notifiedDate', 'from', 'date']);
const NEW_CHILD_FIELDS = ['childId', 'givenName', 'familyName', 'dateOfBirth', 'sex', 'ethnicity', 'upn', 'uasc', 'socialWorkTeam', 'careStart', 'legalStatus', 'categoryOfNeed', 'placementType', 'notifiedDate', 'iroId'];

/** A field's error; a date's links to its first box. */
function fieldError(errors: FormErrors, field: string, text: string): void {
  if (DATE_FIELDS.has(field)) addDateError(errors, field, text);
  else addError(errors, field, text);
}

/** Reads a GOV.UK date input; `label` starts "The …" so messages read "The date of birth must be a real date". */
function readDate(body: Record<string, unknown>, field: string, label: string, errors: FormErrors): string | null {
  const { value, problem, parts } = dateFromParts(body, field);
  if (problem) addDateError(errors, field, `${label} ${problem}`, parts);
  else if (value === null) fieldError(errors, field, `Enter ${label.replace(/^The /, 'the ')}`);
  return value;
}

/** Adds the use case's problems to the form's; anything else is not the user's to fix, so goes on up. */
function withProblems(errors: FormErrors, error: unknown): FormErrors {
  if (!(error instanceof InputProblems)) throw error;
  for (const p of error.problems) fieldError(errors, p.field, p.text);
  return errors;
}

/** The error summary lists problems in the order the fields come on the page. */
function inFormOrder(errors: FormErrors, order: readonly string[]): FormErrors {
  const rank = (href: string) => {
    const i = order.indexOf(href.slice(1).replace(/-day$/, ''));
    return i === -1 ? order.length : i;
  };
  errors.list.sort((a, b) => rank(a.href) - rank(b.href));
  return errors;
}

const text = (message: string, max: number, tooLong: string) => z.preprocess((v) => v ?? '', z.string().trim().min(1, message).max(max, tooLong));
const optionalText = (max: number, tooLong: string) => z.preprocess((v) => v ?? '', z.string().trim().max(max, tooLong)).transform((v) => (v === '' ? null : v));
const code = (list: { has: (v: string) => boolean }, message: string) => z.string({ message }).refine((v) => list.has(v), message);

const newChildForm = z.object({
  childId: text('Enter the child’s identifier', 10, 'The identifier must be 10 characters or fewer').pipe(
    z.string().regex(/^[A-Za-z0-9]+$/, 'The identifier must contain only letters and numbers'),
  ),
  givenName: text('Enter the child’s first name', 100, 'The first name must be 100 characters or fewer'),
  familyName: text('Enter the child’s last name', 100, 'The last name must be 100 characters or fewer'),
  sex: z.enum(SEX.codes as ['M', 'F', 'U'], { message: 'Select the child’s sex' }),
  ethnicity: code(ETHNICITY, 'Select the child’s ethnicity'),
  upn: optionalText(13, 'Enter a unique pupil number of 13 characters, like A123456789012')
    .transform((v) => v?.toUpperCase() ?? null)
    .refine((v) => v === null || /^[A-Z]\d{11}[0-9A-Z]$/.test(v), 'Enter a unique pupil number of 13 characters, like A123456789012'),
  uasc: z.enum(['yes', 'no'], { message: 'Select yes if the child is an unaccompanied asylum-seeking child' }),
  socialWorkTeam: optionalText(100, 'The team must be 100 characters or fewer'),
  legalStatus: code(LEGAL_STATUS, 'Select the legal status'),
  categoryOfNeed: code(CATEGORY_OF_NEED, 'Select the category of need'),
  placementType: code(PLACEMENT_TYPE, 'Select the placement type'),
  iroId: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.coerce.number({ message: 'Select an IRO from the list' }).int().positive().nullable()),
});

const allocationForm = z.object({
  iroId: z.coerce.number({ message: 'Select an IRO' }).int('Select an IRO').positive('Select an IRO'),
  reason: optionalText(500, 'The reason must be 500 characters or fewer'),
  expectedIroId: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.coerce.number().int().nullable()),
});

const noteForm = z.object({
  kind: z.enum(Object.keys(NOTE_KINDS) as [NoteKind, ...NoteKind[]], { message: 'Select what kind of note this is' }),
  text: text('Enter the note', NOTE_MAX_LENGTH, `The note must be ${NOTE_MAX_LENGTH} characters or fewer`),
});

const idParams = z.object({ id: z.string().min(1).max(50) });
const searchQuery = z.object({ q: z.string().max(100).optional().catch(undefined), page: z.coerce.number().int().positive().optional().catch(undefined) });
const BANNERS: Record<string, string> = { child: 'The child has been added', note: 'Your note has been added', iro: 'The IRO has been changed' };

/** The pages of children found, each keeping the search. */
const searchPagination = (query: string, page: number, pages: number) =>
  pagination(page, pages, (n) => `/children?${query ? `q=${encodeURIComponent(query)}&` : ''}page=${n}`);

const iroItems = (iros: { id: number; name: string; children: number }[], first: string) => [
  { value: '', text: first },
  ...iros.map((i) => ({ value: String(i.id), text: `${i.name} (${i.children} ${i.children === 1 ? 'child' : 'children'})` })),
];

const kindItems = (chosen: unknown) => NOTE_KIND_CHOICES.map((k) => ({ ...k, checked: k.value === chosen }));

const options = (list: { labels: Record<string, string>; codes: readonly string[] }, first: string) => [
  { value: '', text: first },
  ...list.codes.map((value) => ({ value, text: `${list.labels[value]} (${value})` })),
];

export function registerChildrenRoutes(app: FastifyInstance): void {
  app.get('/children', { config: { access: 'child.view' } }, async (request, reply) => {
    const query = searchQuery.parse(request.query ?? {});
    const result = await searchChildren(app.database, request.user!, { query: query.q ?? '', page: query.page ?? 1, asOf: app.today() });
    return reply.render('pages/children/index.njk', { title: 'Children', query: query.q ?? '', result, pagination: searchPagination(query.q ?? '', result.page, result.pages), canAdd: can(request.user!, 'child.create') });
  });

  const newChildPage = async (values: Record<string, unknown>, errors: FormErrors, body: Record<string, unknown> | null) => {
    const choices = await newChildChoices(app.database, app.today());
    return {
      title: 'Add a child who is looked after',
      values,
      errors,
      dates: { dateOfBirth: dateParts(body, 'dateOfBirth'), careStart: dateParts(body, 'careStart'), notifiedDate: dateParts(body, 'notifiedDate', body ? null : app.today()) },
      iros: iroItems(choices.iros, 'Allocate later'),
      teams: choices.teams.length > 0 ? [{ value: '', text: 'Not known yet' }, ...choices.teams.map((t) => ({ value: t, text: t }))] : null,
      ethnicities: options(ETHNICITY, 'Select ethnicity'),
      legalStatuses: options(LEGAL_STATUS, 'Select legal status'),
      categoriesOfNeed: options(CATEGORY_OF_NEED, 'Select category of need'),
      placementTypes: options(PLACEMENT_TYPE, 'Select placement type'),
      sexRadios: SEX.codes.map((value) => ({ value, text: SEX.labels[value], checked: values.sex === value })),
      allocationWorkingDays: choices.allocationWorkingDays,
    };
  };

  app.get('/children/new', { config: { access: 'child.create' } }, async (_request, reply) =>
    reply.render('pages/children/new.njk', await newChildPage({}, noErrors(), null)),
  );

  app.post('/children/new', { config: { access: 'child.create' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = parseForm(newChildForm, body);
    const errors = parsed.errors ?? noErrors();
    const dateOfBirth = readDate(body, 'dateOfBirth', 'The date of birth', errors);
    const careStart = readDate(body, 'careStart', 'The date care started', errors);
    const notifiedDate = readDate(body, 'notifiedDate', 'The date the service was told', errors);
    const again = async (e: FormErrors) => reply.code(400).render('pages/children/new.njk', await newChildPage(body, inFormOrder(e, NEW_CHILD_FIELDS), body));
    if (!parsed.data || !dateOfBirth || !careStart || !notifiedDate || hasErrors(errors)) {
      return again(errors);
    }
    try {
      const added = await addChildLookedAfter(app.database, request.user!, { ...parsed.data, uasc: parsed.data.uasc === 'yes', dateOfBirth, careStart, notifiedDate }, app.today());
      return reply.redirect(`/children/${encodeURIComponent(added.childId)}?added=child`);
    } catch (error) {
      return again(withProblems(errors, error));
    }
  });

  app.get('/children/:id', { config: { access: 'child.view' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const record = await childRecordPage(app.database, request.user!, id, app.today());
    const added = String((request.query as Record<string, unknown> | undefined)?.added ?? '');
    return reply.render('pages/children/record.njk', { title: record.child.name, record, banner: BANNERS[added] ?? null, today: app.today() });
  });

  app.get('/children/:id/audit', { config: { access: 'child.audit' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const trail = await childAuditTrail(app.database, request.user!, id, app.today());
    return reply.render('pages/children/audit.njk', { title: `Audit trail: ${trail.child.name}`, trail });
  });

  app.get('/children/:id/allocate', { config: { access: 'child.allocate' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const page = await allocationChoices(app.database, request.user!, id, app.today());
    return reply.render('pages/children/allocate.njk', {
      title: `Change IRO: ${page.child.name}`,
      page,
      iroItems: iroItems(page.iros, 'Select an IRO'),
      values: {},
      from: dateParts(null, 'from', app.today()),
      errors: noErrors(),
    });
  });

  app.post('/children/:id/allocate', { config: { access: 'child.allocate' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = parseForm(allocationForm, body);
    const errors = parsed.errors ?? noErrors();
    const from = readDate(body, 'from', 'The date the new IRO takes over', errors);
    const again = async (e: FormErrors) => {
      const page = await allocationChoices(app.database, request.user!, id, app.today());
      return reply.code(400).render('pages/children/allocate.njk', { title: `Change IRO: ${page.child.name}`, page, iroItems: iroItems(page.iros, 'Select an IRO'), values: body, from: dateParts(body, 'from'), errors: inFormOrder(e, ['iroId', 'from', 'reason']) });
    };
    if (!parsed.data || !from || hasErrors(errors)) return again(errors);
    try {
      await changeIro(app.database, request.user!, id, { ...parsed.data, from }, app.today());
    } catch (error) {
      return again(withProblems(errors, error));
    }
    return reply.redirect(`/children/${encodeURIComponent(id)}?added=iro`);
  });

  app.get('/children/:id/notes/new', { config: { access: 'note.add' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const child = await noteFormFor(app.database, request.user!, id, app.today());
    return reply.render('pages/children/note-new.njk', { title: `Add a note: ${child.name}`, child, kindItems: kindItems(null), maxLength: NOTE_MAX_LENGTH, values: {}, date: dateParts(null, 'date', app.today()), errors: noErrors() });
  });

  app.post('/children/:id/notes/new', { config: { access: 'note.add' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = parseForm(noteForm, body);
    const errors = parsed.errors ?? noErrors();
    const date = readDate(body, 'date', 'The date', errors);
    const again = async (e: FormErrors) => {
      const child = await noteFormFor(app.database, request.user!, id, app.today());
      const sorted = inFormOrder(e, ['kind', 'date', 'text']);
      return reply.code(400).render('pages/children/note-new.njk', { title: `Add a note: ${child.name}`, child, kindItems: kindItems(body.kind), maxLength: NOTE_MAX_LENGTH, values: body, date: dateParts(body, 'date'), errors: sorted });
    };
    if (!parsed.data || !date || hasErrors(errors)) return again(errors);
    try {
      await addIroNote(app.database, request.user!, id, { ...parsed.data, date }, app.today());
    } catch (error) {
      return again(withProblems(errors, error));
    }
    return reply.redirect(`/children/${encodeURIComponent(id)}?added=note#notes`);
  });
}
