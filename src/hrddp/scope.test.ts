import { describe, expect, it } from 'vitest';
import { DEFAULT_HRDDP_CONFIG as config } from './config.ts';
import { checkScope } from './scope.ts';

const army = { name: '12th Infantry Battalion', type: 'army' };
const codes = (r: ReturnType<typeof checkScope>) => r.reasons.map((x) => x.code);

describe('checkScope', () => {
  it('puts fuel for an army battalion in scope, and says why in both languages', () => {
    const r = checkScope({ support: [{ kind: 'logistical', subKind: 'fuel' }], recipients: [army] }, config);
    expect(r.inScope).toBe(true);
    expect(codes(r)).toEqual(['support-kind-in-scope', 'recipient-in-scope']);
    expect(r.reasons[0]!.en).toContain('Logistical support (Fuel)');
    expect(r.reasons[0]!.fr).toContain('Appui logistique (Carburant)');
  });

  it.each(['army', 'police', 'gendarmerie', 'intelligence', 'prison-service', 'regional-force', 'command-authority'])('covers %s recipients', (type) => {
    expect(checkScope({ support: [{ kind: 'joint-operations', subKind: 'joint-patrol' }], recipients: [{ type }] }, config).inScope).toBe(true);
  });

  it.each(['un-entity', 'civilian-authority', 'civil-society'])('leaves %s recipients out', (type) => {
    const r = checkScope({ support: [{ kind: 'logistical', subKind: 'transport' }], recipients: [{ type }] }, config);
    expect(r.inScope).toBe(false);
    expect(codes(r)).toContain('recipient-out-of-scope');
  });

  it('leaves human rights or IHL training itself out, by sub-kind or by subjects', () => {
    const bySub = checkScope({ support: [{ kind: 'training', subKind: 'human-rights-ihl-training' }], recipients: [army] }, config);
    expect(bySub.inScope).toBe(false);
    expect(codes(bySub)).toContain('sub-kind-out-of-scope');
    expect(bySub.reasons[0]!.fr).toMatch(/droit international humanitaire/);

    const bySubjects = checkScope({ support: [{ kind: 'training', subKind: 'training-course', subjects: ['human-rights', 'international-humanitarian-law'] }], recipients: [army] }, config);
    expect(bySubjects.inScope).toBe(false);
    expect(codes(bySubjects)).toContain('training-subject-exempt');
  });

  it('keeps a training in scope when it also covers other subjects', () => {
    const r = checkScope({ support: [{ kind: 'training', subKind: 'training-course', subjects: ['human-rights', 'urban-combat'] }], recipients: [army] }, config);
    expect(r.inScope).toBe(true);
    expect(codes(r)).toContain('training-subjects-mixed');
    expect(r.reasons[0]!.en).toContain('urban-combat');
  });

  it('keeps a human rights training in scope when it comes with other support (allowances)', () => {
    const r = checkScope(
      { support: [{ kind: 'training', subKind: 'human-rights-ihl-training' }, { kind: 'financial', subKind: 'allowances' }], recipients: [army] },
      config,
    );
    expect(r.inScope).toBe(true);
  });

  it('needs both an in-scope support item and an in-scope recipient', () => {
    const r = checkScope({ support: [{ kind: 'logistical', subKind: 'fuel' }], recipients: [{ type: 'un-entity' }, { type: 'police', name: 'PNC Goma' }] }, config);
    expect(r.inScope).toBe(true);
    expect(r.reasons.find((x) => x.code === 'recipient-in-scope')!.en).toMatch(/^PNC Goma: Police/);
  });

  it('treats unknown kinds and recipient types as in scope by precaution, as configured', () => {
    const r = checkScope({ support: [{ kind: 'cyber' }], recipients: [{ type: 'militia' }] }, config);
    expect(r.inScope).toBe(true);
    expect(codes(r)).toEqual(['support-kind-unknown', 'recipient-type-unknown']);
    const strict = structuredClone(config);
    strict.scope.unknownSupportKindInScope = false;
    expect(checkScope({ support: [{ kind: 'cyber' }], recipients: [army] }, strict).inScope).toBe(false);
  });

  it('follows the configuration: a kind switched out of scope is out', () => {
    const c = structuredClone(config);
    c.supportKinds.find((k) => k.id === 'logistical')!.inScope = false;
    const r = checkScope({ support: [{ kind: 'logistical', subKind: 'fuel' }], recipients: [army] }, c);
    expect(r.inScope).toBe(false);
    expect(codes(r)).toContain('support-kind-out-of-scope');
  });

  it('is out of scope when there is no support or no recipient', () => {
    expect(codes(checkScope({ support: [], recipients: [army] }, config))).toContain('no-support-described');
    expect(checkScope({ support: [{ kind: 'logistical' }], recipients: [] }, config).inScope).toBe(false);
  });

  it('flags an unknown sub-kind', () => {
    const r = checkScope({ support: [{ kind: 'logistical', subKind: 'helicopters' }], recipients: [army] }, config);
    expect(codes(r)).toContain('sub-kind-unknown');
  });
});
