/** Platform API: health, sign-in, users, tokens, settings, revisions, audit. */
import { z } from 'zod';
import { levelSchema } from './access/policy.ts';
import { verifyAudit } from './audit/audit.ts';
import { changeOwnPassword, createToken, createUser, listTokens, listUsers, login, logout, publicUser, resetPassword, revokeToken, setOwnLanguage, updateUser } from './auth/service.ts';
import { SESSION_COOKIE } from './http/server.ts';
import { route, type RouteSpec } from './http/route.ts';
import { getSetting, setSetting, settingDefinitions, settingVersions } from './settings/settings.ts';
import { allRecordTypes, recordRevisions } from './store.ts';
import { ForbiddenError } from './errors.ts';
import { hasPermission } from './access/policy.ts';

const lang = z.enum(['en', 'fr']);
const username = z.string().min(1).max(63);

export function platformRoutes(info: { version: string; secureCookies?: boolean }): RouteSpec[] {
  return [
    route({
      method: 'GET',
      url: '/api/v1/health',
      summary: 'Liveness and database check',
      tags: ['platform'],
      auth: 'public',
      response: z.object({ status: z.literal('ok'), version: z.string(), database: z.string(), schema: z.string().nullable() }),
      handler: async ({ db }) => {
        const m = (await db.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id DESC LIMIT 1')).rows[0];
        return { status: 'ok' as const, version: info.version, database: db.kind, schema: m?.id ?? null };
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/auth/login',
      summary: 'Sign in; sets the session cookie',
      tags: ['auth'],
      auth: 'public',
      body: z.object({ username, password: z.string().min(1).max(1024) }),
      handler: async ({ db, body, reply }) => {
        const { token, user, expiresAt } = await login(db, body.username, body.password);
        reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: info.secureCookies ?? false, path: '/', expires: expiresAt });
        return { user: publicUser(user), expiresAt };
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/auth/logout',
      summary: 'End the current session',
      tags: ['auth'],
      handler: async ({ db, request, reply }) => {
        const token = request.cookies[SESSION_COOKIE];
        if (token) await logout(db, token);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/auth/me',
      summary: 'The signed-in user, clearance and permissions',
      tags: ['auth'],
      handler: async ({ actor, db }) => {
        const u = (await db.query('SELECT * FROM users WHERE id = $1', [actor.id])).rows[0];
        return { user: u ? publicUser(u as any) : null, clearance: actor.clearance, permissions: actor.permissions, compartments: actor.compartments };
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/auth/password',
      summary: 'Change your own password',
      tags: ['auth'],
      body: z.object({ currentPassword: z.string(), newPassword: z.string() }),
      handler: async ({ db, actor, body }) => {
        await changeOwnPassword(db, actor, body.currentPassword, body.newPassword);
        return { ok: true };
      },
    }),
    route({
      method: 'PUT',
      url: '/api/v1/auth/language',
      summary: 'Remember your interface language',
      tags: ['auth'],
      body: z.object({ language: lang }),
      handler: async ({ db, actor, body }) => {
        await setOwnLanguage(db, actor, body.language);
        return { language: body.language };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/users',
      summary: 'List users',
      tags: ['users'],
      permission: 'users:manage',
      handler: async ({ ctx }) => ({ users: await listUsers(ctx) }),
    }),
    route({
      method: 'POST',
      url: '/api/v1/users',
      summary: 'Create a user (returns a one-time password when none is given)',
      tags: ['users'],
      permission: 'users:manage',
      status: 201,
      body: z.object({
        username,
        displayName: z.string().max(200).optional(),
        email: z.string().email().nullable().optional(),
        roles: z.array(z.string()).min(1),
        compartments: z.array(z.string().min(1)).optional(),
        language: lang.optional(),
        password: z.string().optional(),
      }),
      handler: async ({ ctx, body }) => createUser(ctx, body),
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/users/:username',
      summary: 'Change a user (roles, compartments, language, disabled)',
      tags: ['users'],
      permission: 'users:manage',
      params: z.object({ username }),
      body: z.object({
        displayName: z.string().max(200).optional(),
        email: z.string().email().nullable().optional(),
        roles: z.array(z.string()).min(1).optional(),
        compartments: z.array(z.string().min(1)).optional(),
        language: lang.optional(),
        disabled: z.boolean().optional(),
        reason: z.string().optional(),
      }),
      handler: async ({ ctx, params, body }) => ({ user: await updateUser(ctx, params.username, body, body.reason) }),
    }),
    route({
      method: 'POST',
      url: '/api/v1/users/:username/reset-password',
      summary: 'Reset a password; returns a one-time password',
      tags: ['users'],
      permission: 'users:manage',
      params: z.object({ username }),
      handler: async ({ ctx, params }) => ({ username: params.username, oneTimePassword: await resetPassword(ctx, params.username) }),
    }),
    route({
      method: 'GET',
      url: '/api/v1/tokens',
      summary: 'Your API tokens (admins: ?username=)',
      tags: ['auth'],
      query: z.object({ username: username.optional() }),
      handler: async ({ ctx, actor, query }) => ({ tokens: await listTokens(ctx, query.username ?? actor.username) }),
    }),
    route({
      method: 'POST',
      url: '/api/v1/tokens',
      summary: 'Create an API token (the secret is returned once)',
      tags: ['auth'],
      status: 201,
      body: z.object({ name: z.string().min(1).max(100), username: username.optional(), expiresDays: z.number().int().positive().max(3650).optional() }),
      handler: async ({ ctx, actor, body }) => createToken(ctx, body.username ?? actor.username, body.name, body.expiresDays),
    }),
    route({
      method: 'DELETE',
      url: '/api/v1/tokens/:id',
      summary: 'Revoke an API token',
      tags: ['auth'],
      params: z.object({ id: z.string().uuid() }),
      handler: async ({ ctx, params }) => revokeToken(ctx, params.id),
    }),
    route({
      method: 'GET',
      url: '/api/v1/settings',
      summary: 'Policy-owned configuration: every setting with its current value',
      tags: ['settings'],
      handler: async ({ db }) => ({
        settings: await Promise.all(settingDefinitions().map(async (d) => ({ key: d.key, label: d.label, description: d.description ?? null, value: await getSetting(db, d) }))),
      }),
    }),
    route({
      method: 'GET',
      url: '/api/v1/settings/:key',
      summary: 'One setting with all its versions',
      tags: ['settings'],
      params: z.object({ key: z.string() }),
      handler: async ({ db, params }) => ({ key: params.key, value: await getSetting(db, params.key), versions: await settingVersions(db, params.key) }),
    }),
    route({
      method: 'PUT',
      url: '/api/v1/settings/:key',
      summary: 'Store a new version of a setting (validated against its schema)',
      tags: ['settings'],
      permission: 'settings:manage',
      params: z.object({ key: z.string() }),
      body: z.object({ value: z.unknown(), comment: z.string().max(2000).optional() }),
      handler: async ({ ctx, params, body }) => setSetting(ctx, params.key, body.value, body.comment),
    }),
    route({
      method: 'GET',
      url: '/api/v1/records/:type/:id/revisions',
      summary: 'Revision history of any record (as far as you may see it)',
      tags: ['audit'],
      params: z.object({ type: z.string(), id: z.string() }),
      handler: async ({ ctx, params }) => ({ type: params.type, id: params.id, revisions: await recordRevisions(ctx, params.type, params.id) }),
    }),
    route({
      method: 'GET',
      url: '/api/v1/records/types',
      summary: 'Record types with their sensitivity levels',
      tags: ['audit'],
      handler: async () => ({ types: allRecordTypes().map((t) => ({ name: t.name, domain: t.domain })), levels: levelSchema.options }),
    }),
    route({
      method: 'GET',
      url: '/api/v1/audit/verify',
      summary: 'Walk the hash chain of the audit trail',
      tags: ['audit'],
      handler: async ({ db, actor }) => {
        if (!hasPermission(actor, 'audit:read')) throw new ForbiddenError('this needs the permission audit:read');
        return verifyAudit(db);
      },
    }),
  ];
}
