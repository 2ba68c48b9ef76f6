/** pocdesk hrddp and pocdesk report hrddp, spawned as a user would, on both engines. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropCreatedDatabases, freshPostgresUrl } from '../helpers/engines.ts';
import { cli } from '../helpers/process.ts';
import { systemActor } from '../../src/platform/access/policy.ts';
import { openApp, storageOptions } from '../../src/platform/app.ts';
import { context } from '../../src/platform/store.ts';
import { createUnit } from '../../src/registry/service.ts';

function suite(name: string, storage: () => Promise<string[] | null>) {
  describe(`pocdesk hrddp commands [${name}]`, () => {
    let args: string[] | null = null;
    let dir = '';
    beforeAll(async () => {
      args = await storage();
      dir = await mkdtemp(join(tmpdir(), 'pocdesk-hrddp-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
      await dropCreatedDatabases();
    });
    const run = (a: string[], lang = 'en') => cli([...args!, ...a], { POCDESK_LANG: lang, POCDESK_USER: '' });

    it('files a request, screens its scope, moves it, and reports compliance, in JSON and in French', async (c) => {
      if (!args) return c.skip();
      // the registry is seeded in process (its own CLI is tested with the registry)
      const db = await openApp(storageOptions(args[0] === '--data' ? { data: args[1] } : { databaseUrl: args[1] }));
      const unit = { json: await createUnit(context(db, systemActor('test')), { name: '3e Bataillon de police mobile', classifications: ['police'] }) };
      await db.close();
      const file = join(dir, 'request.json');
      await writeFile(file, JSON.stringify({ title: 'Carburant pour le 3e bataillon', requesting_component: 'police', requested_on: '2016-03-01', support: [{ kind: 'logistical', sub_kind: 'fuel' }], recipients: [{ unit_id: unit.json.id, type: 'police' }] }));
      const added = await run(['hrddp', 'request', 'add', file, '--json']);
      expect(added.status, added.stderr).toBe(0);
      expect(added.json).toMatchObject({ state: 'draft', requesting_component: 'police', recipient_unit_ids: [unit.json.id] });
      const id = added.json.id;
      const moved = await run(['hrddp', 'request', 'move', id, 'submitted', '--date', '2016-03-02', '--json']);
      expect(moved.json).toMatchObject({ from: 'draft', to: 'submitted', transition: 'submit' });
      const scope = await run(['hrddp', 'request', 'scope', id], 'fr');
      expect(scope.status, scope.stderr).toBe(0);
      expect(scope.stdout).toContain('La politique de diligence voulue s’applique');
      const report = await run(['report', 'hrddp', '--group-by', 'component', '--json']);
      expect(report.status, report.stderr).toBe(0);
      expect(report.json.total).toMatchObject({ requests: 1, supportDelivered: 0, decided: 0, waivers: 0 });
      expect(report.json.groups.map((g: any) => g.group)).toEqual([{ component: 'police' }]);
      const bad = await run(['hrddp', 'request', 'move', id, 'approved', '--json']);
      expect(bad.status).toBe(2);
      expect(bad.json.error.code).toBe('conflict');
    });
  });
}

suite('pglite', async () => {
  const d = await mkdtemp(join(tmpdir(), 'pocdesk-hrddp-db-'));
  return ['--data', d];
});
suite('postgres', async () => {
  const url = await freshPostgresUrl();
  return url ? ['--database-url', url] : null;
});
