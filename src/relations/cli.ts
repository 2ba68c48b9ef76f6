/**
 * `pocdesk relations …`: record restrictions, engagements, commitments, stances, cooperation,
 * leverage and use of force (fields as JSON with --fields or --file, or one by one with --set), change
 * and retract them, move commitments through their statuses, and read the views: status-of-forces
 * tables, open commitments, consent index, stances, escalation, use-of-force figures, search, export.
 * Thin: parse, call the service, print (only JSON with --json).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import type { Command } from 'commander';
import type { CliKit } from '../platform/cli-kit.ts';
import { displayPartialDate } from '../platform/dates.ts';
import { ValidationError } from '../platform/errors.ts';
import { type Lang, t } from '../platform/i18n/i18n.ts';
import type { Ctx } from '../platform/store.ts';
import { KINDS } from './schema.ts';
import {
  actorProfile,
  consentByActor,
  consentIndex,
  createRelationsRecord,
  escalation,
  exportJson,
  exportTable,
  forceFigures,
  getRelationsRecord,
  importRelationsRecords,
  kindOf,
  lapseOverdueCommitments,
  listRelations,
  openCommitments,
  resolveAnyActor,
  retractRelationsRecord,
  searchRelations,
  setCommitmentStatus,
  sofaTables,
  stanceBoard,
  updateRelationsRecord,
} from './service.ts';

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** The fields of a record from --file, --data and --set key=value (a value is read as JSON when it parses). */
function fieldsOf(o: { file?: string; fields?: string; set?: string[] }): unknown {
  let base: unknown = {};
  if (o.file) {
    try {
      base = JSON.parse(readFileSync(o.file, 'utf8'));
    } catch (e) {
      throw new ValidationError([{ field: 'file', reason: `cannot read JSON from ${o.file}: ${(e as Error).message}` }]);
    }
  }
  if (o.fields) {
    try {
      base = { ...(base as object), ...JSON.parse(o.fields) };
    } catch (e) {
      throw new ValidationError([{ field: 'fields', reason: `not JSON: ${(e as Error).message}` }]);
    }
  }
  if (o.set?.length) {
    if (Array.isArray(base)) throw new ValidationError([{ field: 'set', reason: '--set cannot be combined with a list of records' }]);
    const out = { ...(base as Record<string, unknown>) };
    for (const kv of o.set) {
      const i = kv.indexOf('=');
      if (i <= 0) throw new ValidationError([{ field: 'set', reason: `"${kv}" is not key=value` }]);
      const raw = kv.slice(i + 1);
      let v: unknown = raw;
      try {
        v = JSON.parse(raw);
      } catch {
        /* plain text */
      }
      out[kv.slice(0, i)] = v;
    }
    base = out;
  }
  return base;
}

function fieldOptions(cmd: Command): Command {
  return cmd
    .option('--file <file>', 'the fields as a JSON object (or, for add, a JSON list of records: all or nothing)')
    .option('--fields <json>', 'the fields as a JSON object')
    .option('--set <key=value>', 'one field (repeatable); the value is read as JSON when it parses, else as text', collect);
}

const actor = async (ctx: Ctx, ref: string | undefined) => (ref ? (await resolveAnyActor(ctx, ref)).id : undefined);
const who = (name: string | null | undefined, id: string | null | undefined, lang: Lang) => name ?? id ?? t(lang, 'relations:cli.unattributed');
const d = (s: string | null | undefined, lang: Lang) => (s ? displayPartialDate(s, lang) : '?');

export function relationsCli(program: Command, kit: CliKit) {
  const rel = program.command('relations').description('relations with the host state: restrictions, engagements, commitments, stances, consent index, leverage, use of force');

  fieldOptions(rel.command('add <kind>').description(`record one (or, with --file holding a list, many) of: ${KINDS.join(', ')}`)).action((kind: string, o, cmd: Command) =>
    kit.run(
      cmd,
      async ({ ctx }) => {
        const fields = fieldsOf(o);
        if (Array.isArray(fields)) return importRelationsRecords(ctx, kind, fields);
        return createRelationsRecord(ctx, kind, fields);
      },
      (r: any, lang) => ('created' in r && 'ids' in r ? t(lang, 'relations:cli.imported', { count: r.created }) : t(lang, 'relations:cli.created', { kind: t(lang, `relations:kind.${kindOf(kind)}`), id: r.id })),
    ),
  );

  fieldOptions(rel.command('change <kind> <id>').description('change a record (a revision; nothing is written when nothing changes)'))
    .option('--reason <text>', 'why (kept in the history)')
    .option('--expected-version <n>', 'refuse when the record moved on since this version')
    .action((kind: string, id: string, o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => updateRelationsRecord(ctx, kind, id, fieldsOf(o), { reason: o.reason, expectedVersion: o.expectedVersion ? Number(o.expectedVersion) : undefined }),
        (r, lang) => (r.changed ? t(lang, 'relations:cli.changed', { id, version: r.record.version }) : t(lang, 'relations:cli.unchanged', { id })),
      ),
    );

  rel
    .command('retract <kind> <id>')
    .description('retract a record (kept in its history, with the reason)')
    .requiredOption('--reason <text>', 'why')
    .action((kind: string, id: string, o, cmd: Command) => kit.run(cmd, async ({ ctx }) => retractRelationsRecord(ctx, kind, id, o.reason), (_r, lang) => t(lang, 'relations:cli.retracted', { id })));

  rel
    .command('show <kind> <id>')
    .description('one record (an engagement with its commitments)')
    .action((kind: string, id: string, _o, cmd: Command) => kit.run(cmd, async ({ ctx }) => getRelationsRecord(ctx, kind, id)));

  rel
    .command('list <kind>')
    .description(`records of a kind you may see (${KINDS.join(', ')}), latest first`)
    .option('--actor <ref>', 'a registry unit or person (id, SFM id or name)')
    .option('--from <date>', 'from this date')
    .option('--to <date>', 'to this date')
    .option('--code <code>', 'type, status, tool or level code')
    .option('--area <code>', 'area code (and the areas beneath it)')
    .option('--limit <n>', 'how many')
    .action((kind: string, o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => ({ items: await listRelations(ctx, kind, { actorId: await actor(ctx, o.actor), from: o.from, to: o.to, code: o.code, area: o.area, limit: o.limit ? Number(o.limit) : undefined }) }),
        (r, lang) =>
          r.items.length
            ? r.items.map((x) => `${x.occurred_on ?? x.made_on ?? x.as_of}  ${x.type ?? x.status ?? x.tool ?? x.level ?? x.stance ?? x.outcome ?? ''}  ${x.summary ?? x.description ?? x.reasons ?? ''}  [${who(x.actor_name ?? x.target_name, x.actor_id ?? x.target_id, lang)}]  ${x.id}`).join('\n')
            : t(lang, 'relations:cli.none'),
      ),
    );

  rel
    .command('status <commitment> <status>')
    .description('record a commitment’s new status: kept, partly-kept, broken, lapsed (relations.config)')
    .option('--date <date>', 'when (default today)')
    .option('--note <text>', 'what shows it')
    .action((id: string, status: string, o, cmd: Command) =>
      kit.run(cmd, async ({ ctx }) => setCommitmentStatus(ctx, id, { status, date: o.date, note: o.note }), (r, lang) => t(lang, 'relations:cli.status', { id, status: r.status, date: d(r.status_changes.at(-1)?.date, lang) })),
    );

  rel
    .command('open-commitments')
    .description('open commitments per actor, oldest first, overdue ones marked')
    .option('--as-of <date>', 'on this day (default today)')
    .option('--actor <ref>', 'one actor')
    .action((o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => openCommitments(ctx, { asOf: o.asOf, actorId: await actor(ctx, o.actor) }),
        (r, lang) =>
          [
            t(lang, 'relations:cli.open-title', { at: d(r.as_of, lang) }),
            ...r.actors.flatMap((a) => [
              t(lang, 'relations:cli.open-actor', { actor: who(a.actor_name, a.actorId, lang), open: a.open.length, overdue: a.overdue }),
              ...a.open.map((c) => `  - ${c.summary ?? c.id} (${d(c.madeOn, lang)}; ${c.overdue ? t(lang, 'relations:cli.overdue', { days: c.daysOverdue }) : c.dueOn ? t(lang, 'relations:cli.due', { due: d(c.dueOn, lang) }) : '…'})  ${c.id}`),
            ]),
          ].join('\n'),
      ),
    );

  rel
    .command('lapse')
    .description('mark lapsed the open commitments overdue by more than relations.policy lapseAfterDays')
    .option('--as-of <date>', 'on this day (default today)')
    .option('--dry-run', 'only list them')
    .action((o, cmd: Command) =>
      kit.run(cmd, async ({ ctx }) => lapseOverdueCommitments(ctx, { asOf: o.asOf, dryRun: !!o.dryRun }), (r, lang) => t(lang, o.dryRun ? 'relations:cli.would-lapse' : 'relations:cli.lapsed', { count: r.lapsed.length })),
    );

  rel
    .command('sofa')
    .description('status-of-forces tables of the restrictions: by type, actor, area and month (or one with --by)')
    .option('--by <group>', 'type, actor, area or month')
    .option('--from <date>', 'from this date')
    .option('--to <date>', 'to this date')
    .option('--as-of <date>', 'read resolution and reporting on this day (default: --to)')
    .option('--violations-only', 'only restrictions violating the agreement')
    .option('--actor <ref>', 'one actor')
    .option('--area <code>', 'one area (and beneath)')
    .option('--csv <file>', 'write the table (--by, default type) as CSV')
    .action((o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx, lang }) => {
          if (o.by && !['type', 'actor', 'area', 'month'].includes(o.by)) throw new ValidationError([{ field: 'by', reason: 'type, actor, area or month' }]);
          const r = await sofaTables(ctx, { by: o.by, from: o.from, to: o.to, asOf: o.asOf, violationsOnly: !!o.violationsOnly, actorId: await actor(ctx, o.actor), area: o.area });
          if (o.csv) {
            const table = r.tables[(o.by ?? 'type') as 'type'] ?? r.tables.type!;
            const line = (x: (typeof table.rows)[number]) => [x.key, x[lang], x.count, x.sofaViolations, x.resolved, x.unresolved, x.reportedToHq, x.reportedToCouncil];
            writeFileSync(o.csv, stringify([['key', 'label', 'count', 'sofa_violations', 'resolved', 'unresolved', 'reported_to_hq', 'reported_to_council'], ...table.rows.map(line), line(table.total)]));
          }
          return r;
        },
        (r, lang) =>
          Object.entries(r.tables)
            .map(([by, table]) =>
              [
                t(lang, 'relations:cli.sofa-title', { by: t(lang, `relations:cli.by-${by}`) }),
                `  (${t(lang, 'relations:cli.sofa-head')})`,
                ...[...table!.rows, table!.total].map((x) => `  ${x[lang].padEnd(48)} ${[x.count, x.sofaViolations, x.resolved, x.unresolved, x.reportedToHq, x.reportedToCouncil].join(' · ')}`),
              ].join('\n'),
            )
            .join('\n\n'),
      ),
    );

  rel
    .command('consent')
    .description('consent index over time (a time series), every point explained; sudden drops and downward trends flagged')
    .option('--actor <ref>', 'a registry unit or person (id, SFM id or name); without it, every fact')
    .option('--include-subunits', 'with a unit: its sub-units too')
    .option('--all-actors', 'one series per actor, lowest first')
    .option('--level <code>', 'an engagement tier or scope (strategic, local…)')
    .option('--area <code>', 'an area code (and the areas beneath it)')
    .option('--from <date>', 'first period (default relations.policy consentDefaultMonths back)')
    .option('--to <date>', 'last day (default today)')
    .option('--step <step>', 'month or week', 'month')
    .action((o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => {
          const q = { level: o.level, area: o.area, from: o.from, to: o.to, step: o.step };
          return o.allActors ? consentByActor(ctx, q) : consentIndex(ctx, { ...q, actor: o.actor, includeSubunits: !!o.includeSubunits });
        },
        (r: any, lang) => {
          if ('actors' in r)
            return r.actors.map((a: any) => `${who(a.actor.name, a.actor.id, lang).padEnd(40)} ${a.values.map((v: any) => v.value).join(' ')}${a.flags.length ? `  ${t(lang, 'relations:cli.flag')}: ${a.flags.map((f: any) => `${f.kind} ${f.period}`).join(', ')}` : ''}`).join('\n') || t(lang, 'relations:cli.none');
          const lines = [t(lang, 'relations:cli.consent-title', { who: r.actor ? who(r.actor.name, r.actor.id, lang) : t(lang, 'relations:cli.consent-everyone') })];
          for (const p of r.points) {
            lines.push(`${p.label[lang]}: ${p.value}`);
            for (const c of p.contributions) lines.push(`    ${c[lang]}`);
          }
          for (const f of r.flags) lines.push(`${t(lang, 'relations:cli.flag')} ${f[lang]}`);
          lines.push('', r.method[lang]);
          return lines.join('\n');
        },
      ),
    );

  rel
    .command('stances')
    .description('current stance of each actor per level and area (where doors are open even when the top is closed)')
    .option('--actor <ref>', 'one actor')
    .option('--as-of <date>', 'on this day (default today)')
    .action((o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => stanceBoard(ctx, { actorId: await actor(ctx, o.actor), asOf: o.asOf }),
        (r, lang) =>
          [t(lang, 'relations:cli.stance-title', { at: d(r.as_of, lang) }), ...r.actors.flatMap((a) => [who(a.actor.name, a.actor.id, lang), ...a.stances.map((s) => `  ${(s.level_label?.[lang] ?? t(lang, 'relations:cli.whole')) + (s.area ? ` (${s.area})` : '')}: ${s.stance_label[lang]} — ${d(s.as_of, lang)} — ${s.reasons}${a.open_below_top.includes(s.id) ? `  [${t(lang, 'relations:cli.open-below')}]` : ''}`)])].join('\n'),
      ),
    );

  rel
    .command('escalation')
    .description('leverage per actor: tools used by rung of the ladder, current and highest rung')
    .option('--actor <ref>', 'one actor')
    .option('--as-of <date>', 'on this day')
    .action((o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => escalation(ctx, { actorId: await actor(ctx, o.actor), asOf: o.asOf }),
        (r, lang) =>
          r.actors.length
            ? [
                t(lang, 'relations:cli.escalation-title'),
                ...r.actors.flatMap((a) => [
                  `${who(a.actor_name, a.actorId, lang)}: ${a.currentRung ? t(lang, 'relations:cli.current-rung', { rung: a.currentRung[lang] }) : t(lang, 'relations:cli.nothing-in-play')}; ${a.highestRung ? t(lang, 'relations:cli.highest-rung', { rung: a.highestRung[lang] }) : ''}`,
                  ...a.actions.map((x) => `  ${x.rank ?? '?'}. ${x[lang]} — ${d(x.date, lang)} — ${x.summary ?? ''}${x.coordinatedWith?.length ? ` [${x.coordinatedWith.join(', ')}]` : ''}${x.result ? ` → ${x.result}` : ''}`),
                ]),
              ].join('\n')
            : t(lang, 'relations:cli.none'),
      ),
    );

  rel
    .command('force')
    .description('use of force by level and target; confrontations with state forces listed and counted')
    .option('--from <date>', 'from this date')
    .option('--to <date>', 'to this date')
    .action((o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => forceFigures(ctx, { from: o.from, to: o.to }),
        (r, lang) =>
          [
            t(lang, 'relations:cli.force-title', { total: r.total, state: r.againstState, threats: r.threats }),
            ...r.byLevel.map((l) => `  ${l[lang]}: ${l.count} (${l.againstState})`),
            t(lang, 'relations:cli.civilian-harm', { killed: r.civilians_killed, injured: r.civilians_injured }),
            t(lang, 'relations:cli.confrontations'),
            ...r.stateConfrontations.map((c: any) => `  ${d(c.date, lang)} ${c.levelLabel[lang]} — ${c.targetLabel[lang]}${c.targetName ? ` (${c.targetName})` : ''} — ${c.purpose ?? ''}  ${c.id}`),
          ].join('\n'),
      ),
    );

  rel
    .command('actor <ref>')
    .description('everything recorded about one host-state actor: stances, consent, commitments, restrictions, engagements, leverage, force')
    .option('--as-of <date>', 'on this day (default today)')
    .action((ref: string, o, cmd: Command) => kit.run(cmd, async ({ ctx }) => actorProfile(ctx, ref, { asOf: o.asOf })));

  rel
    .command('search <query...>')
    .description('search engagements, restrictions and commitments by their text')
    .option('--limit <n>', 'how many', '20')
    .action((query: string[], o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => {
          const q = query.join(' ');
          return { q, hits: await searchRelations(ctx, q, Number(o.limit)) };
        },
        (r, lang) => (r.hits.length ? r.hits.map((h) => `${h.score.toFixed(2)}  ${h.type}  ${h.label}  ${h.detail}  ${h.id}`).join('\n') : t(lang, 'relations:cli.no-hits')),
      ),
    );

  rel
    .command('export <kind>')
    .description('export the records of a kind you may see, as JSON (default) or CSV')
    .option('--format <format>', 'json or csv', 'json')
    .option('--out <file>', 'write to this file (else stdout)')
    .action((kind: string, o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => {
          if (!['json', 'csv'].includes(o.format)) throw new ValidationError([{ field: 'format', reason: 'json or csv' }]);
          if (o.format === 'csv') {
            const rows = await exportTable(ctx, kind);
            const text = stringify(rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c)))));
            if (o.out) {
              writeFileSync(o.out, text);
              return { kind: kindOf(kind), count: rows.length - 2, file: o.out };
            }
            return { kind: kindOf(kind), count: rows.length - 2, csv: text };
          }
          const data = await exportJson(ctx, kind);
          if (o.out) {
            writeFileSync(o.out, JSON.stringify(data, null, 2));
            return { kind: data.kind, count: data.items.length, file: o.out };
          }
          return data;
        },
        (r: any, lang) => (r.file ? t(lang, 'relations:cli.exported', { count: r.count, file: r.file }) : r.csv !== undefined ? r.csv : JSON.stringify(r, null, 2)),
      ),
    );
}
