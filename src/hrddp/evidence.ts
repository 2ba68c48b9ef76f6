/**
 * The evidence dossier of a support request, gathered from the registry (recipient units, the chain
 * of command above them, their sub-units and their commanders at the support dates, each commander's
 * career), from the incidents domain (allegations linked to any of them, directly, via sub-units or
 * via the commanders' postings), from screening (watch-list hits), and from due diligence itself
 * (the mission's lists of high-risk persons, waivers, corrective action recorded by mitigation and by
 * follow-up committees, and earlier requests, reviews and measures naming the same persons: the
 * record follows the person from post to post). Registry reads go through its service.
 */
import { readFilterSql } from '../platform/access/policy.ts';
import { type Ctx, listRecords } from '../platform/store.ts';
import { chainOfCommand, getUnit, postingsOfPerson, subordinates } from '../registry/service.ts';
import { dayOf, type RequestRow } from './common.ts';
import type { AllegationPath, CorrectiveAction, DossierAllegation, DossierRecipient, EvidenceDossier, Listing, ScreeningHit } from './risk.ts';
import { waiverOf, waiversOf } from './requests.ts';
import { T } from './schema.ts';

// ---------------------------------------------------------------------------------------------
// Sources outside the registry, plugged in by the domains that hold them
// ---------------------------------------------------------------------------------------------

/** An allegation linked to a unit or a person, as the incidents domain reports it. */
export interface LinkedAllegation {
  incident: {
    id: string;
    summary?: string | null;
    date: string;
    end_date?: string | null;
    actTypes: string[];
    grave: boolean;
    categories: string[];
    verification: string;
    fatalities?: number | null;
    victims?: number | null;
    admin1?: string | null;
    location?: string | null;
    sources?: unknown[];
  };
  path: { kind: 'direct' | 'sub-unit' | 'posted-person' | 'commander'; unitId?: string; unitName?: string; personId?: string; personName?: string };
  involvement?: string | null;
  confidence?: string | null;
}

export interface EvidenceSources {
  allegations?: (ctx: Ctx, subject: { unitId?: string; personId?: string }, period: { from?: string; to?: string }) => Promise<LinkedAllegation[]>;
  /** Hits of persons against watch-lists and sanctions lists (by registry person). */
  screening?: (ctx: Ctx, persons: { id: string; name: string }[]) => Promise<ScreeningHit[]>;
  /** Persons on a watch-list by registry link: person id → list ids (config.risk.personLists). */
  watchlisted?: (ctx: Ctx, personIds: string[]) => Promise<Map<string, string[]>>;
}

const sources: EvidenceSources = {};

/** Called by index.ts with what the incidents and screening domains provide. */
export function useEvidenceSources(s: EvidenceSources) {
  Object.assign(sources, s);
}

// ---------------------------------------------------------------------------------------------

export interface ChainView {
  unit_id: string;
  levels: { unit_id: string; name: string; commanders: { person_id: string; name: string; rank: string | null; since: string | null }[] }[];
}

export interface PersonHistory {
  person_id: string;
  name: string;
  career: { unit_id: string; unit: string; role: string | null; command: string; start_date: string | null; end_date: string | null }[];
  listings: { id: string; list: string; since: string; until: string | null; reason: string | null }[];
  earlier_requests: { id: string; reference: string; state: string; role: string }[];
  reviews: { id: string; request_id: string; trigger_id: string; status: string; resolution: string | null; raised_on: string }[];
  measures: { id: string; request_id: string; type: string; status: string; implemented_on: string | null }[];
}

export interface GatheredDossier extends EvidenceDossier {
  at: string;
  chains: ChainView[];
  persons: PersonHistory[];
  sources_used: string[];
}

/** Listings of persons on the mission's lists valid on a day (and, when screening provides it, its watch-list). */
export async function listingsOn(ctx: Ctx, personIds: string[], day: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!personIds.length) return out;
  const rows = await listRecords<any>(ctx, T.listing, { where: `r.person_id = ANY($1::uuid[]) AND r.since <= $2::date AND (r.until IS NULL OR r.until >= $2::date)`, params: [personIds, day] });
  for (const r of rows) out.set(r.person_id, [...new Set([...(out.get(r.person_id) ?? []), r.list])]);
  if (sources.watchlisted) {
    for (const [pid, lists] of await sources.watchlisted(ctx, personIds)) out.set(pid, [...new Set([...(out.get(pid) ?? []), ...lists])]);
  }
  return out;
}

async function unitName(ctx: Ctx, id: string, cache: Map<string, string>): Promise<string> {
  if (!cache.has(id)) cache.set(id, (await getUnit(ctx, id))?.name ?? id);
  return cache.get(id)!;
}

/** Builds the dossier of a request as of a day (the support start, or the assessment day). */
export async function gatherDossier(ctx: Ctx, r: RequestRow, at: string, assessorInputs: EvidenceDossier['assessorInputs'] = {}): Promise<GatheredDossier> {
  const names = new Map<string, string>();
  const recipients: DossierRecipient[] = [];
  const chains: ChainView[] = [];
  for (const rc of r.recipients) {
    const chain = await chainOfCommand(ctx, rc.unit_id, at);
    for (const l of chain.levels) names.set(l.unit.id, l.unit.name);
    const subIds = await subordinates(ctx, rc.unit_id, at);
    const subUnits = [];
    for (const id of subIds) subUnits.push({ id, name: await unitName(ctx, id, names) });
    const head = chain.levels[0]!;
    recipients.push({
      unitId: rc.unit_id,
      name: head.unit.name,
      ancestors: chain.levels.slice(1).map((l) => ({ id: l.unit.id, name: l.unit.name })),
      subUnits,
      commanders: head.commanders.map((c) => ({ personId: c.person.id, name: c.person.name, rank: c.rank ?? undefined, since: c.start_date ?? undefined })),
    });
    chains.push({
      unit_id: rc.unit_id,
      levels: chain.levels.map((l) => ({
        unit_id: l.unit.id,
        name: l.unit.name,
        commanders: l.commanders.map((c) => ({ person_id: c.person.id, name: c.person.name, rank: c.rank, since: c.start_date })),
      })),
    });
  }
  const participants = r.participants.map((p) => ({ personId: p.person_id, name: p.name, role: p.role, unitId: p.unit_id ?? undefined }));
  const personNames = new Map<string, string>();
  const commanderIds = new Set<string>();
  for (const rc of recipients) for (const c of rc.commanders) (personNames.set(c.personId, c.name), commanderIds.add(c.personId));
  for (const p of r.participants) {
    personNames.set(p.person_id, p.name);
    if (p.role === 'commander') commanderIds.add(p.person_id);
  }
  const personIds = [...personNames.keys()];

  // Lists of high-risk persons.
  const listed = await listingsOn(ctx, personIds, at);
  const listings: Listing[] = [];
  for (const [pid, lists] of listed) {
    for (const list of lists) {
      const unit = recipients.find((rc) => rc.commanders.some((c) => c.personId === pid))?.unitId ?? r.participants.find((p) => p.person_id === pid)?.unit_id ?? undefined;
      listings.push({ personId: pid, name: personNames.get(pid) ?? pid, list, role: commanderIds.has(pid) ? 'commander' : 'participant', unitId: unit });
    }
  }

  // Allegations, when the incidents domain is there.
  const used: string[] = ['registry', 'hrddp'];
  const allegations = new Map<string, DossierAllegation>();
  const add = (la: LinkedAllegation, path: AllegationPath) => {
    const i = la.incident;
    const a = allegations.get(i.id) ?? {
      id: i.id,
      summary: i.summary ?? undefined,
      actTypes: i.actTypes ?? [],
      grave: !!i.grave,
      categories: i.categories ?? [],
      verification: i.verification,
      date: i.date,
      fatalities: i.fatalities ?? undefined,
      victims: i.victims ?? undefined,
      paths: [],
    };
    if (!a.paths.some((p) => JSON.stringify(p) === JSON.stringify(path))) a.paths.push(path);
    allegations.set(i.id, a);
  };
  if (sources.allegations) {
    used.push('incidents');
    const period = { to: at };
    for (const rc of recipients) {
      for (const la of await sources.allegations(ctx, { unitId: rc.unitId }, period)) {
        if (la.path.kind === 'direct') add(la, { kind: 'direct', unitId: rc.unitId });
        else if (la.path.kind === 'sub-unit' && la.path.unitId) add(la, { kind: 'sub-unit', unitId: rc.unitId, subUnitId: la.path.unitId, subUnitName: la.path.unitName });
        else if ((la.path.kind === 'commander' || la.path.kind === 'posted-person') && la.path.personId) add(la, { kind: 'commander', personId: la.path.personId, posting: 'current', postingUnitId: rc.unitId });
      }
      for (const anc of rc.ancestors) {
        for (const la of await sources.allegations(ctx, { unitId: anc.id }, period)) {
          if (la.path.kind === 'direct') add(la, { kind: 'parent-unit', unitId: rc.unitId, parentUnitId: anc.id, parentUnitName: anc.name });
        }
      }
    }
    for (const pid of personIds) {
      const current = new Set(recipients.filter((rc) => rc.commanders.some((c) => c.personId === pid)).map((rc) => rc.unitId));
      for (const la of await sources.allegations(ctx, { personId: pid }, period)) {
        const where = la.path.unitId;
        add(la, { kind: 'commander', personId: pid, posting: where && current.has(where) ? 'current' : 'past', postingUnitId: where, postingUnitName: la.path.unitName });
      }
    }
  }

  // Corrective action known to due diligence: removals and prosecutions obtained by mitigation, and
  // actions of follow-up committees.
  const correctiveActions: CorrectiveAction[] = [];
  if (personIds.length || allegations.size) {
    const measures = await listRecords<any>(ctx, T.measure, { where: `r.type IN ('commander-removal', 'prosecution') AND r.person_ids && $1::uuid[]`, params: [personIds] });
    for (const m of measures) {
      correctiveActions.push({
        id: m.id,
        type: m.type === 'commander-removal' ? 'removal-of-commander' : 'prosecution',
        status: m.implemented_on ? 'completed' : m.status === 'abandoned' ? 'abandoned' : 'ongoing',
        date: dayOf(m.implemented_on) ?? undefined,
        allegationIds: [],
        personIds: m.person_ids,
        description: m.description ?? undefined,
      });
    }
    const actions = await listRecords<any>(ctx, T.action, { where: `r.person_id = ANY($1::uuid[]) OR r.incident_id = ANY($2::text[])`, params: [personIds, [...allegations.keys()]] });
    for (const a of actions) {
      correctiveActions.push({
        id: a.id,
        type: a.kind === 'judicial' ? 'prosecution' : 'disciplinary-sanction',
        status: a.status === 'completed' ? 'completed' : a.status === 'abandoned' ? 'abandoned' : 'ongoing',
        date: dayOf(a.completed_on) ?? undefined,
        allegationIds: a.incident_id ? [a.incident_id] : [],
        personIds: a.person_id ? [a.person_id] : [],
        description: a.description,
      });
    }
  }

  let screeningHits: ScreeningHit[] = [];
  if (sources.screening && personIds.length) {
    used.push('screening');
    screeningHits = await sources.screening(ctx, personIds.map((id) => ({ id, name: personNames.get(id)! })));
  }

  // The record that follows each person.
  const persons: PersonHistory[] = [];
  for (const pid of personIds) {
    const career = await postingsOfPerson(ctx, pid).catch(() => []);
    const allListings = await listRecords<any>(ctx, T.listing, { where: 'r.person_id = $1', params: [pid], orderBy: 'r.since' });
    const earlier = (
      await ctx.q.query<any>(
        `SELECT r.id, r.reference, r.state, r.recipient_unit_ids, r.participant_person_ids FROM hrddp_requests r
          WHERE r.id <> $1 AND r.retracted_at IS NULL AND ($2::uuid = ANY(r.participant_person_ids) OR r.recipient_unit_ids && $3::uuid[]) AND ${readFilter(ctx, 'r')}
          ORDER BY r.requested_on`,
        [r.id, pid, career.filter((c) => c.command === 'head').map((c) => c.unit.id), ...readParams(ctx)],
      )
    ).rows;
    const reviews = await listRecords<any>(ctx, T.review, { where: '$1::uuid = ANY(r.person_ids)', params: [pid], orderBy: 'r.raised_at' });
    const measures = await listRecords<any>(ctx, T.measure, { where: '$1::uuid = ANY(r.person_ids)', params: [pid], orderBy: 'r.due_date' });
    persons.push({
      person_id: pid,
      name: personNames.get(pid)!,
      career: career.map((c) => ({ unit_id: c.unit.id, unit: c.unit.name, role: c.role, command: c.command, start_date: c.start_date, end_date: c.end_date })),
      listings: allListings.map((l) => ({ id: l.id, list: l.list, since: dayOf(l.since)!, until: dayOf(l.until), reason: l.reason })),
      earlier_requests: earlier.map((e) => ({ id: e.id, reference: e.reference, state: e.state, role: (e.participant_person_ids ?? []).includes(pid) ? 'participant' : 'commander-of-recipient' })),
      reviews: reviews.map((x) => ({ id: x.id, request_id: x.request_id, trigger_id: x.trigger_id, status: x.status, resolution: x.resolution, raised_on: dayOf(x.raised_on)! })),
      measures: measures.map((m) => ({ id: m.id, request_id: m.request_id, type: m.type, status: m.status, implemented_on: dayOf(m.implemented_on) })),
    });
  }

  return {
    requestId: r.id,
    at,
    recipients,
    participants,
    allegations: [...allegations.values()],
    correctiveActions,
    screeningHits,
    listings,
    waivers: (await waiversOf(ctx, r.id)).map(waiverOf),
    assessorInputs,
    chains,
    persons,
    sources_used: used,
  };
}

function readFilter(ctx: Ctx, alias: string): string {
  return readFilterSql(ctx.actor, alias, 3).sql;
}
function readParams(ctx: Ctx): unknown[] {
  return readFilterSql(ctx.actor, 'r', 3).params;
}
