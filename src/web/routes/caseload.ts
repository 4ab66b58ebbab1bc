// My caseload: an IRO's children with their next review, mid-point check, last contact and open actions;
// IRO managers may open any IRO's caseload.

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { caseloadPage } from '../../app/caseload.ts';
import { can } from '../../domain/access.ts';

const caseloadQuery = z.object({
  iro: z.coerce.number().int().positive().optional().catch(undefined),
  all: z.string().optional().transform((v) => v === '1'),
});

export function registerCaseloadRoutes(app: FastifyInstance): void {
  app.get('/caseload', { config: { access: 'caseload.view' } }, async (request, reply) => {
    const user = request.user!;
    const query = caseloadQuery.parse(request.query ?? {});
    if (query.iro !== undefined && query.iro !== user.id && !can(user, 'caseload.others')) {
      return reply.code(403).render('pages/error.njk', { title: 'You do not have access to this page', message: 'Only managers can open another IRO’s caseload.' });
    }
    const page = await caseloadPage(app.database, user, { iroId: query.iro, asOf: app.today(), includeNotLookedAfter: query.all });
    return reply.render('pages/caseload/index.njk', {
      title: page.own ? 'My caseload' : `Caseload of ${page.caseload.iro.name}`,
      ...page,
      holderItems: page.holders?.map((h) => ({ value: h.id, text: h.active ? h.name : `${h.name} (inactive)`, selected: h.id === page.caseload.iro.id })) ?? null,
      includeNotLookedAfter: query.all,
    });
  });
}
