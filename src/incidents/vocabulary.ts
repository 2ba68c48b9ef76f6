/**
 * Incident vocabularies as data: act types (hierarchical), perpetrator types, degrees of involvement,
 * verification statuses, incident flags, and the mappings from ACLED and UCDP codes to them.
 *
 * `DEFAULT_VOCABULARY` is only the starting value of an administrator-editable setting: every function
 * here takes the vocabulary in force as a parameter. `validateVocabulary` names each faulty entry;
 * `vocabularySchema` (zod) runs the same checks so a setting store can refuse a broken vocabulary.
 * Look-ups are indexed once per vocabulary object: treat a vocabulary as immutable (a changed setting
 * is a new object). Pure module, no I/O.
 */
import { z } from 'zod';

export type Lang = 'en' | 'fr';

export interface Labels {
  en: string;
  fr: string;
}

export const SEVERITIES = ['low', 'moderate', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_LABELS: Record<Severity, Labels> = {
  low: { en: 'Low', fr: 'Faible' },
  moderate: { en: 'Moderate', fr: 'Modérée' },
  high: { en: 'High', fr: 'Élevée' },
  critical: { en: 'Critical', fr: 'Critique' },
};

/** A plain vocabulary entry. */
export interface Term {
  code: string;
  labels: Labels;
  description?: Labels;
}

export interface ActType extends Term {
  /** Code of the broader act type, or null for a top-level type. */
  parent: string | null;
  /** How serious the act is in itself (a hint for triage and display, not a legal finding). */
  severity: Severity;
  /**
   * Hint: the grave-violation category (see classify.ts) this act type most directly falls under, or
   * null. Whether an incident *is* a grave violation is decided by the classification rules.
   */
  graveViolationCategory: string | null;
}

export interface PerpetratorType extends Term {
  parent: string | null;
  /** Agents of the state (the recipients the HRDDP is about). */
  stateAgent: boolean;
  /**
   * false for groups that are normally the targets rather than the authors of violence (civilians,
   * protesters): they are not counted among an imported event's perpetrator types.
   */
  armed: boolean | null;
}

export interface VerificationStatus extends Term {
  /** Confidence order: higher means better established; unsubstantiated is lowest. */
  rank: number;
}

/** ACLED `inter1`/`inter2`: numeric codes (up to 2023) and labels (2024 onward). */
export interface AcledInterMapping {
  code: number;
  /** The label as ACLED writes it from 2024 (data, matched case-insensitively). */
  acledLabel: string;
  perpetratorType: string;
}

export interface AcledActMapping {
  /** ACLED event type as written (matched ignoring case, spaces and punctuation). */
  eventType: string;
  /** Sub-event type; absent = any sub-event type (or none). */
  subEventType?: string;
  /** Only rows without a sub-event type (the pre-2019 layout). */
  withoutSubEventType?: boolean;
  when?: {
    fatalities?: 'positive' | 'zero';
    civilianTargeting?: boolean;
    /** Any of the event's perpetrator types is (or descends from) one of these. */
    perpetratorTypes?: string[];
    /** None of the event's perpetrator types is (or descends from) one of these. */
    notPerpetratorTypes?: string[];
  };
  actTypes: string[];
}

export interface UcdpTypeOfViolence {
  code: number;
  labels: Labels;
  /** Perpetrator type of a side whose name matches no side pattern. */
  defaultSideType: string;
  /** Side B is the victim (one-sided violence: "Civilians"), not a party. */
  sideBIsVictims: boolean;
}

export interface UcdpActMapping {
  typeOfViolence: number;
  when?: {
    /** Best (or, when best is 0, high) estimate of deaths. */
    deaths?: 'positive' | 'zero';
    civilianDeaths?: 'positive' | 'zero';
  };
  actTypes: string[];
}

export interface Vocabulary {
  actTypes: ActType[];
  perpetratorTypes: PerpetratorType[];
  involvementDegrees: Term[];
  verificationStatuses: VerificationStatus[];
  /** Facts about an incident that classification rules may require (armed-conflict nexus, …). */
  incidentFlags: Term[];
  acled: { inter: AcledInterMapping[]; actMappings: AcledActMapping[] };
  ucdp: {
    typesOfViolence: UcdpTypeOfViolence[];
    /** Side names matching `pattern` (a case-insensitive regular expression) get `perpetratorType`. */
    sidePatterns: { pattern: string; perpetratorType: string }[];
    actMappings: UcdpActMapping[];
  };
}

const act = (
  code: string,
  parent: string | null,
  en: string,
  fr: string,
  severity: Severity,
  graveViolationCategory: string | null = null,
): ActType => ({ code, parent, labels: { en, fr }, severity, graveViolationCategory });

const perp = (code: string, parent: string | null, en: string, fr: string, stateAgent: boolean, armed: boolean | null): PerpetratorType => ({
  code,
  parent,
  labels: { en, fr },
  stateAgent,
  armed,
});

const term = (code: string, en: string, fr: string): Term => ({ code, labels: { en, fr } });

const ANY_STATE = ['state-security-forces'];

export const DEFAULT_VOCABULARY: Vocabulary = {
  actTypes: [
    act('killing', null, 'Killing', 'Meurtre', 'critical'),
    act('summary-execution', 'killing', 'Summary or extrajudicial execution', 'Exécution sommaire ou extrajudiciaire', 'critical', 'summary-execution'),
    act('death-in-custody', 'killing', 'Death in custody', 'Décès en détention', 'critical', 'summary-execution'),
    act('physical-assault', null, 'Physical assault causing injury', "Atteinte à l'intégrité physique (blessures)", 'high'),
    act('torture', null, 'Torture', 'Torture', 'critical', 'torture'),
    act('ill-treatment', null, 'Cruel, inhuman or degrading treatment', 'Traitements cruels, inhumains ou dégradants', 'high'),
    act('sexual-violence', null, 'Sexual violence', 'Violences sexuelles', 'high', 'rape-and-sexual-violence'),
    act('rape', 'sexual-violence', 'Rape', 'Viol', 'critical', 'rape-and-sexual-violence'),
    act('sexual-slavery', 'sexual-violence', 'Sexual slavery', 'Esclavage sexuel', 'critical', 'rape-and-sexual-violence'),
    act('forced-marriage', 'sexual-violence', 'Forced marriage', 'Mariage forcé', 'high'),
    act('other-sexual-violence', 'sexual-violence', 'Other sexual violence', 'Autres violences sexuelles', 'high'),
    act('deprivation-of-liberty', null, 'Deprivation of liberty', 'Privation de liberté', 'moderate'),
    act('arbitrary-arrest', 'deprivation-of-liberty', 'Arbitrary arrest and detention', 'Arrestation et détention arbitraires', 'moderate'),
    act('enforced-disappearance', 'deprivation-of-liberty', 'Enforced disappearance', 'Disparition forcée', 'critical', 'enforced-disappearance'),
    act('abduction', 'deprivation-of-liberty', 'Abduction', 'Enlèvement', 'high'),
    act('enslavement', null, 'Enslavement and forced labour', 'Réduction en esclavage et travail forcé', 'critical', 'enslavement'),
    act('recruitment-and-use-of-children', null, 'Recruitment and use of children', "Recrutement et utilisation d'enfants", 'high', 'war-crime'),
    act('attack-on-school-or-hospital', null, 'Attack on a school or hospital', 'Attaque contre une école ou un hôpital', 'high', 'war-crime'),
    act('property-violations', null, 'Looting or destruction of property', 'Pillage ou destruction de biens', 'moderate'),
    act('looting', 'property-violations', 'Looting', 'Pillage', 'moderate'),
    act('destruction-of-property', 'property-violations', 'Destruction of property', 'Destruction de biens', 'moderate'),
    act('extortion-at-roadblocks', null, 'Extortion at illegal roadblocks', 'Extorsion aux barrières illégales', 'moderate'),
    act('forced-displacement', null, 'Forced displacement', 'Déplacement forcé', 'high'),
    act('refoulement', null, 'Refoulement', 'Refoulement', 'high', 'refoulement'),
    act('denial-of-humanitarian-access', null, 'Denial of humanitarian access', "Entrave à l'accès humanitaire", 'high'),
    act('threats', null, 'Threats and intimidation', 'Menaces et intimidation', 'low'),
    act('excessive-use-of-force', null, 'Excessive use of force', 'Usage excessif de la force', 'high'),
    act('civilian-harm-in-hostilities', null, 'Civilian casualties in hostilities', 'Victimes civiles des hostilités', 'high'),
    act('unspecified-violence', null, 'Violence against civilians (type not specified)', 'Violence contre des civils (type non précisé)', 'moderate'),
  ],
  perpetratorTypes: [
    perp('state-security-forces', null, 'State security forces', "Forces de sécurité de l'État", true, true),
    perp('armed-forces', 'state-security-forces', 'Armed forces', 'Forces armées', true, true),
    perp('police', 'state-security-forces', 'Police and gendarmerie', 'Police et gendarmerie', true, true),
    perp('intelligence-services', 'state-security-forces', 'Intelligence services', 'Services de renseignement', true, true),
    perp('prison-services', 'state-security-forces', 'Prison services', 'Administration pénitentiaire', true, true),
    perp('armed-group', null, 'Non-state armed group', 'Groupe armé non étatique', false, true),
    perp('militia', null, 'Militia', 'Milice', false, true),
    perp('political-militia', 'militia', 'Political militia', 'Milice politique', false, true),
    perp('identity-militia', 'militia', 'Identity (communal or ethnic) militia', 'Milice identitaire (communautaire ou ethnique)', false, true),
    perp('pro-government-militia', 'militia', 'Pro-government militia', 'Milice progouvernementale', false, true),
    perp('external-forces', null, 'External or other forces (foreign, international, private security)', 'Forces extérieures ou autres (étrangères, internationales, sécurité privée)', false, true),
    perp('rioters', null, 'Rioters', 'Émeutiers', false, null),
    perp('protesters', null, 'Protesters', 'Manifestants', false, false),
    perp('civilians', null, 'Civilians', 'Civils', false, false),
    perp('other', null, 'Other', 'Autre', false, null),
    perp('unknown', null, 'Unknown or unidentified', 'Inconnu ou non identifié', false, null),
  ],
  involvementDegrees: [
    term('direct-perpetrator', 'Direct perpetrator', 'Auteur direct'),
    term('ordered', 'Ordered', 'A ordonné'),
    term('planned', 'Planned or organised', 'A planifié ou organisé'),
    term('incited', 'Incited', 'A incité'),
    term('commander', 'Commander of the unit involved', "Commandant de l'unité impliquée"),
    term('aided', 'Aided, abetted or assisted', 'A aidé, encouragé ou assisté'),
    term('failure-to-prevent-or-punish', 'Failed to prevent or punish', 'Manquement à prévenir ou à punir'),
    term('present', 'Present at the scene', 'Présent sur les lieux'),
    term('unknown', 'Involvement unknown', 'Implication inconnue'),
  ],
  verificationStatuses: [
    { ...term('unsubstantiated', 'Unsubstantiated', 'Non corroboré'), rank: 0 },
    { ...term('reported', 'Reported, not yet assessed', 'Signalé, non encore évalué'), rank: 1 },
    { ...term('credible', 'Credible', 'Crédible'), rank: 2 },
    { ...term('verified', 'Verified', 'Vérifié'), rank: 3 },
  ],
  incidentFlags: [
    term('armed-conflict-nexus', 'Committed in the context of and associated with an armed conflict', "Commis dans le contexte d'un conflit armé et associé à celui-ci"),
    term('widespread-or-systematic', 'Part of a widespread or systematic attack against a civilian population', "S'inscrit dans une attaque généralisée ou systématique contre une population civile"),
    term('victims-include-children', 'Victims include children (under 18)', 'Les victimes comprennent des enfants (moins de 18 ans)'),
    term('children-under-15', 'Victims include children under 15', 'Les victimes comprennent des enfants de moins de 15 ans'),
  ],
  acled: {
    inter: [
      { code: 1, acledLabel: 'State forces', perpetratorType: 'state-security-forces' },
      { code: 2, acledLabel: 'Rebel group', perpetratorType: 'armed-group' },
      { code: 3, acledLabel: 'Political militia', perpetratorType: 'political-militia' },
      { code: 4, acledLabel: 'Identity militia', perpetratorType: 'identity-militia' },
      { code: 5, acledLabel: 'Rioters', perpetratorType: 'rioters' },
      { code: 6, acledLabel: 'Protesters', perpetratorType: 'protesters' },
      { code: 7, acledLabel: 'Civilians', perpetratorType: 'civilians' },
      { code: 8, acledLabel: 'External/Other forces', perpetratorType: 'external-forces' },
    ],
    actMappings: [
      // Current event types (2019 onward).
      { eventType: 'Violence against civilians', subEventType: 'Attack', when: { fatalities: 'positive' }, actTypes: ['killing'] },
      { eventType: 'Violence against civilians', subEventType: 'Attack', when: { fatalities: 'zero' }, actTypes: ['physical-assault'] },
      { eventType: 'Violence against civilians', subEventType: 'Sexual violence', actTypes: ['sexual-violence'] },
      { eventType: 'Violence against civilians', subEventType: 'Sexual violence', when: { fatalities: 'positive' }, actTypes: ['killing'] },
      { eventType: 'Violence against civilians', subEventType: 'Abduction/forced disappearance', when: { perpetratorTypes: ANY_STATE }, actTypes: ['enforced-disappearance'] },
      { eventType: 'Violence against civilians', subEventType: 'Abduction/forced disappearance', when: { notPerpetratorTypes: ANY_STATE }, actTypes: ['abduction'] },
      { eventType: 'Violence against civilians', subEventType: 'Abduction/forced disappearance', when: { fatalities: 'positive' }, actTypes: ['killing'] },
      { eventType: 'Explosions/Remote violence', when: { civilianTargeting: true, fatalities: 'positive' }, actTypes: ['killing'] },
      { eventType: 'Explosions/Remote violence', when: { civilianTargeting: true, fatalities: 'zero' }, actTypes: ['physical-assault'] },
      { eventType: 'Riots', subEventType: 'Mob violence', when: { civilianTargeting: true, fatalities: 'positive' }, actTypes: ['killing'] },
      { eventType: 'Riots', subEventType: 'Mob violence', when: { civilianTargeting: true, fatalities: 'zero' }, actTypes: ['physical-assault'] },
      { eventType: 'Protests', subEventType: 'Excessive force against protesters', actTypes: ['excessive-use-of-force'] },
      { eventType: 'Protests', subEventType: 'Excessive force against protesters', when: { fatalities: 'positive' }, actTypes: ['killing'] },
      { eventType: 'Strategic developments', subEventType: 'Looting/property destruction', actTypes: ['property-violations'] },
      { eventType: 'Strategic developments', subEventType: 'Arrests', actTypes: ['deprivation-of-liberty'] },
      // Before 2019: no sub-event types.
      { eventType: 'Violence against civilians', withoutSubEventType: true, when: { fatalities: 'positive' }, actTypes: ['killing'] },
      { eventType: 'Violence against civilians', withoutSubEventType: true, when: { fatalities: 'zero' }, actTypes: ['unspecified-violence'] },
    ],
  },
  ucdp: {
    typesOfViolence: [
      { code: 1, labels: { en: 'State-based conflict', fr: 'Conflit impliquant un État' }, defaultSideType: 'armed-group', sideBIsVictims: false },
      { code: 2, labels: { en: 'Non-state conflict', fr: 'Conflit non étatique' }, defaultSideType: 'armed-group', sideBIsVictims: false },
      { code: 3, labels: { en: 'One-sided violence (against civilians)', fr: 'Violence unilatérale (contre des civils)' }, defaultSideType: 'armed-group', sideBIsVictims: true },
    ],
    sidePatterns: [{ pattern: '^Government of ', perpetratorType: 'state-security-forces' }],
    actMappings: [
      { typeOfViolence: 3, when: { deaths: 'positive' }, actTypes: ['killing'] },
      { typeOfViolence: 3, when: { deaths: 'zero' }, actTypes: ['unspecified-violence'] },
      { typeOfViolence: 1, when: { civilianDeaths: 'positive' }, actTypes: ['civilian-harm-in-hostilities'] },
      { typeOfViolence: 2, when: { civilianDeaths: 'positive' }, actTypes: ['civilian-harm-in-hostilities'] },
    ],
  },
};

// ---------------------------------------------------------------------------------------------------
// Look-ups (indexed once per vocabulary object).

interface Index {
  actTypes: Map<string, ActType>;
  perpetratorTypes: Map<string, PerpetratorType>;
  interByCode: Map<number, AcledInterMapping>;
  interByLabel: Map<string, AcledInterMapping>;
  sidePatterns: { re: RegExp; perpetratorType: string }[];
  /** ACLED act mappings with their event and sub-event types normalised once. */
  acledMappings: { eventType: string; subEventType: string | undefined; m: AcledActMapping }[];
}

const indexes = new WeakMap<Vocabulary, Index>();

function index(v: Vocabulary): Index {
  let ix = indexes.get(v);
  if (!ix) {
    const sidePatterns: Index['sidePatterns'] = [];
    for (const p of v.ucdp.sidePatterns) {
      try {
        sidePatterns.push({ re: new RegExp(p.pattern, 'i'), perpetratorType: p.perpetratorType });
      } catch {
        // an invalid pattern is reported by validateVocabulary; here it simply never matches
      }
    }
    ix = {
      actTypes: new Map(v.actTypes.map((a) => [a.code, a])),
      perpetratorTypes: new Map(v.perpetratorTypes.map((p) => [p.code, p])),
      interByCode: new Map(v.acled.inter.map((m) => [m.code, m])),
      interByLabel: new Map(v.acled.inter.map((m) => [normaliseKey(m.acledLabel), m])),
      sidePatterns,
      acledMappings: v.acled.actMappings.map((m) => ({ eventType: normaliseKey(m.eventType), subEventType: m.subEventType === undefined ? undefined : normaliseKey(m.subEventType), m })),
    };
    indexes.set(v, ix);
  }
  return ix;
}

/** Lower case, letters and digits only: 'Battle-No change of territory' ≡ 'battle - no change of territory'. */
export function normaliseKey(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

function chain<T extends { code: string; parent: string | null }>(code: string, map: Map<string, T>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  let cur = map.get(code);
  while (cur && !seen.has(cur.code)) {
    seen.add(cur.code);
    out.push(cur.code);
    cur = cur.parent ? map.get(cur.parent) : undefined;
  }
  return out;
}

/** The act type itself and its broader types, nearest first ('rape' → ['rape', 'sexual-violence']). */
export function actTypeLineage(code: string, vocabulary: Vocabulary): string[] {
  return chain(code, index(vocabulary).actTypes);
}

/** Whether act type `code` is `ancestor` or falls under it. */
export function isActTypeWithin(code: string, ancestor: string, vocabulary: Vocabulary): boolean {
  return actTypeLineage(code, vocabulary).includes(ancestor);
}

/** The act type and every narrower type under it. */
export function actTypeDescendants(code: string, vocabulary: Vocabulary): string[] {
  const out = [code];
  for (let i = 0; i < out.length; i++) {
    for (const a of vocabulary.actTypes) if (a.parent === out[i] && !out.includes(a.code)) out.push(a.code);
  }
  return out;
}

export function perpetratorTypeLineage(code: string, vocabulary: Vocabulary): string[] {
  return chain(code, index(vocabulary).perpetratorTypes);
}

export function isPerpetratorTypeWithin(code: string, ancestor: string, vocabulary: Vocabulary): boolean {
  return perpetratorTypeLineage(code, vocabulary).includes(ancestor);
}

export function findActType(code: string, vocabulary: Vocabulary): ActType | undefined {
  return index(vocabulary).actTypes.get(code);
}

export function findPerpetratorType(code: string, vocabulary: Vocabulary): PerpetratorType | undefined {
  return index(vocabulary).perpetratorTypes.get(code);
}

export type VocabularyList = 'actTypes' | 'perpetratorTypes' | 'involvementDegrees' | 'verificationStatuses' | 'incidentFlags';

/** The label of a code in a list, in the language asked; the code itself when unknown. */
export function labelOf(list: VocabularyList, code: string, lang: Lang, vocabulary: Vocabulary): string {
  const entry = (vocabulary[list] as Term[]).find((t) => t.code === code);
  return entry ? entry.labels[lang] : code;
}

/**
 * ACLED `inter1`/`inter2` value → inter code 1–8: accepts numeric codes ('1', 1) and the 2024 labels
 * ('State forces'). Returns null for empty or 0 (no actor); undefined when not recognised.
 */
export function acledInterCode(value: string | number | null | undefined, vocabulary: Vocabulary): number | null | undefined {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  if (!s) return null;
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    if (n === 0) return null;
    return index(vocabulary).interByCode.has(n) ? n : undefined;
  }
  return index(vocabulary).interByLabel.get(normaliseKey(s))?.code;
}

/** ACLED inter code or label → perpetrator type code (undefined when not recognised, null when empty). */
export function acledInterPerpetratorType(value: string | number | null | undefined, vocabulary: Vocabulary): string | null | undefined {
  const code = acledInterCode(value, vocabulary);
  if (code === null || code === undefined) return code;
  return index(vocabulary).interByCode.get(code)?.perpetratorType;
}

/**
 * ACLED `interaction` → [inter code of actor 1, inter code of actor 2 or null]: '17' → [1, 7],
 * '10' → [1, null], 'State forces-Civilians' → [1, 7], 'State forces only' → [1, null].
 */
export function acledInteraction(value: string | null | undefined, vocabulary: Vocabulary): [number, number | null] | null {
  const s = (value ?? '').trim();
  if (!s) return null;
  if (/^\d{1,2}$/.test(s)) {
    const a = Number(s.length === 2 ? s[0] : s);
    const b = s.length === 2 ? Number(s[1]) : 0;
    if (!index(vocabulary).interByCode.has(a)) return null;
    return [a, b === 0 ? null : b];
  }
  const only = /^(.*?)\s+only$/i.exec(s);
  if (only) {
    const a = acledInterCode(only[1], vocabulary);
    return typeof a === 'number' ? [a, null] : null;
  }
  const parts = s.split(/\s*-\s*/);
  if (parts.length !== 2) return null;
  const a = acledInterCode(parts[0], vocabulary);
  const b = acledInterCode(parts[1], vocabulary);
  return typeof a === 'number' && typeof b === 'number' ? [a, b] : null;
}

/** Perpetrator types of parties, leaving out unarmed groups (civilians, protesters) and duplicates. */
export function armedPerpetratorTypes(types: (string | null | undefined)[], vocabulary: Vocabulary): string[] {
  const out: string[] = [];
  for (const t of types) {
    if (!t || out.includes(t)) continue;
    if (findPerpetratorType(t, vocabulary)?.armed === false) continue;
    out.push(t);
  }
  return out;
}

function anyWithin(types: string[], ancestors: string[], vocabulary: Vocabulary): boolean {
  return types.some((t) => ancestors.some((a) => isPerpetratorTypeWithin(t, a, vocabulary)));
}

export interface AcledMappingInput {
  eventType: string;
  subEventType?: string | null;
  fatalities?: number | null;
  civilianTargeting?: boolean | null;
  perpetratorTypes?: string[];
}

/** Act types an ACLED event suggests (union of every matching mapping, in mapping order, no duplicates). */
export function mapAcledActTypes(e: AcledMappingInput, vocabulary: Vocabulary): string[] {
  const et = normaliseKey(e.eventType ?? '');
  const sub = e.subEventType ? normaliseKey(e.subEventType) : '';
  const perps = e.perpetratorTypes ?? [];
  const out: string[] = [];
  for (const { eventType, subEventType, m } of index(vocabulary).acledMappings) {
    if (eventType !== et) continue;
    if (m.withoutSubEventType && sub) continue;
    if (subEventType !== undefined && subEventType !== sub) continue;
    const w = m.when ?? {};
    if (w.fatalities === 'positive' && !((e.fatalities ?? 0) > 0)) continue;
    if (w.fatalities === 'zero' && (e.fatalities ?? 0) > 0) continue;
    if (w.civilianTargeting !== undefined && (e.civilianTargeting ?? false) !== w.civilianTargeting) continue;
    if (w.perpetratorTypes && !anyWithin(perps, w.perpetratorTypes, vocabulary)) continue;
    if (w.notPerpetratorTypes && anyWithin(perps, w.notPerpetratorTypes, vocabulary)) continue;
    for (const a of m.actTypes) if (!out.includes(a)) out.push(a);
  }
  return out;
}

export interface UcdpMappingInput {
  typeOfViolence: number;
  best?: number | null;
  high?: number | null;
  deathsCivilians?: number | null;
}

/** Act types a UCDP event suggests. */
export function mapUcdpActTypes(e: UcdpMappingInput, vocabulary: Vocabulary): string[] {
  const deaths = (e.best ?? 0) > 0 || (e.high ?? 0) > 0;
  const civ = (e.deathsCivilians ?? 0) > 0;
  const out: string[] = [];
  for (const m of vocabulary.ucdp.actMappings) {
    if (m.typeOfViolence !== e.typeOfViolence) continue;
    const w = m.when ?? {};
    if (w.deaths === 'positive' && !deaths) continue;
    if (w.deaths === 'zero' && deaths) continue;
    if (w.civilianDeaths === 'positive' && !civ) continue;
    if (w.civilianDeaths === 'zero' && civ) continue;
    for (const a of m.actTypes) if (!out.includes(a)) out.push(a);
  }
  return out;
}

/** Perpetrator type of a UCDP side (side_a or side_b) under a type of violence. */
export function ucdpSidePerpetratorType(side: string, typeOfViolence: number, vocabulary: Vocabulary): string {
  const name = side.trim();
  if (!name) return 'unknown';
  for (const p of index(vocabulary).sidePatterns) if (p.re.test(name)) return p.perpetratorType;
  return vocabulary.ucdp.typesOfViolence.find((t) => t.code === typeOfViolence)?.defaultSideType ?? 'unknown';
}

/** Perpetrator types of a UCDP event: both sides, or side A alone when side B is the victims. */
export function ucdpPerpetratorTypes(sideA: string, sideB: string, typeOfViolence: number, vocabulary: Vocabulary): string[] {
  const tv = vocabulary.ucdp.typesOfViolence.find((t) => t.code === typeOfViolence);
  const types = [ucdpSidePerpetratorType(sideA, typeOfViolence, vocabulary)];
  if (tv && !tv.sideBIsVictims) types.push(ucdpSidePerpetratorType(sideB, typeOfViolence, vocabulary));
  return armedPerpetratorTypes(types, vocabulary);
}

// ---------------------------------------------------------------------------------------------------
// Validation.

export interface VocabularyError {
  /** Where: 'actTypes[3]', 'acled.actMappings[2].actTypes[0]'. */
  path: string;
  /** The entry named (its code, or the mapping's event type), when there is one. */
  entry?: string;
  en: string;
  fr: string;
}

const CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Checks a vocabulary: codes well formed and unique per list, labels in both languages, parents exist, no cycles, mappings refer to known codes. */
export function validateVocabulary(v: Vocabulary): VocabularyError[] {
  const errors: VocabularyError[] = [];
  const err = (path: string, entry: string | undefined, en: string, fr: string) => errors.push({ path, entry, en, fr });

  const checkList = <T extends Term & { parent?: string | null }>(name: string, list: T[], hierarchical: boolean) => {
    const seen = new Map<string, number>();
    list.forEach((t, i) => {
      const path = `${name}[${i}]`;
      if (!CODE.test(t.code ?? '')) err(path, t.code, `${name}: code "${t.code}" must be lower-case words joined by hyphens`, `${name} : le code « ${t.code} » doit être fait de mots en minuscules reliés par des traits d'union`);
      if (seen.has(t.code)) err(path, t.code, `${name}: code "${t.code}" is used twice (entries ${seen.get(t.code)} and ${i})`, `${name} : le code « ${t.code} » est employé deux fois (entrées ${seen.get(t.code)} et ${i})`);
      else seen.set(t.code, i);
      if (!t.labels?.en?.trim()) err(path, t.code, `${name}: "${t.code}" has no English label`, `${name} : « ${t.code} » n'a pas de libellé anglais`);
      if (!t.labels?.fr?.trim()) err(path, t.code, `${name}: "${t.code}" has no French label`, `${name} : « ${t.code} » n'a pas de libellé français`);
    });
    if (!hierarchical) return;
    const byCode = new Map(list.map((t) => [t.code, t]));
    list.forEach((t, i) => {
      const path = `${name}[${i}]`;
      if (t.parent === null || t.parent === undefined) return;
      if (!byCode.has(t.parent)) {
        err(path, t.code, `${name}: parent "${t.parent}" of "${t.code}" does not exist`, `${name} : le parent « ${t.parent} » de « ${t.code} » n'existe pas`);
        return;
      }
      const trail = [t.code];
      let cur: string | null | undefined = t.parent;
      while (cur) {
        if (cur === t.code) {
          err(path, t.code, `${name}: "${t.code}" is its own ancestor (${[...trail, cur].join(' → ')})`, `${name} : « ${t.code} » est son propre ancêtre (${[...trail, cur].join(' → ')})`);
          break;
        }
        if (trail.includes(cur)) break; // a cycle further up, reported on its own members
        trail.push(cur);
        cur = byCode.get(cur)?.parent;
      }
    });
  };

  checkList('actTypes', v.actTypes, true);
  checkList('perpetratorTypes', v.perpetratorTypes, true);
  checkList('involvementDegrees', v.involvementDegrees, false);
  checkList('verificationStatuses', v.verificationStatuses, false);
  checkList('incidentFlags', v.incidentFlags, false);

  v.actTypes.forEach((a, i) => {
    if (!(SEVERITIES as readonly string[]).includes(a.severity)) err(`actTypes[${i}].severity`, a.code, `actTypes: severity "${a.severity}" of "${a.code}" is not one of ${SEVERITIES.join(', ')}`, `actTypes : la gravité « ${a.severity} » de « ${a.code} » n'est pas l'une de ${SEVERITIES.join(', ')}`);
  });

  const acts = new Set(v.actTypes.map((a) => a.code));
  const perps = new Set(v.perpetratorTypes.map((p) => p.code));
  const checkRefs = (path: string, entry: string, codes: string[] | undefined, known: Set<string>, kind: { en: string; fr: string }) => {
    (codes ?? []).forEach((c, j) => {
      if (!known.has(c)) err(`${path}[${j}]`, entry, `${path}: unknown ${kind.en} "${c}"`, `${path} : ${kind.fr} inconnu « ${c} »`);
    });
  };
  const ACT = { en: 'act type', fr: "type d'acte" };
  const PERP = { en: 'perpetrator type', fr: "type d'auteur" };

  const interCodes = new Set<number>();
  v.acled.inter.forEach((m, i) => {
    const path = `acled.inter[${i}]`;
    if (interCodes.has(m.code)) err(path, String(m.code), `acled.inter: code ${m.code} is mapped twice`, `acled.inter : le code ${m.code} est associé deux fois`);
    interCodes.add(m.code);
    checkRefs(`${path}.perpetratorType`, String(m.code), [m.perpetratorType], perps, PERP);
  });
  v.acled.actMappings.forEach((m, i) => {
    const path = `acled.actMappings[${i}]`;
    const entry = m.subEventType ? `${m.eventType} / ${m.subEventType}` : m.eventType;
    if (!m.eventType?.trim()) err(path, entry, `${path}: no event type`, `${path} : aucun type d'événement`);
    if (m.withoutSubEventType && m.subEventType) err(path, entry, `${path}: "withoutSubEventType" contradicts sub-event type "${m.subEventType}"`, `${path} : « withoutSubEventType » contredit le sous-type « ${m.subEventType} »`);
    checkRefs(`${path}.actTypes`, entry, m.actTypes, acts, ACT);
    checkRefs(`${path}.when.perpetratorTypes`, entry, m.when?.perpetratorTypes, perps, PERP);
    checkRefs(`${path}.when.notPerpetratorTypes`, entry, m.when?.notPerpetratorTypes, perps, PERP);
  });
  const tov = new Set<number>();
  v.ucdp.typesOfViolence.forEach((t, i) => {
    const path = `ucdp.typesOfViolence[${i}]`;
    if (tov.has(t.code)) err(path, String(t.code), `ucdp.typesOfViolence: code ${t.code} is defined twice`, `ucdp.typesOfViolence : le code ${t.code} est défini deux fois`);
    tov.add(t.code);
    if (!t.labels?.en?.trim() || !t.labels?.fr?.trim()) err(path, String(t.code), `ucdp.typesOfViolence: type ${t.code} needs English and French labels`, `ucdp.typesOfViolence : le type ${t.code} doit avoir des libellés anglais et français`);
    checkRefs(`${path}.defaultSideType`, String(t.code), [t.defaultSideType], perps, PERP);
  });
  v.ucdp.sidePatterns.forEach((p, i) => {
    const path = `ucdp.sidePatterns[${i}]`;
    try {
      new RegExp(p.pattern, 'i');
    } catch {
      err(`${path}.pattern`, p.pattern, `${path}: "${p.pattern}" is not a valid regular expression`, `${path} : « ${p.pattern} » n'est pas une expression régulière valide`);
    }
    checkRefs(`${path}.perpetratorType`, p.pattern, [p.perpetratorType], perps, PERP);
  });
  v.ucdp.actMappings.forEach((m, i) => {
    const path = `ucdp.actMappings[${i}]`;
    if (!tov.has(m.typeOfViolence)) err(`${path}.typeOfViolence`, String(m.typeOfViolence), `${path}: unknown type of violence ${m.typeOfViolence}`, `${path} : type de violence inconnu ${m.typeOfViolence}`);
    checkRefs(`${path}.actTypes`, String(m.typeOfViolence), m.actTypes, acts, ACT);
  });
  return errors;
}

// ---------------------------------------------------------------------------------------------------
// zod schema (structure + the semantic checks above), for the setting that holds the vocabulary.

const labelsSchema = z.object({ en: z.string().min(1), fr: z.string().min(1) });
const termSchema = z.object({ code: z.string().min(1), labels: labelsSchema, description: labelsSchema.optional() });

export const vocabularySchema = z
  .object({
    actTypes: z.array(termSchema.extend({ parent: z.string().nullable(), severity: z.enum(SEVERITIES), graveViolationCategory: z.string().nullable() })),
    perpetratorTypes: z.array(termSchema.extend({ parent: z.string().nullable(), stateAgent: z.boolean(), armed: z.boolean().nullable() })),
    involvementDegrees: z.array(termSchema),
    verificationStatuses: z.array(termSchema.extend({ rank: z.number().int() })),
    incidentFlags: z.array(termSchema),
    acled: z.object({
      inter: z.array(z.object({ code: z.number().int().min(1), acledLabel: z.string().min(1), perpetratorType: z.string() })),
      actMappings: z.array(
        z.object({
          eventType: z.string().min(1),
          subEventType: z.string().optional(),
          withoutSubEventType: z.boolean().optional(),
          when: z
            .object({
              fatalities: z.enum(['positive', 'zero']).optional(),
              civilianTargeting: z.boolean().optional(),
              perpetratorTypes: z.array(z.string()).optional(),
              notPerpetratorTypes: z.array(z.string()).optional(),
            })
            .optional(),
          actTypes: z.array(z.string()),
        }),
      ),
    }),
    ucdp: z.object({
      typesOfViolence: z.array(z.object({ code: z.number().int(), labels: labelsSchema, defaultSideType: z.string(), sideBIsVictims: z.boolean() })),
      sidePatterns: z.array(z.object({ pattern: z.string().min(1), perpetratorType: z.string() })),
      actMappings: z.array(
        z.object({
          typeOfViolence: z.number().int(),
          when: z.object({ deaths: z.enum(['positive', 'zero']).optional(), civilianDeaths: z.enum(['positive', 'zero']).optional() }).optional(),
          actTypes: z.array(z.string()),
        }),
      ),
    }),
  })
  .superRefine((v, ctx) => {
    for (const e of validateVocabulary(v as Vocabulary)) {
      ctx.addIssue({ code: 'custom', message: e.en, path: e.path.split(/[.[\]]+/).filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p)) });
    }
  });
