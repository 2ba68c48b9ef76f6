import { describe, expect, it } from 'vitest';
import { ValidationError } from '../platform/errors.ts';
import { DEFAULT_RELATIONS_CONFIG, labelOf, parseRelationsConfig, relationsConfigSchema, type RelationsConfig } from './config.ts';

const clone = (): RelationsConfig => structuredClone(DEFAULT_RELATIONS_CONFIG);

function problemsOf(value: unknown): { field: string; reason: string }[] {
  try {
    parseRelationsConfig(value);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).problems;
  }
  throw new Error('expected the configuration to be refused');
}

describe('relations configuration', () => {
  it('the default configuration is valid and survives a JSON round trip (it is stored as JSON)', () => {
    expect(relationsConfigSchema.safeParse(DEFAULT_RELATIONS_CONFIG).success).toBe(true);
    expect(parseRelationsConfig(JSON.parse(JSON.stringify(DEFAULT_RELATIONS_CONFIG)))).toEqual(DEFAULT_RELATIONS_CONFIG);
  });

  it('covers the obstruction the mission meets, each with a default severity', () => {
    const codes = DEFAULT_RELATIONS_CONFIG.restrictionTypes.map((t) => t.code);
    for (const c of ['movement-denied-checkpoint', 'area-off-limits', 'flight-clearance-refused', 'visa-delayed', 'visa-refused', 'equipment-held-customs', 'strategic-asset-refused', 'staff-harassed', 'staff-detained', 'staff-expelled', 'premises-entered', 'broadcasts-restricted', 'internet-restricted', 'investigation-blocked']) {
      expect(codes).toContain(c);
    }
    const sev = (c: string) => DEFAULT_RELATIONS_CONFIG.restrictionTypes.find((t) => t.code === c)!.severity;
    expect(sev('staff-detained')).toBeGreaterThan(sev('visa-delayed'));
    expect(sev('strategic-asset-refused')).toBeGreaterThan(sev('movement-denied-checkpoint'));
  });

  it('every vocabulary entry has an English and a French label', () => {
    const c = DEFAULT_RELATIONS_CONFIG;
    const vocabularies = [c.restrictionTypes, c.preventedActivities, c.engagementTiers, c.engagementScopes, c.engagementTopics, c.engagementTones, c.engagementOutcomes, c.commitmentStatuses, c.stances, c.leverageLadder, c.forceLevels, c.forceTargetTypes, c.cooperationTypes];
    for (const v of vocabularies) for (const e of v) {
      expect(e.label.en.trim(), e.code).not.toBe('');
      expect(e.label.fr.trim(), e.code).not.toBe('');
    }
    expect(labelOf(c.restrictionTypes, 'visa-refused')).toEqual({ en: 'Visa refused', fr: 'Visa refusé' });
  });

  it('orders the leverage ladder from dialogue to force and the force levels from presence to lethal force', () => {
    const ladder = [...DEFAULT_RELATIONS_CONFIG.leverageLadder].sort((a, b) => a.rank - b.rank).map((l) => l.code);
    expect(ladder[0]).toBe('dialogue');
    expect(ladder.at(-1)).toBe('posture-and-force');
    expect(ladder.indexOf('confidential-reporting')).toBeLessThan(ladder.indexOf('public-reporting'));
    expect(ladder.indexOf('sanctions-referral')).toBeLessThan(ladder.indexOf('prosecution'));
    const force = [...DEFAULT_RELATIONS_CONFIG.forceLevels].sort((a, b) => a.rank - b.rank).map((l) => l.code);
    expect(force).toEqual(['presence', 'patrol', 'show-of-force', 'interposition', 'warning-shots', 'lethal-force']);
  });

  it('an unknown code is shown as itself rather than hidden', () => {
    expect(labelOf(DEFAULT_RELATIONS_CONFIG.restrictionTypes, 'fuel-blocked')).toEqual({ en: 'fuel-blocked', fr: 'fuel-blocked' });
  });

  it('refuses a missing French label, naming the path', () => {
    const c = clone() as any;
    c.restrictionTypes[3].label.fr = '';
    expect(problemsOf(c)).toContainEqual(expect.objectContaining({ field: 'relations.restrictionTypes.3.label.fr' }));
  });

  it('refuses duplicate codes and duplicate ladder ranks', () => {
    const c = clone();
    c.preventedActivities.push({ code: 'patrol', label: { en: 'Patrol again', fr: 'Patrouille encore' } });
    c.leverageLadder[1]!.rank = c.leverageLadder[0]!.rank;
    const fields = problemsOf(c).map((p) => p.field);
    expect(fields).toContain(`relations.preventedActivities.${c.preventedActivities.length - 1}.code`);
    expect(fields).toContain('relations.leverageLadder.1.rank');
  });

  it('refuses consent weights for statuses or cooperation types that do not exist, and statuses without a weight', () => {
    const c = clone();
    c.consent.weights.commitment['forgotten'] = -1;
    delete c.consent.weights.commitment['lapsed'];
    c.consent.weights.cooperation.byType['airlift'] = 3;
    const fields = problemsOf(c).map((p) => p.field);
    expect(fields).toContain('relations.consent.weights.commitment.forgotten');
    expect(fields).toContain('relations.consent.weights.commitment');
    expect(fields).toContain('relations.consent.weights.cooperation.byType.airlift');
  });

  it('refuses an initial commitment status that is closed, and nonsensical index parameters', () => {
    const c = clone();
    c.commitmentInitialStatus = 'kept';
    c.consent.halfLifeDays = 0;
    c.consent.trendPeriods = 1;
    const fields = problemsOf(c).map((p) => p.field);
    expect(fields).toContain('relations.commitmentInitialStatus');
    expect(fields).toContain('relations.consent.halfLifeDays');
    expect(fields).toContain('relations.consent.trendPeriods');
  });

  it('refuses a scope code that is also a tier code (a level filter could not tell them apart)', () => {
    const c = clone();
    c.engagementScopes[0]!.code = 'strategic';
    expect(problemsOf(c).map((p) => p.field)).toContain('relations.engagementScopes.0.code');
  });
});
