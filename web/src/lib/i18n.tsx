/** Interface language (English / French): messages, and dates and numbers through Intl. */
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { type Lang, type MessageKey, messages } from '../messages.ts';

export type { Lang, MessageKey };
export const LANGS: Lang[] = ['en', 'fr'];

export type Vars = Record<string, string | number>;

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const text: string = messages[lang][key] ?? messages.en[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? formatVar(lang, vars[name]) : m));
}

function formatVar(lang: Lang, v: string | number) {
  return typeof v === 'number' ? new Intl.NumberFormat(LOCALE[lang]).format(v) : v;
}

export interface I18n {
  lang: Lang;
  t: (key: MessageKey, vars?: Vars) => string;
  /** A number in the interface language. */
  num: (n: number | null | undefined, opts?: Intl.NumberFormatOptions) => string;
  /** A partial date from a source (YYYY, YYYY-MM, YYYY-MM-DD), with only the precision it has. */
  date: (d: string | null | undefined) => string;
  /** A timestamp (date and time). */
  dateTime: (d: string | Date | null | undefined) => string;
  /** A label given in both languages ({en, fr}), or a plain string. */
  label: (l: unknown) => string;
}

const I18nContext = createContext<I18n | null>(null);

/** Formatting locales: British English (day month year) and French. */
const LOCALE: Record<Lang, string> = { en: 'en-GB', fr: 'fr-FR' };

export function makeI18n(lang: Lang): I18n {
  const loc = LOCALE[lang];
  const nf = new Intl.NumberFormat(loc);
  const day = new Intl.DateTimeFormat(loc, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(loc, { year: 'numeric', month: 'long', timeZone: 'UTC' });
  const stamp = new Intl.DateTimeFormat(loc, { dateStyle: 'medium', timeStyle: 'short' });
  return {
    lang,
    t: (key, vars) => translate(lang, key, vars),
    num: (n, opts) => (n === null || n === undefined || Number.isNaN(n) ? '—' : opts ? new Intl.NumberFormat(loc, opts).format(n) : nf.format(n)),
    date: (d) => {
      if (!d) return '—';
      const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(d);
      if (!m) return d;
      if (m[3]) return day.format(Date.UTC(+m[1], +m[2] - 1, +m[3]));
      if (m[2]) return month.format(Date.UTC(+m[1], +m[2] - 1, 1));
      return m[1];
    },
    dateTime: (d) => {
      if (!d) return '—';
      const v = d instanceof Date ? d : new Date(d);
      return Number.isNaN(v.getTime()) ? String(d) : stamp.format(v);
    },
    label: (l) => {
      if (l === null || l === undefined) return '';
      if (typeof l === 'string') return l;
      if (typeof l === 'object') {
        const o = l as Record<string, unknown>;
        return String(o[lang] ?? o.en ?? o.fr ?? '');
      }
      return String(l);
    },
  };
}

export function I18nProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  const value = useMemo(() => makeI18n(lang), [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

/** Today as YYYY-MM-DD (local day). */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
