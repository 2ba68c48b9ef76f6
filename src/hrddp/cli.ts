/**
 * Due diligence commands: `pocdesk hrddp …` (request add/list/show/move/scope, assess, measure,
 * waiver, letter, notices, reviews, triage, resolve, suspend, lift, list-person, sweep) and
 * `pocdesk report hrddp`. Complex payloads are JSON files with the same schema as the API.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliKit } from '../platform/cli-kit.ts';
import { ValidationError } from '../platform/errors.ts';
import { t } from '../platform/i18n/i18n.ts';
import { addMeasure, decideWaiver, generateLetter, letterDocument, noticesOf, recordLetterDates, updateMeasure } from './actions.ts';
import { openAssessment, updateAssessment } from './assessments.ts';
import { hrddpConfig } from './common.ts';
import { COMPLIANCE_LABELS } from './compliance.ts';
import { addListing, complianceReport } from './oversight.ts';
import { createRequest, getRequest, listRequests, moveRequest, screenScope, stateLabel, stepsFor } from './requests.ts';
import { liftSuspension, listReviews, resolveReview, suspend, sweep, triageReview } from './watch.ts';

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file === '-' ? 0 : file, 'utf8'));
  } catch (e) {
    throw new ValidationError([{ field: 'file', reason: `${file}: ${(e as Error).message}` }]);
  }
}

export function hrddpCli(program: Command, kit: CliKit) {
  const h = program.command('hrddp').description('human rights due diligence: support requests, assessments, decisions, letters, monitoring');
  const req = h.command('request').description('support requests');
  req
    .command('add <file>')
    .description('file a support request from a JSON file (same fields as POST /api/v1/hrddp/requests; - for stdin)')
    .action((file: string, _o, cmd: Command) =>
      kit.run(cmd, ({ ctx }) => createRequest(ctx, readJson(file) as any), (r, lang) => t(lang, 'hrddp:cli.request-created', { reference: r.reference, id: r.id, state: r.state })),
    );
  req
    .command('list')
    .description('support requests you may read')
    .option('--state <state>', 'only in this state')
    .option('--q <text>', 'matching this text')
    .action((o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => ({ requests: await listRequests(ctx, { state: o.state, q: o.q }) }),
        (r, lang) => r.requests.map((x) => t(lang, 'hrddp:cli.request-line', { reference: x.reference, state: x.state, title: x.title })).join('\n'),
      ),
    );
  req
    .command('show <id>')
    .description('a request and the steps open to you')
    .action((id: string, _o, cmd: Command) => kit.run(cmd, async ({ ctx }) => ({ request: await getRequest(ctx, id), steps: await stepsFor(ctx, id) })));
  req
    .command('scope <id>')
    .description('whether the policy applies, and why')
    .action((id: string, _o, cmd: Command) =>
      kit.run(cmd, ({ ctx }) => screenScope(ctx, id), (r, lang) => [t(lang, r.inScope ? 'hrddp:cli.scope-in' : 'hrddp:cli.scope-out'), ...r.reasons.map((x) => `- ${x[lang]}`)].join('\n')),
    );
  req
    .command('move <id> <to>')
    .description('move the request to another state (the workflow decides whether you may)')
    .option('--reason <text>', 'reason (required by some steps)')
    .option('--date <day>', 'day of the step (YYYY-MM-DD)')
    .option('--review <id>', 'the review this step resolves')
    .option('--resolution <id>', 'the resolution of that review')
    .action((id: string, to: string, o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => {
          const r = await moveRequest(ctx, id, { to, reason: o.reason, date: o.date, review_id: o.review, resolution: o.resolution });
          const config = await hrddpConfig(ctx);
          return { ...r, from_label: stateLabel(config, r.from, ctx.actor.language), to_label: stateLabel(config, r.to, ctx.actor.language) };
        },
        (r, lang) => t(lang, 'hrddp:cli.moved', { reference: r.request.reference, from: r.from_label, to: r.to_label }),
      ),
    );

  h.command('assess <request>')
    .description('open a new risk assessment of a request')
    .option('--on <day>', 'assessment day')
    .option('--inputs <file>', 'JSON: the assessor’s choices by criterion id')
    .action((id: string, o, cmd: Command) =>
      kit.run(
        cmd,
        ({ ctx }) => openAssessment(ctx, id, { assessed_on: o.on, inputs: o.inputs ? (readJson(o.inputs) as any) : undefined }),
        (a: any, lang) => t(lang, 'hrddp:cli.assessment', { number: a.number, date: a.assessed_on, level: a.final_level, total: a.result.total, incomplete: a.result.complete ? '' : t(lang, 'hrddp:cli.incomplete') }),
      ),
    );
  h.command('assessment <id> <file>')
    .description('enter criteria, override or complete an assessment from a JSON file (PATCH /api/v1/hrddp/assessments/:id)')
    .action((id: string, file: string, _o, cmd: Command) => kit.run(cmd, ({ ctx }) => updateAssessment(ctx, id, readJson(file))));

  const measure = h.command('measure').description('mitigatory measures');
  measure
    .command('add <request>')
    .requiredOption('--type <id>', 'catalogue id (capacity-building, joint-planning, exclusion, commander-removal, …)')
    .requiredOption('--owner <who>', 'who implements it')
    .option('--due <day>', 'due date (default: the catalogue offset)')
    .option('--description <text>', 'what exactly')
    .action((id: string, o, cmd: Command) => kit.run(cmd, ({ ctx }) => addMeasure(ctx, id, { type: o.type, owner: o.owner, due_date: o.due, description: o.description })));
  measure
    .command('update <id>')
    .option('--status <id>', 'planned, in-progress, implemented, abandoned')
    .option('--evidence <text>', 'evidence of implementation')
    .option('--implemented-on <day>', 'day implemented')
    .action((id: string, o, cmd: Command) =>
      kit.run(cmd, async ({ ctx }) => (await updateMeasure(ctx, id, { status: o.status, implemented_on: o.implementedOn, evidence: o.evidence ? { text: o.evidence } : undefined })).record),
    );

  h.command('waiver <request>')
    .description('decide a waiver (explicit, with a reason)')
    .requiredOption('--reason <text>', 'why support may proceed despite the listed persons')
    .option('--person <id...>', 'listed persons covered')
    .option('--review <id>', 'the review it answers')
    .option('--on <day>', 'day of the decision')
    .option('--until <day>', 'end of validity')
    .action((id: string, o, cmd: Command) => kit.run(cmd, ({ ctx }) => decideWaiver(ctx, id, { person_ids: o.person ?? [], review_id: o.review, reason: o.reason, decided_on: o.on, valid_until: o.until })));

  const letter = h.command('letter').description('letters to the authorities');
  letter
    .command('generate <request> <file>')
    .description('generate a letter from a JSON file (POST /api/v1/hrddp/requests/:id/letters)')
    .action((id: string, file: string, _o, cmd: Command) => kit.run(cmd, ({ ctx }) => generateLetter(ctx, id, readJson(file))));
  letter
    .command('document <id> <out>')
    .description('write the letter as PDF, DOCX or text')
    .option('--format <pdf|docx|txt>', 'format', 'pdf')
    .action((id: string, out: string, o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => {
          const doc = await letterDocument(ctx, id, o.format);
          writeFileSync(out, doc.body);
          return { file: out, bytes: Buffer.byteLength(doc.body), content_type: doc.contentType };
        },
        (r, lang) => t(lang, 'hrddp:cli.written', { file: r.file, bytes: r.bytes }),
      ),
    );
  letter
    .command('dates <id>')
    .option('--sent <day>', 'day sent')
    .option('--acknowledged <day>', 'day acknowledged')
    .action((id: string, o, cmd: Command) => kit.run(cmd, async ({ ctx }) => (await recordLetterDates(ctx, id, { sent_on: o.sent, acknowledged_on: o.acknowledged })).record));
  h.command('notices <request>')
    .description('staged notices sent and the next step due')
    .option('--as-of <day>', 'reference day')
    .action((id: string, o, cmd: Command) => kit.run(cmd, ({ ctx }) => noticesOf(ctx, id, o.asOf)));

  h.command('reviews')
    .description('reviews raised by monitoring')
    .option('--since <timestamp>', 'only those raised or changed since')
    .option('--status <status>', 'open, triaged or resolved')
    .action((o, cmd: Command) =>
      kit.run(
        cmd,
        ({ ctx }) => listReviews(ctx, { since: o.since, status: o.status }),
        (r, lang) => (r.reviews.length ? r.reviews.map((x) => t(lang, 'hrddp:cli.review-line', { raised: x.raised_on, status: x.status, title: x.title })).join('\n') : t(lang, 'hrddp:cli.no-reviews')),
      ),
    );
  h.command('triage <review>')
    .requiredOption('--priority <id>', 'urgent, high, normal')
    .option('--note <text>', 'note')
    .action((id: string, o, cmd: Command) => kit.run(cmd, ({ ctx }) => triageReview(ctx, id, { priority: o.priority, note: o.note })));
  h.command('resolve <review>')
    .requiredOption('--resolution <id>', 'no-change, new-conditions, intervention, suspension, withdrawal')
    .option('--note <text>', 'note')
    .option('--date <day>', 'day')
    .action((id: string, o, cmd: Command) => kit.run(cmd, ({ ctx }) => resolveReview(ctx, id, { resolution: o.resolution, note: o.note, date: o.date })));
  h.command('suspend')
    .description('suspend support: one request or one operation (narrow), or a unit (broad)')
    .requiredOption('--scope <scope>', 'request, operation or unit')
    .requiredOption('--reason <text>', 'why')
    .option('--request <id>', 'the request')
    .option('--operation <id>', 'the operation (registry organisation)')
    .option('--unit <id>', 'the unit (registry organisation)')
    .option('--sub-units', 'with its sub-units')
    .option('--from <day>', 'from this day')
    .action((o, cmd: Command) =>
      kit.run(cmd, ({ ctx }) => suspend(ctx, { scope: o.scope, reason: o.reason, request_id: o.request, operation_unit_id: o.operation, unit_id: o.unit, include_sub_units: !!o.subUnits, from_date: o.from })),
    );
  h.command('lift <suspension>')
    .description('resume support, with the conditions of resumption')
    .requiredOption('--reason <text>', 'why')
    .option('--condition <text...>', 'conditions of resumption')
    .option('--on <day>', 'day')
    .action((id: string, o, cmd: Command) => kit.run(cmd, ({ ctx }) => liftSuspension(ctx, id, { reason: o.reason, lifted_on: o.on, conditions: (o.condition ?? []).map((text: string) => ({ text })) })));
  h.command('list-person <person>')
    .description('put a registry person on one of the mission’s lists (red-list, watch-list, sanctions)')
    .requiredOption('--list <id>', 'list id')
    .requiredOption('--since <day>', 'from this day')
    .option('--reason <text>', 'why')
    .action((person: string, o, cmd: Command) => kit.run(cmd, ({ ctx }) => addListing(ctx, { person_id: person, list: o.list, since: o.since, reason: o.reason })));
  h.command('sweep')
    .description('raise reviews for overdue mitigatory measures')
    .option('--day <day>', 'reference day (default today)')
    .action((o, cmd: Command) =>
      kit.run(cmd, ({ ctx }) => sweep(ctx, o.day), (r, lang) => t(lang, 'hrddp:cli.sweep', { count: r.reviews.length, overdue: r.overdue, day: r.day })),
    );

  const report = program.commands.find((c) => c.name() === 'report') ?? program.command('report').description('reports');
  report
    .command('hrddp')
    .description('due diligence compliance figures per mission, component and period')
    .option('--as-of <day>', 'reference day (default today)')
    .option('--period <p>', 'month, quarter or year', 'quarter')
    .option('--group-by <dims>', 'comma-separated: mission, component, period')
    .option('--from <day>', 'requests filed from this day')
    .option('--to <day>', 'requests filed up to this day')
    .action((o, cmd: Command) =>
      kit.run(
        cmd,
        ({ ctx }) => complianceReport(ctx, { as_of: o.asOf, period: o.period, group_by: o.groupBy, from: o.from, to: o.to }),
        (r, lang) => {
          const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)} %`);
          const tot = r.total;
          return [
            t(lang, 'hrddp:cli.report-title', { asOf: r.as_of }),
            t(lang, 'hrddp:cli.report-line', { label: COMPLIANCE_LABELS.shareAssessedBeforeSupport[lang], value: `${pct(tot.shareAssessedBeforeSupport)} (${tot.assessedBeforeSupport}/${tot.supportDelivered})` }),
            t(lang, 'hrddp:cli.report-line', { label: COMPLIANCE_LABELS.medianDaysToDecision[lang], value: tot.medianDaysToDecision ?? '—' }),
            t(lang, 'hrddp:cli.report-line', { label: COMPLIANCE_LABELS.shareMeasuresOnTime[lang], value: `${pct(tot.shareMeasuresOnTime)} (${tot.measuresOnTime}/${tot.measuresDue})` }),
            t(lang, 'hrddp:cli.report-line', { label: COMPLIANCE_LABELS.waivers[lang], value: tot.waivers }),
            t(lang, 'hrddp:cli.report-line', { label: COMPLIANCE_LABELS.reviewsByTrigger[lang], value: JSON.stringify(tot.reviewsByTrigger) }),
            t(lang, 'hrddp:cli.report-line', { label: COMPLIANCE_LABELS.reviewsByResolution[lang], value: JSON.stringify(tot.reviewsByResolution) }),
            t(lang, 'hrddp:cli.report-line', { label: COMPLIANCE_LABELS.allegationsDuringSupport[lang], value: tot.allegationsDuringSupport }),
          ].join('\n');
        },
      ),
    );
}
