import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropCreatedDatabases, freshPostgresUrl } from '../helpers/engines.ts';
import { cli } from '../helpers/process.ts';

/** Several spawned commands per test; a shared, loaded machine makes each take many seconds. */
const SLOW = 600_000;

function pocdesk(storage: string[], args: string[], lang = 'en') {
  return cli([...storage, ...args], { POCDESK_LANG: lang, POCDESK_USER: '' }, undefined, 180_000);
}

function cliSuite(name: string, storage: (dir: string) => Promise<string[] | null>) {
  describe(`pocdesk relations commands [${name}]`, () => {
    let args: string[] | null = null;
    let dir = '';
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'pocdesk-relations-'));
      args = await storage(dir);
    });
    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
      await dropCreatedDatabases();
    });
    const run = (a: string[], lang?: string) => pocdesk(args!, a, lang);
    const okJson = async (a: string[]) => {
      const r = await run([...a, '--json']);
      if (r.status !== 0) throw new Error(`${a.join(' ')}: ${r.status} ${r.stdout} ${r.stderr}`);
      return r.json;
    };

    it('records restrictions, an engagement with a commitment, leverage and force, and moves the commitment to broken', async (c) => {
      if (!args) return c.skip();
      ids.army = (await okJson(['registry', 'add-unit', 'Forces armées de Zembla', '--classification', 'army', '--level', 'national'])).id;
      const file = join(dir, 'restrictions.json');
      await writeFile(
        file,
        JSON.stringify([
          { occurred_on: '2024-03-02', type: 'visa-delayed', actor_unit: 'Forces armées de Zembla', area: 'ZM01', description: 'Visas of three human rights officers held for four months' },
          { occurred_on: '2024-03-20', type: 'movement-denied-checkpoint', actor_unit: ids.army, area: 'ZM02', prevented: ['patrol'] },
        ]),
      );
      expect((await okJson(['relations', 'add', 'restrictions', '--file', file])).created).toBe(2);
      const e = await okJson(['relations', 'add', 'engagement', '--fields', JSON.stringify({ occurred_on: '2024-03-25', actor_unit: ids.army, tier: 'strategic', scope: 'national', outcome: 'commitment-obtained', summary: 'SRSG meets the army chief on the visa backlog', commitments: [{ summary: 'Issue the pending visas', due_on: '2024-04-30' }] })]);
      ids.commitment = e.commitments[0].id;
      const broken = await okJson(['relations', 'status', ids.commitment, 'broken', '--date', '2024-05-10', '--note', 'visas still pending']);
      expect(broken).toMatchObject({ status: 'broken', version: 2 });
      ids.leverage = (await okJson(['relations', 'add', 'leverage', '--set', `actor_unit=${ids.army}`, '--set', 'tool=security-council', '--set', 'occurred_on=2024-05-20', '--set', 'summary=Briefing to the Council on the visa backlog', '--set', 'partners=["DPO","AU"]'])).id;
      ids.force = (await okJson(['relations', 'add', 'force', '--set', 'occurred_on=2024-05-21', '--set', 'level=show-of-force', '--set', 'target_type=state-army', '--set', `target_unit=${ids.army}`, '--set', 'purpose=Deter an attack on the Kasenyi displacement site'])).id;
    }, SLOW);

    it('answers the status-of-forces tables, the consent series, escalation and force figures, in JSON and in French', async (c) => {
      if (!args) return c.skip();
      const sofa = await okJson(['relations', 'sofa', '--by', 'area', '--from', '2024-01-01', '--to', '2024-12-31']);
      expect(sofa.tables.area.rows.map((r: any) => [r.key, r.count])).toEqual([['ZM01', 1], ['ZM02', 1]]);
      const consent = await okJson(['relations', 'consent', '--actor', 'Forces armées de Zembla', '--from', '2024-01', '--to', '2024-06-30']);
      expect(consent.points).toHaveLength(6);
      expect(consent.points[4].contributions.map((x: any) => x.kind).sort()).toEqual(['commitment', 'engagement', 'restriction', 'restriction']);
      expect(consent.points[4].value).toBeLessThan(consent.points[1].value);
      const human = await run(['relations', 'consent', '--actor', ids.army, '--from', '2024-03', '--to', '2024-03-31'], 'fr');
      expect(human.status, human.stderr).toBe(0);
      expect(human.stdout).toContain('Indice de consentement');
      expect(human.stdout).toContain('Visas of three human rights officers');
      expect(await okJson(['relations', 'force'])).toMatchObject({ total: 1, againstState: 1 });
      const csvFile = join(dir, 'leverage.csv');
      expect((await okJson(['relations', 'export', 'leverage', '--format', 'csv', '--out', csvFile])).count).toBe(1);
      expect(await readFile(csvFile, 'utf8')).toContain('Briefing to the Council on the visa backlog');
    }, SLOW);

    it('a viewer cannot read relations at all, and a military planner does not see leverage or force records', async (c) => {
      if (!args) return c.skip();
      await okJson(['user', 'add', 'reader', '--roles', 'viewer']);
      await okJson(['user', 'add', 'planner', '--roles', 'military']);
      for (const a of [['relations', 'list', 'leverage'], ['relations', 'export', 'force']]) {
        const r = await run(['--as', 'reader', ...a, '--json']);
        expect(r.status, a.join(' ')).toBe(2);
        expect(r.json.error.code).toBe('forbidden');
      }
      expect((await okJson(['--as', 'planner', 'relations', 'list', 'leverage'])).items).toEqual([]);
      expect((await okJson(['--as', 'planner', 'relations', 'export', 'force'])).items).toEqual([]);
      const show = await run(['--as', 'planner', 'relations', 'show', 'leverage', ids.leverage!, '--json']);
      expect(show.status).toBe(2);
      expect(show.json.error.code).toBe('not-found');
    }, SLOW);
  });
}

cliSuite('pglite', async (dir) => ['--data', join(dir, 'data')]);
cliSuite('postgres', async () => {
  const url = await freshPostgresUrl();
  return url ? ['--database-url', url] : null;
});
