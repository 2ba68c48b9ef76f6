/**
 * Grave-violation classification under the UN Human Rights Due Diligence Policy, by rules held in
 * configuration.
 *
 * The policy's grave violations are war crimes, crimes against humanity, and gross violations of human
 * rights (summary executions and extrajudicial killings, torture, enforced disappearances,
 * enslavement, rape and sexual violence of comparable seriousness, refoulement) committed on a
 * significant scale or with a significant degree of frequency. Which act types fall in which category,
 * the scale thresholds, the frequency threshold, and which categories never expire are data
 * (`DEFAULT_GRAVE_VIOLATION_RULES` is only the starting value of an administrator-editable setting).
 *
 * - `classifyIncident` looks at one incident: a rule fires when the incident has one of the rule's act
 *   types (or a narrower one) and meets every condition the rule sets (flags such as an armed-conflict
 *   nexus, perpetrator types, verification status, scale). Rules whose act types match but whose
 *   conditions do not hold are returned as `unmet`, so an analyst sees what is missing.
 * - `assessFrequency` looks at many incidents of one perpetrator: acts of a gross-violation category
 *   that each fall below the scale threshold still count towards the frequency threshold.
 *
 * Pure module, no I/O. The outcome is a screening signal for the HRDDP risk assessment, not a legal
 * finding.
 */
import { z } from 'zod';
import { earliestDay, parsePartialDate } from '../platform/dates.ts';
import { isActTypeWithin, isPerpetratorTypeWithin, labelOf, type Labels, type Vocabulary } from './vocabulary.ts';

export interface GraveViolationCategory {
  code: string;
  labels: Labels;
  kind: 'international-crime' | 'gross-violation';
  /** War crimes and crimes against humanity never expire: improved behaviour since does not offset them. */
  neverExpires: boolean;
}

export interface ScaleThreshold {
  /** Met when the victims of the matching acts reach this number… */
  minVictims?: number;
  /** …or when the incident's fatalities reach this number (either suffices). */
  minFatalities?: number;
}

export interface GraveViolationRule {
  code: string;
  /** What the rule says; used in the reasons shown to the analyst. */
  labels: Labels;
  category: string;
  /** The incident has at least one of these act types, or a narrower one. */
  actTypes: string[];
  /** Every one of these incident flags is recorded. */
  requiredFlags?: string[];
  /** At least one perpetrator is of one of these types, or a narrower one. */
  perpetratorTypes?: string[];
  scale?: ScaleThreshold;
  /** Incidents with one of these verification statuses do not count. */
  excludedVerificationStatuses?: string[];
  /** false switches the rule off without deleting it. */
  enabled?: boolean;
}

export interface FrequencyThreshold {
  /** Categories assessed for frequency (the gross violations). */
  categories: string[];
  /** At least this many qualifying incidents by the same perpetrator… */
  minIncidents: number;
  /** …within a window of this many days. */
  windowDays: number;
}

export interface GraveViolationRules {
  categories: GraveViolationCategory[];
  rules: GraveViolationRule[];
  frequency: FrequencyThreshold;
}

const cat = (code: string, en: string, fr: string, kind: GraveViolationCategory['kind'], neverExpires: boolean): GraveViolationCategory => ({ code, labels: { en, fr }, kind, neverExpires });

const NOT_UNSUBSTANTIATED = ['unsubstantiated'];
const SIGNIFICANT_SCALE: ScaleThreshold = { minVictims: 3 };
const NEXUS = ['armed-conflict-nexus'];

/**
 * Default rules. The thresholds (3 victims for one incident; 3 incidents by the same perpetrator within
 * 365 days) are placeholders for the mission to set; they are not drawn from the policy, which gives
 * none.
 */
export const DEFAULT_GRAVE_VIOLATION_RULES: GraveViolationRules = {
  categories: [
    cat('war-crime', 'War crime', 'Crime de guerre', 'international-crime', true),
    cat('crime-against-humanity', 'Crime against humanity', 'Crime contre l’humanité', 'international-crime', true),
    cat('summary-execution', 'Summary execution or extrajudicial killing', 'Exécution sommaire ou extrajudiciaire', 'gross-violation', false),
    cat('torture', 'Torture', 'Torture', 'gross-violation', false),
    cat('enforced-disappearance', 'Enforced disappearance', 'Disparition forcée', 'gross-violation', false),
    cat('enslavement', 'Enslavement', 'Réduction en esclavage', 'gross-violation', false),
    cat('rape-and-sexual-violence', 'Rape and sexual violence of comparable seriousness', 'Viol et violences sexuelles de gravité comparable', 'gross-violation', false),
    cat('refoulement', 'Refoulement', 'Refoulement', 'gross-violation', false),
  ],
  rules: [
    {
      code: 'war-crime-violence-to-persons',
      labels: { en: 'Violence to life and person, or sexual violence, linked to an armed conflict', fr: 'Atteinte à la vie et à l’intégrité corporelle, ou violence sexuelle, liée à un conflit armé' },
      category: 'war-crime',
      actTypes: ['killing', 'torture', 'ill-treatment', 'rape', 'sexual-slavery', 'abduction'],
      requiredFlags: NEXUS,
      excludedVerificationStatuses: NOT_UNSUBSTANTIATED,
    },
    {
      code: 'war-crime-attack-on-protected-objects',
      labels: { en: 'Attack on a school or hospital linked to an armed conflict', fr: 'Attaque contre une école ou un hôpital liée à un conflit armé' },
      category: 'war-crime',
      actTypes: ['attack-on-school-or-hospital'],
      requiredFlags: NEXUS,
      excludedVerificationStatuses: NOT_UNSUBSTANTIATED,
    },
    {
      code: 'war-crime-child-recruitment',
      labels: { en: 'Recruitment or use of children under 15 in an armed conflict', fr: 'Recrutement ou utilisation d’enfants de moins de 15 ans dans un conflit armé' },
      category: 'war-crime',
      actTypes: ['recruitment-and-use-of-children'],
      requiredFlags: ['armed-conflict-nexus', 'children-under-15'],
      excludedVerificationStatuses: NOT_UNSUBSTANTIATED,
    },
    {
      code: 'war-crime-pillage-or-displacement',
      labels: { en: 'Pillage or ordered displacement of civilians linked to an armed conflict', fr: 'Pillage ou déplacement ordonné de civils lié à un conflit armé' },
      category: 'war-crime',
      actTypes: ['looting', 'forced-displacement'],
      requiredFlags: NEXUS,
      excludedVerificationStatuses: NOT_UNSUBSTANTIATED,
    },
    {
      code: 'crime-against-humanity',
      labels: { en: 'Act committed as part of a widespread or systematic attack against civilians', fr: 'Acte commis dans le cadre d’une attaque généralisée ou systématique contre des civils' },
      category: 'crime-against-humanity',
      actTypes: ['killing', 'enslavement', 'forced-displacement', 'deprivation-of-liberty', 'torture', 'rape', 'sexual-slavery', 'ill-treatment'],
      requiredFlags: ['widespread-or-systematic'],
      excludedVerificationStatuses: NOT_UNSUBSTANTIATED,
    },
    {
      code: 'summary-execution-scale',
      labels: { en: 'Summary executions on a significant scale', fr: 'Exécutions sommaires à une échelle importante' },
      category: 'summary-execution',
      actTypes: ['summary-execution', 'death-in-custody'],
      scale: { minVictims: 3, minFatalities: 3 },
      excludedVerificationStatuses: NOT_UNSUBSTANTIATED,
    },
    {
      code: 'extrajudicial-killing-scale',
      labels: { en: 'Killings by state agents on a significant scale', fr: 'Meurtres commis par des agents de l’État à une échelle importante' },
      category: 'summary-execution',
      actTypes: ['killing'],
      perpetratorTypes: ['state-security-forces'],
      scale: { minVictims: 3, minFatalities: 3 },
      excludedVerificationStatuses: NOT_UNSUBSTANTIATED,
    },
    {
      code: 'torture-scale',
      labels: { en: 'Torture on a significant scale', fr: 'Torture à une échelle importante' },
      category: 'torture',
      actTypes: ['torture'],
      scale: SIGNIFICANT_SCALE,
      excludedVerificationStatuses: NOT_UNSUBSTANTIATED,
    },
    {
      code: 'enforced-disappearance-scale',
      labels: { en: 'Enforced disappearances on a significant scale', fr: 'Disparitions forcées à une échelle importante' },
      category: 'enforced-disappearance',
      actTypes: ['enforced-disappearance'],
      scale: SIGNIFICANT_SCALE,
      excludedVerificationStatuses: NOT_UNSUBSTANTIATED,
    },
    {
      code: 'enslavement-scale',
      labels: { en: 'Enslavement on a significant scale', fr: 'Réduction en esclavage à une échelle importante' },
      category: 'enslavement',
      actTypes: ['enslavement', 'sexual-slavery'],
      scale: SIGNIFICANT_SCALE,
      excludedVerificationStatuses: NOT_UNSUBSTANTIATED,
    },
    {
      code: 'rape-and-sexual-violence-scale',
      labels: { en: 'Rape or sexual violence of comparable seriousness on a significant scale', fr: 'Viols ou violences sexuelles de gravité comparable à une échelle importante' },
      category: 'rape-and-sexual-violence',
      actTypes: ['rape', 'sexual-slavery'],
      scale: SIGNIFICANT_SCALE,
      excludedVerificationStatuses: NOT_UNSUBSTANTIATED,
    },
    {
      code: 'refoulement-scale',
      labels: { en: 'Refoulement on a significant scale', fr: 'Refoulement à une échelle importante' },
      category: 'refoulement',
      actTypes: ['refoulement'],
      scale: SIGNIFICANT_SCALE,
      excludedVerificationStatuses: NOT_UNSUBSTANTIATED,
    },
  ],
  frequency: {
    categories: ['summary-execution', 'torture', 'enforced-disappearance', 'enslavement', 'rape-and-sexual-violence', 'refoulement'],
    minIncidents: 3,
    windowDays: 365,
  },
};

/** What classification needs to know of an incident. */
export interface ClassifiableIncident {
  /** Act types recorded for the incident (codes of the vocabulary). */
  actTypes?: string[];
  /** Acts with their own victim counts, when recorded act by act. */
  acts?: { actType: string; victims?: number | null }[];
  /** Direct victims of the incident (all acts), when not recorded act by act. */
  victims?: number | null;
  fatalities?: number | null;
  perpetratorTypes?: string[];
  /** Incident flags (vocabulary `incidentFlags`): armed-conflict nexus, widespread or systematic… */
  flags?: string[];
  verificationStatus?: string | null;
}

export interface ClassificationReason {
  rule: string;
  category: string;
  en: string;
  fr: string;
}

export interface Classification {
  grave: boolean;
  /** Categories of the rules met, in the order of the configured categories. */
  categories: string[];
  /** One of the categories met never expires. */
  neverExpires: boolean;
  /** One per rule met. */
  reasons: ClassificationReason[];
  /** Rules whose act types match but whose other conditions do not hold, with what is missing. */
  unmet: ClassificationReason[];
}

interface RuleOutcome {
  matchedActs: string[];
  /** Conditions that failed (EN, FR); scale failure listed separately. */
  failed: { en: string; fr: string }[];
  scaleFailed: { en: string; fr: string } | null;
  details: { en: string; fr: string }[];
}

function incidentActs(incident: ClassifiableIncident): { actType: string; victims: number | null }[] {
  const acts = (incident.acts ?? []).map((a) => ({ actType: a.actType, victims: a.victims ?? null }));
  for (const t of incident.actTypes ?? []) if (!acts.some((a) => a.actType === t)) acts.push({ actType: t, victims: null });
  return acts;
}

function evaluateRule(rule: GraveViolationRule, incident: ClassifiableIncident, vocabulary: Vocabulary): RuleOutcome | null {
  const acts = incidentActs(incident).filter((a) => rule.actTypes.some((r) => isActTypeWithin(a.actType, r, vocabulary)));
  if (acts.length === 0) return null;
  const matchedActs = [...new Set(acts.map((a) => a.actType))];
  const failed: RuleOutcome['failed'] = [];
  const details: RuleOutcome['details'] = [];
  const actList = (lang: 'en' | 'fr') => matchedActs.map((a) => labelOf('actTypes', a, lang, vocabulary)).join(', ');
  details.push({ en: actList('en'), fr: actList('fr') });

  const status = incident.verificationStatus ?? null;
  if (status && rule.excludedVerificationStatuses?.includes(status)) {
    failed.push({
      en: `verification status is "${labelOf('verificationStatuses', status, 'en', vocabulary)}"`,
      fr: `le statut de vérification est « ${labelOf('verificationStatuses', status, 'fr', vocabulary)} »`,
    });
  }

  const flags = incident.flags ?? [];
  const missing = (rule.requiredFlags ?? []).filter((f) => !flags.includes(f));
  if (missing.length) {
    const list = (lang: 'en' | 'fr') => missing.map((f) => labelOf('incidentFlags', f, lang, vocabulary)).join('; ');
    failed.push({ en: `not recorded: ${list('en')}`, fr: `non établi : ${list('fr')}` });
  } else if (rule.requiredFlags?.length) {
    const list = (lang: 'en' | 'fr') => rule.requiredFlags!.map((f) => labelOf('incidentFlags', f, lang, vocabulary)).join('; ');
    details.push({ en: list('en'), fr: list('fr') });
  }

  if (rule.perpetratorTypes?.length) {
    const perps = incident.perpetratorTypes ?? [];
    const hit = perps.filter((p) => rule.perpetratorTypes!.some((r) => isPerpetratorTypeWithin(p, r, vocabulary)));
    const wanted = (lang: 'en' | 'fr') => rule.perpetratorTypes!.map((p) => labelOf('perpetratorTypes', p, lang, vocabulary)).join(', ');
    if (hit.length === 0) failed.push({ en: `no perpetrator of type ${wanted('en')}`, fr: `aucun auteur du type ${wanted('fr')}` });
    else {
      const l = (lang: 'en' | 'fr') => hit.map((p) => labelOf('perpetratorTypes', p, lang, vocabulary)).join(', ');
      details.push({ en: `perpetrator: ${l('en')}`, fr: `auteur : ${l('fr')}` });
    }
  }

  let scaleFailed: RuleOutcome['scaleFailed'] = null;
  if (rule.scale && (rule.scale.minVictims !== undefined || rule.scale.minFatalities !== undefined)) {
    const known = acts.filter((a) => a.victims !== null);
    const victims = known.length ? known.reduce((s, a) => s + (a.victims ?? 0), 0) : (incident.victims ?? null);
    const fatalities = incident.fatalities ?? null;
    const { minVictims, minFatalities } = rule.scale;
    const vMet = minVictims !== undefined && victims !== null && victims >= minVictims;
    const fMet = minFatalities !== undefined && fatalities !== null && fatalities >= minFatalities;
    const parts = (lang: 'en' | 'fr', onlyMet = false) => {
      const out: string[] = [];
      if (minVictims !== undefined && (!onlyMet || vMet)) {
        const n = victims === null ? (lang === 'en' ? 'victims not counted' : 'victimes non dénombrées') : lang === 'en' ? `${victims} victim${victims === 1 ? '' : 's'}` : `${victims} victime${victims > 1 ? 's' : ''}`;
        out.push(lang === 'en' ? `${n} (threshold ${minVictims})` : `${n} (seuil ${minVictims})`);
      }
      if (minFatalities !== undefined && (!onlyMet || fMet)) {
        const n = fatalities === null ? (lang === 'en' ? 'deaths not counted' : 'morts non dénombrés') : lang === 'en' ? `${fatalities} killed` : `${fatalities} tué${fatalities > 1 ? 's' : ''}`;
        out.push(lang === 'en' ? `${n} (threshold ${minFatalities})` : `${n} (seuil ${minFatalities})`);
      }
      return out.join(lang === 'en' ? ' or ' : ' ou ');
    };
    if (vMet || fMet) details.push({ en: parts('en', true), fr: parts('fr', true) });
    else scaleFailed = { en: `below the scale threshold: ${parts('en')}`, fr: `sous le seuil d’échelle : ${parts('fr')}` };
  }
  return { matchedActs, failed, scaleFailed, details };
}

const sentence = (rule: GraveViolationRule, items: { en: string; fr: string }[], lang: 'en' | 'fr') =>
  `${rule.labels[lang]}${lang === 'fr' ? ' : ' : ': '}${items.map((i) => i[lang]).join(lang === 'fr' ? ' ; ' : '; ')}`;

/** Classifies one incident against the configured rules. */
export function classifyIncident(incident: ClassifiableIncident, rules: GraveViolationRules, vocabulary: Vocabulary): Classification {
  const reasons: ClassificationReason[] = [];
  const unmet: ClassificationReason[] = [];
  const met = new Set<string>();
  for (const rule of rules.rules) {
    if (rule.enabled === false) continue;
    const o = evaluateRule(rule, incident, vocabulary);
    if (!o) continue;
    const problems = [...o.failed, ...(o.scaleFailed ? [o.scaleFailed] : [])];
    if (problems.length === 0) {
      met.add(rule.category);
      reasons.push({ rule: rule.code, category: rule.category, en: sentence(rule, o.details, 'en'), fr: sentence(rule, o.details, 'fr') });
    } else {
      unmet.push({ rule: rule.code, category: rule.category, en: sentence(rule, problems, 'en'), fr: sentence(rule, problems, 'fr') });
    }
  }
  const order = rules.categories.map((c) => c.code);
  const categories = [...met].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const neverExpires = categories.some((c) => rules.categories.find((k) => k.code === c)?.neverExpires === true);
  return { grave: categories.length > 0, categories, neverExpires, reasons, unmet };
}

/** An incident as the frequency assessment needs it. */
export interface FrequencyIncident extends ClassifiableIncident {
  id: string;
  /** Who is assessed: a unit, a commander, a force (an id or a name; compared as given). */
  perpetrator: string;
  /** Partial date (YYYY, YYYY-MM or YYYY-MM-DD); its first possible day is used. */
  date: string;
}

export interface FrequencyFinding {
  perpetrator: string;
  category: string;
  /** Ids of the incidents in the busiest window, in date order. */
  incidents: string[];
  from: string;
  to: string;
  en: string;
  fr: string;
}

const DAY_MS = 86_400_000;

/**
 * Frequency: for each perpetrator and each category under `rules.frequency`, the busiest window of
 * `windowDays` days; a finding when it holds at least `minIncidents` qualifying incidents. An incident
 * qualifies for a category when a rule of that category matches it on every condition except scale
 * (incidents that meet the scale threshold count too). Incidents without a readable date are left out.
 */
export function assessFrequency(incidents: FrequencyIncident[], rules: GraveViolationRules, vocabulary: Vocabulary): FrequencyFinding[] {
  const { categories, minIncidents, windowDays } = rules.frequency;
  const groups = new Map<string, { perpetrator: string; category: string; items: { id: string; day: string; t: number }[] }>();
  for (const inc of incidents) {
    const d = parsePartialDate(inc.date);
    if (!d) continue;
    const day = earliestDay(d);
    const t = Date.parse(`${day}T00:00:00Z`);
    const qualifying = new Set<string>();
    for (const rule of rules.rules) {
      if (rule.enabled === false || !categories.includes(rule.category)) continue;
      const o = evaluateRule(rule, inc, vocabulary);
      if (o && o.failed.length === 0) qualifying.add(rule.category);
    }
    for (const category of qualifying) {
      const key = JSON.stringify([inc.perpetrator, category]);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { perpetrator: inc.perpetrator, category, items: [] }));
      g.items.push({ id: inc.id, day, t });
    }
  }
  const findings: FrequencyFinding[] = [];
  for (const g of groups.values()) {
    const items = g.items.sort((a, b) => a.t - b.t || a.id.localeCompare(b.id));
    let best: [number, number] = [0, -1];
    for (let i = 0, j = 0; j < items.length; j++) {
      while (items[j]!.t - items[i]!.t >= windowDays * DAY_MS) i++;
      if (j - i > best[1] - best[0]) best = [i, j];
    }
    const count = best[1] - best[0] + 1;
    if (count < minIncidents) continue;
    const win = items.slice(best[0], best[1] + 1);
    const c = rules.categories.find((k) => k.code === g.category);
    const name = (lang: 'en' | 'fr') => c?.labels[lang] ?? g.category;
    const from = win[0]!.day;
    const to = win[win.length - 1]!.day;
    findings.push({
      perpetrator: g.perpetrator,
      category: g.category,
      incidents: win.map((w) => w.id),
      from,
      to,
      en: `${name('en')}: ${count} incidents between ${from} and ${to} (threshold ${minIncidents} within ${windowDays} days)`,
      fr: `${name('fr')} : ${count} incidents entre le ${from} et le ${to} (seuil ${minIncidents} en ${windowDays} jours)`,
    });
  }
  return findings.sort((a, b) => a.perpetrator.localeCompare(b.perpetrator) || rules.categories.findIndex((c) => c.code === a.category) - rules.categories.findIndex((c) => c.code === b.category));
}

// ---------------------------------------------------------------------------------------------------
// Validation of the rules (against the vocabulary they refer to).

export interface RulesError {
  path: string;
  entry?: string;
  en: string;
  fr: string;
}

/** Checks the rules: unique codes, labels in both languages, references to known categories, act types, flags, perpetrator types and statuses; thresholds sensible. */
export function validateRules(rules: GraveViolationRules, vocabulary: Vocabulary): RulesError[] {
  const errors: RulesError[] = [];
  const err = (path: string, entry: string | undefined, en: string, fr: string) => errors.push({ path, entry, en, fr });
  const cats = new Set<string>();
  rules.categories.forEach((c, i) => {
    if (cats.has(c.code)) err(`categories[${i}]`, c.code, `category "${c.code}" is defined twice`, `la catégorie « ${c.code} » est définie deux fois`);
    cats.add(c.code);
    if (!c.labels?.en?.trim() || !c.labels?.fr?.trim()) err(`categories[${i}]`, c.code, `category "${c.code}" needs English and French labels`, `la catégorie « ${c.code} » doit avoir des libellés anglais et français`);
  });
  const known = {
    act: new Set(vocabulary.actTypes.map((a) => a.code)),
    flag: new Set(vocabulary.incidentFlags.map((f) => f.code)),
    perp: new Set(vocabulary.perpetratorTypes.map((p) => p.code)),
    status: new Set(vocabulary.verificationStatuses.map((s) => s.code)),
  };
  const refs = (path: string, entry: string, codes: string[] | undefined, set: Set<string>, en: string, fr: string) =>
    (codes ?? []).forEach((c, j) => {
      if (!set.has(c)) err(`${path}[${j}]`, entry, `rule "${entry}": unknown ${en} "${c}"`, `règle « ${entry} » : ${fr} inconnu « ${c} »`);
    });
  const codes = new Set<string>();
  rules.rules.forEach((r, i) => {
    const p = `rules[${i}]`;
    if (codes.has(r.code)) err(p, r.code, `rule "${r.code}" is defined twice`, `la règle « ${r.code} » est définie deux fois`);
    codes.add(r.code);
    if (!r.labels?.en?.trim() || !r.labels?.fr?.trim()) err(p, r.code, `rule "${r.code}" needs English and French labels`, `la règle « ${r.code} » doit avoir des libellés anglais et français`);
    if (!cats.has(r.category)) err(`${p}.category`, r.code, `rule "${r.code}": unknown category "${r.category}"`, `règle « ${r.code} » : catégorie inconnue « ${r.category} »`);
    if (!r.actTypes?.length) err(`${p}.actTypes`, r.code, `rule "${r.code}" names no act type`, `la règle « ${r.code} » ne nomme aucun type d’acte`);
    refs(`${p}.actTypes`, r.code, r.actTypes, known.act, 'act type', 'type d’acte');
    refs(`${p}.requiredFlags`, r.code, r.requiredFlags, known.flag, 'incident flag', 'indicateur');
    refs(`${p}.perpetratorTypes`, r.code, r.perpetratorTypes, known.perp, 'perpetrator type', 'type d’auteur');
    refs(`${p}.excludedVerificationStatuses`, r.code, r.excludedVerificationStatuses, known.status, 'verification status', 'statut de vérification');
    for (const k of ['minVictims', 'minFatalities'] as const) {
      const v = r.scale?.[k];
      if (v !== undefined && !(Number.isInteger(v) && v >= 1)) err(`${p}.scale.${k}`, r.code, `rule "${r.code}": ${k} must be a whole number of at least 1`, `règle « ${r.code} » : ${k} doit être un nombre entier au moins égal à 1`);
    }
  });
  rules.frequency.categories.forEach((c, j) => {
    if (!cats.has(c)) err(`frequency.categories[${j}]`, c, `frequency: unknown category "${c}"`, `fréquence : catégorie inconnue « ${c} »`);
  });
  if (!(Number.isInteger(rules.frequency.minIncidents) && rules.frequency.minIncidents >= 1)) err('frequency.minIncidents', undefined, 'frequency: minIncidents must be a whole number of at least 1', 'fréquence : minIncidents doit être un nombre entier au moins égal à 1');
  if (!(Number.isInteger(rules.frequency.windowDays) && rules.frequency.windowDays >= 1)) err('frequency.windowDays', undefined, 'frequency: windowDays must be a whole number of at least 1', 'fréquence : windowDays doit être un nombre entier au moins égal à 1');
  vocabulary.actTypes.forEach((a, i) => {
    if (a.graveViolationCategory && !cats.has(a.graveViolationCategory)) err(`vocabulary.actTypes[${i}].graveViolationCategory`, a.code, `act type "${a.code}" hints at unknown category "${a.graveViolationCategory}"`, `le type d’acte « ${a.code} » renvoie à une catégorie inconnue « ${a.graveViolationCategory} »`);
  });
  return errors;
}

const labelsSchema = z.object({ en: z.string().min(1), fr: z.string().min(1) });

/** Structure of the rules setting (cross-checks against the vocabulary: `validateRules`). */
export const graveViolationRulesSchema = z.object({
  categories: z.array(z.object({ code: z.string().min(1), labels: labelsSchema, kind: z.enum(['international-crime', 'gross-violation']), neverExpires: z.boolean() })),
  rules: z.array(
    z.object({
      code: z.string().min(1),
      labels: labelsSchema,
      category: z.string().min(1),
      actTypes: z.array(z.string()).min(1),
      requiredFlags: z.array(z.string()).optional(),
      perpetratorTypes: z.array(z.string()).optional(),
      scale: z.object({ minVictims: z.number().int().min(1).optional(), minFatalities: z.number().int().min(1).optional() }).optional(),
      excludedVerificationStatuses: z.array(z.string()).optional(),
      enabled: z.boolean().optional(),
    }),
  ),
  frequency: z.object({ categories: z.array(z.string()), minIncidents: z.number().int().min(1), windowDays: z.number().int().min(1) }),
});
