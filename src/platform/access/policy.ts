/**
 * The access policy: one set of pure functions deciding what a user may read and write. Every path
 * (API, search, exports, CLI, documents, logs) goes through them: single records with canRead /
 * canWrite, lists through readFilterSql, which expresses the same rule in SQL.
 */
import { z } from 'zod';

export const LEVELS = ['public', 'internal', 'restricted', 'strictly-confidential'] as const;
export type Level = (typeof LEVELS)[number];
export const levelSchema = z.enum(LEVELS);

export const ROLES = ['admin', 'human-rights', 'protection', 'military', 'police', 'political', 'leadership', 'rule-of-law', 'viewer'] as const;

export const rolePolicySchema = z.object({
  roles: z.record(
    z.string().min(1),
    z.object({
      label: z.object({ en: z.string().min(1), fr: z.string().min(1) }),
      clearance: levelSchema,
      permissions: z.array(z.string().regex(/^(\*|[a-z-]+:(\*|[a-z-]+))$/, 'permission must look like domain:action, domain:* or *')),
    }),
  ),
});
export type RolePolicy = z.infer<typeof rolePolicySchema>;

export interface Actor {
  kind: 'user' | 'system';
  id: string | null;
  username: string;
  roles: string[];
  clearance: Level;
  /** Compartments the actor belongs to (need-to-know groups, e.g. the planners of one operation). */
  compartments: string[];
  permissions: string[];
  language: 'en' | 'fr';
}

export interface Protected {
  sensitivity: Level | string;
  compartments?: string[] | null;
}

export const levelRank = (l: string): number => {
  const i = LEVELS.indexOf(l as Level);
  return i < 0 ? LEVELS.length : i; // unknown levels are treated as above everything
};

/** Builds an actor from a user's roles: the highest clearance and the union of permissions. */
export function actorFor(
  user: { id: string; username: string; roles: string[]; member_compartments?: string[]; language?: string },
  policy: RolePolicy,
): Actor {
  let clearance: Level = 'public';
  const permissions = new Set<string>();
  for (const role of user.roles) {
    const r = policy.roles[role];
    if (!r) continue;
    if (levelRank(r.clearance) > levelRank(clearance)) clearance = r.clearance;
    for (const p of r.permissions) permissions.add(p);
  }
  return {
    kind: 'user',
    id: user.id,
    username: user.username,
    roles: [...user.roles],
    clearance,
    compartments: [...(user.member_compartments ?? [])],
    permissions: [...permissions].sort(),
    language: user.language === 'fr' ? 'fr' : 'en',
  };
}

/** The system itself (migrations, first start, scheduled triggers): full clearance, all permissions. */
export function systemActor(name = 'system'): Actor {
  return { kind: 'system', id: null, username: name, roles: ['admin'], clearance: 'strictly-confidential', compartments: [], permissions: ['*'], language: 'en' };
}

export function hasPermission(actor: Actor, permission: string): boolean {
  if (actor.kind === 'system') return true;
  const [domain] = permission.split(':');
  return actor.permissions.some((p) => p === '*' || p === permission || p === `${domain}:*`);
}

export function canRead(actor: Actor, record: Protected): boolean {
  if (actor.kind === 'system') return true;
  if (levelRank(String(record.sensitivity)) > levelRank(actor.clearance)) return false;
  const needed = record.compartments ?? [];
  return needed.every((c) => actor.compartments.includes(c));
}

/** Write = the permission for the kind of record, and the record within the actor's reach. */
export function canWrite(actor: Actor, record: Protected, permission: string): boolean {
  return hasPermission(actor, permission) && canRead(actor, record);
}

/**
 * The same rule as canRead, as an SQL predicate over a table alias, for lists, search and exports.
 * Parameters are appended after `offset` existing ones.
 */
export function readFilterSql(actor: Actor, alias: string, offset: number): { sql: string; params: unknown[] } {
  if (actor.kind === 'system') return { sql: 'TRUE', params: [] };
  const allowed = LEVELS.filter((l) => levelRank(l) <= levelRank(actor.clearance));
  const a = alias ? `${alias}.` : '';
  return {
    sql: `(${a}sensitivity = ANY($${offset + 1}::text[]) AND ${a}compartments <@ $${offset + 2}::text[])`,
    params: [allowed, actor.compartments],
  };
}

/** Removes the fields of a row whose own sensitivity is above what the actor may read. */
export function redactFields<T extends Record<string, unknown>>(actor: Actor, row: T, fieldSensitivity: Record<string, Level> | undefined): T {
  if (!fieldSensitivity || actor.kind === 'system') return row;
  let out: T | undefined;
  for (const [field, level] of Object.entries(fieldSensitivity)) {
    if (field in row && levelRank(level) > levelRank(actor.clearance)) {
      out ??= { ...row };
      delete out[field];
    }
  }
  return out ?? row;
}

/** Default role policy, stored as the first version of the `access.roles` setting; administrators edit it. */
export const DEFAULT_ROLE_POLICY: RolePolicy = {
  roles: {
    admin: { label: { en: 'Administrator', fr: 'Administrateur' }, clearance: 'strictly-confidential', permissions: ['*'] },
    'human-rights': {
      label: { en: 'Human rights officer', fr: 'Spécialiste des droits de l’homme' },
      clearance: 'strictly-confidential',
      permissions: ['registry:*', 'incidents:*', 'hrddp:*', 'screening:*', 'relations:read', 'protection:read', 'protection:write', 'protection:callers', 'reports:read', 'audit:read'],
    },
    protection: {
      label: { en: 'Protection adviser', fr: 'Conseiller en protection' },
      clearance: 'restricted',
      permissions: ['registry:read', 'incidents:read', 'incidents:write', 'protection:*', 'relations:read', 'hrddp:read', 'reports:read'],
    },
    military: {
      label: { en: 'Military planner', fr: 'Planificateur militaire' },
      clearance: 'internal',
      permissions: ['registry:read', 'incidents:read', 'hrddp:read', 'hrddp:request', 'screening:read', 'screening:screen', 'protection:read', 'relations:read', 'reports:read'],
    },
    police: {
      label: { en: 'Police planner', fr: 'Planificateur de police' },
      clearance: 'internal',
      permissions: ['registry:read', 'incidents:read', 'hrddp:read', 'hrddp:request', 'screening:read', 'screening:screen', 'protection:read', 'relations:read', 'reports:read'],
    },
    political: {
      label: { en: 'Political affairs officer', fr: 'Spécialiste des affaires politiques' },
      clearance: 'restricted',
      permissions: ['registry:read', 'incidents:read', 'relations:*', 'hrddp:read', 'reports:read'],
    },
    leadership: {
      label: { en: 'Mission leadership', fr: 'Direction de la mission' },
      clearance: 'strictly-confidential',
      permissions: ['registry:read', 'incidents:read', 'hrddp:read', 'hrddp:decide', 'relations:read', 'protection:read', 'screening:read', 'reports:read', 'audit:read'],
    },
    'rule-of-law': {
      label: { en: 'Rule of law officer', fr: 'Spécialiste de l’état de droit' },
      clearance: 'restricted',
      permissions: ['registry:read', 'incidents:read', 'protection:read', 'protection:justice', 'reports:read'],
    },
    viewer: {
      label: { en: 'Viewer', fr: 'Lecteur' },
      clearance: 'internal',
      permissions: ['registry:read', 'incidents:read', 'reports:read'],
    },
  },
};
