/**
 * Risk assessments of a request: opening one gathers the evidence dossier as of the support dates and
 * scores it with the configured criteria; the assessor enters the criteria only a person can judge,
 * may override the proposed level with a justification (both stay on record), and completes it.
 * Each new assessment is a new numbered version that can be compared with an earlier one.
 */
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors.ts';
import { type Ctx, inTransaction, insertRecord, listRecords, mustGetRecord, updateRecord } from '../platform/store.ts';
import { hrddpConfig, hrddpConfigVersion, parseInput, requirePermission, todayUtc } from './common.ts';
import { gatherDossier, type GatheredDossier } from './evidence.ts';
import * as inputs from './inputs.ts';
import { getRequest } from './requests.ts';
import { applyOverride, assessRisk, compareAssessments } from './risk.ts';
import { T } from './schema.ts';

export async function dossierOf(ctx: Ctx, requestId: string, at?: string): Promise<GatheredDossier> {
  requirePermission(ctx, 'hrddp:read');
  const r = await getRequest(ctx, requestId);
  return gatherDossier(ctx, r, at ?? r.start_date ?? todayUtc());
}

export async function openAssessment(ctx: Ctx, requestId: string, input: unknown = {}) {
  const data = parseInput(inputs.assessmentInput, input);
  requirePermission(ctx, 'hrddp:assess');
  return inTransaction(ctx, async (tx) => {
    const r = await getRequest(tx, requestId);
    const config = await hrddpConfig(tx);
    const on = data.assessed_on ?? todayUtc();
    const previous = await listRecords<any>(tx, T.assessment, { where: 'r.request_id = $1', params: [r.id], orderBy: 'r.number DESC', limit: 1 });
    // Inputs carry over from the previous assessment unless given anew.
    const assessorInputs = data.inputs ?? previous[0]?.inputs ?? {};
    const at = r.start_date && r.start_date > on ? r.start_date : on;
    const dossier = await gatherDossier(tx, r, at, assessorInputs);
    const result = assessRisk(dossier, config.risk, on);
    return insertRecord(tx, T.assessment, {
      request_id: r.id,
      number: (previous[0]?.number ?? 0) + 1,
      assessed_on: on,
      config_version: await hrddpConfigVersion(tx),
      dossier,
      inputs: assessorInputs,
      result,
      computed_level: result.proposedLevel,
      final_level: result.proposedLevel,
      override: null,
      completed: false,
      assessor: tx.actor.username,
      sensitivity: r.sensitivity === 'strictly-confidential' ? r.sensitivity : 'restricted',
      compartments: r.compartments,
    });
  });
}

export async function updateAssessment(ctx: Ctx, id: string, input: unknown) {
  const data = parseInput(inputs.assessmentUpdate, input);
  return inTransaction(ctx, async (tx) => {
    const a = await mustGetRecord<any>(tx, T.assessment, id);
    if (a.completed) throw new ConflictError(`assessment ${a.number} is completed; open a new assessment to revise it`);
    const config = await hrddpConfig(tx);
    const assessorInputs = { ...(a.inputs ?? {}), ...(data.inputs ?? {}) };
    for (const [criterion, choice] of Object.entries(data.inputs ?? {})) {
      const cr = config.risk.criteria.find((c) => c.id === criterion);
      if (!cr || cr.method !== 'assessor-choice') throw new ValidationError([{ field: `inputs.${criterion}`, reason: 'not a criterion the assessor enters' }]);
      if (!cr.params.options.some((o) => o.id === choice.option)) throw new ValidationError([{ field: `inputs.${criterion}.option`, reason: `one of ${cr.params.options.map((o) => o.id).join(', ')}` }]);
    }
    const result = assessRisk({ ...a.dossier, assessorInputs }, config.risk, a.assessed_on);
    let override = a.override;
    if (data.override !== undefined) override = data.override ? { ...data.override, by: tx.actor.username, on: todayUtc() } : null;
    const final = applyOverride(result, override, config.risk);
    if (!final.ok) throw new ValidationError([{ field: 'override', reason: final.error[tx.actor.language] }]);
    const patch: Record<string, unknown> = { inputs: assessorInputs, result, computed_level: result.proposedLevel, final_level: final.value.finalLevel, override: final.value.override };
    if (data.complete) {
      if (!result.complete) throw new ValidationError(result.missingInputs.map((m) => ({ field: `inputs.${m}`, reason: 'the assessor must enter this criterion before completing' })));
      patch.completed = true;
      patch.completed_on = data.completed_on ?? todayUtc();
    }
    return (await updateRecord(tx, T.assessment, id, { ...patch, dossier: { ...a.dossier, assessorInputs } }, { action: data.complete ? 'hrddp.assessment-completed' : 'update' })).record;
  });
}

export async function assessmentsOf(ctx: Ctx, requestId: string) {
  await getRequest(ctx, requestId);
  return listRecords<any>(ctx, T.assessment, { where: 'r.request_id = $1', params: [requestId], orderBy: 'r.number' });
}

/** Compares two assessment versions of a request (by number): what changed, criterion by criterion. */
export async function compareVersions(ctx: Ctx, requestId: string, a: number, b: number) {
  const all = await assessmentsOf(ctx, requestId);
  const x = all.find((s) => s.number === a);
  const y = all.find((s) => s.number === b);
  if (!x || !y) throw new NotFoundError(`assessment ${!x ? a : b} of request ${requestId}`);
  const config = await hrddpConfig(ctx);
  const c = compareAssessments(x.result, y.result, config.risk);
  return { before: { number: a, id: x.id, level: x.final_level }, after: { number: b, id: y.id, level: y.final_level }, ...c, summary: c.summary[ctx.actor.language] };
}
