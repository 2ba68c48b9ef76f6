/**
 * Record types of the incidents domain (tables in migrations/0200_incidents.sql) and its settings.
 *
 * - 'incident': the event (dates with precision, place, acts, victim counts, verification status,
 *   grave-violation classification and any override). Its verification history is the sequence of its
 *   revisions that changed `verification_status` (each with the reason given), kept by the audit trail.
 * - 'incident-perpetrator': a link from an incident to a registry organisation (`unit_id`) or person
 *   (`person_id`), with the degree of involvement and the attribution confidence; a `perpetrator_type`
 *   (state security forces, armed group, militia, unknown…) where no unit is known.
 * - 'incident-victim': a named victim. Always at least restricted (need-to-know).
 * - 'incident-source': a source of an incident; who the source is (`identity`, `contact`) is a
 *   restricted field, and sources of the kinds that identify a person (witness, victim) are restricted
 *   records.
 * - 'incident-actor-mapping': how an actor name in ACLED or UCDP maps to a registry organisation (or is
 *   deliberately left unmapped), edited by analysts; imports use it and never guess.
 */
import { z } from 'zod';
import { levelSchema } from '../platform/access/policy.ts';
import { defineSetting } from '../platform/settings/settings.ts';
import { defineRecordType } from '../platform/store.ts';
import { DEFAULT_GRAVE_VIOLATION_RULES, graveViolationRulesSchema, type GraveViolationRules } from './classify.ts';
import { DEFAULT_VOCABULARY, vocabularySchema, type Vocabulary } from './vocabulary.ts';

export const T = {
  incident: 'incident',
  perpetrator: 'incident-perpetrator',
  victim: 'incident-victim',
  source: 'incident-source',
  actorMapping: 'incident-actor-mapping',
} as const;

defineRecordType({ name: T.incident, table: 'incidents', domain: 'incidents', json: ['acts', 'victims', 'classification', 'classification_override', 'source_data', 'external_ids'] });
defineRecordType({ name: T.perpetrator, table: 'incident_perpetrators', domain: 'incidents', json: ['external_ids'] });
defineRecordType({ name: T.victim, table: 'incident_victims', domain: 'incidents', json: ['external_ids'], defaultSensitivity: 'restricted' });
defineRecordType({
  name: T.source,
  table: 'incident_sources',
  domain: 'incidents',
  json: ['external_ids'],
  // who the source is: a witness's name, a contact's telephone
  fieldSensitivity: { identity: 'restricted', contact: 'restricted' },
});
defineRecordType({ name: T.actorMapping, table: 'incident_actor_mappings', domain: 'incidents', json: ['external_ids'] });

const label = z.object({ en: z.string().trim().min(1), fr: z.string().trim().min(1) });
const code = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a code is lower-case letters and digits separated by hyphens');

export const vocabularySetting = defineSetting<Vocabulary>({
  key: 'incidents.vocabulary',
  label: { en: 'Incident vocabularies (act types, perpetrator types, involvement, verification, ACLED and UCDP mappings)', fr: 'Vocabulaires des incidents (types d’actes, types d’auteurs, implication, vérification, correspondances ACLED et UCDP)' },
  schema: vocabularySchema as unknown as z.ZodType<Vocabulary>,
  defaultValue: DEFAULT_VOCABULARY,
});

export const rulesSetting = defineSetting<GraveViolationRules>({
  key: 'incidents.grave-violation-rules',
  label: { en: 'Grave-violation classification rules (HRDDP)', fr: 'Règles de qualification des violations graves (politique de diligence voulue)' },
  schema: graveViolationRulesSchema as unknown as z.ZodType<GraveViolationRules>,
  defaultValue: DEFAULT_GRAVE_VIOLATION_RULES,
});

export const policySchema = z.object({
  /** Sex and age groups victims are counted by. */
  victimSexes: z.array(z.object({ code, label })).min(1),
  victimAgeGroups: z.array(z.object({ code, label })).min(1),
  /** Kinds of source; `identifying` kinds (a witness, a victim) are filed at `sensitivity` at least. */
  sourceKinds: z.array(z.object({ code, label, sensitivity: levelSchema })).min(1),
  /** Least sensitivity of a named victim record. */
  victimSensitivity: levelSchema,
  /** Perpetrator type of a registry organisation named as perpetrator without one: by kind, then classification. */
  unitPerpetratorTypes: z.object({ byKind: z.record(z.string(), z.string()), byClassification: z.record(z.string(), z.string()), fallback: z.string() }),
  /**
   * How violation types written in SFM workbooks ('Meurtre;exécutions sommaires') read as act types: the
   * first pattern (a regular expression over the folded text: lower case, no accents) matching each
   * part; `fallbackActType` when none does.
   */
  sfmViolationTypes: z.object({ patterns: z.array(z.object({ pattern: z.string().min(1), actType: z.string().min(1) })), fallbackActType: z.string().min(1) }),
  /** What imported events get. */
  imports: z.object({
    verificationStatus: z.string().min(1),
    confidence: z.enum(['low', 'medium', 'high']),
    /** Least score of a registry organisation offered as a suggestion for an unmapped actor. */
    suggestionThreshold: z.number().min(0).max(1),
    suggestions: z.number().int().min(1).max(20),
  }),
});
export type IncidentPolicy = z.infer<typeof policySchema>;

const L = (en: string, fr: string) => ({ en, fr });

export const DEFAULT_POLICY: IncidentPolicy = {
  victimSexes: [
    { code: 'female', label: L('Female', 'Féminin') },
    { code: 'male', label: L('Male', 'Masculin') },
    { code: 'unknown', label: L('Not known', 'Inconnu') },
  ],
  victimAgeGroups: [
    { code: 'child', label: L('Child (under 18)', 'Enfant (moins de 18 ans)') },
    { code: 'adult', label: L('Adult', 'Adulte') },
    { code: 'elderly', label: L('Elderly (60 and over)', 'Personne âgée (60 ans et plus)') },
    { code: 'unknown', label: L('Not known', 'Inconnu') },
  ],
  sourceKinds: [
    { code: 'dataset', label: L('Conflict-event dataset (ACLED, UCDP)', 'Base de données d’événements (ACLED, UCDP)'), sensitivity: 'public' },
    { code: 'media', label: L('Media report', 'Article de presse'), sensitivity: 'public' },
    { code: 'ngo-report', label: L('NGO report', 'Rapport d’ONG'), sensitivity: 'public' },
    { code: 'un-report', label: L('UN report', 'Rapport des Nations Unies'), sensitivity: 'internal' },
    { code: 'field-report', label: L('Mission field report', 'Rapport de terrain de la mission'), sensitivity: 'internal' },
    { code: 'official', label: L('Host-state authority', 'Autorité de l’État hôte'), sensitivity: 'internal' },
    { code: 'witness', label: L('Witness', 'Témoin'), sensitivity: 'restricted' },
    { code: 'victim', label: L('Victim or relative', 'Victime ou proche'), sensitivity: 'restricted' },
    { code: 'other', label: L('Other', 'Autre'), sensitivity: 'internal' },
  ],
  victimSensitivity: 'restricted',
  unitPerpetratorTypes: {
    byKind: { 'armed-group': 'armed-group', 'peacekeeping-contingent': 'external-forces' },
    byClassification: {
      militia: 'militia',
      'armed-group': 'armed-group',
      army: 'armed-forces',
      military: 'armed-forces',
      'air-force': 'armed-forces',
      navy: 'armed-forces',
      'presidential-guard': 'armed-forces',
      'special-forces': 'armed-forces',
      police: 'police',
      gendarmerie: 'police',
      'border-guard': 'police',
      intelligence: 'intelligence-services',
      'prison-service': 'prison-services',
    },
    fallback: 'state-security-forces',
  },
  sfmViolationTypes: {
    patterns: [
      { pattern: '\\bexecutions? (sommaires?|extrajudiciaires?)|\\bsummary execution|\\bextrajudicial', actType: 'summary-execution' },
      { pattern: '\\bdeces en detention|\\bdeath in custody', actType: 'death-in-custody' },
      { pattern: '\\bmeurtres?\\b|\\bassassinats?\\b|\\bhomicides?\\b|\\bkilling|\\bmurder', actType: 'killing' },
      { pattern: '\\btortures?\\b', actType: 'torture' },
      { pattern: '\\besclavage sexuel|\\bsexual slavery', actType: 'sexual-slavery' },
      { pattern: '\\bviols?\\b|\\brapes?\\b', actType: 'rape' },
      { pattern: '\\bviolences? sexuel|\\bsexual violence', actType: 'sexual-violence' },
      { pattern: '\\bdisparitions? forcees?|\\benforced disappearance', actType: 'enforced-disappearance' },
      { pattern: '\\benlevements?\\b|\\babductions?\\b|\\bkidnapping', actType: 'abduction' },
      { pattern: '\\barrestations?|\\bdetentions? arbitraires?|\\barbitrary (arrest|detention)', actType: 'arbitrary-arrest' },
      { pattern: '\\bmauvais traitements?|\\bill treatment|\\btraitements? (cruels|inhumains|degradants)', actType: 'ill-treatment' },
      { pattern: '\\brecrutement|\\benfants? soldats?|\\bchild soldiers?|\\brecruitment', actType: 'recruitment-and-use-of-children' },
      { pattern: '\\bpillages?\\b|\\blooting', actType: 'looting' },
      { pattern: '\\bextorsions?\\b|\\bextortion|\\brackets?\\b', actType: 'extortion-at-roadblocks' },
      { pattern: '\\bdestructions?\\b|\\bincendies?\\b|\\barson|\\bburning', actType: 'destruction-of-property' },
      { pattern: '\\bdeplacements? forces?|\\bforced displacement', actType: 'forced-displacement' },
      { pattern: '\\bexces de force|\\busage excessif|\\bexcessive (use of )?force', actType: 'excessive-use-of-force' },
      { pattern: '\\bmenaces?\\b|\\bintimidation|\\bthreats?\\b', actType: 'threats' },
    ],
    fallbackActType: 'unspecified-violence',
  },
  imports: { verificationStatus: 'reported', confidence: 'medium', suggestionThreshold: 0.55, suggestions: 3 },
};

export const policySetting = defineSetting<IncidentPolicy>({
  key: 'incidents.policy',
  label: { en: 'Incidents: victim groups, source kinds, protection of victims and sources, import defaults', fr: 'Incidents : catégories de victimes, types de sources, protection des victimes et des sources, valeurs des imports' },
  schema: policySchema as unknown as z.ZodType<IncidentPolicy>,
  defaultValue: DEFAULT_POLICY,
});
