/** Every string of the web app exists in English and French, with the same placeholders. */
import { describe, expect, it } from 'vitest';
import { messages } from '../../web/src/messages.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('web app messages', () => {
  const en = Object.keys(messages.en);
  const fr = Object.keys(messages.fr);

  it('has every English key in French and every French key in English', () => {
    expect(fr.filter((k) => !en.includes(k))).toEqual([]);
    expect(en.filter((k) => !fr.includes(k))).toEqual([]);
    expect(en.length).toBeGreaterThan(100);
  });

  it('has no empty text and the same placeholders in both languages', () => {
    const bad: string[] = [];
    for (const k of en) {
      const e = (messages.en as Record<string, string>)[k];
      const f = (messages.fr as Record<string, string>)[k];
      if (!e?.trim() || !f?.trim()) bad.push(`${k}: empty`);
      else if (placeholders(e).join() !== placeholders(f).join()) bad.push(`${k}: {${placeholders(e)}} vs {${placeholders(f)}}`);
    }
    expect(bad).toEqual([]);
  });

  it('uses only keys that exist, in every screen', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = join(import.meta.dirname, '../../web/src');
    const files: string[] = [];
    const walk = (d: string) => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(n) && n !== 'messages.ts') files.push(p);
      }
    };
    walk(root);
    const missing: string[] = [];
    for (const f of files) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\bt\(\s*'([a-z0-9.-]+)'/g)) if (!en.includes(m[1])) missing.push(`${f.slice(root.length + 1)}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });
});
