import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './types.ts';

/**
 * Migrations are plain PostgreSQL files kept beside each domain: src/<domain>/migrations/NNNN_name.sql.
 * They are applied in the order of their number across all domains, each once, each in its own
 * transaction, and recorded with a checksum so an edited migration is detected rather than ignored.
 * Number ranges: platform 0001-0099, registry 0100-, incidents 0200-, hrddp 0300-, screening 0400-,
 * relations 0500-, protection 0600-, reports 0700-.
 */
export interface Migration {
  id: string;
  file: string;
  sql: string;
  checksum: string;
}

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function listMigrations(srcDir = SRC): Migration[] {
  const out: Migration[] = [];
  for (const domain of readdirSync(srcDir, { withFileTypes: true })) {
    if (!domain.isDirectory()) continue;
    const dir = join(srcDir, domain.name, 'migrations');
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) {
      if (!/^\d{4}_[\w-]+\.sql$/.test(f)) continue;
      const sql = readFileSync(join(dir, f), 'utf8');
      out.push({ id: f.replace(/\.sql$/, ''), file: `${domain.name}/migrations/${f}`, sql, checksum: createHash('sha256').update(sql).digest('hex') });
    }
  }
  out.sort((a, b) => a.id.localeCompare(b.id));
  const seen = new Map<string, string>();
  for (const m of out) {
    const n = m.id.slice(0, 4);
    if (seen.has(n)) throw new Error(`two migrations share the number ${n}: ${seen.get(n)} and ${m.file}`);
    seen.set(n, m.file);
  }
  return out;
}

export async function migrate(db: Db, log: (msg: string) => void = () => {}): Promise<string[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: string[] = [];
  const migrations = listMigrations();
  // Serialise migrators on a server (several app processes starting at once).
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7001001)');
    const done = new Map(
      (await tx.query<{ id: string; checksum: string }>('SELECT id, checksum FROM schema_migrations')).rows.map((r) => [r.id, r.checksum]),
    );
    for (const m of migrations) {
      const prior = done.get(m.id);
      if (prior !== undefined) {
        if (prior !== m.checksum) throw new Error(`migration ${m.file} was changed after it was applied; add a new migration instead`);
        continue;
      }
      log(`applying migration ${m.id}`);
      // Migrations may hold several statements; run them as one simple-protocol script inside this transaction.
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (id, checksum) VALUES ($1, $2)', [m.id, m.checksum]);
      applied.push(m.id);
    }
  });
  return applied;
}
