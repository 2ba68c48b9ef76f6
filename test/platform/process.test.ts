import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dropCreatedDatabases, freshPostgresUrl } from '../helpers/engines.ts';
import { cli, httpSession, startServer, stopServer } from '../helpers/process.ts';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'pocdesk-'));
  dirs.push(d);
  return d;
};
afterAll(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  await dropCreatedDatabases();
});

describe('embedded database directory', () => {
  it('a second server on the same data directory exits at once naming the holder’s pid', async () => {
    const dir = tmp();
    const first = await startServer(['--data', dir]);
    try {
      const t0 = Date.now();
      const second = await cli(['--data', dir, 'serve', '--port', '0']);
      expect(second.status).not.toBe(0);
      expect(second.stderr).toContain(`pid ${first.proc.pid}`);
      expect(Date.now() - t0).toBeLessThan(20_000);
      // the CLI refuses the same way rather than opening the files twice
      const third = await cli(['--data', dir, 'user', 'list']);
      expect(third.status).not.toBe(0);
      expect(third.stderr).toContain(`pid ${first.proc.pid}`);
    } finally {
      await stopServer(first);
    }
    // released on a clean stop
    expect(existsSync(join(dir, 'pocdesk.lock'))).toBe(false);
  });

  it('recovers from a stale lock and a stale postmaster.pid left by a crash', async () => {
    const dir = tmp();
    const s = await startServer(['--data', dir]);
    await stopServer(s, 'SIGKILL');
    expect(existsSync(join(dir, 'pocdesk.lock'))).toBe(true);
    writeFileSync(join(dir, 'pgdata', 'postmaster.pid'), '999999\n/tmp\n');
    const again = await startServer(['--data', dir]);
    expect(again.startedInMs).toBeLessThan(10_000 + 5_000);
    await stopServer(again);
  });
});

async function crashScenario(storage: string[], env: Record<string, string | undefined>) {
  const server = await startServer(storage, env);
  expect(server.adminPassword).toBeTruthy();
  const api = await httpSession(server.url, 'admin', server.adminPassword!);
  const acknowledged: string[] = [];
  let stop = false;
  // Two writers in parallel, then kill -9 while they are mid-stream.
  const writer = async (w: number) => {
    for (let i = 0; !stop; i++) {
      const name = `w${w}-n${i}`;
      try {
        const r = await api('POST', '/api/v1/users', { username: name, roles: ['viewer'] });
        if (r.status === 201) acknowledged.push(name);
      } catch {
        return; // connection cut by the kill
      }
    }
  };
  const writers = [writer(1), writer(2)];
  while (acknowledged.length < 15) await new Promise((r) => setTimeout(r, 20));
  server.proc.kill('SIGKILL');
  stop = true;
  await Promise.all(writers);
  await server.exited;

  const t0 = Date.now();
  const again = await startServer(storage, env);
  const openMs = Date.now() - t0;
  try {
    const api2 = await httpSession(again.url, 'admin', server.adminPassword!);
    const users = (await api2('GET', '/api/v1/users')).body.users.map((u: any) => u.username);
    const lost = acknowledged.filter((n) => !users.includes(n));
    expect(lost).toEqual([]);
    expect((await api2('GET', '/api/v1/audit/verify')).body.ok).toBe(true);
  } finally {
    await stopServer(again);
  }
  return { acknowledged: acknowledged.length, openMs };
}

describe('acknowledged writes survive kill -9', () => {
  it('embedded engine', async () => {
    const dir = tmp();
    const r = await crashScenario(['--data', dir], {});
    expect(r.acknowledged).toBeGreaterThanOrEqual(15);
    expect(r.openMs).toBeLessThan(10_000);
  });
  it.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL server', async () => {
    const url = (await freshPostgresUrl())!;
    const r = await crashScenario([], { DATABASE_URL: url });
    expect(r.acknowledged).toBeGreaterThanOrEqual(15);
  });
});

describe('CLI', () => {
  it('every command prints only JSON with --json and fails with a clear message', async () => {
    const dir = tmp();
    const add = await cli(['--data', dir, '--json', 'user', 'add', 'amina', '--roles', 'human-rights']);
    expect(add.status).toBe(0);
    expect(add.json.user.roles).toEqual(['human-rights']);
    expect(add.json.oneTimePassword).toMatch(/\w{5}-\w{5}/);
    const list = await cli(['--data', dir, '--json', 'user', 'list']);
    expect(list.json.users.map((u: any) => u.username)).toEqual(['amina']);
    const bad = await cli(['--data', dir, '--json', 'user', 'add', 'x y', '--roles', 'general']);
    expect(bad.status).not.toBe(0);
    expect(bad.json.error.problems[0].field).toBe('username');
    const fr = await cli(['--data', dir, '--lang', 'fr', 'user', 'add', 'amina', '--roles', 'viewer']);
    expect(fr.status).not.toBe(0);
    expect(fr.stderr).toMatch(/^Erreur/);
    const tok = await cli(['--data', dir, '--json', 'token', 'create', 'amina', '--name', 'sync']);
    expect(tok.json.token).toMatch(/^pdk_/);
    expect((await cli(['--data', dir, '--json', 'token', 'revoke', tok.json.id])).json.revoked).toBe(true);
    const dis = await cli(['--data', dir, 'user', 'disable', 'amina', '--reason', 'left the mission']);
    expect(dis.status).toBe(0);
    expect(dis.stdout).toContain('amina');
  });

  it('settings are changed from a file, validated and versioned; --as applies the user’s permissions', async () => {
    const dir = tmp();
    await cli(['--data', dir, 'user', 'add', 'vic', '--roles', 'viewer']);
    const cur = (await cli(['--data', dir, '--json', 'settings', 'get', 'auth.policy'])).json.value;
    const f = join(dir, 'policy.json');
    writeFileSync(f, JSON.stringify({ ...cur, maxFailedLogins: 3 }));
    expect((await cli(['--data', dir, '--json', '--as', 'vic', 'settings', 'set', 'auth.policy', f])).status).not.toBe(0);
    const ok = await cli(['--data', dir, '--json', 'settings', 'set', 'auth.policy', f, '-m', 'tighter lockout']);
    expect(ok.json.version).toBe(1);
    writeFileSync(f, JSON.stringify({ ...cur, maxFailedLogins: 'three' }));
    const bad = await cli(['--data', dir, '--json', 'settings', 'set', 'auth.policy', f]);
    expect(bad.json.error.problems[0].field).toBe('value.maxFailedLogins');
    expect((await cli(['--data', dir, '--json', 'settings', 'get', 'auth.policy'])).json.versions).toHaveLength(1);
  });

  it('audit verify reports the first entry altered with raw SQL', async () => {
    const dir = tmp();
    for (const u of ['a1', 'a2', 'a3']) await cli(['--data', dir, 'user', 'add', u, '--roles', 'viewer']);
    expect((await cli(['--data', dir, '--json', 'audit', 'verify'])).json).toMatchObject({ ok: true, checked: 3 });
    const { openDatabase } = await import('../../src/platform/db/index.ts');
    const db = await openDatabase({ dataDir: dir });
    await db.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'nobody' WHERE seq = 2; ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;`);
    await db.close();
    const v = await cli(['--data', dir, '--json', 'audit', 'verify']);
    expect(v.status).not.toBe(0);
    expect(v.json.firstBad.seq).toBe(2);
    const human = await cli(['--data', dir, 'audit', 'verify']);
    expect(human.stdout).toContain('2');
  });
});

void readFileSync;
