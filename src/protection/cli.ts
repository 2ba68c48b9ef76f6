/**
 * Protection commands: `pocdesk protection alerts|threats|justice|projects|search …`. Thin: parse,
 * call the service, print (only JSON with --json). Every add command also takes --file FILE (JSON).
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliKit } from '../platform/cli-kit.ts';
import { ValidationError } from '../platform/errors.ts';
import { type Lang, t } from '../platform/i18n/i18n.ts';
import { protectionSearch } from './search.ts';
import * as svc from './service.ts';

const csv = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);
const collect = (v: string, prev: string[] = []) => [...prev, v];
const num = (v: string | undefined, field: string) => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new ValidationError([{ field, reason: `not a number: ${JSON.stringify(v)}` }]);
  return n;
};

function fromFile(file: string | undefined): Record<string, unknown> {
  if (!file) return {};
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ValidationError([{ field: 'file', reason: `cannot read ${file}` }]);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ValidationError([{ field: 'file', reason: `not JSON: ${(e as Error).message}` }]);
  }
}

/** Options given on the command line, without the ones left out (undefined). */
function given(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

const label = (l: { en: string; fr: string } | null | undefined, lang: Lang) => (l ? l[lang] : t(lang, 'protection:cli.not-recorded'));
const pct = (r: number | null, lang: Lang) => (r === null ? '—' : lang === 'fr' ? `${String(Math.round(r * 1000) / 10).replace('.', ',')} %` : `${Math.round(r * 1000) / 10}%`);

function alertLine(a: svc.AlertView, lang: Lang): string {
  return t(lang, 'protection:cli.alert', { id: a.id, threat: label(a.labels.threat_type, lang), state: label(a.labels.state, lang), at: a.received_at }) + (a.place ? ` — ${a.place}` : '');
}

function alertDetail(a: svc.AlertView, lang: Lang): string {
  const lines = [alertLine(a, lang)];
  for (const s of a.timeline ?? []) lines.push(`  ${t(lang, 'protection:cli.step', { at: s.at, what: s[lang], by: s.by, minutes: s.minutesSinceReceived })}`);
  for (const c of a.callers ?? []) lines.push(`  ${t(lang, 'protection:cli.caller', { name: c.name ?? '', phone: c.phone ?? '' })}`);
  return lines.join('\n');
}

function protectionOpts(cmd: Command): Command {
  return cmd.option('--sensitivity <level>', 'public, internal, restricted or strictly-confidential').option('--compartments <list>', 'comma-separated compartments');
}

export function protectionCli(program: Command, kit: CliKit) {
  const root = program.command('protection').description('protection of civilians: alerts and response, threats, justice support, capacity building');

  // Alerts ---------------------------------------------------------------------------------------
  const alerts = root.command('alerts').description('early-warning alerts and the mission’s response');
  protectionOpts(
    alerts
      .command('add')
      .description('receive an alert')
      .option('--file <file>', 'the alert as JSON (fields of the API); options below override it')
      .option('--received-at <time>', 'when it was received, with its offset (e.g. 2019-03-04T22:15:00+02:00)')
      .option('--received-by <name>', 'who took it (default: you)')
      .option('--channel <code>', 'channel (community-alert-network, patrol, hotline…)')
      .option('--threat <code>', 'threat type')
      .option('--area <code>', 'area code (P-code)')
      .option('--area-name <name>', 'area name')
      .option('--place <text>', 'place')
      .option('--population <text>', 'threatened population')
      .option('--actor <text>', 'suspected actor as reported')
      .option('--unit <id>', 'suspected unit (registry id)')
      .option('--person <id>', 'suspected person (registry id)')
      .option('--priority <code>', 'priority')
      .option('--summary <text>', 'what was reported')
      .option('--caller-name <name>', 'who called (restricted)')
      .option('--caller-phone <phone>', 'their phone (restricted)'),
  ).action((o, cmd: Command) =>
    kit.run(
      cmd,
      async ({ ctx }) => {
        const base = fromFile(o.file);
        const caller = o.callerName || o.callerPhone ? { ...((base.caller as object) ?? {}), ...given({ name: o.callerName, phone: o.callerPhone }) } : base.caller;
        return svc.createAlert(ctx, {
          ...base,
          ...given({
            received_at: o.receivedAt,
            received_by: o.receivedBy,
            channel: o.channel,
            threat_type: o.threat,
            area_code: o.area,
            area_name: o.areaName,
            place: o.place,
            threatened_population: o.population,
            suspected_actor: o.actor,
            suspected_unit_id: o.unit,
            suspected_person_id: o.person,
            priority: o.priority,
            summary: o.summary,
            sensitivity: o.sensitivity,
            compartments: csv(o.compartments),
          }),
          ...(caller ? { caller } : {}),
        } as any);
      },
      (a, lang) => t(lang, 'protection:cli.alert-created', { id: a.id, state: label(a.labels.state, lang) }),
    ),
  );
  alerts
    .command('list')
    .description('alerts, newest first')
    .option('--state <code>')
    .option('--threat <code>')
    .option('--area <prefix>')
    .option('--from <day>')
    .option('--to <day>')
    .option('--unanswered', 'only alerts without a response that counts')
    .option('--include-merged', 'also the duplicates merged into another alert')
    .option('--limit <n>')
    .action((o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => ({
          items: await svc.listAlerts(ctx, given({ state: o.state, threat_type: o.threat, area: o.area, from: o.from, to: o.to, unanswered: o.unanswered ? 'true' : undefined, include_merged: o.includeMerged ? 'true' : undefined, limit: num(o.limit, 'limit') }) as any),
        }),
        (r, lang) => (r.items.length ? r.items.map((a) => alertLine(a, lang)).join('\n') : t(lang, 'protection:cli.no-alerts')),
      ),
    );
  alerts
    .command('show <id>')
    .description('one alert with its timed steps')
    .action((id: string, _o, cmd: Command) => kit.run(cmd, async ({ ctx }) => svc.getAlert(ctx, id), alertDetail));
  alerts
    .command('move <id> <state>')
    .description('move an alert along the workflow (triaged, verification, response, closed)')
    .option('--at <time>', 'when, with its offset (default now)')
    .option('--priority <code>', 'priority (given at triage)')
    .option('--verification <code>', 'result of the verification')
    .option('--note <text>')
    .action((id: string, state: string, o, cmd: Command) =>
      kit.run(cmd, async ({ ctx }) => svc.transition(ctx, id, given({ to: state, at: o.at, priority: o.priority, verification: o.verification, note: o.note }) as any), (a, lang) => t(lang, 'protection:cli.alert-moved', { id: a.id, state: label(a.labels.state, lang) })),
    );
  alerts
    .command('respond <id> <type>')
    .description('record what the mission did (patrol, deployment, engagement-with-authorities, referral) or "none" with --reason')
    .option('--at <time>', 'when, with its offset (default now)')
    .option('--reason <text>', 'why there was no response')
    .option('--unit <text>', 'who responded')
    .option('--note <text>')
    .action((id: string, type: string, o, cmd: Command) =>
      kit.run(cmd, async ({ ctx }) => svc.respond(ctx, id, given({ type, at: o.at, reason: o.reason, unit_id: o.unit, note: o.note }) as any), (a, lang) => t(lang, 'protection:cli.response-recorded', { id: a.id, response: type })),
    );
  alerts
    .command('merge <primary> <duplicate>')
    .description('merge a duplicate alert into its primary (both histories kept)')
    .option('--at <time>')
    .option('--note <text>')
    .action((primary: string, duplicate: string, o, cmd: Command) =>
      kit.run(cmd, async ({ ctx }) => svc.mergeDuplicate(ctx, primary, given({ duplicate_id: duplicate, at: o.at, note: o.note }) as any), (r, lang) => t(lang, 'protection:cli.merged', { primary: r.primary.id, duplicate: r.duplicate.id })),
    );
  alerts
    .command('incident <id>')
    .description('make an alert an incident (what --file leaves out comes from the alert, never who called)')
    .option('--file <file>', 'fields of the incident as JSON (incidents API)')
    .option('--fatalities <n>')
    .option('--link <incident>', 'link the alert to an incident already recorded instead')
    .action((id: string, o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => svc.alertToIncident(ctx, id, { ...fromFile(o.file), ...given({ fatalities: num(o.fatalities, 'fatalities'), incident_id: o.link }) } as any),
        (r, lang) => t(lang, 'protection:cli.incident-made', { id, incident: r.incident.id }),
      ),
    );
  alerts
    .command('caller <id>')
    .description('record or correct who called (needs protection:callers)')
    .option('--name <name>')
    .option('--phone <phone>')
    .option('--relationship <text>')
    .option('--community <text>')
    .option('--consent', 'agreed to be called back')
    .option('--notes <text>')
    .action((id: string, o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => svc.setCaller(ctx, id, given({ name: o.name, phone: o.phone, relationship: o.relationship, community: o.community, callback_consent: o.consent ? true : undefined, notes: o.notes }) as any),
        (_r, lang) => t(lang, 'protection:cli.caller-saved', { id }),
      ),
    );
  alerts
    .command('figures')
    .description('response rate and median time to first response by area, period or threat type, and the alerts that got none')
    .option('--by <group>', 'area, period or threat_type', 'area')
    .option('--step <step>', 'month or week (with --by period)')
    .option('--from <day>')
    .option('--to <day>')
    .option('--area-prefix <n>', 'group areas by the first N characters of their code')
    .option('--threat <code>')
    .action((o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => svc.alertFigures(ctx, given({ group_by: o.by, step: o.step, from: o.from, to: o.to, area_prefix_length: num(o.areaPrefix, 'area-prefix'), threat_type: o.threat }) as any),
        (r, lang) =>
          [
            t(lang, 'protection:cli.figures-title', { by: t(lang, `protection:cli.by-${r.group_by}`) }),
            ...[...r.rows, r.total].map((x) => `  ${t(lang, 'protection:cli.figures-row', { label: x[lang], responded: x.responded, alerts: x.alerts, rate: pct(x.responseRate, lang), median: x.medianHours ?? '—' })}`),
            t(lang, 'protection:cli.figures-unanswered', { count: r.total.unanswered.length }),
            ...r.total.unanswered.map((u) => `  ${u.id} ${u.receivedAt} ${u.threatType} ${u.area ?? ''} ${u.reasons.join('; ')}`),
          ].join('\n'),
      ),
    );
  alerts
    .command('export')
    .description('alerts as CSV with HXL hashtags (callers only for those who may know them)')
    .option('--from <day>')
    .option('--to <day>')
    .action((o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => ({ csv: await svc.exportAlertsCsv(ctx, given({ from: o.from, to: o.to }) as any) }),
        (r) => r.csv.trimEnd(),
      ),
    );

  // Threats ---------------------------------------------------------------------------------------
  const threats = root.command('threats').description('the threat register, POC tiers and phases, and the activities against each threat');
  protectionOpts(
    threats
      .command('add')
      .description('add a threat')
      .option('--file <file>', 'the threat as JSON')
      .option('--title <text>')
      .option('--threat <code>', 'threat type')
      .option('--actor <text>')
      .option('--unit <id>', 'the actor in the registry')
      .option('--population <text>', 'threatened population')
      .option('--area <code>')
      .option('--area-name <name>')
      .option('--likelihood <code>')
      .option('--impact <code>')
      .option('--tier <code>', 'POC tier (repeatable)', collect)
      .option('--phase <code>')
      .option('--summary <text>'),
  ).action((o, cmd: Command) =>
    kit.run(
      cmd,
      async ({ ctx }) =>
        svc.createThreat(ctx, {
          ...fromFile(o.file),
          ...given({ title: o.title, threat_type: o.threat, actor: o.actor, actor_unit_id: o.unit, threatened_population: o.population, area_code: o.area, area_name: o.areaName, likelihood: o.likelihood, impact: o.impact, tiers: o.tier, phase: o.phase, summary: o.summary, sensitivity: o.sensitivity, compartments: csv(o.compartments) }),
        } as any),
      (r, lang) => t(lang, 'protection:cli.threat-created', { id: r.id }),
    ),
  );
  threats
    .command('activity <threat>')
    .description('add a mission activity against a threat')
    .option('--file <file>')
    .option('--title <text>')
    .option('--kind <code>')
    .option('--tier <code>', 'POC tier (repeatable)', collect)
    .option('--phase <code>')
    .option('--start <date>')
    .option('--end <date>')
    .option('--responsible <text>')
    .action((threat: string, o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => svc.addActivity(ctx, threat, { ...fromFile(o.file), ...given({ title: o.title, kind: o.kind, tiers: o.tier, phase: o.phase, start_date: o.start, end_date: o.end, responsible: o.responsible }) } as any),
        (r, lang) => t(lang, 'protection:cli.activity-created', { id: r.id, threat }),
      ),
    );
  threats
    .command('list')
    .description('the register, highest score first')
    .option('--tier <code>')
    .option('--phase <code>')
    .option('--area <prefix>')
    .option('--band <code>')
    .option('--all', 'also threats that receded')
    .action((o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => svc.threatRegister(ctx, given({ tier: o.tier, phase: o.phase, area: o.area, band: o.band, all: o.all ? 'true' : undefined }) as any),
        (r, lang) =>
          r.threats
            .map((x) => t(lang, 'protection:cli.threat', { band: x.score?.band[lang] ?? '?', score: x.score?.score ?? '?', title: x.title, tiers: x.tier_labels.map((l) => l.code).join(', '), phase: x.phase_label?.[lang] ?? '—', activities: x.activities.length }))
            .join('\n'),
      ),
    );
  threats
    .command('show <id>')
    .description('one threat with its score and activities')
    .action((id: string, _o, cmd: Command) => kit.run(cmd, async ({ ctx }) => svc.getThreat(ctx, id)));

  // Justice ---------------------------------------------------------------------------------------
  const justice = root.command('justice').description('justice support: cases, defendants, figures by affiliation and rank band');
  protectionOpts(
    justice
      .command('add-case')
      .description('open a supported case (with --file: stages, support and defendants at once)')
      .option('--file <file>')
      .option('--title <text>')
      .option('--court <code>', 'court type (military, civilian, mobile, special-criminal-court)')
      .option('--court-name <text>')
      .option('--crime-date <date>')
      .option('--opened <date>')
      .option('--stage <code>')
      .option('--place <text>'),
  ).action((o, cmd: Command) =>
    kit.run(
      cmd,
      async ({ ctx }) =>
        svc.createCase(ctx, {
          ...fromFile(o.file),
          ...given({ title: o.title, court_type: o.court, court_name: o.courtName, crime_date: o.crimeDate, opened_on: o.opened, stage: o.stage, place: o.place, sensitivity: o.sensitivity, compartments: csv(o.compartments) }),
        } as any),
      (r, lang) => t(lang, 'protection:cli.case-created', { id: r.id, defendants: r.defendants.length }),
    ),
  );
  justice
    .command('add-defendant <case>')
    .description('add a defendant; affiliation and rank at the time of the crime are read from the registry unless given')
    .option('--person <id>', 'registry person')
    .option('--name <text>')
    .option('--crime-date <date>')
    .option('--affiliation <code>')
    .option('--rank <text>', 'rank at the time of the crime, from the court file')
    .option('--charge <text>', 'charge (repeatable)', collect)
    .option('--outcome <code>')
    .option('--outcome-on <date>')
    .option('--sentence <text>')
    .action((caseId: string, o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) =>
          svc.addDefendant(ctx, caseId, given({ person_id: o.person, name: o.name, crime_date: o.crimeDate, affiliation: o.affiliation, rank_at_crime: o.rank, charges: o.charge, outcome: o.outcome, outcome_on: o.outcomeOn, sentence: o.sentence }) as any),
        (r, lang) => t(lang, 'protection:cli.defendant-added', { id: r.id, affiliation: r.affiliation ?? t(lang, 'protection:cli.not-recorded'), rank: r.rank_at_crime ?? t(lang, 'protection:cli.not-recorded') }),
      ),
    );
  justice
    .command('outcome <defendant> <outcome>')
    .description('record the outcome for a defendant')
    .option('--on <date>')
    .option('--sentence <text>')
    .action((id: string, outcome: string, o, cmd: Command) => kit.run(cmd, async ({ ctx }) => (await svc.updateDefendant(ctx, id, given({ outcome, outcome_on: o.on, sentence: o.sentence }) as any)).record));
  justice
    .command('stage <case> <stage>')
    .description('move a case to a stage')
    .requiredOption('--on <date>')
    .option('--note <text>')
    .action((id: string, stage: string, o, cmd: Command) => kit.run(cmd, async ({ ctx }) => svc.setStage(ctx, id, given({ stage, on: o.on, note: o.note }) as any)));
  justice
    .command('support <case> <kind>')
    .description('record support the mission gave to a case')
    .requiredOption('--on <date>')
    .option('--description <text>')
    .action((id: string, kind: string, o, cmd: Command) => kit.run(cmd, async ({ ctx }) => svc.addSupport(ctx, id, given({ kind, on: o.on, description: o.description }) as any)));
  justice
    .command('list')
    .description('supported cases and their defendants')
    .option('--court <list>', 'comma-separated court types')
    .action((o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => ({ items: await svc.listCases(ctx, { court_type: csv(o.court) }) }),
        (r, lang) => r.items.map((c) => t(lang, 'protection:cli.case', { title: c.title, court: c.court_type_label[lang], stage: c.stage_label?.[lang] ?? '—', defendants: c.defendants.length })).join('\n'),
      ),
    );
  justice
    .command('show <id>')
    .description('one case')
    .action((id: string, _o, cmd: Command) => kit.run(cmd, async ({ ctx }) => svc.getCase(ctx, id)));
  justice
    .command('figures')
    .description('defendants, convictions, acquittals and pending by affiliation and by rank band')
    .option('--court <list>', 'comma-separated court types')
    .action((o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => svc.justiceFiguresOf(ctx, { court_type: csv(o.court) }),
        (r, lang) =>
          [t(lang, 'protection:cli.justice-title'), ...[...r.byAffiliation, ...r.byRankBand].map((x) => `  ${t(lang, 'protection:cli.justice-row', { label: x[lang], defendants: x.defendants, convictions: x.convictions, acquittals: x.acquittals, pending: x.pending })}`)].join('\n'),
      ),
    );

  // Projects --------------------------------------------------------------------------------------
  const projects = root.command('projects').description('capacity building and projects, with their outcome view');
  protectionOpts(
    projects
      .command('add')
      .description('record a training, mentoring, equipment or quick-impact project')
      .option('--file <file>')
      .option('--title <text>')
      .option('--kind <code>')
      .option('--unit <id>', 'recipient unit (registry id; repeatable)', collect)
      .option('--institution <name>', 'recipient institution (repeatable)', collect)
      .option('--start <date>')
      .option('--end <date>')
      .option('--place <text>')
      .option('--area <code>', 'project area (repeatable)', collect)
      .option('--cost <amount>')
      .option('--currency <code>'),
  ).action((o, cmd: Command) =>
    kit.run(
      cmd,
      async ({ ctx }) =>
        svc.createProject(ctx, {
          ...fromFile(o.file),
          ...given({ title: o.title, kind: o.kind, recipient_unit_ids: o.unit, recipient_institutions: o.institution, start_date: o.start, end_date: o.end, place: o.place, area_codes: o.area, cost: num(o.cost, 'cost'), currency: o.currency, sensitivity: o.sensitivity, compartments: csv(o.compartments) }),
        } as any),
      (r, lang) => t(lang, 'protection:cli.project-created', { id: r.id }),
    ),
  );
  projects
    .command('list')
    .option('--kind <code>')
    .option('--unit <id>')
    .option('--area <code>')
    .action((o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => ({ items: await svc.listProjects(ctx, given({ kind: o.kind, unit_id: o.unit, area: o.area })) }),
        (r, lang) => r.items.map((p) => t(lang, 'protection:cli.project', { title: p.title, kind: p.kind_label[lang], start: p.start_date })).join('\n'),
      ),
    );
  projects
    .command('outcome <id>')
    .description('incidents attributed to the recipient units and in the project area, before and after')
    .option('--window <days>', 'length of each window (default: protection.config outcomeWindowDays)')
    .option('--as-of <day>', 'the day of the view (default today)')
    .action((id: string, o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => svc.projectOutcome(ctx, id, given({ window_days: num(o.window, 'window'), as_of: o.asOf })),
        (r, lang) => [r.project.title, ...(r.before ? [] : [t(lang, 'protection:cli.outcome-none')]), r.units?.[lang], r.area?.[lang], ...r.notes.map((n) => n[lang])].filter(Boolean).join('\n'),
      ),
    );
  projects
    .command('show <id>')
    .action((id: string, _o, cmd: Command) => kit.run(cmd, async ({ ctx }) => svc.getProject(ctx, id)));

  root
    .command('search <words...>')
    .description('search alerts, threats, cases and projects')
    .option('--limit <n>')
    .action((words: string[], o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => ({ hits: await protectionSearch(ctx, words.join(' '), num(o.limit, 'limit') ?? 20) }),
        (r) => r.hits.map((h) => `${h.type} ${h.id}  ${h.label}${h.detail ? ` (${h.detail})` : ''}`).join('\n'),
      ),
    );
  root
    .command('retract <type> <id>')
    .description('retract a protection record (alert, threat, activity, case, defendant, project, caller)')
    .requiredOption('--reason <text>')
    .action((type: string, id: string, o, cmd: Command) => kit.run(cmd, async ({ ctx }) => svc.retractProtection(ctx, type, id, o.reason), (_r, lang) => t(lang, 'protection:cli.retracted', { id })));
}
