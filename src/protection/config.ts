/**
 * Policy of the protection domain as configuration data: early-warning channels, threat types, the
 * alert workflow, response types, priorities, POC tiers and phases, threat scoring, justice
 * vocabularies (courts, stages, outcomes, affiliations, rank bands with the rank names used in English
 * and French), capacity-building kinds and the before/after window. Pure module. The defaults are a
 * starting point; administrators change them through the settings store.
 */
import { z } from 'zod';
import { ValidationError } from '../platform/errors.ts';

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

export const CODE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const codeSchema = z.string().regex(CODE_PATTERN, 'a code is lower-case letters and digits separated by hyphens (e.g. joint-protection-team)');
export const labelSchema = z.object({
  en: z.string().trim().min(1, 'the English label is required'),
  fr: z.string().trim().min(1, 'the French label is required'),
});
export type Label = z.infer<typeof labelSchema>;

export interface VocabEntry {
  code: string;
  label: Label;
}

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

/** The label of a code in a vocabulary; an unknown code is shown as itself (never hidden). */
export function labelOf(vocab: readonly VocabEntry[], code: string | null | undefined): Label {
  if (code === null || code === undefined || code === '') return { en: 'not specified', fr: 'non précisé' };
  const e = vocab.find((v) => v.code === code);
  return e ? e.label : { en: code, fr: code };
}

export function findEntry<T extends VocabEntry>(vocab: readonly T[], code: string | null | undefined): T | undefined {
  return code === null || code === undefined ? undefined : vocab.find((v) => v.code === code);
}

/**
 * How rank names are compared: case, accents, hyphens, dots and apostrophes do not matter
 * ("Lieutenant-Colonel", "lieutenant colonel", "Lt.-Col." → "lieutenant colonel", "lt col").
 */
export function normaliseRank(rank: string): string {
  return rank
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// ---------------------------------------------------------------------------------------------
// Schema
// ---------------------------------------------------------------------------------------------

export const RESPONSE_REQUIREMENTS = ['none', 'counted', 'any'] as const;
export const OUTCOME_CATEGORIES = ['conviction', 'acquittal', 'pending', 'other'] as const;
export type OutcomeCategory = (typeof OUTCOME_CATEGORIES)[number];
export const AFFILIATION_KINDS = ['state', 'non-state', 'civilian', 'unknown'] as const;

const scaleSchema = vocabulary({ value: z.number().positive() });

export const protectionConfigSchema = z
  .object({
    alertChannels: vocabulary({}),
    threatTypes: vocabulary({}),
    /**
     * Workflow states. `requiresResponse`: entering the state needs a response that counts
     * (`counted`), any recorded response including "none, with the reason" (`any`), or nothing.
     */
    alertStates: vocabulary({ initial: z.boolean(), final: z.boolean(), requiresResponse: z.enum(RESPONSE_REQUIREMENTS) }),
    alertTransitions: z.array(z.object({ from: codeSchema, to: codeSchema })).min(1),
    /** `counts`: the response counts in the response rate; `requiresReason`: a reason must be given (no response). */
    responseTypes: vocabulary({ counts: z.boolean(), requiresReason: z.boolean() }),
    /** Priorities with an optional target time to first response. */
    priorities: vocabulary({ rank: z.number().int().min(0), targetResponseHours: z.number().positive().nullable() }),
    pocTiers: vocabulary({ rank: z.number().int().min(1) }),
    pocPhases: vocabulary({ rank: z.number().int().min(1) }),
    threatScoring: z.object({
      likelihood: scaleSchema,
      impact: scaleSchema,
      /** A threat's band is the one with the highest minScore not above likelihood × impact. */
      bands: vocabulary({ minScore: z.number().min(0) }),
    }),
    threatTagging: z.object({
      tierRequired: z.boolean(),
      phaseRequired: z.boolean(),
      multipleTiers: z.boolean(),
    }),
    courtTypes: vocabulary({}),
    caseStages: vocabulary({ final: z.boolean() }),
    /** Outcome for one defendant, grouped into conviction, acquittal, pending or other. */
    caseOutcomes: vocabulary({ category: z.enum(OUTCOME_CATEGORIES) }),
    /** Outcome assumed for a defendant whose outcome is not recorded. */
    defaultCaseOutcome: codeSchema,
    affiliations: vocabulary({ kind: z.enum(AFFILIATION_KINDS) }),
    /** Rank bands, lowest first, each with the rank names (any language, abbreviations) that fall in it. */
    rankBands: vocabulary({ rank: z.number().int().min(1), ranks: z.array(z.string().trim().min(1)) }),
    capacityBuildingKinds: vocabulary({}),
    /** Length of each of the two equal windows of a before/after outcome view. */
    outcomeWindowDays: z.number().int().positive(),
  })
  .superRefine((c, ctx) => {
    const states = new Set(c.alertStates.map((s) => s.code));
    const initial = c.alertStates.filter((s) => s.initial);
    if (initial.length !== 1) ctx.addIssue({ code: 'custom', path: ['alertStates'], message: `exactly one state must be initial (found ${initial.length})` });
    if (!c.alertStates.some((s) => s.final)) ctx.addIssue({ code: 'custom', path: ['alertStates'], message: 'at least one state must be final' });
    const pairs = new Set<string>();
    c.alertTransitions.forEach((t, i) => {
      if (!states.has(t.from)) ctx.addIssue({ code: 'custom', path: ['alertTransitions', i, 'from'], message: `"${t.from}" is not an alert state` });
      if (!states.has(t.to)) ctx.addIssue({ code: 'custom', path: ['alertTransitions', i, 'to'], message: `"${t.to}" is not an alert state` });
      if (t.from === t.to) ctx.addIssue({ code: 'custom', path: ['alertTransitions', i], message: 'a transition must change the state' });
      const k = `${t.from}>${t.to}`;
      if (pairs.has(k)) ctx.addIssue({ code: 'custom', path: ['alertTransitions', i], message: `duplicate transition ${t.from} → ${t.to}` });
      pairs.add(k);
    });
    if (!c.responseTypes.some((r) => r.counts)) ctx.addIssue({ code: 'custom', path: ['responseTypes'], message: 'at least one response type must count as a response' });
    c.responseTypes.forEach((r, i) => {
      if (r.counts && r.requiresReason) ctx.addIssue({ code: 'custom', path: ['responseTypes', i, 'requiresReason'], message: 'a reason is required only for "no response" types, which do not count' });
    });
    if (!c.caseOutcomes.some((o) => o.code === c.defaultCaseOutcome)) ctx.addIssue({ code: 'custom', path: ['defaultCaseOutcome'], message: `"${c.defaultCaseOutcome}" is not a case outcome` });
    // A rank name may belong to one band only (once case, accents and punctuation are ignored).
    const owner = new Map<string, string>();
    c.rankBands.forEach((b, i) => {
      b.ranks.forEach((r, j) => {
        const n = normaliseRank(r);
        if (!n) {
          ctx.addIssue({ code: 'custom', path: ['rankBands', i, 'ranks', j], message: 'a rank name needs letters or digits' });
          return;
        }
        const other = owner.get(n);
        if (other !== undefined && other !== b.code) ctx.addIssue({ code: 'custom', path: ['rankBands', i, 'ranks', j], message: `"${r}" is already in the band "${other}"` });
        else owner.set(n, b.code);
      });
    });
    const ranks = new Set<number>();
    c.rankBands.forEach((b, i) => {
      if (ranks.has(b.rank)) ctx.addIssue({ code: 'custom', path: ['rankBands', i, 'rank'], message: `rank ${b.rank} is used by another band` });
      ranks.add(b.rank);
    });
    const values = (scale: { value: number }[], name: 'likelihood' | 'impact') => {
      const seen = new Set<number>();
      scale.forEach((s, i) => {
        if (seen.has(s.value)) ctx.addIssue({ code: 'custom', path: ['threatScoring', name, i, 'value'], message: `value ${s.value} is used twice` });
        seen.add(s.value);
      });
    };
    values(c.threatScoring.likelihood, 'likelihood');
    values(c.threatScoring.impact, 'impact');
    const minScores = c.threatScoring.bands.map((b) => b.minScore);
    if (!minScores.some((m) => m <= Math.min(...c.threatScoring.likelihood.map((l) => l.value)) * Math.min(...c.threatScoring.impact.map((l) => l.value)))) {
      ctx.addIssue({ code: 'custom', path: ['threatScoring', 'bands'], message: 'the lowest possible score falls in no band: one band must start at or below it' });
    }
  });

export type ProtectionConfig = z.infer<typeof protectionConfigSchema>;

/**
 * Validates a protection configuration; throws a ValidationError whose fields name the offending
 * path (e.g. `protection.rankBands.2.ranks.4`).
 */
export function parseProtectionConfig(value: unknown, root = 'protection'): ProtectionConfig {
  const r = protectionConfigSchema.safeParse(value);
  if (r.success) return r.data;
  throw new ValidationError(
    r.error.issues.map((i) => ({ field: [root, ...i.path.map(String)].filter(Boolean).join('.'), reason: i.message })),
    'the protection configuration is not valid',
  );
}

/** Settings-store identity of this configuration (the service registers it with the schema and default). */
export const PROTECTION_SETTING = {
  key: 'protection.config',
  label: { en: 'Protection of civilians: alerts, threats, justice and outcomes', fr: 'Protection des civils : alertes, menaces, justice et résultats' },
  description: {
    en: 'Alert channels, workflow and response types, priorities, POC tiers and phases, threat scoring, court and case vocabularies, affiliations and rank bands, capacity-building kinds and the before/after window.',
    fr: 'Canaux d’alerte, circuit de traitement et types de réponse, priorités, niveaux et phases de la protection des civils, notation des menaces, vocabulaires des juridictions et des affaires, affiliations et catégories de grades, types de renforcement des capacités et fenêtre avant/après.',
  },
} as const;

// ---------------------------------------------------------------------------------------------
// Defaults
// ---------------------------------------------------------------------------------------------

const L = (en: string, fr: string): Label => ({ en, fr });

export const DEFAULT_PROTECTION_CONFIG: ProtectionConfig = {
  alertChannels: [
    { code: 'community-alert-network', label: L('Community alert network', 'Réseau d’alerte communautaire') },
    { code: 'community-liaison-assistant', label: L('Community liaison assistant', 'Assistant de liaison communautaire') },
    { code: 'joint-protection-team', label: L('Joint protection team', 'Équipe conjointe de protection') },
    { code: 'patrol', label: L('Patrol', 'Patrouille') },
    { code: 'partner', label: L('Partner (UN agency, NGO)', 'Partenaire (agence des Nations Unies, ONG)') },
    { code: 'hotline', label: L('Hotline', 'Ligne d’urgence') },
    { code: 'local-authority', label: L('Local authority', 'Autorité locale') },
    { code: 'civil-society', label: L('Civil society or religious leader', 'Société civile ou chef religieux') },
    { code: 'media', label: L('Media or social media', 'Médias ou réseaux sociaux') },
    { code: 'other', label: L('Other', 'Autre') },
  ],
  threatTypes: [
    { code: 'attack-on-civilians', label: L('Armed attack on civilians', 'Attaque armée contre des civils') },
    { code: 'killing', label: L('Killing', 'Meurtre') },
    { code: 'sexual-violence', label: L('Rape and sexual violence', 'Viol et violences sexuelles') },
    { code: 'abduction', label: L('Abduction', 'Enlèvement') },
    { code: 'arbitrary-arrest', label: L('Arbitrary arrest or detention', 'Arrestation ou détention arbitraire') },
    { code: 'child-recruitment', label: L('Recruitment of children', 'Recrutement d’enfants') },
    { code: 'attack-school-hospital', label: L('Attack on a school or hospital', 'Attaque contre une école ou un hôpital') },
    { code: 'looting', label: L('Looting', 'Pillage') },
    { code: 'illegal-roadblock', label: L('Extortion at an illegal roadblock', 'Extorsion à une barrière illégale') },
    { code: 'forced-displacement', label: L('Forced displacement', 'Déplacement forcé') },
    { code: 'destruction-of-property', label: L('Destruction of property', 'Destruction de biens') },
    { code: 'armed-clash', label: L('Armed clash near civilians', 'Affrontement armé à proximité de civils') },
    { code: 'intercommunal-violence', label: L('Intercommunal violence', 'Violences intercommunautaires') },
    { code: 'hate-speech', label: L('Hate speech or incitement', 'Discours de haine ou incitation') },
    { code: 'violence-at-protest', label: L('Violence against protesters', 'Violences contre des manifestants') },
  ],
  alertStates: [
    { code: 'received', label: L('Received', 'Reçue'), initial: true, final: false, requiresResponse: 'none' },
    { code: 'triaged', label: L('Triaged', 'Triée'), initial: false, final: false, requiresResponse: 'none' },
    { code: 'verification', label: L('Under verification', 'En vérification'), initial: false, final: false, requiresResponse: 'none' },
    { code: 'response', label: L('Response under way', 'Réponse en cours'), initial: false, final: false, requiresResponse: 'counted' },
    { code: 'closed', label: L('Closed', 'Clôturée'), initial: false, final: true, requiresResponse: 'any' },
  ],
  alertTransitions: [
    { from: 'received', to: 'triaged' },
    { from: 'received', to: 'response' },
    { from: 'received', to: 'closed' },
    { from: 'triaged', to: 'verification' },
    { from: 'triaged', to: 'response' },
    { from: 'triaged', to: 'closed' },
    { from: 'verification', to: 'response' },
    { from: 'verification', to: 'closed' },
    { from: 'response', to: 'closed' },
    { from: 'closed', to: 'triaged' },
  ],
  responseTypes: [
    { code: 'patrol', label: L('Patrol sent', 'Patrouille envoyée'), counts: true, requiresReason: false },
    { code: 'deployment', label: L('Deployment (temporary base, standing combat deployment)', 'Déploiement (base temporaire, déploiement de combat)'), counts: true, requiresReason: false },
    { code: 'engagement-with-authorities', label: L('Engagement with the authorities', 'Démarche auprès des autorités'), counts: true, requiresReason: false },
    { code: 'referral', label: L('Referral to a partner', 'Orientation vers un partenaire'), counts: true, requiresReason: false },
    { code: 'none', label: L('No response (reason recorded)', 'Pas de réponse (motif consigné)'), counts: false, requiresReason: true },
  ],
  priorities: [
    { code: 'immediate', label: L('Immediate (life at risk)', 'Immédiate (vies en danger)'), rank: 1, targetResponseHours: 2 },
    { code: 'high', label: L('High', 'Haute'), rank: 2, targetResponseHours: 12 },
    { code: 'medium', label: L('Medium', 'Moyenne'), rank: 3, targetResponseHours: 48 },
    { code: 'low', label: L('Low', 'Basse'), rank: 4, targetResponseHours: null },
  ],
  pocTiers: [
    { code: 'tier-1', label: L('Tier I: protection through dialogue and engagement', 'Niveau I : protection par le dialogue et l’engagement'), rank: 1 },
    { code: 'tier-2', label: L('Tier II: provision of physical protection', 'Niveau II : protection physique'), rank: 2 },
    { code: 'tier-3', label: L('Tier III: establishment of a protective environment', 'Niveau III : instauration d’un environnement protecteur'), rank: 3 },
  ],
  pocPhases: [
    { code: 'prevention', label: L('Prevention', 'Prévention'), rank: 1 },
    { code: 'pre-emption', label: L('Pre-emption', 'Préemption'), rank: 2 },
    { code: 'response', label: L('Response', 'Réaction'), rank: 3 },
    { code: 'consolidation', label: L('Consolidation', 'Consolidation'), rank: 4 },
  ],
  threatScoring: {
    likelihood: [
      { code: 'rare', label: L('Rare', 'Rare'), value: 1 },
      { code: 'unlikely', label: L('Unlikely', 'Peu probable'), value: 2 },
      { code: 'possible', label: L('Possible', 'Possible'), value: 3 },
      { code: 'likely', label: L('Likely', 'Probable'), value: 4 },
      { code: 'almost-certain', label: L('Almost certain', 'Quasi certain'), value: 5 },
    ],
    impact: [
      { code: 'minimal', label: L('Minimal', 'Minime'), value: 1 },
      { code: 'minor', label: L('Minor', 'Mineur'), value: 2 },
      { code: 'moderate', label: L('Moderate', 'Modéré'), value: 3 },
      { code: 'major', label: L('Major (loss of life)', 'Majeur (pertes en vies humaines)'), value: 4 },
      { code: 'severe', label: L('Severe (mass atrocities)', 'Très grave (atrocités de masse)'), value: 5 },
    ],
    bands: [
      { code: 'low', label: L('Low', 'Faible'), minScore: 1 },
      { code: 'medium', label: L('Medium', 'Moyen'), minScore: 5 },
      { code: 'high', label: L('High', 'Élevé'), minScore: 10 },
      { code: 'critical', label: L('Critical', 'Critique'), minScore: 17 },
    ],
  },
  threatTagging: { tierRequired: true, phaseRequired: true, multipleTiers: true },
  courtTypes: [
    { code: 'military', label: L('Military court', 'Juridiction militaire') },
    { code: 'civilian', label: L('Civilian court', 'Juridiction civile') },
    { code: 'mobile', label: L('Mobile court', 'Audience foraine') },
    { code: 'special-criminal-court', label: L('Special criminal court', 'Cour pénale spéciale') },
  ],
  caseStages: [
    { code: 'complaint', label: L('Complaint or referral', 'Plainte ou saisine'), final: false },
    { code: 'investigation', label: L('Investigation', 'Enquête / instruction'), final: false },
    { code: 'pre-trial', label: L('Pre-trial', 'Mise en état'), final: false },
    { code: 'trial', label: L('Trial', 'Procès'), final: false },
    { code: 'judgment', label: L('Judgment delivered', 'Jugement rendu'), final: false },
    { code: 'appeal', label: L('Appeal', 'Appel'), final: false },
    { code: 'closed', label: L('Closed', 'Clôturée'), final: true },
  ],
  caseOutcomes: [
    { code: 'pending', label: L('Pending', 'En attente'), category: 'pending' },
    { code: 'convicted', label: L('Convicted', 'Condamné'), category: 'conviction' },
    { code: 'acquitted', label: L('Acquitted', 'Acquitté'), category: 'acquittal' },
    { code: 'charges-dropped', label: L('Charges dropped or dismissed', 'Poursuites abandonnées ou non-lieu'), category: 'other' },
    { code: 'escaped', label: L('Escaped or at large', 'Évadé ou en fuite'), category: 'other' },
    { code: 'died', label: L('Died before judgment', 'Décédé avant jugement'), category: 'other' },
  ],
  defaultCaseOutcome: 'pending',
  affiliations: [
    { code: 'army', label: L('Army', 'Armée'), kind: 'state' },
    { code: 'police', label: L('National police', 'Police nationale'), kind: 'state' },
    { code: 'gendarmerie', label: L('Gendarmerie', 'Gendarmerie'), kind: 'state' },
    { code: 'intelligence', label: L('Intelligence service', 'Service de renseignement'), kind: 'state' },
    { code: 'prison-service', label: L('Prison service', 'Administration pénitentiaire'), kind: 'state' },
    { code: 'other-state', label: L('Other state agent', 'Autre agent de l’État'), kind: 'state' },
    { code: 'non-state', label: L('Non-state armed group', 'Groupe armé non étatique'), kind: 'non-state' },
    { code: 'civilian', label: L('Civilian', 'Civil'), kind: 'civilian' },
    { code: 'unknown', label: L('Unknown', 'Inconnue'), kind: 'unknown' },
  ],
  rankBands: [
    {
      code: 'rank-and-file',
      label: L('Rank and file', 'Hommes du rang'),
      rank: 1,
      ranks: [
        'Private', 'Pvt', 'Pte', 'Private first class', 'PFC', 'Soldier', 'Recruit', 'Lance corporal', 'Corporal', 'Cpl', 'Constable', 'Police constable', 'Police officer',
        'Soldat', 'Sdt', 'Soldat de 2e classe', 'Soldat de deuxième classe', 'Soldat de 1re classe', 'Soldat de 1ère classe', 'Soldat de première classe', '1re classe', '1ère classe', '2e classe',
        'Militaire du rang', 'Recrue', 'Caporal', 'Cal', 'Caporal-chef', 'Brigadier', 'Brigadier-chef', 'Gendarme', 'Élève gendarme', 'Agent de police', 'Agent',
      ],
    },
    {
      code: 'non-commissioned-officers',
      label: L('Non-commissioned officers', 'Sous-officiers'),
      rank: 2,
      ranks: [
        'Sergeant', 'Sgt', 'Staff sergeant', 'SSgt', 'Sergeant first class', 'Master sergeant', 'First sergeant', 'Sergeant major', 'Sgt maj', 'Warrant officer', 'WO', 'Warrant officer class 1', 'Warrant officer class 2', 'Chief warrant officer',
        'Sergent', 'Sgt-chef', 'Sergent-chef', 'Sergent-major', 'Premier sergent', 'Premier sergent-major', 'Adjudant', 'Adj', 'Adjudant-chef', 'Adjudant de première classe', 'Maréchal des logis', 'Maréchal des logis-chef',
      ],
    },
    {
      code: 'junior-officers',
      label: L('Junior officers', 'Officiers subalternes'),
      rank: 3,
      ranks: [
        'Officer cadet', 'Second lieutenant', '2nd lieutenant', '2Lt', 'Lieutenant', 'Lt', 'First lieutenant', '1st lieutenant', 'Captain', 'Capt', 'Cpt', 'Inspector', 'Police inspector',
        'Aspirant', 'Sous-lieutenant', 'S/Lt', 'Slt', 'Capitaine', 'Cne', 'Enseigne de vaisseau', 'Lieutenant de vaisseau', 'Inspecteur', 'Inspecteur de police', 'Officier de police', 'Sous-commissaire', 'Sous-commissaire principal',
      ],
    },
    {
      code: 'senior-officers',
      label: L('Senior officers', 'Officiers supérieurs'),
      rank: 4,
      ranks: [
        'Major', 'Maj', 'Lieutenant colonel', 'Lt col', 'LtCol', 'LCL', 'Colonel', 'Col', 'Lieutenant commander', 'Commander', 'Superintendent', 'Chief superintendent',
        'Commandant', 'Cdt', 'Cmdt', 'Capitaine de corvette', 'Capitaine de frégate', 'Capitaine de vaisseau', 'Commissaire', 'Commissaire principal', 'Commissaire supérieur', 'Commissaire supérieur principal',
      ],
    },
    {
      code: 'general-officers',
      label: L('General officers', 'Officiers généraux'),
      rank: 5,
      ranks: [
        'Brigadier general', 'Brig gen', 'BG', 'Major general', 'Maj gen', 'Lieutenant general', 'Lt gen', 'General', 'Gen', 'Rear admiral', 'Vice admiral', 'Admiral', 'Marshal', 'Field marshal', 'Inspector general', 'Deputy inspector general', 'Commissioner', 'Police commissioner',
        'Général de brigade', 'Gén', 'Gal', 'Général-major', 'Général de division', 'Général de corps d’armée', 'Général d’armée', 'Contre-amiral', 'Vice-amiral', 'Amiral', 'Maréchal',
        'Commissaire divisionnaire', 'Commissaire divisionnaire adjoint', 'Commissaire divisionnaire principal', 'Commissaire général', 'Inspecteur général',
      ],
    },
  ],
  capacityBuildingKinds: [
    { code: 'training', label: L('Training', 'Formation') },
    { code: 'mentoring', label: L('Mentoring and advice', 'Encadrement et conseil') },
    { code: 'equipment', label: L('Equipment', 'Équipement') },
    { code: 'infrastructure', label: L('Infrastructure (construction, refurbishment)', 'Infrastructure (construction, réhabilitation)') },
    { code: 'logistics', label: L('Logistical support (fuel, rations, transport)', 'Appui logistique (carburant, rations, transport)') },
    { code: 'financial', label: L('Financial support (allowances, salaries)', 'Appui financier (primes, salaires)') },
    { code: 'joint-planning', label: L('Joint planning and collocation', 'Planification conjointe et colocalisation') },
    { code: 'quick-impact-project', label: L('Quick-impact project', 'Projet à effet rapide') },
  ],
  outcomeWindowDays: 180,
};
