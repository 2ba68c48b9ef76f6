/**
 * Justice support as records: cases before military, civilian, mobile or special courts, their stages
 * and the support the mission gave, and their defendants, linked to registry persons. A defendant's
 * affiliation, unit and rank at the time of the crime are read from the registry's postings (through
 * its service, as a reader cleared exactly to the defendant's record, so nothing more sensitive than the
 * record is copied into it), unless the court file's values are recorded. When a posting changes in the
 * registry, the defendants read from it follow. Figures by affiliation and rank band come from justice.ts.
 */
import { type Actor } from '../platform/access/policy.ts';
import { type FieldProblem, NotFoundError, ValidationError } from '../platform/errors.ts';
import type { SearchHit } from '../platform/module.ts';
import { type Ctx, getRecord, inTransaction, insertRecord, listRecords, onRecordWrite, updateRecord } from '../platform/store.ts';
import { postingsOfPerson } from '../registry/service.ts';
import { blank, checkCode, definedOnly, fold, textSearch, operations, parseInput, partialDate, protectionConfig, protectionOf, registryLink, requireRead, requireWrite, throwIf } from './common.ts';
import { findEntry, labelOf, type ProtectionConfig } from './config.ts';
import { atTimeOfCrime, type CareerPosting } from './defendants.ts';
import {
  type CaseInput,
  caseInput,
  type CasePatch,
  casePatch,
  type DefendantInput,
  defendantInput,
  type DefendantPatch,
  defendantPatch,
  type StageInput,
  stageInput,
  type SupportInput,
  supportInput,
} from './inputs.ts';
import { justiceFigures, type JusticeCase, matchRank } from './justice.ts';
import { JUSTICE_PERMISSION, type Operations, T } from './schema.ts';

export interface CaseRow {
  id: string;
  title: string;
  court_type: string;
  court_name: string | null;
  court_unit_id: string | null;
  area_code: string | null;
  place: string | null;
  crime_date: string | null;
  opened_on: string | null;
  stage: string | null;
  stages: { stage: string; on: string | null; by: string; note: string | null }[];
  support: { kind: string; on: string; description: string | null; by: string }[];
  incident_ids: string[];
  summary: string | null;
  search_text: string;
  sensitivity: string;
  compartments: string[];
  retracted_at: string | null;
  version: number;
}

export interface DefendantRow {
  id: string;
  case_id: string;
  person_id: string | null;
  name: string | null;
  crime_date: string | null;
  affiliation: string | null;
  affiliation_source: 'registry' | 'recorded';
  unit_id: string | null;
  posting_id: string | null;
  rank_at_crime: string | null;
  rank_source: 'registry' | 'recorded';
  charges: string[];
  outcome: string | null;
  outcome_on: string | null;
  sentence: string | null;
  notes: string | null;
  sensitivity: string;
  compartments: string[];
  retracted_at: string | null;
  version: number;
}

async function mustGet<R>(ctx: Ctx, type: string, id: string, what: string): Promise<R> {
  const r = await getRecord<R>(ctx, type, id);
  if (!r) throw new NotFoundError(`${what} ${id}`);
  return r;
}

/** A reader of the registry cleared exactly to a record's level and compartments. */
function readerAt(ctx: Ctx, level: string, compartments: string[]): Ctx {
  const actor: Actor = { kind: 'user', id: null, username: ctx.actor.username, roles: [], clearance: level as Actor['clearance'], compartments, permissions: ['registry:read'], language: ctx.actor.language };
  return { ...ctx, actor };
}

/** What the registry says of a person on the day of the crime, as seen at the record's level. */
async function fromRegistry(ctx: Ctx, personId: string, crimeDate: string | null, level: string, compartments: string[], ops: Operations) {
  let career: CareerPosting[];
  try {
    career = (await postingsOfPerson(readerAt(ctx, level, compartments), personId)).map((c) => ({
      postingId: c.posting_id,
      unitId: c.unit.id,
      unitName: c.unit.name,
      classifications: c.unit.classifications,
      organisationKind: c.unit.kind,
      rank: c.rank,
      start_date: c.start_date,
      end_date: c.end_date,
      end_state: c.end_state,
    }));
  } catch (e) {
    if (e instanceof NotFoundError) return null;
    throw e;
  }
  return atTimeOfCrime(career, crimeDate, ops.affiliationRules);
}

async function defendantColumns(ctx: Ctx, d: DefendantInput, theCase: CaseRow, cfg: ProtectionConfig, ops: Operations, problems: FieldProblem[], prefix = ''): Promise<Record<string, unknown>> {
  const f = (n: string) => `${prefix}${n}`;
  checkCode(problems, cfg.affiliations, d.affiliation, f('affiliation'), 'an affiliation');
  checkCode(problems, cfg.caseOutcomes, d.outcome, f('outcome'), 'a case outcome');
  const crime = partialDate(problems, d.crime_date, f('crime_date')) ?? theCase.crime_date;
  const outcomeOn = partialDate(problems, d.outcome_on, f('outcome_on'));
  const person = await registryLink(ctx, problems, 'person', d.person_id, f('person_id'));
  if (!d.person_id && !blank(d.name)) problems.push({ field: f('name'), reason: 'name the defendant or link a registry person (person_id)' });
  const level = d.sensitivity ?? theCase.sensitivity;
  const compartments = d.compartments ?? theCase.compartments;
  let derived: Awaited<ReturnType<typeof fromRegistry>> = null;
  if (person && (!d.affiliation || !blank(d.rank_at_crime))) derived = await fromRegistry(ctx, person.id, crime, level, compartments, ops);
  const rankRecorded = blank(d.rank_at_crime);
  return {
    person_id: person?.id ?? null,
    name: blank(d.name) ?? person?.name ?? null,
    crime_date: crime,
    affiliation: d.affiliation ?? derived?.affiliation ?? null,
    affiliation_source: d.affiliation ? 'recorded' : derived?.affiliation ? 'registry' : 'recorded',
    unit_id: derived?.posting?.unitId ?? null,
    posting_id: derived?.posting?.postingId ?? null,
    rank_at_crime: rankRecorded ?? derived?.rank ?? null,
    rank_source: rankRecorded ? 'recorded' : derived?.rank ? 'registry' : 'recorded',
    charges: (d.charges ?? []).map((c) => c.trim()),
    outcome: d.outcome ?? null,
    outcome_on: outcomeOn,
    sentence: blank(d.sentence),
    notes: blank(d.notes),
    sensitivity: level,
    compartments,
  };
}

async function caseColumns(ctx: Ctx, c: Partial<CaseInput> & { title: string; court_type: string }, cfg: ProtectionConfig, problems: FieldProblem[]): Promise<Record<string, unknown>> {
  checkCode(problems, cfg.courtTypes, c.court_type, 'court_type', 'a court type');
  await registryLink(ctx, problems, 'unit', c.court_unit_id, 'court_unit_id');
  const cols = {
    title: c.title.trim(),
    court_type: c.court_type,
    court_name: blank(c.court_name),
    court_unit_id: c.court_unit_id ?? null,
    area_code: blank(c.area_code),
    place: blank(c.place),
    crime_date: partialDate(problems, c.crime_date, 'crime_date'),
    opened_on: partialDate(problems, c.opened_on, 'opened_on'),
    incident_ids: c.incident_ids ?? [],
    summary: blank(c.summary),
  };
  return { ...cols, search_text: fold([cols.title, cols.court_name, cols.place, cols.summary]) };
}

/** Opens a case the mission supports, with its first stage, support and defendants (all or nothing). */
export async function createCase(ctx: Ctx, input: CaseInput): Promise<CaseView> {
  requireWrite(ctx, JUSTICE_PERMISSION);
  const data = parseInput(caseInput, input);
  const [cfg, ops] = [await protectionConfig(ctx), await operations(ctx)];
  return inTransaction(ctx, async (tx) => {
    const problems: FieldProblem[] = [];
    const cols = await caseColumns(tx, data, cfg, problems);
    const stage = data.stage ?? cfg.caseStages[0]!.code;
    checkCode(problems, cfg.caseStages, stage, 'stage', 'a case stage');
    const stageOn = partialDate(problems, data.stage_on, 'stage_on') ?? (cols.opened_on as string | null) ?? null;
    const support = (data.support ?? []).map((s, i) => {
      checkCode(problems, ops.justiceSupportKinds, s.kind, `support.${i}.kind`, 'a kind of justice support');
      return { kind: s.kind, on: partialDate(problems, s.on, `support.${i}.on`) ?? s.on, description: blank(s.description), by: tx.actor.username };
    });
    throwIf(problems);
    const row = await insertRecord<CaseRow>(tx, T.justiceCase, { ...cols, stage, stages: [{ stage, on: stageOn, by: tx.actor.username, note: null }], support, external_ids: {}, ...protectionOf(data) });
    for (const [i, d] of (data.defendants ?? []).entries()) {
      const dp: FieldProblem[] = [];
      const dc = await defendantColumns(tx, d, row, cfg, ops, dp, `defendants.${i}.`);
      throwIf(dp);
      await insertRecord(tx, T.defendant, { case_id: row.id, position: i + 1, ...dc });
    }
    return caseView(tx, row);
  });
}

export async function updateCase(ctx: Ctx, id: string, patch: CasePatch, opts: { expectedVersion?: number; reason?: string } = {}): Promise<{ record: CaseView; changed: boolean }> {
  requireWrite(ctx, JUSTICE_PERMISSION);
  const data = parseInput(casePatch, patch);
  const cfg = await protectionConfig(ctx);
  return inTransaction(ctx, async (tx) => {
    const cur = await mustGet<CaseRow>(tx, T.justiceCase, id, 'case');
    const problems: FieldProblem[] = [];
    const cols = await caseColumns(tx, { ...(cur as any), ...definedOnly(data) }, cfg, problems);
    throwIf(problems);
    const r = await updateRecord<CaseRow>(tx, T.justiceCase, id, { ...cols, ...protectionOf(data) }, opts);
    return { record: await caseView(tx, r.record), changed: r.changed };
  });
}

/** Moves a case to a stage (dated, attributed; the stages are kept in order). */
export async function setStage(ctx: Ctx, id: string, input: StageInput): Promise<CaseView> {
  requireWrite(ctx, JUSTICE_PERMISSION);
  const data = parseInput(stageInput, input);
  const cfg = await protectionConfig(ctx);
  return inTransaction(ctx, async (tx) => {
    const cur = await mustGet<CaseRow>(tx, T.justiceCase, id, 'case');
    const problems: FieldProblem[] = [];
    checkCode(problems, cfg.caseStages, data.stage, 'stage', 'a case stage');
    const on = partialDate(problems, data.on, 'on');
    const last = cur.stages[cur.stages.length - 1];
    if (on && last?.on && on < last.on.slice(0, on.length)) problems.push({ field: 'on', reason: `is before the current stage (${last.stage}, ${last.on})` });
    throwIf(problems);
    if (findEntry(cfg.caseStages, cur.stage)?.final && cur.stage === data.stage) return caseView(tx, cur);
    const r = await updateRecord<CaseRow>(tx, T.justiceCase, id, { stage: data.stage, stages: [...cur.stages, { stage: data.stage, on, by: tx.actor.username, note: blank(data.note) }] }, { action: 'stage' });
    return caseView(tx, r.record);
  });
}

/** Records support the mission gave to a case. */
export async function addSupport(ctx: Ctx, id: string, input: SupportInput): Promise<CaseView> {
  requireWrite(ctx, JUSTICE_PERMISSION);
  const data = parseInput(supportInput, input);
  const ops = await operations(ctx);
  return inTransaction(ctx, async (tx) => {
    const cur = await mustGet<CaseRow>(tx, T.justiceCase, id, 'case');
    const problems: FieldProblem[] = [];
    checkCode(problems, ops.justiceSupportKinds, data.kind, 'kind', 'a kind of justice support');
    const on = partialDate(problems, data.on, 'on');
    throwIf(problems);
    const r = await updateRecord<CaseRow>(tx, T.justiceCase, id, { support: [...cur.support, { kind: data.kind, on, description: blank(data.description), by: tx.actor.username }] }, { action: 'support' });
    return caseView(tx, r.record);
  });
}

export async function addDefendant(ctx: Ctx, caseId: string, input: DefendantInput): Promise<DefendantRow> {
  requireWrite(ctx, JUSTICE_PERMISSION);
  const data = parseInput(defendantInput, input);
  const [cfg, ops] = [await protectionConfig(ctx), await operations(ctx)];
  return inTransaction(ctx, async (tx) => {
    const c = await mustGet<CaseRow>(tx, T.justiceCase, caseId, 'case');
    const problems: FieldProblem[] = [];
    const cols = await defendantColumns(tx, data, c, cfg, ops, problems);
    throwIf(problems);
    const position = Number((await tx.q.query<{ n: number }>('SELECT count(*)::int AS n FROM protection_defendants WHERE case_id = $1', [c.id])).rows[0]!.n) + 1;
    return insertRecord<DefendantRow>(tx, T.defendant, { case_id: c.id, position, ...cols });
  });
}

/** Changes a defendant (outcome, charges…); values not recorded are read again from the registry. */
export async function updateDefendant(ctx: Ctx, id: string, patch: DefendantPatch, opts: { expectedVersion?: number; reason?: string } = {}): Promise<{ record: DefendantRow; changed: boolean }> {
  requireWrite(ctx, JUSTICE_PERMISSION);
  const data = parseInput(defendantPatch, patch);
  const [cfg, ops] = [await protectionConfig(ctx), await operations(ctx)];
  return inTransaction(ctx, async (tx) => {
    const cur = await mustGet<DefendantRow>(tx, T.defendant, id, 'defendant');
    const c = await mustGet<CaseRow>(tx, T.justiceCase, cur.case_id, 'case');
    const merged: DefendantInput = {
      person_id: cur.person_id,
      name: cur.name,
      crime_date: cur.crime_date,
      affiliation: cur.affiliation_source === 'recorded' ? cur.affiliation : null,
      rank_at_crime: cur.rank_source === 'recorded' ? cur.rank_at_crime : null,
      charges: cur.charges,
      outcome: cur.outcome,
      outcome_on: cur.outcome_on,
      sentence: cur.sentence,
      notes: cur.notes,
      sensitivity: cur.sensitivity as DefendantInput['sensitivity'],
      compartments: cur.compartments,
      ...definedOnly(data),
    };
    const problems: FieldProblem[] = [];
    const cols = await defendantColumns(tx, merged, c, cfg, ops, problems);
    throwIf(problems);
    return updateRecord<DefendantRow>(tx, T.defendant, id, cols, opts);
  });
}

// A posting written in the registry: the defendants whose rank or affiliation was read from that
// person's postings are read again (as the system, at each defendant record's own level).
onRecordWrite(['registry-posting'], async (tx, w) => {
  const personId = (w.after?.person_id ?? w.before?.person_id) as string | undefined;
  if (!personId) return;
  const rows = (await tx.q.query<DefendantRow>(`SELECT * FROM protection_defendants WHERE person_id = $1 AND retracted_at IS NULL`, [personId])).rows;
  if (!rows.length) return;
  const ops = await operations(tx);
  for (const d of rows) {
    const derived = await fromRegistry(tx, personId, d.crime_date, d.sensitivity, d.compartments ?? [], ops);
    const patch: Record<string, unknown> = { unit_id: derived?.posting?.unitId ?? null, posting_id: derived?.posting?.postingId ?? null };
    if (d.rank_source === 'registry' || !d.rank_at_crime) Object.assign(patch, { rank_at_crime: derived?.rank ?? null, rank_source: derived?.rank ? 'registry' : 'recorded' });
    if (d.affiliation_source === 'registry' || !d.affiliation) Object.assign(patch, { affiliation: derived?.affiliation ?? null, affiliation_source: derived?.affiliation ? 'registry' : 'recorded' });
    await updateRecord(tx, T.defendant, d.id, patch, { action: 'registry-follow', reason: `registry posting ${w.id} ${w.op}` });
  }
});

// ---------------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------------

export interface DefendantView extends DefendantRow {
  rank_band: { code: string; en: string; fr: string } | null;
  affiliation_label: { en: string; fr: string } | null;
  outcome_label: { en: string; fr: string };
}

export interface CaseView extends Omit<CaseRow, 'search_text'> {
  court_type_label: { en: string; fr: string };
  stage_label: { en: string; fr: string } | null;
  defendants: DefendantView[];
}

function defendantView(d: DefendantRow, cfg: ProtectionConfig): DefendantView {
  const m = matchRank(d.rank_at_crime, cfg);
  const band = m ? findEntry(cfg.rankBands, m.band) : undefined;
  return {
    ...d,
    rank_band: band ? { code: band.code, ...band.label } : null,
    affiliation_label: d.affiliation ? labelOf(cfg.affiliations, d.affiliation) : null,
    outcome_label: labelOf(cfg.caseOutcomes, d.outcome ?? cfg.defaultCaseOutcome),
  };
}

async function caseView(ctx: Ctx, c: CaseRow, defendants?: DefendantRow[]): Promise<CaseView> {
  const cfg = await protectionConfig(ctx);
  const ds = defendants ?? (await listRecords<DefendantRow>(ctx, T.defendant, { where: 'r.case_id = $1', params: [c.id], orderBy: 'r.position, r.created_at, r.id' }));
  const { search_text: _s, ...rest } = c;
  return {
    ...rest,
    court_type_label: labelOf(cfg.courtTypes, c.court_type),
    stage_label: c.stage ? labelOf(cfg.caseStages, c.stage) : null,
    defendants: ds.map((d) => defendantView(d, cfg)),
  };
}

export async function getCase(ctx: Ctx, id: string): Promise<CaseView> {
  requireRead(ctx);
  return caseView(ctx, await mustGet<CaseRow>(ctx, T.justiceCase, id, 'case'));
}

async function casesWithDefendants(ctx: Ctx, courtTypes?: string[]): Promise<{ cases: CaseRow[]; defendants: DefendantRow[] }> {
  const cases = await listRecords<CaseRow>(ctx, T.justiceCase, courtTypes?.length ? { where: 'r.court_type = ANY($1::text[])', params: [courtTypes], limit: 10000 } : { limit: 10000 });
  const defendants = cases.length ? await listRecords<DefendantRow>(ctx, T.defendant, { where: 'r.case_id = ANY($1::uuid[])', params: [cases.map((c) => c.id)], orderBy: 'r.case_id, r.position, r.id', limit: 100000 }) : [];
  return { cases, defendants };
}

export async function listCases(ctx: Ctx, opts: { court_type?: string[] } = {}): Promise<CaseView[]> {
  requireRead(ctx);
  const { cases, defendants } = await casesWithDefendants(ctx, opts.court_type);
  return Promise.all(cases.map((c) => caseView(ctx, c, defendants.filter((d) => d.case_id === c.id))));
}

/** Cases, defendants, convictions, acquittals and pending by affiliation and by rank band (and both). */
export async function justiceFiguresOf(ctx: Ctx, opts: { court_type?: string[] } = {}) {
  requireRead(ctx);
  const cfg = await protectionConfig(ctx);
  for (const [i, c] of (opts.court_type ?? []).entries()) if (!findEntry(cfg.courtTypes, c)) throw new ValidationError([{ field: `court_type.${i}`, reason: `"${c}" is not a court type` }]);
  const { cases, defendants } = await casesWithDefendants(ctx, opts.court_type);
  const input: JusticeCase[] = cases.map((c) => ({
    id: c.id,
    courtType: c.court_type,
    stage: c.stage,
    area: c.area_code,
    openedOn: c.opened_on,
    defendants: defendants.filter((d) => d.case_id === c.id).map((d) => ({ id: d.id, affiliation: d.affiliation, rankAtCrime: d.rank_at_crime, crimeDate: d.crime_date, outcome: d.outcome, charges: d.charges })),
  }));
  return justiceFigures(input, cfg, { courtTypes: opts.court_type });
}

export async function searchCases(ctx: Ctx, q: string, limit = 20): Promise<SearchHit[]> {
  const { key, rows } = await textSearch<CaseRow>(ctx, T.justiceCase, q, limit);
  if (!key) return [];
  const cfg = await protectionConfig(ctx);
  return rows.map((r) => ({
    domain: 'protection',
    type: T.justiceCase,
    id: r.id,
    label: r.title,
    detail: [labelOf(cfg.courtTypes, r.court_type)[ctx.actor.language], r.stage ? labelOf(cfg.caseStages, r.stage)[ctx.actor.language] : null].filter(Boolean).join(' · '),
    score: r.search_text.includes(key) ? 0.85 : 0.55,
  }));
}
