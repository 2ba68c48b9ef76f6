/**
 * Server-side wording in English and French (API problem titles, CLI messages, documents). Each domain
 * registers its own namespace of messages; a missing French message is a test failure, not a fallback.
 */
import i18next, { type i18n as I18n } from 'i18next';

export type Lang = 'en' | 'fr';
export const LANGS: Lang[] = ['en', 'fr'];

export interface Messages {
  en: Record<string, string>;
  fr: Record<string, string>;
}

const namespaces = new Map<string, Messages>();
let instance: I18n | null = null;

export function registerMessages(ns: string, messages: Messages) {
  namespaces.set(ns, messages);
  if (instance) {
    instance.addResourceBundle('en', ns, messages.en, true, true);
    instance.addResourceBundle('fr', ns, messages.fr, true, true);
  }
}

export function registeredMessages(): Map<string, Messages> {
  return namespaces;
}

function i18n(): I18n {
  if (instance) return instance;
  const inst = i18next.createInstance();
  const resources: Record<string, Record<string, Record<string, string>>> = { en: {}, fr: {} };
  for (const [ns, m] of namespaces) {
    resources.en![ns] = m.en;
    resources.fr![ns] = m.fr;
  }
  inst.init({ resources, lng: 'en', fallbackLng: false, ns: [...namespaces.keys()], defaultNS: 'platform', interpolation: { escapeValue: false }, initAsync: false, showSupportNotice: false } as any);
  instance = inst;
  return inst;
}

/** t('fr', 'platform:problem.not-found') */
export function t(lang: Lang, key: string, vars?: Record<string, unknown>): string {
  return i18n().t(key, { lng: lang, ...vars }) as string;
}

export function pickLang(header: string | undefined | null, fallback: Lang = 'en'): Lang {
  if (!header) return fallback;
  for (const part of header.split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    if (tag.startsWith('fr')) return 'fr';
    if (tag.startsWith('en')) return 'en';
  }
  return fallback;
}

registerMessages('platform', {
  en: {
    'problem.validation': 'The input is not valid',
    'problem.not-found': 'Not found',
    'problem.forbidden': 'Not allowed',
    'problem.unauthenticated': 'Sign-in required',
    'problem.conflict': 'Conflict with the current state',
    'problem.login-failed': 'Sign-in failed',
    'problem.too-large': 'The request body is too large',
    'problem.rate-limited': 'Too many requests; wait and try again',
    'problem.csrf': 'Missing anti-forgery header',
    'problem.internal': 'Internal error; it has been logged',
    'problem.bad-request': 'Bad request',
    'cli.first-admin': 'First start: created the administrator "{{username}}" with the one-time password below. It is shown only once; change it at first sign-in.',
    'cli.listening': 'pocdesk is serving on {{url}} (database: {{db}})',
    'cli.audit-ok': 'Audit trail intact: {{count}} entries verified.',
    'cli.audit-bad': 'Audit trail broken at entry {{seq}}: {{reason}}.',
    'cli.user-created': 'Created user {{username}}.',
    'cli.one-time-password': 'One-time password (shown once): {{password}}',
    'cli.user-disabled': 'Disabled user {{username}}.',
    'cli.token-created': 'Created token {{name}} ({{id}}). Secret (shown once): {{token}}',
    'cli.token-revoked': 'Revoked token {{id}}.',
    'cli.setting-updated': 'Setting {{key}} is now at version {{version}}.',
    'cli.backup-written': 'Backup written to {{file}}: {{rows}} rows in {{tables}} tables.',
    'cli.restored': 'Restored {{rows}} rows in {{tables}} tables from {{file}}; audit trail verified ({{count}} entries).',
    'cli.error': 'Error: {{message}}',
  },
  fr: {
    'problem.validation': 'Les données saisies ne sont pas valides',
    'problem.not-found': 'Introuvable',
    'problem.forbidden': 'Action non autorisée',
    'problem.unauthenticated': 'Connexion requise',
    'problem.conflict': 'Conflit avec l’état actuel',
    'problem.login-failed': 'Échec de la connexion',
    'problem.too-large': 'Le corps de la requête est trop volumineux',
    'problem.rate-limited': 'Trop de requêtes ; patientez puis réessayez',
    'problem.csrf': 'En-tête anti-falsification manquant',
    'problem.internal': 'Erreur interne ; elle a été journalisée',
    'problem.bad-request': 'Requête invalide',
    'cli.first-admin': 'Premier démarrage : l’administrateur « {{username}} » a été créé avec le mot de passe à usage unique ci-dessous. Il n’est affiché qu’une fois ; changez-le à la première connexion.',
    'cli.listening': 'pocdesk est servi sur {{url}} (base de données : {{db}})',
    'cli.audit-ok': 'Journal d’audit intact : {{count}} entrées vérifiées.',
    'cli.audit-bad': 'Journal d’audit rompu à l’entrée {{seq}} : {{reason}}.',
    'cli.user-created': 'Utilisateur {{username}} créé.',
    'cli.one-time-password': 'Mot de passe à usage unique (affiché une seule fois) : {{password}}',
    'cli.user-disabled': 'Utilisateur {{username}} désactivé.',
    'cli.token-created': 'Jeton {{name}} ({{id}}) créé. Secret (affiché une seule fois) : {{token}}',
    'cli.token-revoked': 'Jeton {{id}} révoqué.',
    'cli.setting-updated': 'Le paramètre {{key}} est maintenant à la version {{version}}.',
    'cli.backup-written': 'Sauvegarde écrite dans {{file}} : {{rows}} lignes dans {{tables}} tables.',
    'cli.restored': '{{rows}} lignes dans {{tables}} tables restaurées depuis {{file}} ; journal d’audit vérifié ({{count}} entrées).',
    'cli.error': 'Erreur : {{message}}',
  },
});
