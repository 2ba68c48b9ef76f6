/**
 * Problems found while reading a watchlist or a roster: where (line, XML element, column) and why.
 * Pure module, no I/O.
 */
import type { FieldProblem } from '../platform/errors.ts';

export interface ParseProblem {
  /** 1-based line of the input where the record or value starts, when known. */
  line?: number;
  /** XML element path or JSON property, when relevant ("INDIVIDUAL[DATAID=6908011]/INDIVIDUAL_DATE_OF_BIRTH[2]"). */
  element?: string;
  /** CSV column name, when relevant. */
  column?: string;
  /** 'error': the record or value was left out; 'warning': it was kept, with something ignored. */
  severity: 'error' | 'warning';
  reason: string;
}

/** Where a problem is, in the "line 12, column name" form the API and the CLI use. */
export function problemLocation(p: ParseProblem): string {
  const parts: string[] = [];
  if (p.line !== undefined) parts.push(`line ${p.line}`);
  if (p.element) parts.push(p.element);
  if (p.column) parts.push(`column ${p.column}`);
  return parts.join(', ') || 'input';
}

/** As the platform's field problems (for a ValidationError). */
export function toFieldProblems(problems: ParseProblem[]): FieldProblem[] {
  return problems.map((p) => ({ field: problemLocation(p), reason: p.reason }));
}
