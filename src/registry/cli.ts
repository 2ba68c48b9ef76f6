/**
 * Registry commands: `pocdesk chain`, `tree`, `career`, `import sfm`, and `pocdesk registry …`
 * (search, dossier, export, area, commanders, add-unit, add-person, add-posting, add-relation,
 * add-site, add-source, cite, show, list, retract). Thin: parse, call the service, print (JSON with --json).
 */
import type { Command } from 'commander';
import type { Level } from '../platform/access/policy.ts';
import type { CliKit } from '../platform/cli-kit.ts';
import { displayPartialDate } from '../platform/dates.ts';
import { ValidationError } from '../platform/errors.ts';
import { type Lang, t } from '../platform/i18n/i18n.ts';
import type { Ctx } from '../platform/store.ts';
import { EXPORT_FORMATS, type ExportFormat, exportPopolo, writeExport } from './export.ts';
import { importSfmFile } from './import-sfm.ts';
import type { CiteInput } from './inputs.ts';
import { today } from './intervals.ts';
import {
  type Chain,
  chainOfCommand,
  cite,
  type Commander,
  commandersAt,
  createLink,
  createPerson,
  createPosting,
  createSource,
  createUnit,
  createUnitLocation,
  getRegistryRecord,
  listRegistry,
  personDossier,
  postingsOfPerson,
  resolvePerson,
  resolveUnit,
  retract,
  searchActors,
  type TreeNode,
  unitDossier,
  unitsInArea,
  subordinateTree,
  type DatedView,
} from './service.ts';

const csv = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);
const collect = (v: string, prev: string[] = []) => [...prev, v];

function dates(r: DatedView, lang: Lang): string {
  const s = r.start_date ? displayPartialDate(r.start_date, lang) + (r.start_exact ? '' : '*') : '?';
  const e = r.end_state === 'open' ? (r.end_date ? `${displayPartialDate(r.end_date, lang)}+` : '…') : r.end_date ? displayPartialDate(r.end_date, lang) + (r.end_state === 'exact' ? '' : '*') : '?';
  return `${s} → ${e}`;
}

function personLine(c: Commander, lang: Lang): string {
  const who = [c.rank, c.person.name].filter(Boolean).join(' ');
  const role = c.role ? ` (${c.role})` : '';
  const unsure = c.certain ? '' : ` ${t(lang, 'registry:cli.uncertain')}`;
  const src = c.sources.length ? ` [${t(lang, 'registry:cli.sources', { count: c.sources.length })}]` : '';
  return `${who}${role}, ${dates(c, lang)}${unsure}${src}`;
}

export function formatChain(c: Chain, lang: Lang): string {
  const lines = [t(lang, 'registry:cli.chain-title', { unit: c.levels[0]?.unit.name ?? c.unit_id, at: displayPartialDate(c.at, lang) })];
  c.levels.forEach((l, i) => {
    const flags = [l.unit.placeholder ? t(lang, 'registry:cli.placeholder') : null, l.unit_exists.valid ? null : t(lang, 'registry:cli.not-existing')].filter(Boolean).join(', ');
    lines.push(`${'  '.repeat(i)}${i + 1}. ${l.unit.name}${flags ? ` (${flags})` : ''}`);
    const pad = '  '.repeat(i) + '   ';
    if (!l.commanders.length && !l.unit.placeholder) lines.push(`${pad}${t(lang, 'registry:cli.no-commander')}`);
    for (const cm of l.commanders) lines.push(`${pad}${t(lang, 'registry:cli.commander')}: ${personLine(cm, lang)}`);
    for (const d of l.deputies) lines.push(`${pad}${t(lang, 'registry:cli.deputy')}: ${personLine(d, lang)}`);
    for (const m of l.member_of) lines.push(`${pad}${t(lang, 'registry:cli.member-of', { unit: m.unit.name })} (${dates(m, lang)})`);
    if (l.parent_link) {
      const unsure = l.parent_link.certain ? '' : ` ${t(lang, 'registry:cli.uncertain')}`;
      lines.push(`${pad}↑ ${l.parent_link.relation_class ?? t(lang, 'registry:cli.parent')}, ${dates(l.parent_link, lang)}${unsure}`);
    }
    for (const o of l.other_parents) lines.push(`${pad}${t(lang, 'registry:cli.other-parent', { unit: o.unit.name })} (${dates(o, lang)})`);
  });
  if (c.cycle) lines.push(t(lang, 'registry:cli.cycle'));
  lines.push(t(lang, 'registry:cli.legend'));
  return lines.join('\n');
}

export function formatTree(node: TreeNode, lang: Lang, depth = 0): string {
  const pad = '  '.repeat(depth);
  const head = node.commanders.map((c) => [c.rank, c.person.name].filter(Boolean).join(' ')).join(', ');
  const lines = [`${pad}${depth ? '└ ' : ''}${node.unit.name}${node.unit.placeholder ? ` (${t(lang, 'registry:cli.placeholder')})` : ''}${head ? ` — ${head}` : ''}`];
  for (const m of node.members) lines.push(`${pad}  + ${t(lang, 'registry:cli.member', { unit: m.unit.name })}`);
  for (const c of node.children) lines.push(formatTree(c, lang, depth + 1));
  return lines.join('\n');
}

interface DatedOpts {
  start?: string;
  startExact?: boolean;
  end?: string;
  endState?: 'open' | 'ended' | 'exact';
}

function datedInput(o: DatedOpts) {
  return { start_date: o.start, start_exact: o.startExact, end_date: o.end, end_state: o.endState };
}

function sourcesInput(o: { source?: string[]; page?: string; excerpt?: string; confidence?: 'low' | 'medium' | 'high' }): CiteInput[] | undefined {
  return o.source?.map((s) => ({ source_id: s, page: o.page, excerpt: o.excerpt, confidence: o.confidence }));
}

function datedOptions(cmd: Command): Command {
  return cmd
    .option('--start <date>', 'start: YYYY, YYYY-MM or YYYY-MM-DD (the first citation unless --start-exact)')
    .option('--start-exact', 'the start date is the founding / beginning, not only the first citation')
    .option('--end <date>', 'end or last citation: YYYY, YYYY-MM or YYYY-MM-DD')
    .option('--end-state <state>', 'open (still true as far as known), ended (at an unknown date), exact (on the end date)');
}

function protectionOptions(cmd: Command): Command {
  return cmd.option('--sensitivity <level>', 'public, internal, restricted or strictly-confidential').option('--compartments <list>', 'comma-separated compartments');
}

function citeOptions(cmd: Command): Command {
  return cmd
    .option('--source <id>', 'a source supporting it (repeatable)', collect)
    .option('--page <page>', 'page of the source')
    .option('--excerpt <text>', 'excerpt of the source')
    .option('--confidence <level>', 'low, medium or high');
}

async function unitOrPerson(ctx: Ctx, ref: string, type?: string) {
  if (type === 'person') return personDossier(ctx, (await resolvePerson(ctx, ref)).id);
  if (type === 'unit') return unitDossier(ctx, (await resolveUnit(ctx, ref)).id);
  try {
    return await unitDossier(ctx, (await resolveUnit(ctx, ref)).id);
  } catch (e) {
    try {
      return await personDossier(ctx, (await resolvePerson(ctx, ref)).id);
    } catch {
      throw e;
    }
  }
}

export function registryCli(program: Command, kit: CliKit) {
  program
    .command('chain <unit>')
    .description('chain of command of a unit on a day: the unit, its parent… to the top, with commanders and sources')
    .option('--at <date>', 'the day, YYYY-MM-DD (default today)')
    .action((unit: string, o, cmd: Command) =>
      kit.run(cmd, async ({ ctx }) => chainOfCommand(ctx, (await resolveUnit(ctx, unit)).id, o.at ?? today()), formatChain),
    );

  program
    .command('tree <unit>')
    .description('subordinate tree of a unit on a day, with commanders and members of joint operations')
    .option('--at <date>', 'the day, YYYY-MM-DD (default today)')
    .action((unit: string, o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => {
          const day = o.at ?? today();
          return { at: day, tree: await subordinateTree(ctx, (await resolveUnit(ctx, unit)).id, day) };
        },
        (r, lang) => `${t(lang, 'registry:cli.tree-title', { at: displayPartialDate(r.at, lang) })}\n${formatTree(r.tree, lang)}`,
      ),
    );

  program
    .command('career <person>')
    .description('a person’s postings over time, with units and sources')
    .action((person: string, _o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => {
          const p = await resolvePerson(ctx, person);
          return { person: { id: p.id, name: p.name }, career: await postingsOfPerson(ctx, p.id) };
        },
        (r, lang) =>
          [
            t(lang, 'registry:cli.career-title', { person: r.person.name }),
            ...r.career.map((c) => `  ${dates(c, lang)}  ${c.unit.name}: ${[c.role, c.rank].filter(Boolean).join(', ')}${c.command === 'head' ? ` [${t(lang, 'registry:cli.commander')}]` : ''}`),
          ].join('\n'),
      ),
    );

  const imp = program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('import data from files');
  imp
    .command('sfm <file>')
    .description('import a Security Force Monitor research workbook (.xlsx, or a folder of per-sheet CSVs); errors commit nothing unless --partial')
    .option('--partial', 'commit what could be read even when some rows have errors')
    .option('--sensitivity <level>', 'sensitivity of the records created (default internal)')
    .action((file: string, o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx, lang }) => {
          const r = await importSfmFile(ctx, file, { partial: !!o.partial, sensitivity: o.sensitivity as Level | undefined, lang });
          if (!r.committed) process.exitCode = 2;
          const { units, persons, postings, relations, locations, incidents, problems } = r;
          const out = { units, persons, postings, relations, locations, incidents, problems };
          Object.defineProperty(out, 'summary', { value: r, enumerable: false });
          return out;
        },
        (out, lang) => {
          const r = (out as any).summary as Awaited<ReturnType<typeof importSfmFile>>;
          const lines = r.problems.map((p) => `${p.severity === 'error' ? t(lang, 'registry:cli.error') : t(lang, 'registry:cli.warning')} ${p.sheet} ${t(lang, 'registry:cli.row')} ${p.row}${p.column ? ` [${p.column}]` : ''}: ${p.message}`);
          lines.push(r.committed ? t(lang, 'registry:cli.imported', { ...r, ...r.changes }) : t(lang, 'registry:cli.not-imported', { errors: r.problems.filter((p) => p.severity === 'error').length }));
          return lines.join('\n');
        },
      ),
    );

  const reg = program.command('registry').description('registry of host-state actors: units, persons, postings, chains of command, sources');

  reg
    .command('search <query...>')
    .description('fuzzy search of units and persons by name or alias (accents, case, word order and ranks ignored)')
    .option('--type <type>', 'unit or person')
    .option('--limit <n>', 'how many', '20')
    .action((query: string[], o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => {
          const q = query.join(' ');
          return { q, hits: await searchActors(ctx, q, { types: o.type ? [o.type] : undefined, limit: Number(o.limit) }) };
        },
        (r, lang) => (r.hits.length ? r.hits.map((h) => `${h.score.toFixed(2)}  ${t(lang, `registry:cli.type-${h.type}`)}  ${h.name}${h.matched !== h.name ? ` (${h.matched})` : ''}  ${h.id}`).join('\n') : t(lang, 'registry:cli.no-hits')),
      ),
    );

  reg
    .command('dossier <ref>')
    .description('everything the registry says about a unit or a person (id, SFM id or name), with sources')
    .option('--type <type>', 'unit or person (default: a unit, else a person)')
    .action((ref: string, o, cmd: Command) => kit.run(cmd, async ({ ctx }) => unitOrPerson(ctx, ref, o.type)));

  reg
    .command('export')
    .description('export the registry: popolo (JSON), csv (flat tables) or sfm (SFM workbook layout); csv and sfm need --out DIR')
    .option('--format <format>', EXPORT_FORMATS.join(', '), 'popolo')
    .option('--out <path>', 'file (popolo) or folder (csv, sfm); popolo goes to stdout without it')
    .action((o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => {
          const format = o.format as ExportFormat;
          if (!EXPORT_FORMATS.includes(format)) throw new ValidationError([{ field: 'format', reason: `must be one of ${EXPORT_FORMATS.join(', ')}` }]);
          if (!o.out) {
            if (format !== 'popolo') throw new ValidationError([{ field: 'out', reason: 'csv and sfm exports need --out DIR' }]);
            return exportPopolo(ctx);
          }
          return writeExport(ctx, format, o.out);
        },
        (r, lang) => ('files' in r ? t(lang, 'registry:cli.exported', { count: (r.files as string[]).length, files: (r.files as string[]).join(', ') }) : JSON.stringify(r, null, 2)),
      ),
    );

  reg
    .command('area <area>')
    .description('units with a base or area of operations in an area (name or location id) on a day, and who commanded them')
    .option('--at <date>', 'the day, YYYY-MM-DD (default today)')
    .action((area: string, o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => unitsInArea(ctx, area, o.at ?? today()),
        (r, lang) =>
          [
            t(lang, 'registry:cli.area-title', { area, at: displayPartialDate(r.at, lang) }),
            ...r.units.map((u) => `  ${u.unit.name} (${u.presence.map((p) => t(lang, `registry:cli.kind-${p.kind}`) + ': ' + (p.base_name ?? p.location?.name ?? p.label ?? '')).join('; ')})${u.commanders.length ? ` — ${u.commanders.map((c) => [c.rank, c.person.name].filter(Boolean).join(' ')).join(', ')}` : ''}`),
          ].join('\n'),
      ),
    );

  reg
    .command('commanders <unit>')
    .description('who headed a unit on a day')
    .option('--at <date>', 'the day, YYYY-MM-DD (default today)')
    .option('--deputies', 'list deputies too')
    .action((unit: string, o, cmd: Command) =>
      kit.run(
        cmd,
        async ({ ctx }) => {
          const day = o.at ?? today();
          return { at: day, commanders: await commandersAt(ctx, (await resolveUnit(ctx, unit)).id, day, { deputies: !!o.deputies }) };
        },
        (r, lang) => (r.commanders.length ? r.commanders.map((c) => personLine(c, lang)).join('\n') : t(lang, 'registry:cli.no-commander')),
      ),
    );

  const created = (type: string) => (r: { id: string }, lang: Lang) => t(lang, 'registry:cli.created', { type: t(lang, `registry:cli.type-${type}`), id: r.id });

  citeOptions(
    protectionOptions(
      datedOptions(
        reg
          .command('add-unit <name>')
          .description('add an organisation (unit, command, ministry, court, armed group, joint operation…)')
          .option('--kind <kind>', 'organisation kind (registry.vocabularies)', 'unit')
          .option('--classification <list>', 'comma-separated classifications (registry.vocabularies)')
          .option('--alias <name>', 'another name (repeatable)', collect)
          .option('--country <cc>', 'country code')
          .option('--level <level>', 'national, regional, provincial, local')
          .option('--placeholder', 'a stand-in for an unknown unit bridging a gap (holds no postings)')
          .option('--parent <unit>', 'parent unit (id, SFM id or name): adds a parent link with the same dates'),
      ),
    ),
  ).action((name: string, o, cmd: Command) =>
    kit.run(
      cmd,
      async ({ ctx }) => {
        const parent = o.parent ? await resolveUnit(ctx, o.parent) : null;
        const unit = await createUnit(ctx, {
          name,
          kind: o.kind,
          classifications: csv(o.classification),
          other_names: o.alias,
          country: o.country,
          level: o.level,
          placeholder: !!o.placeholder,
          ...datedInput(o),
          sensitivity: o.sensitivity,
          compartments: csv(o.compartments),
          sources: sourcesInput(o),
        });
        if (parent) await createLink(ctx, { unit_id: unit.id, related_unit_id: parent.id, kind: 'parent', ...datedInput(o), sensitivity: o.sensitivity, compartments: csv(o.compartments), sources: sourcesInput(o) });
        return unit;
      },
      created('unit'),
    ),
  );

  citeOptions(
    protectionOptions(
      reg
        .command('add-person <name>')
        .description('add a person')
        .option('--given <names>', 'given names')
        .option('--family <name>', 'family name')
        .option('--alias <name>', 'another name (repeatable)', collect)
        .option('--original-script <name>', 'the name in its original script (repeatable)', collect)
        .option('--birth-date <date>', 'YYYY, YYYY-MM or YYYY-MM-DD')
        .option('--gender <gender>', 'gender')
        .option('--nationality <list>', 'comma-separated nationalities')
        .option('--country <cc>', 'country of service'),
    ),
  ).action((name: string, o, cmd: Command) =>
    kit.run(
      cmd,
      ({ ctx }) =>
        createPerson(ctx, {
          name,
          given_names: o.given,
          family_name: o.family,
          other_names: o.alias,
          original_script_names: o.originalScript,
          birth_date: o.birthDate,
          gender: o.gender,
          nationalities: csv(o.nationality),
          country: o.country,
          sensitivity: o.sensitivity,
          compartments: csv(o.compartments),
          sources: sourcesInput(o),
        }),
      created('person'),
    ),
  );

  citeOptions(
    protectionOptions(
      datedOptions(
        reg
          .command('add-posting <person> <unit>')
          .description('add a posting: a person (id, SFM id or name) in a unit, with role, rank and title')
          .option('--role <role>', 'e.g. Commander, adjoint au commandant, Chef d’état-major')
          .option('--role-kind <code>', 'force the kind of role (registry.vocabularies roles)')
          .option('--rank <rank>', 'rank at the time')
          .option('--title <title>', 'title'),
      ),
    ),
  ).action((person: string, unit: string, o, cmd: Command) =>
    kit.run(
      cmd,
      async ({ ctx }) =>
        createPosting(ctx, {
          person_id: (await resolvePerson(ctx, person)).id,
          unit_id: (await resolveUnit(ctx, unit)).id,
          role: o.role,
          role_kind: o.roleKind,
          rank: o.rank,
          title: o.title,
          ...datedInput(o),
          confidence: o.confidence,
          sensitivity: o.sensitivity,
          compartments: csv(o.compartments),
          sources: sourcesInput(o),
        }),
      created('posting'),
    ),
  );

  citeOptions(
    protectionOptions(
      datedOptions(
        reg
          .command('add-relation <unit> <related>')
          .description('link two units: <related> is the parent of <unit> (--kind parent) or <unit> is a member of the joint operation <related> (--kind member)')
          .option('--kind <kind>', 'parent or member', 'parent')
          .option('--class <class>', 'Command, Administrative, Informal…'),
      ),
    ),
  ).action((unit: string, related: string, o, cmd: Command) =>
    kit.run(
      cmd,
      async ({ ctx }) =>
        createLink(ctx, {
          unit_id: (await resolveUnit(ctx, unit)).id,
          related_unit_id: (await resolveUnit(ctx, related)).id,
          kind: o.kind,
          relation_class: o.class,
          ...datedInput(o),
          confidence: o.confidence,
          sensitivity: o.sensitivity,
          compartments: csv(o.compartments),
          sources: sourcesInput(o),
        }),
      created('link'),
    ),
  );

  citeOptions(
    protectionOptions(
      datedOptions(
        reg
          .command('add-site <unit>')
          .description('add a site (base) or area of operations of a unit')
          .option('--kind <kind>', 'site or aoo', 'site')
          .option('--location <id>', 'a location id')
          .option('--base-name <name>', 'name of the base or camp')
          .option('--label <label>', 'the place as written'),
      ),
    ),
  ).action((unit: string, o, cmd: Command) =>
    kit.run(
      cmd,
      async ({ ctx }) =>
        createUnitLocation(ctx, {
          unit_id: (await resolveUnit(ctx, unit)).id,
          kind: o.kind,
          location_id: o.location,
          base_name: o.baseName,
          label: o.label,
          ...datedInput(o),
          confidence: o.confidence,
          sensitivity: o.sensitivity,
          compartments: csv(o.compartments),
          sources: sourcesInput(o),
        }),
      created('unit-location'),
    ),
  );

  protectionOptions(
    reg
      .command('add-source <title>')
      .description('add a source (an interview note is restricted unless --sensitivity says otherwise)')
      .requiredOption('--kind <kind>', 'document, report, official-document, media, web-page, interview, other')
      .option('--url <url>', 'address')
      .option('--archive-url <url>', 'address of the archived copy')
      .option('--author <author>', 'author')
      .option('--publisher <publisher>', 'publisher')
      .option('--published <date>', 'publication date')
      .option('--accessed <date>', 'date accessed'),
  ).action((title: string, o, cmd: Command) =>
    kit.run(
      cmd,
      ({ ctx }) =>
        createSource(ctx, {
          kind: o.kind,
          title,
          url: o.url,
          archive_url: o.archiveUrl,
          author: o.author,
          publisher: o.publisher,
          published_date: o.published,
          accessed_date: o.accessed,
          sensitivity: o.sensitivity,
          compartments: csv(o.compartments),
        }),
      created('source'),
    ),
  );

  reg
    .command('cite <type> <id> <source>')
    .description('cite a source for a record (unit, person, posting, relation, site, location, or another domain’s record type)')
    .option('--field <field>', 'the field the source supports (default: the whole record)')
    .option('--page <page>', 'page')
    .option('--excerpt <text>', 'excerpt')
    .option('--confidence <level>', 'low, medium or high')
    .action((type: string, id: string, source: string, o, cmd: Command) =>
      kit.run(cmd, ({ ctx }) => cite(ctx, { record_type: type, record_id: id, source_id: source, field: o.field, page: o.page, excerpt: o.excerpt, confidence: o.confidence }), created('citation')),
    );

  reg
    .command('show <type> <id>')
    .description('one registry record (unit, person, posting, relation, site, location, source, citation)')
    .action((type: string, id: string, _o, cmd: Command) => kit.run(cmd, ({ ctx }) => getRegistryRecord(ctx, type, id)));

  reg
    .command('list <type>')
    .description('registry records of a type')
    .option('--limit <n>', 'how many', '100')
    .option('--offset <n>', 'from', '0')
    .action((type: string, o, cmd: Command) =>
      kit.run(cmd, async ({ ctx }) => ({ items: await listRegistry(ctx, type, { limit: Number(o.limit), offset: Number(o.offset) }) }), (r) => r.items.map((i: any) => `${i.id}  ${i.name ?? i.title ?? i.role ?? i.kind ?? ''}`).join('\n')),
    );

  reg
    .command('retract <type> <id>')
    .description('retract a registry record (kept in its history, with the reason)')
    .requiredOption('--reason <reason>', 'why')
    .action((type: string, id: string, o, cmd: Command) => kit.run(cmd, ({ ctx }) => retract(ctx, type, id, o.reason), (_r, lang) => t(lang, 'registry:cli.retracted', { id })));
}
