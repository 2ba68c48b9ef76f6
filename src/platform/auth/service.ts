/** Accounts, sessions and API tokens. User records go through the store (audited, revisioned). */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { type Actor, actorFor, DEFAULT_ROLE_POLICY, type RolePolicy, rolePolicySchema, systemActor } from '../access/policy.ts';
import { appendAudit } from '../audit/audit.ts';
import type { Db } from '../db/types.ts';
import { AppError, ConflictError, NotFoundError, UnauthenticatedError, ValidationError } from '../errors.ts';
import { defineSetting, getSetting } from '../settings/settings.ts';
import { type Ctx, context, defineRecordType, inTransaction, insertRecord, listRecords, updateRecord } from '../store.ts';
import { generatePassword, hashPassword, passwordProblems, verifyPassword } from './passwords.ts';

export const rolePolicySetting = defineSetting<RolePolicy>({
  key: 'access.roles',
  label: { en: 'Roles and permissions', fr: 'Rôles et autorisations' },
  description: {
    en: 'For each role: its clearance (highest sensitivity it may read) and its permissions (domain:action).',
    fr: 'Pour chaque rôle : son habilitation (sensibilité maximale lisible) et ses autorisations (domaine:action).',
  },
  schema: rolePolicySchema,
  defaultValue: DEFAULT_ROLE_POLICY,
});

const authPolicySchema = z.object({
  maxFailedLogins: z.number().int().min(1).max(100),
  lockoutMinutes: z.number().int().min(1).max(24 * 60),
  sessionHours: z.number().min(0.25).max(24 * 30),
  minPasswordLength: z.number().int().min(8).max(128),
});
export const authPolicySetting = defineSetting<z.infer<typeof authPolicySchema>>({
  key: 'auth.policy',
  label: { en: 'Sign-in policy', fr: 'Politique de connexion' },
  schema: authPolicySchema,
  defaultValue: { maxFailedLogins: 5, lockoutMinutes: 15, sessionHours: 12, minPasswordLength: 12 },
});

defineRecordType({
  name: 'user',
  table: 'users',
  domain: 'users',
  writePermission: 'users:manage',
  readPermission: 'users:manage',
  auditOmit: ['password_hash'],
});

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  roles: string[];
  member_compartments: string[];
  language: 'en' | 'fr';
  password_hash?: string | null;
  must_change_password: boolean;
  disabled: boolean;
  failed_logins: number;
  locked_until: Date | null;
  last_login_at: Date | null;
  created_at: Date;
}

export function publicUser(u: UserRow) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    email: u.email,
    roles: u.roles,
    compartments: u.member_compartments,
    language: u.language,
    mustChangePassword: u.must_change_password,
    disabled: u.disabled,
    lockedUntil: u.locked_until,
    lastLoginAt: u.last_login_at,
  };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function checkRoles(ctx: Ctx, roles: string[]) {
  const policy = await getSetting(ctx.q, rolePolicySetting);
  const unknown = roles.filter((r) => !policy.roles[r]);
  if (unknown.length) throw new ValidationError([{ field: 'roles', reason: `unknown role ${unknown.join(', ')}; known: ${Object.keys(policy.roles).join(', ')}` }]);
  if (roles.length === 0) throw new ValidationError([{ field: 'roles', reason: 'at least one role is required' }]);
}

export interface NewUser {
  username: string;
  displayName?: string;
  email?: string | null;
  roles: string[];
  compartments?: string[];
  language?: 'en' | 'fr';
  password?: string;
}

/** Creates a user; without a password, a one-time password is generated and returned once. */
export async function createUser(ctx: Ctx, input: NewUser): Promise<{ user: ReturnType<typeof publicUser>; oneTimePassword?: string }> {
  if (!/^[a-z0-9][a-z0-9._-]{1,62}$/.test(input.username)) {
    throw new ValidationError([{ field: 'username', reason: 'use 2 to 63 lower-case letters, digits, dots, hyphens or underscores' }]);
  }
  await checkRoles(ctx, input.roles);
  const policy = await getSetting(ctx.q, authPolicySetting);
  let oneTime: string | undefined;
  let password = input.password;
  if (password) {
    const p = passwordProblems(password, policy.minPasswordLength);
    if (p) throw new ValidationError([{ field: 'password', reason: p }]);
  } else {
    oneTime = generatePassword();
    password = oneTime;
  }
  const exists = (await ctx.q.query('SELECT 1 FROM users WHERE username = $1', [input.username])).rows.length;
  if (exists) throw new ConflictError(`a user named ${input.username} already exists`);
  const row = await insertRecord<UserRow>(ctx, 'user', {
    username: input.username,
    display_name: input.displayName ?? input.username,
    email: input.email ?? null,
    roles: input.roles,
    member_compartments: input.compartments ?? [],
    language: input.language ?? 'en',
    password_hash: await hashPassword(password),
    must_change_password: oneTime !== undefined,
  });
  return { user: publicUser(row), oneTimePassword: oneTime };
}

export async function findUser(ctx: Ctx, username: string): Promise<UserRow> {
  const rows = await listRecords<UserRow>(ctx, 'user', { where: 'r.username = $1', params: [username] });
  if (!rows[0]) throw new NotFoundError(`user ${username}`);
  return rows[0];
}

export async function listUsers(ctx: Ctx) {
  return (await listRecords<UserRow>(ctx, 'user', { orderBy: 'r.username' })).map(publicUser);
}

export async function updateUser(ctx: Ctx, username: string, patch: { displayName?: string; email?: string | null; roles?: string[]; compartments?: string[]; language?: 'en' | 'fr'; disabled?: boolean }, reason?: string) {
  const u = await findUser(ctx, username);
  if (patch.roles) await checkRoles(ctx, patch.roles);
  const { record } = await updateRecord<UserRow>(
    ctx,
    'user',
    u.id,
    { display_name: patch.displayName, email: patch.email, roles: patch.roles, member_compartments: patch.compartments, language: patch.language, disabled: patch.disabled },
    { reason },
  );
  if (patch.disabled) await revokeAllSessions(ctx.db, u.id);
  return publicUser(record);
}

export async function disableUser(ctx: Ctx, username: string, reason?: string) {
  return updateUser(ctx, username, { disabled: true }, reason);
}

/** Sets a new one-time password (returned once), clears a lockout and ends the user's sessions. */
export async function resetPassword(ctx: Ctx, username: string): Promise<string> {
  const u = await findUser(ctx, username);
  const oneTime = generatePassword();
  await updateRecord(ctx, 'user', u.id, { password_hash: await hashPassword(oneTime), must_change_password: true, failed_logins: 0, locked_until: null }, { action: 'password.reset' });
  await revokeAllSessions(ctx.db, u.id);
  return oneTime;
}

/** A user changes their own password (needs the current one). */
export async function changeOwnPassword(db: Db, actor: Actor, current: string, next: string) {
  if (!actor.id) throw new UnauthenticatedError();
  const u = (await db.query<UserRow>('SELECT * FROM users WHERE id = $1', [actor.id])).rows[0];
  if (!u || !(await verifyPassword(current, u.password_hash))) throw new ValidationError([{ field: 'currentPassword', reason: 'does not match' }]);
  const policy = await getSetting(db, authPolicySetting);
  const p = passwordProblems(next, policy.minPasswordLength);
  if (p) throw new ValidationError([{ field: 'newPassword', reason: p }]);
  if (current === next) throw new ValidationError([{ field: 'newPassword', reason: 'must differ from the current password' }]);
  // A user may change their own password without users:manage: act as the system, audited under their name.
  const ctx = context(db, { ...systemActor(actor.username) });
  await updateRecord(ctx, 'user', u.id, { password_hash: await hashPassword(next), must_change_password: false }, { action: 'password.change' });
}

export async function setOwnLanguage(db: Db, actor: Actor, language: 'en' | 'fr') {
  if (!actor.id) throw new UnauthenticatedError();
  const ctx = context(db, { ...systemActor(actor.username) });
  await updateRecord(ctx, 'user', actor.id, { language }, { action: 'preferences.update' });
}

export class LoginError extends AppError {
  constructor(message: string, status = 401) {
    super(status, 'login-failed', message);
  }
}

/**
 * Checks a password. Failures count towards a temporary lockout (from the auth.policy setting); the
 * message does not tell whether the user exists. Successful and failed sign-ins are audited.
 */
export async function login(db: Db, username: string, password: string): Promise<{ token: string; user: UserRow; expiresAt: Date }> {
  const policy = await getSetting(db, authPolicySetting);
  const u = (await db.query<UserRow>('SELECT * FROM users WHERE username = $1', [username])).rows[0];
  const generic = 'wrong user name or password';
  if (!u) {
    await verifyPassword(password, 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'); // same time as a real check
    throw new LoginError(generic);
  }
  if (u.disabled) throw new LoginError('this account is disabled', 403);
  if (u.locked_until && new Date(u.locked_until) > new Date()) {
    throw new LoginError(`too many failed sign-ins: this account is locked until ${new Date(u.locked_until).toISOString()}`, 423);
  }
  if (!(await verifyPassword(password, u.password_hash))) {
    await db.transaction(async (tx) => {
      const failures = u.failed_logins + 1;
      const lock = failures >= policy.maxFailedLogins ? new Date(Date.now() + policy.lockoutMinutes * 60_000) : null;
      await tx.query('UPDATE users SET failed_logins = $1, locked_until = $2 WHERE id = $3', [lock ? 0 : failures, lock, u.id]);
      await appendAudit(tx, { actor: username, action: lock ? 'login.locked' : 'login.failed', recordType: 'sign-in', recordId: u.id, after: { failures, lockedUntil: lock } });
    });
    throw new LoginError(generic);
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + policy.sessionHours * 3600_000);
  await db.transaction(async (tx) => {
    await tx.query('UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = $1', [u.id]);
    await tx.query('INSERT INTO sessions (id_hash, user_id, expires_at) VALUES ($1, $2, $3)', [sha256(token), u.id, expiresAt]);
    await appendAudit(tx, { actor: username, action: 'login', recordType: 'sign-in', recordId: u.id });
  });
  return { token, user: u, expiresAt };
}

export async function logout(db: Db, token: string) {
  await db.query('UPDATE sessions SET revoked_at = now() WHERE id_hash = $1 AND revoked_at IS NULL', [sha256(token)]);
}

async function revokeAllSessions(db: Db, userId: string) {
  await db.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
}

async function actorForUser(db: Db, u: UserRow): Promise<Actor> {
  return actorFor(u, await getSetting(db, rolePolicySetting));
}

/** The actor behind a session cookie or an API token, or null. */
export async function authenticate(db: Db, creds: { sessionToken?: string; apiToken?: string }): Promise<{ actor: Actor; user: UserRow; via: 'session' | 'token' } | null> {
  if (creds.apiToken) {
    const row = (
      await db.query<UserRow & { token_id: string }>(
        `SELECT u.*, t.id AS token_id FROM api_tokens t JOIN users u ON u.id = t.user_id
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND NOT u.disabled`,
        [sha256(creds.apiToken)],
      )
    ).rows[0];
    if (!row) return null;
    await db.query('UPDATE api_tokens SET last_used_at = now() WHERE id = $1', [row.token_id]);
    return { actor: await actorForUser(db, row), user: row, via: 'token' };
  }
  if (creds.sessionToken) {
    const row = (
      await db.query<UserRow>(
        `SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.id_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND NOT u.disabled`,
        [sha256(creds.sessionToken)],
      )
    ).rows[0];
    if (!row) return null;
    return { actor: await actorForUser(db, row), user: row, via: 'session' };
  }
  return null;
}

export async function actorForUsername(db: Db, username: string): Promise<Actor> {
  const u = (await db.query<UserRow>('SELECT * FROM users WHERE username = $1', [username])).rows[0];
  if (!u) throw new NotFoundError(`user ${username}`);
  if (u.disabled) throw new AppError(403, 'forbidden', `the account ${username} is disabled`);
  return actorForUser(db, u);
}

/** Creates an API token for a user (an admin for anyone, a user for themselves); the secret is shown once. */
export async function createToken(ctx: Ctx, username: string, name: string, expiresDays?: number) {
  if (!name.trim()) throw new ValidationError([{ field: 'name', reason: 'a token needs a name' }]);
  const self = ctx.actor.username === username;
  const target = self ? (await ctx.q.query<UserRow>('SELECT * FROM users WHERE username = $1', [username])).rows[0] : await findUser(ctx, username);
  if (!target) throw new NotFoundError(`user ${username}`);
  const secret = `pdk_${randomBytes(30).toString('base64url')}`;
  const id = randomUUID();
  const expiresAt = expiresDays ? new Date(Date.now() + expiresDays * 86400_000) : null;
  await inTransaction(ctx, async (tx) => {
    await tx.q.query('INSERT INTO api_tokens (id, user_id, name, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5)', [id, target.id, name, sha256(secret), expiresAt]);
    await appendAudit(tx.q, { actor: ctx.actor.username, action: 'token.create', recordType: 'api-token', recordId: target.id, after: { tokenId: id, name, expiresAt } });
  });
  return { id, name, username, expiresAt, token: secret };
}

export async function revokeToken(ctx: Ctx, tokenId: string) {
  return inTransaction(ctx, async (tx) => {
    const t = (await tx.q.query<{ user_id: string; username: string }>('SELECT t.user_id, u.username FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id::text = $1', [tokenId])).rows[0];
    if (!t) throw new NotFoundError(`token ${tokenId}`);
    if (t.username !== ctx.actor.username) await findUser(tx, t.username); // admins only for others' tokens
    await tx.q.query('UPDATE api_tokens SET revoked_at = now() WHERE id::text = $1 AND revoked_at IS NULL', [tokenId]);
    await appendAudit(tx.q, { actor: ctx.actor.username, action: 'token.revoke', recordType: 'api-token', recordId: t.user_id, after: { tokenId } });
    return { id: tokenId, revoked: true };
  });
}

export async function listTokens(ctx: Ctx, username: string) {
  const u = ctx.actor.username === username ? { username } : await findUser(ctx, username);
  return (
    await ctx.q.query(
      `SELECT t.id, t.name, t.created_at, t.expires_at, t.last_used_at, t.revoked_at FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE u.username = $1 ORDER BY t.created_at`,
      [u.username],
    )
  ).rows;
}

/** On first start: an administrator with a one-time password, printed once by the caller. */
export async function ensureFirstAdmin(db: Db): Promise<{ username: string; password: string } | null> {
  const n = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0]!.n;
  if (n > 0) return null;
  const { oneTimePassword } = await createUser(context(db, systemActor('first-start')), { username: 'admin', displayName: 'Administrator', roles: ['admin'] });
  return { username: 'admin', password: oneTimePassword! };
}
