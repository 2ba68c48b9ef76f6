import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../src/platform/app.ts';
import { dropCreatedDatabases, freshPostgresUrl } from '../helpers/engines.ts';
import { cli } from '../helpers/process.ts';

const ACLED = (layout: string) => fileURLToPath(new URL(`../fixtures/acled/${layout}/data.csv`, import.meta.url));
const UCDP_REAL = join(ROOT, '..', 'shared', 'data', 'ucdp-ged-south-sudan-2011-2021.csv');
const SECRET = /Quomodo|Yelvington/;

const pocdesk = (storage: string[], args: string[]) => cli([...storage, ...args], { POCDESK_LANG: 'en', POCDESK_USER: '' });

function cliSuite(name: string, storage: () => Promise<string[] | null>) {
  describe(`pocdesk import acled|ucdp and incidents commands [${name}]`, () => {
    let args: string[] | null = null;
    const dirs: string[] = [];
    beforeAll(async () => {
      args = await storage();
      if (args && args[0] === '--data') dirs.push(args[1]!);
    });
    afterAll(async () => {
      for (const d of dirs) await rm(d, { recursive: true, force: true });
      await dropCreatedDatabases();
    });
    const run = (a: string[]) => pocdesk(args!, a);

    it('imports refuse a file with errors (exit 2, nothing imported), then import ACLED and UCDP; --json prints the counts only', async (c) => {
      if (!args) return c.skip();
      const bad = await run(['import', 'acled', ACLED('errors'), '--json']);
      expect(bad.status).toBe(2);
      expect(Object.keys(bad.json).sort()).toEqual(['created', 'events', 'problems', 'skipped', 'updated']);
      expect(bad.json.created).toBe(0);
      expect(bad.json.problems.find((p: any) => p.line === 6)).toMatchObject({ column: 'event_date', severity: 'error', code: 'bad-date' });
      const ok = await run(['import', 'acled', ACLED('layout2-2019-2023'), '--json']);
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.json).toMatchObject({ events: 12, created: 12, updated: 0, skipped: 0 });
      const fr = await run(['--lang', 'fr', 'import', 'acled', ACLED('layout2-2019-2023')]);
      expect(fr.status).toBe(0);
      expect(fr.stdout).toMatch(/12 événements lus : 0 créés, 0 révisés, 12 inchangés/);
      const stats = await run(['incidents', 'stats', '--group-by', 'year,source', '--where', 'source=acled', '--json']);
      expect(stats.json).toEqual([2019, 2020, 2021, 2022].map((year) => ({ year, source: 'acled', count: 3, fatalities: expect.any(Number) })));
      expect(stats.json.reduce((s: number, r: any) => s + r.fatalities, 0)).toBe(34);
    });

    it.skipIf(!existsSync(UCDP_REAL))('the UCDP South Sudan file imports with progress on stderr and clean JSON on stdout', async (c) => {
      if (!args) return c.skip();
      const r = await run(['import', 'ucdp', UCDP_REAL, '--json']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.json).toMatchObject({ events: 941, created: 941, updated: 0, skipped: 0 });
      expect(r.stderr).toMatch(/rows read/);
    });

    it('a viewer sees neither named victims nor who the sources are, in show and export', async (c) => {
      if (!args) return c.skip();
      const dir = await mkdtemp(join(tmpdir(), 'pocdesk-inc-'));
      dirs.push(dir);
      const file = join(dir, 'incident.json');
      writeFileSync(
        file,
        JSON.stringify({
          summary: 'Arrestations arbitraires à Kaga',
          date: '2020-02',
          admin1: 'Kémo',
          acts: [{ act_type: 'arbitrary-arrest', victims: 3 }],
          perpetrators: [{ perpetrator_type: 'police', involvement: 'direct-perpetrator', confidence: 'medium' }],
          named_victims: [{ name: 'Odile Quomodo' }],
          sources: [{ kind: 'witness', title: 'Entretien', identity: 'Informateur Yelvington' }, { kind: 'ngo-report', title: 'Rapport public LDH 2020' }],
        }),
      );
      const added = await run(['incidents', 'add', file, '--json']);
      expect(added.status, added.stderr).toBe(0);
      const id = added.json.id;
      expect(JSON.stringify(added.json)).toMatch(SECRET);
      const user = await run(['user', 'add', 'reader', '--roles', 'viewer', '--json']);
      expect(user.status, user.stderr).toBe(0);
      const shown = await run(['--as', 'reader', 'incidents', 'show', id, '--json']);
      expect(shown.status, shown.stderr).toBe(0);
      expect(shown.json.named_victims).toEqual([]);
      expect(shown.json.sources.map((s: any) => s.title)).toEqual(['Rapport public LDH 2020']);
      expect(shown.stdout).not.toMatch(SECRET);
      const exp = await run(['--as', 'reader', 'incidents', 'export', '--format', 'csv', '--source', 'manual']);
      expect(exp.status, exp.stderr).toBe(0);
      const rows = parseCsv(exp.stdout.trim()) as string[][];
      expect(rows[1]).toContain('#event+id');
      expect(rows.length).toBe(3);
      expect(exp.stdout).toMatch(/Kaga/);
      expect(exp.stdout).not.toMatch(SECRET);
      const denied = await run(['--as', 'reader', 'incidents', 'verify', id, 'verified', '--reason', 'x', '--json']);
      expect(denied.status).toBe(2);
      expect(denied.json.error.code).toBe('forbidden');
    });
  });
}

cliSuite('pglite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pocdesk-cli-'));
  return ['--data', dir];
});
cliSuite('postgres', async () => {
  const url = await freshPostgresUrl();
  return url ? ['--database-url', url] : null;
});
