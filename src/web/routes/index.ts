// The service's pages, area by area. Each area registers its own routes, each declaring its access.
import type { FastifyInstance } from 'fastify';
import { registerCaseloadRoutes } from './caseload.ts';
import { registerDashboardRoutes } from './dashboard.ts';
import { registerChildrenRoutes } from './children.ts';
import { registerReviewRoutes } from './reviews.ts';

export function registerAreaRoutes(_app: FastifyInstance): void {
  // Areas are added here as they are built.
  registerCaseloadRoutes(_app);
  registerDashboardRoutes(_app);
  registerChildrenRoutes(_app);
  registerReviewRoutes(_app);
}
