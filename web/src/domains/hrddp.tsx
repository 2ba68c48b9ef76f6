/**
 * Due diligence (HRDDP): requests by state, the request page (workflow steps, scope, evidence dossier,
 * risk assessment with criteria, contributions and override, mitigation checklist, decisions and
 * waivers, letters), reviews with their triggers, follow-up committees.
 */
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { ApiError, patch, post, qs } from '../lib/api.ts';
import { todayIso, useI18n } from '../lib/i18n.tsx';
import { Link, navigate, useLocation } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { useApi } from '../lib/useApi.ts';
import { type ActorRef, RegistryPicker } from '../components/Pickers.tsx';
import { Revisions } from '../components/Revisions.tsx';
import { Async, Badge, Empty, ErrorBox, Field, Loading, Sensitivity } from '../components/ui.tsx';
import type { RouteDef } from '../routes.tsx';

const H = '/api/v1/hrddp';
type L = { en: string; fr: string } | string;
interface Labelled {
  id: string;
  label: L;
}

function useConfig() {
  return useApi<{ version: number; config: any }>(`${H}/config`);
}
const lbl = (i18n: ReturnType<typeof useI18n>, list: Labelled[] | undefined, id: string | null | undefined) => {
  if (!id) return '';
  const x = list?.find((e) => e.id === id);
  return x ? i18n.label(x.label) : id;
};

function Card({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export function RequestsPage() {
  const i18n = useI18n();
  const { t, date, num } = i18n;
  const session = useSession();
  const { query } = useLocation();
  const state = query.get('state') ?? '';
  const cfg = useConfig();
  const all = useApi<{ requests: any[] }>(`${H}/requests?limit=1000`);
  const reviews = useApi<{ reviews: any[] }>(`${H}/reviews?status=open`);
  const overdue = useApi<{ measures: any[] }>(`${H}/measures/overdue`);
  const states: Labelled[] = cfg.data?.config.workflow.states ?? [];
  const counts = new Map<string, number>();
  for (const r of all.data?.requests ?? []) counts.set(r.state, (counts.get(r.state) ?? 0) + 1);
  const shown = (all.data?.requests ?? []).filter((r) => !state || r.state === state);
  return (
    <>
      <h1>{t('nav.hrddp')}</h1>
      <div className="buttons">
        {session.can('hrddp:request') && (
          <Link to="/hrddp/new" className="button-link">
            {t('hr.new')}
          </Link>
        )}
        <Link to="/hrddp/reviews">{t('hr.reviews')}</Link>
        <Link to="/hrddp/committees">{t('hr.committees')}</Link>
      </div>
      <div className="grid">
        <Card title={t('hr.by-state')} id="hr-states">
          <ul className="state-counts" data-testid="requests-by-state">
            <li>
              <Link to="/hrddp" aria-current={!state ? 'page' : undefined}>
                {t('hr.all')}
              </Link>{' '}
              <Badge>{num(all.data?.requests.length ?? 0)}</Badge>
            </li>
            {states
              .filter((s) => counts.has(s.id))
              .map((s) => (
                <li key={s.id} data-state={s.id}>
                  <Link to={`/hrddp${qs({ state: s.id })}`} aria-current={state === s.id ? 'page' : undefined}>
                    {i18n.label(s.label)}
                  </Link>{' '}
                  <Badge>{num(counts.get(s.id) ?? 0)}</Badge>
                </li>
              ))}
          </ul>
        </Card>
        <Card title={t('hr.waiting')} id="hr-waiting">
          <p>
            <Link to="/hrddp/reviews">{t('hr.open-reviews', { count: reviews.data?.reviews.length ?? 0 })}</Link>
          </p>
          <p>{t('hr.overdue-measures', { count: overdue.data?.measures.length ?? 0 })}</p>
        </Card>
      </div>
      <Async state={all}>
        {() =>
          shown.length === 0 ? (
            <Empty>{t('hr.none')}</Empty>
          ) : (
            <table data-testid="requests">
              <thead>
                <tr>
                  <th scope="col">{t('hr.reference')}</th>
                  <th scope="col">{t('hr.title')}</th>
                  <th scope="col">{t('hr.state')}</th>
                  <th scope="col">{t('hr.component')}</th>
                  <th scope="col">{t('hr.dates')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => (
                  <tr key={r.id}>
                    <td>{r.reference}</td>
                    <td>
                      <Link to={`/hrddp/requests/${r.id}`}>{r.title}</Link> <Sensitivity level={r.sensitivity} />
                    </td>
                    <td>{lbl(i18n, states, r.state)}</td>
                    <td>{r.requesting_component}</td>
                    <td>{r.start_date ? t('app.from-to', { from: date(r.start_date), to: date(r.end_date) }) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Async>
    </>
  );
}

export function NewRequest() {
  const i18n = useI18n();
  const { t } = i18n;
  const cfg = useConfig();
  const [title, setTitle] = useState('');
  const [component, setComponent] = useState('military');
  const [kind, setKind] = useState('');
  const [subKind, setSubKind] = useState('');
  const [recipients, setRecipients] = useState<{ unit: ActorRef | null; type: string }[]>([{ unit: null, type: '' }]);
  const [operation, setOperation] = useState<ActorRef | null>(null);
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [place, setPlace] = useState('');
  const [details, setDetails] = useState('');
  const [error, setError] = useState<unknown>(null);
  if (cfg.error) return <ErrorBox error={cfg.error} />;
  if (!cfg.data) return <Loading />;
  const c = cfg.data.config;
  const kinds: any[] = c.supportKinds;
  const rtypes: Labelled[] = c.scope.recipientTypes;
  const subKinds: Labelled[] = kinds.find((k) => k.id === kind)?.subKinds ?? [];
  const fe = (f: string) => (error instanceof ApiError ? error.forField(f) : []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await post<any>(`${H}/requests`, {
        title,
        requesting_component: component,
        support: [{ kind: kind || kinds[0].id, sub_kind: subKind || null }],
        recipients: recipients.filter((x) => x.unit).map((x) => ({ unit_id: x.unit!.id, type: x.type || rtypes[0].id })),
        operation_unit_id: operation?.id ?? null,
        start_date: start || null,
        end_date: end || null,
        place: place || null,
        details: details || null,
      });
      navigate(`/hrddp/requests/${r.id}`);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <p className="crumbs">
        <Link to="/hrddp">{t('nav.hrddp')}</Link>
      </p>
      <h1>{t('hr.new')}</h1>
      <form onSubmit={submit} data-testid="request-form">
        <Field label={t('hr.title')} id="rq-title" error={fe('title')}>
          <input id="rq-title" value={title} onChange={(e) => setTitle(e.target.value)} required />
        </Field>
        <div className="inline-fields">
          <Field label={t('hr.component')} id="rq-component" error={fe('requesting_component')}>
            <select id="rq-component" value={component} onChange={(e) => setComponent(e.target.value)}>
              {['military', 'police', 'civilian', 'mission-support', 'un-agency'].map((x) => (
                <option key={x} value={x}>
                  {t(`hr.component.${x}` as any)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('hr.support-kind')} id="rq-kind" error={fe('support')}>
            <select id="rq-kind" value={kind || kinds[0].id} onChange={(e) => (setKind(e.target.value), setSubKind(''))}>
              {kinds.map((k) => (
                <option key={k.id} value={k.id}>
                  {i18n.label(k.label)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('hr.sub-kind')} id="rq-sub">
            <select id="rq-sub" value={subKind} onChange={(e) => setSubKind(e.target.value)}>
              <option value="">—</option>
              {(kind ? subKinds : (kinds[0].subKinds ?? [])).map((s: Labelled) => (
                <option key={s.id} value={s.id}>
                  {i18n.label(s.label)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <fieldset className="repeat">
          <legend>{t('hr.recipients')}</legend>
          {recipients.map((r, i) => (
            <div className="inline-fields" key={i}>
              <Field label={t('hr.recipient-n', { n: i + 1 })} id={`rq-rec-${i}`} error={fe(`recipients.${i}`)}>
                <RegistryPicker id={`rq-rec-${i}`} type="unit" value={r.unit} onChange={(u) => setRecipients(recipients.map((x, j) => (j === i ? { ...x, unit: u } : x)))} label={t('hr.recipient-n', { n: i + 1 })} />
              </Field>
              <Field label={t('hr.recipient-type')} id={`rq-rtype-${i}`}>
                <select id={`rq-rtype-${i}`} value={r.type || rtypes[0].id} onChange={(e) => setRecipients(recipients.map((x, j) => (j === i ? { ...x, type: e.target.value } : x)))}>
                  {rtypes.map((x) => (
                    <option key={x.id} value={x.id}>
                      {i18n.label(x.label)}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
          ))}
          <button type="button" onClick={() => setRecipients([...recipients, { unit: null, type: '' }])}>
            {t('hr.add-recipient')}
          </button>
          {fe('recipients').length > 0 && <small className="field-error">{fe('recipients').join('; ')}</small>}
        </fieldset>
        <Field label={t('hr.operation')} id="rq-op">
          <RegistryPicker id="rq-op" type="unit" value={operation} onChange={setOperation} label={t('hr.operation')} />
        </Field>
        <div className="inline-fields">
          <Field label={t('hr.start')} id="rq-start" error={fe('start_date')}>
            <input id="rq-start" type="date" value={start} onChange={(e) => setStart(e.target.value)} />
          </Field>
          <Field label={t('hr.end')} id="rq-end" error={fe('end_date')}>
            <input id="rq-end" type="date" value={end} onChange={(e) => setEnd(e.target.value)} />
          </Field>
          <Field label={t('incident.location')} id="rq-place">
            <input id="rq-place" value={place} onChange={(e) => setPlace(e.target.value)} />
          </Field>
        </div>
        <Field label={t('hr.details')} id="rq-details" hint={t('hr.details-hint')}>
          <textarea id="rq-details" rows={3} value={details} onChange={(e) => setDetails(e.target.value)} />
        </Field>
        <ErrorBox error={error} />
        <button type="submit" className="primary">
          {t('hr.file')}
        </button>
      </form>
    </>
  );
}

export function RequestPage({ id }: { id: string }) {
  const i18n = useI18n();
  const { t, date } = i18n;
  const session = useSession();
  const cfg = useConfig();
  const req = useApi<any>(`${H}/requests/${id}`);
  const canAssess = session.can('hrddp:assess');
  const assessments = useApi<{ assessments: any[] }>(`${H}/requests/${id}/assessments`);
  const letters = useApi<{ letters: any[] }>(`${H}/requests/${id}/letters`);
  const reviews = useApi<{ reviews: any[] }>(`${H}/reviews${qs({ request_id: id })}`);
  const [dossierOpen, setDossierOpen] = useState(false);
  const reloadAll = () => {
    req.reload();
    assessments.reload();
    letters.reload();
    reviews.reload();
  };
  if (req.error) return <ErrorBox error={req.error} onRetry={req.reload} />;
  if (!req.data || !cfg.data) return <Loading />;
  const { request: r, steps, decisions, waivers, measures } = req.data;
  const c = cfg.data.config;
  return (
    <article className="record" data-record-type="hrddp-request" data-record-id={r.id}>
      <p className="crumbs">
        <Link to="/hrddp">{t('nav.hrddp')}</Link> › {t('type.support-request')}
      </p>
      <h1>
        {r.title} <Sensitivity level={r.sensitivity} />
      </h1>
      <div className="badges">
        <Badge tone="info">
          <span data-testid="request-state" data-state={r.state}>
            {r.state_label ?? r.state}
          </span>
        </Badge>
        {r.reference && <Badge>{r.reference}</Badge>}
        <Badge>{r.requesting_component}</Badge>
      </div>
      <div className="grid">
        <Card title={t('unit.facts')} id="rq-facts">
          <dl className="facts">
            <dt>{t('hr.support')}</dt>
            <dd>{(r.support_items ?? r.support ?? []).map((s: any) => [lbl(i18n, c.supportKinds, s.kind), lbl(i18n, c.supportKinds.find((k: any) => k.id === s.kind)?.subKinds, s.subKind ?? s.sub_kind)].filter(Boolean).join(' · ')).join('; ')}</dd>
            <dt>{t('hr.recipients')}</dt>
            <dd>
              {(r.recipients ?? []).map((x: any) => (
                <div key={x.unit_id}>
                  <Link to={`/registry/units/${x.unit_id}`}>{x.name ?? x.unit_name ?? x.unit_id}</Link> <span className="muted">({lbl(i18n, c.scope.recipientTypes, x.type)})</span>
                </div>
              ))}
            </dd>
            <dt>{t('hr.dates')}</dt>
            <dd>{r.start_date ? t('app.from-to', { from: date(r.start_date), to: date(r.end_date) }) : '—'}</dd>
            {r.place && (
              <>
                <dt>{t('incident.location')}</dt>
                <dd>{r.place}</dd>
              </>
            )}
            {r.details && (
              <>
                <dt>{t('hr.details')}</dt>
                <dd>{r.details}</dd>
              </>
            )}
            {r.scope && (
              <>
                <dt>{t('hr.scope')}</dt>
                <dd>{r.scope.inScope ? t('hr.in-scope') : t('hr.out-of-scope')}</dd>
              </>
            )}
          </dl>
        </Card>
        <Card title={t('hr.steps')} id="rq-steps">
          <Steps requestId={r.id} steps={steps ?? []} onDone={reloadAll} />
          <ScopeCheck requestId={r.id} onDone={req.reload} />
        </Card>
      </div>
      <Card title={t('hr.reviews')} id="rq-reviews">
        <Async state={reviews}>{(d) => <ReviewList reviews={d.reviews} onChange={reloadAll} config={c} />}</Async>
      </Card>
      {canAssess && (
        <section className="card" aria-labelledby="rq-dossier">
          <h2 id="rq-dossier">{t('hr.dossier')}</h2>
          {dossierOpen ? (
            <Dossier requestId={r.id} />
          ) : (
            <button type="button" onClick={() => setDossierOpen(true)}>
              {t('hr.show-dossier')}
            </button>
          )}
        </section>
      )}
      <Card title={t('hr.assessment')} id="rq-assess">
        <Async state={assessments}>{(d) => <Assessments requestId={r.id} list={d.assessments} config={c} onChange={reloadAll} canAssess={canAssess} />}</Async>
      </Card>
      <Card title={t('hr.measures')} id="rq-measures">
        <Measures requestId={r.id} measures={measures ?? []} config={c} canAssess={canAssess} onChange={reloadAll} />
      </Card>
      <Card title={t('hr.decisions')} id="rq-decisions">
        {(decisions ?? []).length === 0 && (waivers ?? []).length === 0 ? (
          <Empty>{t('hr.no-decision')}</Empty>
        ) : (
          <ul>
            {(decisions ?? []).map((d: any) => (
              <li key={d.id}>
                <strong>{d.decision}</strong> · {lbl(i18n, c.decisionBodies, d.decision_body)} · {date(d.decided_on)} · {d.decided_by}
                {d.reason && <div className="muted">{d.reason}</div>}
              </li>
            ))}
            {(waivers ?? []).map((w: any) => (
              <li key={w.id}>
                <Badge tone="warning">{t('hr.waiver')}</Badge> {lbl(i18n, c.decisionBodies, w.decision_body)} · {date(w.decided_on)} — {w.reason}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t('hr.letters')} id="rq-letters">
        <Async state={letters}>{(d) => <Letters requestId={r.id} letters={d.letters} config={c} canWrite={canAssess} onChange={letters.reload} />}</Async>
      </Card>
      <Revisions type="hrddp-request" id={r.id} />
    </article>
  );
}

function Steps({ requestId, steps, onDone }: { requestId: string; steps: any[]; onDone: () => void }) {
  const { t } = useI18n();
  const [to, setTo] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [day, setDay] = useState(todayIso());
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await post(`${H}/requests/${requestId}/transitions`, { to, reason: reason || undefined, date: day });
      setTo(null);
      setReason('');
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  if (!steps.length) return <Empty>{t('hr.no-steps')}</Empty>;
  return (
    <>
      <ul className="steps" data-testid="steps">
        {steps.map((s) => (
          <li key={s.transition}>
            <button type="button" onClick={() => setTo(s.to)} disabled={!s.ok} aria-pressed={to === s.to} data-step={s.to}>
              {s.label}
            </button>
            {!s.ok && (s.blocked_by ?? []).length > 0 && (
              <ul className="small muted">
                {s.blocked_by.map((b: any, i: number) => (
                  <li key={i}>{b.message}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {to && (
        <form onSubmit={submit} className="inline-fields" aria-label={t('hr.take-step')}>
          <Field label={t('inc.reason')} id="step-reason" error={error instanceof ApiError ? error.forField('reason') : undefined}>
            <input id="step-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <Field label={t('incident.date')} id="step-date">
            <input id="step-date" type="date" value={day} onChange={(e) => setDay(e.target.value)} />
          </Field>
          <button type="submit" className="primary">
            {t('hr.take-step')}
          </button>
        </form>
      )}
      <ErrorBox error={error} />
    </>
  );
}

function ScopeCheck({ requestId, onDone }: { requestId: string; onDone: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [res, setRes] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  return (
    <div>
      <button
        type="button"
        onClick={() => {
          setError(null);
          post(`${H}/requests/${requestId}/scope-check`).then((x) => {
            setRes(x);
            onDone();
          }, setError);
        }}
      >
        {t('hr.scope-check')}
      </button>
      {res && (
        <div className="notice" role="status" data-testid="scope-result">
          <strong>{res.inScope ? t('hr.in-scope') : t('hr.out-of-scope')}</strong>
          {(res.reasons ?? []).map((x: any, i: number) => (
            <div key={i} className="small">
              {i18n.label(x)}
            </div>
          ))}
          {res.explanation && <div className="small">{i18n.label(res.explanation)}</div>}
        </div>
      )}
      <ErrorBox error={error} />
    </div>
  );
}

function Dossier({ requestId }: { requestId: string }) {
  const i18n = useI18n();
  const { t, date } = i18n;
  const d = useApi<any>(`${H}/requests/${requestId}/dossier`);
  return (
    <Async state={d}>
      {(x) => (
        <div data-testid="dossier">
          <p className="muted">{t('hr.dossier-at', { at: date(x.at) })}</p>
          <h3>{t('hr.recipients')}</h3>
          <ul>
            {(x.recipients ?? []).map((r: any) => (
              <li key={r.unitId}>
                <Link to={`/registry/units/${r.unitId}`}>{r.name}</Link>
                {r.ancestors?.length > 0 && <span className="muted small"> · {t('unit.parent-of-level')} {r.ancestors.map((a: any) => a.name).join(' › ')}</span>}
                {r.commanders?.length > 0 && (
                  <div className="small">
                    {t('unit.commanders')}:{' '}
                    {r.commanders.map((cm: any) => (
                      <span key={cm.personId}>
                        <Link to={`/registry/persons/${cm.personId}`}>{cm.name}</Link>
                        {cm.rank ? ` (${cm.rank})` : ''}{' '}
                      </span>
                    ))}
                  </div>
                )}
              </li>
            ))}
          </ul>
          <h3>{t('hr.allegations')}</h3>
          {(x.allegations ?? []).length === 0 ? (
            <Empty>{t('unit.no-allegations')}</Empty>
          ) : (
            <table data-testid="dossier-allegations">
              <thead>
                <tr>
                  <th scope="col">{t('incident.date')}</th>
                  <th scope="col">{t('inc.summary')}</th>
                  <th scope="col">{t('inc.verification')}</th>
                  <th scope="col">{t('inc.link')}</th>
                </tr>
              </thead>
              <tbody>
                {x.allegations.map((a: any) => (
                  <tr key={a.id}>
                    <td>{date(a.date)}</td>
                    <td>
                      <Link to={`/incidents/${a.id}`}>{a.summary ?? a.id}</Link> {a.grave && <Badge tone="urgent">{t('inc.grave-short')}</Badge>}
                    </td>
                    <td>{a.verification}</td>
                    <td className="small">{(a.paths ?? []).map((p: any) => t(`hr.path.${p.kind}` as any, { unit: p.subUnitName ?? p.parentUnitName ?? p.postingUnitName ?? '' })).join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {(x.listings ?? []).length > 0 && (
            <>
              <h3>{t('hr.listings')}</h3>
              <ul data-testid="dossier-listings">
                {x.listings.map((l: any, i: number) => (
                  <li key={i}>
                    <Link to={`/registry/persons/${l.personId}`}>{l.name}</Link> · <Badge tone="urgent">{l.list}</Badge> · {l.role}
                  </li>
                ))}
              </ul>
            </>
          )}
          {(x.screeningHits ?? []).length > 0 && (
            <>
              <h3>{t('hr.screening-hits')}</h3>
              <ul>
                {x.screeningHits.map((h: any) => (
                  <li key={h.id}>
                    {h.name} · {h.source} · {i18n.num(h.matchScore, { maximumFractionDigits: 2 })} · {h.status}
                  </li>
                ))}
              </ul>
            </>
          )}
          {(x.correctiveActions ?? []).length > 0 && (
            <>
              <h3>{t('hr.corrective')}</h3>
              <ul>
                {x.correctiveActions.map((a: any) => (
                  <li key={a.id}>
                    {a.type} · {a.status} {a.date ? `· ${date(a.date)}` : ''} {a.description ? `— ${a.description}` : ''}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </Async>
  );
}

function Assessments({ requestId, list, config, onChange, canAssess }: { requestId: string; list: any[]; config: any; onChange: () => void; canAssess: boolean }) {
  const i18n = useI18n();
  const { t, date, num } = i18n;
  const [error, setError] = useState<unknown>(null);
  const latest = list[list.length - 1];
  const levels: Labelled[] = config.risk.levels ?? [];
  const open = async () => {
    setError(null);
    try {
      await post(`${H}/requests/${requestId}/assessments`, { assessed_on: todayIso() });
      onChange();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div data-testid="assessments">
      {list.length > 1 && (
        <p className="muted small">
          {t('hr.versions')}:{' '}
          {list.map((a) => `${a.number}: ${lbl(i18n, levels, a.final_level)}`).join(' · ')}
        </p>
      )}
      {!latest ? (
        <Empty>{t('hr.no-assessment')}</Empty>
      ) : (
        <>
          <p>
            {t('hr.assessment-n', { n: latest.number })} · {date(latest.assessed_on)} · {latest.assessor}
            {latest.completed && <Badge tone="ok">{t('hr.completed')}</Badge>}
          </p>
          <p className="level">
            {t('hr.proposed')}: <strong data-testid="proposed-level">{lbl(i18n, levels, latest.computed_level)}</strong>
            {latest.final_level !== latest.computed_level && (
              <>
                {' '}
                · {t('hr.final')}: <strong>{lbl(i18n, levels, latest.final_level)}</strong>
              </>
            )}
          </p>
          {latest.result?.explanation && <p>{i18n.label(latest.result.explanation)}</p>}
          {(latest.result?.forced ?? []).map((f: any, i: number) => (
            <p key={i} className="notice">
              {i18n.label(f.text)}
            </p>
          ))}
          <table data-testid="criteria">
            <thead>
              <tr>
                <th scope="col">{t('hr.criterion')}</th>
                <th scope="col">{t('hr.weight')}</th>
                <th scope="col">{t('hr.value')}</th>
                <th scope="col">{t('hr.contribution')}</th>
                <th scope="col">{t('hr.explanation')}</th>
              </tr>
            </thead>
            <tbody>
              {(latest.result?.criteria ?? []).map((c: any) => (
                <tr key={c.criterionId}>
                  <th scope="row">{i18n.label(c.label)}</th>
                  <td>{num(c.weight)}</td>
                  <td>{num(c.value, { maximumFractionDigits: 2 })}</td>
                  <td>{num(c.contribution, { maximumFractionDigits: 2 })}</td>
                  <td className="small">
                    {i18n.label(c.explanation)}
                    {c.missingInput && <div className="field-error">{t('hr.missing-input')}</div>}
                    {(c.facts ?? []).length > 0 && (
                      <details>
                        <summary>{t('hr.facts', { count: c.facts.length })}</summary>
                        <ul>
                          {c.facts.map((f: any, i: number) => (
                            <li key={i} className={f.counted ? '' : 'muted'}>
                              {i18n.label(f.text)} ({num(f.points, { maximumFractionDigits: 2 })})
                            </li>
                          ))}
                        </ul>
                      </details>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {latest.override && (
            <p className="notice">
              {t('hr.override-by', { by: latest.override.by, level: lbl(i18n, levels, latest.override.level) })}: {latest.override.justification}
            </p>
          )}
          {canAssess && !latest.completed && <AssessmentForm assessment={latest} config={config} onChange={onChange} />}
        </>
      )}
      {canAssess && (
        <button type="button" onClick={open}>
          {t('hr.open-assessment')}
        </button>
      )}
      <ErrorBox error={error} />
    </div>
  );
}

function AssessmentForm({ assessment, config, onChange }: { assessment: any; config: any; onChange: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const choice = (config.risk.criteria as any[]).filter((c) => c.method === 'assessor-choice');
  const [inputs, setInputs] = useState<Record<string, { option: string; note?: string }>>(assessment.inputs ?? {});
  const [level, setLevel] = useState('');
  const [justification, setJustification] = useState('');
  const [error, setError] = useState<unknown>(null);
  const fe = (f: string) => (error instanceof ApiError ? error.forField(f) : []);
  const save = async (complete: boolean) => {
    setError(null);
    try {
      await patch(`${H}/assessments/${assessment.id}`, {
        inputs,
        ...(level ? { override: { level, justification } } : {}),
        ...(complete ? { complete: true } : {}),
      });
      onChange();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save(false);
      }}
      data-testid="assessment-form"
    >
      <h3>{t('hr.assessor-inputs')}</h3>
      {choice.map((c) => (
        <Field key={c.id} label={i18n.label(c.label)} id={`ai-${c.id}`} hint={i18n.label(c.guidance)} error={fe(`inputs.${c.id}`)}>
          <select id={`ai-${c.id}`} value={inputs[c.id]?.option ?? ''} onChange={(e) => setInputs({ ...inputs, [c.id]: { option: e.target.value } })}>
            <option value="">{t('inc.choose')}</option>
            {(c.params?.options ?? []).map((o: any) => (
              <option key={o.id} value={o.id}>
                {i18n.label(o.label)}
              </option>
            ))}
          </select>
        </Field>
      ))}
      <h3>{t('hr.override')}</h3>
      <div className="inline-fields">
        <Field label={t('hr.level')} id="ov-level" error={fe('override')}>
          <select id="ov-level" value={level} onChange={(e) => setLevel(e.target.value)}>
            <option value="">{t('hr.no-override')}</option>
            {(config.risk.levels as Labelled[]).map((l) => (
              <option key={l.id} value={l.id}>
                {i18n.label(l.label)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('inc.justification')} id="ov-just" error={fe('override.justification')}>
          <textarea id="ov-just" rows={2} value={justification} onChange={(e) => setJustification(e.target.value)} required={!!level} />
        </Field>
      </div>
      <ErrorBox error={error} />
      <div className="buttons">
        <button type="submit">{t('app.save')}</button>
        <button type="button" className="primary" onClick={() => save(true)}>
          {t('hr.complete')}
        </button>
      </div>
    </form>
  );
}

function Measures({ requestId, measures, config, canAssess, onChange }: { requestId: string; measures: any[]; config: any; canAssess: boolean; onChange: () => void }) {
  const i18n = useI18n();
  const { t, date } = i18n;
  const [type, setType] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [error, setError] = useState<unknown>(null);
  const today = todayIso();
  const add = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await post(`${H}/requests/${requestId}/measures`, { type: type || config.mitigationMeasures[0].id, owner, due_date: due || undefined });
      setOwner('');
      onChange();
    } catch (err) {
      setError(err);
    }
  };
  const implement = async (m: any) => {
    setError(null);
    try {
      await patch(`${H}/measures/${m.id}`, { status: 'implemented', implemented_on: today, evidence: { text: t('hr.evidence-default'), date: today } });
      onChange();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      {measures.length === 0 ? (
        <Empty>{t('hr.no-measures')}</Empty>
      ) : (
        <ul className="checklist" data-testid="measures">
          {measures.map((m) => {
            const done = m.status === 'implemented' || !!m.implemented_on;
            const overdue = !done && m.due_date && String(m.due_date).slice(0, 10) < today;
            return (
              <li key={m.id}>
                <input type="checkbox" checked={done} readOnly aria-label={lbl(i18n, config.mitigationMeasures, m.type)} /> {lbl(i18n, config.mitigationMeasures, m.type)} · {m.owner} · {date(String(m.due_date ?? '').slice(0, 10))}{' '}
                {overdue && <Badge tone="urgent">{t('hr.overdue')}</Badge>} <Badge>{m.status}</Badge>
                {canAssess && !done && (
                  <button type="button" onClick={() => implement(m)}>
                    {t('hr.mark-implemented')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {canAssess && (
        <form onSubmit={add} className="inline-fields" aria-label={t('hr.add-measure')}>
          <Field label={t('hr.measure-type')} id="m-type">
            <select id="m-type" value={type || config.mitigationMeasures[0].id} onChange={(e) => setType(e.target.value)}>
              {(config.mitigationMeasures as Labelled[]).map((m) => (
                <option key={m.id} value={m.id}>
                  {i18n.label(m.label)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('hr.owner')} id="m-owner">
            <input id="m-owner" value={owner} onChange={(e) => setOwner(e.target.value)} required />
          </Field>
          <Field label={t('hr.due')} id="m-due">
            <input id="m-due" type="date" value={due} onChange={(e) => setDue(e.target.value)} />
          </Field>
          <button type="submit">{t('hr.add-measure')}</button>
        </form>
      )}
      <ErrorBox error={error} />
    </>
  );
}

function Letters({ requestId, letters, config, canWrite, onChange }: { requestId: string; letters: any[]; config: any; canWrite: boolean; onChange: () => void }) {
  const i18n = useI18n();
  const { t, date } = i18n;
  const [kind, setKind] = useState('');
  const [lang, setLang] = useState<'en' | 'fr'>(i18n.lang);
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const kinds: Labelled[] = config.letters?.kinds ?? [];
  const gen = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await post(`${H}/requests/${requestId}/letters`, { kind: kind || kinds[0]?.id, lang, date: todayIso(), recipient: { name } });
      onChange();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      {letters.length === 0 ? (
        <Empty>{t('hr.no-letters')}</Empty>
      ) : (
        <ul data-testid="letters">
          {letters.map((l) => (
            <li key={l.id}>
              {lbl(i18n, kinds, l.kind)} · {l.lang} · {date(String(l.date ?? l.letter_date ?? '').slice(0, 10))}{' '}
              {['pdf', 'docx'].map((f) => (
                <a key={f} href={`${H}/letters/${l.id}/document?format=${f}`} download className="download">
                  {t('app.download')} {f.toUpperCase()}
                </a>
              ))}
            </li>
          ))}
        </ul>
      )}
      {canWrite && kinds.length > 0 && (
        <form onSubmit={gen} className="inline-fields" aria-label={t('hr.generate-letter')}>
          <Field label={t('hr.letter-kind')} id="l-kind">
            <select id="l-kind" value={kind || kinds[0].id} onChange={(e) => setKind(e.target.value)}>
              {kinds.map((k) => (
                <option key={k.id} value={k.id}>
                  {i18n.label(k.label)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('lang.label')} id="l-lang">
            <select id="l-lang" value={lang} onChange={(e) => setLang(e.target.value as 'en' | 'fr')}>
              <option value="en">{t('lang.en')}</option>
              <option value="fr">{t('lang.fr')}</option>
            </select>
          </Field>
          <Field label={t('hr.letter-recipient')} id="l-name">
            <input id="l-name" value={name} onChange={(e) => setName(e.target.value)} required />
          </Field>
          <button type="submit">{t('hr.generate-letter')}</button>
        </form>
      )}
      <ErrorBox error={error} />
    </>
  );
}

function ReviewList({ reviews, onChange, config }: { reviews: any[]; onChange: () => void; config: any }) {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const session = useSession();
  const [error, setError] = useState<unknown>(null);
  const [resolution, setResolution] = useState<Record<string, string>>({});
  const resolutions: Labelled[] = config?.review?.resolutions ?? [];
  if (!reviews.length) return <Empty>{t('hr.no-reviews')}</Empty>;
  const act = (fn: () => Promise<unknown>) => {
    setError(null);
    fn().then(onChange, setError);
  };
  return (
    <>
      <ul className="reviews" data-testid="reviews">
        {reviews.map((r) => (
          <li key={r.id} data-trigger={r.trigger_type} data-status={r.status} id={`review-${r.id}`}>
            <Badge tone={r.status === 'open' ? 'urgent' : r.status === 'resolved' ? 'ok' : 'warning'}>{t(`hr.review.${r.status}` as any)}</Badge> <strong>{r.title ?? i18n.label(r.description)}</strong>
            <div className="muted small">
              {t('hr.trigger')}: {t(`hr.trigger.${r.trigger_type}` as any)} · {dateTime(r.raised_at)} · <Link to={`/hrddp/requests/${r.request_id}`}>{t('type.support-request')}</Link>
            </div>
            {r.status !== 'resolved' && (
              <div className="inline-fields">
                {session.can('hrddp:monitor') && r.status === 'open' && (
                  <button type="button" onClick={() => act(() => post(`${H}/reviews/${r.id}/triage`, { priority: 'high' }))}>
                    {t('hr.triage')}
                  </button>
                )}
                {resolutions.length > 0 && (
                  <>
                    <label htmlFor={`res-${r.id}`} className="visually-hidden">
                      {t('hr.resolution')}
                    </label>
                    <select id={`res-${r.id}`} value={resolution[r.id] ?? resolutions[0].id} onChange={(e) => setResolution({ ...resolution, [r.id]: e.target.value })}>
                      {resolutions.map((x) => (
                        <option key={x.id} value={x.id}>
                          {i18n.label(x.label)}
                        </option>
                      ))}
                    </select>
                    <button type="button" onClick={() => act(() => post(`${H}/reviews/${r.id}/resolve`, { resolution: resolution[r.id] ?? resolutions[0].id }))}>
                      {t('hr.resolve')}
                    </button>
                  </>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      <ErrorBox error={error} />
    </>
  );
}

export function ReviewsPage() {
  const { t } = useI18n();
  const cfg = useConfig();
  const { query } = useLocation();
  const status = query.get('status') ?? '';
  const state = useApi<{ reviews: any[] }>(`${H}/reviews${qs({ status })}`);
  return (
    <>
      <p className="crumbs">
        <Link to="/hrddp">{t('nav.hrddp')}</Link>
      </p>
      <h1>{t('hr.reviews')}</h1>
      <nav className="buttons" aria-label={t('hr.review-filter')}>
        {['', 'open', 'triaged', 'resolved'].map((s) => (
          <Link key={s} to={`/hrddp/reviews${qs({ status: s })}`} aria-current={status === s ? 'page' : undefined}>
            {s ? t(`hr.review.${s}` as any) : t('hr.all')}
          </Link>
        ))}
      </nav>
      <Async state={state}>{(d) => <ReviewList reviews={[...d.reviews].reverse()} onChange={state.reload} config={cfg.data?.config} />}</Async>
    </>
  );
}

export function ReviewPage({ id }: { id: string }) {
  const r = useApi<any>(`${H}/reviews/${id}`);
  useEffect(() => {
    if (r.data) navigate(`/hrddp/requests/${r.data.request_id}#review-${r.data.id}`, { replace: true });
  }, [r.data]);
  return <Async state={r}>{() => <Loading />}</Async>;
}

export function CommitteesPage() {
  const i18n = useI18n();
  const { t, date } = i18n;
  const state = useApi<{ committees: any[] }>(`${H}/committees`);
  return (
    <>
      <p className="crumbs">
        <Link to="/hrddp">{t('nav.hrddp')}</Link>
      </p>
      <h1>{t('hr.committees')}</h1>
      <Async state={state}>
        {(d) =>
          d.committees.length === 0 ? (
            <Empty>{t('hr.no-committees')}</Empty>
          ) : (
            <ul>
              {d.committees.map((c) => (
                <li key={c.id}>
                  <Link to={`/hrddp/committees/${c.id}`}>{i18n.label(c.name ?? c.title)}</Link> <span className="muted">{c.chair ?? ''}</span>
                </li>
              ))}
            </ul>
          )
        }
      </Async>
      <p className="muted small">{date(todayIso())}</p>
    </>
  );
}

export function CommitteePage({ id }: { id: string }) {
  const i18n = useI18n();
  const { t, date } = i18n;
  const state = useApi<any>(`${H}/committees/${id}`);
  return (
    <Async state={state}>
      {(d) => {
        const c = d.committee ?? d;
        return (
          <>
            <p className="crumbs">
              <Link to="/hrddp/committees">{t('hr.committees')}</Link>
            </p>
            <h1>{i18n.label(c.name ?? c.title)}</h1>
            {(d.sessions ?? []).length === 0 ? (
              <Empty>{t('hr.no-sessions')}</Empty>
            ) : (
              d.sessions.map((s: any) => (
                <section className="card" key={s.id}>
                  <h2>{date(String(s.held_on ?? s.date ?? '').slice(0, 10))}</h2>
                  {(s.members ?? []).length > 0 && <p className="small">{(s.members ?? []).map((m: any) => (typeof m === 'string' ? m : m.name)).join(', ')}</p>}
                  <ul>
                    {(s.actions ?? d.actions?.filter((a: any) => a.session_id === s.id) ?? []).map((a: any) => (
                      <li key={a.id}>
                        {a.kind ?? a.type} · {a.status} {a.description ? `— ${a.description}` : ''}
                      </li>
                    ))}
                  </ul>
                </section>
              ))
            )}
            <Revisions type="hrddp-committee" id={c.id} />
          </>
        );
      }}
    </Async>
  );
}

export const hrddpRoutes: RouteDef[] = [
  { path: '/hrddp', domain: 'hrddp', render: () => <RequestsPage /> },
  { path: '/hrddp/new', domain: 'hrddp', render: () => <NewRequest /> },
  { path: '/hrddp/requests/:id', domain: 'hrddp', render: (p) => <RequestPage key={p.id} id={p.id} /> },
  { path: '/hrddp/reviews', domain: 'hrddp', render: () => <ReviewsPage /> },
  { path: '/hrddp/reviews/:id', domain: 'hrddp', render: (p) => <ReviewPage key={p.id} id={p.id} /> },
  { path: '/hrddp/committees', domain: 'hrddp', render: () => <CommitteesPage /> },
  { path: '/hrddp/committees/:id', domain: 'hrddp', render: (p) => <CommitteePage key={p.id} id={p.id} /> },
];
