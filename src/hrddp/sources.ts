/**
 * Where due diligence plugs into the incidents and screening domains, through their services:
 * allegations linked to units and persons (evidence dossier, compliance figures), watch-list links
 * and screening hits of commanders and participants, and the live hooks that raise a review the
 * moment an allegation is attributed to a watched unit or person, or upgraded.
 */
import { hasPermission } from '../platform/access/policy.ts';
import { ForbiddenError } from '../platform/errors.ts';
import { type Ctx, getRecord, onRecordWrite, type RecordWrite } from '../platform/store.ts';
import { attributionsOf, linkedIncidents } from '../incidents/service.ts';
import { commandersAt } from '../registry/service.ts';
import { screenPerson, watchlistedPersons } from '../screening/service.ts';
import { monitoringSettings } from './common.ts';
import { useEvidenceSources } from './evidence.ts';
import type { MonitoredAllegation } from './monitoring.ts';
import { useComplianceAllegations } from './oversight.ts';
import { earliestDayOf } from './util.ts';
import { onAllegation } from './watch.ts';

/** A source the actor may not read contributes nothing (and the dossier says which sources it used). */
async function readable<T>(f: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof ForbiddenError) return fallback;
    throw e;
  }
}

export function installSources() {
  useEvidenceSources({
    allegations: (ctx, subject, period) => (hasPermission(ctx.actor, 'incidents:read') ? linkedIncidents(ctx, subject, period) : Promise.resolve([])),
    watchlisted: async (ctx, personIds) => {
      const out = new Map<string, string[]>();
      if (!hasPermission(ctx.actor, 'screening:read')) return out;
      const settings = await monitoringSettings(ctx);
      const linked = await readable(() => watchlistedPersons(ctx, personIds), new Map<string, { list: string }[]>());
      for (const [pid, matches] of linked) {
        const lists = [...new Set(matches.map((m) => settings.screeningLists[m.list]).filter((l): l is string => !!l))];
        if (lists.length) out.set(pid, lists);
      }
      return out;
    },
    screening: async (ctx, persons) => {
      if (!hasPermission(ctx.actor, 'screening:read')) return [];
      const settings = await monitoringSettings(ctx);
      const hits = [];
      for (const p of persons) {
        for (const m of await readable(() => screenPerson(ctx, { name: p.name, registry_person_id: p.id }), [])) {
          if (settings.ignoredScreeningLists.includes(m.list) || settings.screeningLists[m.list]) continue;
          hits.push({
            id: `${m.list}:${m.entry_id}`,
            personId: p.id,
            name: m.name,
            source: m.list,
            matchScore: m.score,
            status: m.adjudication ? (settings.screeningDecisions[m.adjudication] ?? settings.undecidedScreeningStatus) : settings.undecidedScreeningStatus,
          });
        }
      }
      return hits;
    },
  });
  useComplianceAllegations(async (ctx, unitIds, period) => {
    if (!hasPermission(ctx.actor, 'incidents:read')) return [];
    const out = new Map<string, { id: string; date: string; unitIds: string[]; verification?: string }>();
    for (const u of unitIds) {
      for (const l of await linkedIncidents(ctx, { unitId: u }, period)) {
        if (l.path.kind !== 'direct') continue;
        const a = out.get(l.incident.id) ?? { id: l.incident.id, date: l.incident.date, unitIds: [], verification: l.incident.verification };
        if (!a.unitIds.includes(u)) a.unitIds.push(u);
        out.set(l.incident.id, a);
      }
    }
    return [...out.values()];
  });

  onRecordWrite(['incident-perpetrator'], async (tx, w) => {
    await onAttribution(tx, w);
  });
  onRecordWrite(['incident'], async (tx, w) => {
    await onIncidentChange(tx, w);
  });
}

interface IncidentRow {
  id: string;
  summary: string;
  date: string;
  grave: boolean;
  categories: string[];
  verification_status: string;
  retracted_at: string | null;
}

function allegationOf(i: IncidentRow, unitIds: string[], personIds: string[]): MonitoredAllegation {
  return { id: i.id, summary: i.summary, date: i.date, grave: !!i.grave, categories: i.categories ?? [], verification: i.verification_status, unitIds, personIds };
}

/**
 * The persons an attribution reaches: the person named, and whoever headed the unit attributed on
 * the incident's first day (a commander's record follows them to the unit now supported).
 */
async function personsReached(ctx: Ctx, unitId: string | null, personId: string | null, date: string): Promise<string[]> {
  const out = new Set<string>(personId ? [personId] : []);
  const day = earliestDayOf(date);
  if (unitId && day) for (const c of await commandersAt(ctx, unitId, day).catch(() => [])) out.add(c.person.id);
  return [...out];
}

/** A perpetrator was attributed (or re-attributed) to an incident. */
async function onAttribution(ctx: Ctx, w: RecordWrite) {
  const p = w.after;
  if (p.retracted_at || (!p.unit_id && !p.person_id)) return;
  if (w.op === 'update' && w.before && w.before.unit_id === p.unit_id && w.before.person_id === p.person_id && !w.before.retracted_at) return;
  const inc = await getRecord<IncidentRow>(ctx, 'incident', p.incident_id);
  if (!inc || inc.retracted_at) return;
  const persons = await personsReached(ctx, p.unit_id, p.person_id, inc.date);
  await onAllegation(ctx, allegationOf(inc, p.unit_id ? [p.unit_id] : [], persons), null, { recordType: w.type, recordId: w.id });
}

/** An incident's verification or gravity changed: an upgrade of every attribution. */
async function onIncidentChange(ctx: Ctx, w: RecordWrite) {
  if (w.op !== 'update' || !w.before) return;
  const before = w.before as IncidentRow;
  const after = w.after as IncidentRow;
  if (after.retracted_at) return;
  if (before.verification_status === after.verification_status && !!before.grave === !!after.grave) return;
  const attributions = await attributionsOf(ctx, after.id);
  const unitIds = [...new Set(attributions.map((a) => a.unit_id).filter((x): x is string => !!x))];
  const persons = new Set<string>();
  for (const a of attributions) for (const p of await personsReached(ctx, a.unit_id, a.person_id, after.date)) persons.add(p);
  if (!unitIds.length && !persons.size) return;
  await onAllegation(ctx, allegationOf(after, unitIds, [...persons]), { verification: before.verification_status, grave: !!before.grave }, { recordType: w.type, recordId: w.id });
}
