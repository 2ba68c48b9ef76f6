/**
 * Compliance figures: is the due-diligence policy applied? Computed over plain arrays (whatever the
 * store returns), grouped by mission, component and period (of the request date), with the total.
 *
 * - share of support delivered with an assessment completed before (or on the day) support started;
 * - median days from request to first decision;
 * - mitigatory measures implemented on time (share of those due by the reference date or implemented);
 * - waivers granted;
 * - reviews by trigger type and by resolution ('open' while unresolved);
 * - allegations against supported units during support (distinct allegations; a date known only to
 *   the month or year counts when it may fall within the support period).
 */
import { daysBetween, earliestDayOf, latestDayOf, toDay } from './util.ts';

export interface ComplianceRequest {
  id: string;
  mission: string;
  component: string;
  requestedOn: string;
  /** Day support actually started (null: never delivered). */
  supportStart?: string | null;
  supportEnd?: string | null;
  recipientUnitIds: string[];
}
export interface ComplianceAssessment {
  id: string;
  requestId: string;
  completedOn?: string | null;
}
export interface ComplianceDecision {
  id: string;
  requestId: string;
  decidedOn: string;
  decision: string;
}
export interface ComplianceWaiver {
  id: string;
  requestId: string;
  decidedOn: string;
}
export interface ComplianceMeasure {
  id: string;
  requestId: string;
  dueDate: string;
  implementedOn?: string | null;
}
export interface ComplianceReview {
  id: string;
  requestId: string;
  openedOn: string;
  trigger: string;
  resolution?: string | null;
}
export interface ComplianceAllegation {
  id: string;
  /** Partial date of the events. */
  date: string;
  unitIds: string[];
  verification?: string;
}

export interface ComplianceData {
  requests: ComplianceRequest[];
  assessments: ComplianceAssessment[];
  decisions: ComplianceDecision[];
  waivers: ComplianceWaiver[];
  measures: ComplianceMeasure[];
  reviews: ComplianceReview[];
  allegations: ComplianceAllegation[];
}

export type GroupDimension = 'mission' | 'component' | 'period';

export interface ComplianceOptions {
  /** Reference day: support, measures and allegations are looked at up to this day. */
  asOf: string;
  period: 'month' | 'quarter' | 'year';
  groupBy: GroupDimension[];
  /** Verification statuses of the allegations to count (all when omitted). */
  allegationStatuses?: string[];
}

export interface ComplianceRow {
  group: Partial<Record<GroupDimension, string>>;
  requests: number;
  supportDelivered: number;
  assessedBeforeSupport: number;
  /** null when no support was delivered. */
  shareAssessedBeforeSupport: number | null;
  decided: number;
  medianDaysToDecision: number | null;
  measuresDue: number;
  measuresOnTime: number;
  shareMeasuresOnTime: number | null;
  waivers: number;
  reviews: number;
  reviewsByTrigger: Record<string, number>;
  /** Unresolved reviews are counted under 'open'. */
  reviewsByResolution: Record<string, number>;
  allegationsDuringSupport: number;
  /** Ids of those allegations, for checking. */
  allegationIds: string[];
}

export function periodOf(day: string, period: ComplianceOptions['period']): string {
  const d = toDay(day);
  if (period === 'year') return d.slice(0, 4);
  if (period === 'month') return d.slice(0, 7);
  return `${d.slice(0, 4)}-Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}`;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const share = (n: number, d: number) => (d === 0 ? null : n / d);

function rowFor(group: ComplianceRow['group'], requests: ComplianceRequest[], data: ComplianceData, options: ComplianceOptions): ComplianceRow {
  const asOf = toDay(options.asOf);
  const ids = new Set(requests.map((r) => r.id));
  const byRequest = <T extends { requestId: string }>(xs: T[]) => xs.filter((x) => ids.has(x.requestId));

  // Assessment before support.
  const delivered = requests.filter((r) => r.supportStart && toDay(r.supportStart) <= asOf);
  const assessed = delivered.filter((r) =>
    data.assessments.some((a) => a.requestId === r.id && a.completedOn && toDay(a.completedOn) <= toDay(r.supportStart!)),
  );

  // Time to decide.
  const days: number[] = [];
  for (const r of requests) {
    const ds = data.decisions.filter((d) => d.requestId === r.id && toDay(d.decidedOn) <= asOf).map((d) => toDay(d.decidedOn)).sort();
    if (ds.length) days.push(daysBetween(toDay(r.requestedOn), ds[0]!));
  }

  // Measures.
  const measures = byRequest(data.measures).filter((m) => toDay(m.dueDate) <= asOf || (m.implementedOn && toDay(m.implementedOn) <= asOf));
  const onTime = measures.filter((m) => m.implementedOn && toDay(m.implementedOn) <= asOf && toDay(m.implementedOn) <= toDay(m.dueDate));

  // Reviews.
  const reviews = byRequest(data.reviews).filter((r) => toDay(r.openedOn) <= asOf);
  const reviewsByTrigger: Record<string, number> = {};
  const reviewsByResolution: Record<string, number> = {};
  for (const r of reviews) {
    reviewsByTrigger[r.trigger] = (reviewsByTrigger[r.trigger] ?? 0) + 1;
    const res = r.resolution ?? 'open';
    reviewsByResolution[res] = (reviewsByResolution[res] ?? 0) + 1;
  }

  // Allegations against supported units during support.
  const alleged = new Set<string>();
  for (const r of delivered) {
    const start = toDay(r.supportStart!);
    const end = r.supportEnd && toDay(r.supportEnd) < asOf ? toDay(r.supportEnd) : asOf;
    for (const a of data.allegations) {
      if (options.allegationStatuses && !options.allegationStatuses.includes(a.verification ?? '')) continue;
      if (!a.unitIds.some((u) => r.recipientUnitIds.includes(u))) continue;
      const first = earliestDayOf(a.date);
      const last = latestDayOf(a.date);
      if (!first || !last) continue;
      if (last >= start && first <= end) alleged.add(a.id);
    }
  }

  return {
    group,
    requests: requests.length,
    supportDelivered: delivered.length,
    assessedBeforeSupport: assessed.length,
    shareAssessedBeforeSupport: share(assessed.length, delivered.length),
    decided: days.length,
    medianDaysToDecision: median(days),
    measuresDue: measures.length,
    measuresOnTime: onTime.length,
    shareMeasuresOnTime: share(onTime.length, measures.length),
    waivers: byRequest(data.waivers).filter((w) => toDay(w.decidedOn) <= asOf).length,
    reviews: reviews.length,
    reviewsByTrigger,
    reviewsByResolution,
    allegationsDuringSupport: alleged.size,
    allegationIds: [...alleged].sort(),
  };
}

/** Compliance figures for the total and for each group (sorted by group key). */
export function complianceFigures(data: ComplianceData, options: ComplianceOptions): { total: ComplianceRow; groups: ComplianceRow[] } {
  const requests = data.requests.filter((r) => toDay(r.requestedOn) <= toDay(options.asOf));
  const keyOf = (r: ComplianceRequest): ComplianceRow['group'] => {
    const g: ComplianceRow['group'] = {};
    for (const dim of options.groupBy) g[dim] = dim === 'period' ? periodOf(r.requestedOn, options.period) : r[dim];
    return g;
  };
  const groups = new Map<string, { group: ComplianceRow['group']; requests: ComplianceRequest[] }>();
  for (const r of requests) {
    const g = keyOf(r);
    const k = JSON.stringify(options.groupBy.map((d) => g[d]));
    const e = groups.get(k) ?? { group: g, requests: [] };
    e.requests.push(r);
    groups.set(k, e);
  }
  return {
    total: rowFor({}, requests, data, options),
    groups: [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, e]) => rowFor(e.group, e.requests, data, options)),
  };
}

/** Labels of the figures, for reports in English and French. */
export const COMPLIANCE_LABELS = {
  shareAssessedBeforeSupport: { en: 'Support delivered with an assessment completed beforehand', fr: 'Appui fourni après une évaluation achevée au préalable' },
  medianDaysToDecision: { en: 'Median days from request to decision', fr: 'Délai médian entre la demande et la décision (jours)' },
  shareMeasuresOnTime: { en: 'Mitigatory measures implemented on time', fr: 'Mesures d’atténuation mises en œuvre dans les délais' },
  waivers: { en: 'Waivers granted', fr: 'Dérogations accordées' },
  reviewsByTrigger: { en: 'Reviews by trigger', fr: 'Réexamens par déclencheur' },
  reviewsByResolution: { en: 'Reviews by resolution', fr: 'Réexamens par issue' },
  allegationsDuringSupport: { en: 'Allegations against supported units during support', fr: 'Allégations visant des unités appuyées pendant l’appui' },
} as const;
