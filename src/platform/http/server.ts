/** The HTTP server: JSON API under /api/v1, the OpenAPI document, and the built web app at /. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { type Actor, hasPermission } from '../access/policy.ts';
import { authenticate } from '../auth/service.ts';
import type { Db } from '../db/types.ts';
import { AppError, type FieldProblem, UnauthenticatedError, ValidationError } from '../errors.ts';
import { type Lang, pickLang, t } from '../i18n/i18n.ts';
import { context } from '../store.ts';
import { tileOrigin } from '../map-settings.ts';
import { openApiDocument } from './openapi.ts';
import type { RouteSpec } from './route.ts';

export const SESSION_COOKIE = 'pocdesk_session';
export const CSRF_HEADER = 'x-pocdesk-csrf';

export interface ServerOptions {
  db: Db;
  routes: RouteSpec[];
  version: string;
  /** Folder of the built web app (index.html). */
  webDir?: string;
  logger?: boolean | object;
  /** Cookie Secure flag (set behind HTTPS). */
  secureCookies?: boolean;
  bodyLimitBytes?: number;
  /** Sign-in attempts allowed per minute from one address (default 10). */
  loginRateLimitPerMinute?: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth?: { actor: Actor; via: 'session' | 'token' } | null;
    lang: Lang;
  }
}

function problem(reply: FastifyReply, lang: Lang, status: number, code: string, detail: string, errors: FieldProblem[] = []) {
  const titleKey = `platform:problem.${code}`;
  const title = t(lang, titleKey);
  return reply
    .status(status)
    .type('application/problem+json')
    .send({ type: `https://pocdesk.org/problems/${code}`, title: title === titleKey.split(':')[1] || title === titleKey ? code : title, status, detail, ...(errors.length ? { errors } : {}) });
}

function zodProblems(where: string, error: z.ZodError): FieldProblem[] {
  return error.issues.map((i) => ({ field: [where, ...i.path.map(String)].join('.'), reason: i.message }));
}

export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.bodyLimitBytes ?? 5 * 1024 * 1024,
    trustProxy: process.env.POCDESK_TRUST_PROXY === '1',
  });
  // The map's tile server (setting map.tiles) is admitted by the page's CSP while it is configured.
  app.addHook('onRequest', async (req) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && !req.url.startsWith('/api/')) (req.raw as any).pocdeskTileOrigin = await tileOrigin(opts.db);
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: [
          "'self'",
          'data:',
          'blob:',
          ...(process.env.POCDESK_TILE_ORIGIN ? [process.env.POCDESK_TILE_ORIGIN] : []),
          (req: any) => req.pocdeskTileOrigin ?? "'self'",
        ],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });

  app.decorateRequest('lang', 'en');
  app.addHook('onRequest', async (req) => {
    req.lang = pickLang(req.headers['accept-language']);
  });

  app.setErrorHandler((err: any, req, reply) => {
    const lang = req.lang ?? 'en';
    if (err instanceof AppError) return problem(reply, lang, err.status, err.code, err.message, err.problems);
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return problem(reply, lang, 413, 'too-large', `the limit is ${opts.bodyLimitBytes ?? 5 * 1024 * 1024} bytes`);
    if (err.statusCode === 429) return problem(reply, lang, 429, 'rate-limited', String(err.message ?? ''));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return problem(reply, lang, err.statusCode, 'bad-request', String(err.message ?? ''));
    req.log.error({ err }, 'request failed');
    return problem(reply, lang, 500, 'internal', t(lang, 'platform:problem.internal'));
  });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/')) return problem(reply, req.lang, 404, 'not-found', `no route ${req.method} ${req.url.split('?')[0]}`);
    // Single-page app: unknown non-API paths get the app shell.
    if (opts.webDir && existsSync(join(opts.webDir, 'index.html'))) return reply.type('text/html').sendFile('index.html');
    return reply.type('text/html').send(placeholderPage());
  });

  const doc = openApiDocument(opts.routes, opts.version);
  app.get('/api/openapi.json', async () => doc);

  for (const spec of opts.routes) {
    app.route({
      method: spec.method,
      url: spec.url,
      config: spec.url.endsWith('/auth/login') ? { rateLimit: { max: opts.loginRateLimitPerMinute ?? 10, timeWindow: '1 minute' } } : {},
      handler: async (req: FastifyRequest, reply: FastifyReply) => {
        let actor: Actor | undefined;
        if (spec.auth !== 'public') {
          const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
          const sessionToken = req.cookies[SESSION_COOKIE];
          const auth = await authenticate(opts.db, { apiToken: bearer, sessionToken: bearer ? undefined : sessionToken });
          if (!auth) throw new UnauthenticatedError();
          // Cookie-authenticated changes need the custom header a cross-site form cannot send (with SameSite=Strict).
          if (auth.via === 'session' && !['GET', 'HEAD', 'OPTIONS'].includes(req.method) && !req.headers[CSRF_HEADER]) {
            throw new AppError(403, 'csrf', `send the ${CSRF_HEADER} header with changes made from a browser session`);
          }
          actor = auth.actor;
          req.lang = req.headers['accept-language'] ? pickLang(req.headers['accept-language']) : actor.language;
          if (spec.permission) {
            if (!hasPermission(actor, spec.permission)) throw new AppError(403, 'forbidden', `this needs the permission ${spec.permission}`);
          }
        }
        const parse = <T>(where: string, schema: z.ZodType<T> | undefined, value: unknown): T => {
          if (!schema) return value as T;
          const r = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
          if (!r.success) throw new ValidationError(zodProblems(where, r.error));
          return r.data;
        };
        const body = parse('body', spec.body, req.body);
        const query = parse('query', spec.query, req.query);
        const params = parse('params', spec.params, req.params);
        const result = await spec.handler({
          body,
          query,
          params,
          ctx: context(opts.db, actor as Actor),
          actor: actor as Actor,
          db: opts.db,
          lang: req.lang,
          request: req,
          reply,
        });
        if (reply.sent) return reply;
        if (spec.status) reply.status(spec.status);
        if (spec.produces) return reply.type(spec.produces).send(result);
        return result ?? { ok: true };
      },
    });
  }

  if (opts.webDir && existsSync(join(opts.webDir, 'index.html'))) {
    // wildcard: files are looked up when asked for, so a rebuilt app is served without a restart.
    await app.register(fastifyStatic, { root: opts.webDir, prefix: '/', index: 'index.html', wildcard: true });
  } else {
    app.get('/', async (_req, reply) => reply.type('text/html').send(placeholderPage()));
  }
  return app;
}

function placeholderPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>pocdesk</title></head>
<body><main><h1>pocdesk</h1><p>The API is at <a href="/api/openapi.json">/api/openapi.json</a>. The web app has not been built: run <code>npm run build:web</code>.</p>
<p lang="fr">L’API est décrite dans <a href="/api/openapi.json">/api/openapi.json</a>. L’application web n’a pas été construite : lancez <code>npm run build:web</code>.</p></main></body></html>`;
}
