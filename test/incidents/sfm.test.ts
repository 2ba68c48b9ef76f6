import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { actorFor, DEFAULT_ROLE_POLICY, systemActor } from '../../src/platform/access/policy.ts';
import { context } from '../../src/platform/store.ts';
import { importSfmFile } from '../../src/registry/import-sfm.ts';
import { listRegistry, listSfmIncidents } from '../../src/registry/service.ts';
import { getIncident, linkedIncidents, listIncidents, setVerification } from '../../src/incidents/service.ts';
import { takeSfmIncidents } from '../../src/incidents/sfm.ts';
import { forEachEngine } from '../helpers/engines.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/sfm/${name}`, import.meta.url));
const hro = () => actorFor({ id: crypto.randomUUID(), username: 'hro', roles: ['human-rights'] }, DEFAULT_ROLE_POLICY);

forEachEngine('hand-over of the SFM incidents staged by the registry', (db) => {
  it('takes every staged incident over with its perpetrators, acts and sources; taking again changes nothing', async () => {
    const sys = context(db(), systemActor('test'));
    const imported = await importSfmFile(sys, fixture('workbook'));
    expect(imported.committed).toBe(true);
    const staged = await listSfmIncidents(sys);
    expect(staged.length).toBeGreaterThan(0);
    const ctx = context(db(), hro());
    const r = await takeSfmIncidents(ctx);
    expect(r).toMatchObject({ staged: staged.length, created: staged.length - r.skipped.length, updated: 0, unchanged: 0 });
    expect(await listSfmIncidents(sys)).toEqual([]);
    const taken = await listSfmIncidents(sys, { includeTaken: true });
    expect(taken.every((s) => s.taken_by === 'incidents')).toBe(true);
    const incidents = await listIncidents(ctx, { source: 'sfm' });
    expect(incidents.length).toBe(r.created);
    expect(new Set(incidents.map((i) => i.id))).toEqual(new Set(taken.filter((s) => s.taken_ref).map((s) => s.taken_ref)));
    // the Kpéla killings (February 2017) are the 1er BIT's, read as killing and summary execution
    const kpela = incidents.find((i) => i.source_event_id === 'a0aa88e4-2e26-566d-b71c-611305de1355')!;
    expect(kpela).toMatchObject({ date: '2017-02', act_types: ['killing', 'summary-execution'] });
    const full = (await getIncident(ctx, kpela.id))!;
    const [bit1] = await listRegistry(sys, 'unit', { sfm: '29f7b85d-01fd-5732-bccf-1bc1ea677d12' });
    expect(full.perpetrators.map((p) => p.unit_id).filter(Boolean)).toEqual([bit1!.id]);
    expect(full.perpetrators.some((p) => p.person_id)).toBe(true);
    expect(full.sources.length).toBeGreaterThan(0);
    expect(full.sources.every((s) => s.registry_source_id)).toBe(true);
    expect((await linkedIncidents(ctx, { unitId: bit1!.id as string })).map((l) => l.incident.id)).toContain(kpela.id);
    // an officer's verification survives a new hand-over; nothing else changes
    await setVerification(ctx, kpela.id, 'credible', 'corroborated by the mission');
    const again = await takeSfmIncidents(ctx);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: r.created });
    expect((await getIncident(ctx, kpela.id))!.verification_status).toBe('credible');
  });
});
