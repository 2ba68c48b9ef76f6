/**
 * Watching supported units after the decision. Given a supported request (its recipient units, their
 * sub-units, commanders, planned participants and support period) and one new fact, decide whether a
 * review must be raised, with which trigger and an English and French description naming the facts.
 * Which triggers exist in code; which are enabled, and their thresholds and wording, are configuration.
 *
 * Also: whether support is suspended on a day, given narrow (one request or one operation) and broad
 * (a unit across requests) suspensions; due dates and lateness of mitigatory measures.
 */
import { displayPartialDate } from '../platform/dates.ts';
import type { HrddpConfig, I18nText, TriggerConfig, TriggerType } from './config.ts';
import { labelOf } from './config.ts';
import { addDays, joinList, latestDayOf, toDay } from './util.ts';

export interface MonitoredRequest {
  id: string;
  /** The operation the support serves, if any (narrow suspensions may target it). */
  operationId?: string | null;
  recipientUnitIds: string[];
  subUnitIds: string[];
  /** Units above the recipients in the chain of command (a broad suspension of one of them may cover its sub-units). */
  ancestorUnitIds?: string[];
  commanders: { personId: string; name: string; unitId: string }[];
  /** Planned participants of a joint operation. */
  participants: { personId: string; name: string; unitId?: string }[];
  period: { start: string; end?: string | null };
  /** Unit names, for descriptions. */
  unitNames?: Record<string, string>;
}

export interface MonitoredAllegation {
  id: string;
  summary?: string;
  /** Partial date of the events. */
  date: string;
  grave: boolean;
  categories: string[];
  verification: string;
  unitIds: string[];
  personIds: string[];
}

export interface MonitoredMeasure {
  id: string;
  /** config.mitigationMeasures id. */
  type: string;
  requestId: string;
  dueDate: string;
  implementedOn?: string | null;
  description?: string;
}

export type MonitoringFact =
  | { type: 'allegation-attributed'; recordedOn: string; allegation: MonitoredAllegation }
  | { type: 'allegation-upgraded'; recordedOn: string; allegation: MonitoredAllegation; previous: { verification: string; grave: boolean } }
  | {
      type: 'posting';
      recordedOn: string;
      posting: { personId: string; name: string; unitId: string; role: 'commander' | 'member'; start: string; end?: string | null };
      /** Lists the posted person is on. */
      listings: { list: string }[];
    }
  | { type: 'listing-change'; recordedOn: string; personId: string; name: string; list: string; change: 'added' | 'removed' }
  | { type: 'measures-check'; date: string; measures: MonitoredMeasure[] };

export interface RaisedTrigger {
  triggerId: string;
  type: TriggerType;
  requestId: string;
  /** The allegation, person or measure that raised it. */
  factId: string;
  personIds: string[];
  /** Listed persons concerned (a review about them blocks approval until a waiver). */
  listedPersonIds: string[];
  description: I18nText;
}

// ---------------------------------------------------------------------------------------------

type Link = 'recipient' | 'sub-unit' | 'commander' | 'participant';

function linksOf(a: MonitoredAllegation, r: MonitoredRequest): { link: Link; id: string }[] {
  const out: { link: Link; id: string }[] = [];
  for (const u of a.unitIds) {
    if (r.recipientUnitIds.includes(u)) out.push({ link: 'recipient', id: u });
    else if (r.subUnitIds.includes(u)) out.push({ link: 'sub-unit', id: u });
  }
  for (const p of a.personIds) {
    if (r.commanders.some((c) => c.personId === p)) out.push({ link: 'commander', id: p });
    else if (r.participants.some((c) => c.personId === p)) out.push({ link: 'participant', id: p });
  }
  return out;
}

function describeLinks(links: { link: Link; id: string }[], r: MonitoredRequest, config: HrddpConfig): I18nText {
  const unit = (id: string) => r.unitNames?.[id] ?? id;
  const person = (id: string) => r.commanders.find((c) => c.personId === id)?.name ?? r.participants.find((c) => c.personId === id)?.name ?? id;
  const words: Record<Link, I18nText> = {
    recipient: { en: 'supported unit', fr: 'unité appuyée' },
    'sub-unit': { en: 'sub-unit of a supported unit', fr: 'sous-unité d’une unité appuyée' },
    commander: { en: 'commander of a supported unit', fr: 'commandant d’une unité appuyée' },
    participant: { en: 'planned participant', fr: 'participant prévu' },
  };
  const items = (lang: 'en' | 'fr') =>
    links.map((l) => `${l.link === 'recipient' || l.link === 'sub-unit' ? unit(l.id) : person(l.id)} (${words[l.link][lang]})`);
  return { en: joinList(items('en'), config.letters.and.en), fr: joinList(items('fr'), config.letters.and.fr) };
}

function allegationText(a: MonitoredAllegation, config: HrddpConfig, lang: 'en' | 'fr'): string {
  const status = labelOf(config.risk.verificationStatuses, a.verification)[lang];
  const grave = a.grave ? 'grave' : lang === 'en' ? 'not grave' : 'non grave';
  const cats = a.categories.map((c) => labelOf(config.risk.violationCategories, c)[lang]);
  const sep = lang === 'fr' ? ' ; ' : '; ';
  return `${a.id}${a.summary ? ` ${a.summary}` : ''} (${[displayPartialDate(a.date, lang), status, grave + (cats.length ? ` — ${cats.join(', ')}` : '')].join(sep)})`;
}

function enabled<T extends TriggerType>(config: HrddpConfig, type: T): Extract<TriggerConfig, { type: T }>[] {
  return config.review.triggers.filter((t): t is Extract<TriggerConfig, { type: T }> => t.type === type && t.enabled);
}

/** Facts recorded after the support period ended no longer concern the request. */
function withinPeriod(r: MonitoredRequest, day: string): boolean {
  return !r.period.end || toDay(day) <= toDay(r.period.end);
}

const listedAmong = (personIds: string[], listed: Set<string>) => personIds.filter((p) => listed.has(p));

/**
 * Evaluates one new fact against one supported request. Returns the reviews to raise (none when the
 * fact does not concern the request or no enabled trigger applies).
 *
 * `listedPersonIds` gives the persons known to be on a list that forces a review to name them (so the
 * workflow can block approval until a waiver): pass the ids of listed commanders and participants.
 */
export function evaluateFact(request: MonitoredRequest, fact: MonitoringFact, config: HrddpConfig, listedPersonIds: string[] = []): RaisedTrigger[] {
  const listed = new Set(listedPersonIds);
  const out: RaisedTrigger[] = [];
  const base = { requestId: request.id };

  if (fact.type === 'allegation-attributed' || fact.type === 'allegation-upgraded') {
    if (!withinPeriod(request, fact.recordedOn)) return [];
    const a = fact.allegation;
    const links = linksOf(a, request);
    if (links.length === 0) return [];
    const persons = [...new Set(links.filter((l) => l.link === 'commander' || l.link === 'participant').map((l) => l.id))];
    if (fact.type === 'allegation-attributed') {
      for (const t of enabled(config, 'new-allegation')) {
        const ls = links.filter((l) => t.paths.includes(l.link));
        if (ls.length === 0) continue;
        if (!t.verification.includes(a.verification)) continue;
        if (t.graveOnly && !a.grave) continue;
        if (t.eventsSince === 'support-start' && (latestDayOf(a.date) ?? '9999-12-31') < toDay(request.period.start)) continue;
        const who = describeLinks(ls, request, config);
        out.push({
          ...base,
          triggerId: t.id,
          type: 'new-allegation',
          factId: a.id,
          personIds: persons,
          listedPersonIds: listedAmong(persons, listed),
          description: {
            en: `New allegation ${allegationText(a, config, 'en')} concerns ${who.en}; support request ${request.id}.`,
            fr: `Nouvelle allégation ${allegationText(a, config, 'fr')} concernant ${who.fr} ; demande d’appui ${request.id}.`,
          },
        });
      }
    } else {
      for (const t of enabled(config, 'allegation-upgraded')) {
        const prev = fact.previous;
        const confirmed = t.toVerification.includes(a.verification) && !t.toVerification.includes(prev.verification);
        const becameGrave = t.onBecomingGrave && a.grave && !prev.grave;
        if (!confirmed && !becameGrave) continue;
        const who = describeLinks(links, request, config);
        const from = labelOf(config.risk.verificationStatuses, prev.verification);
        const to = labelOf(config.risk.verificationStatuses, a.verification);
        const change: I18nText = confirmed
          ? { en: `now ${to.en} (was ${from.en})`, fr: `désormais ${to.fr} (auparavant ${from.fr})` }
          : { en: 'now classified as grave', fr: 'désormais qualifiée de grave' };
        out.push({
          ...base,
          triggerId: t.id,
          type: 'allegation-upgraded',
          factId: a.id,
          personIds: persons,
          listedPersonIds: listedAmong(persons, listed),
          description: {
            en: `Allegation ${allegationText(a, config, 'en')}, ${change.en}, concerns ${who.en}; support request ${request.id}.`,
            fr: `Allégation ${allegationText(a, config, 'fr')}, ${change.fr}, concernant ${who.fr} ; demande d’appui ${request.id}.`,
          },
        });
      }
    }
    return out;
  }

  if (fact.type === 'posting') {
    const p = fact.posting;
    if (!withinPeriod(request, fact.recordedOn)) return [];
    if (p.end && toDay(p.end) < toDay(request.period.start)) return [];
    if (request.period.end && toDay(p.start) > toDay(request.period.end)) return [];
    const inRecipient = request.recipientUnitIds.includes(p.unitId);
    const inSub = request.subUnitIds.includes(p.unitId);
    const participant = request.participants.some((x) => x.personId === p.personId);
    const unit = request.unitNames?.[p.unitId] ?? p.unitId;
    const roleText = p.role === 'commander' ? { en: 'commander', fr: 'commandant' } : { en: 'member', fr: 'membre' };
    // The most specific trigger first: a listed person posted.
    for (const t of enabled(config, 'listed-person-posted')) {
      const lists = fact.listings.filter((l) => t.lists.includes(l.list)).map((l) => labelOf(config.risk.personLists, l.list));
      if (lists.length === 0 || !(inRecipient || inSub || participant)) continue;
      out.push({
        ...base,
        triggerId: t.id,
        type: 'listed-person-posted',
        factId: p.personId,
        personIds: [p.personId],
        listedPersonIds: [p.personId],
        description: {
          en: `${p.name}, on the ${lists.map((l) => l.en).join(' and the ')}, posted as ${roleText.en} of ${unit} from ${displayPartialDate(p.start, 'en')}, a unit supported under request ${request.id}.`,
          fr: `${p.name}, inscrit(e) sur la ${lists.map((l) => l.fr).join(' et la ')}, affecté(e) comme ${roleText.fr} de ${unit} à compter du ${displayPartialDate(p.start, 'fr')}, unité appuyée au titre de la demande ${request.id}.`,
        },
      });
    }
    if (out.length > 0) return out;
    if (p.role !== 'commander') return [];
    for (const t of enabled(config, 'commander-change')) {
      if (!(inRecipient || (t.includeSubUnits && inSub))) continue;
      if (request.commanders.some((c) => c.personId === p.personId && c.unitId === p.unitId)) continue;
      out.push({
        ...base,
        triggerId: t.id,
        type: 'commander-change',
        factId: p.personId,
        personIds: [p.personId],
        listedPersonIds: listedAmong([p.personId], listed),
        description: {
          en: `New commander of ${unit} from ${displayPartialDate(p.start, 'en')}: ${p.name}. The unit is supported under request ${request.id}; screen the new commander.`,
          fr: `Nouveau commandant de ${unit} à compter du ${displayPartialDate(p.start, 'fr')} : ${p.name}. L’unité est appuyée au titre de la demande ${request.id} ; le nouveau commandant doit être criblé.`,
        },
      });
    }
    return out;
  }

  if (fact.type === 'listing-change') {
    if (!withinPeriod(request, fact.recordedOn)) return [];
    const commander = request.commanders.find((c) => c.personId === fact.personId);
    const participant = request.participants.find((c) => c.personId === fact.personId);
    if (!commander && !participant) return [];
    for (const t of enabled(config, 'listing-change')) {
      if (!t.lists.includes(fact.list)) continue;
      if (fact.change === 'removed' && !t.onRemoval) continue;
      const list = labelOf(config.risk.personLists, fact.list);
      const role = commander
        ? { en: `commander of ${request.unitNames?.[commander.unitId] ?? commander.unitId}`, fr: `commandant de ${request.unitNames?.[commander.unitId] ?? commander.unitId}` }
        : { en: 'planned participant', fr: 'participant prévu' };
      const what =
        fact.change === 'added'
          ? { en: `added to the ${list.en}`, fr: `inscrit(e) sur la ${list.fr}` }
          : { en: `removed from the ${list.en}`, fr: `retiré(e) de la ${list.fr}` };
      out.push({
        ...base,
        triggerId: t.id,
        type: 'listing-change',
        factId: fact.personId,
        personIds: [fact.personId],
        listedPersonIds: fact.change === 'added' ? [fact.personId] : [],
        description: {
          en: `${fact.name}, ${role.en} under request ${request.id}, was ${what.en} on ${displayPartialDate(toDay(fact.recordedOn), 'en')}.`,
          fr: `${fact.name}, ${role.fr} au titre de la demande ${request.id}, a été ${what.fr} le ${displayPartialDate(toDay(fact.recordedOn), 'fr')}.`,
        },
      });
    }
    return out;
  }

  // measures-check
  const day = toDay(fact.date);
  for (const t of enabled(config, 'mitigation-overdue')) {
    for (const m of overdueMeasures(fact.measures.filter((x) => x.requestId === request.id), day, t.graceDays)) {
      const label = labelOf(config.mitigationMeasures, m.type);
      out.push({
        ...base,
        triggerId: t.id,
        type: 'mitigation-overdue',
        factId: m.id,
        personIds: [],
        listedPersonIds: [],
        description: {
          en: `Mitigatory measure ${m.id} (${label.en}${m.description ? `: ${m.description}` : ''}) for request ${request.id} was due on ${displayPartialDate(toDay(m.dueDate), 'en')} and is not implemented.`,
          fr: `La mesure d’atténuation ${m.id} (${label.fr}${m.description ? ` : ${m.description}` : ''}) prévue pour la demande ${request.id} devait être mise en œuvre le ${displayPartialDate(toDay(m.dueDate), 'fr')} et ne l’est pas.`,
        },
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Mitigatory measures
// ---------------------------------------------------------------------------------------------

/** Default due date of a measure decided on a day, from the catalogue's offset. */
export function measureDueDate(type: string, decidedOn: string, config: HrddpConfig): string {
  const m = config.mitigationMeasures.find((x) => x.id === type);
  if (!m) throw new RangeError(`unknown mitigation measure type "${type}"`);
  return addDays(toDay(decidedOn), m.dueOffsetDays);
}

/** Measures not implemented by their due date (plus grace days) as of a day. */
export function overdueMeasures<T extends Pick<MonitoredMeasure, 'dueDate' | 'implementedOn'>>(measures: T[], day: string, graceDays = 0): T[] {
  const d = toDay(day);
  return measures.filter((m) => {
    const limit = addDays(toDay(m.dueDate), graceDays);
    if (d <= limit) return false;
    return !m.implementedOn || toDay(m.implementedOn) > d;
  });
}

// ---------------------------------------------------------------------------------------------
// Suspensions
// ---------------------------------------------------------------------------------------------

export interface Suspension {
  id: string;
  /** Narrow: 'request' or 'operation'; broad: 'unit' (across requests). */
  scope: 'request' | 'operation' | 'unit';
  requestId?: string | null;
  operationId?: string | null;
  unitId?: string | null;
  /** For a unit suspension: whether its sub-units are suspended too. */
  includeSubUnits?: boolean;
  from: string;
  /** The day the suspension was lifted (support may flow again that day); null while it stands. */
  liftedOn?: string | null;
  reason?: string;
}

export interface SuspensionStatus {
  suspended: boolean;
  by: { suspensionId: string; scope: Suspension['scope']; en: string; fr: string }[];
}

/** Whether support under a request is suspended on a day, and by which suspensions. */
export function isSupportSuspended(
  request: Pick<MonitoredRequest, 'id' | 'operationId' | 'recipientUnitIds' | 'ancestorUnitIds' | 'unitNames'>,
  suspensions: Suspension[],
  date: string,
): SuspensionStatus {
  const day = toDay(date);
  const by: SuspensionStatus['by'] = [];
  for (const s of suspensions) {
    if (toDay(s.from) > day) continue;
    if (s.liftedOn && toDay(s.liftedOn) <= day) continue;
    const since = { en: displayPartialDate(toDay(s.from), 'en'), fr: displayPartialDate(toDay(s.from), 'fr') };
    if (s.scope === 'request' && s.requestId === request.id) {
      by.push({ suspensionId: s.id, scope: s.scope, en: `Support under request ${request.id} suspended since ${since.en}.`, fr: `Appui au titre de la demande ${request.id} suspendu depuis le ${since.fr}.` });
    } else if (s.scope === 'operation' && s.operationId && s.operationId === request.operationId) {
      by.push({ suspensionId: s.id, scope: s.scope, en: `Support to operation ${s.operationId} suspended since ${since.en}.`, fr: `Appui à l’opération ${s.operationId} suspendu depuis le ${since.fr}.` });
    } else if (s.scope === 'unit' && s.unitId) {
      const direct = request.recipientUnitIds.includes(s.unitId);
      const above = !!s.includeSubUnits && (request.ancestorUnitIds ?? []).includes(s.unitId);
      if (!direct && !above) continue;
      const unit = request.unitNames?.[s.unitId] ?? s.unitId;
      by.push({
        suspensionId: s.id,
        scope: s.scope,
        en: direct ? `All support to ${unit} suspended since ${since.en}.` : `All support to ${unit} and its sub-units suspended since ${since.en}.`,
        fr: direct ? `Tout appui à ${unit} suspendu depuis le ${since.fr}.` : `Tout appui à ${unit} et à ses sous-unités suspendu depuis le ${since.fr}.`,
      });
    }
  }
  return { suspended: by.length > 0, by };
}
