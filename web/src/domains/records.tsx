/**
 * Host-state relations and protection: each collection listed (dates, actor, type, area, summary) with
 * a record page showing every field the user may read, its revision history, and, for relations, the
 * consent index trend. Generic on purpose: the fields come from the API as they are.
 */
import { useI18n } from '../lib/i18n.tsx';
import { Link, useLocation } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { useApi } from '../lib/useApi.ts';
import { Revisions } from '../components/Revisions.tsx';
import { Async, Empty, Sensitivity } from '../components/ui.tsx';
import type { RouteDef } from '../routes.tsx';
import { CommitmentStatus } from './relations.tsx';

interface Collection {
  key: string;
  /** API path of the list (and of a record: `${path}/:id`). */
  path: string;
  type: string;
  label: Parameters<ReturnType<typeof useI18n>['t']>[0];
  /** The entry form of this collection, for those with the permission. */
  create?: { to: string; permission: string; label: Parameters<ReturnType<typeof useI18n>['t']>[0] };
}

const RELATIONS: Collection[] = [
  { key: 'restrictions', path: '/api/v1/relations/restrictions', type: 'relations-restriction', label: 'rel.restrictions', create: { to: '/relations/restrictions/new', permission: 'relations:write', label: 'rel.new-restriction' } },
  { key: 'engagements', path: '/api/v1/relations/engagements', type: 'relations-engagement', label: 'rel.engagements', create: { to: '/relations/engagements/new', permission: 'relations:write', label: 'rel.new-engagement' } },
  { key: 'commitments', path: '/api/v1/relations/commitments', type: 'relations-commitment', label: 'rel.commitments' },
  { key: 'stances', path: '/api/v1/relations/stances', type: 'relations-stance', label: 'rel.stances' },
  { key: 'cooperation', path: '/api/v1/relations/cooperation', type: 'relations-cooperation', label: 'rel.cooperation' },
  { key: 'leverage', path: '/api/v1/relations/leverage', type: 'relations-leverage', label: 'rel.leverage' },
  { key: 'force', path: '/api/v1/relations/force', type: 'relations-force', label: 'rel.force' },
];
const PROTECTION: Collection[] = [
  { key: 'alerts', path: '/api/v1/protection/alerts', type: 'protection-alert', label: 'pro.alerts', create: { to: '/protection/alerts/new', permission: 'protection:write', label: 'pro.new-alert' } },
  { key: 'threats', path: '/api/v1/protection/threats', type: 'protection-threat', label: 'pro.threats' },
  { key: 'cases', path: '/api/v1/protection/justice/cases', type: 'protection-justice-case', label: 'pro.cases' },
  { key: 'projects', path: '/api/v1/protection/projects', type: 'protection-project', label: 'pro.projects' },
];

const HIDDEN = new Set(['search_text', 'compartments', 'retracted_at', 'retracted_reason', 'version', 'created_by', 'updated_by', 'created_at', 'updated_at', 'external_ids']);
const DATE_KEYS = ['occurred_on', 'date', 'received_at', 'opened_on', 'start_date', 'made_on', 'held_on', 'as_of'];
const TEXT_KEYS = ['summary', 'title', 'description', 'subject', 'name', 'topic'];

const pick = (r: any, keys: string[]) => keys.map((k) => r?.[k]).find((v) => v !== undefined && v !== null && v !== '');
const show = (v: unknown): string => (v === null || v === undefined ? '' : Array.isArray(v) ? v.map(show).join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v));

function Browser({ base, title, collections }: { base: string; title: string; collections: Collection[] }) {
  const i18n = useI18n();
  const { t, date } = i18n;
  const { query } = useLocation();
  const current = collections.find((c) => c.key === query.get('kind')) ?? collections[0];
  const session = useSession();
  const state = useApi<any>(`${current.path}?limit=500`);
  return (
    <>
      <h1>{title}</h1>
      <nav className="buttons tabs" aria-label={title}>
        {collections.map((c) => (
          <Link key={c.key} to={`${base}?kind=${c.key}`} aria-current={c.key === current.key ? 'page' : undefined}>
            {t(c.label)}
          </Link>
        ))}
      </nav>
      {current.create && session.can(current.create.permission) && (
        <p>
          <Link to={current.create.to} className="button-link">
            {t(current.create.label)}
          </Link>
        </p>
      )}
      {base === '/relations' && <ConsentTrend />}
      <Async state={state}>
        {(d) => {
          const items: any[] = Array.isArray(d) ? d : (d.items ?? d.threats ?? d.register ?? []);
          if (!items.length) return <Empty />;
          return (
            <table data-testid="records">
              <thead>
                <tr>
                  <th scope="col">{t('incident.date')}</th>
                  <th scope="col">{t('rec.what')}</th>
                  <th scope="col">{t('rec.type')}</th>
                  <th scope="col">{t('rec.area')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr key={r.id}>
                    <td>{date(show(pick(r, DATE_KEYS)).slice(0, 10))}</td>
                    <td>
                      <Link to={`${base}/${current.key}/${r.id}`}>{show(pick(r, TEXT_KEYS)) || r.id}</Link> <Sensitivity level={r.sensitivity} />
                    </td>
                    <td>{show(r.type ?? r.kind ?? r.status ?? r.state ?? r.stage)}</td>
                    <td>{show(r.area ?? r.place ?? r.location ?? r.admin1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }}
      </Async>
    </>
  );
}

function ConsentTrend() {
  const i18n = useI18n();
  const { t, num } = i18n;
  const s = useSession();
  const state = useApi<any>(s.paths.has('/api/v1/relations/consent') ? '/api/v1/relations/consent?step=month' : null);
  if (!state.data) return null;
  const pts: any[] = state.data.points ?? [];
  if (!pts.length) return null;
  return (
    <section className="card" aria-labelledby="rel-consent">
      <h2 id="rel-consent">{t('ov.consent')}</h2>
      <p className="muted small">
        {pts
          .slice(-6)
          .map((p) => `${i18n.label(p.label) || p.period}: ${num(p.value, { maximumFractionDigits: 2 })}`)
          .join(' · ')}
      </p>
    </section>
  );
}

function RecordPage({ base, collections, kind, id }: { base: string; collections: Collection[]; kind: string; id: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const c = collections.find((x) => x.key === kind);
  const state = useApi<any>(c ? `${c.path}/${encodeURIComponent(id)}` : null);
  if (!c) return <Empty>{t('error.page-not-found')}</Empty>;
  return (
    <Async state={state}>
      {(d) => {
        const r = d.record ?? d.alert ?? d.case ?? d.threat ?? d;
        return (
          <article className="record" data-record-type={c.type} data-record-id={r.id}>
            <p className="crumbs">
              <Link to={`${base}?kind=${c.key}`}>{t(c.label)}</Link>
            </p>
            <h1>
              {show(pick(r, TEXT_KEYS)) || t(c.label)} <Sensitivity level={r.sensitivity} />
            </h1>
            <dl className="facts card">
              {Object.entries(r)
                .filter(([k, v]) => !HIDDEN.has(k) && v !== null && v !== '' && !(Array.isArray(v) && !v.length))
                .map(([k, v]) => (
                  <div key={k} style={{ display: 'contents' }}>
                    <dt>{k.replace(/_/g, ' ')}</dt>
                    <dd>{show(v)}</dd>
                  </div>
                ))}
            </dl>
            {c.key === 'commitments' && <CommitmentStatus key={`${r.id}-${r.version}`} id={r.id} current={r.status} onDone={state.reload} />}
            <Revisions type={c.type} id={r.id} />
          </article>
        );
      }}
    </Async>
  );
}

function RelationsHome() {
  const { t } = useI18n();
  return <Browser base="/relations" title={t('nav.relations')} collections={RELATIONS} />;
}
function ProtectionHome() {
  const { t } = useI18n();
  return <Browser base="/protection" title={t('nav.protection')} collections={PROTECTION} />;
}

export const recordRoutes: RouteDef[] = [
  { path: '/relations', domain: 'relations', render: () => <RelationsHome /> },
  { path: '/relations/:kind/:id', domain: 'relations', render: (p) => <RecordPage key={p.id} base="/relations" collections={RELATIONS} kind={p.kind} id={p.id} /> },
  { path: '/protection', domain: 'protection', render: () => <ProtectionHome /> },
  { path: '/protection/:kind/:id', domain: 'protection', render: (p) => <RecordPage key={p.id} base="/protection" collections={PROTECTION} kind={p.kind} id={p.id} /> },
];
