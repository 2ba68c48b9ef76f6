import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VOCABULARY,
  acledInterCode,
  acledInterPerpetratorType,
  acledInteraction,
  actTypeDescendants,
  actTypeLineage,
  isActTypeWithin,
  labelOf,
  mapAcledActTypes,
  mapUcdpActTypes,
  ucdpPerpetratorTypes,
  validateVocabulary,
  vocabularySchema,
  type Vocabulary,
} from './vocabulary.ts';

const V = DEFAULT_VOCABULARY;
const clone = (): Vocabulary => structuredClone(DEFAULT_VOCABULARY);

describe('default vocabulary', () => {
  it('is valid, and every list carries English and French labels', () => {
    expect(validateVocabulary(V)).toEqual([]);
    expect(vocabularySchema.safeParse(V).success).toBe(true);
    for (const list of [V.actTypes, V.perpetratorTypes, V.involvementDegrees, V.verificationStatuses, V.incidentFlags, V.ucdp.typesOfViolence]) {
      for (const t of list) {
        expect(t.labels.en.trim(), JSON.stringify(t)).not.toBe('');
        expect(t.labels.fr.trim(), JSON.stringify(t)).not.toBe('');
      }
    }
  });

  it('holds the act types a mission records, in a hierarchy', () => {
    const codes = V.actTypes.map((a) => a.code);
    for (const c of ['killing', 'summary-execution', 'sexual-violence', 'rape', 'deprivation-of-liberty', 'arbitrary-arrest', 'enforced-disappearance', 'abduction', 'torture', 'recruitment-and-use-of-children', 'attack-on-school-or-hospital', 'looting', 'extortion-at-roadblocks', 'forced-displacement', 'destruction-of-property', 'denial-of-humanitarian-access', 'ill-treatment', 'threats', 'enslavement', 'refoulement']) {
      expect(codes).toContain(c);
    }
    expect(actTypeLineage('rape', V)).toEqual(['rape', 'sexual-violence']);
    expect(isActTypeWithin('summary-execution', 'killing', V)).toBe(true);
    expect(isActTypeWithin('killing', 'summary-execution', V)).toBe(false);
    expect(actTypeDescendants('deprivation-of-liberty', V).sort()).toEqual(['abduction', 'arbitrary-arrest', 'deprivation-of-liberty', 'enforced-disappearance']);
    expect(labelOf('actTypes', 'enforced-disappearance', 'fr', V)).toBe('Disparition forcée');
    expect(labelOf('verificationStatuses', 'verified', 'en', V)).toBe('Verified');
    expect(labelOf('involvementDegrees', 'failure-to-prevent-or-punish', 'fr', V)).toBe('Manquement à prévenir ou à punir');
  });

  it('holds perpetrator types, involvement degrees and verification statuses', () => {
    const perps = V.perpetratorTypes.map((p) => p.code);
    for (const c of ['state-security-forces', 'armed-group', 'militia', 'unknown']) expect(perps).toContain(c);
    expect(V.involvementDegrees.map((d) => d.code)).toEqual(expect.arrayContaining(['direct-perpetrator', 'commander', 'ordered', 'aided', 'failure-to-prevent-or-punish']));
    const statuses = Object.fromEntries(V.verificationStatuses.map((s) => [s.code, s.rank]));
    expect(Object.keys(statuses).sort()).toEqual(['credible', 'reported', 'unsubstantiated', 'verified']);
    expect(statuses.verified).toBeGreaterThan(statuses.credible!);
    expect(statuses.credible).toBeGreaterThan(statuses.reported!);
    expect(statuses.reported).toBeGreaterThan(statuses.unsubstantiated!);
  });
});

describe('ACLED mappings', () => {
  it('reads inter as codes 1–8 and as the 2024 labels', () => {
    expect(acledInterCode('1', V)).toBe(1);
    expect(acledInterCode(8, V)).toBe(8);
    expect(acledInterCode('State forces', V)).toBe(1);
    expect(acledInterCode('external/other forces', V)).toBe(8);
    expect(acledInterCode('', V)).toBeNull();
    expect(acledInterCode('0', V)).toBeNull();
    expect(acledInterCode('9', V)).toBeUndefined();
    expect(acledInterCode('Space aliens', V)).toBeUndefined();
    const expected = ['state-security-forces', 'armed-group', 'political-militia', 'identity-militia', 'rioters', 'protesters', 'civilians', 'external-forces'];
    expected.forEach((t, i) => expect(acledInterPerpetratorType(String(i + 1), V)).toBe(t));
    const labels = ['State forces', 'Rebel group', 'Political militia', 'Identity militia', 'Rioters', 'Protesters', 'Civilians', 'External/Other forces'];
    labels.forEach((l, i) => expect(acledInterPerpetratorType(l, V)).toBe(expected[i]));
  });

  it('splits interaction codes and labels into the two actors', () => {
    expect(acledInteraction('17', V)).toEqual([1, 7]);
    expect(acledInteraction('10', V)).toEqual([1, null]);
    expect(acledInteraction('State forces-Civilians', V)).toEqual([1, 7]);
    expect(acledInteraction('Identity militia-Identity militia', V)).toEqual([4, 4]);
    expect(acledInteraction('External/Other forces-Civilians', V)).toEqual([8, 7]);
    expect(acledInteraction('Protesters only', V)).toEqual([6, null]);
    expect(acledInteraction('', V)).toBeNull();
  });

  it('maps current event and sub-event types to act types', () => {
    const m = (eventType: string, subEventType: string | null, fatalities: number, extra: object = {}) => mapAcledActTypes({ eventType, subEventType, fatalities, ...extra }, V);
    expect(m('Violence against civilians', 'Attack', 3)).toEqual(['killing']);
    expect(m('Violence against civilians', 'Attack', 0)).toEqual(['physical-assault']);
    expect(m('Violence against civilians', 'Sexual violence', 0)).toEqual(['sexual-violence']);
    expect(m('Violence against civilians', 'Sexual violence', 1)).toEqual(['sexual-violence', 'killing']);
    expect(m('Violence against civilians', 'Abduction/forced disappearance', 0, { perpetratorTypes: ['state-security-forces'] })).toEqual(['enforced-disappearance']);
    expect(m('Violence against civilians', 'Abduction/forced disappearance', 0, { perpetratorTypes: ['police'] })).toEqual(['enforced-disappearance']);
    expect(m('Violence against civilians', 'Abduction/forced disappearance', 0, { perpetratorTypes: ['armed-group'] })).toEqual(['abduction']);
    expect(m('Explosions/Remote violence', 'Air/drone strike', 4)).toEqual([]);
    expect(m('Explosions/Remote violence', 'Air/drone strike', 4, { civilianTargeting: true })).toEqual(['killing']);
    expect(m('Protests', 'Excessive force against protesters', 2)).toEqual(['excessive-use-of-force', 'killing']);
    expect(m('Strategic developments', 'Looting/property destruction', 0)).toEqual(['property-violations']);
    expect(m('Strategic developments', 'Arrests', 0)).toEqual(['deprivation-of-liberty']);
    expect(m('Battles', 'Armed clash', 12)).toEqual([]);
    expect(m('violence AGAINST civilians', ' attack ', 1)).toEqual(['killing']);
  });

  it('maps pre-2019 event types, which have no sub-event type', () => {
    const m = (eventType: string, fatalities: number) => mapAcledActTypes({ eventType, subEventType: null, fatalities }, V);
    expect(m('Violence against civilians', 2)).toEqual(['killing']);
    expect(m('Violence against civilians', 0)).toEqual(['unspecified-violence']);
    expect(m('Battle-No change of territory', 5)).toEqual([]);
    expect(m('Remote violence', 1)).toEqual([]);
    expect(m('Riots/Protests', 0)).toEqual([]);
    // a 2019+ row of the same type does not fall back on the pre-2019 rule
    expect(mapAcledActTypes({ eventType: 'Violence against civilians', subEventType: 'Sexual violence', fatalities: 0 }, V)).toEqual(['sexual-violence']);
  });
});

describe('UCDP mappings', () => {
  it('maps type_of_violence to act types and sides to perpetrator types', () => {
    expect(mapUcdpActTypes({ typeOfViolence: 3, best: 4, deathsCivilians: 4 }, V)).toEqual(['killing']);
    expect(mapUcdpActTypes({ typeOfViolence: 3, best: 0, high: 2 }, V)).toEqual(['killing']);
    expect(mapUcdpActTypes({ typeOfViolence: 3, best: 0, high: 0 }, V)).toEqual(['unspecified-violence']);
    expect(mapUcdpActTypes({ typeOfViolence: 1, best: 10, deathsCivilians: 2 }, V)).toEqual(['civilian-harm-in-hostilities']);
    expect(mapUcdpActTypes({ typeOfViolence: 2, best: 10, deathsCivilians: 0 }, V)).toEqual([]);
    expect(ucdpPerpetratorTypes('Government of Upper Nilotia', 'Civilians', 3, V)).toEqual(['state-security-forces']);
    expect(ucdpPerpetratorTypes('Nilotia Liberation Army', 'Civilians', 3, V)).toEqual(['armed-group']);
    expect(ucdpPerpetratorTypes('Government of Upper Nilotia', 'Nilotia Liberation Army', 1, V)).toEqual(['state-security-forces', 'armed-group']);
  });
});

describe('validateVocabulary', () => {
  it('names a duplicate code', () => {
    const v = clone();
    v.actTypes.push({ ...v.actTypes[0]! });
    const errs = validateVocabulary(v);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ path: `actTypes[${v.actTypes.length - 1}]`, entry: 'killing' });
    expect(errs[0]!.en).toMatch(/used twice/);
    expect(errs[0]!.fr).toMatch(/deux fois/);
  });

  it('names an entry whose parent does not exist', () => {
    const v = clone();
    v.actTypes.find((a) => a.code === 'rape')!.parent = 'sexual-violance';
    const errs = validateVocabulary(v);
    expect(errs).toEqual([expect.objectContaining({ entry: 'rape', en: expect.stringContaining('"sexual-violance" of "rape" does not exist') })]);
  });

  it('names every member of a cycle', () => {
    const v = clone();
    v.actTypes.find((a) => a.code === 'killing')!.parent = 'summary-execution';
    const errs = validateVocabulary(v);
    expect(errs.map((e) => e.entry).sort()).toEqual(['killing', 'summary-execution']);
    expect(errs[0]!.en).toMatch(/its own ancestor/);
    const p = clone();
    p.perpetratorTypes.find((x) => x.code === 'militia')!.parent = 'militia';
    expect(validateVocabulary(p)).toEqual([expect.objectContaining({ path: expect.stringMatching(/^perpetratorTypes\[\d+\]$/), entry: 'militia' })]);
  });

  it('names missing French labels, bad codes and mappings to unknown codes', () => {
    const v = clone();
    v.involvementDegrees[0]!.labels.fr = ' ';
    v.incidentFlags.push({ code: 'Bad Code', labels: { en: 'x', fr: 'x' } });
    v.acled.actMappings[0]!.actTypes = ['murder'];
    v.acled.inter[0]!.perpetratorType = 'army';
    v.ucdp.sidePatterns.push({ pattern: '(', perpetratorType: 'unknown' });
    const errs = validateVocabulary(v);
    expect(errs.map((e) => [e.path, e.entry])).toEqual([
      ['involvementDegrees[0]', 'direct-perpetrator'],
      [`incidentFlags[${v.incidentFlags.length - 1}]`, 'Bad Code'],
      ['acled.inter[0].perpetratorType[0]', '1'],
      ['acled.actMappings[0].actTypes[0]', 'Violence against civilians / Attack'],
      [`ucdp.sidePatterns[${v.ucdp.sidePatterns.length - 1}].pattern`, '('],
    ]);
  });

  it('makes the zod schema refuse the same vocabulary, naming the path', () => {
    const v = clone();
    v.actTypes.find((a) => a.code === 'rape')!.parent = 'nowhere';
    const r = vocabularySchema.safeParse(v);
    expect(r.success).toBe(false);
    const i = v.actTypes.findIndex((a) => a.code === 'rape');
    expect(r.error!.issues[0]!.path).toEqual(['actTypes', i]);
  });
});
