/** HTTP API of name screening under /api/v1/screening: lists, entries, imports, screenings, adjudication, reviews. */
import { z } from 'zod';
import { route, type RouteSpec } from '../platform/http/route.ts';
import { recordRevisions } from '../platform/store.ts';
import { importFtm, importUnList } from './imports.ts';
import { DECISIONS } from './schema.ts';
import {
  addMissionEntry,
  adjudicate,
  adjudicateMatch,
  delistEntry,
  getEntry,
  getScreening,
  listEntries,
  listLists,
  listReviews,
  listScreenings,
  matchDetail,
  missionEntryInput,
  missionEntryPatch,
  relistEntry,
  rerunScreening,
  screenPerson,
  screenRoster,
  screenRosterInput,
  screeningCsv,
  syncRegistryList,
  updateMissionEntry,
} from './service.ts';

const BASE = '/api/v1/screening';
const tags = ['screening'];
const id = z.object({ id: z.string().uuid() });
const reason = z.object({ reason: z.string().trim().min(1).max(10_000) });
export function screeningRoutes(): RouteSpec[] {
  return [
    route({
      method: 'GET',
      url: `${BASE}/lists`,
      summary: 'Watchlists (UN list, FollowTheMoney lists, the mission list, the registry’s implicit list) with their version and size',
      tags,
      permission: 'screening:read',
      handler: async ({ ctx }) => ({ lists: await listLists(ctx) }),
    }),
    route({
      method: 'GET',
      url: `${BASE}/entries`,
      summary: 'Entries of the watchlists you may read (filter by list, status, text)',
      tags,
      permission: 'screening:read',
      query: z.object({
        list: z.string().max(40).optional(),
        status: z.enum(['listed', 'delisted']).optional(),
        q: z.string().max(200).optional(),
        registry_person_id: z.string().uuid().optional(),
        limit: z.coerce.number().int().min(1).max(5000).optional(),
        offset: z.coerce.number().int().min(0).optional(),
      }),
      handler: async ({ ctx, query }) => ({ items: await listEntries(ctx, { list: query.list, status: query.status, q: query.q, registryPersonId: query.registry_person_id, limit: query.limit, offset: query.offset }) }),
    }),
    route({
      method: 'GET',
      url: `${BASE}/entries/:id`,
      summary: 'One entry, with its revisions (listings, changes, delistings)',
      tags,
      permission: 'screening:read',
      params: id,
      handler: async ({ ctx, params }) => ({ entry: await getEntry(ctx, params.id), revisions: await recordRevisions(ctx, 'screening-entry', params.id) }),
    }),
    route({
      method: 'POST',
      url: `${BASE}/mission/entries`,
      summary: 'List a person or unit on the mission list (registry person, registry unit, or a name), with the reason and evidence',
      tags,
      permission: 'screening:write',
      status: 201,
      body: missionEntryInput,
      handler: async ({ ctx, body }) => addMissionEntry(ctx, body),
    }),
    route({
      method: 'PATCH',
      url: `${BASE}/mission/entries/:id`,
      summary: 'Change a mission-list entry (reason, evidence, names, protection): a revision',
      tags,
      permission: 'screening:write',
      params: id,
      body: missionEntryPatch.extend({ expected_version: z.number().int().positive().optional(), revision_reason: z.string().max(2000).optional() }),
      handler: async ({ ctx, params, body }) => {
        const { expected_version, revision_reason, ...patch } = body as Record<string, any>;
        return updateMissionEntry(ctx, params.id, patch, { expectedVersion: expected_version, reason: revision_reason });
      },
    }),
    route({
      method: 'POST',
      url: `${BASE}/mission/entries/:id/delist`,
      summary: 'Delist a mission-list entry, with the reason (kept in its history)',
      tags,
      permission: 'screening:write',
      params: id,
      body: reason,
      handler: async ({ ctx, params, body }) => delistEntry(ctx, params.id, body.reason),
    }),
    route({
      method: 'POST',
      url: `${BASE}/mission/entries/:id/relist`,
      summary: 'List a delisted mission-list entry again, with the reason',
      tags,
      permission: 'screening:write',
      params: id,
      body: reason,
      handler: async ({ ctx, params, body }) => relistEntry(ctx, params.id, body.reason),
    }),
    route({
      method: 'POST',
      url: `${BASE}/import/un-sanctions`,
      summary: 'Import the UN Security Council Consolidated List (the XML text); errors commit nothing unless partial',
      tags,
      permission: 'screening:write',
      body: z.object({ xml: z.string().min(1).max(200_000_000), file_name: z.string().max(500).optional(), partial: z.boolean().optional() }),
      handler: async ({ ctx, body }) => importUnList(ctx, body.xml, { fileName: body.file_name, partial: body.partial }),
    }),
    route({
      method: 'POST',
      url: `${BASE}/import/ftm`,
      summary: 'Import FollowTheMoney entities (JSON lines) as a list (default code ftm); errors commit nothing unless partial',
      tags,
      permission: 'screening:write',
      body: z.object({ jsonl: z.string().min(1).max(200_000_000), list: z.string().max(40).optional(), file_name: z.string().max(500).optional(), partial: z.boolean().optional() }),
      handler: async ({ ctx, body }) => importFtm(ctx, body.jsonl, { list: body.list, fileName: body.file_name, partial: body.partial }),
    }),
    route({
      method: 'POST',
      url: `${BASE}/registry-list/sync`,
      summary: 'Bring the registry’s implicit list (persons linked to grave violations) up to date',
      tags,
      permission: 'screening:write',
      handler: async ({ ctx }) => syncRegistryList(ctx, { force: true }),
    }),
    route({
      method: 'POST',
      url: `${BASE}/screen`,
      summary: 'Screen one person (name, birth date, nationality, gender, registry person) against the lists',
      tags,
      permission: 'screening:read',
      body: z.object({
        name: z.string().max(500),
        birth_date: z.string().max(40).optional(),
        nationality: z.string().max(100).optional(),
        gender: z.string().max(20).optional(),
        registry_person_id: z.string().uuid().optional(),
        lists: z.array(z.string().min(1).max(40)).max(50).optional(),
        threshold: z.number().min(0.5).max(1).optional(),
      }),
      handler: async ({ ctx, body }) => {
        const { lists, threshold, ...subject } = body;
        return { matches: await screenPerson(ctx, subject, { lists, threshold }) };
      },
    }),
    route({
      method: 'POST',
      url: `${BASE}/screenings`,
      summary: 'Screen a roster (CSV text with a name column, or rows) and store the screening; the same roster again re-runs it',
      tags,
      permission: 'screening:screen',
      status: 201,
      body: screenRosterInput,
      handler: async ({ ctx, body }) => screenRoster(ctx, body),
    }),
    route({
      method: 'GET',
      url: `${BASE}/screenings`,
      summary: 'Stored screenings you may read',
      tags,
      permission: 'screening:read',
      query: z.object({ limit: z.coerce.number().int().min(1).max(1000).optional(), offset: z.coerce.number().int().min(0).optional() }),
      handler: async ({ ctx, query }) => ({ items: await listScreenings(ctx, query) }),
    }),
    route({
      method: 'GET',
      url: `${BASE}/screenings/:id`,
      summary: 'Results of a screening: every row with its matches (best first), explanations and standing decisions',
      tags,
      permission: 'screening:read',
      params: id,
      query: z.object({ only_matches: z.enum(['true', 'false']).optional() }),
      handler: async ({ ctx, params, query }) => getScreening(ctx, params.id, { onlyMatches: query.only_matches === 'true' }),
    }),
    route({
      method: 'GET',
      url: `${BASE}/screenings/:id/export`,
      summary: 'Results of a screening as CSV, one line per match (headers in your language)',
      tags,
      permission: 'screening:read',
      params: id,
      produces: 'text/csv',
      handler: async ({ ctx, params, reply }) => {
        const text = await screeningCsv(ctx, params.id);
        reply.header('content-disposition', `attachment; filename="screening-${params.id}.csv"`);
        return reply.type('text/csv; charset=utf-8').send(text);
      },
    }),
    route({
      method: 'POST',
      url: `${BASE}/screenings/:id/rerun`,
      summary: 'Re-run a screening against the lists as they are now',
      tags,
      permission: 'screening:screen',
      params: id,
      handler: async ({ ctx, params }) => rerunScreening(ctx, params.id),
    }),
    route({
      method: 'GET',
      url: `${BASE}/screenings/:id/rows/:row/matches/:list/:entry`,
      summary: 'One match explained: which name parts matched which, how, and what adjusted the score; the entry; the decision',
      tags,
      permission: 'screening:read',
      params: z.object({ id: z.string().uuid(), row: z.coerce.number().int().min(1), list: z.string().min(1).max(40), entry: z.string().uuid() }),
      handler: async ({ ctx, params }) => matchDetail(ctx, params.id, params.row, params.list, params.entry),
    }),
    route({
      method: 'POST',
      url: `${BASE}/screenings/:id/adjudications`,
      summary: 'Decide on a match of a screening: true match, false positive or needs review (human rights role); remembered for the same person and entry',
      tags,
      permission: 'screening:adjudicate',
      params: id,
      body: z.object({ row: z.number().int().min(1), list: z.string().min(1).max(40), entry_id: z.string().uuid(), decision: z.enum(DECISIONS), note: z.string().max(10_000).optional() }),
      handler: async ({ ctx, params, body }) => adjudicate(ctx, params.id, body),
    }),
    route({
      method: 'POST',
      url: `${BASE}/adjudications`,
      summary: 'Decide on a match of a person screened outside a stored screening (name, birth date, list entry)',
      tags,
      permission: 'screening:adjudicate',
      body: z.object({ name: z.string().min(1).max(500), birth_date: z.string().max(40).optional(), list: z.string().min(1).max(40), entry_id: z.string().uuid(), decision: z.enum(DECISIONS), note: z.string().max(10_000).optional() }),
      handler: async ({ ctx, body }) => adjudicateMatch(ctx, body),
    }),
    route({
      method: 'GET',
      url: `${BASE}/reviews`,
      summary: 'Screening reviews: hits found when a list changed, or withheld from the person who screened',
      tags,
      permission: 'screening:read',
      query: z.object({ status: z.enum(['open', 'closed']).optional(), screening_id: z.string().uuid().optional(), limit: z.coerce.number().int().min(1).max(2000).optional() }),
      handler: async ({ ctx, query }) => ({ items: await listReviews(ctx, { status: query.status, screeningId: query.screening_id, limit: query.limit }) }),
    }),
  ];
}

