/** Incidents: list with filters and map, detail (acts, victims, perpetrators, verification, classification), entry form. */
import { type FormEvent, useState } from 'react';
import { ApiError, post, qs } from '../lib/api.ts';
import { todayIso, useI18n } from '../lib/i18n.tsx';
import { Link, navigate, useLocation } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { useApi } from '../lib/useApi.ts';
import { MapView } from '../components/MapView.tsx';
import { type ActorRef, RegistryPicker, type Term, TermSelect, termLabel } from '../components/Pickers.tsx';
import { Revisions } from '../components/Revisions.tsx';
import { Async, Badge, Empty, ErrorBox, Field, Loading, Sensitivity } from '../components/ui.tsx';
import { registerSlot } from '../slots.tsx';
import type { RouteDef } from '../routes.tsx';
import { SENSITIVITY_LEVELS } from './protection.tsx';

/** The incidents API (src/incidents/routes.ts). */
export const INC = {
  list: '/api/v1/incidents',
  one: (id: string) => `/api/v1/incidents/${encodeURIComponent(id)}`,
  verification: (id: string) => `/api/v1/incidents/${encodeURIComponent(id)}/verification`,
  classification: (id: string) => `/api/v1/incidents/${encodeURIComponent(id)}/classification`,
  perpetrators: (id: string) => `/api/v1/incidents/${encodeURIComponent(id)}/perpetrators`,
  linked: (type: 'unit' | 'person', id: string) => `/api/v1/incidents/linked?${type}_id=${encodeURIComponent(id)}`,
  stats: '/api/v1/incidents/stats',
};

interface Vocabulary {
  actTypes: (Term & { severity: string })[];
  perpetratorTypes: Term[];
  involvementDegrees: Term[];
  verificationStatuses: Term[];
  incidentFlags: Term[];
}
interface Policy {
  victimSexes: Term[];
  victimAgeGroups: Term[];
  sourceKinds: (Term & { sensitivity: string })[];
}

export function useIncidentConfig() {
  const vocab = useApi<{ value: Vocabulary }>('/api/v1/settings/incidents.vocabulary');
  const policy = useApi<{ value: Policy }>('/api/v1/settings/incidents.policy');
  return { vocab: vocab.data?.value, policy: policy.data?.value, error: vocab.error ?? policy.error };
}

const listOf = (d: any): any[] => (Array.isArray(d) ? d : (d?.items ?? d?.incidents ?? []));

export function IncidentsList() {
  const i18n = useI18n();
  const { t, date, num } = i18n;
  const session = useSession();
  const { query } = useLocation();
  const { vocab } = useIncidentConfig();
  const f = {
    q: query.get('q') ?? '',
    from: query.get('from') ?? '',
    to: query.get('to') ?? '',
    type: query.get('type') ?? '',
    perpetrator_type: query.get('perpetrator_type') ?? '',
    verification: query.get('verification') ?? '',
    grave: query.get('grave') ?? '',
  };
  const [form, setForm] = useState(f);
  const state = useApi<any>(`${INC.list}${qs({ ...f, limit: 200 })}`);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/incidents${qs(form)}`);
  };
  const set = (k: keyof typeof form) => (v: string) => setForm({ ...form, [k]: v });
  return (
    <>
      <h1>{t('nav.incidents')}</h1>
      {session.can('incidents:write') && (
        <p>
          <Link to="/incidents/new" className="button-link">
            {t('inc.new')}
          </Link>
        </p>
      )}
      <form className="toolbar" onSubmit={submit} aria-label={t('inc.filters')}>
        <Field label={t('inc.words')} id="f-q">
          <input id="f-q" type="search" value={form.q} onChange={(e) => set('q')(e.target.value)} />
        </Field>
        <Field label={t('inc.from')} id="f-from">
          <input id="f-from" type="date" value={form.from} onChange={(e) => set('from')(e.target.value)} />
        </Field>
        <Field label={t('inc.to')} id="f-to">
          <input id="f-to" type="date" value={form.to} onChange={(e) => set('to')(e.target.value)} />
        </Field>
        <Field label={t('inc.act-type')} id="f-type">
          <TermSelect id="f-type" terms={vocab?.actTypes ?? []} value={form.type} onChange={set('type')} empty={t('inc.any')} />
        </Field>
        <Field label={t('inc.perpetrator-type')} id="f-ptype">
          <TermSelect id="f-ptype" terms={vocab?.perpetratorTypes ?? []} value={form.perpetrator_type} onChange={set('perpetrator_type')} empty={t('inc.any')} />
        </Field>
        <Field label={t('inc.verification')} id="f-ver">
          <TermSelect id="f-ver" terms={vocab?.verificationStatuses ?? []} value={form.verification} onChange={set('verification')} empty={t('inc.any')} />
        </Field>
        <Field label={t('inc.grave')} id="f-grave">
          <select id="f-grave" value={form.grave} onChange={(e) => set('grave')(e.target.value)}>
            <option value="">{t('inc.any')}</option>
            <option value="true">{t('app.yes')}</option>
            <option value="false">{t('app.no')}</option>
          </select>
        </Field>
        <button type="submit" className="primary">
          {t('inc.apply')}
        </button>
      </form>
      <Async state={state}>
        {(d) => {
          const items = listOf(d);
          if (!items.length) return <Empty>{t('inc.none')}</Empty>;
          const points = items.filter((x) => x.lat !== null && x.lon !== null && x.lat !== undefined).map((x) => ({ lat: x.lat, lon: x.lon, label: `${date(x.date)} — ${x.summary}`, href: `/incidents/${x.id}`, color: x.grave ? '#b3261e' : '#0b5cad' }));
          return (
            <>
              <p className="muted">{t('app.results', { count: d.total ?? items.length })}</p>
              <MapView points={points} label={t('inc.map', { count: points.length })} />
              <table data-testid="incident-list">
                <thead>
                  <tr>
                    <th scope="col">{t('incident.date')}</th>
                    <th scope="col">{t('inc.summary')}</th>
                    <th scope="col">{t('inc.acts')}</th>
                    <th scope="col">{t('incident.location')}</th>
                    <th scope="col">{t('inc.verification')}</th>
                    <th scope="col">{t('inc.fatalities')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((x) => (
                    <tr key={x.id}>
                      <td>{date(x.date)}</td>
                      <td>
                        <Link to={`/incidents/${x.id}`}>{x.summary}</Link> {x.grave && <Badge tone="urgent">{t('inc.grave-short')}</Badge>} <Sensitivity level={x.sensitivity} />
                      </td>
                      <td>{(x.act_types ?? x.actTypes ?? []).map((a: string) => termLabel(i18n, vocab?.actTypes, a)).join(', ')}</td>
                      <td>{[x.location, x.admin2, x.admin1].filter(Boolean).join(', ')}</td>
                      <td>{termLabel(i18n, vocab?.verificationStatuses, x.verification_status ?? x.verification)}</td>
                      <td>{num(x.fatalities)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          );
        }}
      </Async>
    </>
  );
}

export function IncidentPage({ id }: { id: string }) {
  const i18n = useI18n();
  const { t, date, num, dateTime } = i18n;
  const session = useSession();
  const state = useApi<any>(INC.one(id));
  const { vocab, policy } = useIncidentConfig();
  const canWrite = session.can('incidents:write');
  if (state.error) return <ErrorBox error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading />;
  const x = state.data;
  const gv = x.grave_violation ?? { grave: x.grave, categories: x.categories, overridden: !!x.classification_override, rules: x.classification, override: x.classification_override };
  return (
    <article className="record" data-record-type="incident" data-record-id={x.id}>
      <p className="crumbs">
        <Link to="/incidents">{t('nav.incidents')}</Link> › {t('type.incident')}
      </p>
      <h1>
        {x.summary} <Sensitivity level={x.sensitivity} />
      </h1>
      <div className="badges">
        <Badge tone={gv.grave ? 'urgent' : undefined}>{gv.grave ? t('inc.grave-yes') : t('inc.grave-no')}</Badge>
        <Badge>{termLabel(i18n, vocab?.verificationStatuses, x.verification_status)}</Badge>
        {x.severity && <Badge>{t('inc.severity', { level: x.severity })}</Badge>}
        <Badge>{x.source}</Badge>
      </div>
      <div className="grid">
        <section className="card" aria-labelledby="inc-facts">
          <h2 id="inc-facts">{t('unit.facts')}</h2>
          <dl className="facts">
            <dt>{t('incident.date')}</dt>
            <dd>{x.end_date ? t('app.from-to', { from: date(x.date), to: date(x.end_date) }) : date(x.date)}</dd>
            <dt>{t('incident.location')}</dt>
            <dd>
              {[x.location, x.admin2, x.admin1, x.country].filter(Boolean).join(', ') || '—'}
              {x.location_precision && <span className="muted"> ({x.location_precision})</span>}
            </dd>
            {x.description && (
              <>
                <dt>{t('incident.description')}</dt>
                <dd>{x.description}</dd>
              </>
            )}
            <dt>{t('inc.acts')}</dt>
            <dd>
              <ul>
                {(x.acts ?? []).map((a: any, i: number) => (
                  <li key={i}>
                    {termLabel(i18n, vocab?.actTypes, a.act_type)}
                    {a.victims !== null && a.victims !== undefined && <span className="muted"> · {t('inc.victims-n', { count: a.victims })}</span>}
                  </li>
                ))}
              </ul>
            </dd>
            <dt>{t('inc.victims')}</dt>
            <dd>
              {(x.victims ?? []).length === 0
                ? '—'
                : x.victims.map((v: any, i: number) => (
                    <div key={i}>
                      {num(v.count)} · {termLabel(i18n, policy?.victimSexes, v.sex)} · {termLabel(i18n, policy?.victimAgeGroups, v.age_group)}
                    </div>
                  ))}
            </dd>
            <dt>{t('inc.fatalities')}</dt>
            <dd>{num(x.fatalities)}</dd>
          </dl>
        </section>
        {x.lat !== null && x.lon !== null && x.lat !== undefined && <MapView points={[{ lat: x.lat, lon: x.lon, label: x.summary }]} label={t('map.label')} height="18rem" />}
      </div>
      <section className="card" aria-labelledby="inc-perps">
        <h2 id="inc-perps">{t('inc.perpetrators')}</h2>
        {(x.perpetrators ?? []).length === 0 ? (
          <Empty>{t('inc.no-perpetrator')}</Empty>
        ) : (
          <ul data-testid="perpetrators">
            {x.perpetrators.map((p: any) => (
              <li key={p.id}>
                {p.unit ? <Link to={`/registry/units/${p.unit.id}`}>{p.unit.name}</Link> : p.person ? <Link to={`/registry/persons/${p.person.id}`}>{p.person.name}</Link> : (p.actor_name ?? termLabel(i18n, vocab?.perpetratorTypes, p.perpetrator_type))}
                <span className="muted">
                  {' '}
                  · {termLabel(i18n, vocab?.involvementDegrees, p.involvement)} · {t('sources.confidence', { level: t(`confidence.${p.confidence}` as any) })}
                  {p.perpetrator_type && (p.unit || p.person) ? ` · ${termLabel(i18n, vocab?.perpetratorTypes, p.perpetrator_type)}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
        {canWrite && vocab && <AddPerpetrator incidentId={x.id} vocab={vocab} onDone={state.reload} />}
      </section>
      <div className="grid">
        <section className="card" aria-labelledby="inc-ver">
          <h2 id="inc-ver">{t('inc.verification-steps')}</h2>
          <ol data-testid="verification-history">
            {(x.verification_history ?? []).map((v: any, i: number) => (
              <li key={i}>
                <span className="state">{termLabel(i18n, vocab?.verificationStatuses, v.status)}</span> · {dateTime(v.at)} · {v.by}
                {v.reason && <div className="muted">{v.reason}</div>}
              </li>
            ))}
          </ol>
          {canWrite && vocab && <ChangeVerification incidentId={x.id} current={x.verification_status} terms={vocab.verificationStatuses} onDone={state.reload} />}
        </section>
        <section className="card" aria-labelledby="inc-class">
          <h2 id="inc-class">{t('inc.classification')}</h2>
          <p>
            {t('inc.by-rules')}: <strong>{gv.rules?.grave ? t('inc.grave-yes') : t('inc.grave-no')}</strong>
            {gv.rules?.categories?.length ? <span className="muted"> · {gv.rules.categories.join(', ')}</span> : null}
          </p>
          {(gv.rules?.reasons ?? gv.rules?.explanation ?? []).length > 0 && (
            <ul className="small">
              {(gv.rules.reasons ?? gv.rules.explanation).map((r: any, i: number) => (
                <li key={i}>{typeof r === 'string' ? r : i18n.label(r.text ?? r.labels ?? r.message ?? r)}</li>
              ))}
            </ul>
          )}
          {gv.override && (
            <p className="notice">
              {t('inc.overridden', { by: gv.override.by, at: dateTime(gv.override.at) })}: <strong>{gv.override.grave ? t('inc.grave-yes') : t('inc.grave-no')}</strong> — {gv.override.reason}
            </p>
          )}
          {canWrite && <OverrideClassification incidentId={x.id} current={gv.grave} onDone={state.reload} />}
        </section>
      </div>
      <section className="card" aria-labelledby="inc-sources">
        <h2 id="inc-sources">{t('sources.label')}</h2>
        {(x.sources ?? []).length === 0 ? (
          <Empty>{t('sources.none')}</Empty>
        ) : (
          <ul>
            {x.sources.map((s: any) => (
              <li key={s.id}>
                <Badge>{termLabel(i18n, policy?.sourceKinds, s.kind)}</Badge> {s.url && /^https?:/.test(s.url) ? <a href={s.url}>{s.title}</a> : s.title}
                {s.published_date && <span className="muted"> · {date(s.published_date)}</span>}
                {s.identity && <span className="muted"> · {s.identity}</span>} <Sensitivity level={s.sensitivity} />
              </li>
            ))}
          </ul>
        )}
      </section>
      {(x.named_victims ?? []).length > 0 && (
        <section className="card" aria-labelledby="inc-named">
          <h2 id="inc-named">{t('inc.named-victims')}</h2>
          <ul>
            {x.named_victims.map((v: any) => (
              <li key={v.id}>
                {v.name} <Sensitivity level={v.sensitivity} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <Revisions type="incident" id={x.id} />
    </article>
  );
}

function ChangeVerification({ incidentId, current, terms, onDone }: { incidentId: string; current: string; terms: Term[]; onDone: () => void }) {
  const { t } = useI18n();
  const [status, setStatus] = useState(current);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await post(INC.verification(incidentId), { status, reason });
      setReason('');
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form onSubmit={submit} className="inline-fields" aria-label={t('inc.change-verification')}>
      <Field label={t('inc.verification')} id="ver-status">
        <TermSelect id="ver-status" terms={terms} value={status} onChange={setStatus} />
      </Field>
      <Field label={t('inc.reason')} id="ver-reason" error={error instanceof ApiError ? error.forField('reason') : undefined}>
        <input id="ver-reason" value={reason} onChange={(e) => setReason(e.target.value)} required />
      </Field>
      <button type="submit" disabled={status === current}>
        {t('inc.change-verification')}
      </button>
      <ErrorBox error={error} />
    </form>
  );
}

function OverrideClassification({ incidentId, current, onDone }: { incidentId: string; current: boolean; onDone: () => void }) {
  const { t } = useI18n();
  const [grave, setGrave] = useState(current ? 'false' : 'true');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await post(INC.classification(incidentId), { grave: grave === 'clear' ? null : grave === 'true', reason });
      setReason('');
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <details>
      <summary>{t('inc.override')}</summary>
      <form onSubmit={submit} className="inline-fields">
        <Field label={t('inc.grave')} id="ov-grave">
          <select id="ov-grave" value={grave} onChange={(e) => setGrave(e.target.value)}>
            <option value="true">{t('inc.grave-yes')}</option>
            <option value="false">{t('inc.grave-no')}</option>
            <option value="clear">{t('inc.override-clear')}</option>
          </select>
        </Field>
        <Field label={t('inc.justification')} id="ov-reason" error={error instanceof ApiError ? error.forField('reason') : undefined}>
          <input id="ov-reason" value={reason} onChange={(e) => setReason(e.target.value)} required />
        </Field>
        <button type="submit">{t('app.save')}</button>
        <ErrorBox error={error} />
      </form>
    </details>
  );
}

function AddPerpetrator({ incidentId, vocab, onDone }: { incidentId: string; vocab: Vocabulary; onDone: () => void }) {
  const { t } = useI18n();
  const [p, setP] = useState<PerpDraft>(emptyPerp());
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await post(INC.perpetrators(incidentId), perpBody(p));
      setP(emptyPerp());
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <details>
      <summary>{t('inc.add-perpetrator')}</summary>
      <form onSubmit={submit}>
        <PerpetratorFields idPrefix="ap" value={p} onChange={setP} vocab={vocab} />
        <button type="submit">{t('inc.add-perpetrator')}</button>
        <ErrorBox error={error} />
      </form>
    </details>
  );
}

interface PerpDraft {
  actor: ActorRef | null;
  perpetrator_type: string;
  involvement: string;
  confidence: string;
}
const emptyPerp = (): PerpDraft => ({ actor: null, perpetrator_type: '', involvement: 'direct-perpetrator', confidence: 'medium' });
const perpBody = (p: PerpDraft) => ({
  unit_id: p.actor?.type === 'unit' ? p.actor.id : undefined,
  person_id: p.actor?.type === 'person' ? p.actor.id : undefined,
  perpetrator_type: p.perpetrator_type || undefined,
  involvement: p.involvement,
  confidence: p.confidence,
});

function PerpetratorFields({ idPrefix, value, onChange, vocab }: { idPrefix: string; value: PerpDraft; onChange: (v: PerpDraft) => void; vocab: Vocabulary }) {
  const { t } = useI18n();
  return (
    <div className="inline-fields">
      <Field label={t('inc.perpetrator')} id={`${idPrefix}-actor`}>
        <RegistryPicker id={`${idPrefix}-actor`} value={value.actor} onChange={(actor) => onChange({ ...value, actor })} label={t('inc.perpetrator')} />
      </Field>
      <Field label={t('inc.perpetrator-type')} id={`${idPrefix}-ptype`}>
        <TermSelect id={`${idPrefix}-ptype`} terms={vocab.perpetratorTypes} value={value.perpetrator_type} onChange={(v) => onChange({ ...value, perpetrator_type: v })} empty={t('inc.from-registry')} />
      </Field>
      <Field label={t('inc.involvement')} id={`${idPrefix}-inv`}>
        <TermSelect id={`${idPrefix}-inv`} terms={vocab.involvementDegrees} value={value.involvement} onChange={(v) => onChange({ ...value, involvement: v })} />
      </Field>
      <Field label={t('inc.confidence')} id={`${idPrefix}-conf`}>
        <select id={`${idPrefix}-conf`} value={value.confidence} onChange={(e) => onChange({ ...value, confidence: e.target.value })}>
          {['low', 'medium', 'high'].map((c) => (
            <option key={c} value={c}>
              {t(`confidence.${c}` as any)}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}

export function IncidentForm() {
  const { t } = useI18n();
  const { vocab, policy, error: cfgError } = useIncidentConfig();
  const [summary, setSummary] = useState('');
  const [description, setDescription] = useState('');
  const [date, setDate] = useState(todayIso());
  const [endDate, setEndDate] = useState('');
  const [place, setPlace] = useState({ country: '', admin1: '', admin2: '', location: '', lat: '', lon: '', location_precision: '' });
  const [acts, setActs] = useState<{ act_type: string; victims: string }[]>([{ act_type: '', victims: '' }]);
  const [victims, setVictims] = useState<{ sex: string; age_group: string; count: string }[]>([]);
  const [fatalities, setFatalities] = useState('');
  const [perps, setPerps] = useState<PerpDraft[]>([emptyPerp()]);
  const [source, setSource] = useState({ kind: '', title: '', url: '', published_date: '' });
  const [sensitivity, setSensitivity] = useState('internal');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (cfgError) return <ErrorBox error={cfgError} />;
  if (!vocab || !policy) return <Loading />;
  const defaultKind = policy.sourceKinds.find((k) => k.code === 'field-report')?.code ?? policy.sourceKinds[0].code;
  const fe = (f: string) => (error instanceof ApiError ? error.forField(f) : []);
  const numOrNull = (s: string) => (s.trim() === '' ? null : Number(s));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const body = {
        summary,
        description: description || null,
        date,
        end_date: endDate || null,
        country: place.country || null,
        admin1: place.admin1 || null,
        admin2: place.admin2 || null,
        location: place.location || null,
        lat: numOrNull(place.lat),
        lon: numOrNull(place.lon),
        location_precision: place.location_precision || null,
        acts: acts.filter((a) => a.act_type).map((a) => ({ act_type: a.act_type, victims: numOrNull(a.victims) })),
        victims: victims.filter((v) => v.count.trim() !== '').map((v) => ({ sex: v.sex, age_group: v.age_group, count: Number(v.count) })),
        fatalities: numOrNull(fatalities),
        perpetrators: perps.filter((p) => p.actor || p.perpetrator_type).map(perpBody),
        sources: source.title ? [{ kind: source.kind || defaultKind, title: source.title, url: source.url || null, published_date: source.published_date || null }] : [],
        sensitivity,
      };
      const r = await post<any>(INC.list, body);
      navigate(`/incidents/${r.id ?? r.incident?.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const setP = (k: keyof typeof place) => (e: { target: { value: string } }) => setPlace({ ...place, [k]: e.target.value });
  return (
    <>
      <p className="crumbs">
        <Link to="/incidents">{t('nav.incidents')}</Link>
      </p>
      <h1>{t('inc.new')}</h1>
      <form onSubmit={submit} data-testid="incident-form">
        <fieldset className="repeat">
          <legend>{t('inc.what')}</legend>
          <Field label={t('inc.summary')} id="inc-summary" error={fe('summary')}>
            <input id="inc-summary" value={summary} onChange={(e) => setSummary(e.target.value)} required />
          </Field>
          <Field label={t('incident.description')} id="inc-description">
            <textarea id="inc-description" rows={4} value={description} onChange={(e) => setDescription(e.target.value)} />
          </Field>
          {acts.map((a, i) => (
            <div className="inline-fields" key={i}>
              <Field label={t('inc.act-type-n', { n: i + 1 })} id={`inc-act-${i}`} error={fe(`acts.${i}`)}>
                <TermSelect id={`inc-act-${i}`} terms={vocab.actTypes} value={a.act_type} onChange={(v) => setActs(acts.map((x, j) => (j === i ? { ...x, act_type: v } : x)))} empty={t('inc.choose')} required={i === 0} />
              </Field>
              <Field label={t('inc.act-victims')} id={`inc-act-v-${i}`}>
                <input id={`inc-act-v-${i}`} type="number" min={0} value={a.victims} onChange={(e) => setActs(acts.map((x, j) => (j === i ? { ...x, victims: e.target.value } : x)))} />
              </Field>
              {acts.length > 1 && (
                <button type="button" onClick={() => setActs(acts.filter((_, j) => j !== i))}>
                  {t('inc.remove')}
                </button>
              )}
            </div>
          ))}
          <button type="button" onClick={() => setActs([...acts, { act_type: '', victims: '' }])}>
            {t('inc.add-act')}
          </button>
          {fe('acts').length > 0 && <small className="field-error">{fe('acts').join('; ')}</small>}
        </fieldset>
        <fieldset className="repeat">
          <legend>{t('inc.when-where')}</legend>
          <div className="inline-fields">
            <Field label={t('incident.date')} id="inc-date" error={fe('date')} hint={t('inc.date-hint')}>
              <input id="inc-date" value={date} onChange={(e) => setDate(e.target.value)} required pattern="\d{4}(-\d{2}(-\d{2})?)?" />
            </Field>
            <Field label={t('inc.end-date')} id="inc-end" error={fe('end_date')}>
              <input id="inc-end" value={endDate} onChange={(e) => setEndDate(e.target.value)} pattern="\d{4}(-\d{2}(-\d{2})?)?" />
            </Field>
          </div>
          <div className="inline-fields">
            <Field label={t('registry.country')} id="inc-country">
              <input id="inc-country" value={place.country} onChange={setP('country')} />
            </Field>
            <Field label={t('inc.admin1')} id="inc-admin1">
              <input id="inc-admin1" value={place.admin1} onChange={setP('admin1')} />
            </Field>
            <Field label={t('inc.admin2')} id="inc-admin2">
              <input id="inc-admin2" value={place.admin2} onChange={setP('admin2')} />
            </Field>
            <Field label={t('incident.location')} id="inc-location">
              <input id="inc-location" value={place.location} onChange={setP('location')} />
            </Field>
            <Field label={t('inc.lat')} id="inc-lat" error={fe('lat')}>
              <input id="inc-lat" type="number" step="any" min={-90} max={90} value={place.lat} onChange={setP('lat')} />
            </Field>
            <Field label={t('inc.lon')} id="inc-lon" error={fe('lon')}>
              <input id="inc-lon" type="number" step="any" min={-180} max={180} value={place.lon} onChange={setP('lon')} />
            </Field>
            <Field label={t('inc.precision')} id="inc-precision">
              <select id="inc-precision" value={place.location_precision} onChange={setP('location_precision')}>
                <option value="">—</option>
                {['exact', 'near', 'admin2', 'admin1', 'country'].map((p) => (
                  <option key={p} value={p}>
                    {t(`inc.precision.${p}` as any)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
        </fieldset>
        <fieldset className="repeat">
          <legend>{t('inc.victims')}</legend>
          {victims.map((v, i) => (
            <div className="inline-fields" key={i}>
              <Field label={t('inc.sex')} id={`inc-v-sex-${i}`}>
                <TermSelect id={`inc-v-sex-${i}`} terms={policy.victimSexes} value={v.sex} onChange={(x) => setVictims(victims.map((y, j) => (j === i ? { ...y, sex: x } : y)))} />
              </Field>
              <Field label={t('inc.age-group')} id={`inc-v-age-${i}`}>
                <TermSelect id={`inc-v-age-${i}`} terms={policy.victimAgeGroups} value={v.age_group} onChange={(x) => setVictims(victims.map((y, j) => (j === i ? { ...y, age_group: x } : y)))} />
              </Field>
              <Field label={t('inc.count')} id={`inc-v-n-${i}`}>
                <input id={`inc-v-n-${i}`} type="number" min={0} value={v.count} onChange={(e) => setVictims(victims.map((y, j) => (j === i ? { ...y, count: e.target.value } : y)))} />
              </Field>
              <button type="button" onClick={() => setVictims(victims.filter((_, j) => j !== i))}>
                {t('inc.remove')}
              </button>
            </div>
          ))}
          <button type="button" onClick={() => setVictims([...victims, { sex: policy.victimSexes[0].code, age_group: policy.victimAgeGroups[0].code, count: '' }])}>
            {t('inc.add-victims')}
          </button>
          <Field label={t('inc.fatalities')} id="inc-fatalities" error={fe('fatalities')}>
            <input id="inc-fatalities" type="number" min={0} value={fatalities} onChange={(e) => setFatalities(e.target.value)} />
          </Field>
        </fieldset>
        <fieldset className="repeat">
          <legend>{t('inc.perpetrators')}</legend>
          {perps.map((p, i) => (
            <PerpetratorFields key={i} idPrefix={`inc-p-${i}`} value={p} onChange={(v) => setPerps(perps.map((x, j) => (j === i ? v : x)))} vocab={vocab} />
          ))}
          <button type="button" onClick={() => setPerps([...perps, emptyPerp()])}>
            {t('inc.add-perpetrator')}
          </button>
          {fe('perpetrators').length > 0 && <small className="field-error">{fe('perpetrators').join('; ')}</small>}
        </fieldset>
        <fieldset className="repeat">
          <legend>{t('sources.label')}</legend>
          <div className="inline-fields">
            <Field label={t('inc.source-kind')} id="inc-s-kind">
              <TermSelect id="inc-s-kind" terms={policy.sourceKinds} value={source.kind || defaultKind} onChange={(v) => setSource({ ...source, kind: v })} />
            </Field>
            <Field label={t('inc.source-title')} id="inc-s-title">
              <input id="inc-s-title" value={source.title} onChange={(e) => setSource({ ...source, title: e.target.value })} />
            </Field>
            <Field label={t('inc.source-url')} id="inc-s-url" error={fe('sources.0.url')}>
              <input id="inc-s-url" type="url" value={source.url} onChange={(e) => setSource({ ...source, url: e.target.value })} />
            </Field>
          </div>
        </fieldset>
        <Field label={t('sensitivity.label')} id="inc-sensitivity">
          <select id="inc-sensitivity" value={sensitivity} onChange={(e) => setSensitivity(e.target.value)}>
            {SENSITIVITY_LEVELS.map((s) => (
              <option key={s} value={s}>
                {t(`sensitivity.${s}` as any)}
              </option>
            ))}
          </select>
        </Field>
        <ErrorBox error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {t('inc.save')}
        </button>
      </form>
    </>
  );
}

/** Incidents linked to a unit or person (directly, via sub-units, via commanders), for the registry pages. */
export function LinkedIncidents({ unitId, personId }: { unitId?: string; personId?: string }) {
  const i18n = useI18n();
  const { t, date } = i18n;
  const session = useSession();
  const { vocab } = useIncidentConfig();
  const ok = session.can('incidents:read');
  const state = useApi<any>(ok ? (unitId ? INC.linked('unit', unitId) : INC.linked('person', personId!)) : null);
  if (!ok) return null;
  return (
    <Async state={state}>
      {(d) => {
        const items: any[] = Array.isArray(d) ? d : (d.items ?? d.incidents ?? []);
        if (!items.length) return <Empty>{t('unit.no-allegations')}</Empty>;
        return (
          <table data-testid="linked-incidents">
            <thead>
              <tr>
                <th scope="col">{t('incident.date')}</th>
                <th scope="col">{t('inc.summary')}</th>
                <th scope="col">{t('inc.acts')}</th>
                <th scope="col">{t('inc.verification')}</th>
                <th scope="col">{t('inc.link')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((l, i) => {
                const x = l.incident ?? l;
                return (
                  <tr key={`${x.id}-${i}`}>
                    <td>{date(x.date)}</td>
                    <td>
                      <Link to={`/incidents/${x.id}`}>{x.summary}</Link> {x.grave && <Badge tone="urgent">{t('inc.grave-short')}</Badge>}
                    </td>
                    <td>{(x.actTypes ?? x.act_types ?? []).map((a: string) => termLabel(i18n, vocab?.actTypes, a)).join(', ')}</td>
                    <td>{termLabel(i18n, vocab?.verificationStatuses, x.verification ?? x.verification_status)}</td>
                    <td>{l.path ? t(`inc.path.${l.path.kind}` as any, { unit: l.path.unitName ?? '', person: l.path.personName ?? '' }) : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        );
      }}
    </Async>
  );
}

registerSlot('unit-allegations', ({ unitId }: { unitId: string }) => {
  const s = useSession();
  return s.domains.has('incidents') ? <LinkedIncidents unitId={unitId} /> : null;
});
registerSlot('person-allegations', ({ personId }: { personId: string }) => {
  const s = useSession();
  return s.domains.has('incidents') ? <LinkedIncidents personId={personId} /> : null;
});

export const incidentRoutes: RouteDef[] = [
  { path: '/incidents', domain: 'incidents', render: () => <IncidentsList /> },
  { path: '/incidents/new', domain: 'incidents', render: () => <IncidentForm /> },
  { path: '/incidents/:id', domain: 'incidents', render: (p) => <IncidentPage key={p.id} id={p.id} /> },
];
