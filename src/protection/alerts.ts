/**
 * Early warning and response: the alert workflow (received → triaged → verification → response →
 * closed, as configured), every step timed and attributed; responses, including the explicit "no
 * response, because…"; merging a duplicate into its primary alert without losing either history;
 * and the headline figures: response rate and time to first response. Pure module: functions take
 * an alert and return a new one.
 *
 * Times are ISO 8601 timestamps with their offset ('2019-03-04T22:15:00+02:00'): the text is kept as
 * given, so the local time at which the community called stays readable, and durations are computed
 * on the instant it stands for.
 */
import { ConflictError, ValidationError } from '../platform/errors.ts';
import { periodOf, type Step } from '../relations/time.ts';
import { DEFAULT_PROTECTION_CONFIG, findEntry, labelOf, type Label, type ProtectionConfig } from './config.ts';

// ---------------------------------------------------------------------------------------------
// Model
// ---------------------------------------------------------------------------------------------

export type AlertEventKind = 'received' | 'transition' | 'response' | 'merged-in' | 'merged-into';

export interface AlertEvent {
  kind: AlertEventKind;
  /** Timestamp with offset, as given. */
  at: string;
  /** Who did it (user name). */
  by: string;
  from?: string | null;
  to?: string | null;
  /** For a response event, the response type. */
  responseType?: string | null;
  /** For merge events, the other alert. */
  relatedAlertId?: string | null;
  note?: string | null;
}

export interface AlertResponse {
  type: string;
  at: string;
  by: string;
  /** Required for response types that record why there was no response. */
  reason?: string | null;
  unitId?: string | null;
  note?: string | null;
}

/** A duplicate folded into its primary alert, with its own history and responses kept as they were. */
export interface MergedAlert {
  id: string;
  receivedAt: string;
  receivedBy: string;
  channel: string;
  threatType: string;
  area: string | null;
  priority: string | null;
  history: AlertEvent[];
  responses: AlertResponse[];
  merged: MergedAlert[];
  mergedAt: string;
  mergedBy: string;
}

export interface Alert {
  id: string;
  receivedAt: string;
  receivedBy: string;
  channel: string;
  threatType: string;
  /** Area code (OCHA P-code). */
  area: string | null;
  priority: string | null;
  state: string;
  history: AlertEvent[];
  responses: AlertResponse[];
  /** Duplicates merged into this alert. */
  merged: MergedAlert[];
  /** Set on a duplicate: the alert it was merged into (it then counts only through that one). */
  mergedInto: string | null;
}

// ---------------------------------------------------------------------------------------------
// Timestamps
// ---------------------------------------------------------------------------------------------

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export interface ParsedTimestamp {
  text: string;
  /** Milliseconds since the epoch. */
  instant: number;
  /** The local calendar day at the place, as written. */
  localDay: string;
  /** Offset from UTC in minutes, as written. */
  offsetMinutes: number;
}

/** Parses a timestamp that carries its offset; null when it is not one (a time without a zone is refused). */
export function parseTimestamp(text: string | null | undefined): ParsedTimestamp | null {
  if (typeof text !== 'string') return null;
  const m = TIMESTAMP.exec(text.trim());
  if (!m) return null;
  const instant = Date.parse(text.trim());
  if (Number.isNaN(instant)) return null;
  const [h, mi, s] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) return null;
  const day = new Date(`${m[1]}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== m[1]) return null;
  const z = m[5]!;
  const offsetMinutes = z === 'Z' ? 0 : (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(4, 6)));
  return { text: text.trim(), instant, localDay: m[1]!, offsetMinutes };
}

function requireTimestamp(text: string | null | undefined, field: string): ParsedTimestamp {
  const t = parseTimestamp(text);
  if (!t) throw new ValidationError([{ field, reason: 'must be a date and time with its time zone offset, e.g. 2019-03-04T22:15:00+02:00' }]);
  return t;
}

const minutesBetween = (a: ParsedTimestamp, b: ParsedTimestamp) => (b.instant - a.instant) / 60_000;

// ---------------------------------------------------------------------------------------------
// Workflow
// ---------------------------------------------------------------------------------------------

export interface NewAlert {
  id: string;
  receivedAt: string;
  receivedBy: string;
  channel: string;
  threatType: string;
  area?: string | null;
  priority?: string | null;
  note?: string | null;
}

/** A new alert in the initial state, its reception the first event of its history. */
export function receiveAlert(input: NewAlert, config: ProtectionConfig = DEFAULT_PROTECTION_CONFIG): Alert {
  const problems = [];
  if (!input.id) problems.push({ field: 'id', reason: 'is required' });
  if (!parseTimestamp(input.receivedAt)) problems.push({ field: 'receivedAt', reason: 'must be a date and time with its time zone offset, e.g. 2019-03-04T22:15:00+02:00' });
  if (!input.receivedBy?.trim()) problems.push({ field: 'receivedBy', reason: 'who received the alert is required' });
  if (!findEntry(config.alertChannels, input.channel)) problems.push({ field: 'channel', reason: `"${input.channel}" is not an alert channel` });
  if (!findEntry(config.threatTypes, input.threatType)) problems.push({ field: 'threatType', reason: `"${input.threatType}" is not a threat type` });
  if (input.priority && !findEntry(config.priorities, input.priority)) problems.push({ field: 'priority', reason: `"${input.priority}" is not a priority` });
  if (problems.length) throw new ValidationError(problems);
  const initial = config.alertStates.find((s) => s.initial)!.code;
  const at = parseTimestamp(input.receivedAt)!.text;
  return {
    id: input.id,
    receivedAt: at,
    receivedBy: input.receivedBy,
    channel: input.channel,
    threatType: input.threatType,
    area: input.area ?? null,
    priority: input.priority ?? null,
    state: initial,
    history: [{ kind: 'received', at, by: input.receivedBy, to: initial, note: input.note ?? null }],
    responses: [],
    merged: [],
    mergedInto: null,
  };
}

/** The time of the last change of state (responses may be recorded out of order; states may not). */
function lastStateChange(alert: Alert): ParsedTimestamp {
  let last = parseTimestamp(alert.receivedAt)!;
  for (const e of alert.history) {
    if (e.kind === 'response') continue;
    const t = parseTimestamp(e.at);
    if (t && t.instant > last.instant) last = t;
  }
  return last;
}

/** Every response of an alert and of the duplicates merged into it. */
export function allResponses(alert: Alert | MergedAlert): AlertResponse[] {
  return [...alert.responses, ...alert.merged.flatMap((m) => allResponses(m))];
}

/** The earliest reception among an alert and its merged duplicates (the mission knew from then). */
export function effectiveReceivedAt(alert: Alert | MergedAlert): string {
  let best = alert.receivedAt;
  for (const m of alert.merged) {
    const r = effectiveReceivedAt(m);
    if (parseTimestamp(r)!.instant < parseTimestamp(best)!.instant) best = r;
  }
  return best;
}

export function allowedTransitions(alert: Alert, config: ProtectionConfig = DEFAULT_PROTECTION_CONFIG): string[] {
  return config.alertTransitions.filter((t) => t.from === alert.state).map((t) => t.to);
}

export interface TransitionInput {
  to: string;
  at: string;
  by: string;
  note?: string | null;
}

/**
 * Moves an alert to another state. Refuses a move the workflow does not allow (ConflictError), a
 * time before the alert's last event, a missing author, and entering a state that needs a response
 * before one is recorded.
 */
export function transitionAlert(alert: Alert, input: TransitionInput, config: ProtectionConfig = DEFAULT_PROTECTION_CONFIG): Alert {
  if (alert.mergedInto) throw new ConflictError(`alert ${alert.id} was merged into ${alert.mergedInto}; work on that alert instead`);
  const target = findEntry(config.alertStates, input.to);
  if (!target) throw new ValidationError([{ field: 'to', reason: `"${input.to}" is not an alert state` }]);
  if (!config.alertTransitions.some((t) => t.from === alert.state && t.to === input.to)) {
    throw new ConflictError(`an alert cannot go from "${alert.state}" to "${input.to}" (allowed: ${allowedTransitions(alert, config).join(', ') || 'none'})`);
  }
  const at = requireTimestamp(input.at, 'at');
  if (!input.by?.trim()) throw new ValidationError([{ field: 'by', reason: 'who made the change is required' }]);
  if (at.instant < lastStateChange(alert).instant) throw new ValidationError([{ field: 'at', reason: 'is before the last change of state of the alert' }]);
  const responses = allResponses(alert).filter((r) => parseTimestamp(r.at)!.instant <= at.instant);
  if (target.requiresResponse === 'counted' && !responses.some((r) => findEntry(config.responseTypes, r.type)?.counts)) {
    throw new ConflictError(`record the response before moving the alert to "${input.to}"`);
  }
  if (target.requiresResponse === 'any' && responses.length === 0) {
    throw new ConflictError(`record a response, or that there was none and why, before moving the alert to "${input.to}"`);
  }
  return {
    ...alert,
    state: input.to,
    history: [...alert.history, { kind: 'transition', at: at.text, by: input.by, from: alert.state, to: input.to, note: input.note ?? null }],
  };
}

/** Records a response (or the absence of one, with its reason). Does not change the state. */
export function recordResponse(alert: Alert, response: AlertResponse, config: ProtectionConfig = DEFAULT_PROTECTION_CONFIG): Alert {
  if (alert.mergedInto) throw new ConflictError(`alert ${alert.id} was merged into ${alert.mergedInto}; record the response there`);
  const type = findEntry(config.responseTypes, response.type);
  const problems = [];
  if (!type) problems.push({ field: 'type', reason: `"${response.type}" is not a response type` });
  const at = parseTimestamp(response.at);
  if (!at) problems.push({ field: 'at', reason: 'must be a date and time with its time zone offset, e.g. 2019-03-04T22:15:00+02:00' });
  else if (at.instant < parseTimestamp(alert.receivedAt)!.instant) problems.push({ field: 'at', reason: 'is before the alert was received' });
  if (!response.by?.trim()) problems.push({ field: 'by', reason: 'who responded is required' });
  if (type?.requiresReason && !response.reason?.trim()) problems.push({ field: 'reason', reason: 'say why there was no response' });
  if (problems.length) throw new ValidationError(problems);
  const r: AlertResponse = { ...response, at: at!.text };
  return {
    ...alert,
    responses: [...alert.responses, r],
    history: [...alert.history, { kind: 'response', at: r.at, by: r.by, responseType: r.type, note: r.reason ?? r.note ?? null }],
  };
}

export interface MergeInput {
  at: string;
  by: string;
  note?: string | null;
}

/**
 * Merges a duplicate alert into its primary. The primary keeps the duplicate whole (history,
 * responses, earlier merges) and notes the merge in its own history; the duplicate is closed, notes
 * the merge, and points to the primary. Nothing is deleted. For the figures, the primary counts from
 * the earliest reception among them and takes the first response given to any of them.
 */
export function mergeAlerts(primary: Alert, duplicate: Alert, input: MergeInput, config: ProtectionConfig = DEFAULT_PROTECTION_CONFIG): { primary: Alert; duplicate: Alert } {
  if (primary.id === duplicate.id) throw new ConflictError('an alert cannot be merged into itself');
  if (primary.mergedInto) throw new ConflictError(`alert ${primary.id} was itself merged into ${primary.mergedInto}`);
  if (duplicate.mergedInto) throw new ConflictError(`alert ${duplicate.id} was already merged into ${duplicate.mergedInto}`);
  const at = requireTimestamp(input.at, 'at');
  if (!input.by?.trim()) throw new ValidationError([{ field: 'by', reason: 'who merged the alerts is required' }]);
  const snapshot: MergedAlert = {
    id: duplicate.id,
    receivedAt: duplicate.receivedAt,
    receivedBy: duplicate.receivedBy,
    channel: duplicate.channel,
    threatType: duplicate.threatType,
    area: duplicate.area,
    priority: duplicate.priority,
    history: duplicate.history,
    responses: duplicate.responses,
    merged: duplicate.merged,
    mergedAt: at.text,
    mergedBy: input.by,
  };
  const closed = config.alertStates.find((s) => s.final)!.code;
  return {
    primary: {
      ...primary,
      merged: [...primary.merged, snapshot],
      history: [...primary.history, { kind: 'merged-in', at: at.text, by: input.by, relatedAlertId: duplicate.id, note: input.note ?? null }],
    },
    duplicate: {
      ...duplicate,
      state: closed,
      mergedInto: primary.id,
      history: [...duplicate.history, { kind: 'merged-into', at: at.text, by: input.by, from: duplicate.state, to: closed, relatedAlertId: primary.id, note: input.note ?? null }],
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Timings
// ---------------------------------------------------------------------------------------------

export interface TimedStep {
  kind: AlertEventKind;
  at: string;
  by: string;
  from: string | null;
  to: string | null;
  responseType: string | null;
  en: string;
  fr: string;
  minutesSinceReceived: number;
  minutesSincePrevious: number;
}

/** The alert's history, each step with the time since reception and since the previous step. */
export function alertTimeline(alert: Alert, config: ProtectionConfig = DEFAULT_PROTECTION_CONFIG): TimedStep[] {
  const received = parseTimestamp(alert.receivedAt)!;
  const events = alert.history
    .map((e, i) => ({ e, i, t: parseTimestamp(e.at)! }))
    .sort((a, b) => a.t.instant - b.t.instant || a.i - b.i);
  let prev = received;
  return events.map(({ e, t }) => {
    const label: Label =
      e.kind === 'response'
        ? labelOf(config.responseTypes, e.responseType)
        : e.kind === 'merged-in'
          ? { en: `Duplicate ${e.relatedAlertId} merged in`, fr: `Doublon ${e.relatedAlertId} fusionné` }
          : e.kind === 'merged-into'
            ? { en: `Merged into ${e.relatedAlertId}`, fr: `Fusionnée dans ${e.relatedAlertId}` }
            : labelOf(config.alertStates, e.to);
    const step: TimedStep = {
      kind: e.kind,
      at: e.at,
      by: e.by,
      from: e.from ?? null,
      to: e.to ?? null,
      responseType: e.responseType ?? null,
      en: label.en,
      fr: label.fr,
      minutesSinceReceived: Math.round(minutesBetween(received, t)),
      minutesSincePrevious: Math.round(minutesBetween(prev, t)),
    };
    prev = t;
    return step;
  });
}

/** The first response that counts, across the alert and its merged duplicates, or null. */
export function firstResponse(alert: Alert, config: ProtectionConfig = DEFAULT_PROTECTION_CONFIG): AlertResponse | null {
  let best: AlertResponse | null = null;
  for (const r of allResponses(alert)) {
    if (!findEntry(config.responseTypes, r.type)?.counts) continue;
    if (!best || parseTimestamp(r.at)!.instant < parseTimestamp(best.at)!.instant) best = r;
  }
  return best;
}

/** Minutes from the (earliest) reception to the first response that counts, or null when none. */
export function minutesToFirstResponse(alert: Alert, config: ProtectionConfig = DEFAULT_PROTECTION_CONFIG): number | null {
  const r = firstResponse(alert, config);
  if (!r) return null;
  return minutesBetween(parseTimestamp(effectiveReceivedAt(alert))!, parseTimestamp(r.at)!);
}

// ---------------------------------------------------------------------------------------------
// Figures
// ---------------------------------------------------------------------------------------------

export type AlertGroupBy = 'area' | 'period' | 'threatType';

export interface ResponseFigureOptions {
  groupBy: AlertGroupBy;
  /** For groupBy period (default month). */
  step?: Step;
  /** Local days of reception (inclusive). */
  from?: string;
  to?: string;
  /** Group areas by the first N characters of their code. */
  areaPrefixLength?: number;
  /** Display names of areas. */
  names?: Record<string, string>;
}

export interface UnansweredAlert {
  id: string;
  receivedAt: string;
  state: string;
  threatType: string;
  area: string | null;
  /** Reasons recorded with "no response" entries, if any. */
  reasons: string[];
}

export interface ResponseFigures {
  key: string;
  en: string;
  fr: string;
  alerts: number;
  responded: number;
  /** responded / alerts (0–1), null when there are no alerts. */
  responseRate: number | null;
  medianMinutes: number | null;
  meanMinutes: number | null;
  medianHours: number | null;
  meanHours: number | null;
  /** Alerts with a target time (from their priority) and how many got a response within it. */
  withTarget: number;
  withinTarget: number;
  unanswered: UnansweredAlert[];
}

export interface ResponseFigureTable {
  groupBy: AlertGroupBy;
  rows: ResponseFigures[];
  total: ResponseFigures;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const round = (n: number | null, d = 1) => (n === null ? null : Math.round(n * 10 ** d) / 10 ** d);

class Accumulator {
  alerts = 0;
  times: number[] = [];
  withTarget = 0;
  withinTarget = 0;
  unanswered: UnansweredAlert[] = [];
  constructor(
    readonly key: string,
    readonly label: Label,
  ) {}

  add(alert: Alert, minutes: number | null, targetHours: number | null): void {
    this.alerts++;
    if (targetHours !== null) {
      this.withTarget++;
      if (minutes !== null && minutes <= targetHours * 60) this.withinTarget++;
    }
    if (minutes !== null) this.times.push(minutes);
    else {
      this.unanswered.push({
        id: alert.id,
        receivedAt: effectiveReceivedAt(alert),
        state: alert.state,
        threatType: alert.threatType,
        area: alert.area,
        reasons: allResponses(alert).map((r) => r.reason ?? '').filter((r) => r.trim() !== ''),
      });
    }
  }

  figures(): ResponseFigures {
    const med = median(this.times);
    const mean = this.times.length ? this.times.reduce((s, t) => s + t, 0) / this.times.length : null;
    return {
      key: this.key,
      en: this.label.en,
      fr: this.label.fr,
      alerts: this.alerts,
      responded: this.times.length,
      responseRate: this.alerts ? this.times.length / this.alerts : null,
      medianMinutes: round(med),
      meanMinutes: round(mean),
      medianHours: round(med === null ? null : med / 60, 2),
      meanHours: round(mean === null ? null : mean / 60, 2),
      withTarget: this.withTarget,
      withinTarget: this.withinTarget,
      unanswered: this.unanswered,
    };
  }
}

/**
 * Response rate (alerts with a response that counts / alerts) and time to first response, grouped
 * by area, period of reception (local day at the place) or threat type, with the alerts that got
 * none listed. Duplicates merged into another alert are counted through that alert only.
 */
export function responseFigures(alerts: readonly Alert[], options: ResponseFigureOptions, config: ProtectionConfig = DEFAULT_PROTECTION_CONFIG): ResponseFigureTable {
  const from = options.from ?? null;
  const to = options.to ?? null;
  const groups = new Map<string, Accumulator>();
  const total = new Accumulator('total', { en: 'Total', fr: 'Total' });
  for (const alert of alerts) {
    if (alert.mergedInto) continue;
    const received = parseTimestamp(effectiveReceivedAt(alert));
    if (!received) throw new ValidationError([{ field: `alerts.${alert.id}.receivedAt`, reason: 'must be a date and time with its time zone offset' }]);
    if ((from && received.localDay < from) || (to && received.localDay > to)) continue;
    let key: string;
    let label: () => Label;
    switch (options.groupBy) {
      case 'area': {
        const code = alert.area ? (options.areaPrefixLength ? alert.area.slice(0, options.areaPrefixLength) : alert.area) : '';
        key = code;
        label = () => (code ? { en: options.names?.[code] ?? code, fr: options.names?.[code] ?? code } : { en: 'Area not recorded', fr: 'Zone non renseignée' });
        break;
      }
      case 'period': {
        const p = periodOf(received.localDay, options.step ?? 'month');
        key = p.key;
        label = () => ({ en: p.en, fr: p.fr });
        break;
      }
      case 'threatType':
        key = alert.threatType;
        label = () => labelOf(config.threatTypes, alert.threatType);
        break;
    }
    let g = groups.get(key);
    if (!g) groups.set(key, (g = new Accumulator(key, label())));
    const minutes = minutesToFirstResponse(alert, config);
    const target = findEntry(config.priorities, alert.priority)?.targetResponseHours ?? null;
    g.add(alert, minutes, target);
    total.add(alert, minutes, target);
  }
  const rows = [...groups.values()].map((g) => g.figures());
  if (options.groupBy === 'period') rows.sort((a, b) => a.key.localeCompare(b.key));
  else if (options.groupBy === 'threatType') {
    const order = (k: string) => {
      const i = config.threatTypes.findIndex((t) => t.code === k);
      return i < 0 ? Infinity : i;
    };
    rows.sort((a, b) => order(a.key) - order(b.key) || a.key.localeCompare(b.key));
  } else rows.sort((a, b) => b.alerts - a.alerts || (a.key === '' ? 1 : b.key === '' ? -1 : a.key.localeCompare(b.key)));
  return { groupBy: options.groupBy, rows, total: total.figures() };
}
