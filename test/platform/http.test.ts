import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/platform/access/policy.ts';
import { createUser } from '../../src/platform/auth/service.ts';
import { SESSION_COOKIE } from '../../src/platform/http/server.ts';
import { context } from '../../src/platform/store.ts';
import { forEachEngine } from '../helpers/engines.ts';
import { signIn, testServer } from '../helpers/http.ts';

forEachEngine('HTTP API: platform', (db) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testServer(db());
  });
  afterAll(async () => app?.close());

  it('health answers without sign-in and names the engine', async () => {
    const r = await app.inject({ url: '/api/v1/health' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'ok', database: db().kind });
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('serves an OpenAPI 3 document generated from the request schemas', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    const create = doc.paths['/api/v1/users'].post;
    expect(create.requestBody.content['application/json'].schema.required).toContain('username');
    expect(doc.paths['/api/v1/records/{type}/{id}/revisions'].get.parameters.map((p: any) => p.name)).toEqual(['type', 'id']);
  });

  it('answers problems as application/problem+json naming the field, in the caller’s language', async () => {
    const admin = await signIn(app, db(), 'root', ['admin']);
    const r = await admin.request('POST', '/api/v1/users', { username: 'Bad Name!', roles: [] }, { 'accept-language': 'fr' });
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    const p = r.json();
    expect(p.title).toBe('Les données saisies ne sont pas valides');
    expect(p.errors.map((e: any) => e.field)).toContain('body.roles');
    const r2 = await admin.request('POST', '/api/v1/users', { username: 'bad name!', roles: ['viewer'] });
    expect(r2.json().errors[0].field).toBe('username');
    expect(r2.body).not.toMatch(/at .*\.ts:\d+/); // no stack traces
    const unknown = await admin.request('GET', '/api/v1/nothing-here');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
  });

  it('limits body size', async () => {
    const admin = await signIn(app, db(), 'root', ['admin']);
    const r = await admin.request('PUT', '/api/v1/settings/auth.policy', { value: 'x'.repeat(6 * 1024 * 1024) });
    expect(r.statusCode).toBe(413);
  });

  it('requires sign-in, and the anti-forgery header for cookie-authenticated changes', async () => {
    expect((await app.inject({ url: '/api/v1/users' })).statusCode).toBe(401);
    const admin = await signIn(app, db(), 'root', ['admin']);
    const me = await admin.get('/api/v1/auth/me');
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'root', password: 'correct horse battery staple' } });
    const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie.httpOnly).toBe(true);
    expect(String(cookie.sameSite).toLowerCase()).toBe('strict');
    const forged = await app.inject({ method: 'POST', url: '/api/v1/users', payload: { username: 'eve', roles: ['admin'] }, cookies: { [SESSION_COOKIE]: cookie.value } });
    expect(forged.statusCode).toBe(403);
    expect(me.body.permissions).toContain('*');
  });

  it('locks an account after repeated failed sign-ins, then lets the admin reset it', async () => {
    await createUser(context(db(), systemActor()), { username: 'mallory-target', roles: ['viewer'], password: 'a long enough password' });
    let last = 0;
    for (let i = 0; i < 5; i++) {
      last = (await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'mallory-target', password: 'guess' + i } })).statusCode;
    }
    expect(last).toBe(401);
    const locked = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'mallory-target', password: 'a long enough password' } });
    expect(locked.statusCode).toBe(423);
    const admin = await signIn(app, db(), 'root', ['admin']);
    const reset = await admin.post('/api/v1/users/mallory-target/reset-password');
    const ok = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'mallory-target', password: reset.body.oneTimePassword } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.mustChangePassword).toBe(true);
  });

  it('rate-limits sign-in attempts from one address', async () => {
    const strict = await testServer(db(), { loginRateLimitPerMinute: 3 });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await strict.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody', password: 'x' } })).statusCode);
    expect(codes).toEqual([401, 401, 401, 429]);
    await strict.close();
  });

  it('API tokens authenticate scripts and stop working once revoked', async () => {
    const admin = await signIn(app, db(), 'root', ['admin']);
    const created = await admin.post('/api/v1/tokens', { name: 'nightly export' });
    expect(created.status).toBe(201);
    const auth = { authorization: `Bearer ${created.body.token}` };
    expect((await app.inject({ url: '/api/v1/auth/me', headers: auth })).statusCode).toBe(200);
    // tokens need no anti-forgery header
    expect((await app.inject({ method: 'PUT', url: '/api/v1/auth/language', headers: auth, payload: { language: 'fr' } })).statusCode).toBe(200);
    await admin.request('DELETE', `/api/v1/tokens/${created.body.id}`);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: auth })).statusCode).toBe(401);
  });

  it('configuration is versioned, validated, audited, and only admins change it', async () => {
    const admin = await signIn(app, db(), 'root', ['admin']);
    const viewer = await signIn(app, db(), 'vera', ['viewer']);
    const current = (await admin.get('/api/v1/settings/access.roles')).body.value;
    current.roles.viewer.permissions = [...current.roles.viewer.permissions, 'relations:read'];
    expect((await viewer.put('/api/v1/settings/access.roles', { value: current })).status).toBe(403);
    const bad = await admin.put('/api/v1/settings/access.roles', { value: { roles: { viewer: { clearance: 'top', permissions: [] } } } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field)).toContain('value.roles.viewer.clearance');
    const ok = await admin.put('/api/v1/settings/access.roles', { value: current, comment: 'viewers follow host-state relations' });
    expect(ok.body.version).toBe(1);
    const v = await viewer.get('/api/v1/auth/me');
    expect(v.body.permissions).toContain('relations:read');
    const hist = await admin.get('/api/v1/settings/access.roles');
    expect(hist.body.versions).toHaveLength(1);
    const audit = (await db().query(`SELECT actor, reason FROM audit_log WHERE action = 'settings.update' AND record_id = 'access.roles'`)).rows;
    expect(audit).toEqual([{ actor: 'root', reason: 'viewers follow host-state relations' }]);
  });

  it('every record’s revision history is readable through the API', async () => {
    const admin = await signIn(app, db(), 'root', ['admin']);
    await admin.patch('/api/v1/users/vera', { displayName: 'Vera N.', reason: 'full name' });
    const u = (await db().query(`SELECT id FROM users WHERE username = 'vera'`)).rows[0]!;
    const r = await admin.get(`/api/v1/records/user/${u.id}/revisions`);
    expect(r.body.revisions.map((x: any) => x.action)).toEqual(['create', 'update']);
    expect(r.body.revisions[1].changed).toEqual(['display_name']);
    expect(JSON.stringify(r.body)).not.toContain('scrypt$'); // secrets never reach the trail
    const v = await signIn(app, db(), 'vera', ['viewer']);
    expect((await v.get(`/api/v1/records/user/${u.id}/revisions`)).status).toBe(403);
    expect((await admin.get('/api/v1/audit/verify')).body.ok).toBe(true);
  });
});
