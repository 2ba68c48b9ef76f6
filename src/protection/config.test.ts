import { describe, expect, it } from 'vitest';
import { ValidationError } from '../platform/errors.ts';
import { DEFAULT_PROTECTION_CONFIG, labelOf, normaliseRank, parseProtectionConfig, type ProtectionConfig } from './config.ts';

const clone = (): ProtectionConfig => structuredClone(DEFAULT_PROTECTION_CONFIG);

function problemsOf(value: unknown): { field: string; reason: string }[] {
  try {
    parseProtectionConfig(value);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).problems;
  }
  throw new Error('expected the configuration to be refused');
}

describe('protection configuration', () => {
  it('the default configuration is valid and survives a JSON round trip', () => {
    expect(parseProtectionConfig(JSON.parse(JSON.stringify(DEFAULT_PROTECTION_CONFIG)))).toEqual(DEFAULT_PROTECTION_CONFIG);
  });

  it('every vocabulary entry has an English and a French label', () => {
    const c = DEFAULT_PROTECTION_CONFIG;
    const vocabularies = [c.alertChannels, c.threatTypes, c.alertStates, c.responseTypes, c.priorities, c.pocTiers, c.pocPhases, c.threatScoring.likelihood, c.threatScoring.impact, c.threatScoring.bands, c.courtTypes, c.caseStages, c.caseOutcomes, c.affiliations, c.rankBands, c.capacityBuildingKinds];
    for (const v of vocabularies) for (const e of v) {
      expect(e.label.en.trim(), e.code).not.toBe('');
      expect(e.label.fr.trim(), e.code).not.toBe('');
    }
    expect(labelOf(c.pocTiers, 'tier-2').fr).toContain('protection physique');
  });

  it('has the workflow received → triaged → verification → response → closed, with one initial and a final state', () => {
    const c = DEFAULT_PROTECTION_CONFIG;
    expect(c.alertStates.map((s) => s.code)).toEqual(['received', 'triaged', 'verification', 'response', 'closed']);
    expect(c.alertStates.filter((s) => s.initial).map((s) => s.code)).toEqual(['received']);
    const next = (from: string) => c.alertTransitions.filter((t) => t.from === from).map((t) => t.to);
    expect(next('triaged')).toContain('verification');
    expect(next('verification')).toContain('response');
    expect(next('response')).toEqual(['closed']);
    // "no response" is recorded explicitly, with a reason, and does not count as a response
    expect(c.responseTypes.find((r) => r.code === 'none')).toMatchObject({ counts: false, requiresReason: true });
  });

  it('compares rank names without case, accents or punctuation', () => {
    expect(normaliseRank('Lieutenant-Colonel')).toBe('lieutenant colonel');
    expect(normaliseRank('  Lt.-Col. ')).toBe('lt col');
    expect(normaliseRank('Général d’armée')).toBe('general d armee');
    expect(normaliseRank('1ère classe')).toBe('1ere classe');
  });

  it('refuses a workflow transition to an unknown state and a second initial state, naming the paths', () => {
    const c = clone();
    c.alertTransitions.push({ from: 'triaged', to: 'archived' });
    c.alertStates[1]!.initial = true;
    const fields = problemsOf(c).map((p) => p.field);
    expect(fields).toContain(`protection.alertTransitions.${c.alertTransitions.length - 1}.to`);
    expect(fields).toContain('protection.alertStates');
  });

  it('refuses a rank name placed in two bands, even written differently', () => {
    const c = clone();
    const senior = c.rankBands.findIndex((b) => b.code === 'senior-officers');
    c.rankBands[senior]!.ranks.push('CAPITAINE');
    const problems = problemsOf(c);
    expect(problems).toContainEqual({ field: `protection.rankBands.${senior}.ranks.${c.rankBands[senior]!.ranks.length - 1}`, reason: '"CAPITAINE" is already in the band "junior-officers"' });
  });

  it('refuses a response type that both counts and needs a reason, an unknown default outcome, and a missing label', () => {
    const c = clone() as any;
    c.responseTypes[0].requiresReason = true;
    c.defaultCaseOutcome = 'unknown-outcome';
    c.threatTypes[2].label.en = '  ';
    const fields = problemsOf(c).map((p) => p.field);
    expect(fields).toContain('protection.responseTypes.0.requiresReason');
    expect(fields).toContain('protection.defaultCaseOutcome');
    expect(fields).toContain('protection.threatTypes.2.label.en');
  });

  it('refuses threat bands that leave the lowest score unclassified', () => {
    const c = clone();
    c.threatScoring.bands = c.threatScoring.bands.filter((b) => b.minScore > 1);
    expect(problemsOf(c).map((p) => p.field)).toContain('protection.threatScoring.bands');
  });
});
