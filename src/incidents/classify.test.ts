import { describe, expect, it } from 'vitest';
import { DEFAULT_GRAVE_VIOLATION_RULES as R, assessFrequency, classifyIncident, graveViolationRulesSchema, validateRules, type ClassifiableIncident, type FrequencyIncident } from './classify.ts';
import { DEFAULT_VOCABULARY as V } from './vocabulary.ts';

const classify = (i: ClassifiableIncident) => classifyIncident(i, R, V);
const rulesMet = (i: ClassifiableIncident) => classify(i).reasons.map((r) => r.rule);
const NEXUS = ['armed-conflict-nexus'];
const unmetOf = (i: ClassifiableIncident, rule: string) => {
  const u = classify(i).unmet.find((x) => x.rule === rule);
  if (!u) throw new Error(`rule ${rule} not among the unmet rules`);
  return u;
};

describe('default rules', () => {
  it('are valid against the default vocabulary', () => {
    expect(validateRules(R, V)).toEqual([]);
    expect(graveViolationRulesSchema.safeParse(R).success).toBe(true);
    for (const c of R.categories) expect(c.labels.fr.trim()).not.toBe('');
  });

  it('only war crimes and crimes against humanity never expire', () => {
    expect(R.categories.filter((c) => c.neverExpires).map((c) => c.code).sort()).toEqual(['crime-against-humanity', 'war-crime']);
  });
});

describe('classifyIncident, rule by rule', () => {
  it('an incident with no matching act type is not grave and has no reasons', () => {
    expect(classify({ actTypes: ['threats'], victims: 40, flags: NEXUS })).toEqual({ grave: false, categories: [], neverExpires: false, reasons: [], unmet: [] });
    expect(classify({})).toMatchObject({ grave: false, categories: [] });
  });

  it('war-crime-violence-to-persons: a killing linked to an armed conflict, whatever the scale', () => {
    const c = classify({ actTypes: ['killing'], fatalities: 1, flags: NEXUS, perpetratorTypes: ['armed-group'] });
    expect(c).toMatchObject({ grave: true, categories: ['war-crime'], neverExpires: true });
    expect(c.reasons).toEqual([expect.objectContaining({ rule: 'war-crime-violence-to-persons', category: 'war-crime' })]);
    expect(c.reasons[0]!.en).toContain('Killing');
    expect(c.reasons[0]!.fr).toContain('Meurtre');
    // a narrower act type (summary execution under killing) matches too
    expect(rulesMet({ actTypes: ['summary-execution'], flags: NEXUS })).toContain('war-crime-violence-to-persons');
    // without the nexus: not met, and the analyst is told why
    const n = classify({ actTypes: ['killing'], fatalities: 1, perpetratorTypes: ['armed-group'] });
    expect(n.grave).toBe(false);
    expect(n.unmet.map((u) => u.rule)).toEqual(['war-crime-violence-to-persons', 'crime-against-humanity', 'extrajudicial-killing-scale']);
    expect(n.unmet[0]!.en).toContain('not recorded: Committed in the context of and associated with an armed conflict');
    expect(n.unmet[0]!.fr).toContain('non établi');
  });

  it('war-crime-attack-on-protected-objects: attack on a school or hospital linked to an armed conflict', () => {
    expect(classify({ actTypes: ['attack-on-school-or-hospital'], flags: NEXUS })).toMatchObject({ grave: true, categories: ['war-crime'] });
    expect(classify({ actTypes: ['attack-on-school-or-hospital'] }).grave).toBe(false);
  });

  it('war-crime-child-recruitment: needs the nexus and children under 15', () => {
    expect(classify({ actTypes: ['recruitment-and-use-of-children'], flags: NEXUS }).grave).toBe(false);
    expect(unmetOf({ actTypes: ['recruitment-and-use-of-children'], flags: NEXUS }, 'war-crime-child-recruitment').en).toContain('Victims include children under 15');
    expect(classify({ actTypes: ['recruitment-and-use-of-children'], flags: ['armed-conflict-nexus', 'children-under-15'] })).toMatchObject({ grave: true, categories: ['war-crime'] });
  });

  it('war-crime-pillage-or-displacement: looting or forced displacement linked to an armed conflict', () => {
    expect(rulesMet({ actTypes: ['looting'], flags: NEXUS })).toEqual(['war-crime-pillage-or-displacement']);
    expect(rulesMet({ actTypes: ['forced-displacement'], flags: NEXUS })).toEqual(['war-crime-pillage-or-displacement']);
    // the broader "looting or destruction of property" does not establish pillage
    expect(rulesMet({ actTypes: ['property-violations'], flags: NEXUS })).toEqual([]);
    expect(rulesMet({ actTypes: ['destruction-of-property'], flags: NEXUS })).toEqual([]);
  });

  it('crime-against-humanity: an act within a widespread or systematic attack', () => {
    const c = classify({ actTypes: ['arbitrary-arrest'], victims: 1, flags: ['widespread-or-systematic'] });
    expect(c).toMatchObject({ grave: true, categories: ['crime-against-humanity'], neverExpires: true });
    expect(classify({ actTypes: ['arbitrary-arrest'], victims: 1 }).grave).toBe(false);
  });

  it('summary-execution-scale: at 3 victims or 3 deaths, not below', () => {
    expect(rulesMet({ actTypes: ['summary-execution'], victims: 2, fatalities: 2 })).toEqual([]);
    expect(rulesMet({ actTypes: ['summary-execution'], victims: 3 })).toEqual(['summary-execution-scale']);
    expect(rulesMet({ actTypes: ['summary-execution'], fatalities: 3 })).toEqual(['summary-execution-scale']);
    expect(rulesMet({ actTypes: ['death-in-custody'], fatalities: 4 })).toEqual(['summary-execution-scale']);
    expect(classify({ actTypes: ['summary-execution'], fatalities: 2 }).grave).toBe(false);
    const below = unmetOf({ actTypes: ['summary-execution'], fatalities: 2 }, 'summary-execution-scale');
    expect(below.en).toBe('Summary executions on a significant scale: below the scale threshold: victims not counted (threshold 3) or 2 killed (threshold 3)');
    expect(below.fr).toBe('Exécutions sommaires à une échelle importante : sous le seuil d’échelle : victimes non dénombrées (seuil 3) ou 2 tués (seuil 3)');
    const c = classify({ actTypes: ['summary-execution'], fatalities: 5 });
    expect(c).toMatchObject({ grave: true, categories: ['summary-execution'], neverExpires: false });
  });

  it('extrajudicial-killing-scale: killings by state agents (or a narrower type such as police) at 3 deaths', () => {
    expect(rulesMet({ actTypes: ['killing'], fatalities: 3, perpetratorTypes: ['police'] })).toEqual(['extrajudicial-killing-scale']);
    expect(classify({ actTypes: ['killing'], fatalities: 3, perpetratorTypes: ['police'] }).reasons[0]!.en).toBe('Killings by state agents on a significant scale: Killing; perpetrator: Police and gendarmerie; 3 killed (threshold 3)');
    expect(rulesMet({ actTypes: ['killing'], fatalities: 3, perpetratorTypes: ['armed-group'] })).toEqual([]);
    expect(unmetOf({ actTypes: ['killing'], fatalities: 3, perpetratorTypes: ['armed-group'] }, 'extrajudicial-killing-scale').en).toContain('no perpetrator of type State security forces');
    expect(rulesMet({ actTypes: ['killing'], fatalities: 2, perpetratorTypes: ['state-security-forces'] })).toEqual([]);
  });

  it('torture-scale: 3 victims', () => {
    expect(rulesMet({ actTypes: ['torture'], victims: 2 })).toEqual([]);
    expect(rulesMet({ actTypes: ['torture'], victims: 3 })).toEqual(['torture-scale']);
    expect(unmetOf({ actTypes: ['torture'] }, 'torture-scale').en).toContain('victims not counted (threshold 3)');
  });

  it('enforced-disappearance-scale: 3 victims', () => {
    expect(rulesMet({ actTypes: ['enforced-disappearance'], victims: 3 })).toEqual(['enforced-disappearance-scale']);
    expect(rulesMet({ actTypes: ['enforced-disappearance'], victims: 1 })).toEqual([]);
    // abduction is not an enforced disappearance
    expect(rulesMet({ actTypes: ['abduction'], victims: 10 })).toEqual([]);
  });

  it('enslavement-scale: enslavement or sexual slavery, 3 victims', () => {
    expect(rulesMet({ actTypes: ['enslavement'], victims: 3 })).toEqual(['enslavement-scale']);
    expect(rulesMet({ actTypes: ['enslavement'], victims: 2 })).toEqual([]);
  });

  it('rape-and-sexual-violence-scale: counts the victims of the matching acts, not of the whole incident', () => {
    expect(rulesMet({ actTypes: ['rape'], victims: 3 })).toEqual(['rape-and-sexual-violence-scale']);
    expect(rulesMet({ actTypes: ['rape'], victims: 2 })).toEqual([]);
    // 2 rapes and 10 lootings: the rape count decides
    expect(rulesMet({ acts: [{ actType: 'rape', victims: 2 }, { actType: 'looting', victims: 10 }], victims: 12 })).toEqual([]);
    // 2 rapes and 1 case of sexual slavery make 3 victims of comparable acts (but 1 victim of enslavement)
    expect(rulesMet({ acts: [{ actType: 'rape', victims: 2 }, { actType: 'sexual-slavery', victims: 1 }] })).toEqual(['rape-and-sexual-violence-scale']);
    // sexual violence of lesser seriousness (the broad type) does not count
    expect(rulesMet({ actTypes: ['other-sexual-violence'], victims: 20 })).toEqual([]);
  });

  it('refoulement-scale: 3 victims', () => {
    expect(rulesMet({ actTypes: ['refoulement'], victims: 30 })).toEqual(['refoulement-scale']);
    expect(rulesMet({ actTypes: ['refoulement'], victims: 2 })).toEqual([]);
  });

  it('unsubstantiated incidents never count; reported, credible and verified ones do', () => {
    const base = { actTypes: ['torture'], victims: 5 };
    expect(classify({ ...base, verificationStatus: 'unsubstantiated' }).grave).toBe(false);
    expect(unmetOf({ ...base, verificationStatus: 'unsubstantiated' }, 'torture-scale').en).toContain('verification status is "Unsubstantiated"');
    for (const s of ['reported', 'credible', 'verified']) expect(classify({ ...base, verificationStatus: s }).grave).toBe(true);
  });

  it('several categories at once, ordered as configured, and never-expiring when one of them is', () => {
    const c = classify({ actTypes: ['rape', 'killing'], victims: 6, fatalities: 4, perpetratorTypes: ['armed-forces'], flags: ['armed-conflict-nexus', 'widespread-or-systematic'] });
    expect(c.categories).toEqual(['war-crime', 'crime-against-humanity', 'summary-execution', 'rape-and-sexual-violence']);
    expect(c.neverExpires).toBe(true);
    expect(c.reasons.map((r) => r.rule)).toEqual(['war-crime-violence-to-persons', 'crime-against-humanity', 'extrajudicial-killing-scale', 'rape-and-sexual-violence-scale']);
  });

  it('follows the configuration: a switched-off rule, a changed threshold', () => {
    const rules = structuredClone(R);
    rules.rules.find((r) => r.code === 'torture-scale')!.scale = { minVictims: 1 };
    expect(classifyIncident({ actTypes: ['torture'], victims: 1 }, rules, V).grave).toBe(true);
    rules.rules.find((r) => r.code === 'torture-scale')!.enabled = false;
    const off = classifyIncident({ actTypes: ['torture'], victims: 10 }, rules, V);
    expect(off.grave).toBe(false);
    expect(off.unmet.map((u) => u.rule)).not.toContain('torture-scale');
  });
});

describe('assessFrequency', () => {
  const inc = (id: string, perpetrator: string, date: string, extra: Partial<FrequencyIncident> = {}): FrequencyIncident => ({ id, perpetrator, date, actTypes: ['torture'], victims: 1, ...extra });

  it('finds 3 below-scale incidents by one perpetrator within 365 days', () => {
    const f = assessFrequency([inc('a', '7th battalion', '2020-01-10'), inc('b', '7th battalion', '2020-06'), inc('c', '7th battalion', '2020-12-31'), inc('d', '9th battalion', '2020-03-01')], R, V);
    expect(f).toEqual([expect.objectContaining({ perpetrator: '7th battalion', category: 'torture', incidents: ['a', 'b', 'c'], from: '2020-01-10', to: '2020-12-31' })]);
    expect(f[0]!.en).toBe('Torture: 3 incidents between 2020-01-10 and 2020-12-31 (threshold 3 within 365 days)');
    expect(f[0]!.fr).toContain('Torture : 3 incidents');
  });

  it('does not find incidents spread over more than the window, nor unsubstantiated ones, nor other categories', () => {
    expect(assessFrequency([inc('a', 'X', '2019-01-01'), inc('b', 'X', '2019-07-01'), inc('c', 'X', '2020-01-01')], R, V)).toEqual([]);
    expect(assessFrequency([inc('a', 'X', '2020-01-01'), inc('b', 'X', '2020-02-01'), inc('c', 'X', '2020-03-01', { verificationStatus: 'unsubstantiated' })], R, V)).toEqual([]);
    expect(assessFrequency([inc('a', 'X', '2020-01-01', { actTypes: ['looting'] }), inc('b', 'X', '2020-02-01', { actTypes: ['looting'] }), inc('c', 'X', '2020-03-01', { actTypes: ['looting'] })], R, V)).toEqual([]);
  });

  it('respects rule conditions other than scale (killings count for state agents only)', () => {
    const k = (id: string, p: string[]) => inc(id, 'X', `2021-0${id}-01`, { actTypes: ['killing'], fatalities: 1, perpetratorTypes: p });
    expect(assessFrequency([k('1', ['police']), k('2', ['police']), k('3', ['police'])], R, V).map((x) => x.category)).toEqual(['summary-execution']);
    expect(assessFrequency([k('1', ['armed-group']), k('2', ['armed-group']), k('3', ['armed-group'])], R, V)).toEqual([]);
  });
});

describe('validateRules', () => {
  it('names the rule and what it refers to', () => {
    const rules = structuredClone(R);
    rules.rules[0]!.actTypes.push('murder');
    rules.rules[1]!.category = 'genocide';
    rules.rules[2]!.requiredFlags = ['nexus'];
    rules.rules.push({ ...rules.rules[3]! });
    rules.frequency.categories.push('genocide');
    const errs = validateRules(rules, V);
    expect(errs.map((e) => [e.path, e.entry])).toEqual([
      ['rules[0].actTypes[6]', 'war-crime-violence-to-persons'],
      ['rules[1].category', 'war-crime-attack-on-protected-objects'],
      ['rules[2].requiredFlags[0]', 'war-crime-child-recruitment'],
      [`rules[${rules.rules.length - 1}]`, 'war-crime-pillage-or-displacement'],
      [`frequency.categories[${rules.frequency.categories.length - 1}]`, 'genocide'],
    ]);
    expect(errs[0]!.en).toBe('rule "war-crime-violence-to-persons": unknown act type "murder"');
    expect(errs[0]!.fr).toContain('inconnu « murder »');
  });

  it('names an act type whose category hint is not a configured category', () => {
    const v = structuredClone(V);
    v.actTypes.find((a) => a.code === 'torture')!.graveViolationCategory = 'torment';
    expect(validateRules(R, v)).toEqual([expect.objectContaining({ entry: 'torture', en: expect.stringContaining('"torment"') })]);
  });
});
