/** HTTP API of the incidents domain under /api/v1/incidents: records, questions, statistics, exports, imports, actor mappings. */
import { z } from 'zod';
import { levelSchema } from '../platform/access/policy.ts';
import { route, type RouteSpec } from '../platform/http/route.ts';
import { INCIDENT_EXPORT_FORMATS, exportIncidents } from './export.ts';
import { importEvents } from './import.ts';
import * as inputs from './inputs.ts';
import { listActorMappings, retractActorMapping, setActorMapping } from './mappings.ts';
import {
  addNamedVictim,
  addPerpetrator,
  addSource,
  countIncidents,
  createIncident,
  type IncidentFilters,
  linkedIncidents,
  listIncidents,
  mustGetIncident,
  overrideClassification,
  reclassifyAll,
  retractIncident,
  retractPart,
  setVerification,
  summariseLinked,
  updateIncident,
  updatePerpetrator,
} from './service.ts';
import { takeSfmIncidents } from './sfm.ts';
import { incidentStats, parseWhere } from './stats.ts';

const BASE = '/api/v1/incidents';
const tags = ['incidents'];
const id = z.object({ id: z.string().uuid() });
const reason = z.object({ reason: z.string().trim().min(1).max(2000) });
const list = z.string().max(4000).optional();

/** The list filters as query parameters (lists comma-separated). */
export const filterQuery = z.object({
  from: z.string().max(10).optional(),
  to: z.string().max(10).optional(),
  admin1: z.string().max(300).optional(),
  admin2: z.string().max(300).optional(),
  country: z.string().max(200).optional(),
  source: list,
  type: list,
  perpetrator_type: list,
  'perpetrator-type': list,
  unit_ids: list,
  person_ids: list,
  verification: list,
  severity: list,
  grave: z.enum(['true', 'false']).optional(),
  bbox: z.string().max(200).optional(),
  area: z.string().max(300).optional(),
  q: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100_000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
  include_retracted: z.enum(['true', 'false']).optional(),
});
type FilterQuery = z.infer<typeof filterQuery>;

const ids = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

export function filtersOf(q: Partial<FilterQuery>): IncidentFilters {
  return {
    from: q.from,
    to: q.to,
    admin1: q.admin1,
    admin2: q.admin2,
    country: q.country,
    source: q.source,
    type: q.type,
    perpetrator_type: q.perpetrator_type ?? q['perpetrator-type'],
    unit_ids: ids(q.unit_ids),
    person_ids: ids(q.person_ids),
    verification: q.verification,
    severity: q.severity,
    grave: q.grave === undefined ? undefined : q.grave === 'true',
    bbox: q.bbox,
    area: q.area,
    q: q.q,
    limit: q.limit,
    offset: q.offset,
    include_retracted: q.include_retracted === 'true',
  };
}

export function incidentsRoutes(): RouteSpec[] {
  return [
    route({
      method: 'GET',
      url: BASE,
      summary: 'Incidents you may read, filtered (dates, admin1, source, type, perpetrator type, units, verification, bbox or area)',
      tags,
      permission: 'incidents:read',
      query: filterQuery,
      handler: async ({ ctx, query }) => {
        const f = filtersOf(query);
        const items = await listIncidents(ctx, { ...f, limit: f.limit ?? 100 });
        return { total: await countIncidents(ctx, { ...f, limit: undefined, offset: undefined }), items };
      },
    }),
    route({
      method: 'POST',
      url: BASE,
      summary: 'Record an incident with its acts, victim counts, perpetrators, named victims (restricted) and sources',
      tags,
      permission: 'incidents:write',
      body: inputs.incidentInput,
      status: 201,
      handler: async ({ ctx, body }) => createIncident(ctx, body),
    }),
    route({
      method: 'GET',
      url: `${BASE}/stats`,
      summary: 'Counts by fields (year, month, type, act-type, perpetrator-type, admin1, source, verification, severity…): each row {…keys, count, fatalities}',
      tags,
      permission: 'incidents:read',
      query: z.object({ group_by: z.string().max(300).default(''), where: z.union([z.string().max(1000), z.array(z.string().max(1000)).max(30)]).optional() }),
      handler: async ({ ctx, query }) => ({ rows: await incidentStats(ctx, { groupBy: query.group_by.split(',').map((s) => s.trim()).filter(Boolean), where: parseWhere(query.where) }) }),
    }),
    route({
      method: 'GET',
      url: `${BASE}/linked`,
      summary: 'Incidents attributed to a unit (directly, to units under its command or persons posted in it at the time) or a person (directly, to units they commanded at the time), with counts',
      tags,
      permission: 'incidents:read',
      query: z.object({ unit_id: z.string().uuid().optional(), person_id: z.string().uuid().optional(), from: z.string().max(10).optional(), to: z.string().max(10).optional() }),
      handler: async ({ ctx, query }) => {
        const items = await linkedIncidents(ctx, { unitId: query.unit_id, personId: query.person_id }, { from: query.from, to: query.to });
        return { summary: summariseLinked(items), items };
      },
    }),
    route({
      method: 'GET',
      url: `${BASE}/export`,
      summary: 'Export as CSV with an HXL hashtag row, GeoJSON or JSON (restricted fields absent for users who may not see them)',
      tags,
      permission: 'incidents:read',
      query: filterQuery.extend({ format: z.enum(INCIDENT_EXPORT_FORMATS).default('csv'), hxl: z.enum(['true', 'false']).optional() }),
      handler: async ({ ctx, query, reply, lang }) => {
        const out = await exportIncidents(ctx, query.format, { ...filtersOf(query), limit: query.limit ?? 100_000 }, { lang, hxl: query.hxl !== 'false' });
        reply.header('content-disposition', `attachment; filename="${out.filename}"`);
        return reply.type(out.contentType).send(out.body);
      },
    }),
    route({
      method: 'POST',
      url: `${BASE}/import/:source`,
      summary: 'Import an ACLED or UCDP GED file given as text ({csv}); idempotent on the source event id; errors commit nothing unless partial',
      tags,
      permission: 'incidents:write',
      params: z.object({ source: z.enum(['acled', 'ucdp']) }),
      body: z.object({ csv: z.string().min(1), partial: z.boolean().optional(), sensitivity: levelSchema.optional(), slash_date_order: z.enum(['dmy', 'mdy']).optional() }),
      handler: async ({ ctx, params, body, lang, reply }) => {
        const r = await importEvents(ctx, params.source, body.csv, { partial: body.partial, sensitivity: body.sensitivity, slashDateOrder: body.slash_date_order, lang });
        if (!r.committed) reply.status(422);
        return r;
      },
    }),
    route({
      method: 'GET',
      url: `${BASE}/actor-mappings`,
      summary: 'The actor mapping table: dataset actor names and the registry organisations they stand for',
      tags,
      permission: 'incidents:read',
      query: z.object({ source: z.enum(['acled', 'ucdp', 'any']).optional() }),
      handler: async ({ ctx, query }) => ({ items: await listActorMappings(ctx, { source: query.source }) }),
    }),
    route({
      method: 'PUT',
      url: `${BASE}/actor-mappings`,
      summary: 'Map a dataset actor name to a registry unit or person (or mark it ignored); one mapping per source and name',
      tags,
      permission: 'incidents:write',
      body: inputs.actorMappingInput,
      handler: async ({ ctx, body }) => setActorMapping(ctx, body),
    }),
    route({
      method: 'POST',
      url: `${BASE}/actor-mappings/:id/retract`,
      summary: 'Retract an actor mapping (kept in its history)',
      tags,
      permission: 'incidents:write',
      params: id,
      body: reason,
      handler: async ({ ctx, params, body }) => retractActorMapping(ctx, params.id, body.reason),
    }),
    route({
      method: 'POST',
      url: `${BASE}/take-sfm`,
      summary: 'Take over the incidents staged by the registry’s SFM import (idempotent)',
      tags,
      permission: 'incidents:write',
      handler: async ({ ctx }) => takeSfmIncidents(ctx),
    }),
    route({
      method: 'POST',
      url: `${BASE}/reclassify`,
      summary: 'Apply the grave-violation rules in force to every incident again',
      tags,
      permission: 'incidents:write',
      handler: async ({ ctx }) => reclassifyAll(ctx),
    }),
    route({
      method: 'GET',
      url: `${BASE}/:id`,
      summary: 'An incident’s full record: acts, victim counts, perpetrators, named victims and sources (as you may see them), verification history, classification',
      tags,
      permission: 'incidents:read',
      params: id,
      handler: async ({ ctx, params }) => mustGetIncident(ctx, params.id),
    }),
    route({
      method: 'PATCH',
      url: `${BASE}/:id`,
      summary: 'Revise an incident (a change of verification status needs verification_reason)',
      tags,
      permission: 'incidents:write',
      params: id,
      body: inputs.incidentPatch.extend({ expected_version: z.number().int().positive().optional() }),
      handler: async ({ ctx, params, body }) => {
        const { expected_version, ...patch } = body;
        const r = await updateIncident(ctx, params.id, patch, { expectedVersion: expected_version });
        return { changed: r.changed, record: await mustGetIncident(ctx, params.id) };
      },
    }),
    route({
      method: 'POST',
      url: `${BASE}/:id/verification`,
      summary: 'Set the verification status (reported, credible, verified, unsubstantiated) with its reason',
      tags,
      permission: 'incidents:write',
      params: id,
      body: inputs.verificationInput,
      handler: async ({ ctx, params, body }) => {
        await setVerification(ctx, params.id, body.status, body.reason);
        return mustGetIncident(ctx, params.id);
      },
    }),
    route({
      method: 'POST',
      url: `${BASE}/:id/classification`,
      summary: 'Override the grave-violation classification with a reason (grave: null removes the override); the rules’ outcome is kept',
      tags,
      permission: 'incidents:write',
      params: id,
      body: inputs.overrideInput,
      handler: async ({ ctx, params, body }) => {
        await overrideClassification(ctx, params.id, body);
        return mustGetIncident(ctx, params.id);
      },
    }),
    route({
      method: 'POST',
      url: `${BASE}/:id/perpetrators`,
      summary: 'Attribute the incident to a registry unit or person (involvement, confidence), or to a perpetrator type',
      tags,
      permission: 'incidents:write',
      params: id,
      body: inputs.perpetratorInput,
      status: 201,
      handler: async ({ ctx, params, body }) => addPerpetrator(ctx, params.id, body),
    }),
    route({
      method: 'PATCH',
      url: `${BASE}/perpetrators/:id`,
      summary: 'Revise an attribution',
      tags,
      permission: 'incidents:write',
      params: id,
      body: inputs.perpetratorPatch,
      handler: async ({ ctx, params, body }) => updatePerpetrator(ctx, params.id, body),
    }),
    route({
      method: 'POST',
      url: `${BASE}/:id/victims`,
      summary: 'Add a named victim (a restricted record)',
      tags,
      permission: 'incidents:write',
      params: id,
      body: inputs.namedVictimInput,
      status: 201,
      handler: async ({ ctx, params, body }) => addNamedVictim(ctx, params.id, body),
    }),
    route({
      method: 'POST',
      url: `${BASE}/:id/sources`,
      summary: 'Add a source (who the source is: a restricted field)',
      tags,
      permission: 'incidents:write',
      params: id,
      body: inputs.sourceInput,
      status: 201,
      handler: async ({ ctx, params, body }) => addSource(ctx, params.id, body),
    }),
    route({
      method: 'POST',
      url: `${BASE}/:id/retract`,
      summary: 'Retract an incident (kept with its reason)',
      tags,
      permission: 'incidents:write',
      params: id,
      body: reason,
      handler: async ({ ctx, params, body }) => retractIncident(ctx, params.id, body.reason),
    }),
    route({
      method: 'POST',
      url: `${BASE}/:kind/:id/retract`,
      summary: 'Retract a perpetrator, named victim or source of an incident',
      tags,
      permission: 'incidents:write',
      params: z.object({ kind: z.enum(['perpetrators', 'victims', 'sources']), id: z.string().uuid() }),
      body: reason,
      handler: async ({ ctx, params, body }) => retractPart(ctx, params.kind.replace(/s$/, '') as 'perpetrator' | 'victim' | 'source', params.id, body.reason),
    }),
  ];
}
