/**
 * Imports of watchlists from their files: the UN Security Council Consolidated List (XML) and
 * FollowTheMoney JSON lines. The file is the whole list: entries it no longer holds are delisted
 * (with the reason), new ones listed, changed ones revised; re-importing the same file changes nothing.
 * A file with errors commits nothing unless `partial` (then the readable records are imported and the
 * list keeps the entries of unreadable ones as they were).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { hasPermission } from '../platform/access/policy.ts';
import { ForbiddenError, ValidationError } from '../platform/errors.ts';
import { type Lang, t } from '../platform/i18n/i18n.ts';
import type { Ctx } from '../platform/store.ts';
import { type DesiredEntry, ftmEntry, unEntityEntry, unIndividualEntry } from './entries.ts';
import { parseFtmLines } from './ftm.ts';
import { type ParseProblem, toFieldProblems } from './problems.ts';
import { MISSION_LIST, REGISTRY_LIST, UN_LIST } from './schema.ts';
import { applyListContent, type ListChange, policyOf } from './service.ts';
import { parseUnConsolidatedList } from './un-list.ts';

export interface ImportResult extends ListChange {
  individuals: number;
  entities: number;
  source_date: string | null;
  problems: ParseProblem[];
}

const langOf = (ctx: Ctx): Lang => (ctx.actor.language === 'fr' ? 'fr' : 'en');

function requireWrite(ctx: Ctx) {
  if (!hasPermission(ctx.actor, 'screening:write')) throw new ForbiddenError('this needs the permission screening:write');
}

function refuse(problems: ParseProblem[], lang: Lang, partial: boolean, hasRecords: boolean) {
  const errors = problems.filter((p) => p.severity === 'error');
  if (!hasRecords) throw new ValidationError(errors.length ? toFieldProblems(errors, lang) : [{ field: 'file', reason: t(lang, 'screening:import.nothing') }], t(lang, 'screening:import.nothing'));
  if (errors.length && !partial) throw new ValidationError(toFieldProblems(errors, lang), t(lang, 'screening:import.has-errors', { count: errors.length }));
}

/** Imports the UN Security Council Consolidated List from its XML text. */
export async function importUnList(ctx: Ctx, xml: string | Buffer, opts: { fileName?: string; partial?: boolean } = {}): Promise<ImportResult> {
  requireWrite(ctx);
  const lang = langOf(ctx);
  const parsed = parseUnConsolidatedList(xml);
  const desired: DesiredEntry[] = [...parsed.individuals.map(unIndividualEntry), ...parsed.entities.map(unEntityEntry)];
  refuse(parsed.problems, lang, !!opts.partial, desired.length > 0);
  const hasErrors = parsed.problems.some((p) => p.severity === 'error');
  const policy = await policyOf(ctx);
  const date = parsed.dateGenerated ?? null;
  const change = await applyListContent(ctx, { code: UN_LIST, kind: 'un-sanctions', source: opts.fileName ?? null, sourceDate: date }, desired, {
    delistReason: t('en', 'screening:import.delisted-un', { date: date ?? '?' }),
    sensitivity: policy.sensitivity.un,
    // a partial import of a damaged file does not delist what it could not read
    complete: !hasErrors,
  });
  return { ...change, individuals: parsed.individuals.length, entities: parsed.entities.length, source_date: date, problems: parsed.problems };
}

const LIST_CODE = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** Imports FollowTheMoney JSON lines as the list `list` (default 'ftm'). */
export async function importFtm(ctx: Ctx, text: string | Buffer, opts: { list?: string; fileName?: string; partial?: boolean } = {}): Promise<ImportResult> {
  requireWrite(ctx);
  const lang = langOf(ctx);
  const code = (opts.list ?? 'ftm').trim().toLowerCase();
  if (!LIST_CODE.test(code) || [UN_LIST, MISSION_LIST, REGISTRY_LIST].includes(code)) throw new ValidationError([{ field: 'list', reason: t(lang, 'screening:import.list-code') }]);
  const parsed = parseFtmLines(text);
  const desired = parsed.entities.map(ftmEntry);
  refuse(parsed.problems, lang, !!opts.partial, desired.length > 0);
  const hasErrors = parsed.problems.some((p) => p.severity === 'error');
  const policy = await policyOf(ctx);
  const change = await applyListContent(ctx, { code, kind: 'ftm', source: opts.fileName ?? null }, desired, {
    delistReason: t('en', 'screening:import.delisted-ftm', { file: opts.fileName ?? '?' }),
    sensitivity: policy.sensitivity.ftm,
    complete: !hasErrors,
  });
  return { ...change, individuals: parsed.entities.filter((e) => e.type === 'individual').length, entities: parsed.entities.filter((e) => e.type === 'entity').length, source_date: null, problems: parsed.problems };
}

export async function importUnFile(ctx: Ctx, file: string, opts: { partial?: boolean } = {}): Promise<ImportResult> {
  return importUnList(ctx, await readFileOrFail(file), { fileName: basename(file), partial: opts.partial });
}

export async function importFtmFile(ctx: Ctx, file: string, opts: { partial?: boolean; list?: string } = {}): Promise<ImportResult> {
  return importFtm(ctx, await readFileOrFail(file), { fileName: basename(file), partial: opts.partial, list: opts.list });
}

async function readFileOrFail(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (e) {
    throw new ValidationError([{ field: 'file', reason: `${file}: ${(e as Error).message}` }]);
  }
}
