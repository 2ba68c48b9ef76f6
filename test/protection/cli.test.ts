import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.ts';
import { ROOT } from '../../src/platform/app.ts';
import { dropCreatedDatabases, freshPostgresUrl } from '../helpers/engines.ts';

const BIN = join(ROOT, 'bin', 'pocdesk.js');

function pocdesk(storage: string[], args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...storage, ...args], { encoding: 'utf8', env: { ...process.env, POCDESK_LANG: 'en', POCDESK_USER: '', POCDESK_LOG: 'silent' }, timeout: 120_000 });
  let json: any = null;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    /* human output */
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json };
}

/**
 * The same program in this process (commander, the CLI kit, the database opened and closed per command),
 * with stdout captured: spawning a process per command costs seconds on a loaded machine.
 */
async function inProcess(storage: string[], args: string[]) {
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  (process.stdout as any).write = (c: unknown) => (chunks.push(String(c)), true);
  (process.stderr as any).write = () => true;
  const lang = process.env.POCDESK_LANG;
  process.env.POCDESK_LANG = 'en';
  process.exitCode = undefined;
  try {
    await buildProgram().parseAsync(['node', 'pocdesk', ...storage, ...args]);
  } finally {
    process.stdout.write = write;
    process.stderr.write = err;
    process.env.POCDESK_LANG = lang;
  }
  const status = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  const stdout = chunks.join('');
  let json: any = null;
  try {
    json = JSON.parse(stdout);
  } catch {
    /* human output */
  }
  return { status, stdout, stderr: '', json };
}

function cliSuite(name: string, storage: () => Promise<string[] | null>) {
  describe(`pocdesk protection commands [${name}]`, () => {
    let args: string[] | null = null;
    let dir = '';
    beforeAll(async () => {
      args = await storage();
      dir = await mkdtemp(join(tmpdir(), 'pocdesk-prot-'));
    });
    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
      await dropCreatedDatabases();
    });
    const run = (a: string[]) => inProcess(args!, a);

    it('alerts: receive, triage, respond, figures; a military planner never sees who called', async (c) => {
      if (!args) return c.skip();
      expect((await run(['user', 'add', 'planner', '--roles', 'military', '--json'])).status).toBe(0);
      const add = await run(['protection', 'alerts', 'add', '--received-at', '2024-05-02T19:40:00+02:00', '--channel', 'community-alert-network', '--threat', 'attack-on-civilians', '--area', 'CD6103', '--place', 'Kibabi', '--caller-name', 'Zawadi Furaha', '--caller-phone', '+243 990 000 111', '--json']);
      expect(add.status, add.stderr).toBe(0);
      const id = add.json.id;
      expect(add.json.callers.map((x: any) => x.name)).toEqual(['Zawadi Furaha']);
      const bad = await run(['protection', 'alerts', 'move', id, 'triaged', '--at', '2024-05-02T19:45:00+02:00', '--json']);
      expect(bad.status).toBe(2);
      expect(bad.json.error.problems[0].field).toBe('priority');
      expect((await run(['protection', 'alerts', 'move', id, 'triaged', '--priority', 'immediate', '--at', '2024-05-02T19:45:00+02:00', '--json'])).json.state).toBe('triaged');
      const resp = await run(['protection', 'alerts', 'respond', id, 'patrol', '--at', '2024-05-02T21:10:00+02:00', '--json']);
      expect(resp.json.minutes_to_first_response).toBe(90);
      const fig = await run(['protection', 'alerts', 'figures', '--by', 'threat_type', '--json']);
      expect(fig.json.total).toMatchObject({ alerts: 1, responded: 1, medianMinutes: 90 });
      const showArgs = ['--as', 'planner', 'protection', 'alerts', 'show', id, '--json'];
      // the real program, spawned once (on the embedded engine); the same program in this process otherwise
      const seen = name === 'pglite' ? pocdesk(args, showArgs) : await run(showArgs);
      expect(seen.status, seen.stderr).toBe(0);
      expect(seen.json.place).toBe('Kibabi');
      expect(seen.json.callers).toBeUndefined();
      expect(seen.stdout).not.toContain('Zawadi');
      const exp = await run(['--as', 'planner', 'protection', 'alerts', 'export']);
      expect(exp.stdout).toContain('Kibabi');
      expect(exp.stdout).not.toContain('Zawadi');
      expect((await run(['--as', 'planner', 'protection', 'search', 'Zawadi', '--json'])).json.hits).toEqual([]);
      expect((await run(['--as', 'planner', 'protection', 'search', 'kibabi', '--json'])).json.hits.map((h: any) => h.id)).toEqual([id]);
      const list = await run(['--as', 'planner', 'protection', 'alerts', 'list', '--json']);
      expect(list.json.items.map((a: any) => a.id)).toEqual([id]);
      expect(list.stdout).not.toContain('Zawadi');
      const made = await run(['protection', 'alerts', 'incident', id, '--fatalities', '3', '--json']);
      expect(made.status, made.stdout).toBe(0);
      expect(made.json.incident).toMatchObject({ date: '2024-05-02', fatalities: 3, act_types: ['physical-assault'] });
      expect(made.json.alert.incident_id).toBe(made.json.incident.id);
      const fr = await run(['--lang', 'fr', 'protection', 'alerts', 'show', id]);
      expect(fr.stdout).toContain('Triée');
      expect(fr.stdout).toContain('Zawadi Furaha');
    });

    it('threats, justice cases from a file, figures', async (c) => {
      if (!args) return c.skip();
      const t = await run(['protection', 'threats', 'add', '--title', 'Raids on Kibabi camp', '--threat', 'attack-on-civilians', '--likelihood', 'likely', '--impact', 'severe', '--tier', 'tier-2', '--phase', 'pre-emption', '--json']);
      expect(t.status, t.stderr).toBe(0);
      expect(t.json.score.band.code).toBe('critical');
      const file = join(dir, 'case.json');
      await writeFile(
        file,
        JSON.stringify({
          title: 'Audience foraine de Minova',
          court_type: 'mobile',
          crime_date: '2012-11-20',
          defendants: [
            { name: 'A', affiliation: 'army', rank_at_crime: 'Soldat', outcome: 'convicted' },
            { name: 'B', affiliation: 'army', rank_at_crime: 'Lieutenant-colonel', outcome: 'acquitted' },
          ],
        }),
      );
      const cs = await run(['protection', 'justice', 'add-case', '--file', file, '--json']);
      expect(cs.status, cs.stderr).toBe(0);
      expect(cs.json.defendants.map((d: any) => d.rank_band.code)).toEqual(['rank-and-file', 'senior-officers']);
      const f = await run(['protection', 'justice', 'figures', '--json']);
      expect(f.json.byAffiliation.find((r: any) => r.key === 'army')).toMatchObject({ defendants: 2, convictions: 1, acquittals: 1 });
      const planner = await run(['--as', 'planner', 'protection', 'justice', 'add-case', '--title', 'x', '--court', 'military', '--json']);
      expect(planner.status).toBe(2);
      expect(planner.json.error.code).toBe('forbidden');
    });
  });
}

cliSuite('pglite', async () => {
  const d = await mkdtemp(join(tmpdir(), 'pocdesk-cli-prot-'));
  return ['--data', d];
});
cliSuite('postgres', async () => {
  const url = await freshPostgresUrl();
  return url ? ['--database-url', url] : null;
});
