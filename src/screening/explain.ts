/**
 * Renders a match explanation as readable text in English or French, for the screening officer and
 * for the record. The structured explanation stays the source of truth; this is only its wording.
 * Pure module, no I/O.
 */
import type { Adjustment, AlignmentKind, Match, NameQuality } from './matcher.ts';
import type { StrippedTerm } from './normalise.ts';

export type Lang = 'en' | 'fr';

const T = {
  en: {
    head: (name: string, quality: string, list: string, id: string, score: string, threshold: string) =>
      `Possible match with “${name}” (${quality}), list ${list}, entry ${id}: score ${score} (threshold ${threshold}).`,
    quality: { primary: 'main name', good: 'alias', low: 'low-quality alias' } as Record<NameQuality, string>,
    strippedQuery: 'Removed from the screened name before matching',
    strippedEntry: 'Removed from the listed name before matching',
    stripKind: { rank: 'rank', title: 'title', honorific: 'honorific' } as Record<StrippedTerm['kind'], string>,
    particles: 'Ignored connecting words',
    parts: 'Name parts:',
    kind: {
      exact: 'same',
      equivalent: 'same name, other spelling',
      transliterated: 'same name, transliterated from another script',
      typo: 'spelling difference',
      initial: 'initial',
      'missing-in-query': 'listed part absent from the screened name',
      'extra-in-query': 'screened part absent from the listed name',
    } as Record<AlignmentKind, string>,
    similarity: 'similarity',
    counted: (pct: string) => `counted at ${pct}`,
    common: 'common name part, weighs less',
    nameScore: (s: string, f: string, q: string) => `Name score ${s} × ${f} (${q}).`,
    adj: {
      birthDate: 'Birth date',
      nationality: 'Nationality',
      gender: 'Gender',
    } as Record<Adjustment['factor'], string>,
    outcome: {
      'same-day': 'same day',
      'same-month': 'same month',
      'same-year': 'same year',
      'within-range': 'within the listed range',
      close: 'close, neither for nor against',
      match: 'same',
      mismatch: 'different',
    } as Record<Adjustment['outcome'], string>,
    adjLine: (f: string, q: string, e: string, o: string, d: string) => `${f}: screened ${q}, listed ${e}: ${o} (${d}).`,
    noAdj: 'No birth date, nationality or gender on both sides: the score rests on the name alone.',
  },
  fr: {
    head: (name: string, quality: string, list: string, id: string, score: string, threshold: string) =>
      `Correspondance possible avec « ${name} » (${quality}), liste ${list}, entrée ${id} : score ${score} (seuil ${threshold}).`,
    quality: { primary: 'nom principal', good: 'alias', low: 'alias de faible qualité' } as Record<NameQuality, string>,
    strippedQuery: 'Retiré du nom contrôlé avant la comparaison',
    strippedEntry: 'Retiré du nom inscrit avant la comparaison',
    stripKind: { rank: 'grade', title: 'titre', honorific: 'titre honorifique' } as Record<StrippedTerm['kind'], string>,
    particles: 'Mots de liaison ignorés',
    parts: 'Éléments du nom :',
    kind: {
      exact: 'identique',
      equivalent: 'même nom, autre graphie',
      transliterated: 'même nom, translittéré d’une autre écriture',
      typo: 'différence d’orthographe',
      initial: 'initiale',
      'missing-in-query': 'élément inscrit absent du nom contrôlé',
      'extra-in-query': 'élément du nom contrôlé absent du nom inscrit',
    } as Record<AlignmentKind, string>,
    similarity: 'similarité',
    counted: (pct: string) => `compté à ${pct}`,
    common: 'élément de nom courant, pèse moins',
    nameScore: (s: string, f: string, q: string) => `Score du nom ${s} × ${f} (${q}).`,
    adj: {
      birthDate: 'Date de naissance',
      nationality: 'Nationalité',
      gender: 'Sexe',
    } as Record<Adjustment['factor'], string>,
    outcome: {
      'same-day': 'même jour',
      'same-month': 'même mois',
      'same-year': 'même année',
      'within-range': 'dans l’intervalle inscrit',
      close: 'proche, ni pour ni contre',
      match: 'identique',
      mismatch: 'différent',
    } as Record<Adjustment['outcome'], string>,
    adjLine: (f: string, q: string, e: string, o: string, d: string) => `${f} : contrôlé ${q}, inscrit ${e} : ${o} (${d}).`,
    noAdj: 'Ni date de naissance, ni nationalité, ni sexe des deux côtés : le score repose sur le nom seul.',
  },
};

function num(x: number, lang: Lang, digits = 2): string {
  return x.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function signed(x: number, lang: Lang): string {
  if (x === 0) return lang === 'fr' ? '±0' : '±0';
  return (x > 0 ? '+' : '−') + num(Math.abs(x), lang);
}

function quote(s: string, lang: Lang): string {
  return lang === 'fr' ? `« ${s} »` : `“${s}”`;
}

function strippedList(terms: StrippedTerm[], lang: Lang): string {
  const t = T[lang];
  return terms.map((s) => `${t.stripKind[s.kind]} ${quote(s.text, lang)}`).join(lang === 'fr' ? ' ; ' : '; ');
}

/** The explanation of a match as text in English or French, one statement per line. */
export function explain(match: Match, lang: Lang = 'en'): string {
  const t = T[lang];
  const x = match.explanation;
  const colon = lang === 'fr' ? ' : ' : ': ';
  const lines: string[] = [];
  lines.push(t.head(x.entry.name, t.quality[x.entry.quality], match.list, match.id, num(match.score, lang), num(x.threshold, lang)));
  if (x.query.stripped.length) lines.push(t.strippedQuery + colon + strippedList(x.query.stripped, lang) + '.');
  if (x.entry.stripped.length) lines.push(t.strippedEntry + colon + strippedList(x.entry.stripped, lang) + '.');
  const particles = [...x.query.particles, ...x.entry.particles];
  if (particles.length) lines.push(t.particles + colon + [...new Set(particles)].map((p) => quote(p, lang)).join(', ') + '.');
  lines.push(t.parts);
  for (const a of x.alignments) {
    let line: string;
    if (a.query !== null && a.entry !== null) {
      const rel = a.kind === 'exact' || a.kind === 'equivalent' || a.kind === 'transliterated' ? '=' : '≈';
      line = `- ${quote(a.query, lang)} ${rel} ${quote(a.entry, lang)}${colon}${t.kind[a.kind]}`;
      if (a.similarity < 1) line += ` (${t.similarity} ${num(a.similarity, lang)})`;
    } else {
      const part = a.query ?? a.entry ?? '';
      const pct = `${Math.round((a.penalty ?? 1) * 100)} %`.replace(' %', lang === 'fr' ? ' %' : '%');
      line = `- ${quote(part, lang)}${colon}${t.kind[a.kind]}, ${t.counted(pct)}`;
    }
    if (a.common) line += ` ; ${t.common}`.replace(' ; ', lang === 'fr' ? ' ; ' : '; ');
    lines.push(line);
  }
  lines.push(t.nameScore(num(x.nameScore, lang), num(x.qualityFactor, lang), t.quality[x.entry.quality]));
  if (x.adjustments.length === 0) lines.push(t.noAdj);
  for (const a of x.adjustments) lines.push(t.adjLine(t.adj[a.factor], a.query, a.entry, t.outcome[a.outcome], signed(a.delta, lang)));
  return lines.join('\n');
}
