import { describe, expect, it } from 'vitest';
import { DEFAULT_HRDDP_CONFIG as config } from './config.ts';
import { evaluateFact, isSupportSuspended, measureDueDate, overdueMeasures, type MonitoredAllegation, type MonitoredRequest, type Suspension } from './monitoring.ts';

const request: MonitoredRequest = {
  id: 'REQ-7',
  operationId: 'OP-SUKOLA',
  recipientUnitIds: ['u-12'],
  subUnitIds: ['u-12c'],
  ancestorUnitIds: ['u-b3', 'u-mr8'],
  commanders: [{ personId: 'p-kalume', name: 'Col. Jean-Pierre Kalume', unitId: 'u-12' }],
  participants: [{ personId: 'p-lwesso', name: 'Gen. Baraka Lwesso' }],
  period: { start: '2015-02-01', end: '2015-07-31' },
  unitNames: { 'u-12': '12th Infantry Battalion', 'u-12c': 'C Company', 'u-b3': '3rd Brigade', 'u-13': '13th Battalion' },
};
const allegation = (over: Partial<MonitoredAllegation> = {}): MonitoredAllegation => ({
  id: 'A-31',
  summary: 'killing of two farmers',
  date: '2015-03-03',
  grave: true,
  categories: ['gross-violation'],
  verification: 'credible',
  unitIds: ['u-12'],
  personIds: [],
  ...over,
});
const attributed = (a: MonitoredAllegation, recordedOn = '2015-03-10') => ({ type: 'allegation-attributed' as const, recordedOn, allegation: a });

describe('evaluateFact: allegations', () => {
  it('raises a review for a new allegation against a supported unit, describing it in both languages', () => {
    const [t, ...rest] = evaluateFact(request, attributed(allegation()), config);
    expect(rest).toEqual([]);
    expect(t).toMatchObject({ triggerId: 'new-allegation', type: 'new-allegation', requestId: 'REQ-7', factId: 'A-31', personIds: [], listedPersonIds: [] });
    expect(t!.description.en).toBe('New allegation A-31 killing of two farmers (3 March 2015; credible; grave — gross violation of human rights) concerns 12th Infantry Battalion (supported unit); support request REQ-7.');
    expect(t!.description.fr).toBe('Nouvelle allégation A-31 killing of two farmers (3 mars 2015 ; crédible ; grave — violation grave des droits de l’homme) concernant 12th Infantry Battalion (unité appuyée) ; demande d’appui REQ-7.');
  });

  it('follows sub-units, commanders and planned participants', () => {
    expect(evaluateFact(request, attributed(allegation({ unitIds: ['u-12c'] })), config)[0]!.description.en).toContain('C Company (sub-unit of a supported unit)');
    const viaCommander = evaluateFact(request, attributed(allegation({ unitIds: ['u-99'], personIds: ['p-kalume'] })), config, ['p-kalume']);
    expect(viaCommander[0]).toMatchObject({ personIds: ['p-kalume'], listedPersonIds: ['p-kalume'] });
    expect(viaCommander[0]!.description.en).toContain('Col. Jean-Pierre Kalume (commander of a supported unit)');
    expect(evaluateFact(request, attributed(allegation({ unitIds: [], personIds: ['p-lwesso'] })), config)[0]!.description.fr).toContain('Gen. Baraka Lwesso (participant prévu)');
  });

  it('ignores allegations that concern neither the units nor the persons of the request', () => {
    expect(evaluateFact(request, attributed(allegation({ unitIds: ['u-13'], personIds: ['p-other'] })), config)).toEqual([]);
    // The brigade above is not a supported unit: monitoring follows the recipient downward.
    expect(evaluateFact(request, attributed(allegation({ unitIds: ['u-b3'] })), config)).toEqual([]);
  });

  it('ignores disproved or unsubstantiated allegations, and facts recorded after support ended', () => {
    expect(evaluateFact(request, attributed(allegation({ verification: 'disproved' })), config)).toEqual([]);
    expect(evaluateFact(request, attributed(allegation({ verification: 'unsubstantiated' })), config)).toEqual([]);
    expect(evaluateFact(request, attributed(allegation(), '2015-08-02'), config)).toEqual([]);
  });

  it('counts an old event newly attributed unless configured to look only from the start of support', () => {
    const old = attributed(allegation({ date: '2012-05' }));
    expect(evaluateFact(request, old, config)).toHaveLength(1);
    const c = structuredClone(config);
    const t = c.review.triggers.find((x) => x.type === 'new-allegation')!;
    if (t.type !== 'new-allegation') throw new Error('fixture');
    t.eventsSince = 'support-start';
    expect(evaluateFact(request, old, c)).toEqual([]);
    t.graveOnly = true;
    expect(evaluateFact(request, attributed(allegation({ grave: false })), c)).toEqual([]);
    t.enabled = false;
    expect(evaluateFact(request, attributed(allegation()), c)).toEqual([]);
  });

  it('raises a review when an allegation is confirmed or found grave, not on other changes', () => {
    const upgraded = (prev: { verification: string; grave: boolean }, a = allegation({ verification: 'verified' })) =>
      evaluateFact(request, { type: 'allegation-upgraded', recordedOn: '2015-04-01', allegation: a, previous: prev }, config);
    const confirmed = upgraded({ verification: 'unverified', grave: true });
    expect(confirmed[0]).toMatchObject({ type: 'allegation-upgraded', factId: 'A-31' });
    expect(confirmed[0]!.description.en).toContain('now verified (was unverified)');
    expect(confirmed[0]!.description.fr).toContain('désormais vérifiée (auparavant non vérifiée)');
    expect(upgraded({ verification: 'credible', grave: true })).toEqual([]); // credible → verified: already confirmed
    const grave = upgraded({ verification: 'verified', grave: false });
    expect(grave[0]!.description.en).toContain('now classified as grave');
  });
});

describe('evaluateFact: postings and lists', () => {
  const posting = (over: Partial<{ personId: string; name: string; unitId: string; role: 'commander' | 'member'; start: string }> = {}, listings: { list: string }[] = []) => ({
    type: 'posting' as const,
    recordedOn: '2015-02-10',
    posting: { personId: 'p-new', name: 'Lt-Col. Didier Mbusa', unitId: 'u-12', role: 'commander' as const, start: '2015-02-09', ...over },
    listings,
  });

  it('raises a commander-change review when a new commander takes over a supported unit', () => {
    const [t] = evaluateFact(request, posting(), config);
    expect(t).toMatchObject({ type: 'commander-change', factId: 'p-new', listedPersonIds: [] });
    expect(t!.description.en).toBe('New commander of 12th Infantry Battalion from 9 February 2015: Lt-Col. Didier Mbusa. The unit is supported under request REQ-7; screen the new commander.');
  });

  it('raises the more specific listed-person review when the new commander is red-listed (the 2015 case)', () => {
    const r = evaluateFact(request, posting({ personId: 'p-red', name: 'Gen. Faustin Ndeze' }, [{ list: 'red-list' }]), config);
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ type: 'listed-person-posted', listedPersonIds: ['p-red'] });
    expect(r[0]!.description.fr).toBe(
      'Gen. Faustin Ndeze, inscrit(e) sur la liste rouge, affecté(e) comme commandant de 12th Infantry Battalion à compter du 9 février 2015, unité appuyée au titre de la demande REQ-7.',
    );
  });

  it('does not raise for a sub-unit commander unless configured, nor for the commander already known, nor for a posting after support ends', () => {
    expect(evaluateFact(request, posting({ unitId: 'u-12c' }), config)).toEqual([]);
    const c = structuredClone(config);
    const t = c.review.triggers.find((x) => x.type === 'commander-change')!;
    if (t.type !== 'commander-change') throw new Error('fixture');
    t.includeSubUnits = true;
    expect(evaluateFact(request, posting({ unitId: 'u-12c' }), c)).toHaveLength(1);
    expect(evaluateFact(request, posting({ personId: 'p-kalume' }), config)).toEqual([]);
    expect(evaluateFact(request, posting({ start: '2015-09-01' }), config)).toEqual([]);
    expect(evaluateFact(request, posting({ role: 'member' }), config)).toEqual([]);
  });

  it('raises a review when a commander or participant is added to a list, not when removed (by default)', () => {
    const added = evaluateFact(request, { type: 'listing-change', recordedOn: '2015-05-02', personId: 'p-kalume', name: 'Col. Jean-Pierre Kalume', list: 'watch-list', change: 'added' }, config);
    expect(added[0]).toMatchObject({ type: 'listing-change', listedPersonIds: ['p-kalume'] });
    expect(added[0]!.description.en).toBe('Col. Jean-Pierre Kalume, commander of 12th Infantry Battalion under request REQ-7, was added to the watch list on 2 May 2015.');
    expect(evaluateFact(request, { type: 'listing-change', recordedOn: '2015-05-02', personId: 'p-kalume', name: 'K', list: 'watch-list', change: 'removed' }, config)).toEqual([]);
    expect(evaluateFact(request, { type: 'listing-change', recordedOn: '2015-05-02', personId: 'p-stranger', name: 'S', list: 'red-list', change: 'added' }, config)).toEqual([]);
  });
});

describe('mitigatory measures', () => {
  it('sets default due dates from the catalogue', () => {
    expect(measureDueDate('exclusion', '2015-01-20', config)).toBe('2015-01-27');
    expect(measureDueDate('prosecution', '2015-01-20', config)).toBe('2015-07-19');
    expect(() => measureDueDate('magic', '2015-01-20', config)).toThrow(/unknown mitigation measure type "magic"/);
  });

  it('finds measures overdue at a date, with grace days', () => {
    const ms = [
      { id: 'M-1', dueDate: '2015-03-01', implementedOn: null },
      { id: 'M-2', dueDate: '2015-03-01', implementedOn: '2015-02-20' },
      { id: 'M-3', dueDate: '2015-03-10', implementedOn: null },
      { id: 'M-4', dueDate: '2015-02-01', implementedOn: '2015-03-08' },
    ];
    expect(overdueMeasures(ms, '2015-03-01').map((m) => m.id)).toEqual(['M-4']);
    expect(overdueMeasures(ms, '2015-03-05').map((m) => m.id)).toEqual(['M-1', 'M-4']);
    expect(overdueMeasures(ms, '2015-03-09').map((m) => m.id)).toEqual(['M-1']);
    expect(overdueMeasures(ms, '2015-03-05', 7).map((m) => m.id)).toEqual(['M-4']);
  });

  it('raises one review per overdue measure of the request', () => {
    const r = evaluateFact(
      request,
      {
        type: 'measures-check',
        date: '2015-03-05',
        measures: [
          { id: 'M-1', type: 'exclusion', requestId: 'REQ-7', dueDate: '2015-02-08', description: 'exclude the 3rd company commander' },
          { id: 'M-2', type: 'reporting-on-use', requestId: 'REQ-7', dueDate: '2015-03-03', implementedOn: '2015-03-01' },
          { id: 'M-9', type: 'exclusion', requestId: 'REQ-8', dueDate: '2015-02-08' },
        ],
      },
      config,
    );
    expect(r.map((x) => x.factId)).toEqual(['M-1']);
    expect(r[0]!.description.en).toBe('Mitigatory measure M-1 (Exclusion of named persons or units: exclude the 3rd company commander) for request REQ-7 was due on 8 February 2015 and is not implemented.');
    expect(r[0]!.description.fr).toContain('devait être mise en œuvre le 8 février 2015');
  });
});

describe('isSupportSuspended', () => {
  const other: MonitoredRequest = { ...request, id: 'REQ-8', operationId: 'OP-OTHER' };
  const narrow: Suspension = { id: 'S-1', scope: 'operation', operationId: 'OP-SUKOLA', from: '2015-02-13' };
  const broad: Suspension = { id: 'S-2', scope: 'unit', unitId: 'u-12', from: '2015-04-01', liftedOn: '2015-05-15' };

  it('a narrow suspension stops one operation; the others keep their support', () => {
    expect(isSupportSuspended(request, [narrow], '2015-02-20')).toMatchObject({ suspended: true, by: [{ suspensionId: 'S-1', scope: 'operation' }] });
    expect(isSupportSuspended(other, [narrow], '2015-02-20').suspended).toBe(false);
    expect(isSupportSuspended(request, [narrow], '2015-02-12').suspended).toBe(false);
    expect(isSupportSuspended(request, [{ id: 'S-0', scope: 'request', requestId: 'REQ-8', from: '2015-01-01' }], '2015-02-20').suspended).toBe(false);
    expect(isSupportSuspended(other, [{ id: 'S-0', scope: 'request', requestId: 'REQ-8', from: '2015-01-01' }], '2015-02-20').suspended).toBe(true);
  });

  it('a broad suspension stops support to the unit under every request, until lifted', () => {
    expect(isSupportSuspended(other, [broad], '2015-04-10')).toMatchObject({ suspended: true });
    expect(isSupportSuspended(other, [broad], '2015-04-10').by[0]!.fr).toBe('Tout appui à 12th Infantry Battalion suspendu depuis le 1er avril 2015.');
    expect(isSupportSuspended(other, [broad], '2015-05-15').suspended).toBe(false);
  });

  it('a unit suspension reaches sub-units only when it says so', () => {
    const brigade: Suspension = { id: 'S-3', scope: 'unit', unitId: 'u-b3', from: '2015-04-01' };
    expect(isSupportSuspended(request, [brigade], '2015-04-10').suspended).toBe(false);
    const withSubs = isSupportSuspended(request, [{ ...brigade, includeSubUnits: true }], '2015-04-10');
    expect(withSubs.suspended).toBe(true);
    expect(withSubs.by[0]!.en).toBe('All support to 3rd Brigade and its sub-units suspended since 1 April 2015.');
  });

  it('lists every suspension that applies', () => {
    expect(isSupportSuspended(request, [narrow, broad], '2015-04-10').by.map((b) => b.suspensionId)).toEqual(['S-1', 'S-2']);
  });
});
