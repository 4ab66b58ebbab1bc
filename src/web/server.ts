// The web server: Fastify with security headers, CSRF protection, database-backed sessions, static GOV.UK
// Frontend assets and server-rendered pages. Routes stay thin: they declare who may use them (`access`),
// check input, call one use-case function and render.

import path from 'node:path';
import crypto from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyCsrf from '@fastify/csrf-protection';
import rateLimit from '@fastify/rate-limit';
import qs from 'node:querystring';
import type { Database } from '../db/database.ts';
import { getOrCreateSecret } from '../db/secrets.ts';
import { getSettings } from '../db/settings.ts';
import { resumeSession } from '../app/sign-in.ts';
import { can, type Action } from '../domain/access.ts';
import { todayInEngland } from '../app/today.ts';
import type { IsoDate } from '../domain/dates.ts';
import { createViews, GOVUK_FRONTEND_DIST } from './views.ts';
import { NOT_FOUND_PAGE, installErrorHandling } from './errors.ts';
import { navigationFor } from './navigation.ts';
import type { SignedInUser } from './user.ts';
import { registerAuthRoutes } from './routes/auth.ts';
import { registerHomeRoutes } from './routes/home.ts';
import { registerAdminRoutes } from './routes/admin.ts';
import { registerAreaRoutes } from './routes/index.ts';

export const SESSION_COOKIE = 'iro_session';

/** What helmet sets on every page, for the one page drawn before any hook runs (an address the router cannot read). */
const FRAMEWORK_ERROR_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

/** Who may reach a route: anyone, anyone signed in, or those allowed an action. */
export type RouteAccess = 'public' | 'signedIn' | Action;

export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess | null;
}

export interface ServerOptions {
  database: Database;
  /** Pino logging; off in tests. Never logs bodies or URLs' query strings, so no personal data reaches the log. */
  logger?: boolean;
  /** Today's date in England; fixed in tests. */
  today?: () => IsoDate;
  /** Secure cookies (behind HTTPS). */
  secureCookies?: boolean;
  /** Sign-in attempts per minute from one address. */
  signInRateLimit?: number;
}

/**
 * A form's text with each line break as one character, as the text area showed it and counted it against the box's
 * limit: browsers send every line break as two (CR LF), so a text typed up to its limit would otherwise be refused.
 */
function withTypedLineBreaks(form: qs.ParsedUrlQuery): qs.ParsedUrlQuery {
  const typed = (value: string) => (value.includes('\r') ? value.replace(/\r\n?/g, '\n') : value);
  for (const [name, value] of Object.entries(form)) {
    if (typeof value === 'string') form[name] = typed(value);
    else if (Array.isArray(value)) form[name] = value.map(typed);
  }
  return form;
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { database } = options;
  const today = options.today ?? (() => todayInEngland());
  const views = createViews();
  let authorityName = (await getSettings(database)).authorityName;
  const app = Fastify({
    logger: options.logger
      ? {
          level: 'info',
          redact: ['req.headers.cookie', 'req.headers.authorization'],
          serializers: { req: (req: FastifyRequest) => ({ method: req.method, route: req.routeOptions?.url, id: req.id }) },
        }
      : false,
    genReqId: () => crypto.randomUUID(),
    trustProxy: process.env.IRO_TRUST_PROXY === '1',
    // A report's figure is addressed by its row, which can be a theme's or a team's name of up to 200 characters.
    routerOptions: { maxParamLength: 500 },
    // An address the router cannot read (a broken %-encoding, a part too long) names no page: the same page as any
    // other address that names none, not the framework's JSON.
    // The reply here is the framework's own, before any plugin or hook, so the page is drawn from the views directly.
    frameworkErrors: (_error, request, reply) => {
      const html = views.render('pages/error.njk', { ...NOT_FOUND_PAGE, authorityName, user: undefined, navigation: [], csrfToken: '', currentUrl: request.url });
      // No hook has run, so the security headers every other page gets from helmet are set here; the page's one
      // inline script (marking JavaScript as on) is left to be refused, as the page works without it.
      return (reply as FastifyReply).code(404).headers(FRAMEWORK_ERROR_HEADERS).type('text/html; charset=utf-8').send(html);
    },
  });
  const cookieSecret = await getOrCreateSecret(database, 'cookie');
  const secure = options.secureCookies ?? process.env.IRO_SECURE_COOKIES === '1';

  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  await app.register(fastifyCookie, { secret: cookieSecret });
  // Repeated fields (several actions on one form) arrive as arrays.
  await app.register(fastifyFormbody, { parser: (body) => withTypedLineBreaks(qs.parse(body)), bodyLimit: 1_000_000 });
  await app.register(fastifyCsrf, {
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure },
    // Urlencoded forms and uploads (multipart fields as values) both carry the token as `_csrf`.
    getToken: (req) => {
      const token = (req.body as Record<string, unknown> | undefined)?._csrf;
      return typeof token === 'string' ? token : undefined;
    },
  });
  await app.register(rateLimit, { global: false });
  // Static assets are public: marked here because the static plugin declares its own routes. Every route
  // and its declared access is listed, so a test can try each one with every role.
  const routeList: DeclaredRoute[] = [];
  app.decorate('declaredRoutes', routeList);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/assets/')) route.config = { ...(route.config as object), access: 'public' };
    const access = (route.config as { access?: RouteAccess } | undefined)?.access;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD' || route.url.startsWith('/assets/')) continue;
      routeList.push({ method, url: route.url, access: access ?? null });
    }
  });
  await app.register(fastifyStatic, {
    root: [path.join(GOVUK_FRONTEND_DIST, 'govuk', 'assets'), path.join(GOVUK_FRONTEND_DIST, 'govuk'), path.join(import.meta.dirname, 'public')],
    prefix: '/assets/',
    allowedPath: (pathName) => !/\.(njk|scss|mjs|map)$/.test(pathName),
  });

  app.decorateRequest('user', null);
  app.decorateRequest('sessionId', null);
  app.decorate('database', database);
  app.decorate('today', today);

  app.addHook('onRequest', async (request) => {
    const raw = request.cookies[SESSION_COOKIE];
    const token = raw ? request.unsignCookie(raw) : null;
    if (!token?.valid || !token.value) return;
    const resumed = await resumeSession(database, token.value);
    if (resumed) {
      const s = resumed.staff;
      request.user = { id: s.id, name: s.name, email: s.email, role: s.role, team: s.team };
      request.sessionId = resumed.sessionId;
    }
  });

  // Every form post carries the CSRF token; checked before any handler runs.
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'POST') return app.csrfProtection(request, reply, done);
    done();
  });

  // The route's declared access, checked once for every route before its body is read: a form or upload from
  // someone not allowed the page is refused without the server reading or parsing it (the narrative's form may be
  // ten megabytes).
  app.addHook('preParsing', async (request, reply) => {
    if (request.is404) return;
    const access = (request.routeOptions.config as { access?: RouteAccess }).access;
    if (access === undefined) throw new Error(`Route ${request.routeOptions.url} declares no access`);
    if (access === 'public') return;
    // A reply sent here ends the request; nothing is returned, as a value returned would stand for the body.
    if (!request.user) {
      if (request.method === 'GET') reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`);
      else reply.code(401).render('pages/error.njk', { title: 'You are signed out', message: 'Your session has ended. Sign in again to continue.' });
      return;
    }
    if (access !== 'signedIn' && !can(request.user, access)) {
      reply.code(403).render('pages/error.njk', { title: 'You do not have access to this page', message: 'Your role does not include this page. Ask your manager if you need it.' });
    }
  });

  app.decorate('refreshAuthorityName', async () => {
    authorityName = (await getSettings(database)).authorityName;
  });

  app.decorateReply('render', function render(this: FastifyReply, template: string, context: Record<string, unknown>) {
    const request = this.request;
    const user = request.user;
    this.type('text/html; charset=utf-8');
    const csrfToken = request.method === 'GET' || request.method === 'POST' ? this.generateCsrf() : '';
    return this.send(
      views.render(template, {
        cspNonce: this.cspNonce?.script,
        authorityName,
        user,
        navigation: user ? navigationFor(user, request.url) : [],
        csrfToken,
        currentUrl: request.url,
        ...context,
      }),
    );
  });

  installErrorHandling(app);
  registerAuthRoutes(app, { secure, signInRateLimit: options.signInRateLimit ?? 10 });
  registerHomeRoutes(app);
  registerAdminRoutes(app);
  registerAreaRoutes(app);
  app.get('/health', { config: { access: 'public' } }, async () => ({ status: 'ok' }));
  return app;
}

declare module 'fastify' {
  interface FastifyReply {
    render(template: string, context: Record<string, unknown>): FastifyReply;
  }
  interface FastifyRequest {
    user: SignedInUser | null;
    sessionId: string | null;
  }
  interface FastifyInstance {
    database: Database;
    today: () => IsoDate;
    refreshAuthorityName: () => Promise<void>;
    declaredRoutes: DeclaredRoute[];
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}
