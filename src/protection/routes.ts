/** HTTP API of the protection domain under /api/v1/protection: alerts, threats, justice support, projects. */
import { z } from 'zod';
import { route, type RouteSpec } from '../platform/http/route.ts';
import * as inputs from './inputs.ts';
import { CALLER_PERMISSION, JUSTICE_PERMISSION } from './schema.ts';
import * as svc from './service.ts';
import { protectionSearch } from './search.ts';

const BASE = '/api/v1/protection';
const tags = ['protection'];
const id = z.object({ id: z.string().uuid() });
const writeMeta = { expected_version: z.number().int().positive().optional(), reason: z.string().max(2000).optional() };
const READ = 'protection:read';
const WRITE = 'protection:write';
const list = (v: string | string[] | undefined) => (v === undefined ? undefined : Array.isArray(v) ? v : v.split(',').map((s) => s.trim()).filter(Boolean));

export function protectionRoutes(): RouteSpec[] {
  return [
    // Alerts ---------------------------------------------------------------------------------
    route({
      method: 'GET',
      url: `${BASE}/alerts`,
      summary: 'Alerts, newest first (duplicates merged into another alert only with include_merged=true); callers only for those who may know them',
      tags,
      permission: READ,
      query: inputs.alertFilter,
      handler: async ({ ctx, query }) => ({ items: await svc.listAlerts(ctx, query) }),
    }),
    route({
      method: 'POST',
      url: `${BASE}/alerts`,
      summary: 'Receive an alert (time with its offset, channel, threat type, place, threatened population, suspected actor; the caller kept apart)',
      tags,
      permission: WRITE,
      status: 201,
      body: inputs.alertInput,
      handler: async ({ ctx, body }) => svc.createAlert(ctx, body),
    }),
    route({
      method: 'GET',
      url: `${BASE}/alerts/figures`,
      summary: 'Response rate and time to first response by area, period or threat type, with the alerts that got none',
      tags,
      permission: READ,
      query: inputs.figuresQuery,
      handler: async ({ ctx, query }) => svc.alertFigures(ctx, query),
    }),
    route({
      method: 'GET',
      url: `${BASE}/alerts/export`,
      summary: 'Alerts as CSV with HXL hashtags (callers’ columns only for those who may know them)',
      tags,
      permission: READ,
      query: inputs.alertFilter,
      produces: 'text/csv',
      handler: async ({ ctx, query, reply }) => {
        reply.header('content-disposition', 'attachment; filename="protection-alerts.csv"');
        return reply.type('text/csv; charset=utf-8').send(await svc.exportAlertsCsv(ctx, query));
      },
    }),
    route({
      method: 'GET',
      url: `${BASE}/alerts/:id`,
      summary: 'One alert with its timed and attributed steps',
      tags,
      permission: READ,
      params: id,
      handler: async ({ ctx, params }) => svc.getAlert(ctx, params.id),
    }),
    route({
      method: 'PATCH',
      url: `${BASE}/alerts/:id`,
      summary: 'Change what is known of an alert (the workflow has its own calls)',
      tags,
      permission: WRITE,
      params: id,
      body: inputs.alertPatch.extend(writeMeta),
      handler: async ({ ctx, params, body }) => {
        const { expected_version, reason, ...patch } = body as Record<string, any>;
        return svc.updateAlert(ctx, params.id, patch, { expectedVersion: expected_version, reason });
      },
    }),
    route({
      method: 'POST',
      url: `${BASE}/alerts/:id/transition`,
      summary: 'Move an alert along the workflow (triage with a priority, verification with its result, response, closure)',
      tags,
      permission: WRITE,
      params: id,
      body: inputs.transitionInput,
      handler: async ({ ctx, params, body }) => svc.transition(ctx, params.id, body),
    }),
    route({
      method: 'POST',
      url: `${BASE}/alerts/:id/responses`,
      summary: 'Record what the mission did (patrol, deployment, engagement, referral) or that it did nothing, and why',
      tags,
      permission: WRITE,
      params: id,
      body: inputs.responseInput,
      handler: async ({ ctx, params, body }) => svc.respond(ctx, params.id, body),
    }),
    route({
      method: 'POST',
      url: `${BASE}/alerts/:id/merge`,
      summary: 'Merge a duplicate alert into this one (both histories kept)',
      tags,
      permission: WRITE,
      params: id,
      body: inputs.mergeInput,
      handler: async ({ ctx, params, body }) => svc.mergeDuplicate(ctx, params.id, body),
    }),
    route({
      method: 'POST',
      url: `${BASE}/alerts/:id/incident`,
      summary: 'Make an alert an incident (fields of the incidents API; what is left out comes from the alert, never who called), or link it to a recorded incident ({incident_id})',
      tags,
      permission: WRITE,
      status: 201,
      params: id,
      body: inputs.alertIncidentInput,
      handler: async ({ ctx, params, body }) => svc.alertToIncident(ctx, params.id, body as any),
    }),
    route({
      method: 'PUT',
      url: `${BASE}/alerts/:id/caller`,
      summary: 'Record or correct who called (needs protection:callers)',
      tags,
      permission: CALLER_PERMISSION,
      params: id,
      body: inputs.callerInput,
      handler: async ({ ctx, params, body }) => svc.setCaller(ctx, params.id, body),
    }),

    // Threats ---------------------------------------------------------------------------------
    route({
      method: 'GET',
      url: `${BASE}/threats`,
      summary: 'The threat register, highest score first, with POC tiers, phases and the activities against each threat',
      tags,
      permission: READ,
      query: inputs.threatFilter,
      handler: async ({ ctx, query }) => svc.threatRegister(ctx, query),
    }),
    route({
      method: 'POST',
      url: `${BASE}/threats`,
      summary: 'Add a threat (actor, threatened population, area, likelihood, impact, tiers, phase)',
      tags,
      permission: WRITE,
      status: 201,
      body: inputs.threatInput,
      handler: async ({ ctx, body }) => svc.createThreat(ctx, body),
    }),
    route({
      method: 'GET',
      url: `${BASE}/threats/:id`,
      summary: 'One threat with its score and activities',
      tags,
      permission: READ,
      params: id,
      handler: async ({ ctx, params }) => svc.getThreat(ctx, params.id),
    }),
    route({
      method: 'PATCH',
      url: `${BASE}/threats/:id`,
      summary: 'Change a threat (a revision)',
      tags,
      permission: WRITE,
      params: id,
      body: inputs.threatPatch.extend(writeMeta),
      handler: async ({ ctx, params, body }) => {
        const { expected_version, reason, ...patch } = body as Record<string, any>;
        return svc.updateThreat(ctx, params.id, patch, { expectedVersion: expected_version, reason });
      },
    }),
    route({
      method: 'POST',
      url: `${BASE}/threats/:id/activities`,
      summary: 'Add a mission activity against a threat (tagged with tiers and a phase)',
      tags,
      permission: WRITE,
      status: 201,
      params: id,
      body: inputs.activityInput,
      handler: async ({ ctx, params, body }) => svc.addActivity(ctx, params.id, body),
    }),
    route({
      method: 'PATCH',
      url: `${BASE}/activities/:id`,
      summary: 'Change a mission activity',
      tags,
      permission: WRITE,
      params: id,
      body: inputs.activityPatch.extend(writeMeta),
      handler: async ({ ctx, params, body }) => {
        const { expected_version, reason, ...patch } = body as Record<string, any>;
        return svc.updateActivity(ctx, params.id, patch, { expectedVersion: expected_version, reason });
      },
    }),

    // Justice ---------------------------------------------------------------------------------
    route({
      method: 'GET',
      url: `${BASE}/justice/cases`,
      summary: 'Cases the mission supports, with their defendants',
      tags,
      permission: READ,
      query: inputs.justiceFiguresQuery,
      handler: async ({ ctx, query }) => ({ items: await svc.listCases(ctx, { court_type: list(query.court_type) }) }),
    }),
    route({
      method: 'POST',
      url: `${BASE}/justice/cases`,
      summary: 'Open a supported case (court, stage, support, defendants linked to registry persons)',
      tags,
      permission: JUSTICE_PERMISSION,
      status: 201,
      body: inputs.caseInput,
      handler: async ({ ctx, body }) => svc.createCase(ctx, body),
    }),
    route({
      method: 'GET',
      url: `${BASE}/justice/figures`,
      summary: 'Defendants, convictions, acquittals and pending by affiliation and by rank band at the time of the crime',
      tags,
      permission: READ,
      query: inputs.justiceFiguresQuery,
      handler: async ({ ctx, query }) => svc.justiceFiguresOf(ctx, { court_type: list(query.court_type) }),
    }),
    route({
      method: 'GET',
      url: `${BASE}/justice/cases/:id`,
      summary: 'One case with its stages, support and defendants',
      tags,
      permission: READ,
      params: id,
      handler: async ({ ctx, params }) => svc.getCase(ctx, params.id),
    }),
    route({
      method: 'PATCH',
      url: `${BASE}/justice/cases/:id`,
      summary: 'Change a case (a revision)',
      tags,
      permission: JUSTICE_PERMISSION,
      params: id,
      body: inputs.casePatch.extend(writeMeta),
      handler: async ({ ctx, params, body }) => {
        const { expected_version, reason, ...patch } = body as Record<string, any>;
        return svc.updateCase(ctx, params.id, patch, { expectedVersion: expected_version, reason });
      },
    }),
    route({
      method: 'POST',
      url: `${BASE}/justice/cases/:id/stage`,
      summary: 'Move a case to a stage (dated and attributed)',
      tags,
      permission: JUSTICE_PERMISSION,
      params: id,
      body: inputs.stageInput,
      handler: async ({ ctx, params, body }) => svc.setStage(ctx, params.id, body),
    }),
    route({
      method: 'POST',
      url: `${BASE}/justice/cases/:id/support`,
      summary: 'Record support the mission gave to a case',
      tags,
      permission: JUSTICE_PERMISSION,
      params: id,
      body: inputs.supportInput,
      handler: async ({ ctx, params, body }) => svc.addSupport(ctx, params.id, body),
    }),
    route({
      method: 'POST',
      url: `${BASE}/justice/cases/:id/defendants`,
      summary: 'Add a defendant (affiliation and rank at the time of the crime read from the registry unless recorded)',
      tags,
      permission: JUSTICE_PERMISSION,
      status: 201,
      params: id,
      body: inputs.defendantInput,
      handler: async ({ ctx, params, body }) => svc.addDefendant(ctx, params.id, body),
    }),
    route({
      method: 'PATCH',
      url: `${BASE}/justice/defendants/:id`,
      summary: 'Change a defendant (outcome, charges, sentence…)',
      tags,
      permission: JUSTICE_PERMISSION,
      params: id,
      body: inputs.defendantPatch.extend(writeMeta),
      handler: async ({ ctx, params, body }) => {
        const { expected_version, reason, ...patch } = body as Record<string, any>;
        return svc.updateDefendant(ctx, params.id, patch, { expectedVersion: expected_version, reason });
      },
    }),

    // Capacity building and projects -------------------------------------------------------
    route({
      method: 'GET',
      url: `${BASE}/projects`,
      summary: 'Capacity building and projects',
      tags,
      permission: READ,
      query: z.object({ kind: z.string().max(100).optional(), unit_id: z.string().uuid().optional(), area: z.string().max(40).optional() }),
      handler: async ({ ctx, query }) => ({ items: await svc.listProjects(ctx, query) }),
    }),
    route({
      method: 'POST',
      url: `${BASE}/projects`,
      summary: 'Record a training, mentoring, equipment or quick-impact project (recipients, dates, place, cost)',
      tags,
      permission: WRITE,
      status: 201,
      body: inputs.projectInput,
      handler: async ({ ctx, body }) => svc.createProject(ctx, body),
    }),
    route({
      method: 'GET',
      url: `${BASE}/projects/:id`,
      summary: 'One project',
      tags,
      permission: READ,
      params: id,
      handler: async ({ ctx, params }) => svc.getProject(ctx, params.id),
    }),
    route({
      method: 'GET',
      url: `${BASE}/projects/:id/outcome`,
      summary: 'Outcome view: incidents attributed to the recipient units and in the project area, in equal windows before and after',
      tags,
      permission: READ,
      params: id,
      query: inputs.outcomeQuery,
      handler: async ({ ctx, params, query }) => svc.projectOutcome(ctx, params.id, query),
    }),
    route({
      method: 'PATCH',
      url: `${BASE}/projects/:id`,
      summary: 'Change a project (a revision)',
      tags,
      permission: WRITE,
      params: id,
      body: inputs.projectPatch.extend(writeMeta),
      handler: async ({ ctx, params, body }) => {
        const { expected_version, reason, ...patch } = body as Record<string, any>;
        return svc.updateProject(ctx, params.id, patch, { expectedVersion: expected_version, reason });
      },
    }),

    // Across the domain ------------------------------------------------------------------------
    route({
      method: 'GET',
      url: `${BASE}/search`,
      summary: 'Search alerts, threats, cases and projects (never over who called)',
      tags,
      permission: READ,
      query: z.object({ q: z.string().trim().min(1).max(200), limit: z.coerce.number().int().min(1).max(100).default(20) }),
      handler: async ({ ctx, query }) => ({ q: query.q, hits: await protectionSearch(ctx, query.q, query.limit) }),
    }),
    route({
      method: 'POST',
      url: `${BASE}/:type/:id/retract`,
      summary: 'Retract a protection record (alert, threat, activity, case, defendant, project; kept with the reason)',
      tags,
      permission: READ,
      params: z.object({ type: z.enum(['alerts', 'threats', 'activities', 'cases', 'defendants', 'projects', 'callers']), id: z.string().uuid() }),
      body: inputs.retractInput,
      handler: async ({ ctx, params, body }) => svc.retractProtection(ctx, params.type === 'callers' ? 'caller' : params.type, params.id, body.reason),
    }),
  ];
}
