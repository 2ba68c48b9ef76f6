import { describe, expect, it } from 'vitest';
import { ValidationError } from '../platform/errors.ts';
import { DEFAULT_PROTECTION_CONFIG } from './config.ts';
import { rankThreats, scoreThreat, type ThreatEntry, validatePocTags, validateThreat } from './threats.ts';

const config = DEFAULT_PROTECTION_CONFIG;

describe('threat scoring', () => {
  it('multiplies likelihood by impact and places the score in its band', () => {
    const s = scoreThreat({ likelihood: 'likely', impact: 'severe' }, config);
    expect(s.score).toBe(20);
    expect(s.band.code).toBe('critical');
    expect(s.en).toBe('Critical (20: likelihood likely 4 × impact severe (mass atrocities) 5)');
    expect(s.fr).toContain('Critique (20 : probabilité probable 4');
    expect(scoreThreat({ likelihood: 'possible', impact: 'moderate' }, config).band.code).toBe('medium'); // 9
    expect(scoreThreat({ likelihood: 'possible', impact: 'minor' }, config).band.code).toBe('medium'); // 6
    expect(scoreThreat({ likelihood: 'unlikely', impact: 'minor' }, config).band.code).toBe('low'); // 4
    expect(scoreThreat({ likelihood: 'rare', impact: 'minimal' }, config).score).toBe(1);
  });

  it('takes its scales and bands from the configuration', () => {
    const c = structuredClone(config);
    c.threatScoring.impact.find((i) => i.code === 'major')!.value = 10;
    c.threatScoring.bands.find((b) => b.code === 'critical')!.minScore = 40;
    const s = scoreThreat({ likelihood: 'likely', impact: 'major' }, c);
    expect([s.score, s.band.code]).toEqual([40, 'critical']);
    expect(scoreThreat({ likelihood: 'likely', impact: 'severe' }, c).band.code).toBe('high'); // 20 < 40
  });

  it('refuses a likelihood or impact not on the scales, naming the field', () => {
    try {
      scoreThreat({ likelihood: 'maybe', impact: 'severe' }, config);
      throw new Error('should have failed');
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).problems.map((p) => p.field)).toEqual(['likelihood']);
    }
  });
});

describe('POC tier and phase tagging', () => {
  it('accepts one or more known tiers and a known phase', () => {
    expect(validatePocTags({ tiers: ['tier-1', 'tier-2'], phase: 'pre-emption' }, config)).toEqual([]);
  });

  it('requires a tier and a phase when the configuration says so, and refuses unknown or repeated ones', () => {
    expect(validatePocTags({}, config).map((p) => p.field)).toEqual(['tiers', 'phase']);
    const p = validatePocTags({ tiers: ['tier-4', 'tier-1', 'tier-1'], phase: 'aftermath' }, config, 'activities.2');
    expect(p.map((x) => x.field)).toEqual(['activities.2.tiers.0', 'activities.2.tiers.2', 'activities.2.phase']);
    expect(p[0]!.reason).toContain('tier-1, tier-2, tier-3');
  });

  it('follows the tagging rules of the configuration', () => {
    const c = structuredClone(config);
    c.threatTagging = { tierRequired: false, phaseRequired: false, multipleTiers: false };
    expect(validatePocTags({}, c)).toEqual([]);
    expect(validatePocTags({ tiers: ['tier-1', 'tier-2'] }, c)).toEqual([{ field: 'tiers', reason: 'only one POC tier may be given' }]);
  });

  it('checks a whole register entry', () => {
    const bad: ThreatEntry = { id: 't', threatType: 'dragons', likelihood: 'likely', impact: 'huge', tiers: ['tier-2'], phase: 'response' };
    expect(validateThreat(bad, config).map((p) => p.field)).toEqual(['threatType', 'impact']);
  });
});

describe('the threat register', () => {
  it('ranks by score, then impact, keeping entries that do not fit at the end with their problems', () => {
    const register: ThreatEntry[] = [
      { id: 'adf-beni', threatType: 'attack-on-civilians', likelihood: 'likely', impact: 'severe', tiers: ['tier-2'], phase: 'pre-emption', area: 'CD6109' },
      { id: 'roadblocks', threatType: 'illegal-roadblock', likelihood: 'almost-certain', impact: 'minor', tiers: ['tier-1'], phase: 'prevention' },
      { id: 'protest', threatType: 'violence-at-protest', likelihood: 'possible', impact: 'major', tiers: ['tier-1', 'tier-2'], phase: 'prevention' },
      { id: 'typo', threatType: 'looting', likelihood: 'often', impact: 'minor', tiers: ['tier-1'], phase: 'response' },
      { id: 'recruitment', threatType: 'child-recruitment', likelihood: 'likely', impact: 'moderate', tiers: ['tier-3'], phase: 'consolidation' },
    ];
    const ranked = rankThreats(register, config);
    // adf 20; protest 12 (impact 4) and recruitment 12 (impact 3); roadblocks 10; typo unscored
    expect(ranked.map((r) => r.threat.id)).toEqual(['adf-beni', 'protest', 'recruitment', 'roadblocks', 'typo']);
    expect(ranked[0]!.score!.band.code).toBe('critical');
    expect(ranked[0]!.tiers).toEqual([{ code: 'tier-2', en: 'Tier II: provision of physical protection', fr: 'Niveau II : protection physique' }]);
    expect(ranked[0]!.phase!.fr).toBe('Préemption');
    expect(ranked.at(-1)!.score).toBeNull();
    expect(ranked.at(-1)!.problems).toEqual([{ field: 'likelihood', reason: '"often" is not on the likelihood scale' }]);
  });
});
