import { describe, expect, it } from 'vitest';
import '../../domains.ts';
import { registeredMessages, t, pickLang } from './i18n.ts';

describe('i18n', () => {
  it('every message exists in English and French, with the same placeholders', () => {
    for (const [ns, m] of registeredMessages()) {
      expect(Object.keys(m.fr).sort(), ns).toEqual(Object.keys(m.en).sort());
      for (const k of Object.keys(m.en)) {
        const vars = (s: string) => (s.match(/{{\s*\w+\s*}}/g) ?? []).sort();
        expect(vars(m.fr[k]!), `${ns}:${k}`).toEqual(vars(m.en[k]!));
        expect(m.fr[k]!.trim(), `${ns}:${k}`).not.toBe('');
      }
    }
  });
  it('words messages in the requested language', () => {
    expect(t('fr', 'platform:problem.not-found')).toBe('Introuvable');
    expect(t('en', 'platform:cli.user-created', { username: 'x' })).toContain('x');
  });
  it('picks the language from Accept-Language', () => {
    expect(pickLang('fr-FR,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(pickLang('de, en;q=0.5')).toBe('en');
    expect(pickLang(undefined)).toBe('en');
  });
});
