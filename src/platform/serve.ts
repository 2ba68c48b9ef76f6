/** `pocdesk serve`: open the database, create the first administrator if needed, listen. */
import { join } from 'node:path';
import { allRoutes, openApp, ROOT, storageOptions } from './app.ts';
import { ensureFirstAdmin } from './auth/service.ts';
import { langOf, type GlobalOptions } from './cli-kit.ts';
import { buildServer } from './http/server.ts';
import { t } from './i18n/i18n.ts';

/**
 * Request logs carry no personal data: no query strings (searches name people), no bodies, no
 * cookies or tokens, no user agent; the path and status are enough to operate the service.
 */
export function requestLogger(level: string) {
  return {
    level,
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

export async function serve(opts: GlobalOptions & { port?: string; host?: string }) {
  const lang = langOf(opts);
  const db = await openApp(storageOptions(opts), (m) => process.stderr.write(`${m}\n`));
  const first = await ensureFirstAdmin(db);
  if (first) {
    process.stdout.write(`\n${t(lang, 'platform:cli.first-admin', { username: first.username })}\n\n    ${first.password}\n\n`);
  }
  const secureCookies = process.env.POCDESK_SECURE_COOKIES === '1';
  const app = await buildServer({
    db,
    routes: allRoutes({ secureCookies }),
    version: (await import('./app.ts')).VERSION,
    webDir: process.env.POCDESK_WEB_DIR ?? join(ROOT, 'web', 'dist'),
    logger: process.env.POCDESK_LOG === 'silent' ? false : requestLogger(process.env.POCDESK_LOG ?? 'info'),
    secureCookies,
    // Sign-in attempts allowed per minute from one address (default 10).
    loginRateLimitPerMinute: process.env.POCDESK_LOGIN_RATE_LIMIT ? Number(process.env.POCDESK_LOGIN_RATE_LIMIT) : undefined,
  });
  const port = Number(opts.port ?? 8080);
  const host = opts.host ?? '127.0.0.1';
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await app.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  await app.listen({ port, host });
  const address = app.server.address();
  const actualPort = address && typeof address === 'object' ? address.port : port;
  process.stdout.write(t(lang, 'platform:cli.listening', { url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${actualPort}`, db: db.location }) + '\n');
}
