/**
 * HRDDP policy as configuration data. Every list, criterion, weight, threshold, decision body, workflow
 * step and notice delay the due-diligence rules use is here, as one typed JSON-serialisable object, so a
 * mission can change its policy through the settings store without touching code. The rule functions
 * (scope, risk, workflow, monitoring, letters) receive this object as a parameter; none of them holds a
 * policy constant of its own.
 *
 * What stays in code is the vocabulary of *mechanisms*: how a criterion is computed (`method`), which
 * guards exist, which monitoring trigger types exist. Configuration chooses among them, sets their
 * parameters and words them in English and French.
 */
import { z } from 'zod';
import { DEFAULT_LETTER_TEMPLATES } from './letter-templates.ts';

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

export const LANGS = ['en', 'fr'] as const;
export type Lang = (typeof LANGS)[number];

export const i18nTextSchema = z.object({ en: z.string().min(1), fr: z.string().min(1) });
export type I18nText = z.infer<typeof i18nTextSchema>;

const idSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'an id is lower-case letters and digits joined by hyphens');
const permissionSchema = z.string().regex(/^(\*|[a-z-]+:(\*|[a-z-]+))$/, 'a permission looks like domain:action, domain:* or *');
const factor = z.number().min(0).max(1);

/** How an allegation reaches the recipient of the support. `commander-past` is a commander's earlier posting. */
export const PATH_KINDS = ['direct', 'sub-unit', 'parent-unit', 'commander-current', 'commander-past'] as const;
export type PathKind = (typeof PATH_KINDS)[number];

/** The computation mechanisms a criterion may use (the code behind each is in risk.ts). */
export const CRITERION_METHODS = ['violation-record', 'command-responsibility', 'accountability', 'listed-persons', 'screening-hits', 'assessor-choice'] as const;
export type CriterionMethod = (typeof CRITERION_METHODS)[number];

/** Conditions that force a level regardless of the score (evaluated in risk.ts). */
export const FORCING_CONDITIONS = ['listed-commander-without-waiver', 'listed-participant-without-waiver'] as const;
export type ForcingCondition = (typeof FORCING_CONDITIONS)[number];

/** Decisions a level may allow. */
export const DECISIONS = ['approve', 'approve-with-conditions', 'refuse'] as const;
export type Decision = (typeof DECISIONS)[number];

/** Guards the workflow knows how to check (workflow.ts). */
export const GUARDS = [
  'in-scope',
  'out-of-scope',
  'assessment-completed',
  'decision-body',
  'no-open-review-without-waiver',
  'level-allows-decision',
  'mitigation-measures-defined',
  'reason-given',
  'review-resolution',
] as const;
export type GuardName = (typeof GUARDS)[number];

/** Monitoring trigger types (monitoring.ts). */
export const TRIGGER_TYPES = ['new-allegation', 'allegation-upgraded', 'commander-change', 'listed-person-posted', 'listing-change', 'mitigation-overdue'] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number];

export const LETTER_KINDS = ['first-notice', 'final-notice', 'deadline-notice', 'termination', 'approval-with-conditions', 'refusal'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export const NOTICE_KINDS = ['first-notice', 'final-notice', 'deadline-notice', 'termination'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

// ---------------------------------------------------------------------------------------------
// Schema
// ---------------------------------------------------------------------------------------------

const subKindSchema = z.object({
  id: idSchema,
  label: i18nTextSchema,
  inScope: z.boolean(),
  /** Why the sub-kind is outside the policy (shown when a request is screened out). */
  outOfScopeReason: i18nTextSchema.optional(),
});

const supportKindSchema = z.object({
  id: idSchema,
  /** The number the policy gives the kind (1 to 6). */
  ordinal: z.number().int().min(1),
  label: i18nTextSchema,
  description: i18nTextSchema,
  inScope: z.boolean(),
  subKinds: z.array(subKindSchema),
});

const recipientTypeSchema = z.object({
  id: idSchema,
  label: i18nTextSchema,
  inScope: z.boolean(),
  note: i18nTextSchema.optional(),
});

const scopeSchema = z.object({
  recipientTypes: z.array(recipientTypeSchema).min(1),
  /** Training whose every subject is in this list is outside the policy (the training itself, not support around it). */
  exemptTraining: z.object({
    supportKinds: z.array(idSchema),
    subjects: z.array(z.object({ id: idSchema, label: i18nTextSchema })),
  }),
  /** Precaution for values the configuration does not know: true treats them as in scope (and says so). */
  unknownSupportKindInScope: z.boolean(),
  unknownRecipientTypeInScope: z.boolean(),
});

const vocabularyEntry = z.object({ id: idSchema, label: i18nTextSchema });

const magnitudeStep = z.object({ minVictims: z.number().int().min(0), factor: z.number().min(0) });

const recordParamsSchema = z.object({
  /** Which allegation paths this criterion counts. */
  paths: z.array(z.enum(PATH_KINDS)).min(1),
  pathFactors: z.record(z.enum(PATH_KINDS), factor),
  /** Half-life of the weight of an allegation, in months; categories in noDecayCategories never decay. */
  halfLifeMonths: z.number().positive(),
  noDecayCategories: z.array(idSchema),
  verificationFactors: z.record(idSchema, factor),
  /** Factor for a verification status the table does not list (never silently zero). */
  unknownVerificationFactor: factor,
  graveFactor: z.number().min(0),
  nonGraveFactor: z.number().min(0),
  /** Steps on the larger of victims and fatalities; the highest step reached applies. */
  magnitude: z.array(magnitudeStep),
  /** Improvement since: when no counted allegation is more recent than quietMonths, decaying allegations weigh `factor` times less. */
  improvement: z.object({ quietMonths: z.number().positive(), factor }).nullable(),
  /** Points at which the criterion reaches its full weight (value 1). */
  saturation: z.number().positive(),
});

const criterionBase = {
  id: idSchema,
  label: i18nTextSchema,
  guidance: i18nTextSchema,
  /** Contribution = weight × value; value is in [-1, 1] (most methods give [0, 1]; accountability gives [-1, 0]). */
  weight: z.number().min(0),
};

const criterionSchema = z.discriminatedUnion('method', [
  z.object({ ...criterionBase, method: z.literal('violation-record'), params: recordParamsSchema }),
  z.object({ ...criterionBase, method: z.literal('command-responsibility'), params: recordParamsSchema }),
  z.object({
    ...criterionBase,
    method: z.literal('accountability'),
    params: z.object({
      /** Credit (0 to 1) each kind of corrective action earns for the allegation it answers; the best one counts. */
      actionCredits: z.record(idSchema, factor),
      /** Statuses of corrective actions that earn credit (e.g. an abandoned investigation earns none). */
      creditedStatuses: z.array(idSchema).min(1),
      /** Allegations that call for corrective action: grave ones with these verification statuses. */
      allegationStatuses: z.array(idSchema).min(1),
      paths: z.array(z.enum(PATH_KINDS)).min(1),
    }),
  }),
  z.object({
    ...criterionBase,
    method: z.literal('listed-persons'),
    params: z.object({
      pointsByList: z.record(idSchema, z.number().min(0)),
      roleFactors: z.object({ commander: factor, participant: factor }),
      /** A waiver lets support go ahead; it does not erase the risk: waived listings keep this share of their points. */
      waivedFactor: factor,
      saturation: z.number().positive(),
    }),
  }),
  z.object({
    ...criterionBase,
    method: z.literal('screening-hits'),
    params: z.object({
      statusFactors: z.record(idSchema, factor),
      saturation: z.number().positive(),
    }),
  }),
  z.object({
    ...criterionBase,
    method: z.literal('assessor-choice'),
    params: z.object({
      required: z.boolean(),
      options: z.array(z.object({ id: idSchema, label: i18nTextSchema, value: z.number().min(-1).max(1) })).min(2),
    }),
  }),
]);

const levelSchema = z.object({
  id: idSchema,
  label: i18nTextSchema,
  description: i18nTextSchema,
  /** Score from which the level applies; null for the first level (the floor) and for levels reached only by a forcing rule. */
  minScore: z.number().nullable(),
  decisions: z.array(z.enum(DECISIONS)),
});

const riskSchema = z.object({
  verificationStatuses: z.array(vocabularyEntry).min(1),
  violationCategories: z.array(vocabularyEntry),
  personLists: z.array(vocabularyEntry),
  correctiveActionTypes: z.array(vocabularyEntry),
  correctiveActionStatuses: z.array(vocabularyEntry),
  screeningStatuses: z.array(vocabularyEntry),
  criteria: z.array(criterionSchema).min(1),
  /** Ordered from least to most severe. */
  levels: z.array(levelSchema).min(2),
  forcingRules: z.array(
    z.object({ condition: z.enum(FORCING_CONDITIONS), lists: z.array(idSchema).min(1), level: idSchema, label: i18nTextSchema }),
  ),
  override: z.object({
    minJustificationLength: z.number().int().min(1),
    /** Whether an assessor may set a level below one forced by a rule (a waiver is the proper route). */
    allowBelowForcedLevel: z.boolean(),
  }),
});

const mitigationMeasureSchema = z.object({
  id: idSchema,
  label: i18nTextSchema,
  description: i18nTextSchema,
  evidence: i18nTextSchema,
  dueOffsetDays: z.number().int().min(0),
});

const decisionBodySchema = z.object({
  id: idSchema,
  label: i18nTextSchema,
  /** Any of these roles may decide for the body… */
  roles: z.array(z.string().min(1)).min(1),
  /** …provided the user also holds this permission. */
  permission: permissionSchema,
});

const stateSchema = z.object({
  id: idSchema,
  label: i18nTextSchema,
  terminal: z.boolean(),
  /** Support may be delivered in this state. */
  supportMayFlow: z.boolean(),
});

const transitionSchema = z.object({
  id: idSchema,
  from: z.array(idSchema).min(1),
  to: idSchema,
  /** The action, as a verb ("approve" / "approuver"); errors read "cannot approve: …". */
  label: i18nTextSchema,
  /** All of these permissions are required. */
  permissions: z.array(permissionSchema),
  /** If not empty, one of these roles is required too. */
  roles: z.array(z.string().min(1)),
  guards: z.array(z.enum(GUARDS)),
  /** For decisions: which decision this is (checked against the level's allowed decisions). */
  decision: z.enum(DECISIONS).optional(),
});

const workflowSchema = z.object({
  initial: idSchema,
  /** The state a request is in while a review is open: leaving it needs a configured review resolution. */
  reviewState: idSchema,
  states: z.array(stateSchema).min(2),
  transitions: z.array(transitionSchema).min(1),
  minReasonLength: z.number().int().min(1),
});

const noticeStepSchema = z.object({
  kind: z.enum(NOTICE_KINDS),
  label: i18nTextSchema,
  /** Days after the previous step (the first step: after the start of the procedure); when the previous step set a deadline, days after that deadline. */
  afterPreviousDays: z.number().int().min(0),
  /** A step that sets a deadline: the next step is due when it expires. */
  deadlineDays: z.number().int().min(1).optional(),
});

const triggerBase = { id: idSchema, enabled: z.boolean(), label: i18nTextSchema };
const triggerSchema = z.discriminatedUnion('type', [
  z.object({
    ...triggerBase,
    type: z.literal('new-allegation'),
    verification: z.array(idSchema).min(1),
    graveOnly: z.boolean(),
    /** 'any': an old event newly attributed counts; 'support-start': only events since support started. */
    eventsSince: z.enum(['any', 'support-start']),
    paths: z.array(z.enum(['recipient', 'sub-unit', 'commander', 'participant'])).min(1),
  }),
  z.object({
    ...triggerBase,
    type: z.literal('allegation-upgraded'),
    /** Raise when verification moves into one of these statuses, or the allegation becomes grave. */
    toVerification: z.array(idSchema).min(1),
    onBecomingGrave: z.boolean(),
  }),
  z.object({ ...triggerBase, type: z.literal('commander-change'), includeSubUnits: z.boolean() }),
  z.object({ ...triggerBase, type: z.literal('listed-person-posted'), lists: z.array(idSchema).min(1) }),
  z.object({ ...triggerBase, type: z.literal('listing-change'), lists: z.array(idSchema).min(1), onRemoval: z.boolean() }),
  z.object({ ...triggerBase, type: z.literal('mitigation-overdue'), graceDays: z.number().int().min(0) }),
]);

const resolutionSchema = z.object({
  id: idSchema,
  label: i18nTextSchema,
  description: i18nTextSchema,
  /** Workflow state the request takes when the review closes with this resolution. */
  resultingState: idSchema,
  requiresMeasures: z.boolean(),
  /** Letter normally sent with this resolution, if any. */
  letter: z.enum(LETTER_KINDS).nullable(),
});

const suspensionScopeSchema = z.object({ id: z.enum(['request', 'operation', 'unit']), label: i18nTextSchema, description: i18nTextSchema });

const letterTemplateSchema = z.object({ subject: z.string().min(1), body: z.string().min(1) });
const layoutSchema = z.object({ dateLine: z.string().min(1), referenceLine: z.string().min(1), subjectLine: z.string().min(1) });
const lettersSchema = z.object({
  kinds: z.array(z.object({ id: z.enum(LETTER_KINDS), label: i18nTextSchema })),
  templates: z.record(z.enum(LETTER_KINDS), z.object({ en: letterTemplateSchema, fr: letterTemplateSchema })),
  /** Shared passages (mustache partials), e.g. the principles of UN support. */
  partials: z.object({ en: z.record(z.string().min(1), z.string()), fr: z.record(z.string().min(1), z.string()) }),
  /** Header lines (mustache) per language: the place and date line, the reference line, the subject line. */
  layout: z.object({ en: layoutSchema, fr: layoutSchema }),
  /** Word joining the last two items of a list ("and" / "et"). */
  and: i18nTextSchema,
  /** Salutation used when the letter data gives none. */
  defaultSalutation: i18nTextSchema,
});

export const hrddpConfigSchema = z
  .object({
    version: z.number().int().min(1),
    supportKinds: z.array(supportKindSchema).min(1),
    scope: scopeSchema,
    risk: riskSchema,
    mitigationMeasures: z.array(mitigationMeasureSchema).min(1),
    decisionBodies: z.array(decisionBodySchema).min(1),
    decisionRouting: z.object({
      default: idSchema,
      bySupportKind: z.record(idSchema, idSchema),
      bySubKind: z.record(idSchema, idSchema),
    }),
    waivers: z.object({
      /** A body id, or 'request-decision-body' for the body that decides the request. */
      decisionBody: idSchema,
      minReasonLength: z.number().int().min(1),
      /** Longest validity of a waiver, in days (null: until revoked). */
      maxValidityDays: z.number().int().min(1).nullable(),
    }),
    workflow: workflowSchema,
    notices: z.object({ steps: z.array(noticeStepSchema).min(1) }),
    review: z.object({
      triggers: z.array(triggerSchema),
      resolutions: z.array(resolutionSchema).min(1),
      suspensionScopes: z.array(suspensionScopeSchema),
    }),
    letters: lettersSchema,
  })
  .superRefine((c, ctx) => {
    const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const dupes = (ids: string[], path: (string | number)[], what: string) => {
      const seen = new Set<string>();
      ids.forEach((id, i) => {
        if (seen.has(id)) problem([...path, i, 'id'], `duplicate ${what} id "${id}"`);
        seen.add(id);
      });
    };

    dupes(c.supportKinds.map((k) => k.id), ['supportKinds'], 'support kind');
    const subKindIds = c.supportKinds.flatMap((k) => k.subKinds.map((s) => s.id));
    const seenSub = new Set<string>();
    c.supportKinds.forEach((k, ki) =>
      k.subKinds.forEach((s, si) => {
        if (seenSub.has(s.id)) problem(['supportKinds', ki, 'subKinds', si, 'id'], `duplicate sub-kind id "${s.id}" (sub-kind ids are unique across kinds)`);
        seenSub.add(s.id);
        if (!s.inScope && !s.outOfScopeReason) problem(['supportKinds', ki, 'subKinds', si, 'outOfScopeReason'], 'an out-of-scope sub-kind needs a reason');
      }),
    );
    const kindIds = new Set(c.supportKinds.map((k) => k.id));
    dupes(c.scope.recipientTypes.map((r) => r.id), ['scope', 'recipientTypes'], 'recipient type');
    c.scope.exemptTraining.supportKinds.forEach((k, i) => {
      if (!kindIds.has(k)) problem(['scope', 'exemptTraining', 'supportKinds', i], `unknown support kind "${k}"`);
    });

    // risk
    const statuses = new Set(c.risk.verificationStatuses.map((s) => s.id));
    const lists = new Set(c.risk.personLists.map((s) => s.id));
    const actionTypes = new Set(c.risk.correctiveActionTypes.map((s) => s.id));
    const categories = new Set(c.risk.violationCategories.map((s) => s.id));
    dupes(c.risk.criteria.map((k) => k.id), ['risk', 'criteria'], 'criterion');
    c.risk.criteria.forEach((cr, i) => {
      const p = ['risk', 'criteria', i, 'params'];
      if (cr.method === 'violation-record' || cr.method === 'command-responsibility') {
        for (const s of Object.keys(cr.params.verificationFactors)) if (!statuses.has(s)) problem([...p, 'verificationFactors', s], `unknown verification status "${s}"`);
        cr.params.noDecayCategories.forEach((k, j) => {
          if (!categories.has(k)) problem([...p, 'noDecayCategories', j], `unknown violation category "${k}"`);
        });
        cr.params.paths.forEach((k, j) => {
          if (cr.params.pathFactors[k] === undefined) problem([...p, 'pathFactors', k], `path "${cr.params.paths[j]}" is counted but has no factor`);
        });
      }
      if (cr.method === 'accountability') {
        for (const s of Object.keys(cr.params.actionCredits)) if (!actionTypes.has(s)) problem([...p, 'actionCredits', s], `unknown corrective action type "${s}"`);
        cr.params.allegationStatuses.forEach((s, j) => {
          if (!statuses.has(s)) problem([...p, 'allegationStatuses', j], `unknown verification status "${s}"`);
        });
      }
      if (cr.method === 'accountability') {
        const known = new Set(c.risk.correctiveActionStatuses.map((x) => x.id));
        cr.params.creditedStatuses.forEach((s, j) => {
          if (!known.has(s)) problem([...p, 'creditedStatuses', j], `unknown corrective action status "${s}"`);
        });
      }
      if (cr.method === 'screening-hits') {
        const known = new Set(c.risk.screeningStatuses.map((x) => x.id));
        for (const s of Object.keys(cr.params.statusFactors)) if (!known.has(s)) problem([...p, 'statusFactors', s], `unknown screening status "${s}"`);
      }
      if (cr.method === 'listed-persons') {
        for (const s of Object.keys(cr.params.pointsByList)) if (!lists.has(s)) problem([...p, 'pointsByList', s], `unknown person list "${s}"`);
      }
      if (cr.method === 'assessor-choice') dupes(cr.params.options.map((o) => o.id), [...p, 'options'], 'option');
    });
    dupes(c.risk.levels.map((l) => l.id), ['risk', 'levels'], 'level');
    if (c.risk.levels[0] && c.risk.levels[0].minScore !== null) problem(['risk', 'levels', 0, 'minScore'], 'the first level is the floor: its minScore must be null');
    let last = -Infinity;
    c.risk.levels.forEach((l, i) => {
      if (i === 0 || l.minScore === null) return;
      if (l.minScore <= last) problem(['risk', 'levels', i, 'minScore'], 'thresholds must increase from one level to the next');
      last = l.minScore;
    });
    const levelIds = new Set(c.risk.levels.map((l) => l.id));
    c.risk.forcingRules.forEach((r, i) => {
      if (!levelIds.has(r.level)) problem(['risk', 'forcingRules', i, 'level'], `unknown level "${r.level}"`);
      r.lists.forEach((l, j) => {
        if (!lists.has(l)) problem(['risk', 'forcingRules', i, 'lists', j], `unknown person list "${l}"`);
      });
    });

    dupes(c.mitigationMeasures.map((m) => m.id), ['mitigationMeasures'], 'mitigation measure');

    // decision bodies
    dupes(c.decisionBodies.map((b) => b.id), ['decisionBodies'], 'decision body');
    const bodies = new Set(c.decisionBodies.map((b) => b.id));
    if (!bodies.has(c.decisionRouting.default)) problem(['decisionRouting', 'default'], `unknown decision body "${c.decisionRouting.default}"`);
    for (const [k, b] of Object.entries(c.decisionRouting.bySupportKind)) {
      if (!kindIds.has(k)) problem(['decisionRouting', 'bySupportKind', k], `unknown support kind "${k}"`);
      if (!bodies.has(b)) problem(['decisionRouting', 'bySupportKind', k], `unknown decision body "${b}"`);
    }
    const subIds = new Set(subKindIds);
    for (const [k, b] of Object.entries(c.decisionRouting.bySubKind)) {
      if (!subIds.has(k)) problem(['decisionRouting', 'bySubKind', k], `unknown sub-kind "${k}"`);
      if (!bodies.has(b)) problem(['decisionRouting', 'bySubKind', k], `unknown decision body "${b}"`);
    }
    if (c.waivers.decisionBody !== 'request-decision-body' && !bodies.has(c.waivers.decisionBody)) {
      problem(['waivers', 'decisionBody'], `unknown decision body "${c.waivers.decisionBody}" (or use "request-decision-body")`);
    }

    // workflow
    const states = new Set(c.workflow.states.map((s) => s.id));
    dupes(c.workflow.states.map((s) => s.id), ['workflow', 'states'], 'state');
    dupes(c.workflow.transitions.map((s) => s.id), ['workflow', 'transitions'], 'transition');
    if (!states.has(c.workflow.initial)) problem(['workflow', 'initial'], `unknown state "${c.workflow.initial}"`);
    if (!states.has(c.workflow.reviewState)) problem(['workflow', 'reviewState'], `unknown state "${c.workflow.reviewState}"`);
    c.workflow.transitions.forEach((t, i) => {
      t.from.forEach((s, j) => {
        if (!states.has(s)) problem(['workflow', 'transitions', i, 'from', j], `unknown state "${s}"`);
      });
      if (!states.has(t.to)) problem(['workflow', 'transitions', i, 'to'], `unknown state "${t.to}"`);
      if (t.guards.includes('level-allows-decision') && !t.decision) problem(['workflow', 'transitions', i, 'decision'], 'the guard level-allows-decision needs the transition to name its decision');
    });

    // notices
    const steps = c.notices.steps;
    steps.forEach((s, i) => {
      if (steps.findIndex((o) => o.kind === s.kind) !== i) problem(['notices', 'steps', i, 'kind'], `duplicate notice step "${s.kind}"`);
    });

    // review
    dupes(c.review.triggers.map((t) => t.id), ['review', 'triggers'], 'trigger');
    c.review.triggers.forEach((t, i) => {
      if (t.type === 'new-allegation') t.verification.forEach((s, j) => {
        if (!statuses.has(s)) problem(['review', 'triggers', i, 'verification', j], `unknown verification status "${s}"`);
      });
      if (t.type === 'allegation-upgraded') t.toVerification.forEach((s, j) => {
        if (!statuses.has(s)) problem(['review', 'triggers', i, 'toVerification', j], `unknown verification status "${s}"`);
      });
      if (t.type === 'listed-person-posted' || t.type === 'listing-change') t.lists.forEach((l, j) => {
        if (!lists.has(l)) problem(['review', 'triggers', i, 'lists', j], `unknown person list "${l}"`);
      });
    });
    dupes(c.review.resolutions.map((r) => r.id), ['review', 'resolutions'], 'resolution');
    c.review.resolutions.forEach((r, i) => {
      if (!states.has(r.resultingState)) problem(['review', 'resolutions', i, 'resultingState'], `unknown state "${r.resultingState}"`);
    });

    // letters
    for (const kind of LETTER_KINDS) {
      if (!c.letters.templates[kind]) problem(['letters', 'templates', kind], `missing template for letter kind "${kind}"`);
    }
  });

export type HrddpConfig = z.infer<typeof hrddpConfigSchema>;
export type SupportKindConfig = HrddpConfig['supportKinds'][number];
export type CriterionConfig = HrddpConfig['risk']['criteria'][number];
export type RecordParams = z.infer<typeof recordParamsSchema>;
export type LevelConfig = HrddpConfig['risk']['levels'][number];
export type WorkflowConfig = HrddpConfig['workflow'];
export type TransitionConfig = WorkflowConfig['transitions'][number];
export type DecisionBodyConfig = HrddpConfig['decisionBodies'][number];
export type NoticeStepConfig = HrddpConfig['notices']['steps'][number];
export type TriggerConfig = HrddpConfig['review']['triggers'][number];
export type ResolutionConfig = HrddpConfig['review']['resolutions'][number];
export type MitigationMeasureConfig = HrddpConfig['mitigationMeasures'][number];
export type LettersConfig = HrddpConfig['letters'];
export type LetterTemplates = LettersConfig['templates'];

export interface ConfigProblem {
  /** Dotted path of the offending value, e.g. "risk.criteria.0.weight". */
  path: string;
  message: string;
}

/** Validates a configuration; on failure every problem names the path of the value at fault. */
export function validateHrddpConfig(value: unknown): { ok: true; config: HrddpConfig } | { ok: false; problems: ConfigProblem[] } {
  const r = hrddpConfigSchema.safeParse(value);
  if (r.success) return { ok: true, config: r.data };
  return { ok: false, problems: r.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message })) };
}

/** Like validateHrddpConfig, throwing one error listing every problem. */
export function parseHrddpConfig(value: unknown): HrddpConfig {
  const r = validateHrddpConfig(value);
  if (!r.ok) throw new RangeError('invalid HRDDP configuration: ' + r.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  return r.config;
}

// ---------------------------------------------------------------------------------------------
// Small lookups shared by the rule modules
// ---------------------------------------------------------------------------------------------

export function findSupportKind(config: HrddpConfig, kindId: string): SupportKindConfig | undefined {
  return config.supportKinds.find((k) => k.id === kindId);
}

export function labelOf(list: { id: string; label: I18nText }[], id: string): I18nText {
  return list.find((e) => e.id === id)?.label ?? { en: id, fr: id };
}

// ---------------------------------------------------------------------------------------------
// Defaults
// ---------------------------------------------------------------------------------------------

const t = (en: string, fr: string): I18nText => ({ en, fr });

const VERIFICATION_FACTORS = { verified: 1, credible: 0.8, unverified: 0.35, reported: 0.35, unsubstantiated: 0.1, disproved: 0 };

export const DEFAULT_HRDDP_CONFIG: HrddpConfig = {
  version: 1,

  supportKinds: [
    {
      id: 'training',
      ordinal: 1,
      label: t('Training, mentoring, advisory and capacity-building support', 'Formation, mentorat, conseil et renforcement des capacités'),
      description: t(
        'Courses, mentoring, advice and institution building given to a security force or its members.',
        'Cours, mentorat, conseils et renforcement institutionnel au profit d’une force de sécurité ou de ses membres.',
      ),
      inScope: true,
      subKinds: [
        { id: 'training-course', label: t('Training course', 'Formation'), inScope: true },
        { id: 'mentoring', label: t('Mentoring or co-location', 'Mentorat ou colocalisation'), inScope: true },
        { id: 'advisory', label: t('Advisory support', 'Conseil'), inScope: true },
        { id: 'capacity-building', label: t('Capacity building', 'Renforcement des capacités'), inScope: true },
        { id: 'quick-impact-project', label: t('Quick-impact project benefiting a security force', 'Projet à effet rapide au profit d’une force de sécurité'), inScope: true },
        {
          id: 'human-rights-ihl-training',
          label: t('Training on human rights or international humanitarian law', 'Formation aux droits de l’homme ou au droit international humanitaire'),
          inScope: false,
          outOfScopeReason: t(
            'Training on human rights or international humanitarian law is itself outside the due-diligence policy.',
            'La formation aux droits de l’homme ou au droit international humanitaire n’entre pas elle-même dans le champ de la politique de diligence voulue.',
          ),
        },
      ],
    },
    {
      id: 'command-support',
      ordinal: 2,
      label: t('Support to command or management authorities', 'Appui aux autorités de commandement ou de gestion'),
      description: t(
        'Support to the ministries, staffs and headquarters that command or manage security forces.',
        'Appui aux ministères, états-majors et quartiers généraux qui commandent ou gèrent des forces de sécurité.',
      ),
      inScope: true,
      subKinds: [
        { id: 'command-advice', label: t('Advice to a command or staff', 'Conseil à un commandement ou à un état-major'), inScope: true },
        { id: 'management-systems', label: t('Management and administrative systems', 'Systèmes de gestion et d’administration'), inScope: true },
      ],
    },
    {
      id: 'financial',
      ordinal: 3,
      label: t('Financial support', 'Appui financier'),
      description: t('Payment of salaries, allowances or expenses.', 'Paiement de soldes, d’indemnités ou de dépenses.'),
      inScope: true,
      subKinds: [
        { id: 'salaries', label: t('Salaries', 'Soldes'), inScope: true },
        { id: 'allowances', label: t('Allowances', 'Indemnités'), inScope: true },
        { id: 'operating-expenses', label: t('Operating expenses', 'Frais de fonctionnement'), inScope: true },
      ],
    },
    {
      id: 'logistical',
      ordinal: 4,
      label: t('Logistical support', 'Appui logistique'),
      description: t(
        'Fuel, rations, transport, equipment, premises or medical support.',
        'Carburant, rations, transport, équipement, locaux ou appui médical.',
      ),
      inScope: true,
      subKinds: [
        { id: 'fuel', label: t('Fuel', 'Carburant'), inScope: true },
        { id: 'rations', label: t('Rations', 'Rations'), inScope: true },
        { id: 'transport', label: t('Transport of troops or equipment', 'Transport de troupes ou de matériel'), inScope: true },
        { id: 'transport-of-officials', label: t('Transport of officials', 'Transport de responsables'), inScope: true },
        { id: 'equipment', label: t('Equipment', 'Équipement'), inScope: true },
        { id: 'premises', label: t('Use of premises', 'Mise à disposition de locaux'), inScope: true },
        { id: 'premises-handover', label: t('Handover of UN premises', 'Remise de locaux des Nations Unies'), inScope: true },
        { id: 'medical', label: t('Medical support', 'Appui médical'), inScope: true },
      ],
    },
    {
      id: 'operational',
      ordinal: 5,
      label: t('Operational support', 'Appui opérationnel'),
      description: t('Planning, fire support, intelligence or evacuation for operations of a security force.', 'Planification, appui-feu, renseignement ou évacuation pour des opérations d’une force de sécurité.'),
      inScope: true,
      subKinds: [
        { id: 'planning', label: t('Operational planning', 'Planification opérationnelle'), inScope: true },
        { id: 'fire-support', label: t('Fire support', 'Appui-feu'), inScope: true },
        { id: 'intelligence', label: t('Intelligence sharing', 'Partage de renseignements'), inScope: true },
        { id: 'medical-evacuation', label: t('Medical or casualty evacuation', 'Évacuation médicale ou de blessés'), inScope: true },
      ],
    },
    {
      id: 'joint-operations',
      ordinal: 6,
      label: t('Joint operations', 'Opérations conjointes'),
      description: t('Operations conducted together with a security force, including joint patrols.', 'Opérations menées conjointement avec une force de sécurité, y compris les patrouilles conjointes.'),
      inScope: true,
      subKinds: [
        { id: 'joint-operation', label: t('Joint operation', 'Opération conjointe'), inScope: true },
        { id: 'joint-patrol', label: t('Joint patrol', 'Patrouille conjointe'), inScope: true },
      ],
    },
  ],

  scope: {
    recipientTypes: [
      { id: 'army', label: t('Army', 'Armée'), inScope: true },
      { id: 'police', label: t('Police', 'Police'), inScope: true },
      { id: 'gendarmerie', label: t('Gendarmerie', 'Gendarmerie'), inScope: true },
      { id: 'intelligence', label: t('Intelligence service', 'Service de renseignement'), inScope: true },
      { id: 'prison-service', label: t('Prison service', 'Administration pénitentiaire'), inScope: true },
      { id: 'paramilitary', label: t('Paramilitary or specialised security unit', 'Unité paramilitaire ou de sécurité spécialisée'), inScope: true },
      { id: 'regional-force', label: t('Regional force (e.g. a joint force of several states)', 'Force régionale (par exemple une force conjointe de plusieurs États)'), inScope: true },
      { id: 'command-authority', label: t('Authority commanding security forces (ministry, command)', 'Autorité de commandement des forces de sécurité (ministère, commandement)'), inScope: true },
      {
        id: 'un-entity',
        label: t('UN entity', 'Entité des Nations Unies'),
        inScope: false,
        note: t('Support to UN forces or entities is outside the policy.', 'L’appui aux forces ou entités des Nations Unies n’entre pas dans le champ de la politique.'),
      },
      {
        id: 'civilian-authority',
        label: t('Civilian authority without security functions', 'Autorité civile sans fonctions de sécurité'),
        inScope: false,
        note: t('The policy covers security forces and the authorities commanding them.', 'La politique vise les forces de sécurité et les autorités qui les commandent.'),
      },
      {
        id: 'civil-society',
        label: t('Civil society organisation', 'Organisation de la société civile'),
        inScope: false,
        note: t('Civil society organisations are not security forces.', 'Les organisations de la société civile ne sont pas des forces de sécurité.'),
      },
    ],
    exemptTraining: {
      supportKinds: ['training'],
      subjects: [
        { id: 'human-rights', label: t('Human rights', 'Droits de l’homme') },
        { id: 'international-humanitarian-law', label: t('International humanitarian law', 'Droit international humanitaire') },
        { id: 'refugee-law', label: t('Refugee law', 'Droit des réfugiés') },
      ],
    },
    unknownSupportKindInScope: true,
    unknownRecipientTypeInScope: true,
  },

  risk: {
    verificationStatuses: [
      { id: 'verified', label: t('verified', 'vérifiée') },
      { id: 'credible', label: t('credible', 'crédible') },
      { id: 'unverified', label: t('unverified', 'non vérifiée') },
      // the incidents domain's status of an allegation reported and not yet assessed
      { id: 'reported', label: t('reported, not yet assessed', 'signalée, non encore évaluée') },
      { id: 'unsubstantiated', label: t('unsubstantiated', 'non étayée') },
      { id: 'disproved', label: t('disproved', 'infirmée') },
    ],
    violationCategories: [
      { id: 'war-crime', label: t('war crime', 'crime de guerre') },
      { id: 'crime-against-humanity', label: t('crime against humanity', 'crime contre l’humanité') },
      { id: 'gross-violation', label: t('gross violation of human rights', 'violation grave des droits de l’homme') },
      { id: 'sexual-violence', label: t('conflict-related sexual violence', 'violence sexuelle liée au conflit') },
      { id: 'refoulement', label: t('refoulement', 'refoulement') },
      // the gross-violation categories of the incidents domain's classification rules
      { id: 'summary-execution', label: t('summary execution or extrajudicial killing', 'exécution sommaire ou extrajudiciaire') },
      { id: 'torture', label: t('torture', 'torture') },
      { id: 'enforced-disappearance', label: t('enforced disappearance', 'disparition forcée') },
      { id: 'enslavement', label: t('enslavement', 'réduction en esclavage') },
      { id: 'rape-and-sexual-violence', label: t('rape and sexual violence of comparable seriousness', 'viol et violences sexuelles de gravité comparable') },
    ],
    personLists: [
      { id: 'red-list', label: t('red list', 'liste rouge') },
      { id: 'watch-list', label: t('watch list', 'liste de surveillance') },
      { id: 'sanctions', label: t('UN sanctions list', 'liste de sanctions des Nations Unies') },
    ],
    correctiveActionTypes: [
      { id: 'investigation', label: t('investigation', 'enquête') },
      { id: 'disciplinary-sanction', label: t('disciplinary sanction', 'sanction disciplinaire') },
      { id: 'suspension-from-duty', label: t('suspension from duty', 'suspension de fonctions') },
      { id: 'prosecution', label: t('prosecution', 'poursuites') },
      { id: 'conviction', label: t('conviction', 'condamnation') },
      { id: 'removal-of-commander', label: t('removal of the commander', 'relève du commandant') },
      { id: 'reparation', label: t('reparation to victims', 'réparation aux victimes') },
    ],
    correctiveActionStatuses: [
      { id: 'ongoing', label: t('ongoing', 'en cours') },
      { id: 'completed', label: t('completed', 'achevée') },
      { id: 'abandoned', label: t('abandoned', 'abandonnée') },
    ],
    screeningStatuses: [
      { id: 'confirmed', label: t('confirmed', 'confirmée') },
      { id: 'unreviewed', label: t('not yet reviewed', 'non encore examinée') },
      { id: 'dismissed', label: t('dismissed', 'écartée') },
    ],
    criteria: [
      {
        id: 'record',
        method: 'violation-record',
        label: t('Record of grave violations by the recipient', 'Antécédents de violations graves du bénéficiaire'),
        guidance: t(
          'Allegations against the recipient units and their sub-units (and, with a lower weight, the units above them). Less verified allegations weigh less; older ones fade with time, except war crimes and crimes against humanity; a long period without allegations counts as improvement.',
          'Allégations visant les unités bénéficiaires et leurs sous-unités (et, avec un poids moindre, les unités supérieures). Les allégations moins vérifiées pèsent moins ; les plus anciennes s’estompent avec le temps, sauf les crimes de guerre et les crimes contre l’humanité ; une longue période sans allégation compte comme une amélioration.',
        ),
        weight: 4,
        params: {
          paths: ['direct', 'sub-unit', 'parent-unit'],
          pathFactors: { direct: 1, 'sub-unit': 0.8, 'parent-unit': 0.4, 'commander-current': 1, 'commander-past': 0.7 },
          halfLifeMonths: 36,
          noDecayCategories: ['war-crime', 'crime-against-humanity'],
          verificationFactors: VERIFICATION_FACTORS,
          unknownVerificationFactor: 0.35,
          graveFactor: 1,
          nonGraveFactor: 0.25,
          magnitude: [
            { minVictims: 0, factor: 1 },
            { minVictims: 10, factor: 1.25 },
            { minVictims: 50, factor: 1.5 },
          ],
          improvement: { quietMonths: 24, factor: 0.5 },
          saturation: 4,
        },
      },
      {
        id: 'command',
        method: 'command-responsibility',
        label: t('Command responsibility of the commanders', 'Responsabilité de commandement des commandants'),
        guidance: t(
          'Allegations linked to the current commanders of the recipient units, including those from their earlier postings: violations by units under their command, or failure to prevent or punish them.',
          'Allégations liées aux commandants actuels des unités bénéficiaires, y compris pendant leurs affectations antérieures : violations commises par des unités placées sous leur commandement, ou manquement à les prévenir ou à les punir.',
        ),
        weight: 3,
        params: {
          paths: ['commander-current', 'commander-past'],
          pathFactors: { direct: 1, 'sub-unit': 0.8, 'parent-unit': 0.4, 'commander-current': 1, 'commander-past': 0.7 },
          halfLifeMonths: 48,
          noDecayCategories: ['war-crime', 'crime-against-humanity'],
          verificationFactors: VERIFICATION_FACTORS,
          unknownVerificationFactor: 0.35,
          graveFactor: 1,
          nonGraveFactor: 0.25,
          magnitude: [
            { minVictims: 0, factor: 1 },
            { minVictims: 10, factor: 1.25 },
            { minVictims: 50, factor: 1.5 },
          ],
          improvement: { quietMonths: 24, factor: 0.5 },
          saturation: 3,
        },
      },
      {
        id: 'accountability',
        method: 'accountability',
        label: t('Corrective action and accountability', 'Mesures correctives et établissement des responsabilités'),
        guidance: t(
          'Investigations, prosecutions, convictions, sanctions and removal of commanders that answered the grave allegations lower the risk. The share of grave allegations answered, weighted by the strength of the best action taken, is subtracted.',
          'Les enquêtes, poursuites, condamnations, sanctions et relèves de commandants ayant répondu aux allégations graves réduisent le risque. La part des allégations graves traitées, pondérée par la force de la meilleure mesure prise, est déduite.',
        ),
        weight: 2,
        params: {
          actionCredits: {
            investigation: 0.3,
            'disciplinary-sanction': 0.5,
            'suspension-from-duty': 0.5,
            prosecution: 0.7,
            conviction: 1,
            'removal-of-commander': 0.8,
            reparation: 0.3,
          },
          creditedStatuses: ['completed', 'ongoing'],
          allegationStatuses: ['verified', 'credible'],
          paths: ['direct', 'sub-unit', 'commander-current', 'commander-past'],
        },
      },
      {
        id: 'listed-persons',
        method: 'listed-persons',
        label: t('Listed persons among commanders and participants', 'Personnes inscrites sur une liste parmi les commandants et participants'),
        guidance: t(
          'Commanders of the recipient units and planned participants who appear on the mission’s red list, watch list or a UN sanctions list. A waiver lets support proceed but does not remove the risk.',
          'Commandants des unités bénéficiaires et participants prévus inscrits sur la liste rouge, la liste de surveillance de la mission ou une liste de sanctions des Nations Unies. Une dérogation permet l’appui mais ne supprime pas le risque.',
        ),
        weight: 3,
        params: {
          pointsByList: { 'red-list': 2, 'watch-list': 1, sanctions: 2 },
          roleFactors: { commander: 1, participant: 0.5 },
          waivedFactor: 0.5,
          saturation: 2,
        },
      },
      {
        id: 'screening',
        method: 'screening-hits',
        label: t('Name-screening hits', 'Correspondances du criblage des noms'),
        guidance: t(
          'Possible matches of commanders and participants against sanctions and other lists, weighted by match score; dismissed hits do not count, unreviewed ones count less than confirmed ones.',
          'Correspondances possibles des commandants et participants avec des listes de sanctions ou autres, pondérées par le score de correspondance ; les correspondances écartées ne comptent pas, celles non examinées comptent moins que celles confirmées.',
        ),
        weight: 1,
        params: {
          statusFactors: { confirmed: 1, unreviewed: 0.5, dismissed: 0 },
          saturation: 2,
        },
      },
      {
        id: 'influence-of-support',
        method: 'assessor-choice',
        label: t('Effect of giving support on the mission’s influence', 'Effet de l’appui sur l’influence de la mission'),
        guidance: t(
          'Would giving the support increase the mission’s leverage to improve the recipient’s conduct (access, joint planning, co-location), or tie the mission to the recipient without leverage?',
          'L’appui accroîtrait-il la capacité de la mission à améliorer la conduite du bénéficiaire (accès, planification conjointe, colocalisation), ou lierait-il la mission au bénéficiaire sans levier ?',
        ),
        weight: 1,
        params: {
          required: true,
          options: [
            { id: 'strong-leverage', label: t('Support gives strong leverage', 'L’appui donne un levier important'), value: -1 },
            { id: 'some-leverage', label: t('Support gives some leverage', 'L’appui donne un certain levier'), value: -0.5 },
            { id: 'neutral', label: t('No notable effect', 'Pas d’effet notable'), value: 0 },
            { id: 'association-risk', label: t('Support associates the mission with the recipient without leverage', 'L’appui associe la mission au bénéficiaire sans levier'), value: 1 },
          ],
        },
      },
      {
        id: 'effect-of-withholding',
        method: 'assessor-choice',
        label: t('Effect of withholding support', 'Effet du refus de l’appui'),
        guidance: t(
          'What would withholding the support do: leave civilians more exposed (for instance unpaid or unfed troops preying on them), lose the mission’s influence, or act itself as leverage?',
          'Quel serait l’effet d’un refus de l’appui : exposer davantage les civils (par exemple des troupes non payées ou non ravitaillées s’en prenant à eux), faire perdre son influence à la mission, ou constituer lui-même un levier ?',
        ),
        weight: 1,
        params: {
          required: true,
          options: [
            { id: 'civilians-more-exposed', label: t('Withholding would expose civilians more', 'Le refus exposerait davantage les civils'), value: -1 },
            { id: 'influence-lost', label: t('Withholding would lose the mission’s influence', 'Le refus ferait perdre son influence à la mission'), value: -0.5 },
            { id: 'no-effect', label: t('No notable effect', 'Pas d’effet notable'), value: 0 },
            { id: 'withholding-is-leverage', label: t('Withholding is itself leverage for corrective action', 'Le refus constitue lui-même un levier pour obtenir des mesures correctives'), value: 0.5 },
          ],
        },
      },
      {
        id: 'mitigation-potential',
        method: 'assessor-choice',
        label: t('Whether mitigation can lower the risk', 'Possibilité d’atténuer le risque'),
        guidance: t(
          'Can mitigatory measures accepted by the authorities (exclusion of named persons, joint planning, reporting on use, corrective procedures) bring the risk down?',
          'Des mesures d’atténuation acceptées par les autorités (exclusion de personnes nommées, planification conjointe, compte rendu de l’utilisation, procédures correctives) peuvent-elles réduire le risque ?',
        ),
        weight: 2,
        params: {
          required: true,
          options: [
            { id: 'substantial', label: t('Mitigation can substantially lower the risk', 'L’atténuation peut réduire sensiblement le risque'), value: -1 },
            { id: 'partial', label: t('Mitigation can partly lower the risk', 'L’atténuation peut réduire en partie le risque'), value: -0.5 },
            { id: 'none', label: t('Mitigation cannot lower the risk', 'L’atténuation ne peut pas réduire le risque'), value: 0 },
            { id: 'refused', label: t('The authorities refuse mitigatory measures', 'Les autorités refusent les mesures d’atténuation'), value: 0.5 },
          ],
        },
      },
    ],
    levels: [
      {
        id: 'low',
        label: t('Low', 'Faible'),
        description: t('No substantial grounds to believe there is a real risk of grave violations.', 'Pas de motifs sérieux de croire à un risque réel de violations graves.'),
        minScore: null,
        decisions: ['approve', 'approve-with-conditions', 'refuse'],
      },
      {
        id: 'medium',
        label: t('Medium', 'Moyen'),
        description: t('A risk exists; support only with mitigatory measures.', 'Un risque existe ; appui uniquement avec des mesures d’atténuation.'),
        minScore: 2,
        decisions: ['approve-with-conditions', 'refuse'],
      },
      {
        id: 'high',
        label: t('High', 'Élevé'),
        description: t(
          'Substantial grounds to believe there is a real risk of grave violations; support only if strong measures bring the risk down.',
          'Motifs sérieux de croire à un risque réel de violations graves ; appui uniquement si des mesures fortes réduisent le risque.',
        ),
        minScore: 5,
        decisions: ['approve-with-conditions', 'refuse'],
      },
      {
        id: 'prohibitive',
        label: t('Prohibitive', 'Rédhibitoire'),
        description: t(
          'A listed person commands or takes part and no waiver has been granted: support cannot be approved.',
          'Une personne inscrite sur une liste commande ou participe et aucune dérogation n’a été accordée : l’appui ne peut pas être approuvé.',
        ),
        minScore: null,
        decisions: ['refuse'],
      },
    ],
    forcingRules: [
      {
        condition: 'listed-commander-without-waiver',
        lists: ['red-list', 'sanctions'],
        level: 'prohibitive',
        label: t('A red-listed or sanctioned commander without waiver', 'Un commandant inscrit sur la liste rouge ou sanctionné, sans dérogation'),
      },
      {
        condition: 'listed-participant-without-waiver',
        lists: ['red-list', 'sanctions'],
        level: 'prohibitive',
        label: t('A red-listed or sanctioned participant without waiver', 'Un participant inscrit sur la liste rouge ou sanctionné, sans dérogation'),
      },
    ],
    override: { minJustificationLength: 40, allowBelowForcedLevel: false },
  },

  mitigationMeasures: [
    {
      id: 'capacity-building',
      label: t('Capacity building of the recipient', 'Renforcement des capacités du bénéficiaire'),
      description: t('Training, mentoring or institutional support addressing the risk identified.', 'Formation, mentorat ou appui institutionnel répondant au risque identifié.'),
      evidence: t('Attendance records and follow-up evaluation.', 'Listes de présence et évaluation de suivi.'),
      dueOffsetDays: 90,
    },
    {
      id: 'joint-planning',
      label: t('Joint planning', 'Planification conjointe'),
      description: t('Planning the supported activity with the recipient, including civilian protection measures.', 'Planification conjointe de l’activité appuyée, y compris des mesures de protection des civils.'),
      evidence: t('Signed joint plan with its protection annex.', 'Plan conjoint signé et son annexe sur la protection.'),
      dueOffsetDays: 14,
    },
    {
      id: 'corrective-procedures',
      label: t('Corrective procedures in case of abuses', 'Procédures correctives en cas d’abus'),
      description: t('An agreed procedure for reporting, investigating and sanctioning abuses during the support.', 'Une procédure convenue de signalement, d’enquête et de sanction des abus pendant l’appui.'),
      evidence: t('Written procedure agreed with the command.', 'Procédure écrite convenue avec le commandement.'),
      dueOffsetDays: 30,
    },
    {
      id: 'reporting-on-use',
      label: t('Reporting on the use of support', 'Compte rendu de l’utilisation de l’appui'),
      description: t('Regular reports by the recipient on how the support (fuel, rations, transport…) is used.', 'Comptes rendus réguliers du bénéficiaire sur l’utilisation de l’appui (carburant, rations, transport…).'),
      evidence: t('Reports received and checked.', 'Comptes rendus reçus et vérifiés.'),
      dueOffsetDays: 30,
    },
    {
      id: 'exclusion',
      label: t('Exclusion of named persons or units', 'Exclusion de personnes ou d’unités nommément désignées'),
      description: t('Named high-risk persons or units are excluded from the supported activity.', 'Des personnes ou unités à haut risque nommément désignées sont exclues de l’activité appuyée.'),
      evidence: t('Written confirmation by the command and verified roster.', 'Confirmation écrite du commandement et liste nominative vérifiée.'),
      dueOffsetDays: 7,
    },
    {
      id: 'commander-removal',
      label: t('Removal or replacement of a commander', 'Relève ou remplacement d’un commandant'),
      description: t('A commander responsible for violations is removed or replaced.', 'Un commandant responsable de violations est relevé ou remplacé.'),
      evidence: t('Appointment order and verification of the new posting.', 'Ordre de nomination et vérification de la nouvelle affectation.'),
      dueOffsetDays: 30,
    },
    {
      id: 'prosecution',
      label: t('Prosecution of perpetrators', 'Poursuites contre les auteurs'),
      description: t('Perpetrators of the violations are brought before the courts.', 'Les auteurs des violations sont traduits en justice.'),
      evidence: t('Case file number and hearing records.', 'Numéro de dossier et procès-verbaux d’audience.'),
      dueOffsetDays: 180,
    },
    {
      id: 'human-rights-training',
      label: t('Human rights training', 'Formation aux droits de l’homme'),
      description: t('Training of the recipient’s members on human rights and humanitarian law.', 'Formation des membres du bénéficiaire aux droits de l’homme et au droit humanitaire.'),
      evidence: t('Attendance records.', 'Listes de présence.'),
      dueOffsetDays: 60,
    },
  ],

  decisionBodies: [
    { id: 'head-of-mission', label: t('Head of mission', 'Chef de mission'), roles: ['leadership'], permission: 'hrddp:decide' },
    { id: 'head-of-field-office', label: t('Head of field office', 'Chef de bureau'), roles: ['leadership'], permission: 'hrddp:decide' },
    {
      id: 'smg-protection',
      label: t('Senior management group on protection', 'Groupe de haut niveau sur la protection'),
      roles: ['leadership'],
      permission: 'hrddp:decide',
    },
  ],
  decisionRouting: {
    default: 'head-of-mission',
    bySupportKind: { 'joint-operations': 'smg-protection' },
    bySubKind: { 'quick-impact-project': 'head-of-field-office' },
  },
  waivers: { decisionBody: 'head-of-mission', minReasonLength: 40, maxValidityDays: 180 },

  workflow: {
    initial: 'draft',
    reviewState: 'under-review',
    minReasonLength: 10,
    states: [
      { id: 'draft', label: t('Draft', 'Brouillon'), terminal: false, supportMayFlow: false },
      { id: 'submitted', label: t('Submitted', 'Soumise'), terminal: false, supportMayFlow: false },
      { id: 'assessment', label: t('Screening and risk assessment', 'Criblage et évaluation des risques'), terminal: false, supportMayFlow: false },
      { id: 'mitigation', label: t('Mitigatory measures being agreed', 'Mesures d’atténuation en discussion'), terminal: false, supportMayFlow: false },
      { id: 'awaiting-decision', label: t('Awaiting decision', 'En attente de décision'), terminal: false, supportMayFlow: false },
      { id: 'approved', label: t('Approved', 'Approuvée'), terminal: false, supportMayFlow: true },
      { id: 'approved-with-conditions', label: t('Approved with conditions', 'Approuvée sous conditions'), terminal: false, supportMayFlow: true },
      { id: 'refused', label: t('Refused', 'Refusée'), terminal: false, supportMayFlow: false },
      { id: 'active', label: t('Support under way', 'Appui en cours'), terminal: false, supportMayFlow: true },
      { id: 'under-review', label: t('Under review', 'En réexamen'), terminal: false, supportMayFlow: true },
      { id: 'suspended', label: t('Suspended', 'Suspendu'), terminal: false, supportMayFlow: false },
      { id: 'withdrawn', label: t('Support withdrawn', 'Appui retiré'), terminal: false, supportMayFlow: false },
      { id: 'closed', label: t('Closed', 'Clôturée'), terminal: true, supportMayFlow: false },
    ],
    transitions: [
      { id: 'submit', from: ['draft'], to: 'submitted', label: t('submit', 'soumettre'), permissions: ['hrddp:request'], roles: [], guards: [] },
      { id: 'start-assessment', from: ['submitted'], to: 'assessment', label: t('start the assessment', 'commencer l’évaluation'), permissions: ['hrddp:assess'], roles: [], guards: ['in-scope'] },
      { id: 'screen-out', from: ['submitted', 'assessment'], to: 'closed', label: t('close as outside the policy', 'clôturer comme hors du champ de la politique'), permissions: ['hrddp:assess'], roles: [], guards: ['out-of-scope', 'reason-given'] },
      { id: 'propose-mitigation', from: ['assessment'], to: 'mitigation', label: t('move to mitigatory measures', 'passer aux mesures d’atténuation'), permissions: ['hrddp:assess'], roles: [], guards: ['assessment-completed'] },
      { id: 'submit-for-decision', from: ['assessment', 'mitigation'], to: 'awaiting-decision', label: t('submit for decision', 'soumettre pour décision'), permissions: ['hrddp:assess'], roles: [], guards: ['assessment-completed'] },
      { id: 'return-to-assessment', from: ['awaiting-decision', 'mitigation'], to: 'assessment', label: t('return to assessment', 'renvoyer à l’évaluation'), permissions: ['hrddp:assess'], roles: [], guards: ['reason-given'] },
      {
        id: 'approve',
        from: ['awaiting-decision'],
        to: 'approved',
        label: t('approve', 'approuver'),
        permissions: ['hrddp:decide'],
        roles: [],
        guards: ['assessment-completed', 'decision-body', 'no-open-review-without-waiver', 'level-allows-decision'],
        decision: 'approve',
      },
      {
        id: 'approve-with-conditions',
        from: ['awaiting-decision'],
        to: 'approved-with-conditions',
        label: t('approve with conditions', 'approuver sous conditions'),
        permissions: ['hrddp:decide'],
        roles: [],
        guards: ['assessment-completed', 'decision-body', 'no-open-review-without-waiver', 'level-allows-decision', 'mitigation-measures-defined'],
        decision: 'approve-with-conditions',
      },
      {
        id: 'refuse',
        from: ['awaiting-decision'],
        to: 'refused',
        label: t('refuse', 'refuser'),
        permissions: ['hrddp:decide'],
        roles: [],
        guards: ['assessment-completed', 'decision-body', 'reason-given'],
        decision: 'refuse',
      },
      { id: 'start-support', from: ['approved', 'approved-with-conditions'], to: 'active', label: t('start the support', 'commencer l’appui'), permissions: ['hrddp:request'], roles: [], guards: [] },
      { id: 'open-review', from: ['approved', 'approved-with-conditions', 'active'], to: 'under-review', label: t('open a review', 'ouvrir un réexamen'), permissions: ['hrddp:monitor'], roles: [], guards: ['reason-given'] },
      { id: 'continue-support', from: ['under-review'], to: 'active', label: t('continue the support', 'poursuivre l’appui'), permissions: ['hrddp:decide'], roles: [], guards: ['decision-body', 'review-resolution', 'no-open-review-without-waiver'] },
      { id: 'suspend', from: ['approved', 'approved-with-conditions', 'active', 'under-review'], to: 'suspended', label: t('suspend the support', 'suspendre l’appui'), permissions: ['hrddp:decide'], roles: [], guards: ['decision-body', 'reason-given', 'review-resolution'] },
      { id: 'resume', from: ['suspended'], to: 'active', label: t('resume the support', 'reprendre l’appui'), permissions: ['hrddp:decide'], roles: [], guards: ['decision-body', 'no-open-review-without-waiver', 'reason-given'] },
      {
        id: 'withdraw',
        from: ['approved', 'approved-with-conditions', 'active', 'under-review', 'suspended'],
        to: 'withdrawn',
        label: t('withdraw the support', 'retirer l’appui'),
        permissions: ['hrddp:decide'],
        roles: [],
        guards: ['decision-body', 'reason-given', 'review-resolution'],
      },
      { id: 'close', from: ['draft', 'submitted', 'refused', 'withdrawn', 'active', 'approved', 'approved-with-conditions'], to: 'closed', label: t('close', 'clôturer'), permissions: ['hrddp:request'], roles: [], guards: ['reason-given'] },
    ],
  },

  notices: {
    steps: [
      { kind: 'first-notice', label: t('First notice', 'Première notification'), afterPreviousDays: 0 },
      { kind: 'final-notice', label: t('Final notice', 'Notification finale'), afterPreviousDays: 14 },
      { kind: 'deadline-notice', label: t('Deadline notice', 'Mise en demeure'), afterPreviousDays: 14, deadlineDays: 7 },
      { kind: 'termination', label: t('Termination of support', 'Cessation de l’appui'), afterPreviousDays: 1 },
    ],
  },

  review: {
    triggers: [
      {
        id: 'new-allegation',
        type: 'new-allegation',
        enabled: true,
        label: t('New allegation against a supported unit or its commander', 'Nouvelle allégation contre une unité appuyée ou son commandant'),
        verification: ['verified', 'credible', 'unverified', 'reported'],
        graveOnly: false,
        eventsSince: 'any',
        paths: ['recipient', 'sub-unit', 'commander', 'participant'],
      },
      {
        id: 'allegation-upgraded',
        type: 'allegation-upgraded',
        enabled: true,
        label: t('Allegation confirmed or found grave', 'Allégation confirmée ou qualifiée de grave'),
        toVerification: ['verified', 'credible'],
        onBecomingGrave: true,
      },
      {
        id: 'commander-change',
        type: 'commander-change',
        enabled: true,
        label: t('New commander of a supported unit', 'Nouveau commandant d’une unité appuyée'),
        includeSubUnits: false,
      },
      {
        id: 'listed-person-posted',
        type: 'listed-person-posted',
        enabled: true,
        label: t('Listed person posted to a supported unit or operation', 'Personne inscrite affectée à une unité ou opération appuyée'),
        lists: ['red-list', 'watch-list', 'sanctions'],
      },
      {
        id: 'listing-change',
        type: 'listing-change',
        enabled: true,
        label: t('Commander or participant added to a list', 'Commandant ou participant inscrit sur une liste'),
        lists: ['red-list', 'watch-list', 'sanctions'],
        onRemoval: false,
      },
      {
        id: 'mitigation-overdue',
        type: 'mitigation-overdue',
        enabled: true,
        label: t('Mitigatory measure overdue', 'Mesure d’atténuation en retard'),
        graceDays: 0,
      },
    ],
    resolutions: [
      {
        id: 'no-change',
        label: t('No change', 'Aucun changement'),
        description: t('The review found no reason to change the support.', 'Le réexamen n’a révélé aucune raison de modifier l’appui.'),
        resultingState: 'active',
        requiresMeasures: false,
        letter: null,
      },
      {
        id: 'new-conditions',
        label: t('New conditions', 'Nouvelles conditions'),
        description: t('Support continues subject to new mitigatory measures.', 'L’appui se poursuit sous réserve de nouvelles mesures d’atténuation.'),
        resultingState: 'active',
        requiresMeasures: true,
        letter: 'approval-with-conditions',
      },
      {
        id: 'intervention',
        label: t('Intervention with the authorities', 'Intervention auprès des autorités'),
        description: t('The mission raises its concerns with the authorities in writing and support continues while they act.', 'La mission fait part par écrit de ses préoccupations aux autorités et l’appui se poursuit pendant qu’elles agissent.'),
        resultingState: 'active',
        requiresMeasures: false,
        letter: 'first-notice',
      },
      {
        id: 'suspension',
        label: t('Suspension', 'Suspension'),
        description: t('Support is suspended until the authorities take corrective action.', 'L’appui est suspendu jusqu’à ce que les autorités prennent des mesures correctives.'),
        resultingState: 'suspended',
        requiresMeasures: false,
        letter: 'deadline-notice',
      },
      {
        id: 'withdrawal',
        label: t('Withdrawal', 'Retrait'),
        description: t('Support is withdrawn.', 'L’appui est retiré.'),
        resultingState: 'withdrawn',
        requiresMeasures: false,
        letter: 'termination',
      },
    ],
    suspensionScopes: [
      {
        id: 'request',
        label: t('This support only', 'Cet appui uniquement'),
        description: t('Only the support under this request stops.', 'Seul l’appui prévu par cette demande cesse.'),
      },
      {
        id: 'operation',
        label: t('One operation', 'Une opération'),
        description: t('All support to one operation stops; other operations keep theirs.', 'Tout l’appui à une opération cesse ; les autres opérations conservent le leur.'),
      },
      {
        id: 'unit',
        label: t('A unit, across requests', 'Une unité, pour toutes les demandes'),
        description: t('All support to the unit (and, if chosen, its sub-units) stops, whatever the request.', 'Tout appui à l’unité (et, si choisi, à ses sous-unités) cesse, quelle que soit la demande.'),
      },
    ],
  },

  letters: DEFAULT_LETTER_TEMPLATES,
};
