import { describe, expect, it } from 'vitest';
import { DEFAULT_HRDDP_CONFIG, LETTER_KINDS, parseHrddpConfig, validateHrddpConfig, type HrddpConfig } from './config.ts';

const clone = (): HrddpConfig => structuredClone(DEFAULT_HRDDP_CONFIG);
const problemsOf = (value: unknown) => {
  const r = validateHrddpConfig(value);
  if (r.ok) throw new Error('expected the configuration to be refused');
  return r.problems;
};

describe('default HRDDP configuration', () => {
  it('is valid and survives a JSON round trip (it is stored as a setting)', () => {
    const json = JSON.parse(JSON.stringify(DEFAULT_HRDDP_CONFIG));
    expect(validateHrddpConfig(json).ok).toBe(true);
    expect(parseHrddpConfig(json)).toEqual(DEFAULT_HRDDP_CONFIG);
  });

  it('has the six support kinds of the policy, numbered 1 to 6, with the sub-kinds met in practice', () => {
    expect(DEFAULT_HRDDP_CONFIG.supportKinds.map((k) => k.ordinal)).toEqual([1, 2, 3, 4, 5, 6]);
    const subs = DEFAULT_HRDDP_CONFIG.supportKinds.flatMap((k) => k.subKinds.map((s) => s.id));
    for (const s of ['fuel', 'rations', 'transport', 'equipment', 'premises', 'premises-handover', 'medical', 'quick-impact-project', 'joint-patrol', 'transport-of-officials', 'planning', 'fire-support', 'intelligence']) {
      expect(subs).toContain(s);
    }
  });

  it('words every label in English and French', () => {
    const texts: unknown[] = [];
    const walk = (v: unknown) => {
      if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if ('en' in o && 'fr' in o && typeof o.en === 'string') texts.push(o);
        Object.values(o).forEach(walk);
      }
    };
    walk(DEFAULT_HRDDP_CONFIG);
    expect(texts.length).toBeGreaterThan(100);
    for (const t of texts as { en: string; fr: string }[]) {
      expect(t.en.length).toBeGreaterThan(0);
      expect(t.fr.length).toBeGreaterThan(0);
    }
  });

  it('routes joint operations to the senior management group on protection and the rest to the head of mission', () => {
    expect(DEFAULT_HRDDP_CONFIG.decisionRouting.bySupportKind['joint-operations']).toBe('smg-protection');
    expect(DEFAULT_HRDDP_CONFIG.decisionRouting.default).toBe('head-of-mission');
  });

  it('has a template for every letter kind in both languages', () => {
    for (const k of LETTER_KINDS) {
      expect(DEFAULT_HRDDP_CONFIG.letters.templates[k].en.body).toBeTruthy();
      expect(DEFAULT_HRDDP_CONFIG.letters.templates[k].fr.body).toBeTruthy();
    }
  });
});

describe('configuration validation names the path of each problem', () => {
  it('refuses a negative weight', () => {
    const c = clone();
    c.risk.criteria[0]!.weight = -1;
    expect(problemsOf(c).map((p) => p.path)).toContain('risk.criteria.0.weight');
  });

  it('refuses a decision routing to a body that does not exist', () => {
    const c = clone();
    c.decisionRouting.bySupportKind['joint-operations'] = 'nobody';
    const p = problemsOf(c).find((x) => x.path === 'decisionRouting.bySupportKind.joint-operations');
    expect(p?.message).toMatch(/unknown decision body "nobody"/);
  });

  it('refuses a transition to an unknown state', () => {
    const c = clone();
    c.workflow.transitions[0]!.to = 'limbo';
    expect(problemsOf(c)).toContainEqual({ path: 'workflow.transitions.0.to', message: 'unknown state "limbo"' });
  });

  it('refuses thresholds that do not increase', () => {
    const c = clone();
    c.risk.levels[2]!.minScore = 1; // high below medium (2)
    expect(problemsOf(c).map((p) => p.path)).toContain('risk.levels.2.minScore');
  });

  it('refuses a floor level with a threshold', () => {
    const c = clone();
    c.risk.levels[0]!.minScore = 0;
    expect(problemsOf(c).map((p) => p.path)).toContain('risk.levels.0.minScore');
  });

  it('refuses a verification factor for a status that is not in the vocabulary', () => {
    const c = clone();
    const rec = c.risk.criteria[0]!;
    if (rec.method !== 'violation-record') throw new Error('fixture');
    rec.params.verificationFactors['rumoured'] = 0.1;
    expect(problemsOf(c).map((p) => p.path)).toContain('risk.criteria.0.params.verificationFactors.rumoured');
  });

  it('refuses duplicate sub-kind ids across kinds, and an out-of-scope sub-kind without a reason', () => {
    const c = clone();
    c.supportKinds[5]!.subKinds.push({ id: 'fuel', label: { en: 'Fuel', fr: 'Carburant' }, inScope: false });
    const paths = problemsOf(c).map((p) => p.path);
    expect(paths).toContain('supportKinds.5.subKinds.2.id');
    expect(paths).toContain('supportKinds.5.subKinds.2.outOfScopeReason');
  });

  it('refuses a missing French label', () => {
    const c = clone() as any;
    delete c.supportKinds[0].label.fr;
    expect(problemsOf(c).map((p) => p.path)).toContain('supportKinds.0.label.fr');
  });

  it('refuses a missing letter template', () => {
    const c = clone() as any;
    delete c.letters.templates.refusal;
    expect(problemsOf(c).some((p) => p.path.startsWith('letters.templates'))).toBe(true);
  });

  it('throws one error listing the paths from parseHrddpConfig', () => {
    const c = clone();
    c.waivers.decisionBody = 'nobody';
    expect(() => parseHrddpConfig(c)).toThrow(/waivers\.decisionBody/);
  });
});
