/**
 * HTTP API of the relations domain under /api/v1/relations: the records (restrictions, engagements,
 * commitments, stances, cooperation, leverage, force) and the views built on them (status-of-forces
 * tables, open commitments, consent index, stance board, escalation, use-of-force figures), search
 * and export. Reads need relations:read, writes relations:write; each record is then filtered by the
 * access policy (leverage and use of force are restricted by default).
 */
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { route, type RouteSpec } from '../platform/http/route.ts';
import { dateSchema, retractInput, statusInput } from './inputs.ts';
import { type Kind, KINDS } from './schema.ts';
import {
  actorProfile,
  consentByActor,
  consentIndex,
  createRelationsRecord,
  createSchema,
  escalation,
  exportJson,
  exportTable,
  forceFigures,
  getRelationsRecord,
  importRelationsRecords,
  lapseOverdueCommitments,
  listRelations,
  openCommitments,
  patchSchema,
  resolveAnyActor,
  retractRelationsRecord,
  searchRelations,
  setCommitmentStatus,
  sofaTables,
  stanceBoard,
  updateRelationsRecord,
  vocabularies,
} from './service.ts';
import type { Ctx } from '../platform/store.ts';

const BASE = '/api/v1/relations';
const tags = ['relations'];
const READ = 'relations:read';
const WRITE = 'relations:write';
const id = z.object({ id: z.string().uuid() });
const optDate = dateSchema.optional();
const bool = z.enum(['true', 'false']).optional();
const writeMeta = { expected_version: z.number().int().positive().optional(), reason: z.string().max(2000).optional() };

const SUMMARY: Record<Kind, string> = {
  restrictions: 'restrictions and obstruction of the mission (movement denied, visas, customs, staff harassed, investigations blocked…)',
  engagements: 'engagements with host-state counterparts (participants, level, topics, tone, outcome)',
  commitments: 'commitments made by host-state actors, tracked to kept, partly kept, broken or lapsed',
  stances: 'dated judgements of an actor’s working relationship with the mission, per level',
  cooperation: 'cooperation by the host state (joint patrols, access granted, commander removed…)',
  leverage: 'leverage actions on host-state actors (restricted by default)',
  force: 'uses and threats of force by the mission (restricted by default)',
};

/** The actor filter: a registry id, SFM id or name, resolved through the registry. */
async function actorId(ctx: Ctx, ref: string | undefined): Promise<string | undefined> {
  return ref ? (await resolveAnyActor(ctx, ref)).id : undefined;
}

function kindRoutes(kind: Kind): RouteSpec[] {
  return [
    route({
      method: 'GET',
      url: `${BASE}/${kind}`,
      summary: `List ${SUMMARY[kind]}`,
      tags,
      permission: READ,
      query: z.object({
        actor: z.string().max(500).optional(),
        from: optDate,
        to: optDate,
        code: z.string().max(100).optional(),
        area: z.string().max(60).optional(),
        engagement_id: z.string().uuid().optional(),
        include_retracted: bool,
        limit: z.coerce.number().int().min(1).max(5000).optional(),
        offset: z.coerce.number().int().min(0).optional(),
      }),
      handler: async ({ ctx, query }) => ({
        items: await listRelations(ctx, kind, {
          actorId: await actorId(ctx, query.actor),
          from: query.from,
          to: query.to,
          code: query.code,
          area: query.area,
          engagementId: query.engagement_id,
          includeRetracted: query.include_retracted === 'true',
          limit: query.limit,
          offset: query.offset,
        }),
      }),
    }),
    route({ method: 'GET', url: `${BASE}/${kind}/:id`, summary: `One of the ${SUMMARY[kind]}`, tags, permission: READ, params: id, handler: async ({ ctx, params }) => getRelationsRecord(ctx, kind, params.id) }),
    route({ method: 'POST', url: `${BASE}/${kind}`, summary: `Record one of the ${SUMMARY[kind]}`, tags, permission: WRITE, status: 201, body: createSchema(kind), handler: async ({ ctx, body }) => createRelationsRecord(ctx, kind, body) }),
    route({
      method: 'POST',
      url: `${BASE}/${kind}/import`,
      summary: `Record many ${kind} at once; when one is refused nothing is written (problems name items.N.field)`,
      tags,
      permission: WRITE,
      body: z.object({ items: z.array(z.unknown()).min(1).max(10_000) }),
      handler: async ({ ctx, body }) => importRelationsRecords(ctx, kind, body.items),
    }),
    route({
      method: 'PATCH',
      url: `${BASE}/${kind}/:id`,
      summary: `Change one of the ${SUMMARY[kind]} (a revision; nothing is written when nothing changes)`,
      tags,
      permission: WRITE,
      params: id,
      body: patchSchema(kind).extend(writeMeta),
      handler: async ({ ctx, params, body }) => {
        const { expected_version, reason, ...patch } = body as Record<string, any>;
        return updateRelationsRecord(ctx, kind, params.id, patch, { expectedVersion: expected_version, reason });
      },
    }),
    route({
      method: 'POST',
      url: `${BASE}/${kind}/:id/retract`,
      summary: `Retract one of the ${SUMMARY[kind]} (kept in its history, with the reason)`,
      tags,
      permission: WRITE,
      params: id,
      body: retractInput,
      handler: async ({ ctx, params, body }) => retractRelationsRecord(ctx, kind, params.id, body.reason),
    }),
  ];
}

const groupBy = z.enum(['type', 'actor', 'area', 'month']);

function csvReply(reply: any, name: string, rows: unknown[][]) {
  reply.header('content-disposition', `attachment; filename="${name}.csv"`);
  return reply.type('text/csv; charset=utf-8').send(stringify(rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))))));
}

export function relationsRoutes(): RouteSpec[] {
  return [
    route({
      method: 'GET',
      url: `${BASE}/restrictions/sofa`,
      summary: 'Status-of-forces tables of the restrictions: by type, actor, area and month (or one with ?by=), with SOFA violations, resolved, reported; ?format=csv for one table',
      tags,
      permission: READ,
      query: z.object({ by: groupBy.optional(), from: optDate, to: optDate, as_of: optDate, violations_only: bool, actor: z.string().max(500).optional(), area: z.string().max(60).optional(), format: z.enum(['json', 'csv']).optional() }),
      handler: async ({ ctx, query, reply, lang }) => {
        const r = await sofaTables(ctx, { by: query.by, from: query.from, to: query.to, asOf: query.as_of, violationsOnly: query.violations_only === 'true', actorId: await actorId(ctx, query.actor), area: query.area });
        if (query.format !== 'csv') return r;
        const by = query.by ?? 'type';
        const table = r.tables[by]!;
        const prevented = [...new Set([...table.rows, table.total].flatMap((x) => Object.keys(x.prevented)))].sort();
        const head = ['key', 'label', 'count', 'sofa_violations', 'resolved', 'unresolved', 'reported_to_hq', 'reported_to_council', ...prevented.map((p) => `prevented:${p}`)];
        const line = (x: (typeof table.rows)[number]) => [x.key, x[lang], x.count, x.sofaViolations, x.resolved, x.unresolved, x.reportedToHq, x.reportedToCouncil, ...prevented.map((p) => x.prevented[p] ?? 0)];
        return csvReply(reply, `sofa-by-${by}`, [head, ...table.rows.map(line), line(table.total)]);
      },
    }),
    route({
      method: 'GET',
      url: `${BASE}/commitments/open`,
      summary: 'Open commitments per actor on a day (oldest first, overdue ones marked) and how the others ended',
      tags,
      permission: READ,
      query: z.object({ as_of: optDate, actor: z.string().max(500).optional() }),
      handler: async ({ ctx, query }) => openCommitments(ctx, { asOf: query.as_of, actorId: await actorId(ctx, query.actor) }),
    }),
    route({
      method: 'POST',
      url: `${BASE}/commitments/lapse`,
      summary: 'Mark lapsed the open commitments overdue by more than relations.policy lapseAfterDays (dry_run: only list them)',
      tags,
      permission: WRITE,
      body: z.object({ as_of: optDate, dry_run: z.boolean().optional() }),
      handler: async ({ ctx, body }) => lapseOverdueCommitments(ctx, { asOf: body.as_of, dryRun: body.dry_run }),
    }),
    route({
      method: 'POST',
      url: `${BASE}/commitments/:id/status`,
      summary: 'Record a commitment’s new status (kept, partly kept, broken, lapsed…), dated',
      tags,
      permission: WRITE,
      params: id,
      body: statusInput,
      handler: async ({ ctx, params, body }) => setCommitmentStatus(ctx, params.id, body),
    }),
    route({
      method: 'GET',
      url: `${BASE}/consent`,
      summary: 'Consent index over time for an actor (or everything), a level and an area: every point lists its contributions; sudden drops and downward trends flagged with their causes',
      tags,
      permission: READ,
      query: z.object({ actor: z.string().max(500).optional(), include_subunits: bool, level: z.string().max(60).optional(), area: z.string().max(60).optional(), from: optDate, to: optDate, step: z.enum(['month', 'week']).optional() }),
      handler: async ({ ctx, query }) => consentIndex(ctx, { actor: query.actor, includeSubunits: query.include_subunits === 'true', level: query.level, area: query.area, from: query.from, to: query.to, step: query.step }),
    }),
    route({
      method: 'GET',
      url: `${BASE}/consent/actors`,
      summary: 'Consent index of every actor with recorded facts (values per period and flags), lowest first',
      tags,
      permission: READ,
      query: z.object({ level: z.string().max(60).optional(), area: z.string().max(60).optional(), from: optDate, to: optDate, step: z.enum(['month', 'week']).optional() }),
      handler: async ({ ctx, query }) => consentByActor(ctx, query),
    }),
    route({
      method: 'GET',
      url: `${BASE}/stances/current`,
      summary: 'Current stance of each actor at each level and area (latest dated judgement, and the one before)',
      tags,
      permission: READ,
      query: z.object({ actor: z.string().max(500).optional(), as_of: optDate }),
      handler: async ({ ctx, query }) => stanceBoard(ctx, { actorId: await actorId(ctx, query.actor), asOf: query.as_of }),
    }),
    route({
      method: 'GET',
      url: `${BASE}/leverage/escalation`,
      summary: 'Escalation view per actor: the tools used, by rung of the ladder, the current and highest rungs',
      tags,
      permission: READ,
      query: z.object({ actor: z.string().max(500).optional(), as_of: optDate }),
      handler: async ({ ctx, query }) => escalation(ctx, { actorId: await actorId(ctx, query.actor), asOf: query.as_of }),
    }),
    route({
      method: 'GET',
      url: `${BASE}/force/figures`,
      summary: 'Use of force by level and target, confrontations with state forces listed and counted, civilian harm',
      tags,
      permission: READ,
      query: z.object({ from: optDate, to: optDate }),
      handler: async ({ ctx, query }) => forceFigures(ctx, query),
    }),
    route({
      method: 'GET',
      url: `${BASE}/search`,
      summary: 'Search engagements, restrictions and commitments by their text',
      tags,
      permission: READ,
      query: z.object({ q: z.string().trim().min(1).max(200), limit: z.coerce.number().int().min(1).max(200).optional() }),
      handler: async ({ ctx, query }) => ({ q: query.q, hits: await searchRelations(ctx, query.q, query.limit ?? 20) }),
    }),
    route({
      method: 'GET',
      url: `${BASE}/export`,
      summary: 'Export the records of a kind that you may see: json (default) or csv',
      tags,
      permission: READ,
      query: z.object({ kind: z.enum(KINDS), format: z.enum(['json', 'csv']).optional() }),
      handler: async ({ ctx, query, reply }) => (query.format === 'csv' ? csvReply(reply, `relations-${query.kind}`, await exportTable(ctx, query.kind)) : exportJson(ctx, query.kind)),
    }),
    route({
      method: 'GET',
      url: `${BASE}/actors/:actor`,
      summary: 'Everything recorded about one host-state actor (registry id, SFM id or name): stances, consent, commitments, restrictions, engagements, cooperation, leverage, force',
      tags,
      permission: READ,
      params: z.object({ actor: z.string().min(1).max(500) }),
      query: z.object({ as_of: optDate }),
      handler: async ({ ctx, params, query }) => actorProfile(ctx, params.actor, { asOf: query.as_of }),
    }),
    route({ method: 'GET', url: `${BASE}/vocabularies`, summary: 'The configured vocabularies, ladders and consent-index parameters (setting relations.config)', tags, permission: READ, handler: async ({ ctx }) => vocabularies(ctx) }),
    ...KINDS.flatMap(kindRoutes),
  ];
}
