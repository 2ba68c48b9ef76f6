/**
 * Hand-over of the incidents the registry's SFM importer keeps staged (registry_sfm_incidents, read
 * through the registry service): each becomes an incident (source 'sfm', its SFM id as the source's
 * event id), with its perpetrator units and persons as attributions, its violation types read as act
 * types (incidents.policy sfmViolationTypes), and its SFM sources as sources citing the registry's
 * source records. The staged record is then marked as taken (by 'incidents', under the incident's id).
 * Idempotent: taking again revises what changed in the workbook since, and writes nothing otherwise.
 */
import { ForbiddenError } from '../platform/errors.ts';
import { hasPermission } from '../platform/access/policy.ts';
import { type Ctx, inTransaction, insertRecord, listRecords, updateRecord } from '../platform/store.ts';
import { canBePerpetrator, citationsOf, listSfmIncidents, markSfmIncidentTaken } from '../registry/service.ts';
import { T } from './schema.ts';
import { buildIncident, changedColumns, foldText, type Incident, type IncidentConfig, incidentConfig, type Perpetrator, refreshIncident, unitPerpetratorType } from './service.ts';
import { getUnit } from '../registry/service.ts';

export interface TakeResult {
  staged: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Staged incidents left where they are, with why (no date). */
  skipped: { staged_id: string; sfm_id: string | null; reason: string }[];
}

/** Act types of an SFM violation type text (several parts separated by ';'). */
export function sfmActTypes(violationTypes: string[], cfg: IncidentConfig): string[] {
  const out: string[] = [];
  const patterns = cfg.policy.sfmViolationTypes.patterns.map((p) => {
    try {
      return { re: new RegExp(p.pattern, 'i'), actType: p.actType };
    } catch {
      return null;
    }
  });
  for (const part of violationTypes.flatMap((v) => v.split(';'))) {
    const folded = foldText(part);
    if (!folded) continue;
    const hit = patterns.find((p) => p && p.re.test(folded));
    const a = hit?.actType ?? cfg.policy.sfmViolationTypes.fallbackActType;
    if (!out.includes(a)) out.push(a);
  }
  return out.length ? out : [cfg.policy.sfmViolationTypes.fallbackActType];
}

const SOURCE_KIND: Record<string, string> = { media: 'media', report: 'ngo-report', 'official-document': 'official', interview: 'witness' };

export async function takeSfmIncidents(ctx: Ctx): Promise<TakeResult> {
  if (!hasPermission(ctx.actor, 'incidents:write')) throw new ForbiddenError('taking SFM incidents over needs the permission incidents:write');
  return inTransaction(ctx, async (tx) => {
    const cfg = await incidentConfig(tx);
    const staged = (await listSfmIncidents(tx, { includeTaken: true, limit: 100_000 })).filter((s) => !s.taken_by || s.taken_by === 'incidents');
    const result: TakeResult = { staged: staged.length, created: 0, updated: 0, unchanged: 0, skipped: [] };
    const cites = await citationsOf(tx, 'registry-sfm-incident', staged.map((s) => s.id));
    for (const s of staged) {
      const sfmId: string | null = s.external_ids?.sfm ?? null;
      if (!s.start_date) {
        result.skipped.push({ staged_id: s.id, sfm_id: sfmId, reason: 'no start date' });
        continue;
      }
      const perps: Record<string, unknown>[] = [];
      for (const [i, u] of (s.perpetrator_units ?? []).entries()) {
        const usable = u.id && (await canBePerpetrator(tx, u.id));
        const unit = usable ? await getUnit(tx, u.id) : null;
        perps.push({
          role: `unit:${u.sfm ?? i}`,
          unit_id: unit ? unit.id : null,
          person_id: null,
          perpetrator_type: unit ? unitPerpetratorType(unit, cfg.policy) : unitPerpetratorType({ kind: 'unit', classifications: (s.perpetrator_classifications ?? []).map((c: string) => foldText(c).replace(/ /g, '-')) }, cfg.policy),
          actor_name: u.name ?? null,
        });
      }
      for (const [i, p] of (s.perpetrator_persons ?? []).entries()) perps.push({ role: `person:${p.sfm ?? i}`, unit_id: null, person_id: p.id ?? null, perpetrator_type: p.id ? null : 'unknown', actor_name: p.name ?? null });
      const existing = (await tx.q.query<Incident>('SELECT * FROM incidents WHERE source = $1 AND source_event_id = $2', ['sfm', sfmId ?? s.id])).rows[0];
      const fields = {
        summary: (s.description ?? s.violation_type ?? 'SFM incident').split(/(?<=[.;!?])\s/)[0]!.slice(0, 300),
        description: s.description,
        date: s.start_date,
        end_date: s.end_date && s.end_date !== s.start_date ? s.end_date : null,
        location: s.location_description ?? s.location_label,
        acts: sfmActTypes(s.violation_types?.length ? s.violation_types : s.violation_type ? [s.violation_type] : [], cfg).map((a) => ({ act_type: a })),
        // an officer's later verification and override are kept: only the workbook's facts are revised
        verification_status: existing?.verification_status ?? cfg.policy.imports.verificationStatus,
        classification_override: existing?.classification_override ?? null,
        perpetrator_types: perps.map((p) => p.perpetrator_type as string | null).filter((x): x is string => !!x),
      };
      let row: Record<string, unknown>;
      try {
        row = { ...buildIncident(fields, cfg), source: 'sfm', source_event_id: sfmId ?? s.id, source_data: { staged_id: s.id, violation_type: s.violation_type, pub_date: s.pub_date, update_date: s.update_date } };
      } catch (e) {
        result.skipped.push({ staged_id: s.id, sfm_id: sfmId, reason: (e as Error).message });
        continue;
      }
      const sources = (cites.get(s.id) ?? []).map((c, i) => ({
        role: `source:${c.source_id}:${c.page ?? ''}:${i}`,
        kind: SOURCE_KIND[c.kind] ?? 'other',
        title: c.title,
        reference: c.page,
        publisher: null,
        url: c.url,
        registry_source_id: c.source_id,
      }));
      let id: string;
      let changed = false;
      if (!existing) {
        const inc = await insertRecord<Incident>(tx, T.incident, { ...row, external_ids: sfmId ? { sfm: sfmId } : {}, sensitivity: s.sensitivity, compartments: s.compartments ?? [] });
        id = inc.id;
        result.created++;
        changed = true;
      } else {
        id = existing.id;
        const r = await updateRecord(tx, T.incident, id, changedColumns(existing, row), { action: 'import' });
        changed = r.changed;
      }
      const mine = await listRecords<Perpetrator & { external_ids: Record<string, string> }>(tx, T.perpetrator, { where: 'r.incident_id = $1', params: [id] });
      for (const p of perps) {
        const { role, ...values } = p;
        const cur = mine.find((m) => m.external_ids?.role === role);
        if (!cur) {
          await insertRecord(tx, T.perpetrator, { ...values, involvement: 'direct-perpetrator', confidence: cfg.policy.imports.confidence, incident_id: id, external_ids: { role: role as string }, sensitivity: s.sensitivity, compartments: s.compartments ?? [] });
          changed = true;
        } else if ((await updateRecord(tx, T.perpetrator, cur.id, values, { action: 'import' })).changed) changed = true;
      }
      const mySources = await listRecords<{ id: string; external_ids: Record<string, string> }>(tx, T.source, { where: 'r.incident_id = $1', params: [id] });
      for (const src of sources) {
        const { role, ...values } = src;
        if (mySources.some((m) => m.external_ids?.role === role)) continue;
        await insertRecord(tx, T.source, { ...values, incident_id: id, external_ids: { role }, sensitivity: s.sensitivity, compartments: s.compartments ?? [] });
        changed = true;
      }
      if (changed) await refreshIncident(tx, id);
      if (existing && changed) result.updated++;
      else if (existing) result.unchanged++;
      await markSfmIncidentTaken(tx, s.id, 'incidents', id);
    }
    return result;
  });
}
