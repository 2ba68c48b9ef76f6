/** A person's page: identity with sources, career timeline and postings, linked allegations, history. */
import { useI18n } from '../lib/i18n.tsx';
import { Link } from '../lib/router.tsx';
import { useApi } from '../lib/useApi.ts';
import { Revisions } from '../components/Revisions.tsx';
import { Sources } from '../components/Sources.tsx';
import { Async, Badge, dateRange, Empty, Sensitivity } from '../components/ui.tsx';
import { DomainSlot } from '../slots.tsx';
import { SfmIncidents } from './Unit.tsx';

/** Start and end of a partial-date range as fractional years, for drawing. */
function span(p: { start_date?: string | null; end_date?: string | null; end_state?: string | null }, nowYear: number): [number, number] | null {
  const y = (d?: string | null, end = false) => {
    const m = d ? /^(\d{4})(?:-(\d{2}))?/.exec(d) : null;
    if (!m) return null;
    const month = m[2] ? +m[2] - 1 : end ? 11 : 0;
    return +m[1] + (month + (end ? 1 : 0)) / 12;
  };
  const s = y(p.start_date);
  let e = y(p.end_date, true);
  if (e === null && (p.end_state === 'open' || !p.end_date)) e = p.end_state === 'open' ? nowYear : s !== null ? s + 0.25 : null;
  if (s === null && e === null) return null;
  return [s ?? e! - 0.25, e ?? s! + 0.25];
}

function Timeline({ career }: { career: any[] }) {
  const i18n = useI18n();
  const now = new Date();
  const nowYear = now.getFullYear() + now.getMonth() / 12;
  const rows = career.map((p) => ({ p, s: span(p, nowYear) })).filter((r) => r.s);
  if (!rows.length) return null;
  const min = Math.floor(Math.min(...rows.map((r) => r.s![0])));
  const max = Math.ceil(Math.max(...rows.map((r) => r.s![1])));
  const width = Math.max(1, max - min);
  const years: number[] = [];
  const step = width > 20 ? 5 : width > 8 ? 2 : 1;
  for (let y = min; y <= max; y += step) years.push(y);
  return (
    <figure className="timeline" aria-label={i18n.t('person.timeline')}>
      <div className="timeline-axis" aria-hidden="true">
        {years.map((y) => (
          <span key={y} style={{ left: `${((y - min) / width) * 100}%` }}>
            {y}
          </span>
        ))}
      </div>
      {rows.map(({ p, s }) => (
        <div className="timeline-row" key={p.posting_id}>
          <div
            className={`timeline-bar${p.command === 'head' ? ' head' : ''}`}
            style={{ left: `${((s![0] - min) / width) * 100}%`, width: `${Math.max(1.5, ((s![1] - s![0]) / width) * 100)}%` }}
            title={`${p.unit?.name ?? ''} — ${dateRange(i18n, p)}`}
          >
            <span>
              {p.unit?.name}
              {p.rank ? ` · ${p.rank}` : ''}
            </span>
          </div>
        </div>
      ))}
    </figure>
  );
}

export function PersonPage({ id }: { id: string }) {
  const i18n = useI18n();
  const { t, date } = i18n;
  const dossier = useApi<any>(`/api/v1/registry/dossier/person/${encodeURIComponent(id)}`);
  return (
    <Async state={dossier}>
      {(d) => {
        const p = d.person;
        return (
          <article className="record" data-record-type="person" data-record-id={p.id}>
            <p className="crumbs">
              <Link to="/registry">{t('nav.registry')}</Link> › {t('type.person')}
            </p>
            <h1>
              {p.name} <Sensitivity level={p.sensitivity} />
            </h1>
            <section className="card" aria-labelledby="facts-h">
              <h2 id="facts-h">{t('unit.facts')}</h2>
              <dl className="facts">
                {p.other_names?.length > 0 && (
                  <>
                    <dt>{t('registry.aliases')}</dt>
                    <dd>{p.other_names.join(' · ')}</dd>
                  </>
                )}
                {p.original_script_names?.length > 0 && (
                  <>
                    <dt>{t('person.script')}</dt>
                    <dd>{p.original_script_names.join(' · ')}</dd>
                  </>
                )}
                {p.birth_date && (
                  <>
                    <dt>{t('person.birth')}</dt>
                    <dd>{date(p.birth_date)}</dd>
                  </>
                )}
                {p.gender && (
                  <>
                    <dt>{t('person.gender')}</dt>
                    <dd>{p.gender}</dd>
                  </>
                )}
                {(p.nationalities ?? []).length > 0 && (
                  <>
                    <dt>{t('person.nationality')}</dt>
                    <dd>{p.nationalities.join(', ')}</dd>
                  </>
                )}
                {p.notes && (
                  <>
                    <dt>{t('registry.notes')}</dt>
                    <dd>{p.notes}</dd>
                  </>
                )}
                <dt>{t('sources.label')}</dt>
                <dd>
                  <Sources sources={d.sources} />
                </dd>
              </dl>
            </section>
            <section className="card" aria-labelledby="career-h">
              <h2 id="career-h">{t('person.career')}</h2>
              {(d.career ?? []).length === 0 ? (
                <Empty>{t('person.no-career')}</Empty>
              ) : (
                <>
                  <Timeline career={d.career} />
                  <table data-testid="career">
                    <thead>
                      <tr>
                        <th scope="col">{t('person.unit')}</th>
                        <th scope="col">{t('person.role')}</th>
                        <th scope="col">{t('person.rank')}</th>
                        <th scope="col">{t('registry.dates')}</th>
                        <th scope="col">{t('sources.label')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.career.map((c: any) => (
                        <tr key={c.posting_id}>
                          <td>
                            <Link to={`/registry/units/${c.unit.id}`}>{c.unit.name}</Link> <Sensitivity level={c.sensitivity} />
                          </td>
                          <td>
                            {[c.role, c.title].filter(Boolean).join(', ')}
                            {c.command === 'head' && <Badge>{t('person.command')}</Badge>}
                          </td>
                          <td>{c.rank ?? ''}</td>
                          <td>{dateRange(i18n, c)}</td>
                          <td>
                            <Sources sources={c.sources} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </>
              )}
            </section>
            <section className="card" aria-labelledby="alleg-h">
              <h2 id="alleg-h">{t('person.allegations')}</h2>
              <DomainSlot name="person-allegations" props={{ personId: p.id }} />
              <SfmIncidents items={d.incidents ?? []} />
              {(d.incidents_under_command ?? []).length > 0 && (
                <>
                  <h3>{t('person.under-command')}</h3>
                  <SfmIncidents items={d.incidents_under_command} />
                </>
              )}
            </section>
            <Revisions type="registry-person" id={p.id} />
          </article>
        );
      }}
    </Async>
  );
}
