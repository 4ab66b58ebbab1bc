// The start page: each role lands where its work is.
import type { FastifyInstance } from 'fastify';
import { can } from '../../domain/access.ts';

export function registerHomeRoutes(app: FastifyInstance): void {
  app.get('/', { config: { access: 'public' } }, async (request, reply) => {
    const user = request.user;
    if (!user) return reply.redirect('/sign-in');
    if (user.role === 'iro') return reply.redirect('/caseload');
    if (can(user, 'dashboard.view')) return reply.redirect('/dashboard');
    if (can(user, 'child.view')) return reply.redirect('/children');
    if (can(user, 'accounts.manage')) return reply.redirect('/admin/accounts');
    return reply.redirect('/account/password');
  });
}
