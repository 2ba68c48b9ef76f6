/**
 * The threat register as records: threats scored on the configured scales and tagged with POC tiers and
 * a phase, and the mission activities against each threat (tagged too), through the pure rules of
 * threats.ts. Entries that no longer fit the configuration stay listed, with their problems.
 */
import type { FieldProblem } from '../platform/errors.ts';
import { NotFoundError } from '../platform/errors.ts';
import type { SearchHit } from '../platform/module.ts';
import { type Ctx, getRecord, inTransaction, insertRecord, listRecords, updateRecord } from '../platform/store.ts';
import { blank, checkCode, definedOnly, fold, textSearch, operations, parseInput, partialDate, protectionConfig, protectionOf, registryLink, registryName, requireRead, requireWrite, throwIf } from './common.ts';
import { findEntry, labelOf } from './config.ts';
import { type ActivityInput, activityInput, type ActivityPatch, activityPatch, type ThreatFilter, threatFilter, type ThreatInput, threatInput, type ThreatPatch, threatPatch } from './inputs.ts';
import { T } from './schema.ts';
import { rankThreats, type RankedThreat, scoreThreat, validatePocTags, validateThreat } from './threats.ts';

export interface ThreatRow {
  id: string;
  title: string;
  threat_type: string;
  actor: string | null;
  actor_unit_id: string | null;
  threatened_population: string | null;
  area_code: string | null;
  area_name: string | null;
  place: string | null;
  likelihood: string;
  impact: string;
  tiers: string[];
  phase: string | null;
  status: string;
  summary: string | null;
  search_text: string;
  sensitivity: string;
  compartments: string[];
  retracted_at: string | null;
  version: number;
}

export interface ActivityRow {
  id: string;
  threat_id: string;
  title: string;
  kind: string | null;
  tiers: string[];
  phase: string | null;
  start_date: string | null;
  end_date: string | null;
  responsible: string | null;
  status: string | null;
  notes: string | null;
  sensitivity: string;
  retracted_at: string | null;
  version: number;
}

const entryOf = (r: Pick<ThreatRow, 'id' | 'threat_type' | 'likelihood' | 'impact' | 'tiers' | 'phase' | 'area_code' | 'summary'>) => ({
  id: r.id,
  threatType: r.threat_type,
  likelihood: r.likelihood,
  impact: r.impact,
  tiers: r.tiers,
  phase: r.phase,
  area: r.area_code,
  summary: r.summary,
});

async function threatColumns(ctx: Ctx, merged: ThreatInput, problems: FieldProblem[]): Promise<Record<string, unknown>> {
  const [cfg, ops] = [await protectionConfig(ctx), await operations(ctx)];
  const status = merged.status ?? ops.threatStatuses.find((s) => s.active)?.code ?? ops.threatStatuses[0]!.code;
  checkCode(problems, ops.threatStatuses, status, 'status', 'a threat status');
  problems.push(...validateThreat({ id: '', threatType: merged.threat_type, likelihood: merged.likelihood, impact: merged.impact, tiers: merged.tiers ?? [], phase: merged.phase ?? null }, cfg));
  await registryLink(ctx, problems, 'unit', merged.actor_unit_id, 'actor_unit_id');
  const cols = {
    title: merged.title.trim(),
    threat_type: merged.threat_type,
    actor: blank(merged.actor),
    actor_unit_id: merged.actor_unit_id ?? null,
    threatened_population: blank(merged.threatened_population),
    area_code: blank(merged.area_code),
    area_name: blank(merged.area_name),
    place: blank(merged.place),
    likelihood: merged.likelihood,
    impact: merged.impact,
    tiers: merged.tiers ?? [],
    phase: blank(merged.phase),
    status,
    summary: blank(merged.summary),
  };
  return { ...cols, search_text: fold([cols.title, cols.actor, cols.threatened_population, cols.area_name, cols.area_code, cols.place, cols.summary]) };
}

export async function createThreat(ctx: Ctx, input: ThreatInput): Promise<ThreatView> {
  requireWrite(ctx);
  const data = parseInput(threatInput, input);
  const problems: FieldProblem[] = [];
  const cols = await threatColumns(ctx, data, problems);
  throwIf(problems);
  const row = await insertRecord<ThreatRow>(ctx, T.threat, { ...cols, external_ids: {}, ...protectionOf(data) });
  return threatView(ctx, row, []);
}

export async function updateThreat(ctx: Ctx, id: string, patch: ThreatPatch, opts: { expectedVersion?: number; reason?: string } = {}): Promise<{ record: ThreatView; changed: boolean }> {
  requireWrite(ctx);
  const data = parseInput(threatPatch, patch);
  return inTransaction(ctx, async (tx) => {
    const cur = await mustGet<ThreatRow>(tx, T.threat, id, 'threat');
    const problems: FieldProblem[] = [];
    const cols = await threatColumns(tx, { ...(cur as unknown as ThreatInput), ...definedOnly(data) } as ThreatInput, problems);
    throwIf(problems);
    const r = await updateRecord<ThreatRow>(tx, T.threat, id, { ...cols, ...protectionOf(data) }, opts);
    return { record: await threatView(tx, r.record), changed: r.changed };
  });
}

async function mustGet<R>(ctx: Ctx, type: string, id: string, what: string): Promise<R> {
  const r = await getRecord<R>(ctx, type, id);
  if (!r) throw new NotFoundError(`${what} ${id}`);
  return r;
}

async function activityColumns(ctx: Ctx, merged: ActivityInput, problems: FieldProblem[]): Promise<Record<string, unknown>> {
  const [cfg, ops] = [await protectionConfig(ctx), await operations(ctx)];
  checkCode(problems, ops.activityKinds, merged.kind, 'kind', 'an activity kind');
  problems.push(...validatePocTags({ tiers: merged.tiers ?? [], phase: merged.phase ?? null }, cfg));
  const start = partialDate(problems, merged.start_date, 'start_date');
  const end = partialDate(problems, merged.end_date, 'end_date');
  if (start && end && end < start.slice(0, end.length)) problems.push({ field: 'end_date', reason: 'is before start_date' });
  return {
    title: merged.title.trim(),
    kind: blank(merged.kind),
    tiers: merged.tiers ?? [],
    phase: blank(merged.phase),
    start_date: start,
    end_date: end,
    responsible: blank(merged.responsible),
    status: blank(merged.status),
    notes: blank(merged.notes),
  };
}

/** Adds a mission activity against a threat (its sensitivity at least the threat's unless given). */
export async function addActivity(ctx: Ctx, threatId: string, input: ActivityInput): Promise<ActivityRow> {
  requireWrite(ctx);
  const data = parseInput(activityInput, input);
  return inTransaction(ctx, async (tx) => {
    const threat = await mustGet<ThreatRow>(tx, T.threat, threatId, 'threat');
    const problems: FieldProblem[] = [];
    const cols = await activityColumns(tx, data, problems);
    throwIf(problems);
    return insertRecord<ActivityRow>(tx, T.activity, { threat_id: threat.id, ...cols, sensitivity: data.sensitivity ?? threat.sensitivity, compartments: data.compartments ?? threat.compartments });
  });
}

export async function updateActivity(ctx: Ctx, id: string, patch: ActivityPatch, opts: { expectedVersion?: number; reason?: string } = {}): Promise<{ record: ActivityRow; changed: boolean }> {
  requireWrite(ctx);
  const data = parseInput(activityPatch, patch);
  return inTransaction(ctx, async (tx) => {
    const cur = await mustGet<ActivityRow>(tx, T.activity, id, 'activity');
    const problems: FieldProblem[] = [];
    const cols = await activityColumns(tx, { ...(cur as unknown as ActivityInput), ...definedOnly(data) } as ActivityInput, problems);
    throwIf(problems);
    return updateRecord<ActivityRow>(tx, T.activity, id, { ...cols, ...protectionOf(data) }, opts);
  });
}

export interface ThreatView extends Omit<ThreatRow, 'search_text'> {
  score: RankedThreat['score'];
  problems: FieldProblem[];
  tier_labels: RankedThreat['tiers'];
  phase_label: RankedThreat['phase'];
  status_label: { en: string; fr: string };
  threat_type_label: { en: string; fr: string };
  actor_unit: { id: string; name: string } | null;
  activities: (ActivityRow & { tier_labels: { code: string; en: string; fr: string }[]; phase_label: { code: string; en: string; fr: string } | null })[];
}

async function threatView(ctx: Ctx, r: ThreatRow, activities?: ActivityRow[], ranked?: RankedThreat): Promise<ThreatView> {
  const [cfg, ops] = [await protectionConfig(ctx), await operations(ctx)];
  const acts = activities ?? (await listRecords<ActivityRow>(ctx, T.activity, { where: 'r.threat_id = $1', params: [r.id], orderBy: 'r.start_date NULLS FIRST, r.created_at, r.id' }));
  const rk = ranked ?? rankThreats([entryOf(r)], cfg)[0]!;
  const { search_text: _s, ...rest } = r;
  const unit = await registryName(ctx, 'unit', r.actor_unit_id);
  return {
    ...rest,
    score: rk.score,
    problems: rk.problems,
    tier_labels: rk.tiers,
    phase_label: rk.phase,
    status_label: labelOf(ops.threatStatuses, r.status),
    threat_type_label: labelOf(cfg.threatTypes, r.threat_type),
    actor_unit: unit,
    activities: acts.map((a) => ({
      ...a,
      tier_labels: a.tiers.map((t) => ({ code: t, ...labelOf(cfg.pocTiers, t) })),
      phase_label: a.phase ? { code: a.phase, ...labelOf(cfg.pocPhases, a.phase) } : null,
    })),
  };
}

export async function getThreat(ctx: Ctx, id: string): Promise<ThreatView> {
  requireRead(ctx);
  return threatView(ctx, await mustGet<ThreatRow>(ctx, T.threat, id, 'threat'));
}

/** The register, highest score first, with activities; active threats only unless `all`. */
export async function threatRegister(ctx: Ctx, filter: Partial<ThreatFilter> = {}): Promise<{ threats: ThreatView[]; by_tier: Record<string, number>; by_phase: Record<string, number> }> {
  requireRead(ctx);
  const f = parseInput(threatFilter, filter);
  const [cfg, ops] = [await protectionConfig(ctx), await operations(ctx)];
  const conds: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    conds.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (f.tier) add('? = ANY(r.tiers)', f.tier);
  if (f.phase) add('r.phase = ?', f.phase);
  if (f.area) add(`r.area_code LIKE ? || '%'`, f.area);
  if (f.status) add('r.status = ?', f.status);
  else if (f.all !== 'true') add('r.status = ANY(?::text[])', ops.threatStatuses.filter((s) => s.active).map((s) => s.code));
  const rows = await listRecords<ThreatRow>(ctx, T.threat, { where: conds.join(' AND ') || undefined, params, limit: 5000 });
  const acts = rows.length ? await listRecords<ActivityRow>(ctx, T.activity, { where: 'r.threat_id = ANY($1::uuid[])', params: [rows.map((r) => r.id)], orderBy: 'r.start_date NULLS FIRST, r.created_at, r.id' }) : [];
  const ranked = rankThreats(rows.map(entryOf), cfg);
  const byId = new Map(rows.map((r) => [r.id, r]));
  let threats = await Promise.all(ranked.map((rk) => threatView(ctx, byId.get(rk.threat.id)!, acts.filter((a) => a.threat_id === rk.threat.id), rk)));
  if (f.band) threats = threats.filter((t) => t.score?.band.code === f.band);
  const by_tier: Record<string, number> = Object.fromEntries(cfg.pocTiers.map((t) => [t.code, 0]));
  const by_phase: Record<string, number> = Object.fromEntries(cfg.pocPhases.map((p) => [p.code, 0]));
  for (const t of threats) {
    for (const tier of t.tiers as string[]) by_tier[tier] = (by_tier[tier] ?? 0) + 1;
    const ph = t.phase as string | null;
    if (ph) by_phase[ph] = (by_phase[ph] ?? 0) + 1;
  }
  return { threats, by_tier, by_phase };
}

export async function searchThreats(ctx: Ctx, q: string, limit = 20): Promise<SearchHit[]> {
  const { key, rows } = await textSearch<ThreatRow>(ctx, T.threat, q, limit);
  if (!key) return [];
  const cfg = await protectionConfig(ctx);
  return rows.map((r) => {
    let band = '';
    try {
      band = scoreThreat(r, cfg).band[ctx.actor.language];
    } catch {
      band = '';
    }
    const phase = findEntry(cfg.pocPhases, r.phase);
    return { domain: 'protection', type: T.threat, id: r.id, label: r.title, detail: [band, phase?.label[ctx.actor.language], r.area_name ?? r.area_code].filter(Boolean).join(' · '), score: r.search_text.includes(key) ? 0.85 : 0.55 };
  });
}
