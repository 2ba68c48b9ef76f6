/**
 * Capacity building and projects as records (trainings, mentoring, equipment, quick-impact projects:
 * recipient units or institutions, dates, place, cost), and for each the outcome view: incidents
 * attributed to the recipient units, and in the project's area, in equal windows before and after
 * (outcomes.ts), so output counts are never the only figure.
 */
import type { FieldProblem } from '../platform/errors.ts';
import { NotFoundError } from '../platform/errors.ts';
import type { SearchHit } from '../platform/module.ts';
import { type Ctx, getRecord, inTransaction, insertRecord, listRecords, updateRecord } from '../platform/store.ts';
import { blank, checkCode, definedOnly, fold, textSearch, parseInput, partialDate, protectionConfig, protectionOf, registryLink, registryName, requireRead, requireWrite, throwIf } from './common.ts';
import { labelOf } from './config.ts';
import { type ProjectInput, projectInput, type ProjectPatch, projectPatch } from './inputs.ts';
import { T } from './schema.ts';

export interface ProjectRow {
  id: string;
  title: string;
  kind: string;
  recipient_unit_ids: string[];
  recipient_institutions: string[];
  start_date: string;
  end_date: string | null;
  place: string | null;
  area_codes: string[];
  cost: string | number | null;
  currency: string | null;
  participants: number | null;
  summary: string | null;
  search_text: string;
  sensitivity: string;
  compartments: string[];
  retracted_at: string | null;
  version: number;
}

async function projectColumns(ctx: Ctx, p: ProjectInput, problems: FieldProblem[]): Promise<Record<string, unknown>> {
  const cfg = await protectionConfig(ctx);
  checkCode(problems, cfg.capacityBuildingKinds, p.kind, 'kind', 'a capacity-building kind');
  const start = partialDate(problems, p.start_date, 'start_date');
  if (!start && !problems.some((x) => x.field === 'start_date')) problems.push({ field: 'start_date', reason: 'is required' });
  const end = partialDate(problems, p.end_date, 'end_date');
  if (start && end && end < start.slice(0, end.length)) problems.push({ field: 'end_date', reason: 'is before start_date' });
  const units = [...new Set(p.recipient_unit_ids ?? [])];
  const names: string[] = [];
  for (const [i, u] of units.entries()) {
    const l = await registryLink(ctx, problems, 'unit', u, `recipient_unit_ids.${i}`);
    if (l) names.push(l.name);
  }
  const institutions = (p.recipient_institutions ?? []).map((s) => s.trim());
  if (!units.length && !institutions.length) problems.push({ field: 'recipient_unit_ids', reason: 'name the recipient units (registry) or institutions' });
  const cols = {
    title: p.title.trim(),
    kind: p.kind,
    recipient_unit_ids: units,
    recipient_institutions: institutions,
    start_date: start,
    end_date: end,
    place: blank(p.place),
    area_codes: (p.area_codes ?? []).map((a) => a.trim()),
    cost: p.cost ?? null,
    currency: p.currency ?? null,
    participants: p.participants ?? null,
    summary: blank(p.summary),
  };
  if (cols.cost !== null && !cols.currency) problems.push({ field: 'currency', reason: 'give the currency of the cost' });
  return { ...cols, search_text: fold([cols.title, cols.place, cols.summary, ...institutions, ...names, ...cols.area_codes]) };
}

async function mustGetProject(ctx: Ctx, id: string): Promise<ProjectRow> {
  const r = await getRecord<ProjectRow>(ctx, T.project, id);
  if (!r) throw new NotFoundError(`project ${id}`);
  return r;
}

export async function createProject(ctx: Ctx, input: ProjectInput): Promise<ProjectView> {
  requireWrite(ctx);
  const data = parseInput(projectInput, input);
  const problems: FieldProblem[] = [];
  const cols = await projectColumns(ctx, data, problems);
  throwIf(problems);
  return projectView(ctx, await insertRecord<ProjectRow>(ctx, T.project, { ...cols, external_ids: {}, ...protectionOf(data) }));
}

export async function updateProject(ctx: Ctx, id: string, patch: ProjectPatch, opts: { expectedVersion?: number; reason?: string } = {}): Promise<{ record: ProjectView; changed: boolean }> {
  requireWrite(ctx);
  const data = parseInput(projectPatch, patch);
  return inTransaction(ctx, async (tx) => {
    const cur = await mustGetProject(tx, id);
    const problems: FieldProblem[] = [];
    const cols = await projectColumns(tx, { ...(cur as any), cost: cur.cost === null ? null : Number(cur.cost), ...definedOnly(data) }, problems);
    throwIf(problems);
    const r = await updateRecord<ProjectRow>(tx, T.project, id, { ...cols, ...protectionOf(data) }, opts);
    return { record: await projectView(tx, r.record), changed: r.changed };
  });
}

export interface ProjectView extends Omit<ProjectRow, 'search_text' | 'cost'> {
  cost: number | null;
  kind_label: { en: string; fr: string };
  recipient_units: { id: string; name: string }[];
}

async function projectView(ctx: Ctx, r: ProjectRow): Promise<ProjectView> {
  const cfg = await protectionConfig(ctx);
  const units: { id: string; name: string }[] = [];
  for (const u of r.recipient_unit_ids) {
    const l = await registryName(ctx, 'unit', u);
    if (l) units.push(l);
  }
  const { search_text: _s, ...rest } = r;
  return { ...rest, cost: r.cost === null ? null : Number(r.cost), kind_label: labelOf(cfg.capacityBuildingKinds, r.kind), recipient_units: units };
}

export async function getProject(ctx: Ctx, id: string): Promise<ProjectView> {
  requireRead(ctx);
  return projectView(ctx, await mustGetProject(ctx, id));
}

export async function projectRow(ctx: Ctx, id: string): Promise<ProjectRow> {
  requireRead(ctx);
  return mustGetProject(ctx, id);
}

export async function listProjects(ctx: Ctx, f: { kind?: string; unit_id?: string; area?: string } = {}): Promise<ProjectView[]> {
  requireRead(ctx);
  const conds: string[] = [];
  const params: unknown[] = [];
  if (f.kind) {
    params.push(f.kind);
    conds.push(`r.kind = $${params.length}`);
  }
  if (f.unit_id) {
    params.push(f.unit_id);
    conds.push(`$${params.length}::uuid = ANY(r.recipient_unit_ids)`);
  }
  if (f.area) {
    params.push(f.area);
    conds.push(`EXISTS (SELECT 1 FROM unnest(r.area_codes) a WHERE a LIKE $${params.length} || '%' OR $${params.length} LIKE a || '%')`);
  }
  const rows = await listRecords<ProjectRow>(ctx, T.project, { where: conds.join(' AND ') || undefined, params, orderBy: 'r.start_date, r.id', limit: 5000 });
  return Promise.all(rows.map((r) => projectView(ctx, r)));
}

export async function searchProjects(ctx: Ctx, q: string, limit = 20): Promise<SearchHit[]> {
  const { key, rows } = await textSearch<ProjectRow>(ctx, T.project, q, limit);
  if (!key) return [];
  const cfg = await protectionConfig(ctx);
  return rows.map((r) => ({ domain: 'protection', type: T.project, id: r.id, label: r.title, detail: [labelOf(cfg.capacityBuildingKinds, r.kind)[ctx.actor.language], r.start_date].join(' · '), score: r.search_text.includes(key) ? 0.8 : 0.5 }));
}
