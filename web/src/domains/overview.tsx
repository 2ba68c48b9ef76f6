/**
 * The overview's parts from each domain, for a period: incidents over time by perpetrator type and
 * their map; open requests by state, reviews waiting, overdue mitigation; alerts and response rate;
 * the consent index trend. Each part shows only when its domain is served and the user may read it.
 */
import { useState } from 'react';
import { qs } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';
import { Link } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { useApi } from '../lib/useApi.ts';
import { Chart } from '../components/Chart.tsx';
import { MapView } from '../components/MapView.tsx';
import { termLabel } from '../components/Pickers.tsx';
import { Async, Empty, Field } from '../components/ui.tsx';
import { registerSlot } from '../slots.tsx';
import { useIncidentConfig } from './incidents.tsx';

function defaultFrom() {
  const d = new Date();
  d.setFullYear(d.getFullYear() - 2);
  return `${d.getFullYear()}-01-01`;
}

function Overview() {
  const { t } = useI18n();
  const s = useSession();
  const [from, setFrom] = useState(defaultFrom());
  const [to, setTo] = useState(new Date().toISOString().slice(0, 10));
  const has = (d: string, perm: string) => s.domains.has(d) && s.can(perm);
  return (
    <section aria-labelledby="ov-period" className="overview">
      <h2 id="ov-period" className="visually-hidden">
        {t('ov.period')}
      </h2>
      <div className="toolbar">
        <Field label={t('inc.from')} id="ov-from">
          <input id="ov-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </Field>
        <Field label={t('inc.to')} id="ov-to">
          <input id="ov-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </Field>
      </div>
      <div className="grid">
        {has('hrddp', 'hrddp:read') && <DueDiligence />}
        {has('protection', 'protection:read') && s.paths.has('/api/v1/protection/alerts/figures') && <Alerts from={from} to={to} />}
      </div>
      {has('incidents', 'incidents:read') && s.paths.has('/api/v1/incidents/stats') && <IncidentsOverTime from={from} to={to} />}
      {has('incidents', 'incidents:read') && <IncidentMap from={from} to={to} />}
      {has('relations', 'relations:read') && s.paths.has('/api/v1/relations/consent') && <Consent from={from} to={to} />}
    </section>
  );
}

function IncidentsOverTime({ from, to }: { from: string; to: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { vocab } = useIncidentConfig();
  const where = [`from=${from}`, `to=${to}`];
  const state = useApi<{ rows: any[] }>(`/api/v1/incidents/stats${qs({ group_by: 'month,perpetrator-type' })}&${where.map((w) => `where=${encodeURIComponent(w)}`).join('&')}`);
  return (
    <section className="card" aria-labelledby="ov-inc">
      <h2 id="ov-inc">{t('ov.incidents-over-time')}</h2>
      <Async state={state}>
        {(d) => {
          const rows = d.rows.filter((r) => r.month);
          if (!rows.length) return <Empty>{t('inc.none')}</Empty>;
          const months = [...new Set(rows.map((r) => r.month as string))].sort();
          const types = [...new Set(rows.map((r) => (r['perpetrator-type'] ?? r.perpetrator_type ?? 'unknown') as string))];
          const series = types.map((ty) => ({
            name: termLabel(i18n, vocab?.perpetratorTypes, ty) || t('app.unknown'),
            values: months.map((m) => rows.filter((r) => r.month === m && (r['perpetrator-type'] ?? r.perpetrator_type ?? 'unknown') === ty).reduce((n, r) => n + (r.count ?? 0), 0)),
          }));
          return <Chart kind="bar" categories={months} series={series} label={t('ov.incidents-over-time')} testId="incidents-chart" />;
        }}
      </Async>
    </section>
  );
}

function IncidentMap({ from, to }: { from: string; to: string }) {
  const { t, date } = useI18n();
  const s = useSession();
  const incidents = useApi<{ items: any[] }>(`/api/v1/incidents${qs({ from, to, limit: 2000 })}`);
  const restrictions = useApi<any>(s.domains.has('relations') && s.can('relations:read') ? `/api/v1/relations/restrictions${qs({ limit: 1000 })}` : null);
  const points = (incidents.data?.items ?? [])
    .filter((x) => typeof x.lat === 'number' && typeof x.lon === 'number')
    .map((x) => ({ lat: x.lat, lon: x.lon, label: `${date(x.date)} — ${x.summary}`, href: `/incidents/${x.id}`, color: x.grave ? '#b3261e' : '#0b5cad' }));
  const rItems: any[] = restrictions.data ? (Array.isArray(restrictions.data) ? restrictions.data : (restrictions.data.items ?? [])) : [];
  for (const r of rItems) if (typeof r.lat === 'number' && typeof r.lon === 'number') points.push({ lat: r.lat, lon: r.lon, label: `${t('ov.restriction')}: ${r.summary ?? r.type ?? ''}`, href: '', color: '#e08a00' });
  return (
    <section className="card" aria-labelledby="ov-map">
      <h2 id="ov-map">{t('ov.map')}</h2>
      <p className="small muted">
        <span className="dot" style={{ background: '#b3261e' }} /> {t('inc.grave-yes')} <span className="dot" style={{ background: '#0b5cad' }} /> {t('type.incident')} <span className="dot" style={{ background: '#e08a00' }} /> {t('ov.restriction')}
      </p>
      {incidents.data ? <MapView points={points.map((p) => ({ ...p, href: p.href || undefined }))} label={t('inc.map', { count: points.length })} /> : null}
    </section>
  );
}

function DueDiligence() {
  const i18n = useI18n();
  const { t, num } = i18n;
  const cfg = useApi<{ config: any }>('/api/v1/hrddp/config');
  const reqs = useApi<{ requests: any[] }>('/api/v1/hrddp/requests?limit=1000');
  const reviews = useApi<{ reviews: any[] }>('/api/v1/hrddp/reviews?status=open');
  const triaged = useApi<{ reviews: any[] }>('/api/v1/hrddp/reviews?status=triaged');
  const overdue = useApi<{ measures: any[] }>('/api/v1/hrddp/measures/overdue');
  const states: any[] = cfg.data?.config.workflow.states ?? [];
  const open = (reqs.data?.requests ?? []).filter((r) => !states.find((s) => s.id === r.state)?.terminal);
  const counts = new Map<string, number>();
  for (const r of open) counts.set(r.state, (counts.get(r.state) ?? 0) + 1);
  return (
    <section className="card" aria-labelledby="ov-hr">
      <h2 id="ov-hr">{t('nav.hrddp')}</h2>
      <dl className="figures" data-testid="overview-hrddp">
        <div>
          <dt>{t('ov.open-requests')}</dt>
          <dd>{num(open.length)}</dd>
        </div>
        <div>
          <dt>{t('ov.reviews-waiting')}</dt>
          <dd>{num((reviews.data?.reviews.length ?? 0) + (triaged.data?.reviews.length ?? 0))}</dd>
        </div>
        <div>
          <dt>{t('ov.overdue')}</dt>
          <dd>{num(overdue.data?.measures.length ?? 0)}</dd>
        </div>
      </dl>
      <ul className="small">
        {states
          .filter((s) => counts.has(s.id))
          .map((s) => (
            <li key={s.id}>
              <Link to={`/hrddp?state=${s.id}`}>{i18n.label(s.label)}</Link>: {num(counts.get(s.id)!)}
            </li>
          ))}
      </ul>
    </section>
  );
}

function Alerts({ from, to }: { from: string; to: string }) {
  const { t, num } = useI18n();
  const state = useApi<any>(`/api/v1/protection/alerts/figures${qs({ from, to })}`);
  return (
    <section className="card" aria-labelledby="ov-alerts">
      <h2 id="ov-alerts">{t('ov.alerts')}</h2>
      <Async state={state}>
        {(d) => {
          const tot = d.total ?? d;
          return (
            <dl className="figures">
              <div>
                <dt>{t('ov.alerts-n')}</dt>
                <dd>{num(tot.alerts ?? 0)}</dd>
              </div>
              <div>
                <dt>{t('ov.response-rate')}</dt>
                <dd>{tot.responseRate === null || tot.responseRate === undefined ? '—' : num(tot.responseRate, { style: 'percent', maximumFractionDigits: 0 })}</dd>
              </div>
              <div>
                <dt>{t('ov.median-response')}</dt>
                <dd>{tot.medianMinutes === null || tot.medianMinutes === undefined ? '—' : t('ov.minutes', { n: tot.medianMinutes })}</dd>
              </div>
            </dl>
          );
        }}
      </Async>
    </section>
  );
}

function Consent({ from, to }: { from: string; to: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const state = useApi<any>(`/api/v1/relations/consent${qs({ from, to, step: 'month' })}`);
  return (
    <section className="card" aria-labelledby="ov-consent">
      <h2 id="ov-consent">{t('ov.consent')}</h2>
      <Async state={state}>
        {(d) =>
          (d.points ?? []).length === 0 ? (
            <Empty />
          ) : (
            <>
              <Chart kind="line" categories={d.points.map((p: any) => i18n.label(p.label) || p.period)} series={[{ name: t('ov.consent'), values: d.points.map((p: any) => p.value) }]} label={t('ov.consent')} testId="consent-chart" />
              {(d.flags ?? []).map((f: any, i: number) => (
                <p key={i} className="notice small">
                  {i18n.label(f.label ?? f.text ?? f.message ?? f.kind)}
                </p>
              ))}
            </>
          )
        }
      </Async>
    </section>
  );
}

registerSlot('overview', Overview);
