/**
 * Outcomes, not outputs: what happened to civilians before and after a capacity-building activity or
 * a project. Incidents attributed to the supported units, and incidents in the project area, are
 * counted in two equal windows, one ending the day before the activity began and one starting the
 * day after it ended, with counts, fatalities, act types and the change. Pure module: it takes plain
 * incident rows with (partial) dates, unit ids and area codes.
 *
 * Fairness rules: the windows are always of equal length (when the after window has not fully
 * elapsed on the day of the view, both are shortened to the days available); an incident whose date
 * is too imprecise to place wholly inside a window is listed as uncertain, not counted; incidents
 * during the activity itself are in neither window.
 */
import { ValidationError } from '../platform/errors.ts';
import { addDays, dayNumber, firstDay, formatPlain, lastDay } from '../relations/time.ts';
import { DEFAULT_PROTECTION_CONFIG, type Label, labelOf, type ProtectionConfig } from './config.ts';

export interface OutcomeIncident {
  id: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD (or a timestamp). */
  date: string;
  /** Units the incident is attributed to (the caller includes sub-units where it wants them). */
  unitIds?: string[] | null;
  /** Area code (OCHA P-code). */
  areaCode?: string | null;
  fatalities?: number | null;
  actTypes?: string[] | null;
}

export interface SupportActivity {
  id: string;
  /** A capacity-building kind code. */
  kind?: string | null;
  /** The recipient units. */
  unitIds?: string[] | null;
  /** The project area(s); each includes the areas beneath it. */
  areaCodes?: string[] | null;
  start: string;
  /** Last day of the activity; a one-off activity has none. */
  end?: string | null;
}

export interface OutcomeOptions {
  /** Length of each window (defaults to the configured outcomeWindowDays). */
  windowDays?: number;
  /** The day of the view (today); the after window is not allowed to run past it. */
  asOf?: string;
  /** Labels of act types (from the incident vocabulary); unknown codes are shown as themselves. */
  actTypeLabels?: Record<string, Label>;
}

export interface OutcomeWindow {
  from: string;
  to: string;
  days: number;
}

export interface OutcomeStats {
  incidents: number;
  fatalities: number;
  byActType: Record<string, number>;
  incidentIds: string[];
}

export interface Change {
  before: number;
  after: number;
  absolute: number;
  /** Percentage change, null when there was nothing before. */
  percent: number | null;
}

export interface ActTypeChange extends Change {
  code: string;
  en: string;
  fr: string;
}

export interface OutcomeComparison {
  before: OutcomeStats;
  after: OutcomeStats;
  incidents: Change;
  fatalities: Change;
  /** Act types seen in either window, largest before-count first. */
  byActType: ActTypeChange[];
  /** Incidents that may fall in a window but whose date is too imprecise to be sure. */
  uncertain: { id: string; window: 'before' | 'after' }[];
  en: string;
  fr: string;
}

export interface OutcomeView {
  activityId: string;
  kind: { code: string; en: string; fr: string } | null;
  requestedWindowDays: number;
  windowDays: number;
  before: OutcomeWindow | null;
  after: OutcomeWindow | null;
  /** False when the windows had to be shortened because the after window has not elapsed. */
  afterComplete: boolean;
  /** Incidents attributed to the recipient units (null when the activity names no unit). */
  units: OutcomeComparison | null;
  /** Incidents in the project area (null when the activity names no area). */
  area: OutcomeComparison | null;
  notes: Label[];
}

const emptyStats = (): OutcomeStats => ({ incidents: 0, fatalities: 0, byActType: {}, incidentIds: [] });

function change(before: number, after: number): Change {
  return { before, after, absolute: after - before, percent: before === 0 ? null : Math.round(((after - before) / before) * 1000) / 10 };
}

function add(stats: OutcomeStats, i: OutcomeIncident): void {
  stats.incidents++;
  stats.fatalities += Math.max(0, i.fatalities ?? 0);
  stats.incidentIds.push(i.id);
  for (const t of new Set(i.actTypes ?? [])) stats.byActType[t] = (stats.byActType[t] ?? 0) + 1;
}

type Placement = 'before' | 'after' | 'uncertain-before' | 'uncertain-after' | null;

function place(i: OutcomeIncident, before: OutcomeWindow, after: OutcomeWindow): Placement {
  const first = firstDay(i.date);
  const last = lastDay(i.date);
  if (!first || !last) return null;
  const inside = (w: OutcomeWindow) => first >= w.from && last <= w.to;
  const overlaps = (w: OutcomeWindow) => first <= w.to && last >= w.from;
  if (inside(before)) return 'before';
  if (inside(after)) return 'after';
  if (overlaps(before)) return 'uncertain-before';
  if (overlaps(after)) return 'uncertain-after';
  return null;
}

function compare(incidents: readonly OutcomeIncident[], before: OutcomeWindow, after: OutcomeWindow, labels: Record<string, Label>, subject: Label): OutcomeComparison {
  const b = emptyStats();
  const a = emptyStats();
  const uncertain: OutcomeComparison['uncertain'] = [];
  for (const i of incidents) {
    const p = place(i, before, after);
    if (p === 'before') add(b, i);
    else if (p === 'after') add(a, i);
    else if (p === 'uncertain-before') uncertain.push({ id: i.id, window: 'before' });
    else if (p === 'uncertain-after') uncertain.push({ id: i.id, window: 'after' });
  }
  const codes = [...new Set([...Object.keys(b.byActType), ...Object.keys(a.byActType)])];
  const byActType = codes
    .map((code) => ({ code, ...(labels[code] ?? labelOf([], code)), ...change(b.byActType[code] ?? 0, a.byActType[code] ?? 0) }))
    .sort((x, y) => y.before - x.before || y.after - x.after || x.code.localeCompare(y.code));
  const incidentsChange = change(b.incidents, a.incidents);
  const fatalitiesChange = change(b.fatalities, a.fatalities);
  const signed = (n: number, lang: 'en' | 'fr') => (n > 0 ? `+${formatPlain(n, lang)}` : formatPlain(n, lang));
  const pct = (c: Change, lang: 'en' | 'fr') => (c.percent === null ? '' : lang === 'en' ? `, ${signed(c.percent, lang)}%` : `, ${signed(c.percent, lang)} %`);
  const days = before.days;
  const en = `${subject.en}: ${b.incidents} incident(s) in the ${days} days before, ${a.incidents} in the ${days} days after (${signed(incidentsChange.absolute, 'en')}${pct(incidentsChange, 'en')}); fatalities ${b.fatalities} before, ${a.fatalities} after.`;
  const fr = `${subject.fr} : ${b.incidents} incident(s) dans les ${days} jours précédents, ${a.incidents} dans les ${days} jours suivants (${signed(incidentsChange.absolute, 'fr')}${pct(incidentsChange, 'fr')}) ; morts : ${b.fatalities} avant, ${a.fatalities} après.`;
  return { before: b, after: a, incidents: incidentsChange, fatalities: fatalitiesChange, byActType, uncertain, en, fr };
}

/** The before/after outcome view of one activity or project. */
export function beforeAfterOutcome(activity: SupportActivity, incidents: readonly OutcomeIncident[], config: ProtectionConfig = DEFAULT_PROTECTION_CONFIG, options: OutcomeOptions = {}): OutcomeView {
  const start = firstDay(activity.start);
  const end = activity.end ? lastDay(activity.end) : start ? lastDay(activity.start) : null;
  const requested = options.windowDays ?? config.outcomeWindowDays;
  const asOf = options.asOf === undefined ? null : lastDay(options.asOf);
  const problems = [];
  if (!start) problems.push({ field: 'start', reason: 'not a date' });
  if (activity.end && !end) problems.push({ field: 'end', reason: 'not a date' });
  if (start && end && end < start) problems.push({ field: 'end', reason: 'must not be before start' });
  if (!Number.isInteger(requested) || requested <= 0) problems.push({ field: 'windowDays', reason: 'must be a whole number of days above zero' });
  if (options.asOf !== undefined && !asOf) problems.push({ field: 'asOf', reason: 'not a date' });
  if (problems.length) throw new ValidationError(problems);

  const notes: Label[] = [];
  let days = requested;
  if (asOf !== null) {
    const available = dayNumber(asOf) - dayNumber(end!);
    if (available < days) {
      days = Math.max(0, available);
      notes.push(
        days > 0
          ? {
              en: `The ${requested}-day period after the activity has not yet elapsed: both windows are shortened to ${days} days so that they stay equal.`,
              fr: `La période de ${requested} jours après l’activité n’est pas encore écoulée : les deux fenêtres sont ramenées à ${days} jours pour rester égales.`,
            }
          : { en: 'The activity has not ended yet: there is no after window to compare.', fr: 'L’activité n’est pas encore terminée : il n’y a pas encore de fenêtre « après » à comparer.' },
      );
    }
  }
  const kind = activity.kind ? { code: activity.kind, ...labelOf(config.capacityBuildingKinds, activity.kind) } : null;
  if (days === 0) {
    return { activityId: activity.id, kind, requestedWindowDays: requested, windowDays: 0, before: null, after: null, afterComplete: false, units: null, area: null, notes };
  }
  const before: OutcomeWindow = { from: addDays(start!, -days), to: addDays(start!, -1), days };
  const after: OutcomeWindow = { from: addDays(end!, 1), to: addDays(end!, days), days };
  const labels = options.actTypeLabels ?? {};

  const units = new Set(activity.unitIds ?? []);
  const areas = (activity.areaCodes ?? []).filter((a) => a.trim() !== '');
  const byUnits = units.size ? incidents.filter((i) => (i.unitIds ?? []).some((u) => units.has(u))) : null;
  const inArea = areas.length ? incidents.filter((i) => i.areaCode && areas.some((a) => i.areaCode!.startsWith(a))) : null;
  return {
    activityId: activity.id,
    kind,
    requestedWindowDays: requested,
    windowDays: days,
    before,
    after,
    afterComplete: days === requested,
    units: byUnits && compare(byUnits, before, after, labels, { en: 'Incidents attributed to the supported units', fr: 'Incidents attribués aux unités appuyées' }),
    area: inArea && compare(inArea, before, after, labels, { en: 'Incidents in the project area', fr: 'Incidents dans la zone du projet' }),
    notes,
  };
}
