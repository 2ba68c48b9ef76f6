/** HTTP API of human rights due diligence under /api/v1/hrddp. */
import { z } from 'zod';
import { route, type RouteSpec } from '../platform/http/route.ts';
import { getRecord } from '../platform/store.ts';
import { NotFoundError } from '../platform/errors.ts';
import { addMeasure, decideWaiver, generateLetter, letterDocument, lettersOf, noticesOf, overdueMeasuresAsOf, recordLetterDates, updateMeasure } from './actions.ts';
import { assessmentsOf, compareVersions, dossierOf, openAssessment, updateAssessment } from './assessments.ts';
import { hrddpConfig, hrddpConfigVersion } from './common.ts';
import * as inputs from './inputs.ts';
import { addListing, addSession, committeeView, complianceReport, createCommittee, endListing, followUpAction, listCommittees, listListings, recommendAction } from './oversight.ts';
import { addPlan, createRequest, decisionsOf, getRequest, listRequests, measuresOf, moveRequest, plansOf, screenScope, stateLabel, stepsFor, updateRequest, waiversOf } from './requests.ts';
import { T } from './schema.ts';
import { liftSuspension, listReviews, listSuspensions, resolveReview, suspend, suspensionStatus, sweep, triageReview } from './watch.ts';

const BASE = '/api/v1/hrddp';
const tags = ['hrddp'];
const id = z.object({ id: z.string().uuid() });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');
const read = 'hrddp:read';

export function hrddpRoutes(): RouteSpec[] {
  return [
    route({
      method: 'GET',
      url: `${BASE}/config`,
      summary: 'The HRDDP policy in force (setting hrddp.config) and its version',
      tags,
      permission: read,
      handler: async ({ ctx }) => ({ version: await hrddpConfigVersion(ctx), config: await hrddpConfig(ctx) }),
    }),

    // Requests
    route({ method: 'POST', url: `${BASE}/requests`, summary: 'File a support request', tags, permission: 'hrddp:request', body: inputs.requestInput, status: 201, handler: ({ ctx, body }) => createRequest(ctx, body) }),
    route({
      method: 'GET',
      url: `${BASE}/requests`,
      summary: 'Support requests you may read',
      tags,
      permission: read,
      query: z.object({ state: z.string().max(80).optional(), component: z.string().max(80).optional(), unit_id: z.string().uuid().optional(), person_id: z.string().uuid().optional(), q: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(1000).optional(), offset: z.coerce.number().int().min(0).optional() }),
      handler: async ({ ctx, query }) => ({ requests: await listRequests(ctx, query) }),
    }),
    route({
      method: 'GET',
      url: `${BASE}/requests/:id`,
      summary: 'A support request with its state, the steps open to you, decisions, waivers and measures',
      tags,
      permission: read,
      params: id,
      handler: async ({ ctx, params, lang }) => {
        const r = await getRequest(ctx, params.id);
        const config = await hrddpConfig(ctx);
        return {
          request: { ...r, state_label: stateLabel(config, r.state, lang) },
          steps: await stepsFor(ctx, r.id),
          decisions: await decisionsOf(ctx, r.id),
          waivers: await waiversOf(ctx, r.id),
          measures: await measuresOf(ctx, r.id),
        };
      },
    }),
    route({
      method: 'PATCH',
      url: `${BASE}/requests/:id`,
      summary: 'Change a support request (recipients and support only before the assessment)',
      tags,
      permission: 'hrddp:request',
      params: id,
      body: inputs.requestPatch.extend({ expected_version: z.number().int().positive().optional(), reason: z.string().max(2000).optional() }),
      handler: ({ ctx, params, body }) => {
        const { expected_version, reason, ...patch } = body;
        return updateRequest(ctx, params.id, patch, { expectedVersion: expected_version, reason });
      },
    }),
    route({ method: 'POST', url: `${BASE}/requests/:id/scope-check`, summary: 'Whether the policy applies to the request, and why', tags, permission: read, params: id, handler: ({ ctx, params }) => screenScope(ctx, params.id) }),
    route({
      method: 'POST',
      url: `${BASE}/requests/:id/transitions`,
      summary: 'Move the request through the workflow (who may take which step is configuration; refused steps name every failing guard)',
      tags,
      permission: read,
      params: id,
      body: inputs.transitionInput,
      handler: ({ ctx, params, body }) => moveRequest(ctx, params.id, body),
    }),
    route({ method: 'GET', url: `${BASE}/requests/:id/steps`, summary: 'Steps out of the current state, and what blocks each', tags, permission: read, params: id, handler: async ({ ctx, params }) => ({ steps: await stepsFor(ctx, params.id) }) }),
    route({ method: 'POST', url: `${BASE}/requests/:id/plans`, summary: 'Attach an operational plan (restricted, usually in the operation’s compartment)', tags, permission: 'hrddp:request', params: id, body: inputs.planInput, status: 201, handler: ({ ctx, params, body }) => addPlan(ctx, params.id, body) }),
    route({ method: 'GET', url: `${BASE}/requests/:id/plans`, summary: 'Operational plans you may read', tags, permission: read, params: id, handler: async ({ ctx, params }) => ({ plans: await plansOf(ctx, params.id) }) }),

    // Evidence and assessments
    route({
      method: 'GET',
      url: `${BASE}/requests/:id/dossier`,
      summary: 'The evidence dossier as of the support dates (units, chain, commanders, allegations, listings, history of the persons)',
      tags,
      permission: 'hrddp:assess',
      params: id,
      query: z.object({ at: day.optional() }),
      handler: ({ ctx, params, query }) => dossierOf(ctx, params.id, query.at),
    }),
    route({ method: 'POST', url: `${BASE}/requests/:id/assessments`, summary: 'Open a new risk assessment (a new version)', tags, permission: 'hrddp:assess', params: id, body: inputs.assessmentInput, status: 201, handler: ({ ctx, params, body }) => openAssessment(ctx, params.id, body) }),
    route({ method: 'GET', url: `${BASE}/requests/:id/assessments`, summary: 'Every assessment version of the request', tags, permission: read, params: id, handler: async ({ ctx, params }) => ({ assessments: await assessmentsOf(ctx, params.id) }) }),
    route({
      method: 'GET',
      url: `${BASE}/requests/:id/assessments/compare`,
      summary: 'Compare two assessment versions',
      tags,
      permission: read,
      params: id,
      query: z.object({ a: z.coerce.number().int().min(1), b: z.coerce.number().int().min(1) }),
      handler: ({ ctx, params, query }) => compareVersions(ctx, params.id, query.a, query.b),
    }),
    route({ method: 'PATCH', url: `${BASE}/assessments/:id`, summary: 'Enter the assessor’s criteria, override the level with a justification, complete', tags, permission: 'hrddp:assess', params: id, body: inputs.assessmentUpdate, handler: ({ ctx, params, body }) => updateAssessment(ctx, params.id, body) }),

    // Measures
    route({ method: 'POST', url: `${BASE}/requests/:id/measures`, summary: 'Add a mitigatory measure from the catalogue', tags, permission: 'hrddp:assess', params: id, body: inputs.measureInput, status: 201, handler: ({ ctx, params, body }) => addMeasure(ctx, params.id, body) }),
    route({ method: 'GET', url: `${BASE}/requests/:id/measures`, summary: 'Mitigatory measures of the request', tags, permission: read, params: id, handler: async ({ ctx, params }) => ({ measures: await measuresOf(ctx, params.id) }) }),
    route({ method: 'PATCH', url: `${BASE}/measures/:id`, summary: 'Status, evidence of implementation, owner or due date of a measure', tags, permission: 'hrddp:assess', params: id, body: inputs.measureUpdate.extend({ expected_version: z.number().int().positive().optional() }), handler: ({ ctx, params, body }) => { const { expected_version, ...rest } = body; return updateMeasure(ctx, params.id, rest, { expectedVersion: expected_version }); } }),
    route({ method: 'GET', url: `${BASE}/measures/overdue`, summary: 'Measures not implemented by their due date', tags, permission: read, query: z.object({ as_of: day.optional() }), handler: async ({ ctx, query }) => ({ measures: await overdueMeasuresAsOf(ctx, query.as_of) }) }),

    // Waivers and decisions
    route({ method: 'POST', url: `${BASE}/requests/:id/waivers`, summary: 'Decide a waiver (explicit, with a reason, by the configured body)', tags, permission: 'hrddp:decide', params: id, body: inputs.waiverInput, status: 201, handler: ({ ctx, params, body }) => decideWaiver(ctx, params.id, body) }),
    route({ method: 'GET', url: `${BASE}/requests/:id/waivers`, summary: 'Waivers of the request', tags, permission: read, params: id, handler: async ({ ctx, params }) => ({ waivers: await waiversOf(ctx, params.id) }) }),
    route({ method: 'GET', url: `${BASE}/requests/:id/decisions`, summary: 'Decisions on the request', tags, permission: read, params: id, handler: async ({ ctx, params }) => ({ decisions: await decisionsOf(ctx, params.id) }) }),

    // Letters
    route({ method: 'POST', url: `${BASE}/requests/:id/letters`, summary: 'Generate a letter to the authorities from the configured template', tags, permission: 'hrddp:assess', params: id, body: inputs.letterInput, status: 201, handler: ({ ctx, params, body }) => generateLetter(ctx, params.id, body) }),
    route({ method: 'GET', url: `${BASE}/requests/:id/letters`, summary: 'Letters of the request', tags, permission: read, params: id, handler: async ({ ctx, params }) => ({ letters: await lettersOf(ctx, params.id) }) }),
    route({ method: 'GET', url: `${BASE}/requests/:id/notices`, summary: 'Staged notices sent and the next step due', tags, permission: read, params: id, query: z.object({ as_of: day.optional() }), handler: ({ ctx, params, query }) => noticesOf(ctx, params.id, query.as_of) }),
    route({ method: 'PATCH', url: `${BASE}/letters/:id`, summary: 'Record the sent and acknowledged dates of a letter', tags, permission: 'hrddp:assess', params: id, body: inputs.letterDates, handler: async ({ ctx, params, body }) => (await recordLetterDates(ctx, params.id, body)).record }),
    route({
      method: 'GET',
      url: `${BASE}/letters/:id/document`,
      summary: 'The letter as PDF, DOCX or text',
      tags,
      permission: read,
      params: id,
      query: z.object({ format: z.enum(['pdf', 'docx', 'txt']).default('pdf') }),
      produces: 'application/octet-stream',
      handler: async ({ ctx, params, query, reply }) => {
        const doc = await letterDocument(ctx, params.id, query.format);
        reply.header('content-disposition', `attachment; filename="${doc.filename}"`);
        reply.type(doc.contentType);
        return reply.send(doc.body);
      },
    }),

    // Monitoring
    route({
      method: 'GET',
      url: `${BASE}/reviews`,
      summary:
        'Reviews raised by monitoring. The events feed: with since=<cursor>, only those raised or changed since; with wait=<seconds> too, the answer is held until one arrives (long poll); poll again with the returned cursor',
      tags,
      permission: read,
      query: z.object({
        since: z.string().datetime({ offset: true }).optional(),
        wait: z.coerce.number().int().min(0).max(60).optional(),
        status: z.enum(['open', 'triaged', 'resolved']).optional(),
        request_id: z.string().uuid().optional(),
        limit: z.coerce.number().int().min(1).max(1000).optional(),
      }),
      handler: async ({ ctx, query, request }) => {
        const { wait, ...filter } = query;
        const until = Date.now() + (wait ?? 0) * 1000;
        let closed = false;
        request.raw.once('close', () => (closed = true));
        for (;;) {
          const r = await listReviews(ctx, filter);
          if (r.reviews.length || !filter.since || Date.now() >= until || closed) return r;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      },
    }),
    route({
      method: 'GET',
      url: `${BASE}/reviews/:id`,
      summary: 'One review',
      tags,
      permission: read,
      params: id,
      handler: async ({ ctx, params }) => {
        const r = await getRecord(ctx, T.review, params.id);
        if (!r) throw new NotFoundError(`review ${params.id}`);
        return r;
      },
    }),
    route({ method: 'POST', url: `${BASE}/reviews/:id/triage`, summary: 'Triage a review', tags, permission: 'hrddp:monitor', params: id, body: inputs.triageInput, handler: ({ ctx, params, body }) => triageReview(ctx, params.id, body) }),
    route({ method: 'POST', url: `${BASE}/reviews/:id/resolve`, summary: 'Resolve a review (no change, new conditions, intervention, suspension, withdrawal)', tags, permission: read, params: id, body: inputs.resolveInput, handler: ({ ctx, params, body }) => resolveReview(ctx, params.id, body) }),
    route({ method: 'POST', url: `${BASE}/sweep`, summary: 'Raise reviews for overdue mitigatory measures', tags, permission: 'hrddp:monitor', body: z.object({ day: day.optional() }), handler: ({ ctx, body }) => sweep(ctx, body?.day) }),
    route({ method: 'POST', url: `${BASE}/suspensions`, summary: 'Suspend support: one request, one operation (narrow) or a unit (broad)', tags, permission: 'hrddp:decide', body: inputs.suspensionInput, status: 201, handler: ({ ctx, body }) => suspend(ctx, body) }),
    route({ method: 'GET', url: `${BASE}/suspensions`, summary: 'Suspensions', tags, permission: read, handler: async ({ ctx }) => ({ suspensions: await listSuspensions(ctx) }) }),
    route({ method: 'POST', url: `${BASE}/suspensions/:id/lift`, summary: 'Resume support, with the conditions of resumption', tags, permission: 'hrddp:decide', params: id, body: inputs.liftInput, handler: ({ ctx, params, body }) => liftSuspension(ctx, params.id, body) }),
    route({ method: 'GET', url: `${BASE}/requests/:id/suspension`, summary: 'Whether support under the request is suspended on a day', tags, permission: read, params: id, query: z.object({ day: day.optional() }), handler: ({ ctx, params, query }) => suspensionStatus(ctx, params.id, query.day) }),

    // Lists of high-risk persons
    route({ method: 'POST', url: `${BASE}/listings`, summary: 'Put a registry person on one of the mission’s lists', tags, permission: 'hrddp:assess', body: inputs.listingInput, status: 201, handler: ({ ctx, body }) => addListing(ctx, body) }),
    route({ method: 'GET', url: `${BASE}/listings`, summary: 'Listings', tags, permission: read, query: z.object({ person_id: z.string().uuid().optional() }), handler: async ({ ctx, query }) => ({ listings: await listListings(ctx, query.person_id) }) }),
    route({ method: 'POST', url: `${BASE}/listings/:id/end`, summary: 'Take a person off a list from a day', tags, permission: 'hrddp:assess', params: id, body: z.object({ until: day, reason: z.string().trim().min(1).max(4000) }), handler: ({ ctx, params, body }) => endListing(ctx, params.id, body.until, body.reason) }),

    // Follow-up committees
    route({ method: 'POST', url: `${BASE}/committees`, summary: 'Create a follow-up committee', tags, permission: 'hrddp:monitor', body: inputs.committeeInput, status: 201, handler: ({ ctx, body }) => createCommittee(ctx, body) }),
    route({ method: 'GET', url: `${BASE}/committees`, summary: 'Follow-up committees', tags, permission: read, handler: async ({ ctx }) => ({ committees: await listCommittees(ctx) }) }),
    route({ method: 'GET', url: `${BASE}/committees/:id`, summary: 'A committee with its sessions and actions', tags, permission: read, params: id, handler: ({ ctx, params }) => committeeView(ctx, params.id) }),
    route({ method: 'POST', url: `${BASE}/committees/:id/sessions`, summary: 'Record a session: members, allegations presented, answers', tags, permission: 'hrddp:monitor', params: id, body: inputs.sessionInput, status: 201, handler: ({ ctx, params, body }) => addSession(ctx, params.id, body) }),
    route({ method: 'POST', url: `${BASE}/sessions/:id/actions`, summary: 'Recommend a disciplinary or judicial action', tags, permission: 'hrddp:monitor', params: id, body: inputs.actionInput, status: 201, handler: ({ ctx, params, body }) => recommendAction(ctx, params.id, body) }),
    route({ method: 'POST', url: `${BASE}/actions/:id/follow-up`, summary: 'Follow up a recommended action to completion', tags, permission: 'hrddp:monitor', params: id, body: inputs.actionUpdate, handler: ({ ctx, params, body }) => followUpAction(ctx, params.id, body) }),

    // Compliance
    route({ method: 'GET', url: `${BASE}/compliance`, summary: 'Compliance figures per mission, component and period', tags, permission: read, query: inputs.complianceQuery, handler: ({ ctx, query }) => complianceReport(ctx, query) }),
  ];
}
