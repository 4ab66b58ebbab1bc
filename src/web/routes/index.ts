// The service's pages, area by area. Each area registers its own routes, each declaring its access.
import type { FastifyInstance } from 'fastify';

export function registerAreaRoutes(_app: FastifyInstance): void {
  // Areas are added here as they are built.
}
