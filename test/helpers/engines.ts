/**
 * Runs storage tests on every engine: the embedded one always, a PostgreSQL server when
 * TEST_DATABASE_URL is set (each test file gets its own fresh database there, dropped afterwards).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { openApp } from '../../src/platform/app.ts';
import type { Db } from '../../src/platform/db/types.ts';

export interface Engine {
  name: 'pglite' | 'postgres';
  /** A new, migrated, empty database. */
  fresh(): Promise<Db>;
}

const created: { admin: string; name: string }[] = [];

export function engines(): Engine[] {
  const list: Engine[] = [{ name: 'pglite', fresh: () => openApp({ memory: true }) }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    list.push({
      name: 'postgres',
      async fresh() {
        const name = `pocdesk_t_${randomBytes(6).toString('hex')}`;
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        await admin.query(`CREATE DATABASE ${name}`);
        await admin.end();
        created.push({ admin: url, name });
        const u = new URL(url);
        u.pathname = `/${name}`;
        return openApp({ databaseUrl: u.toString() });
      },
    });
  }
  return list;
}

/** A fresh server database URL (for tests that spawn processes); null without TEST_DATABASE_URL. */
export async function freshPostgresUrl(): Promise<string | null> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return null;
  const name = `pocdesk_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  created.push({ admin: url, name });
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function dropCreatedDatabases() {
  while (created.length) {
    const { admin, name } = created.pop()!;
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await c.end();
  }
}

/**
 * describe() once per engine, with a fresh database for the block: `forEachEngine('x', (get) => { it(..., async () => get().query(...)) })`.
 */
export function forEachEngine(title: string, body: (db: () => Db, engine: Engine) => void) {
  for (const engine of engines()) {
    describe(`${title} [${engine.name}]`, () => {
      let db: Db;
      beforeAll(async () => {
        db = await engine.fresh();
      });
      afterAll(async () => {
        await db?.close();
        await dropCreatedDatabases();
      });
      body(() => db, engine);
    });
  }
}
