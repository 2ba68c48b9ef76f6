/**
 * Exports of incidents for partners and analysts: CSV with an HXL hashtag row, GeoJSON, JSON. Every
 * format is built from what the actor may read: incidents, perpetrators and sources through the access
 * policy; named victims only as the actor may read those restricted records; who the sources are only
 * for actors cleared for that field. For others these columns and properties are absent altogether.
 */
import { type Level, levelRank } from '../platform/access/policy.ts';
import { ValidationError } from '../platform/errors.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import { type Ctx, listRecords, recordType } from '../platform/store.ts';
import { getPerson, getUnit } from '../registry/service.ts';
import { hasPermission } from '../platform/access/policy.ts';
import { toGeoJson } from './export/geojson.ts';
import { writeHxlCsv } from './export/hxl.ts';
import type { IncidentExportRow } from './export/row.ts';
import { T } from './schema.ts';
import { dayText, type Incident, type IncidentFilters, incidentConfig, type IncidentSource, listIncidents, type NamedVictim, type Perpetrator } from './service.ts';

export const INCIDENT_EXPORT_FORMATS = ['csv', 'geojson', 'json'] as const;
export type IncidentExportFormat = (typeof INCIDENT_EXPORT_FORMATS)[number];

export interface ExportedIncident extends Omit<Incident, 'search_text'> {
  perpetrators: (Perpetrator & { unit_name: string | null; person_name: string | null })[];
  sources: IncidentSource[];
  /** Present only for actors who may read named victims. */
  named_victims?: NamedVictim[];
}

const clearedFor = (ctx: Ctx, level: Level) => ctx.actor.kind === 'system' || levelRank(ctx.actor.clearance) >= levelRank(level);

/** The incidents matching the filters with their parts, as the actor may see them. */
export async function exportRecords(ctx: Ctx, filters: IncidentFilters = {}): Promise<ExportedIncident[]> {
  const incidents = await listIncidents(ctx, { ...filters, limit: filters.limit ?? 100_000 });
  const ids = incidents.map((i) => i.id);
  const cfg = await incidentConfig(ctx);
  const by = <R extends { incident_id: string }>(rows: R[]) => {
    const m = new Map<string, R[]>();
    for (const r of rows) m.set(r.incident_id, [...(m.get(r.incident_id) ?? []), r]);
    return m;
  };
  const part = <R extends { incident_id: string }>(type: string) => (ids.length ? listRecords<R>(ctx, type, { where: 'r.incident_id = ANY($1::uuid[])', params: [ids], limit: 1_000_000 }) : Promise.resolve([] as R[]));
  const perps = by(await part<Perpetrator>(T.perpetrator));
  const sources = by(await part<IncidentSource>(T.source));
  const victimsVisible = clearedFor(ctx, cfg.policy.victimSensitivity);
  const victims = victimsVisible ? by(await part<NamedVictim>(T.victim)) : new Map<string, NamedVictim[]>();
  const units = new Map<string, string | null>();
  const persons = new Map<string, string | null>();
  const registry = hasPermission(ctx.actor, 'registry:read');
  for (const list of perps.values()) {
    for (const p of list) {
      if (registry && p.unit_id && !units.has(p.unit_id)) units.set(p.unit_id, (await getUnit(ctx, p.unit_id))?.name ?? null);
      if (registry && p.person_id && !persons.has(p.person_id)) persons.set(p.person_id, (await getPerson(ctx, p.person_id))?.name ?? null);
    }
  }
  return incidents.map(({ search_text: _s, place_text: _p, ...i }: Incident & { place_text?: string }) => ({
    ...i,
    perpetrators: (perps.get(i.id) ?? []).map((p) => ({ ...p, unit_name: p.unit_id ? (units.get(p.unit_id) ?? null) : null, person_name: p.person_id ? (persons.get(p.person_id) ?? null) : null })),
    sources: sources.get(i.id) ?? [],
    ...(victimsVisible ? { named_victims: victims.get(i.id) ?? [] } : {}),
  }));
}

/** The plain export row of an incident (restricted fields undefined when the actor may not see them). */
export function exportRow(i: ExportedIncident, opts: { identities: boolean }): IncidentExportRow {
  const sd = (i.source_data ?? {}) as Record<string, any>;
  const perpName = (p: ExportedIncident['perpetrators'][number]) => p.unit_name ?? p.person_name ?? p.actor_name ?? null;
  const first = i.perpetrators.find((p) => p.involvement === 'direct-perpetrator') ?? i.perpetrators[0];
  const names = [...new Set(i.perpetrators.map(perpName).filter((x): x is string => !!x))];
  const otherParty = i.source === 'acled' ? (sd.actor2 ?? null) : i.source === 'ucdp' ? (sd.sideB ?? null) : null;
  const row: IncidentExportRow = {
    id: i.id,
    summary: i.summary,
    date: i.date,
    dateStart: dayText(i.date_start),
    dateEnd: dayText(i.date_end),
    datePrecision: i.date_precision,
    country: i.country,
    countryCode: i.country_code,
    admin1Name: i.admin1,
    admin1Code: i.admin1_code,
    admin2Name: i.admin2,
    admin2Code: i.admin2_code,
    locationName: i.location,
    lat: i.lat,
    lon: i.lon,
    perpetrator: names.length ? names.join('; ') : null,
    perpetratorType: first?.perpetrator_type ?? i.perpetrator_types[0] ?? null,
    otherParty: names.includes(otherParty) ? null : otherParty,
    actTypes: i.act_types,
    verificationStatus: i.verification_status,
    killed: i.fatalities,
    injured: i.injured,
    source: i.sources.map((s) => [s.title, s.publisher, s.reference].filter(Boolean).join(', ')).join('; ') || null,
    description: i.description,
  };
  if (i.named_victims) row.namedVictims = i.named_victims.map((v) => v.name);
  if (opts.identities) row.sourceIdentities = i.sources.map((s) => s.identity).filter((x): x is string => !!x);
  return row;
}

export interface ExportOutput {
  format: IncidentExportFormat;
  contentType: string;
  filename: string;
  body: string;
  count: number;
}

export async function exportIncidents(ctx: Ctx, format: IncidentExportFormat, filters: IncidentFilters = {}, opts: { lang?: Lang; hxl?: boolean } = {}): Promise<ExportOutput> {
  if (!INCIDENT_EXPORT_FORMATS.includes(format)) throw new ValidationError([{ field: 'format', reason: `must be one of ${INCIDENT_EXPORT_FORMATS.join(', ')}` }]);
  const lang = opts.lang ?? ctx.actor.language;
  const records = await exportRecords(ctx, filters);
  const cfg = await incidentConfig(ctx);
  const identityLevel = recordType(T.source).fieldSensitivity?.identity ?? 'restricted';
  const identities = clearedFor(ctx, identityLevel);
  if (format === 'json') {
    const incidents = records.map((r) => (identities ? r : { ...r, sources: r.sources.map(({ identity: _i, contact: _c, ...s }) => s) }));
    return { format, contentType: 'application/json; charset=utf-8', filename: 'incidents.json', body: JSON.stringify({ type: 'pocdesk-incidents', exported_at: new Date().toISOString(), count: incidents.length, incidents }, null, 2), count: records.length };
  }
  const rows = records.map((r) => exportRow(r, { identities }));
  if (format === 'geojson') return { format, contentType: 'application/geo+json; charset=utf-8', filename: 'incidents.geojson', body: JSON.stringify(toGeoJson(rows, { vocabulary: cfg.vocabulary, lang })), count: rows.length };
  return { format, contentType: 'text/csv; charset=utf-8', filename: 'incidents.csv', body: writeHxlCsv(rows, { lang, vocabulary: cfg.vocabulary, hxl: opts.hxl ?? true }), count: rows.length };
}
