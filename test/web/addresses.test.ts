// Addresses the router cannot read, or whose parts are long: the service's own "Page not found" page, never the
// framework's JSON, and parts long enough for a report figure named by a 200-character theme.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/web/server.ts';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/test-database.ts';

describe.each(DIALECTS)('addresses (%s)', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    app = await buildServer({ database, today: () => '2024-06-03' });
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('gives the "Page not found" page for an address with a broken encoding or a part too long to name anything', async () => {
    for (const url of ['/children/%E0%A4%A', '/reports/1/figures/%/x/y', `/children/${'x'.repeat(501)}`]) {
      const page = await app.inject({ method: 'GET', url });
      expect(page.statusCode, url).toBe(404);
      expect(page.headers['content-type'], url).toContain('text/html');
      expect(page.body, url).toContain('Page not found');
      // The security headers of every other page, though no hook ran.
      expect(page.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(page.headers['x-content-type-options'], url).toBe('nosniff');
      expect(page.headers['referrer-policy'], url).toBe('no-referrer');
    }
  });

  it('reads a part of up to 500 characters, so a figure named by a long theme reaches its route', async () => {
    const row = encodeURIComponent(`theme:${'Placement suitability and stability, '.repeat(5)}`);
    const page = await app.inject({ method: 'GET', url: `/reports/1/figures/dispute-resolution.theme/${row}/count` });
    // Signed out: the route asks the reader to sign in, rather than the router refusing the address.
    expect(page.statusCode).toBe(302);
    expect(page.headers.location).toMatch(/^\/sign-in/);
  });
});
