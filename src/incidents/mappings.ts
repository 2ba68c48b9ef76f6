/**
 * The actor mapping table: how an actor name of an imported dataset ('Military Forces of South Sudan
 * (2011-)', 'SPLM/A-IO') stands for a registry organisation (or person), or is deliberately left
 * unmapped. Analysts edit it (records with revisions, like any other); imports read it and never guess:
 * an actor without a mapping is listed with fuzzy suggestions from the registry's names.
 */
import { NotFoundError, ValidationError } from '../platform/errors.ts';
import { type Ctx, getRecord, inTransaction, insertRecord, listRecords, retractRecord, updateRecord } from '../platform/store.ts';
import { canBePerpetrator, getPerson, searchActors } from '../registry/service.ts';
import { actorMappingInput, type ActorMappingInput } from './inputs.ts';
import { T } from './schema.ts';
import { foldText, incidentConfig, parseWith, requireIncidentsRead } from './service.ts';
import { findPerpetratorType } from './vocabulary.ts';

export interface ActorMapping {
  id: string;
  source: 'acled' | 'ucdp' | 'any';
  actor_name: string;
  actor_key: string;
  unit_id: string | null;
  person_id: string | null;
  perpetrator_type: string | null;
  ignored: boolean;
  notes: string | null;
  sensitivity: string;
  version: number;
  retracted_at: string | null;
}

/** The key an actor name is matched by: folded, and without the period ACLED appends ('(2011-)'). */
export function actorKey(name: string): string {
  return foldText(name.replace(/\s*\((?:\d{4})?\s*-\s*(?:\d{4})?\)\s*$/, ''));
}

/** The name as searched in the registry: without the period and the country in brackets ACLED adds. */
export function actorSearchName(name: string): string {
  return name.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
}

export async function listActorMappings(ctx: Ctx, opts: { source?: string } = {}): Promise<ActorMapping[]> {
  requireIncidentsRead(ctx);
  return listRecords<ActorMapping>(ctx, T.actorMapping, {
    where: opts.source ? `r.source = ANY($1::text[])` : undefined,
    params: opts.source ? [[opts.source, 'any']] : [],
    orderBy: 'r.source, r.actor_key, r.id',
    limit: 100_000,
  });
}

/** Creates or revises the mapping of an actor name (one per source and name). */
export async function setActorMapping(ctx: Ctx, input: ActorMappingInput): Promise<{ record: ActorMapping; created: boolean; changed: boolean }> {
  const data = parseWith(actorMappingInput, input);
  return inTransaction(ctx, async (tx) => {
    const cfg = await incidentConfig(tx);
    const problems: { field: string; reason: string }[] = [];
    if (data.unit_id && !(await canBePerpetrator(tx, data.unit_id))) problems.push({ field: 'unit_id', reason: `no unit ${data.unit_id} that can be a perpetrator (it does not exist, is retracted, beyond your access, or a placeholder)` });
    if (data.person_id && !(await getPerson(tx, data.person_id))) problems.push({ field: 'person_id', reason: `no person ${data.person_id} in the registry (or beyond your access)` });
    if (data.perpetrator_type && !findPerpetratorType(data.perpetrator_type, cfg.vocabulary)) problems.push({ field: 'perpetrator_type', reason: `must be one of ${cfg.vocabulary.perpetratorTypes.map((p) => p.code).join(', ')}` });
    if (!data.unit_id && !data.person_id && !data.perpetrator_type && !data.ignored) problems.push({ field: 'unit_id', reason: 'map the actor to a unit, a person or a perpetrator type, or mark it ignored' });
    if (data.ignored && (data.unit_id || data.person_id)) problems.push({ field: 'ignored', reason: 'an ignored actor maps to no unit or person' });
    if (problems.length) throw new ValidationError(problems);
    const key = actorKey(data.actor_name);
    if (!key) throw new ValidationError([{ field: 'actor_name', reason: 'a name is required' }]);
    const row = { source: data.source, actor_name: data.actor_name.trim(), actor_key: key, unit_id: data.unit_id ?? null, person_id: data.person_id ?? null, perpetrator_type: data.perpetrator_type ?? null, ignored: !!data.ignored, notes: data.notes ?? null };
    const existing = (await tx.q.query<{ id: string }>('SELECT id FROM incident_actor_mappings WHERE source = $1 AND actor_key = $2 AND retracted_at IS NULL', [data.source, key])).rows[0];
    if (existing) {
      const r = await updateRecord<ActorMapping>(tx, T.actorMapping, existing.id, row);
      return { record: r.record, created: false, changed: r.changed };
    }
    return { record: await insertRecord<ActorMapping>(tx, T.actorMapping, { ...row, external_ids: {} }), created: true, changed: true };
  });
}

export async function retractActorMapping(ctx: Ctx, id: string, reason: string): Promise<ActorMapping> {
  const m = await getRecord<ActorMapping>(ctx, T.actorMapping, id);
  if (!m) throw new NotFoundError(`actor mapping ${id}`);
  return retractRecord<ActorMapping>(ctx, T.actorMapping, id, reason);
}

/** Finds the mapping of an actor name for a source (its own first, then one for any source). */
export class ActorMapper {
  private readonly byKey = new Map<string, ActorMapping>();
  private readonly perpetratorOk = new Map<string, boolean>();

  constructor(source: 'acled' | 'ucdp', mappings: ActorMapping[]) {
    for (const m of mappings) if (m.source === 'any') this.byKey.set(m.actor_key, m);
    for (const m of mappings) if (m.source === source) this.byKey.set(m.actor_key, m);
  }

  static async load(ctx: Ctx, source: 'acled' | 'ucdp'): Promise<ActorMapper> {
    return new ActorMapper(source, await listActorMappings(ctx, { source }));
  }

  find(name: string): ActorMapping | null {
    return this.byKey.get(actorKey(name)) ?? null;
  }

  /** Whether the mapped unit may stand as a perpetrator (not a placeholder, still there, readable); query through `ctx` (the open transaction). */
  async unitUsable(ctx: Ctx, unitId: string): Promise<boolean> {
    if (!this.perpetratorOk.has(unitId)) this.perpetratorOk.set(unitId, await canBePerpetrator(ctx, unitId));
    return this.perpetratorOk.get(unitId)!;
  }
}

export interface ActorSuggestion {
  unit_id: string;
  name: string;
  score: number;
}

/** Registry organisations whose names come close to an actor name (never applied on their own). */
export async function suggestUnits(ctx: Ctx, name: string, opts: { limit: number; threshold: number }): Promise<ActorSuggestion[]> {
  const q = actorSearchName(name);
  if (!q) return [];
  const hits = await searchActors(ctx, q, { types: ['unit'], limit: opts.limit + 5, threshold: opts.threshold });
  return hits
    .filter((h) => !h.placeholder)
    .slice(0, opts.limit)
    .map((h) => ({ unit_id: h.id, name: h.name, score: Math.round(h.score * 100) / 100 }));
}
