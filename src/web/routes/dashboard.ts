// The service dashboard: timeliness, caseloads and what is overdue across the service. Lists of children
// only for roles allowed them; an analyst sees the counts.

import type { FastifyInstance } from 'fastify';
import { serviceDashboard } from '../../app/dashboard.ts';
import { can } from '../../domain/access.ts';

export function registerDashboardRoutes(app: FastifyInstance): void {
  app.get('/dashboard', { config: { access: 'dashboard.view' } }, async (request, reply) => {
    const user = request.user!;
    const dashboard = await serviceDashboard(app.database, { asOf: app.today(), withChildLists: can(user, 'dashboard.childLists') });
    return reply.render('pages/dashboard/index.njk', { title: 'Service dashboard', dashboard, canOpenCaseloads: can(user, 'caseload.others') });
  });
}
