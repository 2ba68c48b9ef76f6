/**
 * Record types of human rights due diligence (tables in migrations/0300_hrddp.sql) and its settings:
 * the whole HRDDP policy (`hrddp.config`: support kinds, criteria, weights, levels, workflow, decision
 * bodies, notices, triggers, resolutions, mitigation catalogue, letter templates), what monitoring
 * watches (`hrddp.monitoring`), the mission, its components and its letterhead (`hrddp.mission`).
 */
import { z } from 'zod';
import { defineSetting } from '../platform/settings/settings.ts';
import { defineRecordType } from '../platform/store.ts';
import { DEFAULT_HRDDP_CONFIG, type HrddpConfig, hrddpConfigSchema } from './config.ts';

export const T = {
  request: 'hrddp-request',
  plan: 'hrddp-operation-plan',
  assessment: 'hrddp-assessment',
  measure: 'hrddp-measure',
  decision: 'hrddp-decision',
  waiver: 'hrddp-waiver',
  letter: 'hrddp-letter',
  review: 'hrddp-review',
  suspension: 'hrddp-suspension',
  listing: 'hrddp-listing',
  committee: 'hrddp-committee',
  session: 'hrddp-committee-session',
  action: 'hrddp-committee-action',
} as const;

/**
 * Write permissions. Requests are filed with hrddp:request (planners); what moves them afterwards is
 * decided by the workflow configuration (who may take which transition), checked in the service.
 */
defineRecordType({
  name: T.request,
  table: 'hrddp_requests',
  domain: 'hrddp',
  writePermission: 'hrddp:request',
  json: ['support_items', 'recipients', 'participants', 'scope'],
  fieldSensitivity: { details: 'restricted' },
});
defineRecordType({ name: T.plan, table: 'hrddp_operation_plans', domain: 'hrddp', writePermission: 'hrddp:request', defaultSensitivity: 'restricted' });
defineRecordType({ name: T.assessment, table: 'hrddp_assessments', domain: 'hrddp', writePermission: 'hrddp:assess', json: ['dossier', 'inputs', 'result', 'override'], defaultSensitivity: 'restricted' });
defineRecordType({ name: T.measure, table: 'hrddp_measures', domain: 'hrddp', writePermission: 'hrddp:assess', json: ['evidence'] });
defineRecordType({ name: T.decision, table: 'hrddp_decisions', domain: 'hrddp', writePermission: 'hrddp:decide' });
defineRecordType({ name: T.waiver, table: 'hrddp_waivers', domain: 'hrddp', writePermission: 'hrddp:decide' });
defineRecordType({ name: T.letter, table: 'hrddp_letters', domain: 'hrddp', writePermission: 'hrddp:assess', json: ['data'] });
defineRecordType({ name: T.review, table: 'hrddp_reviews', domain: 'hrddp', writePermission: 'hrddp:monitor', json: ['description'], defaultSensitivity: 'restricted' });
defineRecordType({ name: T.suspension, table: 'hrddp_suspensions', domain: 'hrddp', writePermission: 'hrddp:decide', json: ['resumption_conditions'] });
defineRecordType({ name: T.listing, table: 'hrddp_listings', domain: 'hrddp', writePermission: 'hrddp:assess', defaultSensitivity: 'restricted' });
defineRecordType({ name: T.committee, table: 'hrddp_committees', domain: 'hrddp', writePermission: 'hrddp:monitor', json: ['members'] });
defineRecordType({ name: T.session, table: 'hrddp_committee_sessions', domain: 'hrddp', writePermission: 'hrddp:monitor', json: ['members_present', 'cases'], defaultSensitivity: 'restricted' });
defineRecordType({ name: T.action, table: 'hrddp_committee_actions', domain: 'hrddp', writePermission: 'hrddp:monitor', json: ['follow_up'], defaultSensitivity: 'restricted' });

export const configSetting = defineSetting<HrddpConfig>({
  key: 'hrddp.config',
  label: { en: 'Human rights due diligence policy', fr: 'Politique de diligence voulue en matière de droits de l’homme' },
  description: {
    en: 'Support kinds and scope, risk criteria, weights and levels, mitigation catalogue, decision bodies, workflow, staged notices, review triggers and resolutions, letter templates.',
    fr: 'Types d’appui et champ, critères de risque, pondérations et niveaux, catalogue des mesures d’atténuation, instances de décision, circuit, notifications échelonnées, déclencheurs et issues des réexamens, modèles de lettres.',
  },
  schema: hrddpConfigSchema as unknown as z.ZodType<HrddpConfig>,
  defaultValue: DEFAULT_HRDDP_CONFIG,
});

const monitoringSchema = z.object({
  /** States in which a request is watched: support planned (before the decision) or flowing. */
  monitoredStates: z.array(z.string().min(1)).min(1),
  /** Review priorities offered at triage. */
  priorities: z.array(z.object({ id: z.string().min(1), label: z.object({ en: z.string().min(1), fr: z.string().min(1) }) })).min(1),
  /** Statuses of mitigatory measures; `implemented` ones stop being overdue. */
  measureStatuses: z.array(z.object({ id: z.string().min(1), label: z.object({ en: z.string().min(1), fr: z.string().min(1) }), implemented: z.boolean() })).min(1),
  /** Reviews newer than this many days are shown as urgent notifications. */
  urgentDays: z.number().int().min(0),
  /** The workflow state a suspension puts a request in, and the one resumption returns it to. */
  suspendedState: z.string().min(1),
  resumedState: z.string().min(1),
  /** Screening lists whose entries linked to a registry person count as a listing (list code → config.risk.personLists id). */
  screeningLists: z.record(z.string().min(1), z.string().min(1)),
  /** Screening decisions read as the HRDDP screening statuses (config.risk.screeningStatuses); no decision yet: `undecided`. */
  screeningDecisions: z.record(z.string().min(1), z.string().min(1)),
  undecidedScreeningStatus: z.string().min(1),
  /** Screening lists not scored as hits (the registry's own implicit list names every registry person). */
  ignoredScreeningLists: z.array(z.string().min(1)),
});
export type MonitoringSettings = z.infer<typeof monitoringSchema>;

export const monitoringSetting = defineSetting<MonitoringSettings>({
  key: 'hrddp.monitoring',
  label: { en: 'Due diligence monitoring', fr: 'Suivi de la diligence voulue' },
  schema: monitoringSchema,
  defaultValue: {
    monitoredStates: ['submitted', 'assessment', 'mitigation', 'awaiting-decision', 'approved', 'approved-with-conditions', 'active', 'under-review', 'suspended'],
    priorities: [
      { id: 'urgent', label: { en: 'Urgent', fr: 'Urgent' } },
      { id: 'high', label: { en: 'High', fr: 'Élevée' } },
      { id: 'normal', label: { en: 'Normal', fr: 'Normale' } },
    ],
    measureStatuses: [
      { id: 'planned', label: { en: 'Planned', fr: 'Prévue' }, implemented: false },
      { id: 'in-progress', label: { en: 'In progress', fr: 'En cours' }, implemented: false },
      { id: 'implemented', label: { en: 'Implemented', fr: 'Mise en œuvre' }, implemented: true },
      { id: 'abandoned', label: { en: 'Abandoned', fr: 'Abandonnée' }, implemented: false },
    ],
    urgentDays: 7,
    suspendedState: 'suspended',
    resumedState: 'active',
    screeningLists: { mission: 'watch-list' },
    screeningDecisions: { 'true-match': 'confirmed', 'false-positive': 'dismissed', 'needs-review': 'unreviewed' },
    undecidedScreeningStatus: 'unreviewed',
    ignoredScreeningLists: ['registry'],
  },
});

const missionSchema = z.object({
  mission: z.string().min(1),
  /** Requesting components of the mission (military, police, civilian sections, mission support, UN agencies). */
  components: z.array(z.object({ id: z.string().min(1), label: z.object({ en: z.string().min(1), fr: z.string().min(1) }) })).min(1),
  place: z.string().min(1),
  sender: z.object({ name: z.string().min(1), title: z.object({ en: z.string().min(1), fr: z.string().min(1) }) }),
  referencePrefix: z.string().min(1),
});
export type MissionSettings = z.infer<typeof missionSchema>;

export const missionSetting = defineSetting<MissionSettings>({
  key: 'hrddp.mission',
  label: { en: 'Mission, components and letterhead', fr: 'Mission, composantes et en-tête des lettres' },
  schema: missionSchema,
  defaultValue: {
    mission: 'Mission',
    components: [
      { id: 'military', label: { en: 'Military component', fr: 'Composante militaire' } },
      { id: 'police', label: { en: 'Police component', fr: 'Composante police' } },
      { id: 'civilian', label: { en: 'Civilian section', fr: 'Section civile' } },
      { id: 'mission-support', label: { en: 'Mission support', fr: 'Appui à la mission' } },
      { id: 'un-agency', label: { en: 'UN agency, fund or programme', fr: 'Agence, fonds ou programme des Nations Unies' } },
    ],
    place: 'Headquarters',
    sender: { name: 'Head of Mission', title: { en: 'Special Representative of the Secretary-General', fr: 'Représentant spécial du Secrétaire général' } },
    referencePrefix: 'HRDDP',
  },
});
