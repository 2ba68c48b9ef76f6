/**
 * The risk assessment before support: from an evidence dossier (what is known about the recipient
 * units, their commanders and the people taking part), the criteria template and the assessment date,
 * compute each criterion's contribution, the total, the proposed level and a readable English and
 * French explanation naming the facts. Pure: no I/O, no clock, no policy constant — weights, decay,
 * thresholds and forcing rules all come from `HrddpConfig['risk']`.
 *
 * Computation, per criterion (contribution = weight × value):
 * - violation-record / command-responsibility: each allegation reaching the recipient by a counted
 *   path earns points = severity × verification × path × magnitude × decay (× improvement); value =
 *   min(1, points / saturation). Decay halves the weight every `halfLifeMonths`, except for the
 *   `noDecayCategories` (war crimes, crimes against humanity), which never fade. Dates known only to
 *   the month or year are read as late as they may be (never discounted too early).
 * - accountability: value = −(mean credit of the best corrective action over the grave allegations
 *   that call for one); it lowers the total.
 * - listed-persons: points per listed commander/participant; value = min(1, points / saturation).
 * - screening-hits: status factor × match score per hit; value = min(1, points / saturation).
 * - assessor-choice: the value of the option the assessor chose (missing → 0 and the assessment is
 *   incomplete when the criterion is required).
 * The score level is the highest level whose threshold the total reaches; a forcing rule (a listed
 * commander without a waiver) lifts it to its level (e.g. prohibitive).
 */
import type { CriterionConfig, ForcingCondition, HrddpConfig, I18nText, Lang, PathKind, RecordParams } from './config.ts';
import { labelOf } from './config.ts';
import { displayPartialDate } from '../platform/dates.ts';
import { fmtNumber, fmtSigned, latestDayOf, monthsBetween, round6, toDay } from './util.ts';

export type RiskConfig = HrddpConfig['risk'];

// ---------------------------------------------------------------------------------------------
// The evidence dossier
// ---------------------------------------------------------------------------------------------

export interface DossierUnit {
  id: string;
  name: string;
}

export interface DossierCommander {
  personId: string;
  name: string;
  rank?: string;
  /** Partial date the posting started. */
  since?: string;
}

export interface DossierRecipient {
  unitId: string;
  name: string;
  /** Chain of command above the unit, nearest first. */
  ancestors: DossierUnit[];
  subUnits?: DossierUnit[];
  /** Commanders in post at the assessment date. */
  commanders: DossierCommander[];
}

export interface DossierParticipant {
  personId: string;
  name: string;
  role?: string;
  unitId?: string;
}

/** How an allegation reaches the recipient: against the unit itself, a sub-unit, a unit above it, or one of its current commanders (for acts during this or an earlier posting). */
export type AllegationPath =
  | { kind: 'direct'; unitId: string }
  | { kind: 'sub-unit'; unitId: string; subUnitId: string; subUnitName?: string }
  | { kind: 'parent-unit'; unitId: string; parentUnitId: string; parentUnitName?: string }
  | { kind: 'commander'; personId: string; posting: 'current' | 'past'; postingUnitId?: string; postingUnitName?: string };

export interface DossierAllegation {
  id: string;
  /** Short description, used in explanations and letters. */
  summary?: string;
  actTypes: string[];
  grave: boolean;
  /** Violation categories (config.risk.violationCategories), e.g. 'war-crime'. */
  categories: string[];
  /** Verification status (config.risk.verificationStatuses). */
  verification: string;
  /** Partial date of the events ('2012', '2012-11', '2012-11-20'). */
  date: string;
  fatalities?: number;
  victims?: number;
  paths: AllegationPath[];
}

export interface CorrectiveAction {
  id: string;
  /** config.risk.correctiveActionTypes, e.g. 'prosecution', 'removal-of-commander'. */
  type: string;
  /** e.g. 'completed', 'ongoing', 'abandoned' (credited statuses are configured). */
  status: string;
  date?: string;
  allegationIds: string[];
  /** Persons the action concerns (a removed commander): it answers the allegations reaching the recipient through them. */
  personIds?: string[];
  description?: string;
}

export interface ScreeningHit {
  id: string;
  personId?: string;
  name: string;
  /** Where the match was found (e.g. 'un-sanctions', 'opensanctions'). */
  source: string;
  /** 0 to 1. */
  matchScore: number;
  /** e.g. 'confirmed', 'unreviewed', 'dismissed'. */
  status: string;
}

export interface Listing {
  personId: string;
  name: string;
  /** config.risk.personLists id. */
  list: string;
  role: 'commander' | 'participant';
  unitId?: string;
  since?: string;
}

/** An explicit decision letting support proceed despite a listed person (workflow.grantWaiver makes them). */
export interface Waiver {
  id: string;
  requestId?: string | null;
  personIds: string[];
  /** An open review the waiver answers, if any. */
  reviewId?: string | null;
  reason: string;
  decidedBy: string;
  decisionBody: string;
  decidedOn: string;
  validUntil?: string | null;
}

export interface AssessorInput {
  option: string;
  note?: string;
}

export interface EvidenceDossier {
  requestId?: string;
  recipients: DossierRecipient[];
  participants: DossierParticipant[];
  allegations: DossierAllegation[];
  correctiveActions: CorrectiveAction[];
  screeningHits: ScreeningHit[];
  listings: Listing[];
  waivers: Waiver[];
  /** Keyed by criterion id. */
  assessorInputs: Record<string, AssessorInput>;
}

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

export interface RiskFact {
  kind: 'allegation' | 'corrective-action' | 'listing' | 'screening-hit' | 'input';
  /** Allegation id, action id, person id (listings), hit id or option id. */
  id: string;
  counted: boolean;
  points: number;
  personIds: string[];
  text: I18nText;
}

export interface CriterionResult {
  criterionId: string;
  method: CriterionConfig['method'];
  label: I18nText;
  weight: number;
  /** In [-1, 1]. */
  value: number;
  contribution: number;
  facts: RiskFact[];
  input: AssessorInput | null;
  missingInput: boolean;
  explanation: I18nText;
}

export interface ForcedLevel {
  condition: ForcingCondition;
  level: string;
  personIds: string[];
  text: I18nText;
}

export interface RiskAssessment {
  assessedOn: string;
  criteria: CriterionResult[];
  total: number;
  /** Level reached by the score alone. */
  scoreLevel: string;
  forced: ForcedLevel[];
  /** The more severe of the score level and any forced level. */
  proposedLevel: string;
  complete: boolean;
  /** Required assessor-entered criteria still missing. */
  missingInputs: string[];
  explanation: I18nText;
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

interface Names {
  unit(id: string): string;
  person(id: string): string;
}

function namesOf(d: EvidenceDossier): Names {
  const units = new Map<string, string>();
  const persons = new Map<string, string>();
  for (const r of d.recipients) {
    units.set(r.unitId, r.name);
    for (const a of r.ancestors) units.set(a.id, a.name);
    for (const s of r.subUnits ?? []) units.set(s.id, s.name);
    for (const c of r.commanders) persons.set(c.personId, c.rank ? `${c.rank} ${c.name}` : c.name);
  }
  for (const p of d.participants) if (!persons.has(p.personId)) persons.set(p.personId, p.name);
  for (const l of d.listings) if (!persons.has(l.personId)) persons.set(l.personId, l.name);
  for (const a of d.allegations)
    for (const p of a.paths) {
      if (p.kind === 'sub-unit' && p.subUnitName && !units.has(p.subUnitId)) units.set(p.subUnitId, p.subUnitName);
      if (p.kind === 'parent-unit' && p.parentUnitName && !units.has(p.parentUnitId)) units.set(p.parentUnitId, p.parentUnitName);
      if (p.kind === 'commander' && p.postingUnitId && p.postingUnitName && !units.has(p.postingUnitId)) units.set(p.postingUnitId, p.postingUnitName);
    }
  return { unit: (id) => units.get(id) ?? id, person: (id) => persons.get(id) ?? id };
}

function pathKey(p: AllegationPath): PathKind {
  return p.kind === 'commander' ? (p.posting === 'current' ? 'commander-current' : 'commander-past') : p.kind;
}

function describePath(p: AllegationPath, n: Names): I18nText {
  switch (p.kind) {
    case 'direct':
      return { en: `against ${n.unit(p.unitId)}`, fr: `contre ${n.unit(p.unitId)}` };
    case 'sub-unit':
      return { en: `against ${n.unit(p.subUnitId)}, sub-unit of ${n.unit(p.unitId)}`, fr: `contre ${n.unit(p.subUnitId)}, sous-unité de ${n.unit(p.unitId)}` };
    case 'parent-unit':
      return { en: `against ${n.unit(p.parentUnitId)}, above ${n.unit(p.unitId)} in the chain of command`, fr: `contre ${n.unit(p.parentUnitId)}, unité supérieure de ${n.unit(p.unitId)}` };
    case 'commander': {
      const where = p.postingUnitId ? n.unit(p.postingUnitId) : null;
      return p.posting === 'current'
        ? { en: `under the command of ${n.person(p.personId)}${where ? ` (${where})` : ''}`, fr: `sous le commandement de ${n.person(p.personId)}${where ? ` (${where})` : ''}` }
        : {
            en: `under ${n.person(p.personId)} in an earlier posting${where ? ` (${where})` : ''}`,
            fr: `sous ${n.person(p.personId)} lors d’une affectation antérieure${where ? ` (${where})` : ''}`,
          };
    }
  }
}

const personIdsOf = (a: DossierAllegation) => [...new Set(a.paths.flatMap((p) => (p.kind === 'commander' ? [p.personId] : [])))];

function magnitudeFactor(a: DossierAllegation, steps: RecordParams['magnitude']): number {
  const count = Math.max(a.victims ?? 0, a.fatalities ?? 0);
  let f = 1;
  let best = -1;
  for (const s of steps) if (count >= s.minVictims && s.minVictims > best) {
    best = s.minVictims;
    f = s.factor;
  }
  return f;
}

const both = (f: (lang: Lang) => string): I18nText => ({ en: f('en'), fr: f('fr') });

function allegationHeadline(a: DossierAllegation, config: RiskConfig, lang: Lang): string {
  const status = labelOf(config.verificationStatuses, a.verification)[lang];
  const cats = a.categories.map((c) => labelOf(config.violationCategories, c)[lang]);
  const grave = a.grave ? (lang === 'en' ? 'grave' : 'grave') : lang === 'en' ? 'not grave' : 'non grave';
  const count = Math.max(a.victims ?? 0, a.fatalities ?? 0);
  const victims =
    count > 0
      ? lang === 'en'
        ? `${a.victims ?? 0} victims${a.fatalities ? `, ${a.fatalities} killed` : ''}`
        : `${a.victims ?? 0} victimes${a.fatalities ? `, ${a.fatalities} tués` : ''}`
      : '';
  const what = a.summary ? ` ${a.summary}` : a.actTypes.length ? ` ${a.actTypes.join(', ')}` : '';
  const sep = lang === 'fr' ? ' ; ' : '; ';
  return `${a.id}${what} (${[displayPartialDate(a.date, lang), status, `${grave}${cats.length ? ` — ${cats.join(', ')}` : ''}`].join(sep)}${victims ? sep + victims : ''})`;
}

function summaryLine(label: I18nText, value: number, weight: number, contribution: number, lang: Lang, detail: string): string {
  return lang === 'en'
    ? `${label.en}: ${detail} → value ${fmtNumber(value, lang)} × weight ${fmtNumber(weight, lang)} = ${fmtSigned(contribution, lang)}.`
    : `${label.fr} : ${detail} → valeur ${fmtNumber(value, lang)} × poids ${fmtNumber(weight, lang)} = ${fmtSigned(contribution, lang)}.`;
}

function explain(label: I18nText, value: number, weight: number, contribution: number, detail: I18nText, lines: I18nText[]): I18nText {
  return both((lang) => [summaryLine(label, value, weight, contribution, lang, detail[lang]), ...lines.map((l) => `  • ${l[lang]}`)].join('\n'));
}

// ---------------------------------------------------------------------------------------------
// Criterion computations
// ---------------------------------------------------------------------------------------------

interface Computed {
  value: number;
  facts: RiskFact[];
  detail: I18nText;
  notes: I18nText[];
  input?: AssessorInput | null;
  missingInput?: boolean;
}

function computeRecord(cr: Extract<CriterionConfig, { method: 'violation-record' | 'command-responsibility' }>, d: EvidenceDossier, config: RiskConfig, on: string, n: Names): Computed {
  const p = cr.params;
  const counted = new Set<PathKind>(p.paths);
  const relevant = d.allegations
    .map((a) => {
      const paths = a.paths.filter((x) => counted.has(pathKey(x)));
      if (paths.length === 0) return null;
      let best = paths[0]!;
      for (const x of paths) if ((p.pathFactors[pathKey(x)] ?? 0) > (p.pathFactors[pathKey(best)] ?? 0)) best = x;
      return { a, path: best, day: latestDayOf(a.date) ?? on };
    })
    .filter((x): x is NonNullable<typeof x> => x !== null)
    .sort((x, y) => (x.day < y.day ? 1 : x.day > y.day ? -1 : x.a.id.localeCompare(y.a.id)));

  const verification = (a: DossierAllegation) => p.verificationFactors[a.verification] ?? p.unknownVerificationFactor;
  const countedAllegations = relevant.filter((r) => verification(r.a) > 0);

  // Improvement since: how long since the most recent counted allegation.
  let improvement: { factor: number; since: string; months: number } | null = null;
  const notes: I18nText[] = [];
  if (p.improvement && countedAllegations.length > 0) {
    const latest = countedAllegations[0]!;
    const months = Math.max(0, monthsBetween(latest.day, on));
    if (months >= p.improvement.quietMonths) {
      improvement = { factor: p.improvement.factor, since: latest.a.date, months };
      notes.push({
        en: `Improvement: no counted allegation since ${displayPartialDate(latest.a.date, 'en')} (${Math.floor(months)} months, at least ${p.improvement.quietMonths} required); older violations weigh ×${fmtNumber(p.improvement.factor, 'en')}, except those that never decay.`,
        fr: `Amélioration : aucune allégation retenue depuis ${displayPartialDate(latest.a.date, 'fr')} (${Math.floor(months)} mois, au moins ${p.improvement.quietMonths} requis) ; les violations anciennes pèsent ×${fmtNumber(p.improvement.factor, 'fr')}, sauf celles qui ne s’estompent jamais.`,
      });
    }
  }

  const facts: RiskFact[] = [];
  let points = 0;
  for (const { a, path, day } of relevant) {
    const v = verification(a);
    const head = both((lang) => allegationHeadline(a, config, lang));
    const via = describePath(path, n);
    if (v === 0) {
      facts.push({
        kind: 'allegation',
        id: a.id,
        counted: false,
        points: 0,
        personIds: personIdsOf(a),
        text: both((lang) => (lang === 'en' ? `${head.en}, ${via.en}: not counted (${labelOf(config.verificationStatuses, a.verification).en}).` : `${head.fr}, ${via.fr} : non retenue (${labelOf(config.verificationStatuses, a.verification).fr}).`)),
      });
      continue;
    }
    const severity = a.grave ? p.graveFactor : p.nonGraveFactor;
    const pathF = p.pathFactors[pathKey(path)] ?? 0;
    const mag = magnitudeFactor(a, p.magnitude);
    const noDecay = a.categories.find((c) => p.noDecayCategories.includes(c));
    const age = Math.max(0, monthsBetween(day, on));
    const decay = noDecay ? 1 : Math.pow(0.5, age / p.halfLifeMonths);
    const impr = !noDecay && improvement ? improvement.factor : 1;
    const pts = severity * v * pathF * mag * decay * impr;
    points += pts;
    const factors: I18nText[] = [];
    if (severity !== 1) factors.push({ en: `severity ×${fmtNumber(severity, 'en')}`, fr: `gravité ×${fmtNumber(severity, 'fr')}` });
    if (v !== 1) factors.push({ en: `${labelOf(config.verificationStatuses, a.verification).en} ×${fmtNumber(v, 'en')}`, fr: `${labelOf(config.verificationStatuses, a.verification).fr} ×${fmtNumber(v, 'fr')}` });
    if (pathF !== 1) factors.push({ en: `path ×${fmtNumber(pathF, 'en')}`, fr: `lien ×${fmtNumber(pathF, 'fr')}` });
    if (mag !== 1) factors.push({ en: `scale ×${fmtNumber(mag, 'en')}`, fr: `ampleur ×${fmtNumber(mag, 'fr')}` });
    if (noDecay) {
      const cat = labelOf(config.violationCategories, noDecay);
      factors.push({ en: `no decay (${cat.en})`, fr: `pas d’atténuation dans le temps (${cat.fr})` });
    } else {
      factors.push({
        en: `${Math.floor(age)} months old ×${fmtNumber(decay, 'en')}`,
        fr: `ancienneté ${Math.floor(age)} mois ×${fmtNumber(decay, 'fr')}`,
      });
    }
    if (impr !== 1) factors.push({ en: `improvement ×${fmtNumber(impr, 'en')}`, fr: `amélioration ×${fmtNumber(impr, 'fr')}` });
    facts.push({
      kind: 'allegation',
      id: a.id,
      counted: true,
      points: round6(pts),
      personIds: personIdsOf(a),
      text: both((lang) =>
        lang === 'en'
          ? `${head.en}, ${via.en}: ${fmtNumber(pts, 'en')} points (${factors.map((f) => f.en).join(', ')}).`
          : `${head.fr}, ${via.fr} : ${fmtNumber(pts, 'fr')} points (${factors.map((f) => f.fr).join(', ')}).`,
      ),
    });
  }
  const value = Math.min(1, points / p.saturation);
  const nCounted = facts.filter((f) => f.counted).length;
  const detail =
    relevant.length === 0
      ? { en: 'no allegation reaches the recipient by the paths this criterion counts', fr: 'aucune allégation ne concerne le bénéficiaire par les liens retenus pour ce critère' }
      : {
          en: `${nCounted} allegation(s) counted, ${fmtNumber(points, 'en')} points (full weight at ${fmtNumber(p.saturation, 'en')})`,
          fr: `${nCounted} allégation(s) retenue(s), ${fmtNumber(points, 'fr')} points (poids plein à ${fmtNumber(p.saturation, 'fr')})`,
        };
  return { value, facts, detail, notes };
}

function computeAccountability(cr: Extract<CriterionConfig, { method: 'accountability' }>, d: EvidenceDossier, config: RiskConfig, n: Names): Computed {
  const p = cr.params;
  const counted = new Set<PathKind>(p.paths);
  const calling = d.allegations.filter((a) => a.grave && p.allegationStatuses.includes(a.verification) && a.paths.some((x) => counted.has(pathKey(x))));
  const facts: RiskFact[] = [];
  let credits = 0;
  for (const a of calling) {
    const persons = new Set(a.paths.flatMap((x) => (x.kind === 'commander' && counted.has(pathKey(x)) ? [x.personId] : [])));
    const actions = d.correctiveActions.filter(
      (c) => p.creditedStatuses.includes(c.status) && (c.allegationIds.includes(a.id) || (c.personIds ?? []).some((id) => persons.has(id))),
    );
    let best: CorrectiveAction | null = null;
    let credit = 0;
    for (const c of actions) {
      const cc = p.actionCredits[c.type] ?? 0;
      if (cc > credit) {
        credit = cc;
        best = c;
      }
    }
    credits += credit;
    const head = both((lang) => allegationHeadline(a, config, lang));
    facts.push({
      kind: 'allegation',
      id: a.id,
      counted: true,
      points: round6(credit),
      personIds: [...persons],
      text: best
        ? both((lang) => {
            const type = labelOf(config.correctiveActionTypes, best!.type)[lang];
            const who = (best!.personIds ?? []).map((id) => n.person(id));
            return lang === 'en'
              ? `${head.en}: ${type} ${best!.id} (${labelOf(config.correctiveActionStatuses, best!.status).en}${who.length ? `, concerning ${who.join(', ')}` : ''}) → credit ${fmtNumber(credit, 'en')}.`
              : `${head.fr} : ${type} ${best!.id} (${labelOf(config.correctiveActionStatuses, best!.status).fr}${who.length ? `, concernant ${who.join(', ')}` : ''}) → crédit ${fmtNumber(credit, 'fr')}.`;
          })
        : { en: `${head.en}: no corrective action known → credit 0.`, fr: `${head.fr} : aucune mesure corrective connue → crédit 0.` },
    });
  }
  const value = calling.length === 0 ? 0 : -(credits / calling.length);
  const detail =
    calling.length === 0
      ? { en: 'no grave allegation calling for corrective action', fr: 'aucune allégation grave appelant des mesures correctives' }
      : {
          en: `corrective action answers ${fmtNumber(credits, 'en')} of ${calling.length} grave allegation(s)`,
          fr: `les mesures correctives répondent à ${fmtNumber(credits, 'fr')} sur ${calling.length} allégation(s) grave(s)`,
        };
  return { value: value === 0 ? 0 : value, facts, detail, notes: [] };
}

/** Whether a waiver covers a person for a request on a given day. */
export function waiverCovers(w: Waiver, personId: string, requestId: string | undefined | null, day: string): boolean {
  if (!w.personIds.includes(personId)) return false;
  if (w.requestId && requestId && w.requestId !== requestId) return false;
  if (w.requestId && !requestId) return false;
  if (toDay(w.decidedOn) > day) return false;
  if (w.validUntil && toDay(w.validUntil) < day) return false;
  return true;
}

function computeListed(cr: Extract<CriterionConfig, { method: 'listed-persons' }>, d: EvidenceDossier, config: RiskConfig, on: string): Computed {
  const p = cr.params;
  const facts: RiskFact[] = [];
  let points = 0;
  for (const l of d.listings) {
    const base = p.pointsByList[l.list];
    const role = p.roleFactors[l.role];
    const waiver = d.waivers.find((w) => waiverCovers(w, l.personId, d.requestId, on));
    const pts = (base ?? 0) * role * (waiver ? p.waivedFactor : 1);
    points += pts;
    const list = labelOf(config.personLists, l.list);
    const roleText = l.role === 'commander' ? { en: 'commander', fr: 'commandant' } : { en: 'participant', fr: 'participant' };
    facts.push({
      kind: 'listing',
      id: l.personId,
      counted: pts > 0,
      points: round6(pts),
      personIds: [l.personId],
      text: both((lang) => {
        const missing = base === undefined ? (lang === 'en' ? ' — this list carries no points in the configuration' : ' — cette liste ne porte aucun point dans la configuration') : '';
        const w = waiver
          ? lang === 'en'
            ? `, waiver ${waiver.id} of ${displayPartialDate(waiver.decidedOn, 'en')} (×${fmtNumber(p.waivedFactor, 'en')})`
            : `, dérogation ${waiver.id} du ${displayPartialDate(waiver.decidedOn, 'fr')} (×${fmtNumber(p.waivedFactor, 'fr')})`
          : lang === 'en'
            ? ', no waiver'
            : ', sans dérogation';
        return lang === 'en'
          ? `${l.name} (${roleText.en}) on the ${list.en}${w}: ${fmtNumber(pts, 'en')} points${missing}.`
          : `${l.name} (${roleText.fr}) inscrit(e) sur la ${list.fr}${w} : ${fmtNumber(pts, 'fr')} points${missing}.`;
      }),
    });
  }
  const value = Math.min(1, points / p.saturation);
  const detail =
    d.listings.length === 0
      ? { en: 'no listed person among commanders or participants', fr: 'aucune personne inscrite parmi les commandants ou participants' }
      : {
          en: `${d.listings.length} listing(s), ${fmtNumber(points, 'en')} points (full weight at ${fmtNumber(p.saturation, 'en')})`,
          fr: `${d.listings.length} inscription(s), ${fmtNumber(points, 'fr')} points (poids plein à ${fmtNumber(p.saturation, 'fr')})`,
        };
  return { value, facts, detail, notes: [] };
}

function computeScreening(cr: Extract<CriterionConfig, { method: 'screening-hits' }>, d: EvidenceDossier, config: RiskConfig): Computed {
  const p = cr.params;
  const facts: RiskFact[] = [];
  let points = 0;
  for (const h of d.screeningHits) {
    const known = p.statusFactors[h.status];
    const f = known ?? 1;
    const score = Math.max(0, Math.min(1, h.matchScore));
    const pts = f * score;
    points += pts;
    facts.push({
      kind: 'screening-hit',
      id: h.id,
      counted: pts > 0,
      points: round6(pts),
      personIds: h.personId ? [h.personId] : [],
      text: {
        en: `${h.id}: ${h.name} matched on ${h.source} (score ${fmtNumber(score, 'en')}, ${labelOf(config.screeningStatuses, h.status).en}${known === undefined ? ', status not configured: counted in full' : ''}): ${fmtNumber(pts, 'en')} points.`,
        fr: `${h.id} : ${h.name}, correspondance sur ${h.source} (score ${fmtNumber(score, 'fr')}, ${labelOf(config.screeningStatuses, h.status).fr}${known === undefined ? ', statut non configuré : compté en entier' : ''}) : ${fmtNumber(pts, 'fr')} points.`,
      },
    });
  }
  const value = Math.min(1, points / p.saturation);
  const detail =
    d.screeningHits.length === 0
      ? { en: 'no screening hit', fr: 'aucune correspondance au criblage' }
      : {
          en: `${d.screeningHits.length} hit(s), ${fmtNumber(points, 'en')} points (full weight at ${fmtNumber(p.saturation, 'en')})`,
          fr: `${d.screeningHits.length} correspondance(s), ${fmtNumber(points, 'fr')} points (poids plein à ${fmtNumber(p.saturation, 'fr')})`,
        };
  return { value, facts, detail, notes: [] };
}

function computeChoice(cr: Extract<CriterionConfig, { method: 'assessor-choice' }>, d: EvidenceDossier): Computed {
  const input = d.assessorInputs[cr.id] ?? null;
  const option = input ? cr.params.options.find((o) => o.id === input.option) : undefined;
  if (!input || !option) {
    const detail = input
      ? { en: `the option "${input.option}" entered is not one of this criterion’s options`, fr: `l’option « ${input.option} » saisie n’est pas une option de ce critère` }
      : { en: 'not entered yet by the assessor', fr: 'pas encore renseigné par l’évaluateur' };
    return { value: 0, facts: [], detail, notes: [], input, missingInput: cr.params.required };
  }
  const notes: I18nText[] = input.note ? [{ en: `Assessor’s note: ${input.note}`, fr: `Note de l’évaluateur : ${input.note}` }] : [];
  return {
    value: option.value,
    facts: [{ kind: 'input', id: option.id, counted: true, points: option.value, personIds: [], text: option.label }],
    detail: { en: `assessor’s judgement: “${option.label.en}”`, fr: `appréciation de l’évaluateur : « ${option.label.fr} »` },
    notes,
    input,
    missingInput: false,
  };
}

// ---------------------------------------------------------------------------------------------
// Levels
// ---------------------------------------------------------------------------------------------

export function levelIndex(config: RiskConfig, level: string): number {
  return config.levels.findIndex((l) => l.id === level);
}

/** The level the score alone reaches: the most severe level with a threshold at or below the total. */
export function scoreLevel(total: number, config: RiskConfig): string {
  let level = config.levels[0]!.id;
  config.levels.forEach((l, i) => {
    if (i > 0 && l.minScore !== null && total >= l.minScore) level = l.id;
  });
  return level;
}

function forcedLevels(d: EvidenceDossier, config: RiskConfig, on: string): ForcedLevel[] {
  const out: ForcedLevel[] = [];
  for (const rule of config.forcingRules) {
    const role = rule.condition === 'listed-commander-without-waiver' ? 'commander' : 'participant';
    const hits = d.listings.filter((l) => l.role === role && rule.lists.includes(l.list) && !d.waivers.some((w) => waiverCovers(w, l.personId, d.requestId, on)));
    if (hits.length === 0) continue;
    const persons = [...new Set(hits.map((h) => h.personId))];
    const who = hits.map((h) => ({ en: `${h.name} (${labelOf(config.personLists, h.list).en})`, fr: `${h.name} (${labelOf(config.personLists, h.list).fr})` }));
    const level = config.levels.find((l) => l.id === rule.level)!;
    out.push({
      condition: rule.condition,
      level: rule.level,
      personIds: persons,
      text: {
        en: `${rule.label.en}: ${who.map((w) => w.en).join(', ')} → level ${level.label.en}.`,
        fr: `${rule.label.fr} : ${who.map((w) => w.fr).join(', ')} → niveau ${level.label.fr}.`,
      },
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Assessment
// ---------------------------------------------------------------------------------------------

/** Computes the risk assessment of a dossier on a day ('YYYY-MM-DD'). */
export function assessRisk(dossier: EvidenceDossier, config: RiskConfig, assessedOn: string): RiskAssessment {
  const on = toDay(assessedOn);
  const n = namesOf(dossier);
  const criteria: CriterionResult[] = config.criteria.map((cr) => {
    let r: Computed;
    switch (cr.method) {
      case 'violation-record':
      case 'command-responsibility':
        r = computeRecord(cr, dossier, config, on, n);
        break;
      case 'accountability':
        r = computeAccountability(cr, dossier, config, n);
        break;
      case 'listed-persons':
        r = computeListed(cr, dossier, config, on);
        break;
      case 'screening-hits':
        r = computeScreening(cr, dossier, config);
        break;
      case 'assessor-choice':
        r = computeChoice(cr, dossier);
        break;
    }
    const value = round6(r.value);
    const contribution = round6(cr.weight * r.value);
    return {
      criterionId: cr.id,
      method: cr.method,
      label: cr.label,
      weight: cr.weight,
      value,
      contribution,
      facts: r.facts,
      input: r.input ?? null,
      missingInput: r.missingInput ?? false,
      explanation: explain(cr.label, value, cr.weight, contribution, r.detail, [...r.notes, ...r.facts.map((f) => f.text)]),
    };
  });
  const total = round6(criteria.reduce((s, c) => s + c.contribution, 0));
  const byScore = scoreLevel(total, config);
  const forced = forcedLevels(dossier, config, on);
  let proposed = byScore;
  for (const f of forced) if (levelIndex(config, f.level) > levelIndex(config, proposed)) proposed = f.level;
  const missingInputs = criteria.filter((c) => c.missingInput).map((c) => c.criterionId);
  const lvl = (id: string) => config.levels.find((l) => l.id === id)!.label;
  const explanation = both((lang) => {
    const head =
      lang === 'en'
        ? `Assessment of ${displayPartialDate(on, 'en')}: total ${fmtSigned(total, 'en')} → ${lvl(byScore).en} by score${proposed !== byScore ? `; proposed level ${lvl(proposed).en} (forced)` : ''}.`
        : `Évaluation du ${displayPartialDate(on, 'fr')} : total ${fmtSigned(total, 'fr')} → ${lvl(byScore).fr} selon le score${proposed !== byScore ? ` ; niveau proposé ${lvl(proposed).fr} (imposé)` : ''}.`;
    const lines = [head, ...forced.map((f) => f.text[lang])];
    if (missingInputs.length > 0) {
      const names = missingInputs.map((id) => criteria.find((c) => c.criterionId === id)!.label[lang]);
      lines.push(lang === 'en' ? `Incomplete: the assessor has not entered ${names.join('; ')}.` : `Incomplète : l’évaluateur n’a pas renseigné ${names.join(' ; ')}.`);
    }
    for (const c of criteria) lines.push(c.explanation[lang]);
    return lines.join('\n');
  });
  return { assessedOn: on, criteria, total, scoreLevel: byScore, forced, proposedLevel: proposed, complete: missingInputs.length === 0, missingInputs, explanation };
}

// ---------------------------------------------------------------------------------------------
// Override by the assessor
// ---------------------------------------------------------------------------------------------

export interface LevelOverride {
  level: string;
  justification: string;
  by: string;
  on: string;
}

export interface FinalLevel {
  /** The level the rules proposed; kept beside the override. */
  computedLevel: string;
  finalLevel: string;
  override: LevelOverride | null;
}

export interface OverrideError {
  code: 'unknown-level' | 'justification-required' | 'below-forced-level';
  en: string;
  fr: string;
}

/**
 * The final level of an assessment, with an optional assessor override. An override needs a
 * justification of the configured length; a level forced by a listing cannot be lowered by an
 * override unless the configuration allows it (the proper route is a waiver, then a new assessment).
 */
export function applyOverride(
  assessment: Pick<RiskAssessment, 'proposedLevel' | 'forced'>,
  override: LevelOverride | null,
  config: RiskConfig,
): { ok: true; value: FinalLevel } | { ok: false; error: OverrideError } {
  if (!override) return { ok: true, value: { computedLevel: assessment.proposedLevel, finalLevel: assessment.proposedLevel, override: null } };
  const target = config.levels.find((l) => l.id === override.level);
  if (!target) {
    return { ok: false, error: { code: 'unknown-level', en: `unknown risk level "${override.level}"`, fr: `niveau de risque inconnu « ${override.level} »` } };
  }
  const justification = override.justification.trim();
  if (justification.length < config.override.minJustificationLength) {
    return {
      ok: false,
      error: {
        code: 'justification-required',
        en: `an override needs a justification of at least ${config.override.minJustificationLength} characters`,
        fr: `une modification du niveau exige une justification d’au moins ${config.override.minJustificationLength} caractères`,
      },
    };
  }
  const forcedMax = assessment.forced.reduce((m, f) => Math.max(m, levelIndex(config, f.level)), -1);
  if (!config.override.allowBelowForcedLevel && forcedMax >= 0 && levelIndex(config, override.level) < forcedMax) {
    const forced = config.levels[forcedMax]!.label;
    return {
      ok: false,
      error: {
        code: 'below-forced-level',
        en: `the level ${forced.en} is forced by a listed person without waiver; only a waiver decision, not an override, can lift it`,
        fr: `le niveau ${forced.fr} est imposé par une personne inscrite sans dérogation ; seule une décision de dérogation, et non une modification du niveau, peut le lever`,
      },
    };
  }
  return {
    ok: true,
    value: { computedLevel: assessment.proposedLevel, finalLevel: override.level, override: { ...override, justification } },
  };
}

// ---------------------------------------------------------------------------------------------
// Comparing two assessments (re-assessment after new facts, or two config versions)
// ---------------------------------------------------------------------------------------------

export interface CriterionChange {
  criterionId: string;
  label: I18nText;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  before: { value: number; contribution: number } | null;
  after: { value: number; contribution: number } | null;
  contributionDelta: number;
  /** Facts as "kind:id". */
  factsAdded: string[];
  factsRemoved: string[];
  /** Facts present in both whose points changed. */
  factsChanged: string[];
  inputChanged: boolean;
}

export interface AssessmentComparison {
  totalBefore: number;
  totalAfter: number;
  totalDelta: number;
  levelBefore: string;
  levelAfter: string;
  levelChanged: boolean;
  criteria: CriterionChange[];
  summary: I18nText;
}

/** What changed from assessment a to assessment b, criterion by criterion. */
export function compareAssessments(a: RiskAssessment, b: RiskAssessment, config?: RiskConfig): AssessmentComparison {
  const lvl = (id: string, lang: Lang) => config?.levels.find((l) => l.id === id)?.label[lang] ?? id;
  const ids = [...new Set([...a.criteria.map((c) => c.criterionId), ...b.criteria.map((c) => c.criterionId)])];
  const criteria: CriterionChange[] = ids.map((id) => {
    const x = a.criteria.find((c) => c.criterionId === id);
    const y = b.criteria.find((c) => c.criterionId === id);
    const key = (f: RiskFact) => `${f.kind}:${f.id}`;
    const fx = new Map((x?.facts ?? []).map((f) => [key(f), f]));
    const fy = new Map((y?.facts ?? []).map((f) => [key(f), f]));
    const factsAdded = [...fy.keys()].filter((k) => !fx.has(k));
    const factsRemoved = [...fx.keys()].filter((k) => !fy.has(k));
    const factsChanged = [...fy.keys()].filter((k) => fx.has(k) && (fx.get(k)!.points !== fy.get(k)!.points || fx.get(k)!.counted !== fy.get(k)!.counted));
    const inputChanged = (x?.input?.option ?? null) !== (y?.input?.option ?? null);
    const before = x ? { value: x.value, contribution: x.contribution } : null;
    const after = y ? { value: y.value, contribution: y.contribution } : null;
    const contributionDelta = round6((after?.contribution ?? 0) - (before?.contribution ?? 0));
    const status: CriterionChange['status'] = !x
      ? 'added'
      : !y
        ? 'removed'
        : contributionDelta !== 0 || x.value !== y.value || factsAdded.length || factsRemoved.length || factsChanged.length || inputChanged
          ? 'changed'
          : 'unchanged';
    return { criterionId: id, label: (y ?? x)!.label, status, before, after, contributionDelta, factsAdded, factsRemoved, factsChanged, inputChanged };
  });
  const totalDelta = round6(b.total - a.total);
  const summary = both((lang) => {
    const head =
      lang === 'en'
        ? `Total ${fmtSigned(a.total, 'en')} → ${fmtSigned(b.total, 'en')} (${fmtSigned(totalDelta, 'en')}); level ${lvl(a.proposedLevel, 'en')} → ${lvl(b.proposedLevel, 'en')}.`
        : `Total ${fmtSigned(a.total, 'fr')} → ${fmtSigned(b.total, 'fr')} (${fmtSigned(totalDelta, 'fr')}) ; niveau ${lvl(a.proposedLevel, 'fr')} → ${lvl(b.proposedLevel, 'fr')}.`;
    const lines = criteria
      .filter((c) => c.status !== 'unchanged')
      .map((c) => {
        const parts: string[] = [`${c.label[lang]}${lang === 'fr' ? ' :' : ':'} ${fmtSigned(c.contributionDelta, lang)}`];
        if (c.status === 'added') parts.push(lang === 'en' ? 'new criterion' : 'nouveau critère');
        if (c.status === 'removed') parts.push(lang === 'en' ? 'criterion removed' : 'critère supprimé');
        if (c.factsAdded.length) parts.push(`${lang === 'en' ? 'new' : 'nouveaux'}: ${c.factsAdded.join(', ')}`);
        if (c.factsRemoved.length) parts.push(`${lang === 'en' ? 'gone' : 'retirés'}: ${c.factsRemoved.join(', ')}`);
        if (c.factsChanged.length) parts.push(`${lang === 'en' ? 'reweighed' : 'repondérés'}: ${c.factsChanged.join(', ')}`);
        if (c.inputChanged) parts.push(lang === 'en' ? 'assessor’s judgement changed' : 'appréciation de l’évaluateur modifiée');
        return `  • ${parts.join('; ')}`;
      });
    return [head, ...lines].join('\n');
  });
  return {
    totalBefore: a.total,
    totalAfter: b.total,
    totalDelta,
    levelBefore: a.proposedLevel,
    levelAfter: b.proposedLevel,
    levelChanged: a.proposedLevel !== b.proposedLevel,
    criteria,
    summary,
  };
}
