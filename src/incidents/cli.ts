/**
 * Incident commands: `pocdesk import acled|ucdp FILE` and `pocdesk incidents …` (list, show, add,
 * stats, linked, export, verify, classify, attribute, map-actor, mappings, take-sfm, reclassify,
 * retract). Thin: parse, call the service, print (JSON only with --json; progress on stderr).
 */
import { createReadStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Level } from '../platform/access/policy.ts';
import type { CliKit } from '../platform/cli-kit.ts';
import { displayPartialDate } from '../platform/dates.ts';
import { ValidationError } from '../platform/errors.ts';
import { type Lang, t } from '../platform/i18n/i18n.ts';
import type { Ctx } from '../platform/store.ts';
import { resolvePerson, resolveUnit } from '../registry/service.ts';
import { exportIncidents, INCIDENT_EXPORT_FORMATS, type IncidentExportFormat } from './export.ts';
import { type EventImportResult, importEvents, type ImportSource } from './import.ts';
import { listActorMappings, setActorMapping } from './mappings.ts';
import { filtersOf } from './routes.ts';
import {
  addPerpetrator,
  createIncident,
  type Incident,
  type LinkedIncident,
  linkedIncidents,
  listIncidents,
  mustGetIncident,
  overrideClassification,
  reclassifyAll,
  retractIncident,
  setVerification,
  summariseLinked,
} from './service.ts';
import { takeSfmIncidents } from './sfm.ts';
import { incidentStats, parseWhere } from './stats.ts';
import './messages.ts';

const collect = (v: string, prev: string[] = []) => [...prev, v];

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file === '-' ? 0 : file, 'utf8'));
  } catch (e) {
    throw new ValidationError([{ field: 'file', reason: `${file}: not valid JSON (${(e as Error).message})` }]);
  }
}

function checkFile(file: string) {
  if (!existsSync(file) || !statSync(file).isFile()) throw new ValidationError([{ field: 'file', reason: `${file}: no such file` }]);
}

function incidentLine(i: Incident, lang: Lang): string {
  const grave = i.grave ? ` [${t(lang, 'incidents:cli.grave')}]` : '';
  return `${i.id}  ${displayPartialDate(i.date, lang).padEnd(18)} ${i.verification_status.padEnd(15)} ${i.summary}${grave}`;
}

function linkedLine(l: LinkedIncident, lang: Lang): string {
  const how =
    l.path.kind === 'direct'
      ? t(lang, 'incidents:cli.path.direct')
      : l.path.kind === 'sub-unit'
        ? t(lang, 'incidents:cli.path.sub-unit', { unit: l.path.unitName })
        : l.path.kind === 'posted-person'
          ? t(lang, 'incidents:cli.path.posted-person', { person: l.path.personName })
          : t(lang, 'incidents:cli.path.commander', { unit: l.path.attributedUnitName ?? l.path.unitName });
  return `  ${displayPartialDate(l.incident.date, lang).padEnd(18)} ${l.incident.summary} (${l.incident.verification}${l.incident.grave ? `, ${t(lang, 'incidents:cli.grave')}` : ''}): ${how}; ${l.involvement}, ${l.confidence}`;
}

function importText(r: EventImportResult, lang: Lang): string {
  const lines = r.problems.map((p) => `${t(lang, p.severity === 'error' ? 'incidents:cli.error' : 'incidents:cli.warning')} ${t(lang, 'incidents:cli.line', { line: p.line })}${p.column ? ` [${p.column}]` : ''}: ${lang === 'fr' ? p.messageFr : p.message}`);
  const errors = r.problems.filter((p) => p.severity === 'error').length;
  lines.push(r.committed ? t(lang, 'incidents:cli.import-done', { ...r, errors, warnings: r.problems.length - errors }) : t(lang, 'incidents:cli.import-aborted'));
  return lines.join('\n');
}

async function resolveTarget(ctx: Ctx, o: { unit?: string; person?: string }) {
  if (!!o.unit === !!o.person) throw new ValidationError([{ field: 'unit', reason: 'give --unit or --person' }]);
  if (o.unit) {
    const u = await resolveUnit(ctx, o.unit);
    return { target: { unitId: u.id }, name: u.name };
  }
  const p = await resolvePerson(ctx, o.person!);
  return { target: { personId: p.id }, name: p.name };
}

/** The list filters as options (shared by list, export). */
function filterOptions(cmd: Command): Command {
  return cmd
    .option('--from <date>', 'on or after (YYYY, YYYY-MM or YYYY-MM-DD)')
    .option('--to <date>', 'on or before')
    .option('--admin1 <name>', 'first-level administrative area')
    .option('--source <list>', 'acled, ucdp, manual, sfm')
    .option('--type <list>', 'act type (narrower ones included) or event type')
    .option('--perpetrator-type <list>', 'perpetrator type (narrower ones included)')
    .option('--unit-ids <list>', 'attributed to these registry units (ids)')
    .option('--verification <list>', 'reported, credible, verified, unsubstantiated')
    .option('--bbox <minLon,minLat,maxLon,maxLat>', 'within a box')
    .option('--area <name>', 'a place name (admin1, admin2 or location)')
    .option('--q <words>', 'words of the summary, description or place')
    .option('--limit <n>', 'at most so many');
}

function filtersFrom(o: Record<string, string | undefined>) {
  return filtersOf({ ...o, perpetrator_type: o.perpetratorType, unit_ids: o.unitIds, limit: o.limit ? Number(o.limit) : undefined } as any);
}

export function incidentsCli(program: Command, kit: CliKit) {
  const imp = program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('import data from files');
  for (const source of ['acled', 'ucdp'] as ImportSource[]) {
    const c = imp
      .command(`${source} <file>`)
      .description(source === 'acled' ? 'import an ACLED CSV export (any of its four layouts, monadic, with or without HXL row); errors commit nothing unless --partial' : 'import a UCDP GED CSV (with or without HXL row); errors commit nothing unless --partial')
      .option('--partial', 'import the rows without errors even when others have errors')
      .option('--sensitivity <level>', 'sensitivity of the incidents created (default internal)');
    if (source === 'acled') c.option('--month-first', 'read numeric dates such as 05/04/20 month first');
    c.action((file: string, o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx, lang, note }) => {
          checkFile(file);
          // progress for long files: a note on stderr at most every second while reading and writing
          let last = Date.now();
          const r = await importEvents(ctx, source, createReadStream(file), {
            partial: !!o.partial,
            sensitivity: o.sensitivity as Level | undefined,
            slashDateOrder: o.monthFirst ? 'mdy' : 'dmy',
            lang,
            progressEvery: 100,
            onProgress: (p) => {
              if (p.done || Date.now() - last < 1000) return;
              last = Date.now();
              note(`${p.phase}: ${t(lang, 'incidents:cli.progress', { rows: p.rows, events: p.events })}`);
            },
          });
          if (!r.committed) process.exitCode = 2;
          const { events, created, updated, skipped, problems } = r;
          const out = { events, created, updated, skipped, problems };
          Object.defineProperty(out, 'full', { value: r, enumerable: false });
          return out;
        },
        (out, lang) => importText((out as any).full as EventImportResult, lang),
      ),
    );
  }

  const inc = program.command('incidents').description('incidents of violence against civilians: record, verify, attribute, count, export');

  filterOptions(inc.command('list').description('incidents you may read, filtered')).action((o, cmd: Command) =>
    kit.run(
      cmd,
      async ({ ctx }) => ({ items: await listIncidents(ctx, { ...filtersFrom(o), limit: o.limit ? Number(o.limit) : 100 }) }),
      (r, lang) => (r.items.length ? [...r.items.map((i) => incidentLine(i, lang)), t(lang, 'incidents:cli.count', { count: r.items.length })].join('\n') : t(lang, 'incidents:cli.none')),
    ),
  );

  inc
    .command('show <id>')
    .description('an incident’s full record (as you may see it)')
    .action((id: string, _o, cmd: Command) => kit.run(cmd, async ({ ctx }) => mustGetIncident(ctx, id)));

  inc
    .command('add <file>')
    .description('record an incident from a JSON file (- for stdin): summary, date, acts, victims, perpetrators, sources…')
    .action((file: string, _o, cmd: Command) => kit.run(cmd, async ({ ctx }) => createIncident(ctx, readJson(file) as any), (r, lang) => t(lang, 'incidents:cli.created', { id: r.id })));

  inc
    .command('stats')
    .description('counts of incidents grouped by fields: year, month, type, act-type, perpetrator-type, admin1, admin2, country, source, verification, severity, grave, category')
    .requiredOption('--group-by <fields>', 'comma-separated fields (empty for a total)')
    .option('--where <field=value>', 'a condition (repeatable): a field, or from, to, area, bbox, q', collect, [])
    .action((o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => incidentStats(ctx, { groupBy: String(o.groupBy).split(',').map((s: string) => s.trim()).filter(Boolean), where: parseWhere(o.where) }),
        (rows) => rows.map((r) => Object.entries(r).map(([k, v]) => `${k}=${v ?? '∅'}`).join('  ')).join('\n'),
      ),
    );

  inc
    .command('linked')
    .description('incidents linked to a unit (its own, its sub-units’, its posted persons’ at the time) or a person (their own, their units’ at the time)')
    .option('--unit <ref>', 'unit id or name')
    .option('--person <ref>', 'person id or name')
    .option('--from <date>', 'on or after')
    .option('--to <date>', 'on or before')
    .action((o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => {
          const { target, name } = await resolveTarget(ctx, o);
          const items = await linkedIncidents(ctx, target, { from: o.from, to: o.to });
          return { target: { ...target, name }, summary: summariseLinked(items), items };
        },
        (r, lang) => [t(lang, 'incidents:cli.linked-title', { name: r.target.name }), ...r.items.map((l) => linkedLine(l, lang)), t(lang, 'incidents:cli.count', { count: r.summary.incidents })].join('\n'),
      ),
    );

  filterOptions(
    inc
      .command('export')
      .description('export as CSV with an HXL row, GeoJSON or JSON (restricted fields absent for users who may not see them)')
      .option('--format <format>', INCIDENT_EXPORT_FORMATS.join(', '), 'csv')
      .option('--out <file>', 'write to this file (default: standard output)')
      .option('--no-hxl', 'CSV without the hashtag row'),
  ).action((o, cmd: Command) =>
    kit.run(
      cmd,
      async ({ ctx, lang, json }) => {
        const out = await exportIncidents(ctx, o.format as IncidentExportFormat, filtersFrom(o), { lang, hxl: o.hxl !== false });
        if (o.out) {
          writeFileSync(o.out, out.body);
          return { format: out.format, file: o.out, count: out.count };
        }
        if (!json) {
          process.stdout.write(out.body.endsWith('\n') ? out.body : out.body + '\n');
          return { format: out.format, file: null, count: out.count, printed: true };
        }
        return { format: out.format, count: out.count, body: out.format === 'csv' ? out.body : JSON.parse(out.body) };
      },
      (r, lang) => ((r as any).printed ? '' : t(lang, 'incidents:cli.export-written', { count: r.count, file: (r as any).file })),
    ),
  );

  inc
    .command('verify <id> <status>')
    .description('set the verification status (reported, credible, verified, unsubstantiated)')
    .requiredOption('--reason <reason>', 'why')
    .action((id: string, status: string, o, cmd: Command) => kit.run(cmd, async ({ ctx }) => setVerification(ctx, id, status, o.reason), (r, lang) => t(lang, 'incidents:cli.updated', { id: r.id, version: r.version })));

  inc
    .command('classify <id>')
    .description('override the grave-violation classification (the rules’ outcome is kept)')
    .requiredOption('--grave <yes|no|rules>', 'yes, no, or rules to remove the override')
    .option('--categories <list>', 'categories (war-crime, crime-against-humanity, summary-execution…)')
    .requiredOption('--reason <reason>', 'why')
    .action((id: string, o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => {
          const g = String(o.grave).toLowerCase();
          if (!['yes', 'no', 'rules', 'true', 'false'].includes(g)) throw new ValidationError([{ field: 'grave', reason: 'yes, no or rules' }]);
          const grave = g === 'rules' ? null : g === 'yes' || g === 'true';
          return overrideClassification(ctx, id, { grave, categories: o.categories ? String(o.categories).split(',').map((s) => s.trim()) : undefined, reason: o.reason });
        },
        (r, lang) => `${t(lang, 'incidents:cli.updated', { id: r.id, version: r.version })}${r.grave ? ` [${t(lang, 'incidents:cli.grave')}: ${r.categories.join(', ')}]` : ''}`,
      ),
    );

  inc
    .command('attribute <id>')
    .description('attribute an incident to a registry unit or person, or to a perpetrator type')
    .option('--unit <ref>', 'unit id or name')
    .option('--person <ref>', 'person id or name')
    .option('--type <code>', 'perpetrator type (when no unit is known)')
    .option('--involvement <code>', 'direct-perpetrator, ordered, commander, failure-to-prevent-or-punish…', 'direct-perpetrator')
    .option('--confidence <level>', 'low, medium, high', 'medium')
    .action((id: string, o, cmd: Command) =>
      kit.run(cmd, async ({ ctx }) => {
        const unit = o.unit ? await resolveUnit(ctx, o.unit) : null;
        const person = o.person ? await resolvePerson(ctx, o.person) : null;
        return addPerpetrator(ctx, id, { unit_id: unit?.id, person_id: person?.id, perpetrator_type: o.type, involvement: o.involvement, confidence: o.confidence });
      }),
    );

  inc
    .command('map-actor <name>')
    .description('map a dataset actor name to a registry unit or person (or mark it ignored); imports use the mapping')
    .option('--source <source>', 'acled, ucdp or any', 'any')
    .option('--unit <ref>', 'unit id or name')
    .option('--person <ref>', 'person id or name')
    .option('--type <code>', 'perpetrator type')
    .option('--ignore', 'not a registry organisation: list it no more')
    .action((name: string, o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => {
          const unit = o.unit ? await resolveUnit(ctx, o.unit) : null;
          const person = o.person ? await resolvePerson(ctx, o.person) : null;
          return setActorMapping(ctx, { source: o.source, actor_name: name, unit_id: unit?.id, person_id: person?.id, perpetrator_type: o.type, ignored: !!o.ignore });
        },
        (r, lang) => t(lang, 'incidents:cli.mapped', { actor: r.record.actor_name, source: r.record.source }),
      ),
    );

  inc
    .command('mappings')
    .description('the actor mapping table')
    .option('--source <source>', 'acled, ucdp or any')
    .action((o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => ({ items: await listActorMappings(ctx, { source: o.source }) }),
        (r) => r.items.map((m) => `${m.source.padEnd(6)} ${m.actor_name} → ${m.ignored ? '(ignored)' : (m.unit_id ?? m.person_id ?? m.perpetrator_type)}`).join('\n'),
      ),
    );

  inc
    .command('take-sfm')
    .description('take over the incidents staged by `pocdesk import sfm` (idempotent)')
    .action((_o, cmd: Command) => kit.run(cmd, async ({ ctx }) => takeSfmIncidents(ctx), (r, lang) => t(lang, 'incidents:cli.taken', r as any)));

  inc
    .command('reclassify')
    .description('apply the grave-violation rules in force to every incident again')
    .action((_o, cmd: Command) => kit.run(cmd, async ({ ctx }) => reclassifyAll(ctx)));

  inc
    .command('retract <id>')
    .description('retract an incident (kept, with the reason)')
    .requiredOption('--reason <reason>', 'why')
    .action((id: string, o, cmd: Command) => kit.run(cmd, async ({ ctx }) => retractIncident(ctx, id, o.reason)));
}
