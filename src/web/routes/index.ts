// The service's pages, area by area. Each area registers its own routes, each declaring its access.
import type { FastifyInstance } from 'fastify';
import { registerCaseloadRoutes } from './caseload.ts';
import { registerDashboardRoutes } from './dashboard.ts';
import { registerChildrenRoutes } from './children.ts';
import { registerChallengeRoutes } from './challenges.ts';
import { registerReviewRoutes } from './reviews.ts';
import { registerImportRoutes } from './imports.ts';
import { registerConsultationRoutes } from './consultation.ts';
import { registerReportRoutes } from './reports.ts';

export function registerAreaRoutes(app: FastifyInstance): void {
  registerCaseloadRoutes(app);
  registerDashboardRoutes(app);
  registerChildrenRoutes(app);
  registerChallengeRoutes(app);
  registerReviewRoutes(app);
  registerImportRoutes(app);
  registerConsultationRoutes(app);
  registerReportRoutes(app);
}
