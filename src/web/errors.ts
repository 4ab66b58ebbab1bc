// One place that turns errors into pages: typed errors with stable codes map to an HTTP status and a page
// in plain words; anything else is "Sorry, there is a problem with the service", and its details go only to
// the log (by request id, without personal data).

import type { FastifyError, FastifyInstance } from 'fastify';

const STATUS_BY_CODE: Record<string, { status: number; title: string; message: string }> = {
  NOT_FOUND: { status: 404, title: 'Page not found', message: 'If you typed the web address, check it is correct. You may not have access to this record.' },
  RECORD_CHANGED: {
    status: 409,
    title: 'Someone else changed this record',
    message: 'Someone else saved a change to this record after you opened it, so your change was not saved. Go back, reload the page to see their change, and make yours again.',
  },
  FORBIDDEN: { status: 403, title: 'You cannot make this change', message: 'Your role can see this record but not change it. Ask your manager if you need to.' },
  FST_CSRF_INVALID_TOKEN: { status: 403, title: 'Your form has expired', message: 'Go back, reload the page and try again.' },
  FST_CSRF_MISSING_SECRET: { status: 403, title: 'Your form has expired', message: 'Go back, reload the page and try again.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, title: 'What you sent is too large', message: 'Try again with less.' },
};

/** The page for an address that names no page. */
export const NOT_FOUND_PAGE = { title: STATUS_BY_CODE.NOT_FOUND!.title, message: STATUS_BY_CODE.NOT_FOUND!.message };

export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((_request, reply) => reply.code(404).render('pages/error.njk', NOT_FOUND_PAGE));
  app.setErrorHandler((error: FastifyError & { code?: string }, request, reply) => {
    // A malformed identifier in the address (caught by a route's zod schema) is a page that does not exist.
    const notFound = error.name === 'NotFoundError' || error.name === 'ZodError';
    const known = (error.code && STATUS_BY_CODE[error.code]) || (notFound ? STATUS_BY_CODE.NOT_FOUND : undefined);
    if (known) return reply.code(known.status).render('pages/error.njk', { title: known.title, message: known.message });
    if (error.statusCode === 429) {
      return reply.code(429).render('pages/error.njk', { title: 'Too many attempts', message: 'Wait a minute, then try again.' });
    }
    request.log.error({ err: { name: error.name, code: error.code, message: error.message, stack: error.stack } }, 'request failed');
    return reply.code(500).render('pages/error.njk', {
      title: 'Sorry, there is a problem with the service',
      message: `Try again later. If it keeps happening, tell your system administrator the reference ${request.id}.`,
    });
  });
}
