/** Administration: users and roles; settings as JSON editors with validation errors by field. */
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { ApiError, patch, post, put } from '../lib/api.ts';
import { type Lang, useI18n } from '../lib/i18n.tsx';
import { Link } from '../lib/router.tsx';
import { useApi } from '../lib/useApi.ts';
import { Async, Empty, ErrorBox, Field } from '../components/ui.tsx';

interface User {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  roles: string[];
  compartments: string[];
  language: Lang;
  disabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
}
interface RolePolicy {
  roles: Record<string, { label: { en: string; fr: string }; clearance: string; permissions: string[] }>;
}

function RoleChecks({ roles, policy, value, onChange, idPrefix }: { roles: string[]; policy: RolePolicy; value: string[]; onChange: (v: string[]) => void; idPrefix: string }) {
  const i18n = useI18n();
  return (
    <fieldset className="checks">
      <legend>{i18n.t('users.roles')}</legend>
      {roles.map((r) => (
        <label key={r} htmlFor={`${idPrefix}-${r}`}>
          <input id={`${idPrefix}-${r}`} type="checkbox" checked={value.includes(r)} onChange={(e) => onChange(e.target.checked ? [...value, r] : value.filter((x) => x !== r))} />{' '}
          {i18n.label(policy.roles[r]?.label) || r}
        </label>
      ))}
    </fieldset>
  );
}

export function UsersPage() {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const users = useApi<{ users: User[] }>('/api/v1/users');
  const policy = useApi<{ value: RolePolicy }>('/api/v1/settings/access.roles');
  const [secret, setSecret] = useState<{ text: string; password: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const roleNames = policy.data ? Object.keys(policy.data.value.roles) : [];

  const act = async (fn: () => Promise<void>) => {
    setError(null);
    try {
      await fn();
      users.reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <h1>{t('users.title')}</h1>
      <p className="muted">
        {t('users.roles-policy', { key: 'access.roles' })} <Link to="/admin/settings/access.roles">{t('nav.settings')}</Link>
      </p>
      {secret && (
        <div className="notice" role="status">
          <p>{secret.text}</p>
          <code className="secret" data-testid="one-time-password">
            {secret.password}
          </code>
          <button type="button" onClick={() => setSecret(null)}>
            {t('app.close')}
          </button>
        </div>
      )}
      <ErrorBox error={error} />
      {policy.data && (
        <NewUser
          roles={roleNames}
          policy={policy.data.value}
          onCreated={(username, password) => {
            if (password) setSecret({ text: t('users.created', { username }), password });
            users.reload();
          }}
        />
      )}
      <Async state={users}>
        {(d) =>
          d.users.length === 0 ? (
            <Empty />
          ) : (
            <table data-testid="users">
              <thead>
                <tr>
                  <th scope="col">{t('users.username')}</th>
                  <th scope="col">{t('users.roles')}</th>
                  <th scope="col">{t('users.language')}</th>
                  <th scope="col">{t('users.status')}</th>
                  <th scope="col">{t('users.last-login')}</th>
                  <th scope="col"></th>
                </tr>
              </thead>
              <tbody>
                {d.users.map((u) => (
                  <UserRow
                    key={u.id}
                    u={u}
                    roleNames={roleNames}
                    policy={policy.data?.value}
                    onSaveRoles={(roles) => act(async () => void (await patch(`/api/v1/users/${u.username}`, { roles })))}
                    onToggle={() => act(async () => void (await patch(`/api/v1/users/${u.username}`, { disabled: !u.disabled })))}
                    onReset={() =>
                      act(async () => {
                        const r = await post<{ oneTimePassword: string }>(`/api/v1/users/${u.username}/reset-password`);
                        setSecret({ text: t('users.reset-done', { username: u.username }), password: r.oneTimePassword });
                      })
                    }
                    lastLogin={u.lastLoginAt ? dateTime(u.lastLoginAt) : t('users.never')}
                  />
                ))}
              </tbody>
            </table>
          )
        }
      </Async>
    </>
  );
}

function UserRow({ u, roleNames, policy, onSaveRoles, onToggle, onReset, lastLogin }: { u: User; roleNames: string[]; policy?: RolePolicy; onSaveRoles: (r: string[]) => void; onToggle: () => void; onReset: () => void; lastLogin: string }) {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const [roles, setRoles] = useState(u.roles);
  useEffect(() => setRoles(u.roles), [u.roles]);
  const dirty = roles.slice().sort().join() !== u.roles.slice().sort().join();
  return (
    <tr data-username={u.username}>
      <th scope="row">
        {u.username}
        <div className="muted small">{u.displayName}</div>
      </th>
      <td>
        {policy ? (
          <details>
            <summary>{u.roles.map((r) => i18n.label(policy.roles[r]?.label) || r).join(', ')}</summary>
            <RoleChecks roles={roleNames} policy={policy} value={roles} onChange={setRoles} idPrefix={`roles-${u.username}`} />
            <button type="button" disabled={!dirty || roles.length === 0} onClick={() => onSaveRoles(roles)}>
              {t('users.save-roles')}
            </button>
          </details>
        ) : (
          u.roles.join(', ')
        )}
      </td>
      <td>{t(`lang.${u.language}`)}</td>
      <td>{u.disabled ? t('users.disabled') : u.lockedUntil && new Date(u.lockedUntil) > new Date() ? t('users.locked', { at: dateTime(u.lockedUntil) }) : t('users.active')}</td>
      <td>{lastLogin}</td>
      <td className="actions">
        <button type="button" onClick={onReset}>
          {t('users.reset')}
        </button>
        <button type="button" onClick={onToggle}>
          {u.disabled ? t('users.enable') : t('users.disable')}
        </button>
      </td>
    </tr>
  );
}

function NewUser({ roles, policy, onCreated }: { roles: string[]; policy: RolePolicy; onCreated: (username: string, password?: string) => void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [compartments, setCompartments] = useState('');
  const [language, setLanguage] = useState<Lang>('en');
  const [error, setError] = useState<unknown>(null);
  const fe = (f: string) => (error instanceof ApiError ? error.forField(f) : []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await post<{ user: User; oneTimePassword?: string }>('/api/v1/users', {
        username: username.trim(),
        displayName: displayName.trim() || undefined,
        email: email.trim() || null,
        roles: chosen,
        compartments: compartments
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        language,
      });
      onCreated(r.user.username, r.oneTimePassword);
      setUsername('');
      setDisplayName('');
      setEmail('');
      setChosen([]);
      setCompartments('');
    } catch (err) {
      setError(err);
    }
  };
  return (
    <details className="card">
      <summary>{t('users.new')}</summary>
      <form onSubmit={submit} className="form-grid" data-testid="new-user">
        <Field label={t('users.username')} id="nu-username" error={fe('username')}>
          <input id="nu-username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </Field>
        <Field label={t('users.display-name')} id="nu-display">
          <input id="nu-display" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </Field>
        <Field label={t('users.email')} id="nu-email" error={fe('email')}>
          <input id="nu-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label={t('users.language')} id="nu-lang">
          <select id="nu-lang" value={language} onChange={(e) => setLanguage(e.target.value as Lang)}>
            <option value="en">{t('lang.en')}</option>
            <option value="fr">{t('lang.fr')}</option>
          </select>
        </Field>
        <Field label={t('users.compartments')} id="nu-comp" hint={t('users.compartments-hint')} error={fe('compartments')}>
          <input id="nu-comp" value={compartments} onChange={(e) => setCompartments(e.target.value)} />
        </Field>
        <div className={fe('roles').length ? 'invalid' : ''}>
          <RoleChecks roles={roles} policy={policy} value={chosen} onChange={setChosen} idPrefix="nu-role" />
          {fe('roles').map((r) => (
            <small className="field-error" key={r}>
              {r}
            </small>
          ))}
        </div>
        {error && !(error instanceof ApiError && error.problems.length) ? <ErrorBox error={error} /> : null}
        <button type="submit" className="primary">
          {t('app.create')}
        </button>
      </form>
    </details>
  );
}

interface SettingSummary {
  key: string;
  label: { en: string; fr: string };
  description: { en: string; fr: string } | null;
  value: unknown;
}

const GROUPS = ['access', 'auth', 'registry', 'incidents', 'hrddp', 'screening', 'relations', 'protection', 'map'] as const;

export function SettingsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const state = useApi<{ settings: SettingSummary[] }>('/api/v1/settings');
  return (
    <>
      <h1>{t('settings.title')}</h1>
      <p className="muted">{t('settings.intro')}</p>
      <Async state={state}>
        {(d) => {
          const groups = new Map<string, SettingSummary[]>();
          for (const s of d.settings) {
            const g = s.key.split('.')[0];
            const k = (GROUPS as readonly string[]).includes(g) ? g : 'other';
            groups.set(k, [...(groups.get(k) ?? []), s]);
          }
          return [...GROUPS, 'other'].filter((g) => groups.has(g)).map((g) => (
            <section key={g} className="card" aria-labelledby={`sg-${g}`}>
              <h2 id={`sg-${g}`}>{t(`settings.group.${g}` as any)}</h2>
              <ul className="settings-list">
                {groups.get(g)!.map((s) => (
                  <li key={s.key}>
                    <Link to={`/admin/settings/${encodeURIComponent(s.key)}`}>{i18n.label(s.label)}</Link> <code className="muted">{s.key}</code>
                    {s.description && <div className="muted small">{i18n.label(s.description)}</div>}
                  </li>
                ))}
              </ul>
            </section>
          ));
        }}
      </Async>
    </>
  );
}

/** Line and column of a JSON syntax error, where the engine tells the position. */
function jsonProblem(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    const msg = String((e as Error).message);
    const m = /position (\d+)/.exec(msg);
    if (!m) return msg;
    const pos = +m[1];
    const before = text.slice(0, pos).split('\n');
    return `${msg} (line ${before.length}, column ${before[before.length - 1].length + 1})`;
  }
}

export function SettingEditor({ settingKey }: { settingKey: string }) {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const state = useApi<{ key: string; value: unknown; versions: any[] }>(`/api/v1/settings/${encodeURIComponent(settingKey)}`);
  const list = useApi<{ settings: SettingSummary[] }>('/api/v1/settings');
  const meta = list.data?.settings.find((s) => s.key === settingKey);
  const original = useMemo(() => (state.data ? JSON.stringify(state.data.value, null, 2) : ''), [state.data]);
  const [text, setText] = useState('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => setText(original), [original]);
  const syntax = text ? jsonProblem(text) : null;
  const problems = error instanceof ApiError ? error.problems : [];
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setError(null);
    if (syntax) return;
    try {
      await put(`/api/v1/settings/${encodeURIComponent(settingKey)}`, { value: JSON.parse(text), comment: comment || undefined });
      setSaved(true);
      setComment('');
      state.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <p className="crumbs">
        <Link to="/admin/settings">{t('settings.title')}</Link> › <code>{settingKey}</code>
      </p>
      <h1>{meta ? i18n.label(meta.label) : settingKey}</h1>
      {meta?.description && <p className="muted">{i18n.label(meta.description)}</p>}
      <Async state={state}>
        {(d) => (
          <>
            <form onSubmit={save} className="setting-editor" data-testid="setting-editor">
              <div className={`field${syntax || problems.length ? ' invalid' : ''}`}>
                <label htmlFor="setting-json">{t('settings.value')}</label>
                <textarea
                  id="setting-json"
                  spellCheck={false}
                  value={text}
                  onChange={(e) => {
                    setText(e.target.value);
                    setSaved(false);
                  }}
                  rows={Math.min(40, Math.max(8, text.split('\n').length + 1))}
                  aria-invalid={!!syntax || problems.length > 0}
                  aria-describedby="setting-problems"
                />
                <div id="setting-problems" aria-live="polite">
                  {syntax && <small className="field-error">{t('settings.json-error', { message: syntax })}</small>}
                  {problems.length > 0 && (
                    <ul className="field-problems" data-testid="setting-problems">
                      {problems.map((p, i) => (
                        <li key={i}>
                          <code>{p.field.replace(/^value\.?/, '') || '(value)'}</code>: {p.reason}
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              </div>
              {error && !problems.length ? <ErrorBox error={error} /> : null}
              <Field label={t('settings.comment')} id="setting-comment">
                <input id="setting-comment" value={comment} onChange={(e) => setComment(e.target.value)} />
              </Field>
              <div className="buttons">
                <button type="submit" className="primary" disabled={!!syntax || text === original}>
                  {t('app.save')}
                </button>
                <button type="button" disabled={!!syntax} onClick={() => setText(JSON.stringify(JSON.parse(text), null, 2))}>
                  {t('settings.format')}
                </button>
                <button type="button" onClick={() => setText(original)} disabled={text === original}>
                  {t('settings.reset')}
                </button>
              </div>
              {saved && <p role="status">{t('settings.saved')}</p>}
            </form>
            <section className="card" aria-labelledby="versions-h">
              <h2 id="versions-h">{t('settings.versions')}</h2>
              {d.versions.length === 0 ? (
                <p className="muted">{t('settings.default')}</p>
              ) : (
                <ol reversed>
                  {[...d.versions].reverse().map((v: any, i: number) => (
                    <li key={i}>
                      {v.version !== undefined ? t('settings.version', { n: v.version }) : ''} {dateTime(v.changed_at)} · {v.changed_by}
                      {v.comment && <span className="muted"> — {v.comment}</span>}
                    </li>
                  ))}
                </ol>
              )}
            </section>
          </>
        )}
      </Async>
    </>
  );
}
