import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import type { Db, Queryable, QueryResult } from './types.ts';
import { lockDataDir } from './lock.ts';

export type { Db, Queryable, QueryResult } from './types.ts';
export { DataDirLockedError } from './lock.ts';

/** Values come back the same on both engines: int8 and numeric as numbers, date as 'YYYY-MM-DD'. */
const OID = { INT8: 20, NUMERIC: 1700, DATE: 1082 } as const;
const asNumber = (v: string) => (v === null ? null : Number(v));
const asText = (v: string) => v;

export interface OpenOptions {
  /** postgres://… ; when absent the embedded engine is used. */
  databaseUrl?: string;
  /** Data directory of the embedded engine (default ./data). Ignored with databaseUrl. */
  dataDir?: string;
  /** In-memory embedded database (tests). */
  memory?: boolean;
}

export async function openDatabase(opts: OpenOptions): Promise<Db> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openPglite(opts.memory ? undefined : resolve(opts.dataDir ?? './data'));
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}

async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.POCDESK_DB_POOL ?? 10),
    types: {
      getTypeParser: ((oid: number, format?: any) => {
        if (oid === OID.INT8 || oid === OID.NUMERIC) return asNumber;
        if (oid === OID.DATE) return asText;
        return pg.types.getTypeParser(oid, format);
      }) as any,
    },
  });
  pool.on('error', () => {
    /* idle client errors surface on the next query */
  });
  const run = async <T>(q: { query: pg.Pool['query'] }, text: string, params?: unknown[]): Promise<QueryResult<T>> => {
    const r = await q.query(text, params as any[]);
    return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
  };
  // Fail fast with a clear message when the server is unreachable.
  await pool.query('select 1');
  return {
    kind: 'postgres',
    location: redactUrl(url),
    query: (text, params) => run(pool, text, params),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const tx: Queryable = {
          query: (text, params) => run(client as any, text, params),
          exec: async (sql) => {
            await client.query(sql);
          },
        };
        const out = await fn(tx);
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}

async function openPglite(dir: string | undefined): Promise<Db> {
  let lock: { release(): void } | undefined;
  let pgdata: string | undefined;
  if (dir) {
    lock = lockDataDir(dir);
    pgdata = join(dir, 'pgdata');
    mkdirSync(pgdata, { recursive: true });
    // We hold the exclusive lock, so no live process owns this cluster: a postmaster.pid left by a
    // crash is stale, and PGlite would hang on it.
    const stale = join(pgdata, 'postmaster.pid');
    if (existsSync(stale)) rmSync(stale, { force: true });
  }
  let db: PGlite;
  try {
    db = await PGlite.create({
      dataDir: pgdata,
      extensions: { pg_trgm },
      parsers: {
        [pgliteTypes.INT8]: asNumber,
        [pgliteTypes.NUMERIC]: asNumber,
        [pgliteTypes.DATE]: asText,
      },
    });
  } catch (e) {
    lock?.release();
    throw e;
  }
  const run = async <T>(q: Pick<PGlite, 'query'>, text: string, params?: unknown[]): Promise<QueryResult<T>> => {
    const r = await q.query<T>(text, params as any[]);
    return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
  };
  return {
    kind: 'pglite',
    location: dir ?? 'memory',
    query: (text, params) => run(db, text, params),
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({
          query: (text, params) => run(tx as any, text, params),
          exec: async (sql) => {
            await tx.exec(sql);
          },
        }),
      ),
    async exec(sql) {
      await db.exec(sql);
    },
    async close() {
      try {
        await db.close();
      } finally {
        lock?.release();
      }
    },
  };
}
