/**
 * Screening configuration as settings: the matching configuration (ranks, titles, equivalent
 * spellings, weights, threshold: the matcher's own schema and defaults) and the screening policy
 * (sensitivity of what is stored, which lists are screened by default, which registry persons form
 * the implicit list, when reviews are raised).
 */
import { z } from 'zod';
import { levelSchema } from '../platform/access/policy.ts';
import { defineSetting } from '../platform/settings/settings.ts';
import { DEFAULT_SCREENING_CONFIG, type ScreeningConfig, screeningConfigSchema } from './config.ts';

export const MATCHING_KEY = 'screening.matching';
export const POLICY_KEY = 'screening.policy';

export const matchingSetting = defineSetting<ScreeningConfig>({
  key: MATCHING_KEY,
  label: { en: 'Name screening: matching (ranks, titles, spellings, weights, threshold)', fr: 'Criblage des noms : comparaison (grades, titres, graphies, poids, seuil)' },
  description: {
    en: 'Ranks, titles and honorifics removed from names, equivalent spellings of name parts, weights of common parts and initials, typo tolerance, adjustments for birth date, nationality and gender, and the threshold at which a match is reported.',
    fr: 'Grades, titres et formules de politesse retirés des noms, graphies équivalentes des éléments de nom, poids des éléments courants et des initiales, tolérance aux fautes de frappe, ajustements selon la date de naissance, la nationalité et le sexe, et seuil à partir duquel une correspondance est signalée.',
  },
  schema: screeningConfigSchema,
  defaultValue: DEFAULT_SCREENING_CONFIG,
});

export const screeningPolicySchema = z.object({
  /** Sensitivity given to what screening stores when the caller does not choose one. */
  sensitivity: z.object({
    /** Screenings hold rosters naming people. */
    screening: levelSchema,
    adjudication: levelSchema,
    review: levelSchema,
    /** Entries imported from the UN Security Council Consolidated List (a public list). */
    un: levelSchema,
    /** Entries imported from FollowTheMoney files. */
    ftm: levelSchema,
    /** The mission's own list of high-risk persons and units. */
    mission: levelSchema,
  }),
  /** Lists screened when a screening names none; null: every list there is (and the registry's implicit list). */
  defaultLists: z.array(z.string().min(1)).nullable(),
  /** Kinds of list that make a person "listed" for due diligence (isListed, listedPersonIds). */
  checkListKinds: z.array(z.enum(['un-sanctions', 'ftm', 'mission', 'registry'])).min(1),
  registryList: z.object({
    /** Whether registry persons linked to grave violations form the implicit list 'registry'. */
    enabled: z.boolean(),
    /** Violation types that count (as the incident records write them, compared without case or accents); empty: any. */
    violationTypes: z.array(z.string().min(1)),
    /** Also the persons who commanded a perpetrator unit (or a unit above it) when the incident happened. */
    commandResponsibility: z.boolean(),
    /** Bring the implicit list up to date before each screening that includes it. */
    syncBeforeScreening: z.boolean(),
  }),
  reviews: z.object({
    /** Raise a review for each new hit found when a list change re-runs an earlier screening. */
    onNewHits: z.boolean(),
    /** Raise a review for each hit the person screening could not see (an entry beyond their clearance). */
    onWithheld: z.boolean(),
  }),
});
export type ScreeningPolicy = z.infer<typeof screeningPolicySchema>;

export const DEFAULT_SCREENING_POLICY: ScreeningPolicy = {
  sensitivity: { screening: 'restricted', adjudication: 'restricted', review: 'restricted', un: 'public', ftm: 'internal', mission: 'restricted' },
  defaultLists: null,
  checkListKinds: ['un-sanctions', 'ftm', 'mission'],
  registryList: { enabled: true, violationTypes: [], commandResponsibility: true, syncBeforeScreening: true },
  reviews: { onNewHits: true, onWithheld: true },
};

export const policySetting = defineSetting<ScreeningPolicy>({
  key: POLICY_KEY,
  label: { en: 'Name screening: policy (sensitivity, lists, reviews)', fr: 'Criblage des noms : règles (sensibilité, listes, examens)' },
  description: {
    en: 'Sensitivity of screenings, adjudications, reviews and list entries; the lists screened by default; which registry persons form the implicit list; when a hit raises a review.',
    fr: 'Sensibilité des criblages, décisions, examens et entrées de liste ; listes criblées par défaut ; personnes du registre formant la liste implicite ; quand une correspondance donne lieu à un examen.',
  },
  schema: screeningPolicySchema,
  defaultValue: DEFAULT_SCREENING_POLICY,
});
