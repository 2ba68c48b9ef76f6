/** The frame: sign-in, forced password change, navigation by domain, search, notifications, language. */
import { type FormEvent, useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, api, get, post, put, setApiLanguage, setUnauthenticatedHandler } from './lib/api.ts';
import { I18nProvider, type Lang, LANGS, useI18n } from './lib/i18n.tsx';
import { Link, navigate, RouterProvider, useLocation } from './lib/router.tsx';
import { hasPermission, type Me, type Session, SessionContext, useSession } from './lib/session.tsx';
import { ErrorBox, Loading } from './components/ui.tsx';
import { Routes } from './routes.tsx';
import { NotificationsBell } from './pages/Notifications.tsx';

const LANG_KEY = 'pocdesk.lang';

function initialLang(): Lang {
  const stored = localStorage.getItem(LANG_KEY);
  if (stored === 'en' || stored === 'fr') return stored;
  return navigator.language?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function Root() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [paths, setPaths] = useState<Set<string> | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);

  const applyLang = useCallback((l: Lang) => {
    setLangState(l);
    setApiLanguage(l);
    localStorage.setItem(LANG_KEY, l);
    document.documentElement.lang = l;
  }, []);

  const loadMe = useCallback(async () => {
    try {
      const m = await api<Me>('GET', '/api/v1/auth/me', undefined, { quiet401: true });
      if (m.user?.language) applyLang(m.user.language);
      setMe(m);
      setLoadError(null);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setMe(null);
      else setLoadError(e);
    }
  }, [applyLang]);

  useEffect(() => {
    setApiLanguage(lang);
    document.documentElement.lang = lang;
    loadMe();
    get<{ paths: Record<string, unknown> }>('/api/openapi.json').then(
      (doc) => setPaths(new Set(Object.keys(doc.paths ?? {}))),
      () => setPaths(new Set()),
    );
    setUnauthenticatedHandler(() => setMe(null));
    return () => setUnauthenticatedHandler(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <I18nProvider lang={lang}>
      <RouterProvider>
        {loadError ? (
          <main className="centered">
            <ErrorBox error={loadError} onRetry={loadMe} />
          </main>
        ) : me === undefined || paths === null ? (
          <main className="centered">
            <Loading />
          </main>
        ) : me === null ? (
          <SignIn lang={lang} onLang={applyLang} onSignedIn={loadMe} />
        ) : me.user.mustChangePassword ? (
          <ChangePasswordPage first onDone={loadMe} />
        ) : (
          <SignedIn me={me} paths={paths} applyLang={applyLang} onSignedOut={() => setMe(null)} />
        )}
      </RouterProvider>
    </I18nProvider>
  );
}

function SignedIn({ me, paths, applyLang, onSignedOut }: { me: Me; paths: Set<string>; applyLang: (l: Lang) => void; onSignedOut: () => void }) {
  const session = useMemo<Session>(() => {
    const domains = new Set<string>();
    for (const p of paths) {
      const m = /^\/api\/v1\/([a-z-]+)/.exec(p);
      if (m) domains.add(m[1]);
    }
    return {
      me,
      paths,
      domains,
      can: (perm) => hasPermission(me.permissions, perm),
      setLanguage: async (l) => {
        applyLang(l);
        await put('/api/v1/auth/language', { language: l });
      },
      signOut: async () => {
        await post('/api/v1/auth/logout').catch(() => undefined);
        onSignedOut();
        navigate('/', { replace: true });
      },
    };
  }, [me, paths, applyLang, onSignedOut]);
  return (
    <SessionContext.Provider value={session}>
      <Frame />
    </SessionContext.Provider>
  );
}

function LanguageSwitch({ lang, onChange }: { lang: Lang; onChange: (l: Lang) => void }) {
  const { t } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.label')}>
      {LANGS.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={lang === l} className={lang === l ? 'active' : ''} onClick={() => onChange(l)} data-testid={`lang-${l}`}>
          {t(`lang.${l}`)}
        </button>
      ))}
    </div>
  );
}

interface NavItem {
  to: string;
  key: Parameters<ReturnType<typeof useI18n>['t']>[0];
  domain?: string;
  permission?: string;
}

const NAV: NavItem[] = [
  { to: '/', key: 'nav.overview' },
  { to: '/registry', key: 'nav.registry', domain: 'registry', permission: 'registry:read' },
  { to: '/incidents', key: 'nav.incidents', domain: 'incidents', permission: 'incidents:read' },
  { to: '/hrddp', key: 'nav.hrddp', domain: 'hrddp', permission: 'hrddp:read' },
  { to: '/screening', key: 'nav.screening', domain: 'screening', permission: 'screening:read' },
  { to: '/relations', key: 'nav.relations', domain: 'relations', permission: 'relations:read' },
  { to: '/protection', key: 'nav.protection', domain: 'protection', permission: 'protection:read' },
];

function Frame() {
  const { t, lang } = useI18n();
  const session = useSession();
  const { path } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [path]);
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setMenuOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [menuOpen]);
  const items = NAV.filter((n) => (!n.domain || session.domains.has(n.domain)) && (!n.permission || session.can(n.permission)));
  const admin = session.can('users:manage') || session.can('settings:manage');
  const active = (to: string) => (to === '/' ? path === '/' : path === to || path.startsWith(to + '/'));
  return (
    <div className="frame">
      <a href="#main" className="skip">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <button type="button" className="menu-toggle" aria-expanded={menuOpen} aria-controls="sidenav" onClick={() => setMenuOpen(!menuOpen)}>
          {t('nav.menu')}
        </button>
        <GlobalSearch />
        <NotificationsBell />
        <LanguageSwitch lang={lang} onChange={(l) => session.setLanguage(l)} />
        <Link to="/account" className="account-link">
          {session.me.user.displayName}
        </Link>
        <button type="button" className="link-button" onClick={() => session.signOut()}>
          {t('nav.signout')}
        </button>
      </header>
      <div className="body">
        <nav id="sidenav" className={`sidenav${menuOpen ? ' open' : ''}`} aria-label={t('nav.label')}>
          <ul>
            {items.map((n) => (
              <li key={n.to}>
                <Link to={n.to} aria-current={active(n.to) ? 'page' : undefined}>
                  {t(n.key)}
                </Link>
              </li>
            ))}
          </ul>
          {admin && (
            <>
              <h2 className="nav-heading">{t('nav.admin')}</h2>
              <ul>
                {session.can('users:manage') && (
                  <li>
                    <Link to="/admin/users" aria-current={active('/admin/users') ? 'page' : undefined}>
                      {t('nav.users')}
                    </Link>
                  </li>
                )}
                <li>
                  <Link to="/admin/settings" aria-current={active('/admin/settings') ? 'page' : undefined}>
                    {t('nav.settings')}
                  </Link>
                </li>
              </ul>
            </>
          )}
        </nav>
        <main id="main" tabIndex={-1}>
          <Routes />
        </main>
      </div>
    </div>
  );
}

function GlobalSearch() {
  const { t } = useI18n();
  const { path, query } = useLocation();
  const [q, setQ] = useState(path === '/search' ? (query.get('q') ?? '') : '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (q.trim()) navigate(`/search?q=${encodeURIComponent(q.trim())}`);
  };
  return (
    <form role="search" className="global-search" onSubmit={submit}>
      <label htmlFor="global-search" className="visually-hidden">
        {t('search.label')}
      </label>
      <input id="global-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('search.placeholder')} autoComplete="off" />
      <button type="submit">{t('app.search')}</button>
    </form>
  );
}

function SignIn({ lang, onLang, onSignedIn }: { lang: Lang; onLang: (l: Lang) => void; onSignedIn: () => void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/api/v1/auth/login', { username, password }, { quiet401: true });
      onSignedIn();
    } catch (err) {
      const s = err instanceof ApiError ? err.status : 0;
      setError(s === 423 ? t('login.locked') : s === 403 ? t('login.disabled') : s === 429 ? t('login.rate') : s === 0 ? t('error.network') : t('login.failed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="centered sign-in" id="main">
      <div className="card narrow">
        <h1>{t('app.name')}</h1>
        <p className="muted">{t('app.tagline')}</p>
        <LanguageSwitch lang={lang} onChange={onLang} />
        <form onSubmit={submit} aria-labelledby="login-title">
          <h2 id="login-title">{t('login.title')}</h2>
          <div className="field">
            <label htmlFor="login-username">{t('login.username')}</label>
            <input id="login-username" name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
          </div>
          <div className="field">
            <label htmlFor="login-password">{t('login.password')}</label>
            <input id="login-password" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          </div>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {t('login.submit')}
          </button>
        </form>
      </div>
    </main>
  );
}

export function ChangePasswordPage({ first, onDone }: { first?: boolean; onDone?: () => void }) {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (next !== confirm) return setError(new ApiError(400, '', t('password.mismatch'), [{ field: 'confirm', reason: t('password.mismatch') }]));
    try {
      await post('/api/v1/auth/password', { currentPassword: current, newPassword: next });
      setDone(true);
      setCurrent('');
      setNext('');
      setConfirm('');
      onDone?.();
    } catch (err) {
      setError(err);
    }
  };
  const fieldErr = (f: string) => (error instanceof ApiError ? error.forField(f) : []);
  const form = (
    <form onSubmit={submit} className={first ? 'card narrow' : ''} aria-labelledby="pw-title">
      <h2 id="pw-title">{t('password.title')}</h2>
      {first && <p>{t('password.first')}</p>}
      <div className={`field${fieldErr('currentPassword').length ? ' invalid' : ''}`}>
        <label htmlFor="pw-current">{t('password.current')}</label>
        <input id="pw-current" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
        {fieldErr('currentPassword').map((r) => (
          <small className="field-error" key={r}>
            {r}
          </small>
        ))}
      </div>
      <div className={`field${fieldErr('newPassword').length ? ' invalid' : ''}`}>
        <label htmlFor="pw-new">{t('password.new')}</label>
        <input id="pw-new" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} required />
        {fieldErr('newPassword').map((r) => (
          <small className="field-error" key={r}>
            {r}
          </small>
        ))}
      </div>
      <div className={`field${fieldErr('confirm').length ? ' invalid' : ''}`}>
        <label htmlFor="pw-confirm">{t('password.confirm')}</label>
        <input id="pw-confirm" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} required />
        {fieldErr('confirm').map((r) => (
          <small className="field-error" key={r}>
            {r}
          </small>
        ))}
      </div>
      {error && !(error instanceof ApiError && error.problems.length) ? <ErrorBox error={error} /> : null}
      {done && <p role="status">{t('password.changed')}</p>}
      <button type="submit" className="primary">
        {t('password.submit')}
      </button>
    </form>
  );
  return first ? <main className="centered" id="main">{form}</main> : form;
}
