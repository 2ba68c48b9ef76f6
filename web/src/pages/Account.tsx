/** The signed-in user's own page: roles, clearance, language, password. */
import { ChangePasswordPage } from '../App.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { useSession } from '../lib/session.tsx';

export function AccountPage() {
  const { t } = useI18n();
  const { me } = useSession();
  return (
    <>
      <h1>{t('account.title')}</h1>
      <dl className="facts card">
        <dt>{t('users.username')}</dt>
        <dd>{me.user.username}</dd>
        <dt>{t('account.roles')}</dt>
        <dd>{me.user.roles.join(', ')}</dd>
        <dt>{t('account.clearance')}</dt>
        <dd>{t(`sensitivity.${me.clearance}` as any)}</dd>
        <dt>{t('users.language')}</dt>
        <dd>{t(`lang.${me.user.language}`)}</dd>
      </dl>
      <section className="card">
        <ChangePasswordPage />
      </section>
    </>
  );
}
