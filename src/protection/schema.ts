/**
 * Record types of the protection domain (tables in migrations/0600_protection.sql) and its settings:
 * `protection.config` (the policy of config.ts: channels, workflow, response types, priorities, tiers
 * and phases, threat scoring, justice vocabularies, rank bands, capacity-building kinds, window) and
 * `protection.operations` (what links the domain to the others and to its users: affiliations read from
 * registry classifications, kinds of justice support and of activities, threat statuses, verification
 * results, which states need a priority, and when an alert waiting for triage or response is overdue).
 */
import { z } from 'zod';
import { defineSetting } from '../platform/settings/settings.ts';
import { defineRecordType } from '../platform/store.ts';
import { codeSchema, DEFAULT_PROTECTION_CONFIG, labelSchema, PROTECTION_SETTING, type ProtectionConfig, protectionConfigSchema } from './config.ts';

export const T = {
  alert: 'protection-alert',
  caller: 'protection-alert-caller',
  threat: 'protection-threat',
  activity: 'protection-threat-activity',
  justiceCase: 'protection-justice-case',
  defendant: 'protection-defendant',
  project: 'protection-project',
} as const;

/** Reading and writing who called needs this permission (and the clearance of the caller record). */
export const CALLER_PERMISSION = 'protection:callers';
/** Writing justice cases and defendants. */
export const JUSTICE_PERMISSION = 'protection:justice';

defineRecordType({ name: T.alert, table: 'protection_alerts', domain: 'protection', json: ['history', 'responses', 'merged', 'external_ids'] });
defineRecordType({
  name: T.caller,
  table: 'protection_alert_callers',
  domain: 'protection',
  readPermission: CALLER_PERMISSION,
  writePermission: CALLER_PERMISSION,
  defaultSensitivity: 'restricted',
});
defineRecordType({ name: T.threat, table: 'protection_threats', domain: 'protection', json: ['external_ids'] });
defineRecordType({ name: T.activity, table: 'protection_threat_activities', domain: 'protection' });
defineRecordType({ name: T.justiceCase, table: 'protection_justice_cases', domain: 'protection', writePermission: JUSTICE_PERMISSION, json: ['stages', 'support', 'external_ids'] });
defineRecordType({ name: T.defendant, table: 'protection_defendants', domain: 'protection', writePermission: JUSTICE_PERMISSION });
defineRecordType({ name: T.project, table: 'protection_projects', domain: 'protection', json: ['external_ids'] });

export const protectionConfigSetting = defineSetting<ProtectionConfig>({
  key: PROTECTION_SETTING.key,
  label: PROTECTION_SETTING.label,
  description: PROTECTION_SETTING.description,
  schema: protectionConfigSchema as unknown as z.ZodType<ProtectionConfig>,
  defaultValue: DEFAULT_PROTECTION_CONFIG,
});

function vocab<S extends z.ZodRawShape>(extra: S) {
  return z
    .array(z.object({ code: codeSchema, label: labelSchema, ...extra }))
    .min(1)
    .superRefine((entries, ctx) => {
      const seen = new Set<string>();
      (entries as { code: string }[]).forEach((e, i) => {
        if (seen.has(e.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `duplicate code "${e.code}"` });
        seen.add(e.code);
      });
    });
}

export const operationsSchema = z.object({
  /**
   * How a defendant's affiliation is read from the unit of their posting at the time of the crime: the
   * first rule one of whose registry classifications (or organisation kinds) the unit carries wins.
   */
  affiliationRules: z.array(z.object({ affiliation: codeSchema, classifications: z.array(codeSchema).default([]), organisationKinds: z.array(codeSchema).default([]) })),
  /** Kinds of support the mission gives to a case. */
  justiceSupportKinds: vocab({}),
  /** Kinds of mission activity against a threat. */
  activityKinds: vocab({}),
  /** Statuses of a threat in the register; `active` ones are shown by default. */
  threatStatuses: vocab({ active: z.boolean() }),
  /** Results of the verification of an alert. */
  verificationResults: vocab({}),
  /** The incident act types an alert of each threat type becomes when it is made an incident (when the request names none). */
  threatActTypes: z.record(codeSchema, z.array(codeSchema).min(1)),
  /** Alert states that can be entered only once the alert has a priority (triage gives it). */
  priorityRequiredIn: z.array(codeSchema),
  /** An alert still in the initial state this many hours after reception is overdue for triage. */
  triageWithinHours: z.number().positive(),
  /** Time to a response for alerts whose priority sets no target (hours). */
  defaultResponseHours: z.number().positive(),
});
export type Operations = z.infer<typeof operationsSchema>;

const L = (en: string, fr: string) => ({ en, fr });

export const DEFAULT_OPERATIONS: Operations = {
  affiliationRules: [
    { affiliation: 'police', classifications: ['police', 'border-guard'], organisationKinds: [] },
    { affiliation: 'gendarmerie', classifications: ['gendarmerie'], organisationKinds: [] },
    { affiliation: 'intelligence', classifications: ['intelligence'], organisationKinds: [] },
    { affiliation: 'prison-service', classifications: ['prison-service'], organisationKinds: [] },
    { affiliation: 'non-state', classifications: ['armed-group', 'militia'], organisationKinds: ['armed-group'] },
    {
      affiliation: 'army',
      classifications: ['military', 'army', 'air-force', 'navy', 'national-guard', 'presidential-guard', 'special-forces', 'specialist-unit', 'regional-force'],
      organisationKinds: [],
    },
    { affiliation: 'other-state', classifications: ['customs', 'ministry', 'civilian-authority', 'administrative', 'judicial'], organisationKinds: ['ministry', 'civilian-authority', 'court', 'prosecutor'] },
  ],
  justiceSupportKinds: [
    { code: 'prosecution-support-cell', label: L('Prosecution support cell', 'Cellule d’appui aux poursuites') },
    { code: 'mobile-court-logistics', label: L('Mobile court logistics (transport, per diem)', 'Logistique d’audience foraine (transport, indemnités)') },
    { code: 'investigation-support', label: L('Support to investigations', 'Appui aux enquêtes') },
    { code: 'victim-witness-protection', label: L('Victim and witness protection', 'Protection des victimes et des témoins') },
    { code: 'legal-aid', label: L('Legal aid', 'Aide juridique') },
    { code: 'detention-monitoring', label: L('Detention monitoring', 'Suivi de la détention') },
    { code: 'trial-monitoring', label: L('Trial monitoring', 'Observation du procès') },
    { code: 'other', label: L('Other support', 'Autre appui') },
  ],
  activityKinds: [
    { code: 'patrol', label: L('Patrols', 'Patrouilles') },
    { code: 'deployment', label: L('Deployment or standing presence', 'Déploiement ou présence permanente') },
    { code: 'dialogue', label: L('Dialogue and engagement', 'Dialogue et engagement') },
    { code: 'advocacy', label: L('Advocacy with the authorities', 'Plaidoyer auprès des autorités') },
    { code: 'early-warning', label: L('Early-warning network', 'Réseau d’alerte précoce') },
    { code: 'reconciliation', label: L('Local reconciliation', 'Réconciliation locale') },
    { code: 'justice', label: L('Justice and accountability', 'Justice et redevabilité') },
    { code: 'other', label: L('Other', 'Autre') },
  ],
  threatStatuses: [
    { code: 'active', label: L('Active', 'Active'), active: true },
    { code: 'monitoring', label: L('Under watch', 'Sous surveillance'), active: true },
    { code: 'receded', label: L('Receded', 'Retombée'), active: false },
  ],
  verificationResults: [
    { code: 'confirmed', label: L('Confirmed', 'Confirmée') },
    { code: 'partly-confirmed', label: L('Partly confirmed', 'Partiellement confirmée') },
    { code: 'not-confirmed', label: L('Could not be confirmed', 'Non confirmée') },
    { code: 'false', label: L('False alert', 'Fausse alerte') },
  ],
  threatActTypes: {
    'attack-on-civilians': ['physical-assault'],
    killing: ['killing'],
    'sexual-violence': ['sexual-violence'],
    abduction: ['abduction'],
    'arbitrary-arrest': ['arbitrary-arrest'],
    'child-recruitment': ['recruitment-and-use-of-children'],
    'attack-school-hospital': ['attack-on-school-or-hospital'],
    looting: ['looting'],
    'illegal-roadblock': ['extortion-at-roadblocks'],
    'forced-displacement': ['forced-displacement'],
    'destruction-of-property': ['destruction-of-property'],
    'armed-clash': ['physical-assault'],
    'intercommunal-violence': ['physical-assault'],
    'hate-speech': ['threats'],
    'violence-at-protest': ['excessive-use-of-force'],
  },
  priorityRequiredIn: ['triaged'],
  triageWithinHours: 2,
  defaultResponseHours: 72,
};

export const operationsSetting = defineSetting<Operations>({
  key: 'protection.operations',
  label: { en: 'Protection of civilians: links and follow-up', fr: 'Protection des civils : liens et suivi' },
  description: {
    en: 'Affiliations read from registry classifications, kinds of justice support and of activities, threat statuses, verification results, states needing a priority, and when an alert awaiting triage or response is overdue.',
    fr: 'Affiliations déduites des classifications du registre, types d’appui judiciaire et d’activités, statuts des menaces, résultats de vérification, états exigeant une priorité, et délais au-delà desquels une alerte en attente de tri ou de réponse est en retard.',
  },
  schema: operationsSchema as unknown as z.ZodType<Operations>,
  defaultValue: DEFAULT_OPERATIONS,
});
