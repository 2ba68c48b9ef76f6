/**
 * The registry's implicit list: registry persons linked to grave violations, as watchlist entries.
 *
 * Where the links come from is one seam, `gravePersonLinks`: each source returns, for the persons it
 * knows, the incidents that link them (as perpetrator, or as commander of a perpetrator unit or a unit
 * above it when the incident happened). The registry's own source reads the incidents staged from SFM
 * workbooks not yet taken over by the incidents domain; the incidents domain's own source asks
 * `linkedIncidents(ctx, {personId})` for every person attributed an incident or posted in a unit that is.
 * Runs as the system (the list is derived); the entry of a person is as protected as the person and the
 * incidents behind it.
 */
import { type Level, levelRank } from '../platform/access/policy.ts';
import { earliestDay, parsePartialDate } from '../platform/dates.ts';
import type { Ctx } from '../platform/store.ts';
import { linkedIncidents } from '../incidents/service.ts';
import { chainOfCommand } from '../registry/service.ts';
import { birthDateOf, type DesiredEntry, type EvidenceLink, recordNames } from './entries.ts';
import { foldLatin } from './normalise.ts';
import type { ScreeningPolicy } from './settings.ts';

export interface GraveLink {
  personId: string;
  /** Record type of the incident ('registry-sfm-incident', 'incident'). */
  incidentType: string;
  incidentId: string;
  violationTypes: string[];
  date: string | null;
  via: 'perpetrator' | 'command';
  unitId?: string;
  sensitivity: string;
  compartments: string[];
}

export type GraveLinkSource = (sys: Ctx, policy: ScreeningPolicy['registryList']) => Promise<GraveLink[]>;

const sources: GraveLinkSource[] = [];
/** Tables whose content the links depend on (their size and last change make the list's fingerprint). */
const sourceTables = new Set<string>(['registry_persons', 'registry_postings', 'registry_units', 'registry_unit_links']);

/** Adds a source of person–grave-violation links (the incidents domain's, when it is there), with the tables it reads. */
export function addGraveLinkSource(s: GraveLinkSource, tables: string[] = []): void {
  if (!sources.includes(s)) sources.push(s);
  for (const t of tables) sourceTables.add(t);
}

/**
 * A cheap fingerprint of everything the implicit list is derived from (row counts and last changes of
 * the source tables, the policy version): when it has not moved, the list is up to date.
 */
export async function sourceFingerprint(q: Ctx['q'], policyKey: string): Promise<string> {
  const tables = [...sourceTables].filter((t) => /^[a-z_][a-z0-9_]*$/.test(t)).sort();
  const parts = tables.map((t) => `(SELECT count(*)::text || '@' || coalesce(max(updated_at)::text, '-') FROM ${t})`);
  parts.push(`(SELECT coalesce(max(version), 0)::text FROM settings WHERE key = '${policyKey.replace(/'/g, "''")}')`);
  const row = (await q.query(`SELECT ${parts.map((p, i) => `${p} AS f${i}`).join(', ')}`)).rows[0] as Record<string, string>;
  return Object.values(row).join('|');
}

function typeMatches(types: string[], wanted: string[]): boolean {
  if (!wanted.length) return true;
  const w = new Set(wanted.map((x) => foldLatin(x).trim()));
  return types.some((t) => w.has(foldLatin(t).trim()));
}

/** Perpetrators of the incidents staged from SFM workbooks in the registry, and their commanders. */
export const sfmIncidentLinks: GraveLinkSource = async (sys, cfg) => {
  const rows = (
    await sys.q.query(
      `SELECT id, violation_type, violation_types, perpetrator_persons, perpetrator_units, start_date, sensitivity, compartments
         FROM registry_sfm_incidents WHERE retracted_at IS NULL AND taken_at IS NULL ORDER BY id`,
    )
  ).rows as any[];
  const out: GraveLink[] = [];
  for (const r of rows) {
    const types = [...(r.violation_types ?? []), ...(r.violation_type ? [r.violation_type] : [])];
    if (!typeMatches(types, cfg.violationTypes)) continue;
    const base = { incidentType: 'registry-sfm-incident', incidentId: r.id, violationTypes: types, date: r.start_date ?? null, sensitivity: r.sensitivity, compartments: r.compartments ?? [] };
    for (const p of (r.perpetrator_persons ?? []) as { id?: string | null }[]) if (p.id) out.push({ ...base, personId: p.id, via: 'perpetrator' });
    if (!cfg.commandResponsibility) continue;
    const d = r.start_date ? parsePartialDate(r.start_date) : null;
    if (!d) continue;
    for (const u of (r.perpetrator_units ?? []) as { id?: string | null }[]) {
      if (!u.id) continue;
      try {
        const chain = await chainOfCommand(sys, u.id, earliestDay(d));
        for (const level of chain.levels) for (const c of level.commanders) out.push({ ...base, personId: c.person.id, via: 'command', unitId: level.unit.id });
      } catch {
        /* the unit is retracted or gone: no commander to name */
      }
    }
  }
  return out;
};
addGraveLinkSource(sfmIncidentLinks, ['registry_sfm_incidents']);

/** Persons linked to grave-violation incidents of the incidents domain: directly, or as commanders of a perpetrator unit at the time. */
export const incidentLinks: GraveLinkSource = async (sys, cfg) => {
  const candidates = (
    await sys.q.query<{ person_id: string }>(
      `SELECT person_id FROM incident_perpetrators WHERE person_id IS NOT NULL AND retracted_at IS NULL
       UNION
       SELECT p.person_id FROM registry_postings p JOIN incident_perpetrators ip ON ip.unit_id = p.unit_id
        WHERE p.retracted_at IS NULL AND ip.retracted_at IS NULL
       ORDER BY person_id`,
    )
  ).rows.map((r) => r.person_id);
  const out: GraveLink[] = [];
  const protection = new Map<string, { sensitivity: string; compartments: string[] }>();
  for (const personId of candidates) {
    let linked;
    try {
      linked = await linkedIncidents(sys, { personId });
    } catch {
      continue; // the person is retracted or gone
    }
    for (const l of linked) {
      if (!l.incident.grave) continue;
      const via = l.path.kind === 'direct' ? 'perpetrator' : l.path.kind === 'commander' ? 'command' : null;
      if (!via || (via === 'command' && !cfg.commandResponsibility)) continue;
      const types = [...l.incident.categories, ...l.incident.actTypes];
      if (!typeMatches(types, cfg.violationTypes)) continue;
      if (!protection.has(l.incident.id)) {
        const r = (await sys.q.query('SELECT sensitivity, compartments FROM incidents WHERE id = $1', [l.incident.id])).rows[0] as any;
        protection.set(l.incident.id, { sensitivity: r?.sensitivity ?? 'internal', compartments: r?.compartments ?? [] });
      }
      const link: GraveLink = { personId, incidentType: 'incident', incidentId: l.incident.id, violationTypes: types, date: l.incident.date, via, ...protection.get(l.incident.id)! };
      const unitId = l.path.unitId ?? l.path.attributedUnitId;
      if (via === 'command' && unitId) link.unitId = unitId;
      out.push(link);
    }
  }
  return out;
};
addGraveLinkSource(incidentLinks, ['incidents', 'incident_perpetrators']);

export async function gravePersonLinks(sys: Ctx, policy: ScreeningPolicy['registryList']): Promise<Map<string, GraveLink[]>> {
  const by = new Map<string, GraveLink[]>();
  for (const s of sources) {
    for (const l of await s(sys, policy)) {
      const list = by.get(l.personId) ?? [];
      if (!list.some((x) => x.incidentId === l.incidentId && x.via === l.via)) list.push(l);
      by.set(l.personId, list);
    }
  }
  return by;
}

const higher = (a: string, b: string): string => (levelRank(a) >= levelRank(b) ? a : b);

/** The entries the implicit list should hold now, one per linked registry person. */
export async function registryListEntries(sys: Ctx, policy: ScreeningPolicy): Promise<DesiredEntry[]> {
  const links = await gravePersonLinks(sys, policy.registryList);
  if (!links.size) return [];
  const persons = (await sys.q.query('SELECT * FROM registry_persons WHERE id = ANY($1::uuid[]) AND retracted_at IS NULL ORDER BY id', [[...links.keys()]])).rows as any[];
  return persons.map((p): DesiredEntry => {
    const ls = links.get(p.id)!.sort((a, b) => a.incidentId.localeCompare(b.incidentId) || a.via.localeCompare(b.via));
    let sensitivity: string = p.sensitivity;
    const comps = new Set<string>(p.compartments ?? []);
    for (const l of ls) {
      sensitivity = higher(sensitivity, l.sensitivity);
      for (const c of l.compartments) comps.add(c);
    }
    const evidence: EvidenceLink[] = [{ kind: 'registry-person', ref: p.id }, ...ls.map((l) => ({ kind: 'incident', ref: l.incidentId, note: `${l.incidentType}; ${l.via}${l.unitId ? ` (unit ${l.unitId})` : ''}` }))];
    return {
      external_id: p.id,
      entry_type: 'individual',
      name: p.name,
      names: recordNames(p.name, [...(p.given_names || p.family_name ? [[p.given_names, p.family_name].filter(Boolean).join(' ')] : []), ...(p.other_names ?? [])], p.original_script_names ?? []),
      birth_dates: birthDateOf(p.birth_date),
      nationalities: p.nationalities ?? [],
      gender: p.gender ?? null,
      reference: null,
      regime: null,
      listed_on: null,
      reason: null,
      evidence,
      registry_person_id: p.id,
      registry_unit_id: null,
      details: { incidents: ls.map((l) => ({ type: l.incidentType, id: l.incidentId, via: l.via, date: l.date, violation_types: l.violationTypes, ...(l.unitId ? { unit_id: l.unitId } : {}) })) },
      sensitivity: sensitivity as Level,
      compartments: [...comps].sort(),
    };
  });
}
