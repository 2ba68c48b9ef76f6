/** An in-process server over a test database, with helpers to sign in as users of given roles. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { systemActor } from '../../src/platform/access/policy.ts';
import { allRoutes } from '../../src/platform/app.ts';
import { createUser } from '../../src/platform/auth/service.ts';
import type { Db } from '../../src/platform/db/types.ts';
import { buildServer, CSRF_HEADER, SESSION_COOKIE } from '../../src/platform/http/server.ts';
import { context } from '../../src/platform/store.ts';

export interface TestClient {
  username: string;
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<any>;
  post(url: string, body?: unknown): Promise<any>;
  put(url: string, body?: unknown): Promise<any>;
  patch(url: string, body?: unknown): Promise<any>;
}

export async function testServer(db: Db, opts: { loginRateLimitPerMinute?: number } = {}): Promise<FastifyInstance> {
  const app = await buildServer({ db, routes: allRoutes(), version: 'test', logger: false, loginRateLimitPerMinute: opts.loginRateLimitPerMinute ?? 10_000 });
  await app.ready();
  return app;
}

const PASSWORD = 'correct horse battery staple';

/** Creates a user with these roles (and compartments) and signs in through the API. */
export async function signIn(app: FastifyInstance, db: Db, username: string, roles: string[], compartments: string[] = []): Promise<TestClient> {
  const exists = (await db.query('SELECT 1 FROM users WHERE username = $1', [username])).rows.length;
  if (!exists) await createUser(context(db, systemActor('test')), { username, roles, compartments, password: PASSWORD });
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login failed for ${username}: ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
  const request = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: method as any, url, payload: body as any, cookies: { [SESSION_COOKIE]: cookie }, headers: { [CSRF_HEADER]: '1', ...headers } });
  const json = async (method: string, url: string, body?: unknown) => {
    const r = await request(method, url, body);
    const data = r.body ? JSON.parse(r.body) : null;
    return Object.assign({ status: r.statusCode }, { body: data });
  };
  return {
    username,
    request,
    get: (url) => json('GET', url),
    post: (url, body) => json('POST', url, body),
    put: (url, body) => json('PUT', url, body),
    patch: (url, body) => json('PATCH', url, body),
  };
}
