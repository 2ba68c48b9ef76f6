/**
 * Policy of the relations domain (host-state consent, obstruction, commitments, leverage, use of force)
 * as configuration data: vocabularies with English and French labels, default severities, ladder ranks
 * and the parameters of the consent index. Pure module. The defaults below are a starting point that
 * a mission's administrators change through the settings store; nothing in the rules hard-codes them.
 */
import { z } from 'zod';
import { ValidationError } from '../platform/errors.ts';

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

export const CODE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const codeSchema = z.string().regex(CODE_PATTERN, 'a code is lower-case letters and digits separated by hyphens (e.g. visa-delayed)');
export const labelSchema = z.object({
  en: z.string().trim().min(1, 'the English label is required'),
  fr: z.string().trim().min(1, 'the French label is required'),
});
export type Label = z.infer<typeof labelSchema>;

export interface VocabEntry {
  code: string;
  label: Label;
}

/** A controlled vocabulary: a list (its order is the display order) of entries with unique codes. */
function vocabulary<T extends z.ZodRawShape>(extra: T) {
  return z
    .array(z.object({ code: codeSchema, label: labelSchema, ...extra }))
    .min(1, 'the vocabulary needs at least one entry')
    .superRefine((entries, ctx) => {
      const seen = new Map<string, number>();
      (entries as unknown as VocabEntry[]).forEach((e, i) => {
        const first = seen.get(e.code);
        if (first !== undefined) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `duplicate code "${e.code}" (already at position ${first})` });
        else seen.set(e.code, i);
      });
    });
}

/** Ranked vocabularies (ladders, scales) also need distinct ranks. */
function uniqueRanks(entries: { code: string; rank: number }[], ctx: z.RefinementCtx): void {
  const seen = new Map<number, string>();
  entries.forEach((e, i) => {
    const other = seen.get(e.rank);
    if (other !== undefined) ctx.addIssue({ code: 'custom', path: [i, 'rank'], message: `rank ${e.rank} is already used by "${other}"` });
    else seen.set(e.rank, e.code);
  });
}

/** The label of a code in a vocabulary; an unknown code is shown as itself (never hidden). */
export function labelOf(vocab: readonly VocabEntry[], code: string | null | undefined): Label {
  if (code === null || code === undefined || code === '') return { en: 'not specified', fr: 'non précisé' };
  const e = vocab.find((v) => v.code === code);
  return e ? e.label : { en: code, fr: code };
}

export function findEntry<T extends VocabEntry>(vocab: readonly T[], code: string | null | undefined): T | undefined {
  return code === null || code === undefined ? undefined : vocab.find((v) => v.code === code);
}

// ---------------------------------------------------------------------------------------------
// Schema
// ---------------------------------------------------------------------------------------------

export const RESTRICTION_CATEGORIES = ['movement', 'access', 'personnel', 'logistics', 'information', 'accountability', 'operations'] as const;
export const OUTCOME_EFFECTS = ['positive', 'neutral', 'negative'] as const;
export type OutcomeEffect = (typeof OUTCOME_EFFECTS)[number];

const restrictionTypesSchema = vocabulary({
  category: z.enum(RESTRICTION_CATEGORIES),
  /** Default severity of one occurrence (0–10); a record may override it. */
  severity: z.number().min(0).max(10),
  /** Whether an occurrence is, by default, a violation of the status-of-forces (or mission) agreement. */
  sofaViolation: z.boolean(),
});

const commitmentStatusesSchema = vocabulary({
  /** open: still awaited; closed: kept, partly kept, broken or lapsed. */
  state: z.enum(['open', 'closed']),
});

const ladderSchema = vocabulary({ rank: z.number().int().min(0) }).superRefine(uniqueRanks);

export const consentParamsSchema = z.object({
  /** Value of the index when nothing is recorded. */
  baseline: z.number(),
  weights: z.object({
    /** Multiplied by the severity of the restriction (normally negative). */
    restrictionPerSeverityPoint: z.number(),
    /** By commitment status code: the weight of a commitment in that status. */
    commitment: z.record(codeSchema, z.number()),
    /** By the effect of an engagement's outcome. */
    engagement: z.object({ positive: z.number(), neutral: z.number(), negative: z.number() }),
    /** Cooperation events: a default weight and optional weights by cooperation type. */
    cooperation: z.object({ default: z.number(), byType: z.record(codeSchema, z.number()) }),
  }),
  /** A fact's weight halves every halfLifeDays after it ended (an ongoing restriction does not fade). */
  halfLifeDays: z.number().positive(),
  /** Facts that ended more than windowDays before the point are left out. */
  windowDays: z.number().int().positive(),
  /** A fall of at least this many points from one period to the next is flagged as a sudden drop. */
  dropThreshold: z.number().positive(),
  /** A fall in each of this many consecutive periods is flagged as a downward trend... */
  trendPeriods: z.number().int().min(2),
  /** ...provided the fall over those periods is at least this many points. */
  trendMinDrop: z.number().min(0),
  /** How many facts a flag names as its main causes. */
  flagCauses: z.number().int().min(1).max(20),
});
export type ConsentParams = z.infer<typeof consentParamsSchema>;

export const relationsConfigSchema = z
  .object({
    restrictionTypes: restrictionTypesSchema,
    /** What a restriction prevented the mission from doing. */
    preventedActivities: vocabulary({}),
    /** Engagement levels are a tier (strategic, operational, technical) at a scope (national, provincial, local). */
    engagementTiers: ladderSchema,
    engagementScopes: ladderSchema,
    engagementTopics: vocabulary({ poc: z.boolean() }),
    engagementTones: vocabulary({}),
    engagementOutcomes: vocabulary({ effect: z.enum(OUTCOME_EFFECTS) }),
    commitmentStatuses: commitmentStatusesSchema,
    /** Status of a commitment when it is made and no status change is recorded yet. */
    commitmentInitialStatus: codeSchema,
    /** Stances of an actor towards the mission, from most to least cooperative (rank ascending). */
    stances: ladderSchema,
    /** Tools of influence, from dialogue (lowest rank) to force (highest). */
    leverageLadder: ladderSchema,
    /** Use-of-force levels, from presence (lowest rank) to lethal force. */
    forceLevels: ladderSchema,
    /** Against whom force was used; `state` marks the host state's own forces. */
    forceTargetTypes: vocabulary({ state: z.boolean() }),
    cooperationTypes: vocabulary({}),
    consent: consentParamsSchema,
  })
  .superRefine((c, ctx) => {
    const has = (vocab: VocabEntry[], code: string) => vocab.some((v) => v.code === code);
    const statuses = c.commitmentStatuses;
    if (!has(statuses, c.commitmentInitialStatus)) {
      ctx.addIssue({ code: 'custom', path: ['commitmentInitialStatus'], message: `"${c.commitmentInitialStatus}" is not a commitment status` });
    } else if (statuses.find((s) => s.code === c.commitmentInitialStatus)!.state !== 'open') {
      ctx.addIssue({ code: 'custom', path: ['commitmentInitialStatus'], message: 'the initial status must be an open status' });
    }
    for (const key of Object.keys(c.consent.weights.commitment)) {
      if (!has(statuses, key)) ctx.addIssue({ code: 'custom', path: ['consent', 'weights', 'commitment', key], message: `"${key}" is not a commitment status` });
    }
    statuses.forEach((s, i) => {
      if (c.consent.weights.commitment[s.code] === undefined) {
        ctx.addIssue({ code: 'custom', path: ['consent', 'weights', 'commitment'], message: `no weight for the commitment status "${s.code}" (position ${i})` });
      }
    });
    for (const key of Object.keys(c.consent.weights.cooperation.byType)) {
      if (!has(c.cooperationTypes, key)) ctx.addIssue({ code: 'custom', path: ['consent', 'weights', 'cooperation', 'byType', key], message: `"${key}" is not a cooperation type` });
    }
    // A level filter names a tier or a scope by its code, so the two vocabularies must not share codes.
    c.engagementScopes.forEach((s, i) => {
      if (has(c.engagementTiers, s.code)) ctx.addIssue({ code: 'custom', path: ['engagementScopes', i, 'code'], message: `"${s.code}" is also an engagement tier` });
    });
  });

export type RelationsConfig = z.infer<typeof relationsConfigSchema>;
export type RestrictionType = RelationsConfig['restrictionTypes'][number];
export type RankedEntry = RelationsConfig['leverageLadder'][number];

/**
 * Validates a relations configuration; throws a ValidationError whose fields name the offending
 * path (e.g. `relations.restrictionTypes.3.severity`).
 */
export function parseRelationsConfig(value: unknown, root = 'relations'): RelationsConfig {
  const r = relationsConfigSchema.safeParse(value);
  if (r.success) return r.data;
  throw new ValidationError(
    r.error.issues.map((i) => ({ field: [root, ...i.path.map(String)].filter(Boolean).join('.'), reason: i.message })),
    'the relations configuration is not valid',
  );
}

/** Settings-store identity of this configuration (the service registers it with the schema and default). */
export const RELATIONS_SETTING = {
  key: 'relations.config',
  label: { en: 'Host-state relations: vocabularies and consent index', fr: 'Relations avec l’État hôte : vocabulaires et indice de consentement' },
  description: {
    en: 'Restriction types and severities, engagement, commitment, leverage and use-of-force vocabularies, and the weights, half-life, window and thresholds of the consent index.',
    fr: 'Types de restriction et gravités, vocabulaires des échanges, engagements, moyens de pression et recours à la force, ainsi que les poids, demi-vie, fenêtre et seuils de l’indice de consentement.',
  },
} as const;

// ---------------------------------------------------------------------------------------------
// Defaults
// ---------------------------------------------------------------------------------------------

const L = (en: string, fr: string): Label => ({ en, fr });

export const DEFAULT_RELATIONS_CONFIG: RelationsConfig = {
  restrictionTypes: [
    { code: 'movement-denied-checkpoint', label: L('Movement denied at a checkpoint', 'Passage refusé à un point de contrôle'), category: 'movement', severity: 2, sofaViolation: true },
    { code: 'area-off-limits', label: L('Area declared off-limits', 'Zone déclarée interdite d’accès'), category: 'movement', severity: 4, sofaViolation: true },
    { code: 'movement-notification-demanded', label: L('Prior authorisation demanded for movements', 'Autorisation préalable exigée pour les déplacements'), category: 'movement', severity: 2, sofaViolation: true },
    { code: 'flight-clearance-delayed', label: L('Flight clearance delayed', 'Autorisation de vol retardée'), category: 'movement', severity: 1, sofaViolation: true },
    { code: 'flight-clearance-refused', label: L('Flight clearance refused', 'Autorisation de vol refusée'), category: 'movement', severity: 3, sofaViolation: true },
    { code: 'site-access-denied', label: L('Access to a site denied (detention facility, grave site, team site)', 'Accès à un site refusé (lieu de détention, site de fosse, base d’équipe)'), category: 'access', severity: 3, sofaViolation: true },
    { code: 'visa-delayed', label: L('Visa delayed', 'Visa retardé'), category: 'personnel', severity: 2, sofaViolation: true },
    { code: 'visa-refused', label: L('Visa refused', 'Visa refusé'), category: 'personnel', severity: 3, sofaViolation: true },
    { code: 'equipment-held-customs', label: L('Equipment or ammunition held at customs', 'Matériel ou munitions retenus en douane'), category: 'logistics', severity: 3, sofaViolation: true },
    { code: 'strategic-asset-refused', label: L('Strategic asset refused entry (attack helicopters, drones)', 'Entrée refusée à un moyen stratégique (hélicoptères d’attaque, drones)'), category: 'logistics', severity: 5, sofaViolation: true },
    { code: 'staff-harassed', label: L('Staff harassed', 'Personnel harcelé'), category: 'personnel', severity: 3, sofaViolation: true },
    { code: 'staff-detained', label: L('Staff detained', 'Personnel détenu'), category: 'personnel', severity: 5, sofaViolation: true },
    { code: 'staff-expelled', label: L('Staff expelled', 'Personnel expulsé'), category: 'personnel', severity: 5, sofaViolation: true },
    { code: 'premises-entered', label: L('UN premises entered without consent', 'Locaux de l’ONU investis sans autorisation'), category: 'access', severity: 4, sofaViolation: true },
    { code: 'office-closure-demanded', label: L('Closure of a mission office demanded', 'Fermeture d’un bureau de la mission exigée'), category: 'accountability', severity: 5, sofaViolation: true },
    { code: 'broadcasts-restricted', label: L('Broadcasts restricted', 'Diffusions restreintes'), category: 'information', severity: 3, sofaViolation: true },
    { code: 'internet-restricted', label: L('Internet restricted', 'Internet restreint'), category: 'information', severity: 2, sofaViolation: false },
    { code: 'investigation-blocked', label: L('Investigation blocked', 'Enquête bloquée'), category: 'accountability', severity: 4, sofaViolation: true },
    { code: 'coordination-refused', label: L('Operational coordination refused', 'Coordination opérationnelle refusée'), category: 'operations', severity: 2, sofaViolation: false },
    { code: 'operation-leaked', label: L('Operational information leaked to the targets', 'Informations opérationnelles divulguées aux personnes visées'), category: 'operations', severity: 4, sofaViolation: false },
  ],
  preventedActivities: [
    { code: 'patrol', label: L('Patrol', 'Patrouille') },
    { code: 'verification', label: L('Verification of an allegation', 'Vérification d’une allégation') },
    { code: 'alert-response', label: L('Response to an alert', 'Réponse à une alerte') },
    { code: 'delivery', label: L('Delivery of supplies or equipment', 'Livraison de fournitures ou de matériel') },
    { code: 'investigation', label: L('Investigation', 'Enquête') },
    { code: 'human-rights-monitoring', label: L('Human rights monitoring', 'Surveillance des droits de l’homme') },
    { code: 'detention-visit', label: L('Visit to a detention facility', 'Visite d’un lieu de détention') },
    { code: 'medical-evacuation', label: L('Medical evacuation', 'Évacuation sanitaire') },
    { code: 'deployment', label: L('Deployment or rotation of personnel', 'Déploiement ou relève du personnel') },
    { code: 'joint-operation', label: L('Joint operation', 'Opération conjointe') },
    { code: 'public-information', label: L('Public information and broadcasting', 'Information publique et radiodiffusion') },
  ],
  engagementTiers: [
    { code: 'strategic', label: L('Strategic', 'Stratégique'), rank: 3 },
    { code: 'operational', label: L('Operational', 'Opérationnel'), rank: 2 },
    { code: 'technical', label: L('Technical', 'Technique'), rank: 1 },
  ],
  engagementScopes: [
    { code: 'national', label: L('National', 'National'), rank: 3 },
    { code: 'provincial', label: L('Provincial', 'Provincial'), rank: 2 },
    { code: 'local', label: L('Local', 'Local'), rank: 1 },
  ],
  engagementTopics: [
    { code: 'threats-to-civilians', label: L('Threats to civilians', 'Menaces contre les civils'), poc: true },
    { code: 'early-warning', label: L('Early warning and alerts', 'Alerte précoce et alertes'), poc: true },
    { code: 'sexual-violence', label: L('Conflict-related sexual violence', 'Violences sexuelles liées aux conflits'), poc: true },
    { code: 'children-armed-conflict', label: L('Children and armed conflict', 'Enfants et conflits armés'), poc: true },
    { code: 'violations-by-security-forces', label: L('Violations by security forces', 'Violations commises par les forces de sécurité'), poc: true },
    { code: 'accountability', label: L('Accountability and justice', 'Redevabilité et justice'), poc: true },
    { code: 'due-diligence', label: L('Conditions of UN support (due diligence)', 'Conditions du soutien de l’ONU (diligence voulue)'), poc: true },
    { code: 'displacement-returns', label: L('Displacement and returns', 'Déplacements et retours'), poc: true },
    { code: 'protection-sites', label: L('Protection sites', 'Sites de protection'), poc: true },
    { code: 'hate-speech', label: L('Hate speech and incitement', 'Discours de haine et incitation'), poc: true },
    { code: 'freedom-of-movement', label: L('Freedom of movement', 'Liberté de circulation'), poc: false },
    { code: 'status-of-forces', label: L('Status-of-forces agreement', 'Accord sur le statut des forces'), poc: false },
    { code: 'joint-operations', label: L('Joint operations and planning', 'Opérations et planification conjointes'), poc: false },
    { code: 'security-sector-reform', label: L('Security sector reform', 'Réforme du secteur de la sécurité'), poc: false },
    { code: 'elections', label: L('Elections', 'Élections'), poc: false },
    { code: 'peace-process', label: L('Peace process', 'Processus de paix'), poc: false },
    { code: 'humanitarian-access', label: L('Humanitarian access', 'Accès humanitaire'), poc: true },
  ],
  engagementTones: [
    { code: 'cordial', label: L('Cordial', 'Cordial') },
    { code: 'constructive', label: L('Constructive', 'Constructif') },
    { code: 'formal', label: L('Formal', 'Formel') },
    { code: 'tense', label: L('Tense', 'Tendu') },
    { code: 'confrontational', label: L('Confrontational', 'Conflictuel') },
  ],
  engagementOutcomes: [
    { code: 'commitment-obtained', label: L('Commitment obtained', 'Engagement obtenu'), effect: 'positive' },
    { code: 'agreement', label: L('Agreement reached', 'Accord conclu'), effect: 'positive' },
    { code: 'information-shared', label: L('Information shared', 'Informations partagées'), effect: 'positive' },
    { code: 'no-result', label: L('No result', 'Sans résultat'), effect: 'neutral' },
    { code: 'postponed', label: L('Postponed', 'Reporté'), effect: 'neutral' },
    { code: 'allegations-denied', label: L('Allegations denied', 'Allégations niées'), effect: 'negative' },
    { code: 'request-refused', label: L('Request refused', 'Demande refusée'), effect: 'negative' },
    { code: 'meeting-cancelled', label: L('Meeting cancelled or boycotted', 'Réunion annulée ou boycottée'), effect: 'negative' },
  ],
  commitmentStatuses: [
    { code: 'open', label: L('Open', 'En cours'), state: 'open' },
    { code: 'kept', label: L('Kept', 'Tenu'), state: 'closed' },
    { code: 'partly-kept', label: L('Partly kept', 'Partiellement tenu'), state: 'closed' },
    { code: 'broken', label: L('Broken', 'Non tenu'), state: 'closed' },
    { code: 'lapsed', label: L('Lapsed', 'Caduc'), state: 'closed' },
  ],
  commitmentInitialStatus: 'open',
  stances: [
    { code: 'cooperative', label: L('Cooperative', 'Coopératif'), rank: 1 },
    { code: 'technical-only', label: L('Technical cooperation only', 'Coopération technique seulement'), rank: 2 },
    { code: 'ambiguous', label: L('Ambiguous', 'Ambigu'), rank: 3 },
    { code: 'obstructive', label: L('Obstructive', 'Obstructif'), rank: 4 },
    { code: 'hostile', label: L('Hostile', 'Hostile'), rank: 5 },
  ],
  leverageLadder: [
    { code: 'dialogue', label: L('Dialogue', 'Dialogue'), rank: 1 },
    { code: 'inducement', label: L('Inducement (capacity building, joint planning, collocation)', 'Incitation (renforcement des capacités, planification conjointe, colocalisation)'), rank: 2 },
    { code: 'confidential-reporting', label: L('Confidential reporting', 'Signalement confidentiel'), rank: 3 },
    { code: 'public-reporting', label: L('Public reporting', 'Rapport public'), rank: 4 },
    { code: 'listing', label: L('Listing in UN annual reports', 'Inscription sur les listes des rapports annuels de l’ONU'), rank: 5 },
    { code: 'security-council', label: L('Security Council engagement', 'Saisine du Conseil de sécurité'), rank: 6 },
    { code: 'sanctions-referral', label: L('Referral for sanctions', 'Demande de sanctions'), rank: 7 },
    { code: 'prosecution', label: L('Prosecution (national or international)', 'Poursuites (nationales ou internationales)'), rank: 8 },
    { code: 'posture-and-force', label: L('Posture and use of force', 'Posture et recours à la force'), rank: 9 },
  ],
  forceLevels: [
    { code: 'presence', label: L('Presence', 'Présence'), rank: 1 },
    { code: 'patrol', label: L('Patrol', 'Patrouille'), rank: 2 },
    { code: 'show-of-force', label: L('Show of force', 'Démonstration de force'), rank: 3 },
    { code: 'interposition', label: L('Interposition', 'Interposition'), rank: 4 },
    { code: 'warning-shots', label: L('Warning shots', 'Tirs de sommation'), rank: 5 },
    { code: 'lethal-force', label: L('Lethal force', 'Force létale'), rank: 6 },
  ],
  forceTargetTypes: [
    { code: 'state-army', label: L('Host-state armed forces', 'Forces armées de l’État hôte'), state: true },
    { code: 'state-police', label: L('Host-state police or gendarmerie', 'Police ou gendarmerie de l’État hôte'), state: true },
    { code: 'state-other', label: L('Other host-state security service', 'Autre service de sécurité de l’État hôte'), state: true },
    { code: 'non-state-armed-group', label: L('Non-state armed group', 'Groupe armé non étatique'), state: false },
    { code: 'criminal-group', label: L('Criminal group', 'Groupe criminel'), state: false },
    { code: 'unidentified', label: L('Unidentified', 'Non identifié'), state: false },
  ],
  cooperationTypes: [
    { code: 'joint-patrol', label: L('Joint patrol', 'Patrouille conjointe') },
    { code: 'joint-planning', label: L('Joint planning', 'Planification conjointe') },
    { code: 'joint-operation', label: L('Joint operation', 'Opération conjointe') },
    { code: 'access-granted', label: L('Access granted', 'Accès accordé') },
    { code: 'clearance-granted', label: L('Clearance or visa granted', 'Autorisation ou visa accordé') },
    { code: 'information-shared', label: L('Information shared', 'Informations partagées') },
    { code: 'investigation-support', label: L('Support to an investigation', 'Appui à une enquête') },
    { code: 'suspect-arrested', label: L('Suspect arrested or handed over', 'Suspect arrêté ou remis') },
    { code: 'commander-removed', label: L('Commander removed at the mission’s request', 'Commandant écarté à la demande de la mission') },
    { code: 'follow-up-committee', label: L('Follow-up committee held', 'Comité de suivi tenu') },
  ],
  consent: {
    baseline: 0,
    weights: {
      restrictionPerSeverityPoint: -2,
      commitment: { open: 0, kept: 4, 'partly-kept': 1, broken: -8, lapsed: -4 },
      engagement: { positive: 2, neutral: 0, negative: -2 },
      cooperation: { default: 2, byType: { 'joint-operation': 4, 'commander-removed': 5, 'suspect-arrested': 3 } },
    },
    halfLifeDays: 90,
    windowDays: 365,
    dropThreshold: 10,
    trendPeriods: 3,
    trendMinDrop: 6,
    flagCauses: 3,
  },
};
