import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { actorFor, DEFAULT_ROLE_POLICY } from '../../src/platform/access/policy.ts';
import { type Ctx, context } from '../../src/platform/store.ts';
import '../../src/domains.ts';
import { importUnList } from '../../src/screening/imports.ts';
import { forEachEngine } from '../helpers/engines.ts';

const REAL = fileURLToPath(new URL('../../../shared/data/un-sc-consolidated-list-2025-11-20.xml', import.meta.url));
const SAMPLE = fileURLToPath(new URL('../fixtures/screening/un-sample.xml', import.meta.url));
const real = existsSync(REAL);
const as = (roles: string[], name = roles.join('+')) => actorFor({ id: crypto.randomUUID(), username: name, roles }, DEFAULT_ROLE_POLICY);

forEachEngine(`UN Consolidated List import (${real ? 'the real list' : 'the sample; the shared copy is absent'})`, (db) => {
  let hr: Ctx;
  const xml = readFileSync(real ? REAL : SAMPLE);
  const count = async () =>
    Object.fromEntries((await db().query<{ entry_type: string; n: string }>(`SELECT entry_type, count(*) AS n FROM screening_entries WHERE list_code = 'un' AND status = 'listed' GROUP BY entry_type`)).rows.map((r) => [r.entry_type, Number(r.n)]));
  const audit = async () => Number((await db().query<{ n: string }>('SELECT count(*) AS n FROM audit_log')).rows[0]!.n);

  beforeAll(() => {
    hr = context(db(), as(['human-rights'], 'hro'));
  });

  it('imports every individual and entity', async () => {
    const r = await importUnList(hr, xml, { fileName: 'consolidated.xml', partial: !real });
    if (real) {
      expect(r).toMatchObject({ individuals: 727, entities: 273, created: 1000, updated: 0, delisted: 0, version: 1 });
      expect(await count()).toEqual({ individual: 727, entity: 273 });
      expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    } else {
      expect(r.created).toBe(r.individuals + r.entities);
    }
    const makenga = (await db().query(`SELECT * FROM screening_entries WHERE list_code = 'un' AND reference = 'CDi.008'`)).rows[0] as any;
    if (makenga) {
      expect(makenga).toMatchObject({ entry_type: 'individual', regime: 'DRC', listed_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
      expect(makenga.names.some((n: any) => n.quality === 'good' && n.form === 'alias')).toBe(true);
      expect(makenga.birth_dates.length).toBeGreaterThan(0);
    }
    const list = (await db().query(`SELECT * FROM screening_lists WHERE code = 'un'`)).rows[0] as any;
    expect(list).toMatchObject({ kind: 'un-sanctions', content_version: 1, entry_count: r.individuals + r.entities, source_date: '2025-11-20T23:00:09.067Z' });
  });

  it('re-importing the same file changes nothing and writes nothing', async () => {
    const before = await audit();
    const r = await importUnList(hr, xml, { fileName: 'consolidated.xml', partial: !real });
    expect(r).toMatchObject({ created: 0, updated: 0, relisted: 0, delisted: 0, unchanged: r.individuals + r.entities, version: 1 });
    expect(await audit()).toBe(before);
  });
});
