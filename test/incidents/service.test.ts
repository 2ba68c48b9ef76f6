import { beforeAll, expect, it } from 'vitest';
import { actorFor, DEFAULT_ROLE_POLICY } from '../../src/platform/access/policy.ts';
import { context } from '../../src/platform/store.ts';
import { createLink, createPerson, createPosting, createUnit, type Unit } from '../../src/registry/service.ts';
import {
  addNamedVictim,
  addPerpetrator,
  addSource,
  attributionsOf,
  createIncident,
  getIncident,
  type LinkedIncident,
  linkedIncidents,
  linkedSummary,
  listIncidents,
  overrideClassification,
  setVerification,
  updateIncident,
} from '../../src/incidents/service.ts';
import { forEachEngine } from '../helpers/engines.ts';

const as = (roles: string[], name = roles.join('+')) => actorFor({ id: crypto.randomUUID(), username: name, roles }, DEFAULT_ROLE_POLICY);
const paths = (items: LinkedIncident[]) => items.map((i) => `${i.incident.summary}:${i.path.kind}`).sort();

forEachEngine('incidents service: model, verification, classification, links through time', (db) => {
  const u: Record<string, Unit> = {};
  const p: Record<string, { id: string }> = {};
  const inc: Record<string, { id: string }> = {};
  const hr = () => context(db(), as(['human-rights'], 'hro'));
  const viewer = () => context(db(), as(['viewer'], 'vw'));
  const protection = () => context(db(), as(['protection'], 'pa'));

  beforeAll(async () => {
    const c = hr();
    u.brigade = await createUnit(c, { name: '3e Brigade', classifications: ['army'] });
    u.battalion = await createUnit(c, { name: '31e Bataillon', classifications: ['army'] });
    u.company = await createUnit(c, { name: 'Compagnie Nord', classifications: ['army'] });
    u.police = await createUnit(c, { name: 'Commissariat central', classifications: ['police'] });
    u.gap = await createUnit(c, { name: 'Unité non identifiée', placeholder: true, classifications: ['army'] });
    // the battalion is under the brigade from 2015 to the end of 2016 only; the company under the battalion from 2015
    await createLink(c, { unit_id: u.battalion.id, related_unit_id: u.brigade.id, kind: 'parent', start_date: '2015-01-01', start_exact: true, end_date: '2016-12-31', end_state: 'exact' });
    await createLink(c, { unit_id: u.company.id, related_unit_id: u.battalion.id, kind: 'parent', start_date: '2015' });
    p.kolo = await createPerson(c, { name: 'Jean Kolo' });
    p.yaba = await createPerson(c, { name: 'Paul Yaba' });
    // Kolo commands the brigade from June 2015 to 30 June 2016; Yaba is posted in it in the first quarter of 2016
    await createPosting(c, { person_id: p.kolo.id, unit_id: u.brigade.id, role: 'Commander', rank: 'Colonel', start_date: '2015-06', end_date: '2016-06-30', end_state: 'exact' });
    await createPosting(c, { person_id: p.yaba.id, unit_id: u.brigade.id, role: 'Officer', rank: 'Capitaine', start_date: '2016-01-01', start_exact: true, end_date: '2016-03-31', end_state: 'exact' });

    const mk = async (summary: string, date: string, perp: { unit_id?: string; person_id?: string }, extra: Record<string, unknown> = {}) =>
      (inc[summary] = await createIncident(c, { summary, date, acts: [{ act_type: 'killing' }], fatalities: 1, admin1: 'Nord', perpetrators: [{ ...perp, involvement: 'direct-perpetrator', confidence: 'high' }], ...extra }));
    await mk('i1-battalion-2016', '2016-03-10', { unit_id: u.battalion.id });
    await mk('i2-battalion-2017', '2017-05-01', { unit_id: u.battalion.id });
    await mk('i3-company-2015', '2015-03-01', { unit_id: u.company.id });
    await mk('i4-brigade-2016', '2016-08', { unit_id: u.brigade.id });
    await mk('i5-yaba-2016', '2016-02-15', { person_id: p.yaba.id });
    await mk('i6-yaba-2017', '2017', { person_id: p.yaba.id });
    await mk('i7-police-2016', '2016-03-10', { unit_id: u.police.id }, { admin1: 'Sud' });
  });

  it('a unit sees incidents of its sub-units and posted persons only for the dates the links hold', async () => {
    const items = await linkedIncidents(viewer(), { unitId: u.brigade.id });
    expect(paths(items)).toEqual(['i1-battalion-2016:sub-unit', 'i3-company-2015:sub-unit', 'i4-brigade-2016:direct', 'i5-yaba-2016:posted-person']);
    const i1 = items.find((i) => i.incident.id === inc['i1-battalion-2016']!.id)!;
    expect(i1.path).toMatchObject({ kind: 'sub-unit', unitId: u.battalion.id, unitName: '31e Bataillon' });
    expect(i1).toMatchObject({ involvement: 'direct-perpetrator', confidence: 'high' });
    expect(i1.incident).toMatchObject({ date: '2016-03-10', actTypes: ['killing'], verification: 'reported', fatalities: 1, admin1: 'Nord', grave: false });
    const i5 = items.find((i) => i.path.kind === 'posted-person')!;
    expect(i5.path).toMatchObject({ personId: p.yaba.id, personName: 'Paul Yaba' });
    // the battalion itself: its own incidents and its company's, whatever the brigade link
    expect(paths(await linkedIncidents(viewer(), { unitId: u.battalion.id }))).toEqual(['i1-battalion-2016:direct', 'i2-battalion-2017:direct', 'i3-company-2015:sub-unit']);
    // a window of dates
    expect(paths(await linkedIncidents(viewer(), { unitId: u.brigade.id }, { from: '2016', to: '2016-06' }))).toEqual(['i1-battalion-2016:sub-unit', 'i5-yaba-2016:posted-person']);
  });

  it('a commander sees incidents of the units they commanded at the time, and their own', async () => {
    const kolo = await linkedIncidents(viewer(), { personId: p.kolo.id });
    // i3 (March 2015) is before his command, i4 (August 2016) after it, i2 after the battalion left the brigade
    expect(paths(kolo)).toEqual(['i1-battalion-2016:commander']);
    expect(kolo[0]!.path).toMatchObject({ unitId: u.brigade.id, unitName: '3e Brigade', attributedUnitId: u.battalion.id });
    expect(paths(await linkedIncidents(viewer(), { personId: p.yaba.id }))).toEqual(['i5-yaba-2016:direct', 'i6-yaba-2017:direct']);
    const s = await linkedSummary(viewer(), { unitId: u.brigade.id });
    expect(s).toMatchObject({ incidents: 4, byType: { killing: 4 }, bySeverity: { critical: 4 }, byVerification: { reported: 4 }, byPath: { 'sub-unit': 2, direct: 1, 'posted-person': 1 } });
  });

  it('attributions, filters, perpetrator types and placeholders', async () => {
    expect(await attributionsOf(viewer(), inc['i1-battalion-2016']!.id)).toEqual([{ unit_id: u.battalion.id, person_id: null, involvement: 'direct-perpetrator', confidence: 'high', perpetrator_type: 'armed-forces' }]);
    const police = await listIncidents(viewer(), { 'perpetrator-type': 'police' });
    expect(police.map((i) => i.summary)).toEqual(['i7-police-2016']);
    expect((await listIncidents(viewer(), { perpetrator_type: 'state-security-forces', from: '2016', to: '2016' })).map((i) => i.summary).sort()).toEqual(['i1-battalion-2016', 'i4-brigade-2016', 'i7-police-2016']);
    expect((await listIncidents(viewer(), { unit_ids: [u.battalion.id] })).length).toBe(2);
    expect((await listIncidents(viewer(), { admin1: 'sud' })).length).toBe(1);
    expect((await listIncidents(viewer(), { area: 'Nord' })).length).toBe(6);
    await expect(addPerpetrator(hr(), inc['i7-police-2016']!.id, { unit_id: u.gap.id })).rejects.toThrow(/placeholder/);
    await expect(addPerpetrator(viewer(), inc['i7-police-2016']!.id, { perpetrator_type: 'unknown' })).rejects.toThrow(/incidents:write/);
    await expect(listIncidents(viewer(), { from: 'soon' })).rejects.toThrow(/query.from/);
  });

  it('verification history and grave-violation classification with override, both kept', async () => {
    const c = hr();
    const i = await createIncident(c, {
      summary: 'Exécutions à Kassa',
      date: '2016-04-02',
      acts: [{ act_type: 'summary-execution', victims: 5 }],
      fatalities: 5,
      victims: [
        { sex: 'male', age_group: 'adult', count: 4 },
        { sex: 'male', age_group: 'child', count: 1 },
      ],
      perpetrators: [{ unit_id: u.battalion.id, involvement: 'direct-perpetrator', confidence: 'medium' }],
    });
    expect(i).toMatchObject({ grave: true, categories: ['summary-execution'], victim_total: 5, severity: 'critical', verification_status: 'reported' });
    expect(i.flags).toContain('victims-include-children');
    await expect(setVerification(c, i.id, 'verified', '')).rejects.toThrow(/reason/);
    await expect(updateIncident(c, i.id, { verification_status: 'credible' })).rejects.toThrow(/verification_reason/);
    await setVerification(c, i.id, 'credible', 'two independent witnesses');
    await setVerification(c, i.id, 'verified', 'site visit by the human rights division');
    const o = await overrideClassification(c, i.id, { grave: false, reason: 'victims were combatants, per the investigation' });
    expect(o).toMatchObject({ grave: false, categories: [] });
    const full = (await getIncident(viewer(), i.id))!;
    expect(full.verification_history.map((h) => [h.status, h.reason])).toEqual([
      ['reported', null],
      ['credible', 'two independent witnesses'],
      ['verified', 'site visit by the human rights division'],
    ]);
    expect(full.grave_violation).toMatchObject({ grave: false, overridden: true, rules: { grave: true, categories: ['summary-execution'] }, override: { grave: false, by: 'hro' } });
    const back = await overrideClassification(c, i.id, { grave: null, reason: 'override withdrawn' });
    expect(back).toMatchObject({ grave: true, classification_override: null });
    // an override to grave with a category from configuration
    const j = await createIncident(c, { summary: 'Pillage de Kassa', date: '2016-04', acts: [{ act_type: 'looting' }], perpetrators: [{ perpetrator_type: 'unknown' }] });
    expect(j.grave).toBe(false);
    await expect(overrideClassification(c, j.id, { grave: true, categories: ['not-a-category'], reason: 'x' })).rejects.toThrow(/categories.0/);
    expect(await overrideClassification(c, j.id, { grave: true, categories: ['war-crime'], reason: 'armed-conflict nexus established' })).toMatchObject({ grave: true, categories: ['war-crime'] });
    const linked = (await linkedIncidents(viewer(), { unitId: u.brigade.id })).find((x) => x.incident.id === i.id)!;
    expect(linked.incident).toMatchObject({ grave: true, categories: ['summary-execution'], verification: 'verified', victims: 5 });
  });

  it('named victims and the identity of sources are need-to-know', async () => {
    const c = hr();
    const i = inc['i7-police-2016']!;
    await addNamedVictim(c, i.id, { name: 'Aminata Doumbia', sex: 'female', age: 17, age_group: 'child' });
    await addSource(c, i.id, { kind: 'field-report', title: 'Rapport de la patrouille', identity: 'Chef de quartier Moussa', contact: '+000 555 0101' });
    await addSource(c, i.id, { kind: 'witness', title: 'Entretien 2016-03-12', identity: 'Témoin A' });
    const forHr = (await getIncident(c, i.id))!;
    expect(forHr.named_victims.map((v) => v.name)).toEqual(['Aminata Doumbia']);
    expect(forHr.named_victims[0]!.sensitivity).toBe('restricted');
    expect(forHr.sources.map((s) => s.identity).sort()).toEqual(['Chef de quartier Moussa', 'Témoin A']);
    const forViewer = (await getIncident(viewer(), i.id))!;
    expect(forViewer.named_victims).toEqual([]);
    expect(forViewer.sources.map((s) => s.title)).toEqual(['Rapport de la patrouille']);
    expect(forViewer.sources[0]).not.toHaveProperty('identity');
    expect(forViewer.sources[0]).not.toHaveProperty('contact');
    expect(JSON.stringify(forViewer)).not.toMatch(/Aminata|Moussa|Témoin A|555 0101/);
    const forProtection = (await getIncident(protection(), i.id))!;
    expect(forProtection.named_victims.length).toBe(1);
  });
});
