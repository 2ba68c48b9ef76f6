/** A unit's page: facts with sources, chain of command and subordinate tree at a chosen day, bases, postings, allegations, history. */
import type { ReactNode } from 'react';
import { qs } from '../lib/api.ts';
import { todayIso, useI18n } from '../lib/i18n.tsx';
import { Link, navigate, useLocation } from '../lib/router.tsx';
import { useApi } from '../lib/useApi.ts';
import { Revisions } from '../components/Revisions.tsx';
import { type Citation, Sources } from '../components/Sources.tsx';
import { Async, Badge, dateRange, Empty, ErrorBox, Loading, Sensitivity } from '../components/ui.tsx';
import { DomainSlot } from '../slots.tsx';
import { PostingForm } from '../components/PostingForm.tsx';
import { useSession } from '../lib/session.tsx';

interface UnitRef {
  id: string;
  name: string;
  other_names?: string[];
  kind?: string;
  classifications?: string[];
  placeholder?: boolean;
  country?: string | null;
  sensitivity?: string;
}
interface Commander {
  posting_id: string;
  role?: string | null;
  rank?: string | null;
  title?: string | null;
  start_date?: string | null;
  start_exact?: boolean;
  end_date?: string | null;
  end_state?: string | null;
  confidence?: string | null;
  certain?: boolean;
  sources?: Citation[];
  person: { id: string; name: string };
}
interface Link_ {
  link_id: string;
  kind: string;
  relation_class?: string | null;
  start_date?: string | null;
  start_exact?: boolean;
  end_date?: string | null;
  end_state?: string | null;
  confidence?: string | null;
  certain?: boolean;
  unit: UnitRef;
  sources?: Citation[];
}
interface ChainLevel {
  unit: UnitRef;
  unit_exists?: { valid: boolean; certain: boolean };
  commanders: Commander[];
  deputies: Commander[];
  parent_link: Link_ | null;
  other_parents?: Link_[];
  member_of?: Link_[];
}
interface TreeNode {
  unit: UnitRef;
  link: Link_ | null;
  commanders: Commander[];
  deputies?: Commander[];
  children: TreeNode[];
  members?: TreeNode[] | Link_[];
}

export function CommanderLine({ c }: { c: Commander }) {
  const i18n = useI18n();
  return (
    <li className="commander">
      <Link to={`/registry/persons/${c.person.id}`}>{c.person.name}</Link>
      {c.rank && <span> · {c.rank}</span>}
      {(c.role || c.title) && <span className="muted"> · {[c.role, c.title].filter(Boolean).join(', ')}</span>}
      <span className="muted"> · {dateRange(i18n, c)}</span>
      {c.certain === false && <Badge tone="warning">{i18n.t('unit.uncertain')}</Badge>} <Sources sources={c.sources} />
    </li>
  );
}

function Commanders({ list, deputies }: { list: Commander[]; deputies?: Commander[] }) {
  const { t } = useI18n();
  return (
    <>
      {list.length === 0 ? (
        <p className="muted small">{t('unit.no-commander')}</p>
      ) : (
        <ul className="commanders" aria-label={t('unit.commanders')}>
          {list.map((c) => (
            <CommanderLine key={c.posting_id} c={c} />
          ))}
        </ul>
      )}
      {deputies && deputies.length > 0 && (
        <ul className="commanders deputies" aria-label={t('unit.deputies')}>
          {deputies.map((c) => (
            <CommanderLine key={c.posting_id} c={c} />
          ))}
        </ul>
      )}
    </>
  );
}

function Tree({ node, depth = 0 }: { node: TreeNode; depth?: number }) {
  const i18n = useI18n();
  return (
    <li>
      <div className="tree-node">
        {depth === 0 ? <strong>{node.unit.name}</strong> : <Link to={`/registry/units/${node.unit.id}`}>{node.unit.name}</Link>}
        {node.link && <span className="muted small"> · {dateRange(i18n, node.link)}</span>}
        {node.link && <Sources sources={node.link.sources} />}
        <Commanders list={node.commanders} />
      </div>
      {node.children.length > 0 && (
        <ul>
          {node.children.map((c) => (
            <Tree key={c.unit.id + (c.link?.link_id ?? '')} node={c} depth={depth + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}

function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="card">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export function UnitPage({ id }: { id: string }) {
  const i18n = useI18n();
  const { t, date } = i18n;
  const { query } = useLocation();
  const at = query.get('at') || todayIso();
  const dossier = useApi<any>(`/api/v1/registry/dossier/unit/${encodeURIComponent(id)}`);
  const chain = useApi<{ levels: ChainLevel[]; cycle: boolean; at: string }>(`/api/v1/registry/chain/${encodeURIComponent(id)}${qs({ at })}`);
  const tree = useApi<{ tree: TreeNode }>(`/api/v1/registry/tree/${encodeURIComponent(id)}${qs({ at })}`);
  const session = useSession();
  if (dossier.error) return <ErrorBox error={dossier.error} onRetry={dossier.reload} />;
  if (!dossier.data) return <Loading />;
  const d = dossier.data;
  const u = d.unit;
  const setAt = (v: string) => navigate(`/registry/units/${encodeURIComponent(id)}${qs({ at: v || undefined })}`, { replace: true });
  return (
    <article className="record" data-record-type="unit" data-record-id={u.id}>
      <p className="crumbs">
        <Link to="/registry">{t('nav.registry')}</Link> › {t('type.unit')}
      </p>
      <h1>
        {u.name} <Sensitivity level={u.sensitivity} />
      </h1>
      <div className="badges">
        {u.kind && <Badge>{u.kind}</Badge>}
        {(u.classifications ?? []).map((c: string) => (
          <Badge key={c}>{c}</Badge>
        ))}
        {u.country && <Badge>{u.country}</Badge>}
      </div>
      {u.placeholder && <p className="notice">{t('registry.placeholder')}</p>}
      <div className="grid">
        <Section title={t('unit.facts')} id="facts">
          <dl className="facts">
            {u.other_names?.length > 0 && (
              <>
                <dt>{t('registry.aliases')}</dt>
                <dd>{u.other_names.join(' · ')}</dd>
              </>
            )}
            <dt>{t('registry.dates')}</dt>
            <dd>{dateRange(i18n, u)}</dd>
            {u.notes && (
              <>
                <dt>{t('registry.notes')}</dt>
                <dd>{u.notes}</dd>
              </>
            )}
            <dt>{t('sources.label')}</dt>
            <dd>
              <Sources sources={d.sources} />
            </dd>
          </dl>
        </Section>
        <section aria-labelledby="at-h" className="card at-picker">
          <h2 id="at-h">{t('unit.at')}</h2>
          <label htmlFor="unit-at">{t('unit.at')}</label>
          <input id="unit-at" type="date" value={at} onChange={(e) => setAt(e.target.value)} aria-describedby="unit-at-hint" data-testid="unit-at" />
          <small id="unit-at-hint" className="hint">
            {t('unit.at-hint')}
          </small>
          <p className="muted">{date(at)}</p>
        </section>
      </div>
      <div className="grid">
        <Section title={t('unit.chain')} id="chain-h">
          <Async state={chain}>
            {(c) => (
              <>
                {c.cycle && <p className="error">{t('unit.cycle')}</p>}
                <ol className="chain" data-testid="chain">
                  {c.levels.map((l, i) => (
                    <li key={l.unit.id + i} data-unit-id={l.unit.id}>
                      <div>
                        {i === 0 ? <strong>{l.unit.name}</strong> : <Link to={`/registry/units/${l.unit.id}${qs({ at })}`}>{l.unit.name}</Link>} <Sensitivity level={l.unit.sensitivity} />
                      </div>
                      <Commanders list={l.commanders} deputies={l.deputies} />
                      {l.parent_link && (
                        <div className="muted small">
                          {t('unit.parent-of-level')} {l.parent_link.unit.name} · {dateRange(i18n, l.parent_link)} <Sources sources={l.parent_link.sources} />
                        </div>
                      )}
                      {(l.member_of ?? []).length > 0 && (
                        <div className="small">
                          {t('unit.member-of')}:{' '}
                          {l.member_of!.map((m) => (
                            <span key={m.link_id}>
                              <Link to={`/registry/units/${m.unit.id}`}>{m.unit.name}</Link> <span className="muted">({dateRange(i18n, m)})</span>{' '}
                            </span>
                          ))}
                        </div>
                      )}
                    </li>
                  ))}
                </ol>
                {c.levels.length <= 1 && <Empty>{t('unit.chain-empty')}</Empty>}
              </>
            )}
          </Async>
        </Section>
        <Section title={t('unit.tree')} id="tree-h">
          <Async state={tree}>
            {(tr) =>
              tr.tree.children.length === 0 ? (
                <Empty>{t('unit.tree-empty')}</Empty>
              ) : (
                <ul className="tree" data-testid="tree">
                  <Tree node={tr.tree} />
                </ul>
              )
            }
          </Async>
        </Section>
      </div>
      <Section title={t('unit.bases')} id="bases-h">
        {(d.locations ?? []).length === 0 ? (
          <Empty>{t('unit.no-bases')}</Empty>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('registry.kind')}</th>
                <th scope="col">{t('registry.name')}</th>
                <th scope="col">{t('registry.dates')}</th>
                <th scope="col">{t('sources.label')}</th>
              </tr>
            </thead>
            <tbody>
              {d.locations.map((l: any) => (
                <tr key={l.unit_location_id}>
                  <td>{l.kind === 'site' ? t('unit.base') : t('unit.aoo')}</td>
                  <td>
                    {l.base_name ?? l.label ?? l.location?.name}
                    {l.location?.admin_levels?.length ? <span className="muted small"> · {l.location.admin_levels.map((a: any) => a.name).join(', ')}</span> : null}
                  </td>
                  <td>{dateRange(i18n, l)}</td>
                  <td>
                    <Sources sources={l.sources} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      {session.can('registry:write') && !u.placeholder && (
        <PostingForm
          unitId={u.id}
          onDone={() => {
            dossier.reload();
            chain.reload();
          }}
        />
      )}
      <Section title={t('unit.postings')} id="postings-h">
        {(d.postings ?? []).length === 0 ? (
          <Empty>{t('unit.no-postings')}</Empty>
        ) : (
          <ul className="commanders" data-testid="unit-postings">
            {d.postings.map((p: Commander) => (
              <CommanderLine key={p.posting_id} c={p} />
            ))}
          </ul>
        )}
      </Section>
      {(d.parents ?? []).length > 0 && (
        <Section title={t('unit.parents')} id="parents-h">
          <ul>
            {d.parents.map((p: Link_) => (
              <li key={p.link_id}>
                <Link to={`/registry/units/${p.unit.id}`}>{p.unit.name}</Link> <span className="muted">· {p.relation_class ?? p.kind} · {dateRange(i18n, p)}</span> <Sources sources={p.sources} />
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section title={t('unit.allegations')} id="allegations-h">
        <DomainSlot name="unit-allegations" props={{ unitId: u.id }} />
        <SfmIncidents items={d.incidents ?? []} />
      </Section>
      <Revisions type="registry-unit" id={u.id} />
    </article>
  );
}

export function SfmIncidents({ items, emptyText }: { items: any[]; emptyText?: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (!items.length) return emptyText ? <Empty>{emptyText}</Empty> : null;
  return (
    <table data-testid="sfm-incidents">
      <thead>
        <tr>
          <th scope="col">{t('incident.date')}</th>
          <th scope="col">{t('incident.violations')}</th>
          <th scope="col">{t('incident.location')}</th>
          <th scope="col">{t('incident.description')}</th>
          <th scope="col">{t('sources.label')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((x) => (
          <tr key={x.id}>
            <td>{dateRange(i18n, x)}</td>
            <td>{(x.violation_types ?? []).join(', ')}</td>
            <td>{x.location ?? ''}</td>
            <td>{x.description ?? ''}</td>
            <td>
              <Sources sources={x.sources} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
