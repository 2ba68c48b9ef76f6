import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../src/platform/app.ts';
import { dropCreatedDatabases, freshPostgresUrl } from '../helpers/engines.ts';

const BIN = join(ROOT, 'bin', 'pocdesk.js');
const FIX = fileURLToPath(new URL('../fixtures/screening/', import.meta.url));

function pocdesk(storage: string[], args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...storage, ...args], { encoding: 'utf8', env: { ...process.env, POCDESK_LANG: 'en', POCDESK_USER: '', POCDESK_LOG: 'silent' }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const json = (s: string) => JSON.parse(s);
const lines = (s: string) => s.trim().split('\n').map((l) => JSON.parse(l));

function suite(name: string, storage: () => Promise<string[] | null>) {
  describe(`pocdesk import un-sanctions / ftm, screen [${name}]`, () => {
    let args: string[] | null = null;
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'pocdesk-screen-'));
      args = await storage();
      if (args && args[0] === '--data') args = ['--data', join(dir, 'data')];
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
      await dropCreatedDatabases();
    });
    const run = (a: string[]) => pocdesk(args!, a);

    it('imports the list (errors refused unless --partial), then screens a roster: one JSON object per row', async (c) => {
      if (!args) return c.skip();
      const bad = run(['import', 'un-sanctions', join(FIX, 'un-sample.xml'), '--json']);
      expect(bad.status).toBe(2);
      expect(json(bad.stdout).error.problems[0].field).toMatch(/^line \d+/);
      const ok = run(['import', 'un-sanctions', join(FIX, 'un-sample.xml'), '--partial', '--json']);
      expect(ok.status, ok.stderr).toBe(0);
      expect(json(ok.stdout)).toMatchObject({ list: 'un', individuals: 4, entities: 2, created: 6, version: 1 });
      const ftm = run(['import', 'ftm', join(FIX, 'sample.ftm.jsonl'), '--json']);
      expect(json(ftm.stdout)).toMatchObject({ list: 'ftm', created: 2 });

      const roster = join(dir, 'roster.csv');
      await writeFile(roster, 'name,birth_date,rank,unit\nGénéral Ali Darassa,,Général,UPC\nKATANGA Germain,28/04/1978,Colonel,FRPI\nPaul Zongo,,Capitaine,81e Brigade\n');
      const s = run(['screen', roster, '--lists', 'un,ftm', '--json']);
      expect(s.status, s.stderr).toBe(0);
      const rows = lines(s.stdout);
      expect(rows.map((r) => [r.row, r.name])).toEqual([[1, 'Général Ali Darassa'], [2, 'KATANGA Germain'], [3, 'Paul Zongo']]);
      expect(rows[0].matches[0]).toMatchObject({ list: 'un', name: expect.stringMatching(/DARASSA/i) });
      expect(Object.keys(rows[0].matches[0])).toEqual(['list', 'id', 'name', 'score', 'explanation', 'adjudication']);
      expect(rows[0].matches[0].explanation.detail.alignments.length).toBeGreaterThan(0);
      expect(rows[1].matches[0]).toMatchObject({ list: 'ftm', name: 'Germain Katanga' });
      expect(rows[1].matches[0].explanation.detail.adjustments[0]).toMatchObject({ factor: 'birthDate', outcome: 'same-day' });
      expect(rows[2].matches).toEqual([]);
      for (const r of rows) for (let i = 1; i < r.matches.length; i++) expect(r.matches[i - 1].score).toBeGreaterThanOrEqual(r.matches[i].score);

      const unknown = run(['screen', roster, '--lists', 'nope', '--json']);
      expect(unknown.status).toBe(2);
      expect(json(unknown.stdout).error.problems[0].field).toBe('lists');
      // human output, in French, with a stricter threshold
      const fr = run(['--lang', 'fr', 'screen', roster, '--lists', 'un,ftm', '--threshold', '0.99']);
      expect(fr.stdout).toContain('Ligne 1');
      expect(fr.stderr).toContain('criblée');
      const scores = fr.stdout.split('\n').filter((l) => /^  \d\.\d{3}  /.test(l)).map((l) => Number(l.trim().split(/\s+/)[0]));
      expect(scores.length).toBeGreaterThan(0);
      expect(scores.every((x) => x >= 0.99)).toBe(true);
    });
  });
}

suite('pglite', async () => ['--data', 'placeholder']);
suite('postgres', async () => {
  const url = await freshPostgresUrl();
  return url ? ['--database-url', url] : null;
});
