/**
 * The protection of civilians: the service other domains and the API call (never the tables).
 *
 * Alerts (alerts-service.ts): createAlert, updateAlert, setCaller, transition (the configured workflow,
 *   enforced here: received → triaged with a priority → verification → response → closed), respond (what
 *   the mission did, or nothing and why), mergeDuplicate, alertToIncident (incident-link.ts, through the incidents service), getAlert,
 *   listAlerts, searchAlerts, exportAlertsCsv, alertFigures (response rate and time to first response by
 *   area, period or threat type, with the alerts that got none), alertNotifications. Who called is a
 *   record of its own, behind the permission protection:callers and its own sensitivity.
 * Threats (threats-service.ts): createThreat, updateThreat, addActivity, updateActivity, getThreat,
 *   threatRegister (scored, tagged with POC tiers and phases), searchThreats.
 * Justice (justice-service.ts): createCase, updateCase, setStage, addSupport, addDefendant,
 *   updateDefendant (affiliation and rank at the time of the crime read from registry postings),
 *   getCase, listCases, justiceFiguresOf (by affiliation and rank band), searchCases.
 * Capacity building and projects (projects-service.ts, incident-link.ts): createProject,
 *   updateProject, getProject, listProjects, searchProjects, projectOutcome (before/after windows).
 * retractProtection(ctx, type, id, reason) retracts any of these records (kept, with its reason).
 */
import { ValidationError } from '../platform/errors.ts';
import { type Ctx, retractRecord } from '../platform/store.ts';
import { T } from './schema.ts';
import './messages.ts';

export * from './alerts-service.ts';
export * from './threats-service.ts';
export * from './justice-service.ts';
export * from './projects-service.ts';
export * from './incident-link.ts';
export { operations, protectionConfig } from './common.ts';

export const SHORT_TYPES: Record<string, string> = {
  alert: T.alert,
  alerts: T.alert,
  caller: T.caller,
  threat: T.threat,
  threats: T.threat,
  activity: T.activity,
  activities: T.activity,
  case: T.justiceCase,
  cases: T.justiceCase,
  defendant: T.defendant,
  defendants: T.defendant,
  project: T.project,
  projects: T.project,
};

export function protectionType(name: string): string {
  const full = SHORT_TYPES[name] ?? (Object.values(T).includes(name as any) ? name : null);
  if (!full) throw new ValidationError([{ field: 'type', reason: `unknown protection record type ${JSON.stringify(name)} (${Object.keys(SHORT_TYPES).filter((k) => !k.endsWith('s')).join(', ')})` }]);
  return full;
}

/** Retracts a protection record (nothing is deleted; the reason stays in its history). */
export async function retractProtection(ctx: Ctx, type: string, id: string, reason: string): Promise<Record<string, unknown>> {
  return retractRecord(ctx, protectionType(type), id, reason);
}
