/**
 * Where the protection domain meets the incidents domain (through its service only): an alert made an
 * incident, and the incidents an outcome view counts (attributed to the recipient units, or in the
 * project's area) in its before and after windows.
 */
import { hasPermission } from '../platform/access/policy.ts';
import { ConflictError, type FieldProblem, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.ts';
import { type Ctx, getRecord, inTransaction } from '../platform/store.ts';
import type { IncidentInput } from '../incidents/inputs.ts';
import { createIncident, getIncident, incidentConfig, linkedIncidents, listIncidents } from '../incidents/service.ts';
import { addDays, firstDay, lastDay } from '../relations/time.ts';
import { parseTimestamp } from './alerts.ts';
import { type AlertRow, alertView, type AlertView, markIncident } from './alerts-service.ts';
import { operations, protectionConfig, requireRead, requireWrite } from './common.ts';
import { labelOf } from './config.ts';
import { beforeAfterOutcome, type OutcomeIncident, type OutcomeView } from './outcomes.ts';
import { projectRow } from './projects-service.ts';
import { T } from './schema.ts';

/** Fields of the new incident, or `incident_id` to link an incident already recorded. */
export type AlertIncidentInput = Partial<IncidentInput> & { incident_id?: string };

/**
 * Makes an alert an incident: what the alert says (day of reception at the place, area, place, suspected
 * unit or person, the act types of its threat type) fills what the request leaves out. Both are written
 * in one transaction; the alert keeps the incident's id. Who called is never copied into the incident.
 */
export async function alertToIncident(ctx: Ctx, alertId: string, input: AlertIncidentInput = {}): Promise<{ alert: AlertView; incident: Awaited<ReturnType<typeof createIncident>> }> {
  requireWrite(ctx);
  if (!hasPermission(ctx.actor, 'incidents:write')) throw new ForbiddenError('making an alert an incident needs the permission incidents:write');
  const [cfg, ops] = [await protectionConfig(ctx), await operations(ctx)];
  return inTransaction(ctx, async (tx) => {
    const row = await getRecord<AlertRow>(tx, T.alert, alertId);
    if (!row) throw new NotFoundError(`alert ${alertId}`);
    if (row.retracted_at) throw new ConflictError(`alert ${alertId} is retracted`);
    if (row.merged_into) throw new ConflictError(`alert ${alertId} was merged into ${row.merged_into}; make that alert the incident`);
    if (row.incident_id) throw new ConflictError(`alert ${alertId} already became incident ${row.incident_id}`);
    if (input.incident_id) {
      const existing = await getIncident(tx, input.incident_id);
      if (!existing || existing.retracted_at) throw new ValidationError([{ field: 'incident_id', reason: `no incident ${input.incident_id} (or it is retracted, or beyond your access)` }]);
      const saved = await markIncident(tx, row.id, existing.id);
      return { alert: await alertView(tx, saved, cfg), incident: existing };
    }
    const acts = input.acts ?? (ops.threatActTypes[row.threat_type] ?? []).map((a) => ({ act_type: a }));
    const problems: FieldProblem[] = [];
    if (!acts.length) problems.push({ field: 'acts', reason: `give the acts: the threat type "${row.threat_type}" has no act types in protection.operations.threatActTypes` });
    if (problems.length) throw new ValidationError(problems);
    const perpetrators = input.perpetrators ?? (row.suspected_unit_id || row.suspected_person_id ? [{ unit_id: row.suspected_unit_id, person_id: row.suspected_person_id, actor_name: row.suspected_actor, confidence: 'low' as const }] : undefined);
    const incident = await createIncident(tx, {
      summary: input.summary ?? row.summary ?? `${labelOf(cfg.threatTypes, row.threat_type).en}${row.place ? ` — ${row.place}` : ''}`,
      date: input.date ?? parseTimestamp(row.received_at)!.localDay,
      admin2_code: row.area_code,
      admin2: row.area_name,
      location: row.place,
      ...input,
      acts,
      ...(perpetrators ? { perpetrators } : {}),
      external_ids: { ...(input.external_ids ?? {}), 'protection-alert': row.id },
      sensitivity: input.sensitivity ?? (row.sensitivity as any),
      compartments: input.compartments ?? row.compartments,
    } as IncidentInput);
    const saved = await markIncident(tx, row.id, incident.id);
    return { alert: await alertView(tx, saved, cfg), incident };
  });
}

// ---------------------------------------------------------------------------------------------
// Outcome view of a project
// ---------------------------------------------------------------------------------------------

/** The narrowest partial date covering an incident's possible days, or null when it spans years. */
export function coveringDate(start: string, end: string): string | null {
  if (start === end) return start;
  if (start.slice(0, 7) === end.slice(0, 7)) return start.slice(0, 7);
  if (start.slice(0, 4) === end.slice(0, 4)) return start.slice(0, 4);
  return null;
}

export interface ProjectOutcome extends OutcomeView {
  project: { id: string; title: string; kind: string; start_date: string; end_date: string | null; recipient_unit_ids: string[]; area_codes: string[] };
  /** Incidents spanning more than a year that overlap a window: never counted, listed. */
  spanning: { id: string; from: string; to: string }[];
}

/**
 * Incidents attributed to the recipient units (directly or to a unit under them at the time) and
 * incidents in the project's area (its code or the areas beneath it), in two equal windows before and
 * after the project (protection.config outcomeWindowDays unless given), as the actor may see them.
 */
export async function projectOutcome(ctx: Ctx, id: string, q: { window_days?: number; as_of?: string } = {}): Promise<ProjectOutcome> {
  requireRead(ctx);
  const p = await projectRow(ctx, id);
  const cfg = await protectionConfig(ctx);
  const days = q.window_days ?? cfg.outcomeWindowDays;
  const start = firstDay(p.start_date)!;
  const end = lastDay(p.end_date ?? p.start_date)!;
  const from = addDays(start, -days);
  const to = addDays(end, days);
  const byId = new Map<string, OutcomeIncident & { span: [string, string] }>();
  const put = (i: { id: string; date_start: string; date_end: string; fatalities: number | null; act_types: string[] }, extra: { unitId?: string; areaCode?: string | null }) => {
    let o = byId.get(i.id);
    if (!o) {
      o = { id: i.id, date: coveringDate(i.date_start, i.date_end) ?? '', unitIds: [], areaCode: null, fatalities: i.fatalities, actTypes: i.act_types, span: [i.date_start, i.date_end] };
      byId.set(i.id, o);
    }
    if (extra.unitId && !o.unitIds!.includes(extra.unitId)) o.unitIds!.push(extra.unitId);
    if (extra.areaCode !== undefined) o.areaCode = extra.areaCode;
  };
  for (const unitId of p.recipient_unit_ids) {
    for (const l of await linkedIncidents(ctx, { unitId }, { from, to })) {
      if (l.path.kind !== 'direct' && l.path.kind !== 'sub-unit') continue;
      put({ id: l.incident.id, date_start: l.incident.date_start, date_end: l.incident.date_end, fatalities: l.incident.fatalities, act_types: l.incident.actTypes }, { unitId });
    }
  }
  if (p.area_codes.length) {
    for (const i of await listIncidents(ctx, { from, to, limit: 100_000 })) {
      const code = i.admin2_code ?? i.admin1_code ?? null;
      if (!code || !p.area_codes.some((a) => code.startsWith(a))) continue;
      put({ id: i.id, date_start: i.date_start, date_end: i.date_end, fatalities: i.fatalities, act_types: i.act_types }, { areaCode: code });
    }
  }
  const all = [...byId.values()];
  const icfg = await incidentConfig(ctx);
  const actTypeLabels = Object.fromEntries(icfg.vocabulary.actTypes.map((a) => [a.code, a.labels]));
  const view = beforeAfterOutcome(
    { id: p.id, kind: p.kind, unitIds: p.recipient_unit_ids, areaCodes: p.area_codes, start: p.start_date, end: p.end_date },
    all.filter((i) => i.date !== '').map(({ span: _s, ...i }) => i),
    cfg,
    { windowDays: days, asOf: q.as_of ?? new Date().toISOString().slice(0, 10), actTypeLabels },
  );
  const spanning = all.filter((i) => i.date === '').map((i) => ({ id: i.id, from: i.span[0], to: i.span[1] }));
  return {
    ...view,
    project: { id: p.id, title: p.title, kind: p.kind, start_date: p.start_date, end_date: p.end_date, recipient_unit_ids: p.recipient_unit_ids, area_codes: p.area_codes },
    spanning,
  };
}
