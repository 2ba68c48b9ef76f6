import { beforeAll, expect, it } from 'vitest';
import { actorFor, DEFAULT_ROLE_POLICY, systemActor } from '../../src/platform/access/policy.ts';
import { ConflictError } from '../../src/platform/errors.ts';
import { type Ctx, context } from '../../src/platform/store.ts';
import * as incidents from '../../src/incidents/service.ts';
import * as reg from '../../src/registry/service.ts';
import * as svc from '../../src/protection/service.ts';
import '../../src/domains.ts';
import { forEachEngine } from '../helpers/engines.ts';

const as = (db: any, username: string, roles: string[]): Ctx => context(db, actorFor({ id: username, username, roles }, DEFAULT_ROLE_POLICY));

forEachEngine('protection and incidents: an alert becomes an incident; before/after outcome of a project', (db) => {
  let sys: Ctx;
  let poc: Ctx;
  const U: Record<string, string> = {};
  const I: Record<string, string> = {};
  let project = '';

  beforeAll(async () => {
    sys = context(db(), systemActor('test'));
    poc = as(db(), 'poc.adviser', ['protection']);
    U.b1 = (await reg.createUnit(sys, { name: '11e Bataillon', classifications: ['army'], start_date: '2015' } as any)).id;
    U.sub = (await reg.createUnit(sys, { name: '2e Compagnie du 11e Bataillon', classifications: ['army'], start_date: '2015' } as any)).id;
    U.x = (await reg.createUnit(sys, { name: 'Groupe Mayi-Mayi Kifuafua', kind: 'armed-group', classifications: ['armed-group'], start_date: '2010' } as any)).id;
    await reg.createLink(sys, { unit_id: U.sub, related_unit_id: U.b1, kind: 'parent', start_date: '2015' } as any);
    const inc = async (k: string, date: string, unit: string | null, area: string | null, fatalities: number, act: string) => {
      I[k] = (
        await incidents.createIncident(sys, {
          summary: `incident ${k}`,
          date,
          admin2_code: area,
          acts: [{ act_type: act }],
          fatalities,
          ...(unit ? { perpetrators: [{ unit_id: unit }] } : { perpetrators: [{ perpetrator_type: 'unknown' }] }),
        } as any)
      ).id;
    };
    await inc('i1', '2024-03-10', U.b1!, 'CD6101', 2, 'killing');
    await inc('i2', '2024-04-15', U.sub!, 'CD6205', 0, 'looting');
    await inc('i3', '2024-05-20', U.x!, 'CD610102', 1, 'rape');
    await inc('i4', '2024-06-05', U.b1!, 'CD6101', 4, 'killing');
    await inc('i5', '2024-07-01', U.b1!, 'CD6101', 1, 'killing');
    await inc('i6', '2024-05', U.b1!, null, 3, 'killing');
    await inc('i7', '2024-06', U.b1!, null, 0, 'looting');
    await inc('i8', '2024-09-20', U.b1!, 'CD6101', 7, 'killing');
    await inc('i9', '2024-08-01', null, 'CD6101', 0, 'arbitrary-arrest');
    await inc('i10', '2024-02-01', U.b1!, 'CD6101', 1, 'killing');
    project = (await svc.createProject(poc, { title: 'Formation DIH, 11e Bataillon', kind: 'training', recipient_unit_ids: [U.b1!], start_date: '2024-06-01', end_date: '2024-06-14', place: 'Goma', area_codes: ['CD6101'], cost: 8000, currency: 'USD' })).id;
  });

  it('the before/after outcome view matches the hand count', async () => {
    // Windows of 90 days: before 3 March – 31 May 2024, after 15 June – 12 September 2024.
    // Units (the 11e Bataillon and the company under it): before i1 (2 killed), i2 (sub-unit), i6 (May, 3
    // killed) → 3 incidents, 5 killed; after i5 (1 killed) → 1; i7 (June) cannot be placed: uncertain.
    // Area CD6101 and beneath: before i1, i3 (CD610102) → 2, 3 killed; after i5, i9 → 2, 1 killed.
    // i4 happened during the training, i8 and i10 fall outside the windows.
    const v = await svc.projectOutcome(poc, project, { window_days: 90, as_of: '2025-01-01' });
    expect([v.before, v.after]).toEqual([
      { from: '2024-03-03', to: '2024-05-31', days: 90 },
      { from: '2024-06-15', to: '2024-09-12', days: 90 },
    ]);
    expect(v.units!.before.incidentIds.sort()).toEqual([I.i1, I.i2, I.i6].sort());
    expect(v.units!.after.incidentIds).toEqual([I.i5]);
    expect(v.units!.incidents).toEqual({ before: 3, after: 1, absolute: -2, percent: -66.7 });
    expect(v.units!.fatalities).toMatchObject({ before: 5, after: 1 });
    expect(v.units!.uncertain).toEqual([{ id: I.i7, window: 'after' }]);
    expect(v.area!.before.incidentIds.sort()).toEqual([I.i1, I.i3].sort());
    expect(v.area!.after.incidentIds.sort()).toEqual([I.i5, I.i9].sort());
    expect(v.area!.fatalities).toMatchObject({ before: 3, after: 1 });
    expect(v.units!.byActType.find((a) => a.code === 'killing')).toMatchObject({ before: 2, after: 1, en: 'Killing', fr: 'Meurtre' });
    // with the configured 180-day window, seen from 1 August 2024: both windows shortened to 48 days
    const early = await svc.projectOutcome(poc, project, { as_of: '2024-08-01' });
    expect([early.windowDays, early.afterComplete, early.after]).toEqual([48, false, { from: '2024-06-15', to: '2024-08-01', days: 48 }]);
  });

  it('an alert becomes an incident once, without its caller', async () => {
    const a = await svc.createAlert(poc, {
      received_at: '2024-10-02T05:10:00+02:00',
      channel: 'community-liaison-assistant',
      threat_type: 'killing',
      area_code: 'CD6101',
      area_name: 'Nyiragongo',
      place: 'Kibati',
      suspected_unit_id: U.b1,
      summary: 'Two farmers shot near Kibati',
      caller: { name: 'Solange Bahati', phone: '+243 970 111 222' },
    } as any);
    const made = await svc.alertToIncident(poc, a.id, { fatalities: 2 });
    expect(made.alert.incident_id).toBe(made.incident.id);
    expect(made.incident).toMatchObject({ date: '2024-10-02', admin2_code: 'CD6101', location: 'Kibati', act_types: ['killing'], fatalities: 2 });
    expect(made.incident.perpetrators.map((p: any) => p.unit_id)).toEqual([U.b1]);
    expect(JSON.stringify(made.incident)).not.toContain('Bahati');
    await expect(svc.alertToIncident(poc, a.id, {})).rejects.toBeInstanceOf(ConflictError);
    const again = await svc.getAlert(poc, a.id);
    expect(again.incident_id).toBe(made.incident.id);
    // an alert about an incident already recorded is linked to it
    const b = await svc.createAlert(poc, { received_at: '2024-10-02T06:00:00+02:00', channel: 'hotline', threat_type: 'killing', area_code: 'CD6101' } as any);
    await expect(svc.alertToIncident(poc, b.id, { incident_id: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ problems: [{ field: 'incident_id' }] });
    expect((await svc.alertToIncident(poc, b.id, { incident_id: made.incident.id })).alert.incident_id).toBe(made.incident.id);
    // the incident is found among the unit's incidents by the incidents domain itself
    const linked = await incidents.linkedIncidents(poc, { unitId: U.b1! }, { from: '2024-10-01', to: '2024-10-31' });
    expect(linked.map((l) => l.incident.id)).toEqual([made.incident.id]);
  });
});
