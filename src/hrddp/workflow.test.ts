import { describe, expect, it } from 'vitest';
import { DEFAULT_HRDDP_CONFIG as config } from './config.ts';
import type { Waiver } from './risk.ts';
import { allowedTransitions, availableTransitions, decisionBodyFor, grantWaiver, transition, type TransitionContext, type WorkflowActor, type WorkflowRequest } from './workflow.ts';

// Actors with the platform's default role permissions.
const planner: WorkflowActor = { username: 'planner', roles: ['military'], permissions: ['hrddp:read', 'hrddp:request'] };
const hro: WorkflowActor = { username: 'hro', roles: ['human-rights'], permissions: ['hrddp:*'] };
const leader: WorkflowActor = { username: 'srsg', roles: ['leadership'], permissions: ['hrddp:read', 'hrddp:decide'] };
const system: WorkflowActor = { username: 'system', roles: ['admin'], permissions: ['*'] };

const req = (state: string, supportKind = 'logistical', subKind: string | null = 'fuel'): WorkflowRequest => ({ id: 'REQ-1', state, supportKind, subKind });
const ctx = (over: Partial<TransitionContext> = {}): TransitionContext => ({
  date: '2015-01-20',
  scope: { inScope: true },
  assessment: { completed: true, finalLevel: 'medium' },
  openReviews: [],
  waivers: [],
  mitigationMeasures: [{ id: 'M-1', type: 'exclusion' }],
  reason: 'Decision taken at the weekly meeting.',
  ...over,
});
const waiver = (over: Partial<Waiver> = {}): Waiver => ({
  id: 'W-1',
  requestId: 'REQ-1',
  personIds: ['p-gen'],
  reason: 'The general commands only the rear base and is excluded from the operation.',
  decidedBy: 'srsg',
  decisionBody: 'head-of-mission',
  decidedOn: '2015-01-18',
  validUntil: '2015-06-30',
  ...over,
});
const listedReview = { id: 'RV-1', trigger: 'listed-person-posted', listedPersonIds: ['p-gen'], listedPersonNames: ['Gen. Baraka Lwesso'] };

describe('allowedTransitions', () => {
  it('lets a planner submit a draft but not start the assessment', () => {
    expect(allowedTransitions('draft', planner, config).map((t) => t.id)).toEqual(['submit', 'close']);
    expect(allowedTransitions('submitted', planner, config).map((t) => t.id)).toEqual(['close']);
    expect(allowedTransitions('submitted', hro, config).map((t) => t.id)).toEqual(['start-assessment', 'screen-out', 'close']);
  });
  it('offers the decisions to leadership when a request awaits decision', () => {
    expect(allowedTransitions('awaiting-decision', leader, config).map((t) => t.id)).toEqual(['approve', 'approve-with-conditions', 'refuse']);
    expect(allowedTransitions('awaiting-decision', planner, config)).toEqual([]);
  });
});

describe('transition: the path of a request', () => {
  it('goes from draft to active through submission, assessment, mitigation and a decision with conditions', () => {
    const steps: [string, WorkflowActor][] = [
      ['submitted', planner],
      ['assessment', hro],
      ['mitigation', hro],
      ['awaiting-decision', hro],
      ['approved-with-conditions', leader],
      ['active', planner],
    ];
    let state = 'draft';
    for (const [to, actor] of steps) {
      const r = transition(req(state), to, actor, ctx(), config);
      expect(r, `${state} → ${to}`).toMatchObject({ ok: true, from: state, to });
      state = to;
    }
  });

  it('returns the decision record to store', () => {
    const r = transition(req('awaiting-decision'), 'approved-with-conditions', leader, ctx(), config);
    expect(r.ok && r.decision).toEqual({
      transitionId: 'approve-with-conditions',
      decision: 'approve-with-conditions',
      requestId: 'REQ-1',
      decisionBody: 'head-of-mission',
      by: 'srsg',
      on: '2015-01-20',
      reason: 'Decision taken at the weekly meeting.',
    });
  });

  it('refuses a move the machine does not have', () => {
    const r = transition(req('draft'), 'approved', leader, ctx(), config);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('no-transition');
      expect(r.error.en).toBe('a request cannot go from “Draft” to “Approved”');
      expect(r.error.fr).toBe('une demande ne peut pas passer de l’état « Brouillon » à l’état « Approuvée »');
    }
  });

  it('refuses unknown states', () => {
    const r = transition(req('limbo'), 'approved', leader, ctx(), config);
    expect(!r.ok && r.error.code).toBe('unknown-state');
  });

  it('refuses an actor without the permission, naming it', () => {
    const r = transition(req('awaiting-decision'), 'approved-with-conditions', planner, ctx(), config);
    expect(!r.ok && r.error).toMatchObject({ code: 'permission-denied', en: 'cannot approve with conditions: this needs hrddp:decide' });
    expect(!r.ok && r.error.fr).toBe('impossible d’approuver sous conditions : il faut hrddp:decide');
  });
});

describe('guards', () => {
  it('assessment completed before any decision', () => {
    for (const assessment of [null, { completed: false, finalLevel: 'medium' }]) {
      const r = transition(req('awaiting-decision'), 'refused', leader, ctx({ assessment }), config);
      expect(!r.ok && r.error).toMatchObject({ guard: 'assessment-completed', en: 'cannot refuse: the risk assessment has not been completed' });
    }
    const sub = transition(req('assessment'), 'awaiting-decision', hro, ctx({ assessment: { completed: false, finalLevel: null } }), config);
    expect(!sub.ok && sub.error.guard).toBe('assessment-completed');
  });

  it('decision by the configured body for the support kind', () => {
    expect(decisionBodyFor({ supportKind: 'joint-operations', subKind: 'joint-patrol' }, config).id).toBe('smg-protection');
    expect(decisionBodyFor({ supportKind: 'logistical', subKind: 'fuel' }, config).id).toBe('head-of-mission');
    expect(decisionBodyFor({ supportKind: 'training', subKind: 'quick-impact-project' }, config).id).toBe('head-of-field-office');

    // A mission where the SMG-P is a distinct role: the head of mission's staff cannot decide joint operations.
    const c = structuredClone(config);
    c.decisionBodies.find((b) => b.id === 'smg-protection')!.roles = ['smg-p-member'];
    const joint = req('awaiting-decision', 'joint-operations', 'joint-operation');
    const r = transition(joint, 'approved-with-conditions', leader, ctx(), c);
    expect(!r.ok && r.error.guard).toBe('decision-body');
    expect(!r.ok && r.error.en).toContain('this decision belongs to the Senior management group on protection');
    expect(!r.ok && r.error.fr).toContain('Groupe de haut niveau sur la protection');
    const member: WorkflowActor = { username: 'smg', roles: ['smg-p-member'], permissions: ['hrddp:decide'] };
    expect(transition(joint, 'approved-with-conditions', member, ctx(), c).ok).toBe(true);
    // Holding hrddp:* (human rights officer) is not enough: the role must sit on the body.
    const r2 = transition(req('awaiting-decision'), 'refused', hro, ctx(), config);
    expect(!r2.ok && r2.error.guard).toBe('decision-body');
  });

  it('an open review for a listed commander blocks approval unless a waiver was granted', () => {
    const blocked = transition(req('awaiting-decision'), 'approved-with-conditions', leader, ctx({ openReviews: [listedReview] }), config);
    expect(!blocked.ok && blocked.error.en).toBe(
      'cannot approve with conditions: an open review for a listed commander stands (Gen. Baraka Lwesso) and no waiver has been granted',
    );
    expect(!blocked.ok && blocked.error.fr).toBe(
      'impossible d’approuver sous conditions : un réexamen ouvert concernant un commandant inscrit sur une liste est en cours (Gen. Baraka Lwesso) et aucune dérogation n’a été accordée',
    );
    expect(transition(req('awaiting-decision'), 'approved-with-conditions', leader, ctx({ openReviews: [listedReview], waivers: [waiver()] }), config).ok).toBe(true);
    // A waiver for another request, or one expired, does not count.
    expect(transition(req('awaiting-decision'), 'approved-with-conditions', leader, ctx({ openReviews: [listedReview], waivers: [waiver({ requestId: 'REQ-2' })] }), config).ok).toBe(false);
    expect(transition(req('awaiting-decision'), 'approved-with-conditions', leader, ctx({ openReviews: [listedReview], waivers: [waiver({ validUntil: '2015-01-19' })] }), config).ok).toBe(false);
  });

  it('an open review of another kind blocks approval unless a waiver answers that review', () => {
    const rv = { id: 'RV-2', trigger: 'new-allegation' };
    const r = transition(req('awaiting-decision'), 'approved-with-conditions', leader, ctx({ openReviews: [rv] }), config);
    expect(!r.ok && r.error.en).toBe('cannot approve with conditions: an open review stands (RV-2: New allegation against a supported unit or its commander) and no waiver has been granted');
    expect(transition(req('awaiting-decision'), 'approved-with-conditions', leader, ctx({ openReviews: [rv], waivers: [waiver({ personIds: [], reviewId: 'RV-2' })] }), config).ok).toBe(true);
    // Refusal is never blocked by a review.
    expect(transition(req('awaiting-decision'), 'refused', leader, ctx({ openReviews: [rv] }), config).ok).toBe(true);
  });

  it('mitigation measures are required to approve with conditions', () => {
    const r = transition(req('awaiting-decision'), 'approved-with-conditions', leader, ctx({ mitigationMeasures: [] }), config);
    expect(!r.ok && r.error).toMatchObject({ guard: 'mitigation-measures-defined', en: 'cannot approve with conditions: no mitigatory measure has been set as a condition' });
  });

  it('the risk level limits the decisions: medium cannot be approved without conditions, prohibitive only refused', () => {
    const plain = transition(req('awaiting-decision'), 'approved', leader, ctx({ assessment: { completed: true, finalLevel: 'medium' } }), config);
    expect(!plain.ok && plain.error.en).toBe('cannot approve: the risk level Medium allows only: approve with conditions, refuse');
    expect(transition(req('awaiting-decision'), 'approved', leader, ctx({ assessment: { completed: true, finalLevel: 'low' } }), config).ok).toBe(true);
    const p = transition(req('awaiting-decision'), 'approved-with-conditions', leader, ctx({ assessment: { completed: true, finalLevel: 'prohibitive' } }), config);
    expect(!p.ok && p.error.fr).toBe('impossible d’approuver sous conditions : le niveau de risque Rédhibitoire ne permet que : refuser');
  });

  it('lists every failing guard', () => {
    const r = transition(req('awaiting-decision'), 'approved-with-conditions', leader, ctx({ assessment: null, mitigationMeasures: [], openReviews: [listedReview] }), config);
    expect(!r.ok && r.errors.map((e) => e.guard)).toEqual(['assessment-completed', 'no-open-review-without-waiver', 'level-allows-decision', 'mitigation-measures-defined']);
  });

  it('a refusal, a suspension or a withdrawal needs a reason', () => {
    const r = transition(req('awaiting-decision'), 'refused', leader, ctx({ reason: ' no ' }), config);
    expect(!r.ok && r.error).toMatchObject({ guard: 'reason-given', fr: 'impossible de refuser : un motif d’au moins 10 caractères est requis' });
  });

  it('scope screening gates the assessment; an out-of-scope request is closed with a reason', () => {
    expect(transition(req('submitted'), 'assessment', hro, ctx({ scope: null }), config).ok).toBe(false);
    const out = transition(req('submitted'), 'assessment', hro, ctx({ scope: { inScope: false } }), config);
    expect(!out.ok && out.error.en).toBe('cannot start the assessment: the request is outside the policy');
    expect(transition(req('submitted'), 'closed', hro, ctx({ scope: { inScope: false }, reason: 'Human rights training only.' }), config)).toMatchObject({ ok: true, transitionId: 'screen-out' });
  });
});

describe('reviews, suspension and withdrawal', () => {
  it('leaving a review needs a resolution leading to the target state', () => {
    const under = req('under-review');
    const none = transition(under, 'active', leader, ctx({ resolvingReviewId: 'RV-1', openReviews: [listedReview] }), config);
    expect(!none.ok && none.error.guard).toBe('review-resolution');
    const wrong = transition(under, 'active', leader, ctx({ resolvingReviewId: 'RV-1', openReviews: [listedReview], reviewResolution: 'suspension' }), config);
    expect(!wrong.ok && wrong.error.en).toBe('cannot continue the support: the review resolution “Suspension” leads to “Suspended”, not here');
    expect(transition(under, 'active', leader, ctx({ resolvingReviewId: 'RV-1', openReviews: [listedReview], reviewResolution: 'no-change' }), config).ok).toBe(true);
    expect(transition(under, 'suspended', leader, ctx({ resolvingReviewId: 'RV-1', reviewResolution: 'suspension' }), config).ok).toBe(true);
    expect(transition(under, 'withdrawn', leader, ctx({ resolvingReviewId: 'RV-1', reviewResolution: 'withdrawal' }), config).ok).toBe(true);
  });

  it('new conditions after a review need new measures', () => {
    const r = transition(req('under-review'), 'active', leader, ctx({ reviewResolution: 'new-conditions', mitigationMeasures: [] }), config);
    expect(!r.ok && r.error.en).toContain('needs new mitigatory measures');
  });

  it('another open review still blocks continuing support', () => {
    const other = { id: 'RV-3', trigger: 'new-allegation' };
    const r = transition(req('under-review'), 'active', leader, ctx({ resolvingReviewId: 'RV-1', openReviews: [listedReview, other], reviewResolution: 'no-change' }), config);
    expect(!r.ok && r.error.guard).toBe('no-open-review-without-waiver');
  });

  it('suspension of active support without a review needs only the body and a reason', () => {
    expect(transition(req('active'), 'suspended', leader, ctx(), config).ok).toBe(true);
    expect(transition(req('active'), 'suspended', system, ctx(), config).ok).toBe(false); // the system is not a decision body
    expect(transition(req('active'), 'under-review', system, ctx({ reason: 'New allegation A-31 attributed.' }), config).ok).toBe(true);
  });

  it('resuming suspended support is blocked by an unwaived review about a listed commander', () => {
    expect(transition(req('suspended'), 'active', leader, ctx({ openReviews: [listedReview] }), config).ok).toBe(false);
    expect(transition(req('suspended'), 'active', leader, ctx(), config).ok).toBe(true);
  });
});

describe('availableTransitions', () => {
  it('lists each way out with its blocking reasons', () => {
    const list = availableTransitions(req('awaiting-decision'), leader, ctx({ mitigationMeasures: [], assessment: { completed: true, finalLevel: 'high' } }), config);
    expect(list.map((x) => [x.transition.id, x.ok])).toEqual([
      ['return-to-assessment', false],
      ['approve', false],
      ['approve-with-conditions', false],
      ['refuse', true],
    ]);
    expect(list[0]!.errors[0]!.code).toBe('permission-denied');
    expect(list[1]!.errors[0]!.en).toBe('cannot approve: the risk level High allows only: approve with conditions, refuse');
    expect(list[2]!.errors[0]!.guard).toBe('mitigation-measures-defined');
  });
});

describe('grantWaiver', () => {
  const input = { id: 'W-9', personIds: ['p-gen'], reason: 'The general is confined to logistics and excluded from the operation area.', decidedOn: '2015-01-20' };
  it('records an explicit decision with its reason, body and capped validity', () => {
    const r = grantWaiver(input, leader, req('awaiting-decision'), config);
    expect(r).toEqual({
      ok: true,
      waiver: {
        id: 'W-9',
        requestId: 'REQ-1',
        personIds: ['p-gen'],
        reviewId: null,
        reason: input.reason,
        decidedBy: 'srsg',
        decisionBody: 'head-of-mission',
        decidedOn: '2015-01-20',
        validUntil: '2015-07-19',
      },
    });
  });
  it('refuses a waiver without a real reason', () => {
    const r = grantWaiver({ ...input, reason: 'ok' }, leader, req('awaiting-decision'), config);
    expect(!r.ok && r.error.code).toBe('reason-required');
  });
  it('refuses a waiver by someone outside the waiver body', () => {
    const r = grantWaiver(input, hro, req('awaiting-decision'), config);
    expect(!r.ok && r.error.en).toBe('waivers are granted by the Head of mission, which you do not sit on');
  });
  it('refuses a waiver longer than allowed, or naming nothing', () => {
    const long = grantWaiver({ ...input, validUntil: '2016-01-01' }, leader, req('awaiting-decision'), config);
    expect(!long.ok && long.error.fr).toBe('une dérogation ne peut durer plus de 180 jours (jusqu’au 19 juillet 2015)');
    expect(grantWaiver({ ...input, personIds: [] }, leader, req('awaiting-decision'), config)).toMatchObject({ ok: false, error: { code: 'nothing-waived' } });
  });
  it('can be configured to belong to the request’s own decision body', () => {
    const c = structuredClone(config);
    c.waivers.decisionBody = 'request-decision-body';
    c.decisionBodies.find((b) => b.id === 'smg-protection')!.roles = ['smg-p-member'];
    const joint = req('awaiting-decision', 'joint-operations', 'joint-operation');
    expect(grantWaiver(input, leader, joint, c).ok).toBe(false);
    const r = grantWaiver(input, { username: 'smg', roles: ['smg-p-member'], permissions: ['hrddp:decide'] }, joint, c);
    expect(r.ok && r.waiver.decisionBody).toBe('smg-protection');
  });
});
