/** HTTP API of the registry under /api/v1/registry: records, questions, dossiers, export and import. */
import { z } from 'zod';
import { levelSchema } from '../platform/access/policy.ts';
import { route, type RouteSpec } from '../platform/http/route.ts';
import type { Ctx, UpdateOptions } from '../platform/store.ts';
import { CSV_TABLES, EXPORT_FORMATS, exportCsvTable, exportPopolo, exportSfmSheets, sheetToCsv, toCsv } from './export.ts';
import { importSfmSheets } from './import-sfm.ts';
import * as inputs from './inputs.ts';
import { today } from './intervals.ts';
import {
  chainOfCommand,
  cite,
  commandersAt,
  createLink,
  createLocation,
  createPerson,
  createPosting,
  createSource,
  createUnit,
  createUnitLocation,
  getRegistryRecord,
  listRegistry,
  listSfmIncidents,
  personDossier,
  postingsOfPerson,
  resolvePerson,
  resolveUnit,
  retract,
  searchActors,
  subordinates,
  subordinateTree,
  unitDossier,
  unitsInArea,
  unitsPersonCommanded,
  updateCitation,
  updateLink,
  updateLocation,
  updatePerson,
  updatePosting,
  updateSource,
  updateUnit,
  updateUnitLocation,
} from './service.ts';

const BASE = '/api/v1/registry';
const tags = ['registry'];
const id = z.object({ id: z.string().uuid() });
const at = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD').optional();
const paging = {
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
  include_retracted: z.enum(['true', 'false']).optional(),
  sfm: z.string().max(400).optional(),
};
const writeMeta = { expected_version: z.number().int().positive().optional(), reason: z.string().max(2000).optional() };

interface Collection {
  path: string;
  type: string;
  summary: string;
  create: z.ZodType;
  patch: z.ZodObject<any>;
  filters: Record<string, z.ZodType>;
  doCreate: (ctx: Ctx, body: any) => Promise<unknown>;
  doUpdate: (ctx: Ctx, id: string, body: any, opts: UpdateOptions) => Promise<{ record: unknown; changed: boolean }>;
}

const COLLECTIONS: Collection[] = [
  {
    path: 'units',
    type: 'unit',
    summary: 'organisations: units, commands, ministries, courts, armed groups, joint operations',
    create: inputs.unitInput,
    patch: inputs.unitPatch,
    filters: { country: z.string().max(60).optional(), kind: z.string().max(60).optional() },
    doCreate: createUnit,
    doUpdate: updateUnit,
  },
  {
    path: 'persons',
    type: 'person',
    summary: 'persons',
    create: inputs.personInput,
    patch: inputs.personPatch,
    filters: { country: z.string().max(60).optional() },
    doCreate: createPerson,
    doUpdate: updatePerson,
  },
  {
    path: 'postings',
    type: 'posting',
    summary: 'postings (a person in a unit, with role, rank, title, dates)',
    create: inputs.postingInput,
    patch: inputs.postingPatch,
    filters: { unit_id: z.string().uuid().optional(), person_id: z.string().uuid().optional() },
    doCreate: createPosting,
    doUpdate: updatePosting,
  },
  {
    path: 'relations',
    type: 'link',
    summary: 'dated links between units (parent/child, membership of a joint operation)',
    create: inputs.linkInput,
    patch: inputs.linkPatch,
    filters: { unit_id: z.string().uuid().optional(), related_unit_id: z.string().uuid().optional(), kind: z.enum(['parent', 'member']).optional() },
    doCreate: createLink,
    doUpdate: updateLink,
  },
  {
    path: 'locations',
    type: 'location',
    summary: 'places and administrative areas',
    create: inputs.locationInput,
    patch: inputs.locationPatch,
    filters: { country: z.string().max(60).optional() },
    doCreate: createLocation,
    doUpdate: updateLocation,
  },
  {
    path: 'sites',
    type: 'unit-location',
    summary: 'dated sites (bases) and areas of operations of units',
    create: inputs.unitLocationInput,
    patch: inputs.unitLocationPatch,
    filters: { unit_id: z.string().uuid().optional(), kind: z.enum(['site', 'aoo']).optional() },
    doCreate: createUnitLocation,
    doUpdate: updateUnitLocation,
  },
  {
    path: 'sources',
    type: 'source',
    summary: 'sources (documents, reports, interview notes, web pages)',
    create: inputs.sourceInput,
    patch: inputs.sourcePatch,
    filters: { kind: z.string().max(60).optional() },
    doCreate: createSource,
    doUpdate: updateSource,
  },
  {
    path: 'citations',
    type: 'citation',
    summary: 'citations of sources by facts (page, excerpt, confidence)',
    create: inputs.citationInput,
    patch: inputs.citationPatch,
    filters: { record_type: z.string().max(60).optional(), record_id: z.string().uuid().optional(), source_id: z.string().uuid().optional() },
    doCreate: cite,
    doUpdate: updateCitation,
  },
];

function collectionRoutes(c: Collection): RouteSpec[] {
  return [
    route({
      method: 'GET',
      url: `${BASE}/${c.path}`,
      summary: `List ${c.summary}`,
      tags,
      permission: 'registry:read',
      query: z.object({ ...paging, ...c.filters }),
      handler: async ({ ctx, query }) => {
        const q = query as Record<string, any>;
        const items = await listRegistry(ctx, c.type, {
          limit: q.limit,
          offset: q.offset,
          includeRetracted: q.include_retracted === 'true',
          sfm: q.sfm,
          country: q.country,
          kind: q.kind,
          unitId: q.unit_id,
          personId: q.person_id,
          relatedUnitId: q.related_unit_id,
          recordType: q.record_type,
          recordId: q.record_id,
          sourceId: q.source_id,
        });
        return { items };
      },
    }),
    route({
      method: 'GET',
      url: `${BASE}/${c.path}/:id`,
      summary: `One of the ${c.summary}`,
      tags,
      permission: 'registry:read',
      params: id,
      handler: async ({ ctx, params }) => getRegistryRecord(ctx, c.type, params.id),
    }),
    route({
      method: 'POST',
      url: `${BASE}/${c.path}`,
      summary: `Create one of the ${c.summary}`,
      tags,
      permission: 'registry:write',
      status: 201,
      body: c.create,
      handler: async ({ ctx, body }) => c.doCreate(ctx, body),
    }),
    route({
      method: 'PATCH',
      url: `${BASE}/${c.path}/:id`,
      summary: `Change one of the ${c.summary} (a revision; nothing is written when nothing changes)`,
      tags,
      permission: 'registry:write',
      params: id,
      body: c.patch.extend(writeMeta),
      handler: async ({ ctx, params, body }) => {
        const { expected_version, reason, ...patch } = body as Record<string, any>;
        return c.doUpdate(ctx, params.id, patch, { expectedVersion: expected_version, reason });
      },
    }),
    route({
      method: 'POST',
      url: `${BASE}/${c.path}/:id/retract`,
      summary: `Retract one of the ${c.summary} (kept in its history, with the reason)`,
      tags,
      permission: 'registry:write',
      params: id,
      body: inputs.retractInput,
      handler: async ({ ctx, params, body }) => retract(ctx, c.type, params.id, body.reason),
    }),
  ];
}

const unitRef = z.object({ unit: z.string().min(1).max(500) });
const personRef = z.object({ person: z.string().min(1).max(500) });

export function registryRoutes(): RouteSpec[] {
  return [
    ...COLLECTIONS.flatMap(collectionRoutes),
    route({
      method: 'GET',
      url: `${BASE}/search`,
      summary: 'Fuzzy search of units and persons by name or alias (accents, case, word order and ranks ignored)',
      tags,
      permission: 'registry:read',
      query: z.object({ q: z.string().min(1).max(500), type: z.enum(['unit', 'person']).optional(), limit: z.coerce.number().int().min(1).max(200).optional() }),
      handler: async ({ ctx, query }) => ({ q: query.q, hits: await searchActors(ctx, query.q, { types: query.type ? [query.type] : undefined, limit: query.limit }) }),
    }),
    route({
      method: 'GET',
      url: `${BASE}/chain/:unit`,
      summary: 'Chain of command of a unit on a day: the unit, its parent… to the top, each with its commanders and their sources',
      tags,
      permission: 'registry:read',
      params: unitRef,
      query: z.object({ at }),
      handler: async ({ ctx, params, query }) => chainOfCommand(ctx, (await resolveUnit(ctx, params.unit)).id, query.at ?? today()),
    }),
    route({
      method: 'GET',
      url: `${BASE}/tree/:unit`,
      summary: 'Subordinate tree of a unit on a day, with commanders and members of joint operations',
      tags,
      permission: 'registry:read',
      params: unitRef,
      query: z.object({ at }),
      handler: async ({ ctx, params, query }) => {
        const day = query.at ?? today();
        return { at: day, tree: await subordinateTree(ctx, (await resolveUnit(ctx, params.unit)).id, day) };
      },
    }),
    route({
      method: 'GET',
      url: `${BASE}/subordinates/:unit`,
      summary: 'Ids of every unit under a unit on a day',
      tags,
      permission: 'registry:read',
      params: unitRef,
      query: z.object({ at }),
      handler: async ({ ctx, params, query }) => {
        const day = query.at ?? today();
        return { at: day, units: await subordinates(ctx, (await resolveUnit(ctx, params.unit)).id, day) };
      },
    }),
    route({
      method: 'GET',
      url: `${BASE}/commanders/:unit`,
      summary: 'Who headed a unit on a day (with deputies=true, their deputies too)',
      tags,
      permission: 'registry:read',
      params: unitRef,
      query: z.object({ at, deputies: z.enum(['true', 'false']).optional() }),
      handler: async ({ ctx, params, query }) => {
        const day = query.at ?? today();
        return { at: day, commanders: await commandersAt(ctx, (await resolveUnit(ctx, params.unit)).id, day, { deputies: query.deputies === 'true' }) };
      },
    }),
    route({
      method: 'GET',
      url: `${BASE}/career/:person`,
      summary: 'A person’s postings over time, with units and sources',
      tags,
      permission: 'registry:read',
      params: personRef,
      handler: async ({ ctx, params }) => {
        const p = await resolvePerson(ctx, params.person);
        return { person: { id: p.id, name: p.name }, career: await postingsOfPerson(ctx, p.id) };
      },
    }),
    route({
      method: 'GET',
      url: `${BASE}/commanded/:person`,
      summary: 'Units a person headed (on a day, or ever)',
      tags,
      permission: 'registry:read',
      params: personRef,
      query: z.object({ at, deputies: z.enum(['true', 'false']).optional() }),
      handler: async ({ ctx, params, query }) => {
        const p = await resolvePerson(ctx, params.person);
        return { person: { id: p.id, name: p.name }, at: query.at ?? null, units: await unitsPersonCommanded(ctx, p.id, query.at, { deputies: query.deputies === 'true' }) };
      },
    }),
    route({
      method: 'GET',
      url: `${BASE}/area`,
      summary: 'Units with a base or area of operations in an area on a day, and who commanded them',
      tags,
      permission: 'registry:read',
      query: z.object({ area: z.string().min(1).max(500), at }),
      handler: async ({ ctx, query }) => unitsInArea(ctx, query.area, query.at ?? today()),
    }),
    route({
      method: 'GET',
      url: `${BASE}/dossier/:type/:ref`,
      summary: 'Everything the registry says about a unit or a person, with sources',
      tags,
      permission: 'registry:read',
      params: z.object({ type: z.enum(['unit', 'person']), ref: z.string().min(1).max(500) }),
      handler: async ({ ctx, params }) =>
        params.type === 'unit' ? unitDossier(ctx, (await resolveUnit(ctx, params.ref)).id) : personDossier(ctx, (await resolvePerson(ctx, params.ref)).id),
    }),
    route({
      method: 'GET',
      url: `${BASE}/sfm-incidents`,
      summary: 'Incidents read from SFM workbooks, kept until the incidents domain takes them',
      tags,
      permission: 'registry:read',
      query: z.object({ include_taken: z.enum(['true', 'false']).optional(), limit: paging.limit, offset: paging.offset }),
      handler: async ({ ctx, query }) => ({ items: await listSfmIncidents(ctx, { includeTaken: query.include_taken === 'true', limit: query.limit, offset: query.offset }) }),
    }),
    route({
      method: 'GET',
      url: `${BASE}/export`,
      summary: 'Export: popolo (JSON), csv (one flat table, ?table=) or sfm (one SFM workbook sheet as CSV, ?sheet=; without it the list of sheets)',
      tags,
      permission: 'registry:read',
      query: z.object({ format: z.enum(EXPORT_FORMATS).optional(), table: z.enum(CSV_TABLES).optional(), sheet: z.string().max(60).optional() }),
      handler: async ({ ctx, query, reply }) => {
        const format = query.format ?? 'popolo';
        if (format === 'popolo') return exportPopolo(ctx);
        if (format === 'csv') {
          const table = query.table ?? 'units';
          reply.header('content-disposition', `attachment; filename="registry-${table}.csv"`);
          return reply.type('text/csv; charset=utf-8').send(toCsv(await exportCsvTable(ctx, table)));
        }
        const sheets = await exportSfmSheets(ctx);
        if (!query.sheet) return { sheets: sheets.map((s) => ({ name: s.name, rows: s.rows.length })) };
        const sh = sheets.find((s) => s.name === query.sheet);
        if (!sh) return reply.status(404).type('application/problem+json').send({ type: 'https://pocdesk.org/problems/not-found', title: 'Not found', status: 404, detail: `no sheet ${query.sheet}` });
        reply.header('content-disposition', `attachment; filename="${sh.name}.csv"`);
        return reply.type('text/csv; charset=utf-8').send(sheetToCsv(sh));
      },
    }),
    route({
      method: 'POST',
      url: `${BASE}/import/sfm`,
      summary: 'Import SFM research-workbook sheets given as rows ({sheets:[{name, rows:[{column: value}]}]}); errors commit nothing unless partial',
      tags,
      permission: 'registry:write',
      body: z.object({
        sheets: z.array(z.object({ name: z.string().min(1).max(100), rows: z.array(z.record(z.string(), z.unknown())).max(200_000) })).min(1).max(50),
        partial: z.boolean().optional(),
        sensitivity: levelSchema.optional(),
      }),
      handler: async ({ ctx, body, lang }) => importSfmSheets(ctx, body.sheets, { partial: body.partial, sensitivity: body.sensitivity, lang }),
    }),
  ];
}
