/**
 * What the mission does about a request besides moving it: mitigatory measures (owner, due date,
 * status, evidence; overdue ones surface), waivers (a separate explicit decision with a reason, by the
 * configured body), and letters to the authorities (from the configured templates, English or French,
 * PDF and DOCX, with sent and acknowledged dates and the staged-notice ladder).
 */
import { ValidationError } from '../platform/errors.ts';
import { type Ctx, inTransaction, insertRecord, listRecords, mustGetRecord, updateRecord } from '../platform/store.ts';
import { authorised, dayOf, hrddpConfig, type MeasureRow, missionSettings, monitoringSettings, parseInput, todayUtc, type WaiverRow, workflowRefusal } from './common.ts';
import { NOTICE_KINDS, type NoticeKind } from './config.ts';
import * as inputs from './inputs.ts';
import { letterToDocx, letterToPdf, nextNoticeDue, renderLetter, type LetterData, type SentNotice } from './letters.ts';
import { measureDueDate, overdueMeasures } from './monitoring.ts';
import { getRequest } from './requests.ts';
import { T } from './schema.ts';
import { grantWaiver } from './workflow.ts';

// ---------------------------------------------------------------------------------------------
// Mitigatory measures
// ---------------------------------------------------------------------------------------------

export async function addMeasure(ctx: Ctx, requestId: string, input: unknown): Promise<MeasureRow> {
  const data = parseInput(inputs.measureInput, input);
  return inTransaction(ctx, async (tx) => {
    const r = await getRequest(tx, requestId);
    const config = await hrddpConfig(tx);
    if (!config.mitigationMeasures.some((m) => m.id === data.type)) {
      throw new ValidationError([{ field: 'type', reason: `one of the catalogue: ${config.mitigationMeasures.map((m) => m.id).join(', ')} (setting hrddp.config)` }]);
    }
    const due = data.due_date ?? measureDueDate(data.type, todayUtc(), config);
    return insertRecord<MeasureRow>(tx, T.measure, {
      request_id: r.id,
      type: data.type,
      description: data.description ?? null,
      owner: data.owner,
      due_date: due,
      status: (await monitoringSettings(tx)).measureStatuses[0]!.id,
      person_ids: data.person_ids ?? [],
      unit_ids: data.unit_ids ?? [],
      is_condition: data.is_condition ?? true,
      evidence: [],
      sensitivity: data.sensitivity ?? r.sensitivity,
      compartments: data.compartments ?? r.compartments,
    });
  });
}

export async function updateMeasure(ctx: Ctx, id: string, input: unknown, opts: { expectedVersion?: number } = {}) {
  const data = parseInput(inputs.measureUpdate, input);
  return inTransaction(ctx, async (tx) => {
    const m = await mustGetRecord<MeasureRow>(tx, T.measure, id);
    const settings = await monitoringSettings(tx);
    const patch: Record<string, unknown> = {};
    if (data.status) {
      const st = settings.measureStatuses.find((s) => s.id === data.status);
      if (!st) throw new ValidationError([{ field: 'status', reason: `one of ${settings.measureStatuses.map((s) => s.id).join(', ')} (setting hrddp.monitoring)` }]);
      patch.status = st.id;
      if (st.implemented && !m.implemented_on && data.implemented_on === undefined) patch.implemented_on = todayUtc();
      if (st.implemented && !(m.evidence ?? []).length && !data.evidence) throw new ValidationError([{ field: 'evidence', reason: 'a measure is implemented only with evidence of its implementation' }]);
    }
    if (data.implemented_on !== undefined) patch.implemented_on = data.implemented_on;
    if (data.owner) patch.owner = data.owner;
    if (data.due_date) patch.due_date = data.due_date;
    if (data.description !== undefined) patch.description = data.description;
    if (data.evidence) patch.evidence = [...(m.evidence ?? []), { ...data.evidence, date: data.evidence.date ?? todayUtc(), by: tx.actor.username }];
    return updateRecord<MeasureRow>(tx, T.measure, id, patch, { expectedVersion: opts.expectedVersion });
  });
}

/** Measures of requests not implemented by their due date on a day (the caller's reach applies). */
export async function overdueMeasuresAsOf(ctx: Ctx, day = todayUtc(), graceDays = 0): Promise<MeasureRow[]> {
  const rows = await listRecords<MeasureRow>(ctx, T.measure, { where: `r.status <> 'abandoned' AND r.due_date < $1::date`, params: [day], orderBy: 'r.due_date' });
  return overdueMeasures(
    rows.map((m) => ({ ...m, dueDate: dayOf(m.due_date)!, implementedOn: dayOf(m.implemented_on) })),
    day,
    graceDays,
  );
}

// ---------------------------------------------------------------------------------------------
// Waivers
// ---------------------------------------------------------------------------------------------

export async function decideWaiver(ctx: Ctx, requestId: string, input: unknown): Promise<WaiverRow> {
  const data = parseInput(inputs.waiverInput, input);
  return inTransaction(ctx, async (tx) => {
    const r = await getRequest(tx, requestId);
    const config = await hrddpConfig(tx);
    if (data.review_id) {
      const rv = await mustGetRecord<any>(tx, T.review, data.review_id);
      if (rv.request_id !== r.id) throw new ValidationError([{ field: 'review_id', reason: 'the review is about another request' }]);
    }
    const g = grantWaiver(
      { id: 'pending', personIds: data.person_ids, reviewId: data.review_id ?? null, reason: data.reason, decidedOn: data.decided_on ?? todayUtc(), validUntil: data.valid_until ?? null },
      tx.actor,
      { id: r.id, supportKind: r.support_kind, subKind: r.sub_kind },
      config,
    );
    if (!g.ok) throw workflowRefusal(tx.actor.language, [{ code: g.error.code === 'not-authorised' ? 'permission-denied' : 'guard-failed', guard: `waiver-${g.error.code}`, en: g.error.en, fr: g.error.fr }]);
    const w = g.waiver;
    return insertRecord<WaiverRow>(authorised(tx), T.waiver, {
      request_id: r.id,
      person_ids: w.personIds,
      review_id: w.reviewId ?? null,
      reason: w.reason,
      decision_body: w.decisionBody,
      decided_by: w.decidedBy,
      decided_on: w.decidedOn,
      valid_until: w.validUntil ?? null,
      sensitivity: r.sensitivity,
      compartments: r.compartments,
    }, { action: 'hrddp.waiver', reason: w.reason });
  });
}

// ---------------------------------------------------------------------------------------------
// Letters
// ---------------------------------------------------------------------------------------------

const isNotice = (k: string): k is NoticeKind => (NOTICE_KINDS as readonly string[]).includes(k);

export async function lettersOf(ctx: Ctx, requestId: string) {
  return listRecords<any>(ctx, T.letter, { where: 'r.request_id = $1', params: [requestId], orderBy: 'r.letter_date, r.created_at' });
}

/** Notices actually sent (a letter counts once it has a sent date). */
function sentNotices(letters: any[]): SentNotice[] {
  return letters.filter((l) => isNotice(l.kind) && l.sent_on).map((l) => ({ kind: l.kind, date: dayOf(l.sent_on)!, deadline: dayOf(l.deadline) }));
}

/** Generates a letter from the configured template and stores it (text, data) with the request. */
export async function generateLetter(ctx: Ctx, requestId: string, input: unknown) {
  const data = parseInput(inputs.letterInput, input);
  return inTransaction(ctx, async (tx) => {
    const r = await getRequest(tx, requestId);
    const config = await hrddpConfig(tx);
    const mission = await missionSettings(tx);
    const previous = await lettersOf(tx, r.id);
    const step = config.notices.steps.find((s) => s.kind === data.kind);
    const deadline = data.deadline ?? (step?.deadlineDays ? addDaysIso(data.date, step.deadlineDays) : undefined);
    const lastDeadline = [...previous].reverse().find((l) => l.deadline)?.deadline;
    const letterData: LetterData = {
      mission: r.mission,
      place: mission.place,
      date: data.date,
      reference: data.reference,
      sender: { name: mission.sender.name, title: mission.sender.title[data.lang] },
      recipient: data.recipient,
      units: r.recipients.map((x) => x.name),
      support: data.support ?? supportText(r, config),
      concerns: data.concerns,
      conditions: data.conditions,
      deadline: deadline ?? (data.kind === 'termination' && lastDeadline ? dayOf(lastDeadline)! : undefined),
      deadlineDays: step?.deadlineDays,
      effectiveDate: data.effective_date,
      previousLetters: previous.filter((l) => l.sent_on).map((l) => ({ kind: l.kind, date: dayOf(l.sent_on)!, reference: l.reference ?? undefined })),
    };
    const letter = renderLetter(data.kind, data.lang, letterData, config.letters);
    return insertRecord(tx, T.letter, {
      request_id: r.id,
      kind: data.kind,
      lang: data.lang,
      letter_date: data.date,
      reference: data.reference ?? null,
      // the letter as generated, so its documents stay what was sent whatever the templates become
      data: { ...letterData, rendered: letter },
      subject: letter.subject,
      body: letter.text,
      deadline: step?.deadlineDays || data.deadline ? (deadline ?? null) : null,
      sensitivity: data.sensitivity ?? r.sensitivity,
      compartments: data.compartments ?? r.compartments,
    });
  });
}

function addDaysIso(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

function supportText(r: { support_items: { kind: string; subKind?: string | null }[] }, config: Awaited<ReturnType<typeof hrddpConfig>>) {
  const label = (lang: 'en' | 'fr') =>
    r.support_items
      .map((s) => {
        const k = config.supportKinds.find((x) => x.id === s.kind);
        const sub = k?.subKinds.find((x) => x.id === s.subKind);
        return (sub ?? k)?.label[lang].toLowerCase() ?? s.kind;
      })
      .join(', ');
  return { en: label('en'), fr: label('fr') };
}

export async function letterDocument(ctx: Ctx, letterId: string, format: 'pdf' | 'docx' | 'txt'): Promise<{ body: Buffer | string; contentType: string; filename: string }> {
  const l = await mustGetRecord<any>(ctx, T.letter, letterId);
  const letter = l.data.rendered as ReturnType<typeof renderLetter>;
  const base = `${(l.reference ?? l.kind).replace(/[^A-Za-z0-9._-]+/g, '_')}-${l.lang}`;
  if (format === 'txt') return { body: l.body, contentType: 'text/plain; charset=utf-8', filename: `${base}.txt` };
  if (format === 'pdf') return { body: await letterToPdf(letter), contentType: 'application/pdf', filename: `${base}.pdf` };
  return { body: await letterToDocx(letter), contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', filename: `${base}.docx` };
}

export async function recordLetterDates(ctx: Ctx, letterId: string, input: unknown) {
  const data = parseInput(inputs.letterDates, input);
  return inTransaction(ctx, async (tx) => {
    const l = await mustGetRecord<any>(tx, T.letter, letterId);
    const sent = data.sent_on !== undefined ? data.sent_on : dayOf(l.sent_on);
    const ack = data.acknowledged_on !== undefined ? data.acknowledged_on : dayOf(l.acknowledged_on);
    if (ack && !sent) throw new ValidationError([{ field: 'acknowledged_on', reason: 'a letter is acknowledged only after it is sent' }]);
    if (ack && sent && ack < sent) throw new ValidationError([{ field: 'acknowledged_on', reason: 'cannot be before the letter was sent' }]);
    return updateRecord(tx, T.letter, letterId, { sent_on: sent, acknowledged_on: ack }, { action: 'hrddp.letter-dates' });
  });
}

/** The staged notices of a request: those sent, and the next step with its due day. */
export async function noticesOf(ctx: Ctx, requestId: string, asOf = todayUtc()) {
  const r = await getRequest(ctx, requestId);
  const config = await hrddpConfig(ctx);
  const letters = await lettersOf(ctx, r.id);
  const sent = sentNotices(letters);
  const next = nextNoticeDue(sent, config.notices, { asOf });
  const lang = ctx.actor.language;
  return {
    sent: letters.filter((l) => isNotice(l.kind) && l.sent_on).map((l) => ({ letter_id: l.id, kind: l.kind, sent_on: dayOf(l.sent_on), acknowledged_on: dayOf(l.acknowledged_on), deadline: dayOf(l.deadline), reference: l.reference })),
    next: next ? { step: next.step, label: next.label[lang], due_date: next.dueDate, overdue: next.overdue, basis: next.basis[lang] } : null,
    complete: next === null,
  };
}
