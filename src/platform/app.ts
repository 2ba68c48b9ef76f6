/** Opening the application: the database, its migrations, and every domain registered. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { domains } from '../domains.ts';
import { type Db, openDatabase, type OpenOptions } from './db/index.ts';
import { migrate } from './db/migrate.ts';
import type { RouteSpec } from './http/route.ts';
import { platformRoutes } from './routes.ts';
import { crossDomainRoutes } from './cross-routes.ts';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const VERSION: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;

export interface StorageOptions extends OpenOptions {}

/** Options from flags, then the environment, then defaults. */
export function storageOptions(flags: { data?: string; databaseUrl?: string }): StorageOptions {
  const databaseUrl = flags.databaseUrl ?? process.env.DATABASE_URL;
  if (databaseUrl) return { databaseUrl };
  return { dataDir: flags.data ?? process.env.POCDESK_DATA ?? './data' };
}

export async function openApp(opts: StorageOptions, log?: (m: string) => void): Promise<Db> {
  const db = await openDatabase(opts);
  try {
    await migrate(db, log);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}

export function allRoutes(info: { secureCookies?: boolean } = {}): RouteSpec[] {
  return [...platformRoutes({ version: VERSION, ...info }), ...crossDomainRoutes(domains), ...domains.flatMap((d) => d.routes?.() ?? [])];
}
