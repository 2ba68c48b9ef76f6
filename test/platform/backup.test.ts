import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { actorFor, DEFAULT_ROLE_POLICY, systemActor } from '../../src/platform/access/policy.ts';
import { openApp } from '../../src/platform/app.ts';
import { verifyAudit } from '../../src/platform/audit/audit.ts';
import { createUser, createToken } from '../../src/platform/auth/service.ts';
import { backup, dumpRows, restore } from '../../src/platform/backup.ts';
import type { Db } from '../../src/platform/db/types.ts';
import { setSetting } from '../../src/platform/settings/settings.ts';
import { context } from '../../src/platform/store.ts';
import { dropCreatedDatabases, engines } from '../helpers/engines.ts';
import { cli } from '../helpers/process.ts';

const dir = mkdtempSync(join(tmpdir(), 'pocdesk-backup-'));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await dropCreatedDatabases();
});

async function everything(db: Db) {
  const out: string[] = [];
  for await (const r of dumpRows(db)) out.push(`${r.table} ${JSON.stringify(r.row)}`);
  return out;
}

async function seed(db: Db) {
  const sys = context(db, systemActor('seed'));
  await createUser(sys, { username: 'amani', roles: ['human-rights'], compartments: ['op-kimia'], language: 'fr' });
  await createUser(sys, { username: 'boris', roles: ['viewer'] });
  const admin = context(db, actorFor({ id: 'x', username: 'root', roles: ['admin'] }, DEFAULT_ROLE_POLICY));
  await createToken(admin, 'amani', 'sync');
  await setSetting(admin, 'auth.policy', { maxFailedLogins: 4, lockoutMinutes: 30, sessionHours: 10, minPasswordLength: 14 }, 'HQ guidance — accents: é à ç');
}

describe('backup and restore', () => {
  const list = engines();
  const pairs: [string, string][] = list.flatMap((a) => list.map((b) => [a.name, b.name] as [string, string]));
  for (const [from, to] of pairs) {
    it(`round-trips ${from} → ${to}, every table equal, audit chain re-verified`, async () => {
      const src = await list.find((e) => e.name === from)!.fresh();
      const dst = await list.find((e) => e.name === to)!.fresh();
      try {
        await seed(src);
        const file = join(dir, `${from}-${to}.pocdesk.gz`);
        const b = await backup(src, file);
        expect(b.rows).toBeGreaterThan(5);
        const r = await restore(dst, file);
        expect(r.audit.ok).toBe(true);
        expect(r.audit.checked).toBe((await verifyAudit(src)).checked);
        expect(await everything(dst)).toEqual(await everything(src));
        // a restore never lands on top of existing data
        await expect(restore(dst, file)).rejects.toThrow(/empty database/);
      } finally {
        await src.close();
        await dst.close();
      }
    });
  }

  it('refuses a truncated or foreign file and leaves the target untouched', async () => {
    const db = await openApp({ memory: true });
    try {
      const junk = join(dir, 'junk.gz');
      writeFileSync(junk, (await import('node:zlib')).gzipSync('{"format":"other"}\n'));
      await expect(restore(db, junk)).rejects.toThrow(/not a pocdesk backup/);
      const src = await openApp({ memory: true });
      await seed(src);
      const full = join(dir, 'full.gz');
      await backup(src, full);
      await src.close();
      const zlib = await import('node:zlib');
      const { readFileSync } = await import('node:fs');
      const lines = zlib.gunzipSync(readFileSync(full)).toString().trim().split('\n');
      const cut = join(dir, 'cut.gz');
      writeFileSync(cut, zlib.gzipSync(lines.slice(0, -1).join('\n') + '\n'));
      await expect(restore(db, cut)).rejects.toThrow(/truncated/);
      expect((await db.query('SELECT count(*)::int AS n FROM users')).rows[0]!.n).toBe(0);
    } finally {
      await db.close();
    }
  });

  it('works from the CLI: backup on one data directory, restore on another', async () => {
    const a = join(dir, 'cli-a');
    const b = join(dir, 'cli-b');
    await cli(['--data', a, 'user', 'add', 'chantal', '--roles', 'protection']);
    const file = join(dir, 'cli.pocdesk.gz');
    const bk = await cli(['--data', a, '--json', 'backup', file]);
    expect(bk.status).toBe(0);
    const rs = await cli(['--data', b, '--json', 'restore', file]);
    expect(rs.status).toBe(0);
    expect(rs.json.audit.ok).toBe(true);
    expect((await cli(['--data', b, '--json', 'user', 'list'])).json.users.map((u: any) => u.username)).toEqual(['chantal']);
  });
});
