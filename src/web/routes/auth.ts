// Signing in and out, and changing one's own password.

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { changePassword, signIn, signOut, SIGN_IN_POLICY } from '../../app/sign-in.ts';
import { addError, noErrors, parseForm } from '../forms.ts';
import { SESSION_COOKIE } from '../server.ts';

const signInForm = z.object({
  email: z.string().trim().min(1, 'Enter your email address').max(320, 'Enter a shorter email address'),
  password: z.string().min(1, 'Enter your password').max(256, 'Enter a shorter password'),
  next: z.string().optional(),
});

const passwordForm = z.object({
  currentPassword: z.string().min(1, 'Enter your current password'),
  newPassword: z.string().min(1, 'Enter a new password'),
  confirmPassword: z.string().min(1, 'Confirm your new password'),
});

/** Only a path on this site may follow sign-in, never another site. */
function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export function registerAuthRoutes(app: FastifyInstance, options: { secure: boolean; signInRateLimit: number }): void {
  app.get('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
    if (request.user) return reply.redirect('/');
    const next = (request.query as { next?: string }).next;
    return reply.render('pages/sign-in.njk', { title: 'Sign in', values: { next: safeNext(next) }, errors: noErrors() });
  });

  app.post(
    '/sign-in',
    { config: { access: 'public', rateLimit: { max: options.signInRateLimit, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const parsed = parseForm(signInForm, request.body);
      if (!parsed.data) return reply.code(400).render('pages/sign-in.njk', { title: 'Sign in', values: request.body, errors: parsed.errors });
      const result = await signIn(app.database, parsed.data.email, parsed.data.password);
      if (!result.ok) {
        const message =
          result.reason === 'locked'
            ? `Your account is locked after too many attempts. Try again in ${SIGN_IN_POLICY.lockMinutes} minutes, or ask an administrator.`
            : 'Enter a correct email address and password';
        const errors = addError(noErrors(), 'email', message);
        return reply.code(401).render('pages/sign-in.njk', { title: 'Sign in', values: { email: parsed.data.email, next: parsed.data.next }, errors });
      }
      reply.setCookie(SESSION_COOKIE, result.token, { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure: options.secure });
      return reply.redirect(safeNext(parsed.data.next));
    },
  );

  app.post('/sign-out', { config: { access: 'signedIn' } }, async (request, reply) => {
    const raw = request.cookies[SESSION_COOKIE];
    const token = raw ? request.unsignCookie(raw) : null;
    if (token?.valid && token.value && request.user) await signOut(app.database, token.value, request.user.id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/sign-in');
  });

  app.get('/account/password', { config: { access: 'signedIn' } }, async (_request, reply) =>
    reply.render('pages/change-password.njk', { title: 'Change your password', errors: noErrors() }),
  );

  app.post('/account/password', { config: { access: 'signedIn' } }, async (request, reply) => {
    const parsed = parseForm(passwordForm, request.body);
    const render = (errors: ReturnType<typeof noErrors>, code: number) => reply.code(code).render('pages/change-password.njk', { title: 'Change your password', errors });
    if (!parsed.data) return render(parsed.errors, 400);
    if (parsed.data.newPassword !== parsed.data.confirmPassword) return render(addError(noErrors(), 'confirmPassword', 'The new passwords do not match'), 400);
    const result = await changePassword(app.database, request.user!.id, request.sessionId!, parsed.data.currentPassword, parsed.data.newPassword);
    if (!result.ok) return render(addError(noErrors(), result.field, result.message), 400);
    return reply.render('pages/done.njk', { title: 'Your password has been changed', message: 'Use your new password next time you sign in.', next: { href: '/', text: 'Continue' } });
  });
}
