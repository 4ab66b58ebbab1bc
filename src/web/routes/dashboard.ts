// The service dashboard: timeliness, caseloads and what is overdue across the service. Lists of children
// only for roles allowed them; an analyst sees the counts. The figures are shared for a minute (settable
// with IRO_DASHBOARD_SECONDS), as they read the whole register; a change made on this server clears them.

import type { FastifyInstance } from 'fastify';
import { serviceDashboard, type Dashboard } from '../../app/dashboard.ts';
import { sharedFigures } from '../../app/shared-figures.ts';
import { can } from '../../domain/access.ts';

export function registerDashboardRoutes(app: FastifyInstance): void {
  const seconds = Number(process.env.IRO_DASHBOARD_SECONDS ?? 60);
  const figures = sharedFigures<Dashboard>(Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 60_000, (key) => {
    const [asOf, lists] = key.split('|');
    return serviceDashboard(app.database, { asOf: asOf!, withChildLists: lists === 'lists' });
  });
  // A change saved on this server (any successful form post) shows at once; other servers' within the minute.
  app.addHook('onResponse', async (request, reply) => {
    if (request.method === 'POST' && reply.statusCode < 400) figures.clear();
  });
  app.get('/dashboard', { config: { access: 'dashboard.view' } }, async (request, reply) => {
    const user = request.user!;
    const withLists = can(user, 'dashboard.childLists');
    const { value: dashboard, computedAt } = await figures(`${app.today()}|${withLists ? 'lists' : 'counts'}`);
    const time = new Date(computedAt).toLocaleTimeString('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' });
    return reply.render('pages/dashboard/index.njk', { title: 'Service dashboard', dashboard, computedAt: time, canOpenCaseloads: can(user, 'caseload.others'), canOpenChallenges: can(user, 'challenge.view') });
  });
}
