/**
 * The consent index: consent as a degree that moves with what the host state does, not a yes/no.
 *
 * Each recorded fact (a restriction imposed on the mission, the current status of a commitment, the
 * outcome of an engagement, a cooperation event) carries a weight set by configuration. At every
 * period's end the index is the baseline plus the sum of the weights of the facts in the window, each
 * halved every `halfLifeDays` after the fact ended: an ongoing restriction (an area still off-limits)
 * keeps its full weight until lifted. Every point lists its contributions, so value = baseline + the
 * sum of the contributions' deltas, and every flag names the facts that caused it. Pure module.
 *
 * Commitments count once, through their latest status at the point in time: a commitment marked
 * partly kept and later kept counts as kept from that date, not twice.
 */
import { ValidationError } from '../platform/errors.ts';
import { displayPartialDate } from '../platform/dates.ts';
import { findEntry, labelOf, type RelationsConfig } from './config.ts';
import type { CommitmentRecord, RestrictionRecord } from './tabulate.ts';
import { addDays, dayNumber, firstDay, formatNumber, formatPlain, lastDay, type Period, periodsBetween, previousPeriod, round2, type Step } from './time.ts';

// ---------------------------------------------------------------------------------------------
// Facts
// ---------------------------------------------------------------------------------------------

interface FactBase {
  id: string;
  /** The host-state actor (organisation or person) the fact is attributed to. */
  actorId?: string | null;
  /** Area code (OCHA P-code); an area filter matches the code and every code beneath it. */
  area?: string | null;
  /** Scope of the actor or engagement: national, provincial, local (engagement scope codes). */
  scope?: string | null;
  /** Tier of the engagement: strategic, operational, technical (engagement tier codes). */
  tier?: string | null;
  /** A short human description used in explanations. */
  summary?: string | null;
}

export interface RestrictionFact extends FactBase {
  kind: 'restriction';
  /** When it began (YYYY, YYYY-MM, YYYY-MM-DD or a timestamp). */
  date: string;
  endDate?: string | null;
  durationDays?: number | null;
  /** Still in force as far as known (no end yet). */
  ongoing?: boolean | null;
  type: string;
  /** Overrides the default severity of the type. */
  severity?: number | null;
}

/** A change of status of a commitment made by an actor (the commitment's actor and area). */
export interface CommitmentFact extends FactBase {
  kind: 'commitment';
  commitmentId: string;
  date: string;
  status: string;
}

export interface EngagementFact extends FactBase {
  kind: 'engagement';
  date: string;
  outcome: string;
}

export interface CooperationFact extends FactBase {
  kind: 'cooperation';
  date: string;
  type: string;
}

export type ConsentFact = RestrictionFact | CommitmentFact | EngagementFact | CooperationFact;
export type ConsentFactKind = ConsentFact['kind'];

/** What the index needs from the relations configuration (the whole configuration fits). */
export type ConsentConfig = Pick<RelationsConfig, 'consent' | 'restrictionTypes' | 'commitmentStatuses' | 'engagementOutcomes' | 'cooperationTypes'>;

export interface ConsentOptions {
  /** One actor, or several (e.g. an organisation and its sub-units, expanded by the caller). */
  actorId?: string | string[];
  /** An engagement tier or scope code; matches facts whose tier or scope is that code. */
  level?: string;
  /** An area code; matches that area and the areas beneath it (P-code prefix). */
  area?: string;
  from: string;
  to: string;
  step: Step;
}

export interface ConsentContribution {
  factId: string;
  kind: ConsentFactKind;
  /** The fact's date as recorded (for a commitment, the date of its current status). */
  date: string;
  /** Weight before fading. */
  weight: number;
  /** Fading factor (1 while the fact is ongoing or fresh). */
  factor: number;
  /** weight × factor, rounded to hundredths: what the fact adds to this point. */
  delta: number;
  en: string;
  fr: string;
}

export interface ConsentPoint {
  period: string;
  start: string;
  end: string;
  /** The day the value is computed for: the period's end, or `to` for the last, unfinished period. */
  asOf: string;
  label: { en: string; fr: string };
  value: number;
  contributions: ConsentContribution[];
}

export type ConsentFlagKind = 'sudden-drop' | 'downward-trend';

export interface ConsentFlag {
  period: string;
  kind: ConsentFlagKind;
  /** Change in value over the flagged span (negative). */
  change: number;
  /** The facts that pulled the index down most over the span, worst first. */
  factIds: string[];
  en: string;
  fr: string;
}

export interface ConsentSeries {
  baseline: number;
  points: ConsentPoint[];
  flags: ConsentFlag[];
}

/** The consent fact of a restriction record (as tabulated for status-of-forces reporting). */
export function restrictionFact(r: RestrictionRecord, summary?: string | null): RestrictionFact {
  return { kind: 'restriction', id: r.id, date: r.date, endDate: r.endDate ?? null, ongoing: r.ongoing ?? null, type: r.type, severity: r.severity ?? null, actorId: r.actorId ?? null, area: r.area ?? null, summary: summary ?? null };
}

/**
 * The consent facts of a commitment: its initial status on the day it was made, then each recorded
 * status change (ids `<commitment>@<date>`), all carrying the commitment's actor, area and summary.
 */
export function commitmentFacts(c: CommitmentRecord, config: Pick<RelationsConfig, 'commitmentInitialStatus'>, extra: { area?: string | null; scope?: string | null; tier?: string | null } = {}): CommitmentFact[] {
  const common = { kind: 'commitment' as const, commitmentId: c.id, actorId: c.actorId, summary: c.summary ?? null, area: extra.area ?? null, scope: extra.scope ?? null, tier: extra.tier ?? null };
  return [
    { ...common, id: `${c.id}@${c.madeOn}`, date: c.madeOn, status: config.commitmentInitialStatus },
    ...(c.statusChanges ?? []).map((s, i) => ({ ...common, id: `${c.id}@${s.date}${i > 0 && c.statusChanges!.slice(0, i).some((p) => p.date === s.date) ? `#${i}` : ''}`, date: s.date, status: s.status })),
  ];
}

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

function matchesFilters(f: ConsentFact, o: ConsentOptions): boolean {
  if (o.actorId !== undefined) {
    const ids = Array.isArray(o.actorId) ? o.actorId : [o.actorId];
    if (!f.actorId || !ids.includes(f.actorId)) return false;
  }
  if (o.level !== undefined && f.tier !== o.level && f.scope !== o.level) return false;
  if (o.area !== undefined && !(f.area && f.area.startsWith(o.area))) return false;
  return true;
}

/** A short description of a fact, naming it (summary or id) and its date. */
export function describeFact(f: ConsentFact, config: ConsentConfig, lang: 'en' | 'fr'): string {
  const quoted = (text: string) => (lang === 'en' ? `“${text}”` : `« ${text} »`);
  const name = f.summary ? `${quoted(f.summary)} (${f.id})` : f.id;
  const when = displayPartialDate(f.date.slice(0, 10), lang);
  switch (f.kind) {
    case 'restriction': {
      const t = labelOf(config.restrictionTypes, f.type)[lang];
      const sev = f.severity ?? findEntry(config.restrictionTypes, f.type)?.severity;
      const sevText = sev === undefined ? (lang === 'en' ? 'type not in the configuration' : 'type absent de la configuration') : `${lang === 'en' ? 'severity' : 'gravité'} ${formatPlain(sev, lang)}`;
      return lang === 'en' ? `restriction ${name}: ${t} (${sevText}), ${when}` : `restriction ${name} : ${t} (${sevText}), ${when}`;
    }
    case 'commitment': {
      const s = labelOf(config.commitmentStatuses, f.status)[lang].toLowerCase();
      const what = f.summary ? `${quoted(f.summary)} (${f.commitmentId})` : f.commitmentId;
      return lang === 'en' ? `commitment ${what} ${s} on ${when} [${f.id}]` : `engagement ${what} ${s} le ${when} [${f.id}]`;
    }
    case 'engagement': {
      const o = labelOf(config.engagementOutcomes, f.outcome)[lang];
      return lang === 'en' ? `meeting ${name}, outcome: ${o}, ${when}` : `échange ${name}, résultat : ${o}, ${when}`;
    }
    case 'cooperation': {
      const t = labelOf(config.cooperationTypes, f.type)[lang];
      return lang === 'en' ? `cooperation ${name}: ${t}, ${when}` : `coopération ${name} : ${t}, ${when}`;
    }
  }
}

function weightOf(f: ConsentFact, config: ConsentConfig): number {
  const w = config.consent.weights;
  switch (f.kind) {
    case 'restriction': {
      const sev = f.severity ?? findEntry(config.restrictionTypes, f.type)?.severity ?? 0;
      return w.restrictionPerSeverityPoint * sev;
    }
    case 'commitment':
      return w.commitment[f.status] ?? 0;
    case 'engagement': {
      const effect = findEntry(config.engagementOutcomes, f.outcome)?.effect ?? 'neutral';
      return w.engagement[effect];
    }
    case 'cooperation':
      return w.cooperation.byType[f.type] ?? w.cooperation.default;
  }
}

interface Span {
  start: string;
  /** Last day the fact was in force, or null when ongoing. */
  end: string | null;
}

function spanOf(f: ConsentFact): Span | null {
  const start = firstDay(f.date);
  if (!start) return null;
  if (f.kind !== 'restriction') return { start, end: start };
  if (f.ongoing) return { start, end: null };
  const end = f.endDate ? lastDay(f.endDate) : f.durationDays && f.durationDays > 0 ? addDays(start, Math.ceil(f.durationDays) - 1) : start;
  return { start, end: end && end >= start ? end : start };
}

/** For each commitment, the status change in force on a day: the latest one dated on or before it. */
function currentCommitmentFacts(facts: CommitmentFact[], asOf: string): Set<CommitmentFact> {
  const latest = new Map<string, { f: CommitmentFact; day: string }>();
  for (const f of facts) {
    const day = firstDay(f.date);
    if (!day || day > asOf) continue;
    const cur = latest.get(f.commitmentId);
    if (!cur || day >= cur.day) latest.set(f.commitmentId, { f, day });
  }
  return new Set([...latest.values()].map((x) => x.f));
}

function contributionsAt(facts: ConsentFact[], config: ConsentConfig, asOf: string): ConsentContribution[] {
  const p = config.consent;
  const commitments = currentCommitmentFacts(facts.filter((f): f is CommitmentFact => f.kind === 'commitment'), asOf);
  const out: ConsentContribution[] = [];
  for (const f of facts) {
    if (f.kind === 'commitment' && !commitments.has(f)) continue;
    const span = spanOf(f);
    if (!span || span.start > asOf) continue;
    const inForce = span.end === null || span.end >= asOf;
    const age = inForce ? 0 : dayNumber(asOf) - dayNumber(span.end!);
    if (age > p.windowDays) continue;
    const weight = weightOf(f, config);
    const factor = Math.pow(0.5, age / p.halfLifeDays);
    const delta = round2(weight * factor);
    const text = (lang: 'en' | 'fr') => {
      const what = describeFact(f, config, lang);
      const state = inForce && f.kind === 'restriction' && span.end !== span.start ? (lang === 'en' ? ', still in force' : ', toujours en vigueur') : '';
      const fading = lang === 'en' ? `faded ×${formatNumber(factor, lang)}` : `atténué ×${formatNumber(factor, lang)}`;
      const w = formatNumber(weight, lang, 2, true);
      const d = formatNumber(delta, lang, 2, true);
      const head = what.charAt(0).toUpperCase() + what.slice(1);
      return lang === 'en' ? `${head}${state}: weight ${w}, ${fading} = ${d}` : `${head}${state} : poids ${w}, ${fading} = ${d}`;
    };
    out.push({ factId: f.id, kind: f.kind, date: f.date, weight, factor: Math.round(factor * 10_000) / 10_000, delta, en: text('en'), fr: text('fr') });
  }
  return out.sort((a, b) => (firstDay(a.date)! < firstDay(b.date)! ? -1 : firstDay(a.date)! > firstDay(b.date)! ? 1 : a.factId.localeCompare(b.factId)));
}

function valueOf(baseline: number, contributions: ConsentContribution[]): number {
  return round2(baseline + contributions.reduce((s, c) => s + c.delta, 0));
}

/** The facts whose deltas fell most between two points, worst first (only those that fell). */
function causes(before: ConsentContribution[], after: ConsentContribution[], n: number): { factId: string; change: number }[] {
  const prev = new Map(before.map((c) => [c.factId, c.delta]));
  const changes = new Map<string, number>();
  for (const c of after) changes.set(c.factId, c.delta - (prev.get(c.factId) ?? 0));
  for (const c of before) if (!changes.has(c.factId)) changes.set(c.factId, -c.delta); // left the window
  return [...changes.entries()]
    .filter(([, ch]) => ch < -1e-9)
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([factId, change]) => ({ factId, change: round2(change) }));
}

export function computeConsentIndex(facts: readonly ConsentFact[], config: ConsentConfig, options: ConsentOptions): ConsentSeries {
  const from = firstDay(options.from);
  const to = lastDay(options.to);
  const problems = [];
  if (!from) problems.push({ field: 'from', reason: 'not a date' });
  if (!to) problems.push({ field: 'to', reason: 'not a date' });
  if (from && to && from > to) problems.push({ field: 'to', reason: 'must not be before from' });
  if (options.step !== 'month' && options.step !== 'week') problems.push({ field: 'step', reason: 'must be month or week' });
  if (problems.length) throw new ValidationError(problems);

  const selected = facts.filter((f) => matchesFilters(f, options));
  const byId = new Map(selected.map((f) => [f.id, f]));
  const p = config.consent;
  const periods = periodsBetween(from!, to!, options.step);
  const reference = previousPeriod(periods[0]!, options.step);

  const pointFor = (period: Period): ConsentPoint => {
    const asOf = period.end < to! ? period.end : to!;
    const contributions = contributionsAt(selected, config, asOf);
    return { period: period.key, start: period.start, end: period.end, asOf, label: { en: period.en, fr: period.fr }, value: valueOf(p.baseline, contributions), contributions };
  };
  const before = pointFor(reference);
  const points = periods.map(pointFor);

  const name = (id: string, lang: 'en' | 'fr') => {
    const f = byId.get(id);
    return f ? describeFact(f, config, lang) : id;
  };
  const causeText = (list: { factId: string; change: number }[], lang: 'en' | 'fr') =>
    list.length === 0 ? (lang === 'en' ? 'facts leaving the window' : 'sortie de faits de la fenêtre') : list.map((c) => `${name(c.factId, lang)} (${formatNumber(c.change, lang, 2, true)})`).join(lang === 'en' ? '; ' : ' ; ');

  const flags: ConsentFlag[] = [];
  let runStart = 0; // index (in [before, ...points]) where the current run of declines began
  let runFlagged = false;
  const all = [before, ...points];
  for (let i = 1; i < all.length; i++) {
    const prev = all[i - 1]!;
    const cur = all[i]!;
    const change = round2(cur.value - prev.value);
    if (-change >= p.dropThreshold) {
      const list = causes(prev.contributions, cur.contributions, p.flagCauses);
      const text = (lang: 'en' | 'fr') =>
        lang === 'en'
          ? `Sudden drop: the index fell by ${formatNumber(-change, lang)} points from ${prev.label.en} to ${cur.label.en} (threshold ${formatPlain(p.dropThreshold, lang)}). Main causes: ${causeText(list, lang)}.`
          : `Chute brutale : l’indice a perdu ${formatNumber(-change, lang)} points de ${prev.label.fr} à ${cur.label.fr} (seuil ${formatPlain(p.dropThreshold, lang)}). Causes principales : ${causeText(list, lang)}.`;
      flags.push({ period: cur.period, kind: 'sudden-drop', change, factIds: list.map((c) => c.factId), en: text('en'), fr: text('fr') });
    }
    if (change < 0) {
      const length = i - runStart;
      const start = all[runStart]!;
      const total = round2(cur.value - start.value);
      if (!runFlagged && length >= p.trendPeriods && -total >= p.trendMinDrop) {
        runFlagged = true;
        const list = causes(start.contributions, cur.contributions, p.flagCauses);
        const text = (lang: 'en' | 'fr') =>
          lang === 'en'
            ? `Downward trend: the index fell in each of the last ${length} periods, by ${formatNumber(-total, lang)} points since ${start.label.en}. Main causes: ${causeText(list, lang)}.`
            : `Tendance à la baisse : l’indice a baissé à chacune des ${length} dernières périodes, de ${formatNumber(-total, lang)} points depuis ${start.label.fr}. Causes principales : ${causeText(list, lang)}.`;
        flags.push({ period: cur.period, kind: 'downward-trend', change: total, factIds: list.map((c) => c.factId), en: text('en'), fr: text('fr') });
      }
    } else {
      runStart = i;
      runFlagged = false;
    }
  }
  return { baseline: p.baseline, points, flags };
}
