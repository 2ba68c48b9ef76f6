/** Shared pieces: loading, empty and error states, field wrappers, dated facts. */
import type { ReactNode } from 'react';
import { ApiError } from '../lib/api.ts';
import { type I18n, useI18n } from '../lib/i18n.tsx';
import type { Loaded } from '../lib/useApi.ts';

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status" aria-live="polite">
      {t('app.loading')}
    </p>
  );
}

export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  return <p className="empty">{children ?? t('empty.default')}</p>;
}

export function errorMessage(i18n: I18n, error: unknown): string {
  const { t } = i18n;
  if (error instanceof ApiError) {
    if (error.status === 0) return t('error.network');
    if (error.status === 401) return t('error.session');
    if (error.status === 403) return `${t('error.forbidden')}${error.detail ? ` (${error.detail})` : ''}`;
    if (error.status === 404) return t('error.not-found');
    if (error.status === 409) return `${t('error.conflict')}${error.detail ? ` (${error.detail})` : ''}`;
    if (error.problems.length) return t('error.validation');
    return error.detail || error.title;
  }
  return String((error as Error)?.message ?? error);
}

export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const i18n = useI18n();
  if (!error) return null;
  const problems = error instanceof ApiError ? error.problems : [];
  return (
    <div className="error" role="alert">
      <strong>{errorMessage(i18n, error)}</strong>
      {problems.length > 0 && (
        <ul>
          {problems.map((p, i) => (
            <li key={i}>
              <code>{p.field}</code>: {p.reason}
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {i18n.t('app.retry')}
        </button>
      )}
    </div>
  );
}

/** Renders a loaded endpoint: loading, error (with retry) or the children built from the data. */
export function Async<T>({ state, children }: { state: Loaded<T>; children: (data: T) => ReactNode }) {
  if (state.error) return <ErrorBox error={state.error} onRetry={state.reload} />;
  if (state.data === undefined) return <Loading />;
  return <>{children(state.data)}</>;
}

/** A labelled form control with its error (by field). */
export function Field({ label, id, error, hint, children }: { label: string; id: string; error?: string[]; hint?: string; children: ReactNode }) {
  return (
    <div className={`field${error?.length ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <small className="hint" id={`${id}-hint`}>
          {hint}
        </small>
      )}
      {error?.map((e, i) => (
        <small key={i} className="field-error" id={`${id}-error`} role="alert">
          {e}
        </small>
      ))}
    </div>
  );
}

export interface DatedFact {
  start_date?: string | null;
  start_exact?: boolean | null;
  end_date?: string | null;
  end_state?: string | null;
}

/** "from X to Y", with open-end semantics (still existing / ended at an unknown date) and first-cited starts. */
export function dateRange(i18n: I18n, f: DatedFact): string {
  const { t, date } = i18n;
  const from = f.start_date ? date(f.start_date) + (f.start_exact === false ? ` (${t('start.first-cited')})` : '') : '';
  let to = '';
  if (f.end_date) to = date(f.end_date);
  if (f.end_state === 'open') to = to ? `${to} (${t('end.open')})` : t('end.open');
  else if (f.end_state === 'unknown' && !f.end_date) to = t('end.unknown');
  if (from && to) return t('app.from-to', { from, to });
  if (from) return t('app.since', { from });
  if (to) return t('app.until', { to });
  return '—';
}

export function Sensitivity({ level }: { level?: string | null }) {
  const { t } = useI18n();
  if (!level || level === 'internal') return null;
  const key = `sensitivity.${level}` as const;
  return <span className={`badge sens-${level}`}>{t(key as any) ?? level}</span>;
}

export function Badge({ children, tone }: { children: ReactNode; tone?: string }) {
  return <span className={`badge${tone ? ` tone-${tone}` : ''}`}>{children}</span>;
}
