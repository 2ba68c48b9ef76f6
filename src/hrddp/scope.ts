/**
 * Whether a support request falls under the due-diligence policy. Pure: the lists of support kinds,
 * sub-kinds, exempt training subjects and recipient types come from the configuration.
 *
 * A request is in scope when at least one of its support items is in scope AND at least one of its
 * recipients is a security force (or an authority commanding one). Every item and recipient yields a
 * reason, positive or negative, so the screening decision can be read and challenged.
 */
import type { HrddpConfig, I18nText } from './config.ts';
import { findSupportKind, labelOf } from './config.ts';

export interface Reason {
  code: string;
  en: string;
  fr: string;
}

export interface SupportItem {
  /** Support kind id (config.supportKinds[].id). */
  kind: string;
  /** Sub-kind id (config.supportKinds[].subKinds[].id). */
  subKind?: string | null;
  /** Subjects of a training (e.g. 'human-rights', 'international-humanitarian-law', 'driving'). */
  subjects?: string[];
}

export interface ScopeRecipient {
  id?: string;
  name?: string;
  /** Recipient type id (config.scope.recipientTypes[].id). */
  type: string;
}

export interface ScopeRequest {
  support: SupportItem[];
  recipients: ScopeRecipient[];
}

export interface ScopeResult {
  inScope: boolean;
  reasons: Reason[];
}

const reason = (code: string, text: I18nText): Reason => ({ code, en: text.en, fr: text.fr });

function itemScope(item: SupportItem, config: HrddpConfig): { inScope: boolean; reason: Reason } {
  const kind = findSupportKind(config, item.kind);
  if (!kind) {
    const inScope = config.scope.unknownSupportKindInScope;
    return {
      inScope,
      reason: reason('support-kind-unknown', {
        en: `Support kind "${item.kind}" is not in the configuration; ${inScope ? 'treated as in scope as a precaution' : 'treated as out of scope'}; classify it.`,
        fr: `Le type d’appui « ${item.kind} » n’est pas dans la configuration ; ${inScope ? 'il est traité par précaution comme relevant de la politique' : 'il est traité comme hors du champ'} ; veuillez le classer.`,
      }),
    };
  }
  if (!kind.inScope) {
    return { inScope: false, reason: reason('support-kind-out-of-scope', { en: `${kind.label.en} is outside the policy.`, fr: `${kind.label.fr} : hors du champ de la politique.` }) };
  }
  let label = kind.label;
  if (item.subKind) {
    const sub = kind.subKinds.find((s) => s.id === item.subKind);
    if (!sub) {
      const inScope = config.scope.unknownSupportKindInScope;
      return {
        inScope,
        reason: reason('sub-kind-unknown', {
          en: `"${item.subKind}" is not a configured form of ${kind.label.en}; ${inScope ? 'treated as in scope as a precaution' : 'treated as out of scope'}; classify it.`,
          fr: `« ${item.subKind} » n’est pas une forme configurée de : ${kind.label.fr} ; ${inScope ? 'traité par précaution comme relevant de la politique' : 'traité comme hors du champ'} ; veuillez le classer.`,
        }),
      };
    }
    if (!sub.inScope) {
      const why = sub.outOfScopeReason ?? { en: `${sub.label.en} is outside the policy.`, fr: `${sub.label.fr} : hors du champ de la politique.` };
      return { inScope: false, reason: reason('sub-kind-out-of-scope', why) };
    }
    label = { en: `${kind.label.en} (${sub.label.en})`, fr: `${kind.label.fr} (${sub.label.fr})` };
  }
  const exempt = config.scope.exemptTraining;
  const subjects = item.subjects ?? [];
  if (exempt.supportKinds.includes(kind.id) && subjects.length > 0) {
    const exemptIds = new Set(exempt.subjects.map((s) => s.id));
    const others = subjects.filter((s) => !exemptIds.has(s));
    if (others.length === 0) {
      const names = subjects.map((s) => labelOf(exempt.subjects, s));
      return {
        inScope: false,
        reason: reason('training-subject-exempt', {
          en: `Training only on ${names.map((n) => n.en).join(', ')}: such training is itself outside the policy.`,
          fr: `Formation portant uniquement sur : ${names.map((n) => n.fr).join(', ')} ; une telle formation n’entre pas elle-même dans le champ de la politique.`,
        }),
      };
    }
    if (others.length < subjects.length) {
      return {
        inScope: true,
        reason: reason('training-subjects-mixed', {
          en: `The training also covers other subjects (${others.join(', ')}), so it falls under the policy.`,
          fr: `La formation porte aussi sur d’autres sujets (${others.join(', ')}) et relève donc de la politique.`,
        }),
      };
    }
  }
  return { inScope: true, reason: reason('support-kind-in-scope', { en: `${label.en} falls under the policy.`, fr: `${label.fr} : relève de la politique.` }) };
}

function recipientScope(r: ScopeRecipient, config: HrddpConfig): { inScope: boolean; reason: Reason } {
  const who = r.name ? `${r.name}: ` : '';
  const type = config.scope.recipientTypes.find((t) => t.id === r.type);
  if (!type) {
    const inScope = config.scope.unknownRecipientTypeInScope;
    return {
      inScope,
      reason: reason('recipient-type-unknown', {
        en: `${who}recipient type "${r.type}" is not in the configuration; ${inScope ? 'treated as a security force as a precaution' : 'treated as out of scope'}; classify it.`,
        fr: `${who}le type de bénéficiaire « ${r.type} » n’est pas dans la configuration ; ${inScope ? 'il est traité par précaution comme une force de sécurité' : 'il est traité comme hors du champ'} ; veuillez le classer.`,
      }),
    };
  }
  if (!type.inScope) {
    const note = type.note ?? { en: 'outside the policy', fr: 'hors du champ de la politique' };
    return {
      inScope: false,
      reason: reason('recipient-out-of-scope', { en: `${who}${type.label.en}: ${note.en}`, fr: `${who}${type.label.fr} : ${note.fr}` }),
    };
  }
  return {
    inScope: true,
    reason: reason('recipient-in-scope', { en: `${who}${type.label.en} is a recipient covered by the policy.`, fr: `${who}${type.label.fr} : bénéficiaire visé par la politique.` }),
  };
}

/** Screens a request against the policy's scope; reasons cover every support item and recipient. */
export function checkScope(request: ScopeRequest, config: HrddpConfig): ScopeResult {
  const reasons: Reason[] = [];
  if (request.support.length === 0) {
    reasons.push(reason('no-support-described', { en: 'The request describes no support.', fr: 'La demande ne décrit aucun appui.' }));
  }
  if (request.recipients.length === 0) {
    reasons.push(reason('no-recipient', { en: 'The request names no recipient.', fr: 'La demande ne désigne aucun bénéficiaire.' }));
  }
  const items = request.support.map((i) => itemScope(i, config));
  const recipients = request.recipients.map((r) => recipientScope(r, config));
  for (const x of [...items, ...recipients]) reasons.push(x.reason);
  const inScope = items.some((i) => i.inScope) && recipients.some((r) => r.inScope);
  return { inScope, reasons };
}
