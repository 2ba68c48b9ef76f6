/**
 * Tabulations of the relations record: restrictions on the mission in the shape used to report
 * status-of-forces-agreement violations (by type, actor, area, month), the commitments each actor
 * still owes, the escalation of tools of influence per actor, and the use of force by level and
 * target with the confrontations with state forces listed one by one. Pure module.
 */
import { ValidationError } from '../platform/errors.ts';
import { findEntry, labelOf, type Label, type RelationsConfig } from './config.ts';
import { dayNumber, firstDay, lastDay, periodOf, periodsBetween } from './time.ts';

// ---------------------------------------------------------------------------------------------
// Restrictions
// ---------------------------------------------------------------------------------------------

export interface RestrictionRecord {
  id: string;
  /** When it began (YYYY, YYYY-MM, YYYY-MM-DD or a timestamp). */
  date: string;
  endDate?: string | null;
  /** A lasting restriction (an area off-limits) still in force, as far as known. */
  ongoing?: boolean | null;
  type: string;
  actorId?: string | null;
  area?: string | null;
  /** Codes of what the restriction prevented (patrol, verification, …). */
  prevented?: string[] | null;
  severity?: number | null;
  /** Whether this occurrence violates the status-of-forces agreement; unset means the type's default. */
  sofaViolation?: boolean | null;
  resolvedOn?: string | null;
  reportedToHqOn?: string | null;
  reportedToCouncilOn?: string | null;
}

export type RestrictionGroupBy = 'type' | 'actor' | 'area' | 'month';

export interface RestrictionRow {
  key: string;
  en: string;
  fr: string;
  count: number;
  sofaViolations: number;
  resolved: number;
  unresolved: number;
  reportedToHq: number;
  reportedToCouncil: number;
  /** How many restrictions prevented each activity (a restriction may prevent several). */
  prevented: Record<string, number>;
  ids: string[];
}

export interface RestrictionTable {
  groupBy: RestrictionGroupBy;
  /** The day resolution and reporting are read at. */
  asOf: string | null;
  rows: RestrictionRow[];
  total: RestrictionRow;
}

export interface RestrictionTableOptions {
  groupBy: RestrictionGroupBy;
  from?: string;
  to?: string;
  /** Resolution and reporting dated after this day do not count (defaults to `to`). */
  asOf?: string;
  /** Display names of actors and areas (names are not translated). */
  names?: Record<string, string>;
  /** Group areas by the first N characters of their code (e.g. the province part of a P-code). */
  areaPrefixLength?: number;
}

const UNATTRIBUTED: Label = { en: 'Not attributed', fr: 'Non attribué' };
const NO_AREA: Label = { en: 'Area not recorded', fr: 'Zone non renseignée' };

function emptyRow(key: string, label: Label): RestrictionRow {
  return { key, en: label.en, fr: label.fr, count: 0, sofaViolations: 0, resolved: 0, unresolved: 0, reportedToHq: 0, reportedToCouncil: 0, prevented: {}, ids: [] };
}

function addTo(row: RestrictionRow, r: RestrictionRecord, config: RelationsConfig, asOf: string | null): void {
  const by = (d: string | null | undefined) => {
    const day = firstDay(d);
    return day !== null && (asOf === null || day <= asOf);
  };
  row.count++;
  row.ids.push(r.id);
  if (r.sofaViolation ?? findEntry(config.restrictionTypes, r.type)?.sofaViolation ?? false) row.sofaViolations++;
  if (by(r.resolvedOn)) row.resolved++;
  else row.unresolved++;
  if (by(r.reportedToHqOn)) row.reportedToHq++;
  if (by(r.reportedToCouncilOn)) row.reportedToCouncil++;
  for (const p of new Set(r.prevented ?? [])) row.prevented[p] = (row.prevented[p] ?? 0) + 1;
}

function dateRange(from: string | undefined, to: string | undefined): { from: string | null; to: string | null } {
  const f = from === undefined ? null : firstDay(from);
  const t = to === undefined ? null : lastDay(to);
  const problems = [];
  if (from !== undefined && !f) problems.push({ field: 'from', reason: 'not a date' });
  if (to !== undefined && !t) problems.push({ field: 'to', reason: 'not a date' });
  if (f && t && f > t) problems.push({ field: 'to', reason: 'must not be before from' });
  if (problems.length) throw new ValidationError(problems);
  return { from: f, to: t };
}

const inRange = (day: string | null, r: { from: string | null; to: string | null }) => day !== null && (r.from === null || day >= r.from) && (r.to === null || day <= r.to);

export function tabulateRestrictions(records: readonly RestrictionRecord[], config: RelationsConfig, options: RestrictionTableOptions): RestrictionTable {
  const range = dateRange(options.from, options.to);
  const asOf = options.asOf !== undefined ? lastDay(options.asOf) : range.to;
  if (options.asOf !== undefined && !asOf) throw new ValidationError([{ field: 'asOf', reason: 'not a date' }]);
  const names = options.names ?? {};
  const named = (id: string): Label => (names[id] ? { en: names[id]!, fr: names[id]! } : { en: id, fr: id });

  const rows = new Map<string, RestrictionRow>();
  const row = (key: string, label: () => Label) => {
    let r = rows.get(key);
    if (!r) rows.set(key, (r = emptyRow(key, label())));
    return r;
  };
  if (options.groupBy === 'type') for (const t of config.restrictionTypes) row(t.code, () => t.label);
  if (options.groupBy === 'month' && range.from && range.to) for (const p of periodsBetween(range.from, range.to, 'month')) row(p.key, () => p);

  const total = emptyRow('total', { en: 'Total', fr: 'Total' });
  for (const r of records) {
    const day = firstDay(r.date);
    if (!inRange(day, range)) continue;
    let target: RestrictionRow;
    switch (options.groupBy) {
      case 'type':
        target = row(r.type, () => labelOf(config.restrictionTypes, r.type));
        break;
      case 'actor':
        target = r.actorId ? row(r.actorId, () => named(r.actorId!)) : row('', () => UNATTRIBUTED);
        break;
      case 'area': {
        const code = r.area ? (options.areaPrefixLength ? r.area.slice(0, options.areaPrefixLength) : r.area) : '';
        target = code ? row(code, () => named(code)) : row('', () => NO_AREA);
        break;
      }
      case 'month': {
        const p = periodOf(day!, 'month');
        target = row(p.key, () => p);
        break;
      }
    }
    addTo(target, r, config, asOf);
    addTo(total, r, config, asOf);
  }

  let ordered = [...rows.values()];
  if (options.groupBy === 'month') ordered.sort((a, b) => a.key.localeCompare(b.key));
  else if (options.groupBy === 'actor' || options.groupBy === 'area') ordered.sort((a, b) => b.count - a.count || (a.key === '' ? 1 : b.key === '' ? -1 : a.key.localeCompare(b.key)));
  // by type: configuration order, then codes no longer in the configuration
  ordered = ordered.filter((r) => options.groupBy !== 'type' || r.count > 0 || findEntry(config.restrictionTypes, r.key));
  return { groupBy: options.groupBy, asOf, rows: ordered, total };
}

/** The four tables of a status-of-forces violation report at once. */
export function restrictionReport(records: readonly RestrictionRecord[], config: RelationsConfig, options: Omit<RestrictionTableOptions, 'groupBy'> = {}): Record<RestrictionGroupBy, RestrictionTable> {
  return {
    type: tabulateRestrictions(records, config, { ...options, groupBy: 'type' }),
    actor: tabulateRestrictions(records, config, { ...options, groupBy: 'actor' }),
    area: tabulateRestrictions(records, config, { ...options, groupBy: 'area' }),
    month: tabulateRestrictions(records, config, { ...options, groupBy: 'month' }),
  };
}

// ---------------------------------------------------------------------------------------------
// Commitments
// ---------------------------------------------------------------------------------------------

export interface CommitmentRecord {
  id: string;
  actorId: string;
  madeOn: string;
  dueOn?: string | null;
  summary?: string | null;
  statusChanges?: { date: string; status: string }[] | null;
}

/** The status of a commitment on a day: its latest status change on or before that day, else the initial status. */
export function commitmentStatusAt(c: CommitmentRecord, asOf: string, config: RelationsConfig): string {
  let status = config.commitmentInitialStatus;
  let at = '';
  for (const s of c.statusChanges ?? []) {
    const day = firstDay(s.date);
    if (day && day <= asOf && day >= at) {
      status = s.status;
      at = day;
    }
  }
  return status;
}

export interface OpenCommitment {
  id: string;
  summary: string | null;
  madeOn: string;
  dueOn: string | null;
  status: string;
  en: string;
  fr: string;
  daysOpen: number;
  overdue: boolean;
  daysOverdue: number;
}

export interface ActorCommitments {
  actorId: string;
  open: OpenCommitment[];
  overdue: number;
  /** Commitments no longer open, by status (kept, broken, …). */
  closed: Record<string, number>;
}

/** Per actor, the commitments still open on a day (oldest first) and how the others ended. */
export function openCommitmentsByActor(commitments: readonly CommitmentRecord[], config: RelationsConfig, options: { asOf: string }): ActorCommitments[] {
  const asOf = lastDay(options.asOf);
  if (!asOf) throw new ValidationError([{ field: 'asOf', reason: 'not a date' }]);
  const actors = new Map<string, ActorCommitments>();
  for (const c of commitments) {
    const made = firstDay(c.madeOn);
    if (!made || made > asOf) continue;
    let a = actors.get(c.actorId);
    if (!a) actors.set(c.actorId, (a = { actorId: c.actorId, open: [], overdue: 0, closed: {} }));
    const status = commitmentStatusAt(c, asOf, config);
    const entry = findEntry(config.commitmentStatuses, status);
    if (entry && entry.state === 'closed') {
      a.closed[status] = (a.closed[status] ?? 0) + 1;
      continue;
    }
    const due = c.dueOn ? lastDay(c.dueOn) : null;
    const daysOverdue = due && due < asOf ? dayNumber(asOf) - dayNumber(due) : 0;
    const label = labelOf(config.commitmentStatuses, status);
    a.open.push({ id: c.id, summary: c.summary ?? null, madeOn: c.madeOn, dueOn: c.dueOn ?? null, status, en: label.en, fr: label.fr, daysOpen: dayNumber(asOf) - dayNumber(made), overdue: daysOverdue > 0, daysOverdue });
    if (daysOverdue > 0) a.overdue++;
  }
  const out = [...actors.values()];
  for (const a of out) a.open.sort((x, y) => y.daysOpen - x.daysOpen || x.id.localeCompare(y.id));
  return out.sort((x, y) => y.open.length - x.open.length || y.overdue - x.overdue || x.actorId.localeCompare(y.actorId));
}

// ---------------------------------------------------------------------------------------------
// Escalation (the leverage ladder)
// ---------------------------------------------------------------------------------------------

export interface LeverageAction {
  id: string;
  actorId: string;
  date: string;
  /** A leverage-ladder code. */
  tool: string;
  /** When the tool stopped being in play (sanctions lifted, listing ended); unset means still in play. */
  endedOn?: string | null;
  summary?: string | null;
  /** Who the action was coordinated with (embassies, OHCHR, regional organisations…). */
  coordinatedWith?: string[] | null;
  result?: string | null;
}

export interface RankedAction extends LeverageAction {
  /** The tool's rank on the ladder, or null when the tool is no longer in the configuration. */
  rank: number | null;
  en: string;
  fr: string;
  inPlay: boolean;
}

export interface Rung {
  tool: string;
  rank: number;
  en: string;
  fr: string;
  /** The earliest date of the actions at that rung. */
  since: string;
  actionIds: string[];
}

export interface EscalationView {
  actorId: string;
  /** Ordered by rank on the ladder, then by date. */
  actions: RankedAction[];
  /** The highest rung among the actions still in play on the day. */
  currentRung: Rung | null;
  /** The highest rung ever reached up to the day. */
  highestRung: Rung | null;
}

function rungOf(actions: RankedAction[]): Rung | null {
  const ranked = actions.filter((a) => a.rank !== null);
  if (ranked.length === 0) return null;
  const top = Math.max(...ranked.map((a) => a.rank!));
  const at = ranked.filter((a) => a.rank === top).sort((x, y) => firstDay(x.date)!.localeCompare(firstDay(y.date)!));
  return { tool: at[0]!.tool, rank: top, en: at[0]!.en, fr: at[0]!.fr, since: at[0]!.date, actionIds: at.map((a) => a.id) };
}

export function escalationByActor(actions: readonly LeverageAction[], config: RelationsConfig, options: { asOf?: string } = {}): EscalationView[] {
  const asOf = options.asOf === undefined ? null : lastDay(options.asOf);
  if (options.asOf !== undefined && !asOf) throw new ValidationError([{ field: 'asOf', reason: 'not a date' }]);
  const byActor = new Map<string, RankedAction[]>();
  for (const a of actions) {
    const day = firstDay(a.date);
    if (!day || (asOf && day > asOf)) continue;
    const entry = findEntry(config.leverageLadder, a.tool);
    const label = labelOf(config.leverageLadder, a.tool);
    const ended = a.endedOn ? lastDay(a.endedOn) : null;
    const inPlay = ended === null || (asOf !== null && ended >= asOf);
    const list = byActor.get(a.actorId) ?? [];
    list.push({ ...a, rank: entry ? entry.rank : null, en: label.en, fr: label.fr, inPlay });
    byActor.set(a.actorId, list);
  }
  const out: EscalationView[] = [];
  for (const [actorId, list] of byActor) {
    list.sort((x, y) => (x.rank ?? Infinity) - (y.rank ?? Infinity) || firstDay(x.date)!.localeCompare(firstDay(y.date)!) || x.id.localeCompare(y.id));
    out.push({ actorId, actions: list, currentRung: rungOf(list.filter((a) => a.inPlay)), highestRung: rungOf(list) });
  }
  return out.sort((x, y) => (y.currentRung?.rank ?? -1) - (x.currentRung?.rank ?? -1) || x.actorId.localeCompare(y.actorId));
}

// ---------------------------------------------------------------------------------------------
// Use of force
// ---------------------------------------------------------------------------------------------

export interface ForceRecord {
  id: string;
  date: string;
  /** A use-of-force level code. */
  level: string;
  /** A target-type code (whose `state` flag marks the host state's forces). */
  targetType: string;
  targetActorId?: string | null;
  area?: string | null;
  summary?: string | null;
  casualties?: number | null;
}

export interface ForceLevelCount {
  code: string;
  rank: number | null;
  en: string;
  fr: string;
  count: number;
  againstState: number;
}

export interface ForceTargetCount {
  code: string;
  state: boolean;
  en: string;
  fr: string;
  count: number;
}

export interface StateConfrontation extends ForceRecord {
  levelLabel: Label;
  targetLabel: Label;
}

export interface UseOfForceFigures {
  total: number;
  againstState: number;
  /** In ladder order (presence first), then levels no longer in the configuration. */
  byLevel: ForceLevelCount[];
  byTargetType: ForceTargetCount[];
  /** matrix[level][targetType] = count. */
  matrix: Record<string, Record<string, number>>;
  /** Every use of force against the host state's own forces, by date. */
  stateConfrontations: StateConfrontation[];
}

export function useOfForceFigures(records: readonly ForceRecord[], config: RelationsConfig, options: { from?: string; to?: string } = {}): UseOfForceFigures {
  const range = dateRange(options.from, options.to);
  const levels = new Map<string, ForceLevelCount>(config.forceLevels.map((l) => [l.code, { code: l.code, rank: l.rank, en: l.label.en, fr: l.label.fr, count: 0, againstState: 0 }]));
  const targets = new Map<string, ForceTargetCount>(config.forceTargetTypes.map((t) => [t.code, { code: t.code, state: t.state, en: t.label.en, fr: t.label.fr, count: 0 }]));
  const matrix: Record<string, Record<string, number>> = {};
  const confrontations: StateConfrontation[] = [];
  let total = 0;
  let againstState = 0;
  for (const r of records) {
    if (!inRange(firstDay(r.date), range)) continue;
    total++;
    let level = levels.get(r.level);
    if (!level) levels.set(r.level, (level = { code: r.level, rank: null, ...labelOf([], r.level), count: 0, againstState: 0 }));
    let target = targets.get(r.targetType);
    if (!target) targets.set(r.targetType, (target = { code: r.targetType, state: false, ...labelOf([], r.targetType), count: 0 }));
    level.count++;
    target.count++;
    matrix[r.level] ??= {};
    matrix[r.level]![r.targetType] = (matrix[r.level]![r.targetType] ?? 0) + 1;
    if (target.state) {
      againstState++;
      level.againstState++;
      confrontations.push({ ...r, levelLabel: labelOf(config.forceLevels, r.level), targetLabel: labelOf(config.forceTargetTypes, r.targetType) });
    }
  }
  const byLevel = [...levels.values()].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.code.localeCompare(b.code));
  confrontations.sort((a, b) => firstDay(a.date)!.localeCompare(firstDay(b.date)!) || a.id.localeCompare(b.id));
  return { total, againstState, byLevel, byTargetType: [...targets.values()], matrix, stateConfrontations: confrontations };
}
