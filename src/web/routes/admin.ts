// Accounts, for administrators: list, add, reset a password, unlock, disable or enable.

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createAccount, listAccounts, resetPassword, setAccountActive, unlockAccount } from '../../app/accounts.ts';
import { passwordProblem } from '../../app/passwords.ts';
import { STAFF_ROLES } from '../../domain/register.ts';
import { ROLE_LABELS } from '../../domain/roles.ts';
import { addError, hasErrors, noErrors, parseForm } from '../forms.ts';


const accountForm = z.object({
  name: z.string().trim().min(1, 'Enter the name').max(200, 'Name must be 200 characters or fewer'),
  email: z.string().trim().toLowerCase().email('Enter an email address in the correct format, like name@example.org'),
  role: z.enum(STAFF_ROLES, { message: 'Select a role' }),
  team: z.string().trim().max(100, 'Team must be 100 characters or fewer').optional().transform((v) => (v ? v : null)),
  fte: z.coerce.number({ message: 'Enter the full-time equivalent as a number, like 0.8' }).min(0.1, 'Full-time equivalent must be between 0.1 and 1').max(1, 'Full-time equivalent must be between 0.1 and 1'),
  password: z.string().min(1, 'Enter a first password'),
});

const idParams = z.object({ id: z.coerce.number().int().positive() });

export function registerAdminRoutes(app: FastifyInstance): void {
  const access = 'accounts.manage' as const;
  const roles = [{ value: '', text: 'Select a role' }, ...STAFF_ROLES.map((value) => ({ value, text: ROLE_LABELS[value] }))];

  app.get('/admin/accounts', { config: { access } }, async (_request, reply) =>
    reply.render('pages/admin/accounts.njk', { title: 'Accounts', accounts: await listAccounts(app.database), roleLabels: ROLE_LABELS }),
  );

  app.get('/admin/accounts/new', { config: { access } }, async (_request, reply) =>
    reply.render('pages/admin/account-new.njk', { title: 'Add an account', roles, values: { fte: '1' }, errors: noErrors() }),
  );

  app.post('/admin/accounts/new', { config: { access } }, async (request, reply) => {
    const parsed = parseForm(accountForm, request.body);
    const errors = parsed.errors ?? noErrors();
    if (parsed.data) {
      const problem = passwordProblem(parsed.data.password);
      if (problem) addError(errors, 'password', problem);
    }
    if (!parsed.data || hasErrors(errors)) {
      return reply.code(400).render('pages/admin/account-new.njk', { title: 'Add an account', roles, values: request.body, errors });
    }
    try {
      await createAccount(app.database, request.user!.id, { ...parsed.data });
    } catch (error) {
      if ((error as { code?: string }).code === 'EMAIL_IN_USE') {
        return reply.code(400).render('pages/admin/account-new.njk', { title: 'Add an account', roles, values: request.body, errors: addError(noErrors(), 'email', 'Another account already uses that email address') });
      }
      throw error;
    }
    return reply.redirect('/admin/accounts');
  });

  app.post('/admin/accounts/:id/password', { config: { access } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const password = String((request.body as Record<string, unknown>).password ?? '');
    const problem = passwordProblem(password);
    if (problem) return reply.code(400).render('pages/error.njk', { title: 'The password was not changed', message: problem });
    await resetPassword(app.database, request.user!.id, id, password);
    return reply.redirect('/admin/accounts');
  });

  app.post('/admin/accounts/:id/unlock', { config: { access } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    await unlockAccount(app.database, request.user!.id, id);
    return reply.redirect('/admin/accounts');
  });

  app.post('/admin/accounts/:id/active', { config: { access } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const active = (request.body as Record<string, unknown>).active === 'true';
    if (id === request.user!.id && !active) return reply.code(400).render('pages/error.njk', { title: 'You cannot disable your own account', message: 'Ask another administrator.' });
    await setAccountActive(app.database, request.user!.id, id, active);
    return reply.redirect('/admin/accounts');
  });
}
