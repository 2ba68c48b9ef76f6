import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropCreatedDatabases, freshPostgresUrl } from '../helpers/engines.ts';
import { cli } from '../helpers/process.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/sfm/', import.meta.url));

function pocdesk(storage: string[], args: string[]) {
  return cli([...storage, ...args], { POCDESK_LANG: 'en', POCDESK_USER: '' });
}

const KEYS = ['incidents', 'locations', 'persons', 'postings', 'problems', 'relations', 'units'];

function cliSuite(name: string, storage: () => Promise<string[] | null>) {
  describe(`pocdesk registry commands [${name}]`, () => {
    let args: string[] | null = null;
    const dirs: string[] = [];
    beforeAll(async () => {
      args = await storage();
    });
    afterAll(async () => {
      for (const d of dirs) await rm(d, { recursive: true, force: true });
      await dropCreatedDatabases();
    });
    const run = (a: string[]) => pocdesk(args!, a);

    it('import sfm refuses a workbook with errors (exit 2, nothing imported), then imports the fixture', async (c) => {
      if (!args) return c.skip();
      const bad = await run(['import', 'sfm', join(FIXTURES, 'bad'), '--json']);
      expect(bad.status).toBe(2);
      expect(Object.keys(bad.json).sort()).toEqual(KEYS);
      expect(bad.json.units).toBe(0);
      expect(bad.json.problems.find((p: any) => p.sheet === 'xf_units' && p.row === 16)).toMatchObject({ column: 'unit:first_cited_date', severity: 'error' });
      const ok = await run(['import', 'sfm', join(FIXTURES, 'workbook'), '--json']);
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.json).toEqual({ units: 18, persons: 15, postings: 17, relations: 20, locations: 11, incidents: 5, problems: [] });
      const again = await run(['import', 'sfm', join(FIXTURES, 'workbook'), '--json']);
      expect(again.json).toEqual(ok.json);
    });

    it('chain, tree and career answer in JSON and in French', async (c) => {
      if (!args) return c.skip();
      const chain = await run(['chain', "2e Bataillon d'Infanterie Territoriale", '--at', '2017-06-01', '--json']);
      expect(chain.status, chain.stderr).toBe(0);
      expect(chain.json.levels.map((l: any) => l.unit.name)).toEqual(["2e Bataillon d'Infanterie Territoriale", "1re Brigade d'Infanterie", '1re Région militaire', 'État-major général des Forces armées kamboréennes', 'Ministère de la Défense nationale et des Anciens Combattants']);
      expect(chain.json.levels[0].commanders.map((x: any) => x.person.name)).toEqual(['Hervé Kpanou']);
      const after = await run(['chain', '46c1e818-5a9e-53f5-8d46-91e0b679da6f', '--at', '2019-06-01', '--json']);
      expect(after.json.levels[1].unit.name).toBe("3e Brigade d'Infanterie Motorisée");
      const fr = await run(['--lang', 'fr', 'chain', '2e BIT', '--at', '2019-06-01']);
      expect(fr.stdout).toContain('Chaîne de commandement de 2e Bataillon');
      expect(fr.stdout).toContain('Hervé Kpanou');
      const tree = await run(['tree', 'Force opérationnelle conjointe Tonnerre', '--at', '2019-06-01', '--json']);
      expect(tree.json.tree.members.length).toBe(4);
      const career = await run(['career', 'Zanga-Mobi', '--json']);
      expect(career.json.career.map((p: any) => p.unit.name)).toEqual(['Unité spéciale de lutte contre le grand banditisme', 'Direction générale de la Police nationale']);
      const bad = await run(['chain', '2e BIT', '--at', '2019', '--json']);
      expect(bad.status).toBe(2);
      expect(bad.json.error.code).toBe('validation');
    });

    it('registry search, add-unit, add-person, add-posting, dossier and export', async (c) => {
      if (!args) return c.skip();
      const hits = await run(['registry', 'search', 'colonel', 'major', 'NGASSA', '--json']);
      expect(hits.json.hits[0]).toMatchObject({ type: 'person', name: 'Théodore Ngassa' });
      expect(hits.json.hits[0].score).toBeGreaterThan(0.85);
      const unit = await run(['registry', 'add-unit', 'Compagnie de Tindali', '--classification', 'army', '--parent', "2e Bataillon d'Infanterie Territoriale", '--start', '2020-01', '--json']);
      expect(unit.status, unit.stderr).toBe(0);
      const person = await run(['registry', 'add-person', 'Samuel Dokoro', '--alias', 'Capitaine Dokoro', '--json']);
      const posting = await run(['registry', 'add-posting', person.json.id, unit.json.id, '--role', 'Commandant', '--rank', 'Capitaine', '--start', '2020-02', '--json']);
      expect(posting.status, posting.stderr).toBe(0);
      const chain = await run(['chain', unit.json.id, '--at', '2020-06-01', '--json']);
      expect(chain.json.levels.map((l: any) => l.unit.name).slice(0, 3)).toEqual(['Compagnie de Tindali', "2e Bataillon d'Infanterie Territoriale", "3e Brigade d'Infanterie Motorisée"]);
      expect(chain.json.levels[0].commanders[0].person.name).toBe('Samuel Dokoro');
      const dossier = await run(['registry', 'dossier', 'Samuel Dokoro', '--type', 'person', '--json']);
      expect(dossier.json.career[0].unit.name).toBe('Compagnie de Tindali');
      const source = await run(['registry', 'add-source', 'Entretien avec un témoin', '--kind', 'interview', '--json']);
      expect(source.json.sensitivity).toBe('restricted');
      const out = await mkdtemp(join(tmpdir(), 'pocdesk-export-'));
      dirs.push(out);
      const exp = await run(['registry', 'export', '--format', 'sfm', '--out', out, '--json']);
      expect(exp.status, exp.stderr).toBe(0);
      expect((await readdir(out)).sort()).toEqual(['persons.csv', 'units.csv', 'xf_incidents.csv', 'xf_locations.csv', 'xf_persons.csv', 'xf_persons_extra.csv', 'xf_units.csv', 'xg_units.csv']);
      const popolo = await run(['registry', 'export', '--json']);
      expect(popolo.json.organizations.length).toBe(19);
      expect(existsSync(join(out, 'xf_units.csv'))).toBe(true);
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
