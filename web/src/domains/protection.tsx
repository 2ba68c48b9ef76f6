/**
 * Protection alerts: the entry form (reception time with its offset, channel, threat type, place,
 * threatened population, suspected actor from the registry, the caller for those who may know them)
 * and the alert page with the workflow the API offers (transition with priority or verification
 * result, response or the reason for none, merge of a duplicate, making it an incident).
 */
import { type FormEvent, useState } from 'react';
import { ApiError, post, qs } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';
import { Link, navigate } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { useApi } from '../lib/useApi.ts';
import { type ActorRef, RegistryPicker, type Term, TermSelect, termLabel } from '../components/Pickers.tsx';
import { Revisions } from '../components/Revisions.tsx';
import { Badge, Empty, ErrorBox, Field, Loading, Sensitivity } from '../components/ui.tsx';
import type { RouteDef } from '../routes.tsx';

/** The protection API (src/protection/routes.ts). */
export const PRO = {
  alerts: '/api/v1/protection/alerts',
  alert: (id: string) => `/api/v1/protection/alerts/${encodeURIComponent(id)}`,
  transition: (id: string) => `/api/v1/protection/alerts/${encodeURIComponent(id)}/transition`,
  responses: (id: string) => `/api/v1/protection/alerts/${encodeURIComponent(id)}/responses`,
  merge: (id: string) => `/api/v1/protection/alerts/${encodeURIComponent(id)}/merge`,
  incident: (id: string) => `/api/v1/protection/alerts/${encodeURIComponent(id)}/incident`,
};

interface ProtectionConfig {
  alertChannels: Term[];
  threatTypes: Term[];
  alertStates: (Term & { final: boolean; requiresResponse: string })[];
  responseTypes: (Term & { counts: boolean; requiresReason: boolean })[];
  priorities: Term[];
}
interface Operations {
  verificationResults: Term[];
  priorityRequiredIn: string[];
}

export function useProtectionConfig() {
  const cfg = useApi<{ value: ProtectionConfig }>('/api/v1/settings/protection.config');
  const ops = useApi<{ value: Operations }>('/api/v1/settings/protection.operations');
  return { cfg: cfg.data?.value, ops: ops.data?.value, error: cfg.error ?? ops.error };
}

/** The access levels of the API (levelSchema), lowest first. */
export const SENSITIVITY_LEVELS = ['public', 'internal', 'restricted', 'strictly-confidential'] as const;

const fieldErrors = (error: unknown) => (f: string) => (error instanceof ApiError ? error.forField(f) : []);

/** The browser's offset as +HH:MM (the default for the time zone of a reception time). */
export function localOffset(d = new Date()): string {
  const m = -d.getTimezoneOffset();
  const sign = m >= 0 ? '+' : '-';
  const a = Math.abs(m);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}
function localNow(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
/** A datetime-local value and an offset as the API's timestamp (2019-03-04T22:15:00+02:00). */
export const withOffset = (local: string, offset: string) => (local ? `${local.length === 16 ? `${local}:00` : local}${offset.trim() === 'Z' ? 'Z' : offset.trim()}` : '');

function TimeWithZone({ id, label, value, offset, onChange, error }: { id: string; label: string; value: string; offset: string; onChange: (v: string, o: string) => void; error?: string[] }) {
  const { t } = useI18n();
  return (
    <div className="inline-fields">
      <Field label={label} id={id} error={error}>
        <input id={id} type="datetime-local" value={value} onChange={(e) => onChange(e.target.value, offset)} required />
      </Field>
      <Field label={t('pro.offset')} id={`${id}-offset`} hint={t('pro.offset-hint')}>
        <input id={`${id}-offset`} value={offset} onChange={(e) => onChange(value, e.target.value)} pattern="Z|[+\-]\d{2}:\d{2}" size={7} required aria-describedby={`${id}-offset-hint`} />
      </Field>
    </div>
  );
}

const actorBody = (a: ActorRef | null) => ({ suspected_unit_id: a?.type === 'unit' ? a.id : null, suspected_person_id: a?.type === 'person' ? a.id : null });

export function AlertForm() {
  const { t } = useI18n();
  const session = useSession();
  const { cfg, error: cfgError } = useProtectionConfig();
  const mayCall = session.can('protection:callers');
  const [at, setAt] = useState({ local: localNow(), offset: localOffset() });
  const [f, setF] = useState({ channel: '', threat_type: '', place: '', area_code: '', threatened_population: '', population_estimate: '', suspected_actor: '', summary: '', note: '' });
  const [actor, setActor] = useState<ActorRef | null>(null);
  const [caller, setCaller] = useState({ name: '', phone: '', relationship: '', community: '', callback_consent: '' });
  const [sensitivity, setSensitivity] = useState('restricted');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (cfgError) return <ErrorBox error={cfgError} />;
  if (!cfg) return <Loading />;
  const fe = fieldErrors(error);
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const hasCaller = mayCall && Object.values(caller).some((v) => v.trim() !== '');
      const body = {
        received_at: withOffset(at.local, at.offset),
        channel: f.channel,
        threat_type: f.threat_type,
        place: f.place || null,
        area_code: f.area_code || null,
        threatened_population: f.threatened_population || null,
        population_estimate: f.population_estimate.trim() === '' ? null : Number(f.population_estimate),
        suspected_actor: f.suspected_actor || null,
        ...actorBody(actor),
        summary: f.summary || null,
        note: f.note || null,
        sensitivity,
        ...(hasCaller
          ? {
              caller: {
                name: caller.name || null,
                phone: caller.phone || null,
                relationship: caller.relationship || null,
                community: caller.community || null,
                callback_consent: caller.callback_consent === '' ? null : caller.callback_consent === 'true',
              },
            }
          : {}),
      };
      const created = await post<{ id: string }>(PRO.alerts, body);
      navigate(`/protection/alerts/${created.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <>
      <p className="crumbs">
        <Link to="/protection?kind=alerts">{t('pro.alerts')}</Link>
      </p>
      <h1>{t('pro.new-alert')}</h1>
      <form onSubmit={submit} className="entry" aria-label={t('pro.new-alert')} noValidate>
        <TimeWithZone id="al-received" label={t('pro.received-at')} value={at.local} offset={at.offset} onChange={(local, offset) => setAt({ local, offset })} error={fe('received_at')} />
        <div className="inline-fields">
          <Field label={t('pro.channel')} id="al-channel" error={fe('channel')}>
            <TermSelect id="al-channel" terms={cfg.alertChannels} value={f.channel} onChange={set('channel')} empty={t('pro.choose')} required />
          </Field>
          <Field label={t('pro.threat-type')} id="al-threat" error={fe('threat_type')}>
            <TermSelect id="al-threat" terms={cfg.threatTypes} value={f.threat_type} onChange={set('threat_type')} empty={t('pro.choose')} required />
          </Field>
        </div>
        <Field label={t('pro.summary')} id="al-summary" error={fe('summary')}>
          <textarea id="al-summary" value={f.summary} onChange={(e) => set('summary')(e.target.value)} rows={3} />
        </Field>
        <div className="inline-fields">
          <Field label={t('pro.place')} id="al-place" error={fe('place')}>
            <input id="al-place" value={f.place} onChange={(e) => set('place')(e.target.value)} />
          </Field>
          <Field label={t('pro.area-code')} id="al-area" error={fe('area_code')}>
            <input id="al-area" value={f.area_code} onChange={(e) => set('area_code')(e.target.value)} />
          </Field>
        </div>
        <div className="inline-fields">
          <Field label={t('pro.population')} id="al-pop" error={fe('threatened_population')}>
            <input id="al-pop" value={f.threatened_population} onChange={(e) => set('threatened_population')(e.target.value)} />
          </Field>
          <Field label={t('pro.population-estimate')} id="al-pop-n" error={fe('population_estimate')}>
            <input id="al-pop-n" type="number" min={0} value={f.population_estimate} onChange={(e) => set('population_estimate')(e.target.value)} />
          </Field>
        </div>
        <fieldset className="repeat">
          <legend>{t('pro.suspected')}</legend>
          <div className="inline-fields">
            <Field label={t('pro.suspected-registry')} id="al-actor" error={[...fe('suspected_unit_id'), ...fe('suspected_person_id')]}>
              <RegistryPicker id="al-actor" value={actor} onChange={setActor} label={t('pro.suspected-registry')} />
            </Field>
            <Field label={t('pro.suspected-text')} id="al-actor-text" error={fe('suspected_actor')}>
              <input id="al-actor-text" value={f.suspected_actor} onChange={(e) => set('suspected_actor')(e.target.value)} />
            </Field>
          </div>
        </fieldset>
        {mayCall && (
          <fieldset className="repeat" data-testid="caller-fields">
            <legend>{t('pro.caller')}</legend>
            <p className="muted small">{t('pro.caller-hint')}</p>
            <div className="inline-fields">
              <Field label={t('pro.caller-name')} id="al-c-name" error={fe('caller.name')}>
                <input id="al-c-name" value={caller.name} onChange={(e) => setCaller({ ...caller, name: e.target.value })} autoComplete="off" />
              </Field>
              <Field label={t('pro.caller-phone')} id="al-c-phone" error={fe('caller.phone')}>
                <input id="al-c-phone" type="tel" value={caller.phone} onChange={(e) => setCaller({ ...caller, phone: e.target.value })} autoComplete="off" />
              </Field>
              <Field label={t('pro.caller-relationship')} id="al-c-rel" error={fe('caller.relationship')}>
                <input id="al-c-rel" value={caller.relationship} onChange={(e) => setCaller({ ...caller, relationship: e.target.value })} />
              </Field>
              <Field label={t('pro.caller-community')} id="al-c-com" error={fe('caller.community')}>
                <input id="al-c-com" value={caller.community} onChange={(e) => setCaller({ ...caller, community: e.target.value })} />
              </Field>
              <Field label={t('pro.callback')} id="al-c-cb">
                <select id="al-c-cb" value={caller.callback_consent} onChange={(e) => setCaller({ ...caller, callback_consent: e.target.value })}>
                  <option value="">{t('app.unknown')}</option>
                  <option value="true">{t('app.yes')}</option>
                  <option value="false">{t('app.no')}</option>
                </select>
              </Field>
            </div>
          </fieldset>
        )}
        <Field label={t('pro.note')} id="al-note" error={fe('note')}>
          <input id="al-note" value={f.note} onChange={(e) => set('note')(e.target.value)} />
        </Field>
        <SensitivityField id="al-sensitivity" value={sensitivity} onChange={setSensitivity} error={error} />
        <ErrorBox error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {t('pro.save-alert')}
        </button>
      </form>
    </>
  );
}

export function SensitivityField({ id, value, onChange, error }: { id: string; value: string; onChange: (v: string) => void; error?: unknown }) {
  const { t } = useI18n();
  return (
    <Field label={t('sensitivity.label')} id={id} error={fieldErrors(error)('sensitivity')}>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {SENSITIVITY_LEVELS.map((s) => (
          <option key={s} value={s}>
            {t(`sensitivity.${s}` as any)}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function AlertPage({ id }: { id: string }) {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const session = useSession();
  const state = useApi<any>(PRO.alert(id));
  const { cfg, ops } = useProtectionConfig();
  if (state.error) return <ErrorBox error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading />;
  const a = state.data;
  const canWrite = session.can('protection:write');
  const label = (terms: Term[] | undefined, code: string | null | undefined, fallback?: { en: string; fr: string } | null) => (terms ? termLabel(i18n, terms, code) : fallback ? i18n.label(fallback) : (code ?? ''));
  return (
    <article className="record" data-record-type="protection-alert" data-record-id={a.id}>
      <p className="crumbs">
        <Link to="/protection?kind=alerts">{t('pro.alerts')}</Link> › {t('pro.alert')}
      </p>
      <h1>
        {a.summary || label(cfg?.threatTypes, a.threat_type, a.labels?.threat_type)} <Sensitivity level={a.sensitivity} />
      </h1>
      <div className="badges">
        <Badge>
          <span data-testid="alert-state" data-state={a.state}>
            {label(cfg?.alertStates, a.state, a.labels?.state)}
          </span>
        </Badge>
        {a.priority && <Badge tone={a.priority === 'immediate' ? 'urgent' : undefined}>{t('pro.priority-is', { priority: label(cfg?.priorities, a.priority, a.labels?.priority) })}</Badge>}
        {a.merged_into && <Badge>{t('pro.merged-into')}</Badge>}
        {a.incident_id && (
          <Link to={`/incidents/${a.incident_id}`} className="badge">
            {t('pro.see-incident')}
          </Link>
        )}
      </div>
      <section className="card" aria-labelledby="al-facts">
        <h2 id="al-facts">{t('unit.facts')}</h2>
        <dl className="facts">
          <dt>{t('pro.received-at')}</dt>
          <dd>
            {dateTime(a.effective_received_at ?? a.received_at)} <span className="muted">({a.received_at})</span>
          </dd>
          <dt>{t('pro.channel')}</dt>
          <dd>{label(cfg?.alertChannels, a.channel, a.labels?.channel)}</dd>
          <dt>{t('pro.threat-type')}</dt>
          <dd>{label(cfg?.threatTypes, a.threat_type, a.labels?.threat_type)}</dd>
          <dt>{t('pro.place')}</dt>
          <dd>{[a.place, a.area_name, a.area_code].filter(Boolean).join(', ') || '—'}</dd>
          <dt>{t('pro.population')}</dt>
          <dd>{[a.threatened_population, a.population_estimate !== null && a.population_estimate !== undefined ? i18n.num(a.population_estimate) : null].filter(Boolean).join(' · ') || '—'}</dd>
          <dt>{t('pro.suspected')}</dt>
          <dd>
            {a.suspected_unit ? <Link to={`/registry/units/${a.suspected_unit.id}`}>{a.suspected_unit.name}</Link> : a.suspected_person ? <Link to={`/registry/persons/${a.suspected_person.id}`}>{a.suspected_person.name}</Link> : null}
            {a.suspected_actor ? ` ${a.suspected_actor}` : ''}
            {!a.suspected_unit && !a.suspected_person && !a.suspected_actor && '—'}
          </dd>
          <dt>{t('pro.received-by')}</dt>
          <dd>{a.received_by}</dd>
        </dl>
      </section>
      {a.callers && (
        <section className="card" aria-labelledby="al-callers" data-testid="alert-callers">
          <h2 id="al-callers">{t('pro.caller')}</h2>
          {a.callers.length === 0 ? (
            <Empty>{t('pro.no-caller')}</Empty>
          ) : (
            <ul>
              {a.callers.map((c: any) => (
                <li key={c.id}>
                  {[c.name, c.phone, c.relationship, c.community].filter(Boolean).join(' · ')} <Sensitivity level={c.sensitivity} />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <section className="card" aria-labelledby="al-steps">
        <h2 id="al-steps">{t('pro.steps')}</h2>
        {(a.timeline ?? []).length === 0 ? (
          <Empty>{t('pro.no-steps')}</Empty>
        ) : (
          <ol data-testid="alert-timeline">
            {a.timeline.map((s: any, i: number) => (
              <li key={i}>
                <span className="state">{i18n.label({ en: s.en, fr: s.fr })}</span> · {dateTime(s.at)} · {s.by} <span className="muted">· {t('pro.minutes-since', { count: s.minutesSinceReceived })}</span>
                {s.note && <div className="muted">{s.note}</div>}
              </li>
            ))}
          </ol>
        )}
      </section>
      {canWrite && cfg && ops && !a.merged_into && (
        <div className="grid">
          <Transition alert={a} cfg={cfg} ops={ops} onDone={state.reload} />
          <Respond alert={a} cfg={cfg} onDone={state.reload} />
          <Merge alert={a} onDone={state.reload} />
          {!a.incident_id && session.can('incidents:write') && <MakeIncident alert={a} />}
        </div>
      )}
      <Revisions type="protection-alert" id={a.id} />
    </article>
  );
}

function Transition({ alert, cfg, ops, onDone }: { alert: any; cfg: ProtectionConfig; ops: Operations; onDone: () => void }) {
  const { t } = useI18n();
  const allowed: string[] = alert.allowed_transitions ?? [];
  const [to, setTo] = useState(allowed[0] ?? '');
  const [priority, setPriority] = useState(alert.priority ?? '');
  const [verification, setVerification] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const fe = fieldErrors(error);
  const target = allowed.includes(to) ? to : (allowed[0] ?? '');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await post(PRO.transition(alert.id), { to: target, priority: priority || undefined, verification: verification || undefined, note: note || null, expected_version: alert.version });
      setNote('');
      setVerification('');
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section className="card" aria-labelledby="al-move">
      <h2 id="al-move">{t('pro.move')}</h2>
      {allowed.length === 0 ? (
        <Empty>{t('pro.no-move')}</Empty>
      ) : (
        <form onSubmit={submit} aria-label={t('pro.move')}>
          <Field label={t('pro.to-state')} id="tr-to" error={fe('to')}>
            <TermSelect id="tr-to" terms={cfg.alertStates.filter((s) => allowed.includes(s.code))} value={target} onChange={setTo} />
          </Field>
          <Field label={t('pro.priority')} id="tr-priority" error={fe('priority')} hint={ops.priorityRequiredIn.includes(target) ? t('pro.priority-needed') : undefined}>
            <TermSelect id="tr-priority" terms={cfg.priorities} value={priority} onChange={setPriority} empty={t('pro.none-yet')} />
          </Field>
          <Field label={t('pro.verification')} id="tr-verification" error={fe('verification')}>
            <TermSelect id="tr-verification" terms={ops.verificationResults} value={verification} onChange={setVerification} empty={t('pro.none-yet')} />
          </Field>
          <Field label={t('pro.note')} id="tr-note" error={fe('note')}>
            <input id="tr-note" value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
          <button type="submit" className="primary">
            {t('pro.move-button')}
          </button>
          <ErrorBox error={error} />
        </form>
      )}
    </section>
  );
}

function Respond({ alert, cfg, onDone }: { alert: any; cfg: ProtectionConfig; onDone: () => void }) {
  const { t } = useI18n();
  const [type, setType] = useState(cfg.responseTypes[0]?.code ?? '');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [unit, setUnit] = useState<ActorRef | null>(null);
  const [error, setError] = useState<unknown>(null);
  const fe = fieldErrors(error);
  const needsReason = cfg.responseTypes.find((r) => r.code === type)?.requiresReason ?? false;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await post(PRO.responses(alert.id), { type, reason: reason || null, note: note || null, unit_id: unit?.id ?? null, expected_version: alert.version });
      setReason('');
      setNote('');
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section className="card" aria-labelledby="al-respond">
      <h2 id="al-respond">{t('pro.respond')}</h2>
      <form onSubmit={submit} aria-label={t('pro.respond')}>
        <Field label={t('pro.response-type')} id="rs-type" error={fe('type')}>
          <TermSelect id="rs-type" terms={cfg.responseTypes} value={type} onChange={setType} />
        </Field>
        <Field label={needsReason ? t('pro.why-nothing') : t('pro.reason')} id="rs-reason" error={fe('reason')}>
          <input id="rs-reason" value={reason} onChange={(e) => setReason(e.target.value)} required={needsReason} />
        </Field>
        <Field label={t('pro.responding-unit')} id="rs-unit" error={fe('unit_id')}>
          <RegistryPicker id="rs-unit" type="unit" value={unit} onChange={setUnit} label={t('pro.responding-unit')} />
        </Field>
        <Field label={t('pro.note')} id="rs-note" error={fe('note')}>
          <input id="rs-note" value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
        <button type="submit">{t('pro.respond-button')}</button>
        <ErrorBox error={error} />
      </form>
    </section>
  );
}

function Merge({ alert, onDone }: { alert: any; onDone: () => void }) {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const others = useApi<{ items: any[] }>(`${PRO.alerts}${qs({ limit: 200 })}`);
  const [dup, setDup] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const fe = fieldErrors(error);
  const candidates = (others.data?.items ?? []).filter((x) => x.id !== alert.id);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await post(PRO.merge(alert.id), { duplicate_id: dup, note: note || null });
      setDup('');
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section className="card" aria-labelledby="al-merge">
      <h2 id="al-merge">{t('pro.merge')}</h2>
      <form onSubmit={submit} aria-label={t('pro.merge')}>
        <Field label={t('pro.duplicate')} id="mg-dup" error={fe('duplicate_id')}>
          <select id="mg-dup" value={dup} onChange={(e) => setDup(e.target.value)} required>
            <option value="">{t('pro.choose')}</option>
            {candidates.map((x) => (
              <option key={x.id} value={x.id}>
                {dateTime(x.effective_received_at ?? x.received_at)} — {x.summary || x.place || x.threat_type}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('pro.note')} id="mg-note" error={fe('note')}>
          <input id="mg-note" value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
        <button type="submit" disabled={!dup}>
          {t('pro.merge-button')}
        </button>
        <ErrorBox error={error} />
      </form>
    </section>
  );
}

function MakeIncident({ alert }: { alert: any }) {
  const { t } = useI18n();
  const [summary, setSummary] = useState(alert.summary ?? '');
  const [existing, setExisting] = useState('');
  const [error, setError] = useState<unknown>(null);
  const fe = fieldErrors(error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const body = existing.trim() ? { incident_id: existing.trim() } : summary.trim() ? { summary: summary.trim() } : {};
      const r = await post<any>(PRO.incident(alert.id), body);
      const incidentId = r?.incident?.id ?? r?.alert?.incident_id;
      navigate(incidentId ? `/incidents/${incidentId}` : `/protection/alerts/${alert.id}`);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section className="card" aria-labelledby="al-incident">
      <h2 id="al-incident">{t('pro.make-incident')}</h2>
      <form onSubmit={submit} aria-label={t('pro.make-incident')}>
        <Field label={t('pro.incident-summary')} id="mi-summary" error={fe('summary')}>
          <input id="mi-summary" value={summary} onChange={(e) => setSummary(e.target.value)} />
        </Field>
        <Field label={t('pro.existing-incident')} id="mi-existing" error={fe('incident_id')} hint={t('pro.existing-incident-hint')}>
          <input id="mi-existing" value={existing} onChange={(e) => setExisting(e.target.value)} aria-describedby="mi-existing-hint" />
        </Field>
        <button type="submit">{t('pro.make-incident-button')}</button>
        <ErrorBox error={error} />
      </form>
    </section>
  );
}

export const protectionRoutes: RouteDef[] = [
  { path: '/protection/alerts/new', domain: 'protection', render: () => <AlertForm /> },
  { path: '/protection/alerts/:id', domain: 'protection', render: (p) => <AlertPage key={p.id} id={p.id} /> },
];
