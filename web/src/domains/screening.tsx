/** Name screening: upload a roster, see the results with explanations, adjudicate each match. */
import { type FormEvent, useState } from 'react';
import { ApiError, post } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';
import { Link, navigate } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { useApi } from '../lib/useApi.ts';
import { Revisions } from '../components/Revisions.tsx';
import { Async, Badge, Empty, ErrorBox, Field, Loading } from '../components/ui.tsx';
import type { RouteDef } from '../routes.tsx';

const S = '/api/v1/screening';
const DECISIONS = ['true-match', 'false-positive', 'needs-review'] as const;

export function ScreeningHome() {
  const i18n = useI18n();
  const { t, dateTime, num } = i18n;
  const session = useSession();
  const runs = useApi<{ items: any[] }>(`${S}/screenings`);
  const lists = useApi<any>(`${S}/lists`);
  return (
    <>
      <h1>{t('nav.screening')}</h1>
      {session.can('screening:screen') && <Upload lists={lists.data} />}
      <section className="card" aria-labelledby="sc-runs">
        <h2 id="sc-runs">{t('sc.screenings')}</h2>
        <Async state={runs}>
          {(d) =>
            d.items.length === 0 ? (
              <Empty>{t('sc.none')}</Empty>
            ) : (
              <table data-testid="screenings">
                <thead>
                  <tr>
                    <th scope="col">{t('hr.title')}</th>
                    <th scope="col">{t('sc.rows')}</th>
                    <th scope="col">{t('sc.when')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.items.map((s) => (
                    <tr key={s.id}>
                      <td>
                        <Link to={`/screening/runs/${s.id}`}>{s.title || s.file_name || s.id}</Link>
                      </td>
                      <td>{num(s.row_count)}</td>
                      <td>{dateTime(s.last_run_at ?? s.created_at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Async>
      </section>
    </>
  );
}

function listIds(lists: any): { id: string; label: string }[] {
  const arr: any[] = Array.isArray(lists) ? lists : (lists?.lists ?? lists?.items ?? []);
  return arr.map((l) => ({ id: String(l.code ?? l.id), label: String(l.label_text ?? l.code) }));
}

function Upload({ lists }: { lists: any }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const available = listIds(lists);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const csv = await file.text();
      const r = await post<any>(`${S}/screenings`, { csv, title: title || file.name, file_name: file.name, lists: chosen.length ? chosen : undefined });
      navigate(`/screening/runs/${r.id ?? r.screening?.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card" onSubmit={submit} data-testid="roster-upload" aria-labelledby="sc-up">
      <h2 id="sc-up">{t('sc.upload')}</h2>
      <p className="muted small">{t('sc.upload-hint')}</p>
      <div className="inline-fields">
        <Field label={t('sc.roster')} id="sc-file" error={error instanceof ApiError ? error.forField('csv') : undefined}>
          <input id="sc-file" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} required />
        </Field>
        <Field label={t('hr.title')} id="sc-title">
          <input id="sc-title" value={title} onChange={(e) => setTitle(e.target.value)} />
        </Field>
      </div>
      {available.length > 0 && (
        <fieldset className="checks">
          <legend>{t('sc.lists')}</legend>
          {available.map((l) => (
            <label key={l.id} htmlFor={`sc-list-${l.id}`}>
              <input id={`sc-list-${l.id}`} type="checkbox" checked={chosen.includes(l.id)} onChange={(e) => setChosen(e.target.checked ? [...chosen, l.id] : chosen.filter((x) => x !== l.id))} /> {l.label}
            </label>
          ))}
        </fieldset>
      )}
      <ErrorBox error={error} />
      <button type="submit" className="primary" disabled={!file || busy}>
        {t('sc.screen')}
      </button>
    </form>
  );
}

export function ScreeningRun({ id }: { id: string }) {
  const i18n = useI18n();
  const { t, num, dateTime } = i18n;
  const session = useSession();
  const [onlyMatches, setOnlyMatches] = useState(true);
  const state = useApi<any>(`${S}/screenings/${id}?only_matches=${onlyMatches}`);
  const [error, setError] = useState<unknown>(null);
  const canAdjudicate = session.can('screening:adjudicate');
  const decide = async (row: number, list: string, entry: string, decision: string) => {
    setError(null);
    try {
      await post(`${S}/screenings/${id}/adjudications`, { row, list, entry_id: entry, decision });
      state.reload();
    } catch (e) {
      setError(e);
    }
  };
  if (state.error) return <ErrorBox error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading />;
  const s = state.data;
  return (
    <article className="record" data-record-type="screening" data-record-id={s.id}>
      <p className="crumbs">
        <Link to="/screening">{t('nav.screening')}</Link>
      </p>
      <h1>{s.title || s.file_name}</h1>
      <p className="muted">
        {t('sc.summary', { rows: s.row_count, hits: s.rows_with_matches, matches: s.match_count })} · {dateTime(s.last_run_at)} · {(s.lists ?? []).join(', ')} · {t('sc.threshold', { value: num(s.threshold, { maximumFractionDigits: 2 }) })}
      </p>
      {(s.problems ?? []).length > 0 && (
        <div className="notice">
          <ul>
            {s.problems.map((p: any, i: number) => (
              <li key={i}>{typeof p === 'string' ? p : `${p.line ?? p.row ?? ''} ${i18n.label(p.message ?? p)}`}</li>
            ))}
          </ul>
        </div>
      )}
      <label className="inline-check" htmlFor="sc-only">
        <input id="sc-only" type="checkbox" checked={onlyMatches} onChange={(e) => setOnlyMatches(e.target.checked)} /> {t('sc.only-matches')}
      </label>
      <ErrorBox error={error} />
      {s.rows.length === 0 ? (
        <Empty>{t('sc.no-matches')}</Empty>
      ) : (
        <ol className="screening-rows" data-testid="screening-rows">
          {s.rows.map((r: any) => (
            <li key={r.row} value={r.row} data-row={r.row}>
              <strong>{r.name}</strong> {r.birth_date && <span className="muted">· {r.birth_date}</span>} {r.nationality && <span className="muted">· {r.nationality}</span>}
              {r.matches.length === 0 ? (
                <span className="muted"> — {t('sc.no-match')}</span>
              ) : (
                <ul>
                  {r.matches.map((m: any) => (
                    <li key={`${m.list}-${m.id}`} className="match" data-list={m.list}>
                      <Badge tone={m.score >= 0.9 ? 'urgent' : 'warning'}>{num(m.score, { maximumFractionDigits: 2 })}</Badge> {m.name} <span className="muted">({m.list})</span>
                      {m.adjudication && <Badge tone={m.adjudication.decision === 'false-positive' ? 'ok' : 'urgent'}>{t(`sc.decision.${m.adjudication.decision}` as any)}</Badge>}
                      {m.explanation?.text && <div className="small muted">{typeof m.explanation.text === 'string' ? m.explanation.text : i18n.label(m.explanation.text)}</div>}
                      {canAdjudicate && (
                        <div className="buttons small" role="group" aria-label={t('sc.adjudicate')}>
                          {DECISIONS.map((d) => (
                            <button key={d} type="button" onClick={() => decide(r.row, m.list, m.id, d)} aria-pressed={m.adjudication?.decision === d}>
                              {t(`sc.decision.${d}` as any)}
                            </button>
                          ))}
                        </div>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
      <Revisions type="screening" id={s.id} />
    </article>
  );
}

export const screeningRoutes: RouteDef[] = [
  { path: '/screening', domain: 'screening', render: () => <ScreeningHome /> },
  { path: '/screening/runs/:id', domain: 'screening', render: (p) => <ScreeningRun key={p.id} id={p.id} /> },
];
