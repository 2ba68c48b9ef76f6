/**
 * The threat register: each threat scored as likelihood × impact on the configured scales and placed
 * in a band; threats and protection activities tagged with POC tiers (I dialogue and engagement, II
 * physical protection, III protective environment) and a phase (prevention, pre-emption, response,
 * consolidation), the tags checked against the configuration. Pure module.
 */
import type { FieldProblem } from '../platform/errors.ts';
import { ValidationError } from '../platform/errors.ts';
import { DEFAULT_PROTECTION_CONFIG, findEntry, type Label, labelOf, type ProtectionConfig } from './config.ts';

export interface PocTags {
  tiers?: string[] | null;
  phase?: string | null;
}

export interface ThreatEntry extends PocTags {
  id: string;
  threatType: string;
  /** A likelihood code of the configured scale. */
  likelihood: string;
  /** An impact code of the configured scale. */
  impact: string;
  area?: string | null;
  summary?: string | null;
}

export interface ScaleValue {
  code: string;
  value: number;
  en: string;
  fr: string;
}

export interface ThreatScore {
  likelihood: ScaleValue;
  impact: ScaleValue;
  /** likelihood × impact. */
  score: number;
  band: { code: string; en: string; fr: string };
  en: string;
  fr: string;
}

/** Checks the POC tags of a threat or an activity; returns the problems (empty when valid). */
export function validatePocTags(tags: PocTags, config: ProtectionConfig = DEFAULT_PROTECTION_CONFIG, prefix = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const field = (name: string) => (prefix ? `${prefix}.${name}` : name);
  const tiers = tags.tiers ?? [];
  const rules = config.threatTagging;
  if (rules.tierRequired && tiers.length === 0) problems.push({ field: field('tiers'), reason: 'at least one POC tier is required' });
  if (!rules.multipleTiers && tiers.length > 1) problems.push({ field: field('tiers'), reason: 'only one POC tier may be given' });
  const seen = new Set<string>();
  tiers.forEach((t, i) => {
    if (!findEntry(config.pocTiers, t)) problems.push({ field: field(`tiers.${i}`), reason: `"${t}" is not a POC tier (${config.pocTiers.map((x) => x.code).join(', ')})` });
    if (seen.has(t)) problems.push({ field: field(`tiers.${i}`), reason: `"${t}" is given twice` });
    seen.add(t);
  });
  if (tags.phase === null || tags.phase === undefined || tags.phase === '') {
    if (rules.phaseRequired) problems.push({ field: field('phase'), reason: 'a POC phase is required' });
  } else if (!findEntry(config.pocPhases, tags.phase)) {
    problems.push({ field: field('phase'), reason: `"${tags.phase}" is not a POC phase (${config.pocPhases.map((x) => x.code).join(', ')})` });
  }
  return problems;
}

/** Checks a threat register entry: its type, scales and POC tags. */
export function validateThreat(threat: ThreatEntry, config: ProtectionConfig = DEFAULT_PROTECTION_CONFIG): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!findEntry(config.threatTypes, threat.threatType)) problems.push({ field: 'threatType', reason: `"${threat.threatType}" is not a threat type` });
  if (!findEntry(config.threatScoring.likelihood, threat.likelihood)) problems.push({ field: 'likelihood', reason: `"${threat.likelihood}" is not on the likelihood scale` });
  if (!findEntry(config.threatScoring.impact, threat.impact)) problems.push({ field: 'impact', reason: `"${threat.impact}" is not on the impact scale` });
  return [...problems, ...validatePocTags(threat, config)];
}

const scaleValue = (e: { code: string; value: number; label: Label }): ScaleValue => ({ code: e.code, value: e.value, en: e.label.en, fr: e.label.fr });

/** Scores a threat; throws a ValidationError when its likelihood or impact is not on the scales. */
export function scoreThreat(threat: Pick<ThreatEntry, 'likelihood' | 'impact'>, config: ProtectionConfig = DEFAULT_PROTECTION_CONFIG): ThreatScore {
  const l = findEntry(config.threatScoring.likelihood, threat.likelihood);
  const i = findEntry(config.threatScoring.impact, threat.impact);
  const problems: FieldProblem[] = [];
  if (!l) problems.push({ field: 'likelihood', reason: `"${threat.likelihood}" is not on the likelihood scale` });
  if (!i) problems.push({ field: 'impact', reason: `"${threat.impact}" is not on the impact scale` });
  if (problems.length) throw new ValidationError(problems);
  const score = l!.value * i!.value;
  const band = [...config.threatScoring.bands].sort((a, b) => b.minScore - a.minScore).find((b) => b.minScore <= score) ?? config.threatScoring.bands[0]!;
  return {
    likelihood: scaleValue(l!),
    impact: scaleValue(i!),
    score,
    band: { code: band.code, en: band.label.en, fr: band.label.fr },
    en: `${band.label.en} (${score}: likelihood ${l!.label.en.toLowerCase()} ${l!.value} × impact ${i!.label.en.toLowerCase()} ${i!.value})`,
    fr: `${band.label.fr} (${score} : probabilité ${l!.label.fr.toLowerCase()} ${l!.value} × impact ${i!.label.fr.toLowerCase()} ${i!.value})`,
  };
}

export interface RankedThreat {
  threat: ThreatEntry;
  score: ThreatScore | null;
  problems: FieldProblem[];
  tiers: { code: string; en: string; fr: string }[];
  phase: { code: string; en: string; fr: string } | null;
}

/**
 * The register, highest score first (ties: higher impact first, then id). Entries that do not fit the
 * configuration are kept, with their problems and no score, at the end: nothing silently drops out.
 */
export function rankThreats(threats: readonly ThreatEntry[], config: ProtectionConfig = DEFAULT_PROTECTION_CONFIG): RankedThreat[] {
  const out = threats.map((threat): RankedThreat => {
    const problems = validateThreat(threat, config);
    let score: ThreatScore | null = null;
    try {
      score = scoreThreat(threat, config);
    } catch {
      score = null;
    }
    return {
      threat,
      score,
      problems,
      tiers: (threat.tiers ?? []).map((t) => ({ code: t, ...labelOf(config.pocTiers, t) })),
      phase: threat.phase ? { code: threat.phase, ...labelOf(config.pocPhases, threat.phase) } : null,
    };
  });
  return out.sort((a, b) => (b.score?.score ?? -1) - (a.score?.score ?? -1) || (b.score?.impact.value ?? -1) - (a.score?.impact.value ?? -1) || a.threat.id.localeCompare(b.threat.id));
}
