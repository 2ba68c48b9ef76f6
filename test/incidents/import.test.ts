import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { beforeAll, expect, it } from 'vitest';
import { actorFor, DEFAULT_ROLE_POLICY } from '../../src/platform/access/policy.ts';
import { ROOT } from '../../src/platform/app.ts';
import { verifyAudit } from '../../src/platform/audit/audit.ts';
import { context } from '../../src/platform/store.ts';
import { createUnit, type Unit } from '../../src/registry/service.ts';
import { importEvents } from '../../src/incidents/import.ts';
import { setActorMapping } from '../../src/incidents/mappings.ts';
import { addPerpetrator, attributionsOf, linkedIncidents, listIncidents, overrideClassification, setVerification } from '../../src/incidents/service.ts';
import { incidentStats } from '../../src/incidents/stats.ts';
import { DEFAULT_VOCABULARY } from '../../src/incidents/vocabulary.ts';
import { forEachEngine } from '../helpers/engines.ts';

const as = (roles: string[], name = roles.join('+')) => actorFor({ id: crypto.randomUUID(), username: name, roles }, DEFAULT_ROLE_POLICY);
const UCDP = join(ROOT, '..', 'shared', 'data', 'ucdp-ged-south-sudan-2011-2021.csv');
const ACLED = join(ROOT, 'test', 'fixtures', 'acled');
const LAYOUTS = ['layout1-pre2019', 'layout2-2019-2023', 'layout3-2023', 'layout4-2024', 'monadic', 'hxl'];

async function auditCount(db: { query: (s: string) => Promise<{ rows: any[] }> }) {
  return Number((await db.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n);
}

forEachEngine('ACLED and UCDP import: counts, idempotence, actor mapping, problems by line', (db) => {
  const hr = () => context(db(), as(['human-rights'], 'hro'));
  const viewer = () => context(db(), as(['viewer'], 'vw'));
  let army: Unit;

  beforeAll(async () => {
    army = await createUnit(hr(), { name: 'Military Forces of Kivara', classifications: ['army'], country: 'XK' });
  });

  /** Counts by a stat field over the incidents of one source, as a plain object. */
  const countsBy = async (field: string, source: string) =>
    Object.fromEntries((await incidentStats(viewer(), { groupBy: [field], where: { source } })).map((r) => [String(r[field]), r.count]));

  it.skipIf(!existsSync(UCDP))('the UCDP South Sudan file imports completely, counts match the file, and a re-import creates nothing', async () => {
    const file = readFileSync(UCDP);
    const rows: Record<string, string>[] = parseCsv(file, { columns: true, skip_empty_lines: true });
    const data = rows.filter((r) => r.id && !r.id.startsWith('#'));
    const byYear: Record<string, number> = {};
    const byType: Record<string, number> = {};
    const byYearType: Record<string, number> = {};
    const label = (code: string) => DEFAULT_VOCABULARY.ucdp.typesOfViolence.find((t) => String(t.code) === code)!.labels.en;
    let deaths = 0;
    for (const r of data) {
      byYear[r.year!] = (byYear[r.year!] ?? 0) + 1;
      byType[label(r.type_of_violence!)] = (byType[label(r.type_of_violence!)] ?? 0) + 1;
      const k = `${r.year}|${label(r.type_of_violence!)}`;
      byYearType[k] = (byYearType[k] ?? 0) + 1;
      deaths += Number(r.best);
    }
    const started = Date.now();
    const progress: number[] = [];
    const r = await importEvents(hr(), 'ucdp', file, { onProgress: (p) => progress.push(p.rows) });
    const ms = Date.now() - started;
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r).toMatchObject({ events: data.length, created: data.length, updated: 0, skipped: 0, committed: true });
    expect(progress.length).toBeGreaterThan(1);
    expect(ms).toBeLessThan(60_000);
    expect(await countsBy('year', 'ucdp')).toEqual(byYear);
    expect(await countsBy('type', 'ucdp')).toEqual(byType);
    const both = await incidentStats(viewer(), { groupBy: ['year', 'type'], where: { source: 'ucdp' } });
    expect(Object.fromEntries(both.map((x) => [`${x.year}|${x.type}`, x.count]))).toEqual(byYearType);
    const total = await incidentStats(viewer(), { groupBy: [], where: { source: 'ucdp' } });
    expect(total).toEqual([{ count: data.length, fatalities: deaths }]);
    // the parties are kept by name with their perpetrator type; none is guessed to be a registry unit
    expect(r.unmapped.map((u) => u.actor)).toContain('Government of South Sudan');
    const one = (await listIncidents(viewer(), { source: 'ucdp', type: 'killing', limit: 1 }))[0]!;
    expect((await attributionsOf(viewer(), one.id)).every((a) => a.unit_id === null)).toBe(true);
    // a re-import writes nothing
    const before = await auditCount(db());
    const again = await importEvents(hr(), 'ucdp', file);
    expect(again).toMatchObject({ events: data.length, created: 0, updated: 0, skipped: data.length, committed: true });
    expect(await auditCount(db())).toBe(before);
  }, 120_000);

  it('synthetic ACLED fixtures of every layout import, and the stats match the fixtures', async () => {
    for (const layout of LAYOUTS) {
      const expected = JSON.parse(readFileSync(join(ACLED, layout, 'expected.json'), 'utf8'));
      const yearsBefore = await countsBy('year', 'acled');
      const typesBefore = await countsBy('type', 'acled');
      const r = await importEvents(hr(), 'acled', readFileSync(join(ACLED, layout, 'data.csv')));
      expect(r.problems.filter((p) => p.severity === 'error'), layout).toEqual([]);
      expect(r, layout).toMatchObject({ events: expected.events, created: expected.events, updated: 0, committed: true });
      const delta = (after: Record<string, number>, before: Record<string, number>) =>
        Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)]).filter(([, v]) => v !== 0));
      expect(delta(await countsBy('year', 'acled'), yearsBefore), layout).toEqual(expected.eventsByYear);
      expect(delta(await countsBy('type', 'acled'), typesBefore), layout).toEqual(expected.eventsByType);
    }
    const all = await incidentStats(viewer(), { groupBy: ['source'], where: { source: 'acled' } });
    const expectedTotal = LAYOUTS.map((l) => JSON.parse(readFileSync(join(ACLED, l, 'expected.json'), 'utf8'))).reduce((s, e) => ({ events: s.events + e.events, fatalities: s.fatalities + e.fatalities }), { events: 0, fatalities: 0 });
    expect(all).toEqual([{ source: 'acled', count: expectedTotal.events, fatalities: expectedTotal.fatalities }]);
  });

  it('unmapped actors come with suggestions and are never guessed; a mapping attributes them on re-import', async () => {
    const file = readFileSync(join(ACLED, 'layout4-2024', 'data.csv'));
    const first = await importEvents(hr(), 'acled', file);
    expect(first).toMatchObject({ created: 0, updated: 0, skipped: 10 });
    const kivara = first.unmapped.find((u) => u.actor === 'Military Forces of Kivara (2019-)')!;
    expect(kivara.suggestions[0]).toMatchObject({ unit_id: army.id, name: 'Military Forces of Kivara' });
    expect(first.problems.find((p) => p.code === 'unmapped-actor' && p.message.includes('Military Forces of Kivara (2019-)'))).toMatchObject({ severity: 'warning', line: kivara.line });
    expect(await linkedIncidents(viewer(), { unitId: army.id })).toEqual([]);
    await setActorMapping(hr(), { source: 'acled', actor_name: 'Military Forces of Kivara (2019-)', unit_id: army.id });
    const second = await importEvents(hr(), 'acled', file);
    expect(second.updated).toBe(kivara.events);
    expect(second.created).toBe(0);
    expect(second.unmapped.map((u) => u.actor)).not.toContain('Military Forces of Kivara (2019-)');
    const linked = await linkedIncidents(viewer(), { unitId: army.id });
    expect(linked.length).toBe(kivara.events);
    expect(linked.every((l) => l.path.kind === 'direct')).toBe(true);
    const kiv3001 = (await listIncidents(viewer(), { q: 'shot dead three men' }))[0]!;
    expect(kiv3001.source_event_id).toBe('KIV3001');
    expect(await attributionsOf(viewer(), kiv3001.id)).toEqual([{ unit_id: army.id, person_id: null, involvement: 'direct-perpetrator', confidence: 'medium', perpetrator_type: 'state-security-forces' }]);
    // an officer's verification, override and attribution by hand survive a re-import, which changes nothing
    await setVerification(hr(), kiv3001.id, 'verified', 'confirmed by the human rights division');
    await overrideClassification(hr(), kiv3001.id, { grave: true, categories: ['summary-execution'], reason: 'executions of detainees' });
    await addPerpetrator(hr(), kiv3001.id, { perpetrator_type: 'police', involvement: 'aided', confidence: 'low' });
    expect(await importEvents(hr(), 'acled', file)).toMatchObject({ created: 0, updated: 0, skipped: 10 });
    const kept = (await listIncidents(viewer(), { q: 'shot dead three men' }))[0]!;
    expect(kept).toMatchObject({ verification_status: 'verified', grave: true, categories: ['summary-execution'] });
    expect(kept.perpetrator_types).toEqual(['police', 'state-security-forces']);
  });

  it('a file with errors commits nothing unless partial; problems come by line', async () => {
    const file = readFileSync(join(ACLED, 'errors', 'data.csv'));
    const expected = JSON.parse(readFileSync(join(ACLED, 'errors', 'expected.json'), 'utf8'));
    const before = await auditCount(db());
    const r = await importEvents(hr(), 'acled', file);
    expect(r.committed).toBe(false);
    expect(r).toMatchObject({ created: 0, updated: 0 });
    expect(r.problems.filter((p) => p.code !== 'unmapped-actor').map((p) => [p.line, p.column, p.severity, p.code])).toEqual(expected.problems.map((p: any) => [p.line, p.column, p.severity, p.code]));
    expect(await auditCount(db())).toBe(before);
    const partial = await importEvents(hr(), 'acled', file, { partial: true });
    expect(partial).toMatchObject({ committed: true, created: expected.events });
    await expect(importEvents(viewer(), 'acled', file)).rejects.toThrow(/incidents:write/);
    expect((await verifyAudit(db())).ok).toBe(true);
  });
});
