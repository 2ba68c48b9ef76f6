/**
 * The life of a support request as a state machine. States, transitions, the permissions and roles
 * each transition needs and the guards it must pass are configuration (`config.workflow`); this
 * module evaluates them. Pure: the caller gathers the facts the guards look at (scope result,
 * assessment, open reviews, waivers, mitigation measures, reason) into a TransitionContext.
 *
 * Waivers are a separate, explicit decision (grantWaiver) with a reason, taken by a configured
 * body: approval never implies one.
 */
import type { Decision, DecisionBodyConfig, GuardName, HrddpConfig, I18nText, TransitionConfig } from './config.ts';
import { labelOf } from './config.ts';
import { waiverCovers, type Waiver } from './risk.ts';
import { displayPartialDate } from '../platform/dates.ts';
import { addDays, deVerb, holdsPermission, joinList, toDay } from './util.ts';

/** Structurally compatible with the platform's Actor. */
export interface WorkflowActor {
  id?: string | null;
  username?: string;
  roles: readonly string[];
  permissions: readonly string[];
}

export interface WorkflowRequest {
  id: string;
  state: string;
  supportKind: string;
  subKind?: string | null;
}

export interface OpenReview {
  id: string;
  trigger: string;
  /** Listed persons (commanders or participants) the review is about. */
  listedPersonIds?: string[];
  /** Their names, for messages. */
  listedPersonNames?: string[];
}

export interface TransitionContext {
  /** Day of the transition ('YYYY-MM-DD'). */
  date: string;
  scope?: { inScope: boolean } | null;
  /** The current assessment: completed, with its final level (after any override). */
  assessment?: { completed: boolean; finalLevel: string | null } | null;
  /** Reviews open on the request (those about its units, commanders or participants). */
  openReviews?: OpenReview[];
  /** The review this transition closes, when leaving the review state (it does not block itself). */
  resolvingReviewId?: string | null;
  /** Resolution of that review (config.review.resolutions id). */
  reviewResolution?: string | null;
  waivers?: Waiver[];
  /** Mitigation measures attached to the request (for approval with conditions, or new conditions after a review). */
  mitigationMeasures?: { id: string; type: string }[];
  reason?: string | null;
}

export interface TransitionError {
  code: 'unknown-state' | 'no-transition' | 'permission-denied' | 'guard-failed';
  guard?: GuardName;
  transitionId?: string;
  en: string;
  fr: string;
}

export interface DecisionRecord {
  transitionId: string;
  decision: Decision;
  requestId: string;
  decisionBody: string;
  by: string | null;
  on: string;
  reason: string | null;
}

export type TransitionResult =
  | { ok: true; from: string; to: string; transitionId: string; decision: DecisionRecord | null }
  | { ok: false; error: TransitionError; errors: TransitionError[] };

// ---------------------------------------------------------------------------------------------

/** The body that decides a request: by sub-kind, then by support kind, then the default. */
export function decisionBodyFor(request: Pick<WorkflowRequest, 'supportKind' | 'subKind'>, config: HrddpConfig): DecisionBodyConfig {
  const r = config.decisionRouting;
  const id = (request.subKind ? r.bySubKind[request.subKind] : undefined) ?? r.bySupportKind[request.supportKind] ?? r.default;
  return config.decisionBodies.find((b) => b.id === id)!;
}

/** Whether the actor may act for a decision body: one of its roles and its permission. */
export function actsForBody(actor: WorkflowActor, body: DecisionBodyConfig): boolean {
  return actor.roles.some((r) => body.roles.includes(r)) && holdsPermission(actor.permissions, body.permission);
}

function mayAttempt(t: TransitionConfig, actor: WorkflowActor): boolean {
  return t.permissions.every((p) => holdsPermission(actor.permissions, p)) && (t.roles.length === 0 || actor.roles.some((r) => t.roles.includes(r)));
}

/** Transitions leaving a state that the actor's roles and permissions allow (guards not evaluated). */
export function allowedTransitions(state: string, actor: WorkflowActor, config: HrddpConfig): TransitionConfig[] {
  return config.workflow.transitions.filter((t) => t.from.includes(state) && mayAttempt(t, actor));
}

const fail = (t: TransitionConfig, guard: GuardName, why: I18nText): TransitionError => ({
  code: 'guard-failed',
  guard,
  transitionId: t.id,
  en: `cannot ${t.label.en}: ${why.en}`,
  fr: `impossible ${deVerb(t.label.fr)} : ${why.fr}`,
});

/** Reviews still blocking: open, not the one being resolved, and not answered by a valid waiver. */
export function unwaivedReviews(request: Pick<WorkflowRequest, 'id'>, context: TransitionContext): OpenReview[] {
  const day = toDay(context.date);
  const waivers = context.waivers ?? [];
  return (context.openReviews ?? []).filter((rv) => {
    if (rv.id === context.resolvingReviewId) return false;
    const valid = (w: Waiver) => toDay(w.decidedOn) <= day && (!w.validUntil || toDay(w.validUntil) >= day) && (!w.requestId || w.requestId === request.id);
    if (waivers.some((w) => w.reviewId === rv.id && valid(w))) return false;
    const persons = rv.listedPersonIds ?? [];
    if (persons.length > 0 && persons.every((p) => waivers.some((w) => waiverCovers(w, p, request.id, day)))) return false;
    return true;
  });
}

function checkGuard(guard: GuardName, t: TransitionConfig, request: WorkflowRequest, actor: WorkflowActor, context: TransitionContext, config: HrddpConfig): TransitionError | null {
  switch (guard) {
    case 'in-scope':
      if (!context.scope) return fail(t, guard, { en: 'the request has not been screened for scope', fr: 'le champ d’application de la demande n’a pas été vérifié' });
      if (!context.scope.inScope) return fail(t, guard, { en: 'the request is outside the policy', fr: 'la demande n’entre pas dans le champ de la politique' });
      return null;
    case 'out-of-scope':
      if (!context.scope || context.scope.inScope) {
        return fail(t, guard, { en: 'the request has not been found outside the policy', fr: 'la demande n’a pas été jugée hors du champ de la politique' });
      }
      return null;
    case 'assessment-completed':
      if (!context.assessment || !context.assessment.completed || !context.assessment.finalLevel) {
        return fail(t, guard, { en: 'the risk assessment has not been completed', fr: 'l’évaluation des risques n’est pas achevée' });
      }
      return null;
    case 'decision-body': {
      const body = decisionBodyFor(request, config);
      if (!actsForBody(actor, body)) {
        return fail(t, guard, {
          en: `this decision belongs to the ${body.label.en}, which you do not sit on (roles: ${body.roles.join(', ')}; permission ${body.permission})`,
          fr: `cette décision relève de l’instance « ${body.label.fr} », dont vous ne faites pas partie (rôles : ${body.roles.join(', ')} ; permission ${body.permission})`,
        });
      }
      return null;
    }
    case 'no-open-review-without-waiver': {
      const blocking = unwaivedReviews(request, context);
      if (blocking.length === 0) return null;
      const listed = blocking.filter((r) => (r.listedPersonIds ?? []).length > 0);
      if (listed.length > 0) {
        const names = listed.flatMap((r) => r.listedPersonNames ?? r.listedPersonIds ?? []);
        return fail(t, guard, {
          en: `an open review for a listed commander stands (${names.join(', ')}) and no waiver has been granted`,
          fr: `un réexamen ouvert concernant un commandant inscrit sur une liste est en cours (${names.join(', ')}) et aucune dérogation n’a été accordée`,
        });
      }
      const triggers = blocking.map((r) => labelOf(config.review.triggers, r.trigger));
      return fail(t, guard, {
        en: `an open review stands (${blocking.map((r, i) => `${r.id}: ${triggers[i]!.en}`).join('; ')}) and no waiver has been granted`,
        fr: `un réexamen ouvert est en cours (${blocking.map((r, i) => `${r.id} : ${triggers[i]!.fr}`).join(' ; ')}) et aucune dérogation n’a été accordée`,
      });
    }
    case 'level-allows-decision': {
      const levelId = context.assessment?.finalLevel;
      const level = config.risk.levels.find((l) => l.id === levelId);
      if (!level) return fail(t, guard, { en: 'the assessment has no known risk level', fr: 'l’évaluation n’a pas de niveau de risque connu' });
      if (t.decision && !level.decisions.includes(t.decision)) {
        const allowed = level.decisions.map((d) => config.workflow.transitions.find((x) => x.decision === d)?.label ?? { en: d, fr: d });
        return fail(t, guard, {
          en: `the risk level ${level.label.en} allows only: ${allowed.map((a) => a.en).join(', ') || 'no decision'}`,
          fr: `le niveau de risque ${level.label.fr} ne permet que : ${allowed.map((a) => a.fr).join(', ') || 'aucune décision'}`,
        });
      }
      return null;
    }
    case 'mitigation-measures-defined':
      if ((context.mitigationMeasures ?? []).length === 0) {
        return fail(t, guard, { en: 'no mitigatory measure has been set as a condition', fr: 'aucune mesure d’atténuation n’a été fixée comme condition' });
      }
      return null;
    case 'reason-given': {
      const min = config.workflow.minReasonLength;
      if ((context.reason ?? '').trim().length < min) {
        return fail(t, guard, { en: `a reason of at least ${min} characters is required`, fr: `un motif d’au moins ${min} caractères est requis` });
      }
      return null;
    }
    case 'review-resolution': {
      if (request.state !== config.workflow.reviewState) return null;
      const res = config.review.resolutions.find((r) => r.id === context.reviewResolution);
      if (!res) {
        return fail(t, guard, { en: 'the open review must be closed with one of the configured resolutions', fr: 'le réexamen en cours doit être clos par l’une des issues prévues' });
      }
      if (res.resultingState !== t.to) {
        const target = labelOf(config.workflow.states, res.resultingState);
        return fail(t, guard, {
          en: `the review resolution “${res.label.en}” leads to “${target.en}”, not here`,
          fr: `l’issue du réexamen « ${res.label.fr} » conduit à « ${target.fr} », et non ici`,
        });
      }
      if (res.requiresMeasures && (context.mitigationMeasures ?? []).length === 0) {
        return fail(t, guard, { en: `the resolution “${res.label.en}” needs new mitigatory measures`, fr: `l’issue « ${res.label.fr} » exige de nouvelles mesures d’atténuation` });
      }
      return null;
    }
  }
}

function evaluate(t: TransitionConfig, request: WorkflowRequest, actor: WorkflowActor, context: TransitionContext, config: HrddpConfig): TransitionError[] {
  if (!mayAttempt(t, actor)) {
    const needs = [...t.permissions, ...(t.roles.length ? [`one of the roles ${t.roles.join(', ')}`] : [])];
    const needsFr = [...t.permissions, ...(t.roles.length ? [`l’un des rôles ${t.roles.join(', ')}`] : [])];
    return [
      {
        code: 'permission-denied',
        transitionId: t.id,
        en: `cannot ${t.label.en}: this needs ${joinList(needs, 'and')}`,
        fr: `impossible ${deVerb(t.label.fr)} : il faut ${joinList(needsFr, 'et')}`,
      },
    ];
  }
  return t.guards.map((g) => checkGuard(g, t, request, actor, context, config)).filter((e): e is TransitionError => e !== null);
}

/**
 * Moves a request to the state `to`, or says why not. Every failing guard is listed in `errors`;
 * `error` is the first. A decision transition returns the decision record to store.
 */
export function transition(request: WorkflowRequest, to: string, actor: WorkflowActor, context: TransitionContext, config: HrddpConfig): TransitionResult {
  const states = config.workflow.states;
  for (const s of [request.state, to]) {
    if (!states.some((x) => x.id === s)) {
      const e: TransitionError = { code: 'unknown-state', en: `unknown request state "${s}"`, fr: `état de demande inconnu « ${s} »` };
      return { ok: false, error: e, errors: [e] };
    }
  }
  const candidates = config.workflow.transitions.filter((t) => t.from.includes(request.state) && t.to === to);
  if (candidates.length === 0) {
    const a = labelOf(states, request.state);
    const b = labelOf(states, to);
    const e: TransitionError = {
      code: 'no-transition',
      en: `a request cannot go from “${a.en}” to “${b.en}”`,
      fr: `une demande ne peut pas passer de l’état « ${a.fr} » à l’état « ${b.fr} »`,
    };
    return { ok: false, error: e, errors: [e] };
  }
  let firstErrors: TransitionError[] | null = null;
  for (const t of candidates) {
    const errors = evaluate(t, request, actor, context, config);
    if (errors.length === 0) {
      const decision: DecisionRecord | null = t.decision
        ? {
            transitionId: t.id,
            decision: t.decision,
            requestId: request.id,
            decisionBody: decisionBodyFor(request, config).id,
            by: actor.username ?? actor.id ?? null,
            on: toDay(context.date),
            reason: context.reason?.trim() || null,
          }
        : null;
      return { ok: true, from: request.state, to, transitionId: t.id, decision };
    }
    firstErrors ??= errors;
  }
  return { ok: false, error: firstErrors![0]!, errors: firstErrors! };
}

/** Every transition out of the request's current state, with whether it may be taken now and why not. */
export function availableTransitions(
  request: WorkflowRequest,
  actor: WorkflowActor,
  context: TransitionContext,
  config: HrddpConfig,
): { transition: TransitionConfig; ok: boolean; errors: TransitionError[] }[] {
  return config.workflow.transitions
    .filter((t) => t.from.includes(request.state))
    .map((t) => {
      const errors = evaluate(t, request, actor, context, config);
      return { transition: t, ok: errors.length === 0, errors };
    });
}

// ---------------------------------------------------------------------------------------------
// Waivers: an explicit decision with a reason
// ---------------------------------------------------------------------------------------------

export interface WaiverInput {
  id: string;
  /** Listed persons the waiver lets support proceed despite. */
  personIds: string[];
  /** The open review it answers, if any. */
  reviewId?: string | null;
  reason: string;
  decidedOn: string;
  validUntil?: string | null;
}

export interface WaiverError {
  code: 'not-authorised' | 'reason-required' | 'nothing-waived' | 'validity';
  en: string;
  fr: string;
}

/**
 * Validates a waiver decision and returns the waiver to record. The decider must act for the
 * configured waiver body (or the request's decision body); a reason is mandatory; the validity is
 * capped by the configuration (and defaults to the cap).
 */
export function grantWaiver(
  input: WaiverInput,
  actor: WorkflowActor,
  request: Pick<WorkflowRequest, 'id' | 'supportKind' | 'subKind'>,
  config: HrddpConfig,
): { ok: true; waiver: Waiver } | { ok: false; error: WaiverError } {
  const cfg = config.waivers;
  const body = cfg.decisionBody === 'request-decision-body' ? decisionBodyFor(request, config) : config.decisionBodies.find((b) => b.id === cfg.decisionBody)!;
  if (!actsForBody(actor, body)) {
    return {
      ok: false,
      error: {
        code: 'not-authorised',
        en: `waivers are granted by the ${body.label.en}, which you do not sit on`,
        fr: `les dérogations sont accordées par l’instance « ${body.label.fr} », dont vous ne faites pas partie`,
      },
    };
  }
  const reason = input.reason.trim();
  if (reason.length < cfg.minReasonLength) {
    return {
      ok: false,
      error: {
        code: 'reason-required',
        en: `a waiver needs a reason of at least ${cfg.minReasonLength} characters`,
        fr: `une dérogation exige un motif d’au moins ${cfg.minReasonLength} caractères`,
      },
    };
  }
  if (input.personIds.length === 0 && !input.reviewId) {
    return { ok: false, error: { code: 'nothing-waived', en: 'a waiver must name the persons or the review it covers', fr: 'une dérogation doit désigner les personnes ou le réexamen qu’elle couvre' } };
  }
  const decidedOn = toDay(input.decidedOn);
  const cap = cfg.maxValidityDays === null ? null : addDays(decidedOn, cfg.maxValidityDays);
  const validUntil = input.validUntil ? toDay(input.validUntil) : cap;
  if (validUntil && validUntil < decidedOn) {
    return { ok: false, error: { code: 'validity', en: 'a waiver cannot end before it is granted', fr: 'une dérogation ne peut pas prendre fin avant d’être accordée' } };
  }
  if (cap && validUntil && validUntil > cap) {
    return {
      ok: false,
      error: {
        code: 'validity',
        en: `a waiver may last at most ${cfg.maxValidityDays} days (until ${displayPartialDate(cap, 'en')})`,
        fr: `une dérogation ne peut durer plus de ${cfg.maxValidityDays} jours (jusqu’au ${displayPartialDate(cap, 'fr')})`,
      },
    };
  }
  return {
    ok: true,
    waiver: {
      id: input.id,
      requestId: request.id,
      personIds: [...input.personIds],
      reviewId: input.reviewId ?? null,
      reason,
      decidedBy: actor.username ?? actor.id ?? 'unknown',
      decisionBody: body.id,
      decidedOn,
      validUntil: validUntil ?? null,
    },
  };
}
