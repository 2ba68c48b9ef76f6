/**
 * What every CLI command shares: the global options, opening the database, acting as a user, and
 * printing either JSON (with --json, and nothing else on stdout) or human text, in English or French.
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { type Actor, systemActor } from './access/policy.ts';
import { openApp, storageOptions } from './app.ts';
import { actorForUsername } from './auth/service.ts';
import type { Db } from './db/types.ts';
import { AppError } from './errors.ts';
import { type Lang, t } from './i18n/i18n.ts';
import { type Ctx, context } from './store.ts';

export interface GlobalOptions {
  data?: string;
  databaseUrl?: string;
  json?: boolean;
  as?: string;
  lang?: string;
}

export interface RunArgs {
  db: Db;
  ctx: Ctx;
  actor: Actor;
  lang: Lang;
  json: boolean;
  /** Progress and notes for humans: stderr, so stdout stays clean for --json. */
  note: (msg: string) => void;
}

export interface CliKit {
  /** Opens the database, runs fn as the chosen actor, prints the result, closes, sets the exit code. */
  run<T>(cmd: Command, fn: (a: RunArgs) => Promise<T>, human?: (result: T, lang: Lang) => string): Promise<void>;
  globals(cmd: Command): GlobalOptions;
}

export function langOf(opts: GlobalOptions): Lang {
  const l = (opts.lang ?? process.env.POCDESK_LANG ?? process.env.LANG ?? 'en').toLowerCase();
  return l.startsWith('fr') ? 'fr' : 'en';
}

/**
 * Whoever can open the database files or the server already holds all the data, so the local operator
 * acts with full rights by default (recorded as local:<account>). `--as USER` narrows a command to
 * that user's roles, clearance and compartments: the same access policy as the API.
 */
async function actorFor(db: Db, opts: GlobalOptions): Promise<Actor> {
  const as = opts.as ?? process.env.POCDESK_USER;
  if (as) return actorForUsername(db, as);
  let name = 'operator';
  try {
    name = userInfo().username;
  } catch {
    /* no account name */
  }
  return systemActor(`local:${name}`);
}

export const kit: CliKit = {
  globals(cmd) {
    return cmd.optsWithGlobals() as GlobalOptions;
  },
  async run(cmd, fn, human) {
    const opts = cmd.optsWithGlobals() as GlobalOptions;
    const lang = langOf(opts);
    const json = !!opts.json;
    let db: Db | undefined;
    try {
      db = await openApp(storageOptions(opts), (m) => process.stderr.write(`${m}\n`));
      const actor = await actorFor(db, opts);
      const result = await fn({ db, ctx: context(db, actor), actor, lang, json, note: (m) => process.stderr.write(`${m}\n`) });
      if (json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      else process.stdout.write((human ? human(result, lang) : JSON.stringify(result, null, 2)) + '\n');
    } catch (e) {
      process.exitCode = e instanceof AppError && e.status < 500 ? 2 : 1;
      const message = e instanceof Error ? e.message : String(e);
      if (json) process.stdout.write(JSON.stringify({ error: { code: e instanceof AppError ? e.code : 'error', message, problems: e instanceof AppError ? e.problems : [] } }) + '\n');
      process.stderr.write(t(lang, 'platform:cli.error', { message }) + '\n');
    } finally {
      await db?.close();
    }
  },
};
