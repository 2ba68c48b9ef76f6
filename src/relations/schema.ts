/**
 * Record types of the relations domain (tables in migrations/0500_relations.sql) and its settings:
 * `relations.config` (every vocabulary, severity, ladder and the weights and thresholds of the consent
 * index: the schema and defaults of config.ts) and `relations.policy` (grouping, lapse and notice days).
 * Leverage actions and uses of force are restricted by default: their record types' sensitivity.
 */
import { z } from 'zod';
import { defineSetting } from '../platform/settings/settings.ts';
import { defineRecordType } from '../platform/store.ts';
import { DEFAULT_RELATIONS_CONFIG, type RelationsConfig, RELATIONS_SETTING, relationsConfigSchema } from './config.ts';

export const T = {
  restriction: 'relations-restriction',
  engagement: 'relations-engagement',
  commitment: 'relations-commitment',
  stance: 'relations-stance',
  cooperation: 'relations-cooperation',
  leverage: 'relations-leverage',
  force: 'relations-force',
} as const;
export type RelationsRecordType = (typeof T)[keyof typeof T];

/** The kinds of record as the API paths and the CLI name them. */
export const KINDS = ['restrictions', 'engagements', 'commitments', 'stances', 'cooperation', 'leverage', 'force'] as const;
export type Kind = (typeof KINDS)[number];

export const KIND_TYPE: Record<Kind, RelationsRecordType> = {
  restrictions: T.restriction,
  engagements: T.engagement,
  commitments: T.commitment,
  stances: T.stance,
  cooperation: T.cooperation,
  leverage: T.leverage,
  force: T.force,
};

/** Singular and other spellings accepted by the CLI. */
export const KIND_ALIASES: Record<string, Kind> = {
  restriction: 'restrictions',
  obstruction: 'restrictions',
  engagement: 'engagements',
  meeting: 'engagements',
  commitment: 'commitments',
  stance: 'stances',
  cooperations: 'cooperation',
  'use-of-force': 'force',
  forces: 'force',
};

defineRecordType({ name: T.restriction, table: 'relations_restrictions', domain: 'relations', fieldSensitivity: { affected_staff: 'restricted' } });
defineRecordType({ name: T.engagement, table: 'relations_engagements', domain: 'relations', json: ['mission_participants', 'counterpart_participants'] });
defineRecordType({ name: T.commitment, table: 'relations_commitments', domain: 'relations', json: ['status_changes'] });
defineRecordType({ name: T.stance, table: 'relations_stances', domain: 'relations' });
defineRecordType({ name: T.cooperation, table: 'relations_cooperation', domain: 'relations' });
defineRecordType({ name: T.leverage, table: 'relations_leverage', domain: 'relations', defaultSensitivity: 'restricted' });
defineRecordType({ name: T.force, table: 'relations_force', domain: 'relations', defaultSensitivity: 'restricted' });

export const configSetting = defineSetting<RelationsConfig>({
  key: RELATIONS_SETTING.key,
  label: RELATIONS_SETTING.label,
  description: RELATIONS_SETTING.description,
  schema: relationsConfigSchema,
  defaultValue: DEFAULT_RELATIONS_CONFIG,
});

export const relationsPolicySchema = z.object({
  /** Status-of-forces tables by area group areas by the first N characters of their code (null: whole codes). */
  sofaAreaPrefixLength: z.number().int().min(1).max(20).nullable(),
  /** An open commitment this many days past its due date may be marked lapsed (`commitments lapse`). */
  lapseAfterDays: z.number().int().min(0),
  /** Open commitments due within this many days are announced in the notifications. */
  noticeDueWithinDays: z.number().int().min(0),
  /** An overdue commitment becomes urgent in the notifications after this many days. */
  urgentAfterDays: z.number().int().min(0),
  /** A restriction violating the agreement not reported to headquarters after this many days is announced (null: never). */
  reportWithinDays: z.number().int().min(0).nullable(),
  /** Restrictions older than this many days are no longer announced. */
  noticeLookbackDays: z.number().int().min(1),
  /** Default span of the consent index when no start is given: this many months back from the end. */
  consentDefaultMonths: z.number().int().min(1).max(240),
});
export type RelationsPolicy = z.infer<typeof relationsPolicySchema>;

export const DEFAULT_RELATIONS_POLICY: RelationsPolicy = {
  sofaAreaPrefixLength: null,
  lapseAfterDays: 90,
  noticeDueWithinDays: 14,
  urgentAfterDays: 30,
  reportWithinDays: 7,
  noticeLookbackDays: 365,
  consentDefaultMonths: 12,
};

export const policySetting = defineSetting<RelationsPolicy>({
  key: 'relations.policy',
  label: { en: 'Host-state relations: reporting and follow-up', fr: 'Relations avec l’État hôte : rapports et suivi' },
  description: {
    en: 'Grouping of areas in status-of-forces tables, when an overdue commitment may be marked lapsed, which commitments and unreported restrictions are announced in the notifications and when they become urgent, and the default span of the consent index.',
    fr: 'Regroupement des zones dans les tableaux sur l’accord sur le statut des forces, délai après lequel un engagement échu peut être déclaré caduc, engagements et restrictions non signalées annoncés dans les notifications et moment où ils deviennent urgents, et période par défaut de l’indice de consentement.',
  },
  schema: relationsPolicySchema,
  defaultValue: DEFAULT_RELATIONS_POLICY,
});
