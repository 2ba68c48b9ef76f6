/**
 * Screening commands: `pocdesk import un-sanctions FILE`, `pocdesk import ftm FILE`, `pocdesk screen
 * ROSTER.csv` and `pocdesk screening …` (lists, entries, person, show, adjudicate, reviews, mission-add,
 * delist, relist, sync-registry). Thin: parse, call the service, print (JSON with --json).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { CliKit } from '../platform/cli-kit.ts';
import { AppError, ValidationError } from '../platform/errors.ts';
import { type Lang, t } from '../platform/i18n/i18n.ts';
import { importFtmFile, type ImportResult, importUnFile } from './imports.ts';
import { problemLocation } from './problems.ts';
import {
  addMissionEntry,
  adjudicate,
  delistEntry,
  getScreening,
  listEntries,
  listLists,
  listReviews,
  relistEntry,
  type ScreeningView,
  screenPerson,
  screenRoster,
  syncRegistryList,
} from './service.ts';

const csv = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);
const collect = (v: string, prev: string[] = []) => [...prev, v];

function importText(r: ImportResult, lang: Lang): string {
  const lines = r.problems.map((p) => t(lang, 'screening:cli.problem', { where: problemLocation(p, lang), reason: lang === 'fr' ? p.reasonFr : p.reason }));
  lines.push(t(lang, 'screening:cli.imported', { ...r, list: r.list }));
  if (r.rerun.screenings) lines.push(t(lang, 'screening:cli.rerun', r.rerun as any));
  return lines.join('\n');
}

function threshold(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!Number.isFinite(x) || x < 0.5 || x > 1) throw new ValidationError([{ field: '--threshold', reason: 'a number between 0.5 and 1' }]);
  return x;
}

/** One object per roster row, as the issue's output: {row, name, matches:[{list, id, name, score, explanation, adjudication}]}. */
function rowObjects(v: ScreeningView) {
  return v.rows.map((r) => ({
    row: r.row,
    name: r.name,
    matches: r.matches.map((m) => ({ list: m.list, id: m.id, name: m.name, score: m.score, explanation: m.explanation, adjudication: m.adjudication?.decision ?? null })),
  }));
}

export function screeningCli(program: Command, kit: CliKit) {
  const imp = program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('import data from files');
  imp
    .command('un-sanctions <file>')
    .description('import the UN Security Council Consolidated List (XML); re-import records listings and delistings; errors commit nothing unless --partial')
    .option('--partial', 'import what can be read even when some records cannot')
    .action((file: string, o, cmd: Command) => kit.run(cmd, ({ ctx }) => importUnFile(ctx, file, { partial: !!o.partial }), importText));
  imp
    .command('ftm <file>')
    .description('import FollowTheMoney entities (JSON lines) as a watchlist; errors commit nothing unless --partial')
    .option('--list <code>', 'list code (default ftm)')
    .option('--partial', 'import what can be read even when some lines cannot')
    .action((file: string, o, cmd: Command) => kit.run(cmd, ({ ctx }) => importFtmFile(ctx, file, { partial: !!o.partial, list: o.list }), importText));

  program
    .command('screen <roster>')
    .description('screen a roster CSV (name column; optional birth_date, nationality, gender, unit, rank) against the lists; with --json one JSON object per row')
    .option('--lists <codes>', 'comma-separated lists (un, mission, registry, ftm codes); default: every list')
    .option('--threshold <x>', 'report matches at or above this score (default: the configured threshold)')
    .option('--title <title>', 'title of the stored screening')
    .option('--sensitivity <level>', 'sensitivity of the stored screening (default: setting screening.policy)')
    .option('--partial', 'screen the rows that can be read even when some cannot')
    .action((file: string, o, cmd: Command) => {
      const json = !!kit.globals(cmd).json;
      // The rows are printed one JSON object per line: the kit prints this command's text as it is.
      const shim = { optsWithGlobals: () => ({ ...cmd.optsWithGlobals(), json: false }) } as unknown as Command;
      return kit.run(
        shim,
        async ({ ctx, lang, note }) => {
          try {
            let text: string;
            try {
              text = await readFile(file, 'utf8');
            } catch (e) {
              throw new ValidationError([{ field: 'roster', reason: `${file}: ${(e as Error).message}` }]);
            }
            const r = await screenRoster(ctx, { csv: text, file_name: basename(file), title: o.title, lists: csv(o.lists), threshold: threshold(o.threshold), sensitivity: o.sensitivity, partial: !!o.partial });
            const v = r.screening;
            for (const p of v.problems) note(t(lang, 'screening:cli.problem', { where: problemLocation(p, lang), reason: lang === 'fr' ? p.reasonFr : p.reason }));
            note(t(lang, 'screening:cli.screened', { rows: v.row_count, lists: v.lists.join(', '), hits: v.rows_with_matches, threshold: v.threshold ?? '—' }));
            note(t(lang, 'screening:cli.saved', { id: v.id }));
            if (r.withheld) note(t(lang, 'screening:cli.withheld', { count: r.withheld }));
            return v;
          } catch (e) {
            if (json) process.stdout.write(JSON.stringify({ error: { code: e instanceof AppError ? e.code : 'error', message: e instanceof Error ? e.message : String(e), problems: e instanceof AppError ? e.problems : [] } }) + '\n');
            throw e;
          }
        },
        (v, lang) => {
          const rows = rowObjects(v);
          if (json) return rows.map((r) => JSON.stringify(r)).join('\n');
          const lines: string[] = [];
          for (const r of rows) {
            lines.push(t(lang, 'screening:cli.row', { row: r.row, name: r.name }));
            if (!r.matches.length) lines.push(`  ${t(lang, 'screening:cli.no-match')}`);
            for (const m of r.matches) lines.push(`  ${m.score.toFixed(3)}  ${m.list}  ${m.name}  ${m.id}${m.adjudication ? `  [${t(lang, `screening:decision.${m.adjudication}`)}]` : ''}`);
          }
          return lines.join('\n');
        },
      );
    });

  const sc = program.command('screening').description('name screening: watchlists, the mission list, screenings, adjudication, reviews');
  sc.command('lists')
    .description('the watchlists, with their version and size')
    .action((_o, cmd: Command) => kit.run(cmd, async ({ ctx }) => ({ lists: await listLists(ctx) }), (r) => r.lists.map((l) => `${l.code.padEnd(12)} v${l.content_version}  ${String(l.entry_count).padStart(6)}  ${l.label_text}`).join('\n')));
  sc.command('entries')
    .description('entries of the watchlists you may read')
    .option('--list <code>', 'one list')
    .option('--status <status>', 'listed or delisted')
    .option('--q <text>', 'text in a name or reference')
    .option('--limit <n>', 'how many', '200')
    .action((o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => ({ items: await listEntries(ctx, { list: o.list, status: o.status, q: o.q, limit: Number(o.limit) }) }),
        (r, lang) => r.items.map((e) => `${e.list_code.padEnd(10)} ${t(lang, `screening:status.${e.status}`).padEnd(10)} ${e.name}  ${e.reference ?? ''}  ${e.id}`).join('\n'),
      ),
    );
  sc.command('person <name...>')
    .description('screen one person against the lists')
    .option('--birth-date <date>', 'YYYY, YYYY-MM, YYYY-MM-DD or DD/MM/YYYY')
    .option('--nationality <country>')
    .option('--gender <gender>')
    .option('--registry-person <id>', 'the registry person screened (a link on the mission list is a match)')
    .option('--lists <codes>', 'comma-separated lists')
    .option('--threshold <x>')
    .action((name: string[], o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => ({ matches: await screenPerson(ctx, { name: name.join(' '), birth_date: o.birthDate, nationality: o.nationality, gender: o.gender, registry_person_id: o.registryPerson }, { lists: csv(o.lists), threshold: threshold(o.threshold) }) }),
        (r, lang) => (r.matches.length ? r.matches.map((m) => `${m.score.toFixed(3)}  ${m.list}  ${m.name}  ${m.entry_id}\n${m.explanation.text.replace(/^/gm, '    ')}`).join('\n') : t(lang, 'screening:cli.no-match')),
      ),
    );
  sc.command('show <id>')
    .description('results of a stored screening (rows with matches)')
    .action((id: string, _o, cmd: Command) => kit.run(cmd, async ({ ctx }) => getScreening(ctx, id, { onlyMatches: true })));
  sc.command('adjudicate <screening> <row> <list> <entry> <decision>')
    .description('decide on a match: true-match, false-positive or needs-review (human rights role)')
    .option('--note <text>', 'why')
    .action((screening: string, row: string, list: string, entry: string, decision: string, o, cmd: Command) =>
      kit.run(
        cmd,
        ({ ctx }) => adjudicate(ctx, screening, { row: Number(row), list, entry_id: entry, decision: decision as any, note: o.note }),
        (_r, lang) => t(lang, 'screening:cli.adjudicated', { row, list, id: entry, decision: t(lang, `screening:decision.${decision}`) }),
      ),
    );
  sc.command('reviews')
    .description('open screening reviews (hits after a list change, hits withheld from the screener)')
    .option('--all', 'closed ones too')
    .action((o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => ({ items: await listReviews(ctx, { status: o.all ? undefined : 'open' }) }),
        (r, lang) =>
          r.items.length
            ? r.items.map((x) => t(lang, 'screening:cli.review', { name: x.roster_name, entry: x.entry_name, list: x.list_code, id: x.entry_id, score: Number(x.score).toFixed(3), cause: t(lang, `screening:cause.${x.cause}`) })).join('\n')
            : t(lang, 'screening:cli.no-reviews'),
      ),
    );
  sc.command('mission-add')
    .description('list a registry person or unit, or a name, on the mission list')
    .option('--person <id>', 'registry person')
    .option('--unit <id>', 'registry unit')
    .option('--name <name>', 'a name (when not in the registry)')
    .option('--alias <name>', 'another name (repeatable)', collect)
    .option('--birth-date <date>')
    .option('--nationality <country>', 'repeatable', collect)
    .option('--gender <gender>')
    .requiredOption('--reason <text>', 'why the person or unit is listed')
    .option('--evidence <kind:ref>', 'evidence link, e.g. incident:<id>, registry-posting:<id> (repeatable)', collect)
    .option('--sensitivity <level>')
    .option('--compartments <list>')
    .action((o, cmd: Command) =>
      kit.run(
        cmd,
        ({ ctx }) =>
          addMissionEntry(ctx, {
            registry_person_id: o.person,
            registry_unit_id: o.unit,
            name: o.name,
            aliases: o.alias,
            birth_date: o.birthDate,
            nationalities: o.nationality,
            gender: o.gender,
            reason: o.reason,
            evidence: (o.evidence ?? []).map((x: string) => {
              const i = x.indexOf(':');
              return { kind: (i > 0 ? x.slice(0, i) : x) as any, ref: i > 0 ? x.slice(i + 1) : '' };
            }),
            sensitivity: o.sensitivity,
            compartments: csv(o.compartments),
          }),
        (r, lang) => t(lang, 'screening:cli.listed', { name: r.name, id: r.id }),
      ),
    );
  sc.command('delist <entry>')
    .description('delist a mission-list entry, with the reason')
    .requiredOption('--reason <text>')
    .action((id: string, o, cmd: Command) => kit.run(cmd, ({ ctx }) => delistEntry(ctx, id, o.reason), (r, lang) => t(lang, 'screening:cli.delisted', { name: r.name, id: r.id })));
  sc.command('relist <entry>')
    .description('list a delisted mission-list entry again, with the reason')
    .requiredOption('--reason <text>')
    .action((id: string, o, cmd: Command) => kit.run(cmd, ({ ctx }) => relistEntry(ctx, id, o.reason), (r, lang) => t(lang, 'screening:cli.relisted', { name: r.name, id: r.id })));
  sc.command('sync-registry')
    .description('bring the registry’s implicit list (persons linked to grave violations) up to date')
    .action((_o, cmd: Command) =>
      kit.run(cmd, ({ ctx }) => syncRegistryList(ctx, { force: true }), (r, lang) => t(lang, 'screening:cli.synced', { count: r.created + r.updated + r.unchanged + r.relisted, ...r })),
    );
}
