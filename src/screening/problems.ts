/**
 * Problems found while reading a watchlist or a roster: where (line, XML element, column), a stable
 * code, and the wording in English and French (`problemMessages()` lists them all, for registering
 * with the platform's i18n). Pure module, no I/O.
 */
import type { FieldProblem } from '../platform/errors.ts';

type Params = Record<string, string | number>;

const MESSAGES: Record<string, { en: string; fr: string }> = {
  'xml.malformed': { en: 'not well-formed XML: {{detail}}', fr: 'XML mal formé : {{detail}}' },
  'un.not-list': {
    en: 'no CONSOLIDATED_LIST root element: not a UN Security Council Consolidated List',
    fr: 'pas d’élément racine CONSOLIDATED_LIST : ce n’est pas la Liste récapitulative du Conseil de sécurité',
  },
  'un.no-dataid': { en: '{{kind}} without DATAID, left out', fr: '{{kind}} sans DATAID, écarté' },
  'un.duplicate-dataid': { en: 'DATAID {{id}} appears more than once', fr: 'le DATAID {{id}} apparaît plusieurs fois' },
  'un.no-name': {
    en: 'individual without any name (FIRST_NAME … FOURTH_NAME, NAME_ORIGINAL_SCRIPT), left out',
    fr: 'personne sans aucun nom (FIRST_NAME … FOURTH_NAME, NAME_ORIGINAL_SCRIPT), écartée',
  },
  'un.entity-no-name': { en: 'entity without FIRST_NAME (its name), left out', fr: 'entité sans FIRST_NAME (son nom), écartée' },
  'un.alias-no-name': { en: 'alias with a quality but no ALIAS_NAME', fr: 'alias avec une qualité mais sans ALIAS_NAME' },
  'un.dob-between': {
    en: 'BETWEEN date without a valid FROM_YEAR and TO_YEAR ({{from}}, {{to}})',
    fr: 'date BETWEEN sans FROM_YEAR et TO_YEAR valides ({{from}}, {{to}})',
  },
  'un.dob-type': { en: 'unknown TYPE_OF_DATE {{value}}, read as EXACT', fr: 'TYPE_OF_DATE inconnu {{value}}, lu comme EXACT' },
  'un.dob-date': { en: 'DATE is not a date: {{value}}', fr: 'DATE n’est pas une date : {{value}}' },
  'un.dob-year': { en: 'YEAR is not a year: {{value}}', fr: 'YEAR n’est pas une année : {{value}}' },
  'un.dob-note': {
    en: 'date of birth given only as a note that is not a date: {{value}}',
    fr: 'date de naissance donnée seulement par une note qui n’est pas une date : {{value}}',
  },
  'ftm.json': { en: 'not valid JSON: {{detail}}', fr: 'JSON invalide : {{detail}}' },
  'ftm.entity': { en: 'not a FollowTheMoney entity: {{detail}}', fr: 'pas une entité FollowTheMoney : {{detail}}' },
  'ftm.not-text': { en: 'a value is not text ({{value}}), ignored', fr: 'une valeur n’est pas du texte ({{value}}), ignorée' },
  'ftm.no-name': {
    en: '{{schema}} {{id}} has no name, alias or weakAlias, left out',
    fr: '{{schema}} {{id}} n’a ni name, ni alias, ni weakAlias, écarté',
  },
  'ftm.bad-date': {
    en: 'not a date (YYYY, YYYY-MM or YYYY-MM-DD): {{value}}, ignored',
    fr: 'pas une date (AAAA, AAAA-MM ou AAAA-MM-JJ) : {{value}}, ignorée',
  },
  'ftm.skipped-schema': {
    en: '{{count}} {{schema}} entities skipped: only persons and organisations carry names to screen',
    fr: '{{count}} entités {{schema}} ignorées : seules les personnes et les organisations portent des noms à contrôler',
  },
  'csv.unreadable': { en: 'not a readable CSV file: {{detail}}', fr: 'fichier CSV illisible : {{detail}}' },
  'roster.empty': {
    en: 'empty file: a header row with a name column is required',
    fr: 'fichier vide : une ligne d’en-tête avec une colonne name (ou nom) est requise',
  },
  'roster.no-name-column': { en: 'no name column (found: {{found}})', fr: 'pas de colonne name ou nom (trouvé : {{found}})' },
  'roster.duplicate-column': { en: 'column appears twice; the first one is used', fr: 'colonne présente deux fois ; la première est utilisée' },
  'roster.extra-values': {
    en: '{{count}} values for {{columns}} columns; the extra values are ignored',
    fr: '{{count}} valeurs pour {{columns}} colonnes ; les valeurs en trop sont ignorées',
  },
  'roster.empty-name': { en: 'empty name, row left out', fr: 'nom vide, ligne écartée' },
  'roster.bad-date': {
    en: 'not a date (YYYY, YYYY-MM, YYYY-MM-DD or DD/MM/YYYY): {{value}}, ignored',
    fr: 'pas une date (AAAA, AAAA-MM, AAAA-MM-JJ ou JJ/MM/AAAA) : {{value}}, ignorée',
  },
  'roster.bad-gender': {
    en: 'gender not recognised (male/female, M/F, homme/femme, H/F): {{value}}, ignored',
    fr: 'sexe non reconnu (male/female, M/F, homme/femme, H/F) : {{value}}, ignoré',
  },
};

export interface ParseProblem {
  /** 1-based line of the input where the record or value starts, when known. */
  line?: number;
  /** XML element path or JSON property, when relevant ("INDIVIDUAL[DATAID=6908011]/INDIVIDUAL_DATE_OF_BIRTH[2]"). */
  element?: string;
  /** CSV column name, when relevant. */
  column?: string;
  /** 'error': the record or value was left out; 'warning': it was kept, with something ignored. */
  severity: 'error' | 'warning';
  /** Stable code, for translation and filtering. */
  code: string;
  params: Params;
  /** English. */
  reason: string;
  /** French. */
  reasonFr: string;
}

function fill(template: string, params: Params): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => (params[k] === undefined ? '' : String(params[k])));
}

/** Builds a problem from its code and parameters, worded in both languages. */
export function problem(
  code: string,
  params: Params,
  where: { line?: number | undefined; element?: string | undefined; column?: string | undefined; severity: ParseProblem['severity'] },
): ParseProblem {
  const m = MESSAGES[code];
  if (!m) throw new Error(`unknown screening problem code ${code}`);
  const p: ParseProblem = { severity: where.severity, code, params, reason: fill(m.en, params), reasonFr: fill(m.fr, params) };
  if (where.line !== undefined) p.line = where.line;
  if (where.element !== undefined) p.element = where.element;
  if (where.column !== undefined) p.column = where.column;
  return p;
}

/** Every problem code with its wording in English and French ({{param}} placeholders). */
export function problemMessages(): Record<string, { en: string; fr: string }> {
  return MESSAGES;
}

/** Where a problem is, in the "line 12, column name" form the API and the CLI use (French: "ligne 12, colonne name"). */
export function problemLocation(p: ParseProblem, lang: 'en' | 'fr' = 'en'): string {
  const parts: string[] = [];
  if (p.line !== undefined) parts.push(`${lang === 'fr' ? 'ligne' : 'line'} ${p.line}`);
  if (p.element) parts.push(p.element);
  if (p.column) parts.push(`${lang === 'fr' ? 'colonne' : 'column'} ${p.column}`);
  return parts.join(', ') || (lang === 'fr' ? 'entrée' : 'input');
}

/** As the platform's field problems (for a ValidationError). */
export function toFieldProblems(problems: ParseProblem[], lang: 'en' | 'fr' = 'en'): FieldProblem[] {
  return problems.map((p) => ({ field: problemLocation(p, lang), reason: lang === 'fr' ? p.reasonFr : p.reason }));
}
