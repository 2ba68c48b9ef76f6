/**
 * Errors that reach a user. Each carries an i18n message key (platform namespace or a domain's) and
 * parameters, so the HTTP layer and the CLI can word it in English or French; `field` names the
 * offending input where there is one.
 */
export interface FieldProblem {
  /** Dotted path of the field (body.name, query.at) or "line 12, column date". */
  field: string;
  reason: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export class ValidationError extends AppError {
  constructor(problems: FieldProblem[], message = 'the input is not valid') {
    super(400, 'validation', message + ': ' + problems.map((p) => `${p.field}: ${p.reason}`).join('; '), problems);
  }
}
export class NotFoundError extends AppError {
  constructor(what: string) {
    super(404, 'not-found', `${what} not found`);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = 'you are not allowed to do this') {
    super(403, 'forbidden', message);
  }
}
export class UnauthenticatedError extends AppError {
  constructor(message = 'sign in first') {
    super(401, 'unauthenticated', message);
  }
}
export class ConflictError extends AppError {
  constructor(message: string) {
    super(409, 'conflict', message);
  }
}
