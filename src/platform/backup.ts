/**
 * Portable backup and restore: every table as JSON lines (gzip), read and written with PostgreSQL's
 * own JSON conversion (to_jsonb / jsonb_populate_recordset), so a dump from the embedded engine loads
 * on a server and back. A restore runs in one transaction into an empty, migrated database, then
 * re-verifies the audit chain.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { verifyAudit, type VerifyResult } from './audit/audit.ts';
import type { Db, Queryable } from './db/types.ts';
import { AppError } from './errors.ts';

const FORMAT = 'pocdesk-backup';
const FORMAT_VERSION = 1;

interface TableInfo {
  name: string;
  columns: string[];
  orderBy: string;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** User tables in an order where every referenced table comes before the tables referring to it. */
export async function tablesInDependencyOrder(db: Queryable): Promise<TableInfo[]> {
  const tables = (
    await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY table_name`,
    )
  ).rows.map((r) => r.table_name);
  const deps = (
    await db.query<{ child: string; parent: string }>(
      `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
       WHERE c.contype = 'f' AND n.nspname = current_schema()`,
    )
  ).rows;
  const cols = (
    await db.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND is_generated = 'NEVER' ORDER BY table_name, ordinal_position`,
    )
  ).rows;
  const pks = (
    await db.query<{ table_name: string; column_name: string }>(
      `SELECT kcu.table_name, kcu.column_name FROM information_schema.table_constraints tc
       JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
       WHERE tc.table_schema = current_schema() AND tc.constraint_type = 'PRIMARY KEY' ORDER BY kcu.table_name, kcu.ordinal_position`,
    )
  ).rows;
  const strip = (s: string) => s.replace(/^"|"$/g, '').replace(/^.*\./, '');
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set()]));
  for (const d of deps) {
    const child = strip(d.child);
    const parent = strip(d.parent);
    if (child !== parent) parents.get(child)?.add(parent);
  }
  const ordered: string[] = [];
  const state = new Map<string, number>();
  const visit = (t: string) => {
    if (state.get(t) === 2) return;
    if (state.get(t) === 1) return; // a cycle: leave it to deferred constraints
    state.set(t, 1);
    for (const p of parents.get(t) ?? []) if (parents.has(p)) visit(p);
    state.set(t, 2);
    ordered.push(t);
  };
  tables.forEach(visit);
  return ordered.map((name) => {
    const columns = cols.filter((c) => c.table_name === name).map((c) => c.column_name);
    const pk = pks.filter((p) => p.table_name === name).map((p) => p.column_name);
    return { name, columns, orderBy: (pk.length ? pk : columns).map(q).join(', ') };
  });
}

async function migrationIds(db: Queryable): Promise<string[]> {
  return (await db.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id')).rows.map((r) => r.id);
}

/** Every row of every table, table by table, in a stable order (also used to compare two databases). */
export async function* dumpRows(db: Queryable, batch = 2000): AsyncGenerator<{ table: string; row: unknown }> {
  for (const t of await tablesInDependencyOrder(db)) {
    for (let offset = 0; ; offset += batch) {
      const rows = (await db.query<{ r: unknown }>(`SELECT to_jsonb(t) AS r FROM ${q(t.name)} t ORDER BY ${t.orderBy} LIMIT ${batch} OFFSET ${offset}`)).rows;
      for (const r of rows) yield { table: t.name, row: r.r };
      if (rows.length < batch) break;
    }
  }
}

export async function backup(db: Db, file: string): Promise<{ tables: number; rows: number }> {
  const gz = createGzip();
  const out = createWriteStream(file, { mode: 0o600 });
  gz.pipe(out);
  const write = async (obj: unknown) => {
    if (!gz.write(JSON.stringify(obj) + '\n')) await once(gz, 'drain');
  };
  // One consistent snapshot of the data.
  const counts: Record<string, number> = {};
  await db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    await write({ format: FORMAT, formatVersion: FORMAT_VERSION, createdAt: new Date().toISOString(), engine: db.kind, migrations: await migrationIds(tx) });
    for await (const { table, row } of dumpRows(tx)) {
      counts[table] = (counts[table] ?? 0) + 1;
      await write({ t: table, r: row });
    }
    await write({ end: true, counts });
  });
  gz.end();
  await once(out, 'close');
  return { tables: Object.keys(counts).length, rows: Object.values(counts).reduce((a, b) => a + b, 0) };
}

export async function restore(db: Db, file: string): Promise<{ tables: number; rows: number; audit: VerifyResult }> {
  let header: any = null;
  let footer: any = null;
  const counts: Record<string, number> = {};
  await db.transaction(async (tx) => {
    const existing = (await tx.query<{ n: number }>('SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM audit_log) AS n')).rows[0]!;
    if (Number(existing.n) > 0) throw new AppError(409, 'conflict', 'restore needs an empty database: this one already holds users or audit entries');
    const tables = new Map((await tablesInDependencyOrder(tx)).map((t) => [t.name, t]));
    await tx.query('DELETE FROM audit_head');
    let pendingTable = '';
    let pendingRows: unknown[] = [];
    const flush = async () => {
      if (pendingRows.length === 0) return;
      const t = tables.get(pendingTable)!;
      const cols = t.columns.map(q).join(', ');
      await tx.query(`INSERT INTO ${q(t.name)} (${cols}) SELECT ${cols} FROM jsonb_populate_recordset(NULL::${q(t.name)}, $1::jsonb)`, [JSON.stringify(pendingRows)]);
      pendingRows = [];
    };
    let lineNo = 0;
    // Opened only now, right before reading: lines emitted before the loop starts would be lost.
    const input = createReadStream(file).pipe(createGunzip());
    const lines = createInterface({ input, crlfDelay: Infinity });
    for await (const line of lines) {
      lineNo++;
      if (!line.trim()) continue;
      let obj: any;
      try {
        obj = JSON.parse(line);
      } catch {
        throw new AppError(400, 'validation', `backup line ${lineNo}: not JSON`);
      }
      if (lineNo === 1) {
        if (obj.format !== FORMAT) throw new AppError(400, 'validation', 'not a pocdesk backup');
        if (obj.formatVersion > FORMAT_VERSION) throw new AppError(400, 'validation', `backup format ${obj.formatVersion} is newer than this version of pocdesk reads`);
        const here = await migrationIds(tx);
        const missing = (obj.migrations as string[]).filter((m) => !here.includes(m));
        if (missing.length) throw new AppError(400, 'validation', `the backup comes from a newer schema (migrations ${missing.join(', ')}); upgrade pocdesk first`);
        header = obj;
        continue;
      }
      if (obj.end) {
        footer = obj;
        continue;
      }
      if (!tables.has(obj.t)) throw new AppError(400, 'validation', `backup line ${lineNo}: unknown table ${obj.t}`);
      if (pendingTable !== obj.t) {
        await flush();
        pendingTable = obj.t;
      }
      pendingRows.push(obj.r);
      counts[obj.t] = (counts[obj.t] ?? 0) + 1;
      if (pendingRows.length >= 1000) await flush();
    }
    await flush();
    if (!header) throw new AppError(400, 'validation', 'the backup is empty');
    if (!footer) throw new AppError(400, 'validation', 'the backup is truncated (no end marker)');
    for (const [table, n] of Object.entries(footer.counts as Record<string, number>)) {
      if ((counts[table] ?? 0) !== n) throw new AppError(400, 'validation', `the backup is inconsistent: table ${table} has ${counts[table] ?? 0} rows, expected ${n}`);
    }
  });
  const audit = await verifyAudit(db);
  return { tables: Object.keys(counts).length, rows: Object.values(counts).reduce((a, b) => a + b, 0), audit };
}
