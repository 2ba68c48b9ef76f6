/**
 * Name normalisation for screening: from a name as written ("Gén. Abd al-Karim OULD MOHAMMED",
 * "عبد الكريم", "Умаров Доку") to canonical name parts ("abdkarim", "ould", "mohamed"), keeping what
 * was removed and how each part was obtained so that a match can be explained.
 *
 * Steps, in order: split into segments (commas, brackets, quotes) and parts (spaces, hyphens, dots);
 * fold case and accents; remove ranks, titles and honorifics at the start of each segment (longest
 * phrase first); map spelling variants to one canonical form (equivalence classes, up to three words);
 * mark "son of" particles and connectors; join "Abd + divine name" and "X + al-Din"; drop the Arabic
 * article; recognise initials; transliterate Arabic and Cyrillic script to Latin.
 *
 * Every function takes the configuration; compiled lookup tables are cached per configuration object.
 * Pure module, no I/O.
 */
import type { ScreeningConfig, TitleTerm } from './config.ts';

export type Script = 'latin' | 'arabic' | 'cyrillic' | 'other';

export interface NameToken {
  /** Canonical form used for matching. */
  text: string;
  /** The part as written in the input (several words when they were joined). */
  original: string;
  /** 'particle' parts ("bin", "ould", "de") are kept for display and ignored by the scoring. */
  kind: 'name' | 'initial' | 'particle';
  /** How the canonical form was obtained. */
  via: 'as-written' | 'equivalent' | 'joined' | 'transliterated';
  script: Script;
  /** True when the part came from a script that does not write short vowels (Arabic). */
  vowelless: boolean;
}

export interface StrippedTerm {
  /** As written in the input. */
  text: string;
  kind: TitleTerm['kind'];
  lang: TitleTerm['lang'];
}

export interface NormalisedName {
  input: string;
  tokens: NameToken[];
  stripped: StrippedTerm[];
  /** Parts dropped as noise: Arabic articles, bare numbers. */
  dropped: string[];
}

// ---------------------------------------------------------------------------------------------
// Character level: folding and transliteration

const LATIN_SPECIAL: Record<string, string> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ð: 'd', þ: 'th', ł: 'l', đ: 'd', ı: 'i', ħ: 'h', ŋ: 'n', ĸ: 'k', ſ: 's',
  ɗ: 'd', ɓ: 'b', ƙ: 'k', ƴ: 'y', ɛ: 'e', ɔ: 'o',
};

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye', ґ: 'g', ў: 'u',
};

const ARABIC_CONSONANTS: Record<string, string> = {
  'ب': 'b', 'ت': 't', 'ث': 'th', 'ج': 'j', 'ح': 'h', 'خ': 'kh', 'د': 'd', 'ذ': 'dh', 'ر': 'r', 'ز': 'z',
  'س': 's', 'ش': 'sh', 'ص': 's', 'ض': 'd', 'ط': 't', 'ظ': 'z', 'ع': '', 'غ': 'gh', 'ف': 'f', 'ق': 'q',
  'ك': 'k', 'ک': 'k', 'ل': 'l', 'م': 'm', 'ن': 'n', 'ه': 'h', 'ة': 'a', 'ء': '', 'ؤ': '', 'ئ': '',
  'پ': 'p', 'چ': 'ch', 'ژ': 'zh', 'گ': 'g', 'ڤ': 'v', 'ۀ': 'h', 'ڭ': 'ng',
  'ا': 'a', 'أ': 'a', 'إ': 'i', 'آ': 'a', 'ٱ': 'a', 'ى': 'a', 'ے': 'e',
  // Short vowel marks, when a name happens to carry them
  '\u064E': 'a', '\u0650': 'i', '\u064F': 'u',
};

const isArabicChar = (c: number) => (c >= 0x0600 && c <= 0x06ff) || (c >= 0x0750 && c <= 0x077f) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff);
const isCyrillicChar = (c: number) => c >= 0x0400 && c <= 0x04ff;

/** Arabic text with marks, tatweel and alef/ya/hamza variants unified, for dictionary keys. */
export function foldArabic(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC')) {
    const c = ch.charCodeAt(0);
    if ((c >= 0x064b && c <= 0x065f) || c === 0x0670 || c === 0x0640) continue; // harakat, dagger alef, tatweel
    if (ch === 'أ' || ch === 'إ' || ch === 'آ' || ch === 'ٱ') out += 'ا';
    else if (ch === 'ی' || ch === 'ي') out += 'ي';
    else if (ch === 'ک') out += 'ك';
    else out += ch;
  }
  return out;
}

/** Transliterates one Arabic-script word to Latin letters (consonants and long vowels; short vowels are not written). */
export function transliterateArabic(word: string): string {
  let out = '';
  const chars = [...word.normalize('NFC')];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === 'و') out += i === 0 ? 'w' : 'u';
    else if (ch === 'ي' || ch === 'ی') out += i === 0 ? 'y' : 'i';
    else {
      const m = ARABIC_CONSONANTS[ch];
      if (m !== undefined) out += m;
    }
  }
  return out;
}

export function transliterateCyrillic(word: string): string {
  let out = '';
  for (const ch of word.toLowerCase()) out += CYRILLIC[ch] ?? ch;
  return out;
}

/** Lower case, no accents, special Latin letters spelled out, apostrophes removed. */
export function foldLatin(s: string): string {
  const base = s.toLowerCase().normalize('NFD');
  let out = '';
  for (let i = 0; i < base.length; i++) {
    const ch = base[i]!;
    const c = base.charCodeAt(i);
    if (c >= 0x0300 && c <= 0x036f) continue;
    if (c < 0x80) {
      out += ch;
      continue;
    }
    const sp = LATIN_SPECIAL[ch];
    if (sp !== undefined) out += sp;
    else if (isCyrillicChar(c)) out += CYRILLIC[ch] ?? '';
    else if (!isApostrophe(c)) out += ch;
  }
  return out;
}

const isApostrophe = (c: number) => c === 0x27 || c === 0x2019 || c === 0x2018 || c === 0x02bc || c === 0x02bb || c === 0x60 || c === 0xb4 || c === 0x02bf || c === 0x02be;

// ---------------------------------------------------------------------------------------------
// Tokenisation

interface RawToken {
  /** As written. */
  text: string;
  /** Dictionary key: folded Latin (also for Cyrillic, transliterated), or folded Arabic script. */
  key: string;
  script: Script;
  segment: number;
  /** Joined to the next part by a hyphen. */
  hyphenNext: boolean;
  /** Followed by a full stop ("J.", "Lt."). */
  dotted: boolean;
}

const SEGMENT_BREAK = new Set([',', ';', '(', ')', '[', ']', '{', '}', '"', '“', '”', '«', '»', '„', '‹', '›', '/', '|', ':', '،', '؛', '\\']);
const HYPHENS = new Set(['-', '‐', '‑', '‒', '–', '—', '_']);

function isWordChar(c: number): boolean {
  if (c >= 0x61 && c <= 0x7a) return true; // a-z
  if (c >= 0x41 && c <= 0x5a) return true; // A-Z
  if (c >= 0x30 && c <= 0x39) return true; // 0-9
  if (c < 0xc0) return false;
  if (c === 0xd7 || c === 0xf7) return false;
  if (c >= 0x2000 && c <= 0x206f) return false; // general punctuation
  if (c >= 0x3000 && c <= 0x303f) return false;
  if (c === 0x060c || c === 0x061b || c === 0x061f || c === 0x066a || c === 0x066b || c === 0x066c || c === 0x06d4) return false;
  return true;
}

function scriptOf(word: string): Script {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 0x300 && c <= 0x36f) continue;
    if (isArabicChar(c)) return 'arabic';
    if (isCyrillicChar(c)) return 'cyrillic';
    if (c < 0x250 || (c >= 0x1e00 && c <= 0x1eff)) return 'latin';
    if (c >= 0x30 && c <= 0x39) continue;
    return 'other';
  }
  return 'latin';
}

function keyOf(word: string, script: Script): string {
  if (script === 'arabic') return foldArabic(word);
  if (script === 'cyrillic') return transliterateCyrillic(foldLatinKeepCyrillic(word));
  return foldLatin(word);
}

function foldLatinKeepCyrillic(s: string): string {
  let out = '';
  for (const ch of s.toLowerCase().normalize('NFD')) {
    const c = ch.charCodeAt(0);
    if ((c >= 0x300 && c <= 0x36f) || isApostrophe(c)) continue;
    out += ch;
  }
  return out.normalize('NFC');
}

function tokenise(input: string): RawToken[] {
  const s = input.normalize('NFC');
  const out: RawToken[] = [];
  let segment = 0;
  let i = 0;
  let word = '';
  const flush = (sep: string) => {
    if (!word) return;
    const script = scriptOf(word);
    const key = keyOf(word, script);
    if (key) out.push({ text: word, key, script, segment, hyphenNext: HYPHENS.has(sep), dotted: sep === '.' });
    word = '';
  };
  while (i < s.length) {
    const ch = s[i]!;
    const c = s.charCodeAt(i);
    if (isApostrophe(c)) {
      i++;
      continue; // "Sa'b" = "Sab", "N'Djamena" = "NDjamena"
    }
    if ((c >= 0x300 && c <= 0x36f) || (c >= 0x064b && c <= 0x065f) || c === 0x0670 || c === 0x0640) {
      word += ch; // combining marks stay with their letter (folded later)
      i++;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      word += s.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (isWordChar(c)) {
      word += ch;
      i++;
      continue;
    }
    flush(ch);
    if (SEGMENT_BREAK.has(ch)) segment++;
    i++;
  }
  flush('');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Compiled configuration

interface TrieNode<V> {
  next: Map<string, TrieNode<V>>;
  value?: V;
}

interface TitleValue {
  term: TitleTerm;
  /** A one-letter abbreviation ("M.") counts only when written with its full stop. */
  needsDot: boolean;
}

export interface CompiledNormaliser {
  titles: TrieNode<TitleValue>;
  equivalences: TrieNode<string[]>;
  /** Single-part equivalences, for quick lookups of a part's canonical form. */
  single: Map<string, string>;
  patronymic: Map<string, string>;
  connectors: Set<string>;
  articles: Set<string>;
  hyphenatedArticles: Set<string>;
  abdPrefixes: Set<string>;
  abdWeakPrefixes: Set<string>;
  abdStems: Set<string>;
  dinSuffixes: Set<string>;
}

const compiledCache = new WeakMap<ScreeningConfig, CompiledNormaliser>();

function insert<V>(root: TrieNode<V>, keys: string[], value: V): void {
  let node = root;
  for (const k of keys) {
    let n = node.next.get(k);
    if (!n) {
      n = { next: new Map() };
      node.next.set(k, n);
    }
    node = n;
  }
  if (node.value === undefined) node.value = value;
}

/** The phrase as dictionary keys, split the same way as names are. */
export function phraseKeys(text: string): string[] {
  return tokenise(text).map((t) => t.key);
}

/** Compiles (once per configuration object) the lookup tables the normaliser needs. */
export function compileNormaliser(config: ScreeningConfig): CompiledNormaliser {
  const cached = compiledCache.get(config);
  if (cached) return cached;
  const titles: TrieNode<TitleValue> = { next: new Map() };
  for (const term of config.titles) {
    const toks = tokenise(term.text);
    if (!toks.length) continue;
    insert(titles, toks.map((t) => t.key), { term, needsDot: toks.length === 1 && toks[0]!.key.length === 1 });
  }
  const equivalences: TrieNode<string[]> = { next: new Map() };
  const single = new Map<string, string>();
  for (const cls of config.equivalences) {
    const canonical = phraseKeys(cls.canonical);
    if (!canonical.length) continue;
    for (const v of [cls.canonical, ...cls.variants]) {
      const keys = phraseKeys(v);
      if (!keys.length) continue;
      insert(equivalences, keys, canonical);
      if (keys.length === 1 && canonical.length === 1 && !single.has(keys[0]!)) single.set(keys[0]!, canonical[0]!);
    }
  }
  const patronymic = new Map<string, string>();
  for (const cls of config.particles.patronymic) {
    const c = phraseKeys(cls.canonical)[0];
    if (!c) continue;
    for (const v of [cls.canonical, ...cls.variants]) {
      const k = phraseKeys(v)[0];
      if (k && !patronymic.has(k)) patronymic.set(k, c);
    }
  }
  const keySet = (xs: string[]) => new Set(xs.map((x) => phraseKeys(x)[0]).filter((x): x is string => !!x));
  const c: CompiledNormaliser = {
    titles,
    equivalences,
    single,
    patronymic,
    connectors: keySet(config.particles.connectors),
    articles: keySet(config.particles.articles),
    hyphenatedArticles: keySet(config.particles.hyphenatedArticles),
    abdPrefixes: keySet(config.particles.abdPrefixes),
    abdWeakPrefixes: keySet(config.particles.abdWeakPrefixes),
    abdStems: keySet(config.particles.abdStems),
    dinSuffixes: keySet(config.particles.dinSuffixes),
  };
  compiledCache.set(config, c);
  return c;
}

// ---------------------------------------------------------------------------------------------
// Normalisation

interface WorkToken {
  text: string;
  original: string;
  key: string;
  kind: NameToken['kind'] | 'article' | 'drop';
  via: NameToken['via'];
  script: Script;
  vowelless: boolean;
  segment: number;
  hyphenNext: boolean;
  dotted: boolean;
}

const ABD_CONNECTORS = ['oul', 'el', 'al', 'ul', 'ol', 'il', 'ur', 'er', 'ar', 'ir', 'us', 'es', 'as', 'uz', 'ez', 'un', 'en', 'ush', 'ou', 'u', 'o', 'e', 'a', 'i', ''];
const DIN_SINGLE = /^([a-z]{3,}?)(?:ou|u|e|a|i|o)?(?:l|d|dd)?d(?:in|ine|een|iin|inn|dine)$/;

function canonicalLatin(c: CompiledNormaliser, key: string): string {
  return c.single.get(key) ?? key;
}

/** "abdelkarim" → "abdkarim"; null when the word is not an Abd-compound. */
function splitAbdWord(c: CompiledNormaliser, key: string): string | null {
  if (key.length < 6 || !key.startsWith('abd') || c.single.has(key)) return null;
  const rest = key.slice(3);
  for (const conn of ABD_CONNECTORS) {
    if (!rest.startsWith(conn)) continue;
    let stem = rest.slice(conn.length);
    if (stem.length >= 2 && stem[0] === stem[1]) stem = stem.slice(1); // sun letters: abdur-rahman
    if (stem.length < 3) continue;
    const canon = canonicalLatin(c, stem);
    if (c.abdStems.has(canon)) return 'abd' + canon;
  }
  // An explicit "abdel"/"abdul" spelling with an unknown stem still joins, except that what is
  // left of "Allah" ("abdulllah", "abdoullaie", "abdullaye") makes the name Abdullah
  for (const conn of ['oul', 'el', 'al', 'ul', 'ol', 'ur', 'er', 'ar', 'us', 'uz']) {
    if (rest.startsWith(conn) && rest.length - conn.length >= 3) {
      let stem = rest.slice(conn.length);
      if (/^l{1,3}[aeiouy]{1,3}h?[aeiouy]{0,2}$/.test(stem) && c.single.get('abdullah') === 'abdullah') return 'abdullah';
      if (stem[0] === stem[1]) stem = stem.slice(1);
      return 'abd' + canonicalLatin(c, stem);
    }
  }
  return null;
}

/** "nasreddine" → "nasrdin". */
function splitDinWord(key: string): string | null {
  if (key.length < 7) return null;
  const m = DIN_SINGLE.exec(key);
  if (!m) return null;
  return m[1]! + 'din';
}

/**
 * Normalises one name. The result's `tokens` hold the canonical parts (particles included, marked);
 * `stripped` the ranks, titles and honorifics removed; `dropped` the noise removed.
 */
export function normaliseName(input: string, config: ScreeningConfig): NormalisedName {
  const c = compileNormaliser(config);
  const raw = tokenise(input);
  const stripped: StrippedTerm[] = [];
  const dropped: string[] = [];
  let work: WorkToken[] = raw.map((t) => ({
    text: t.key,
    original: t.text,
    key: t.key,
    kind: 'name',
    via: 'as-written',
    script: t.script,
    vowelless: false,
    segment: t.segment,
    hyphenNext: t.hyphenNext,
    dotted: t.dotted,
  }));

  // 1. Ranks, titles, honorifics at the start of each segment (longest phrase first, repeatedly).
  const removed = new Set<number>();
  const strippedAt: { index: number; term: StrippedTerm }[] = [];
  for (let i = 0; i < work.length; i++) {
    if (i > 0 && work[i - 1]!.segment === work[i]!.segment && !removed.has(i - 1)) continue;
    let node: TrieNode<TitleValue> | undefined = c.titles;
    let best = -1;
    let bestValue: TitleValue | undefined;
    for (let j = i; j < work.length && work[j]!.segment === work[i]!.segment; j++) {
      node = node.next.get(work[j]!.key);
      if (!node) break;
      if (node.value && (!node.value.needsDot || work[j]!.dotted)) {
        best = j;
        bestValue = node.value;
      }
    }
    if (best >= 0 && bestValue) {
      const text = work.slice(i, best + 1).map((w) => w.original).join(' ');
      for (let j = i; j <= best; j++) removed.add(j);
      strippedAt.push({ index: i, term: { text, kind: bestValue.term.kind, lang: bestValue.term.lang } });
      i = best; // the loop's i++ moves to the next part, which is now at a segment start
    }
  }
  if (removed.size > 0 && removed.size < work.length) {
    for (const s of strippedAt) stripped.push(s.term);
    work = work.filter((_, i) => !removed.has(i));
  }

  // 2. Arabic script: split the article and joined "Abd" off a word, unless the whole word is known.
  const expanded: WorkToken[] = [];
  for (const w of work) {
    if (w.script === 'arabic' && !c.equivalences.next.has(w.key)) {
      let key = w.key;
      const parts: string[] = [];
      if (key.length > 4 && key.startsWith('عبد') && !key.startsWith('عبدالله')) {
        parts.push('عبد');
        key = key.slice(3);
      }
      if (key.length > 3 && key.startsWith('ال') && key !== 'الله' && !c.equivalences.next.has(key)) {
        parts.push('ال');
        key = key.slice(2);
      }
      if (parts.length) {
        for (const p of parts) expanded.push({ ...w, text: p, key: p, original: p, hyphenNext: true });
        expanded.push({ ...w, text: key, key, original: key });
        continue;
      }
    }
    expanded.push(w);
  }
  work = expanded;

  // 3. Equivalence classes, longest phrase first, within a segment.
  const eqd: WorkToken[] = [];
  for (let i = 0; i < work.length; ) {
    let node: TrieNode<string[]> | undefined = c.equivalences;
    let best = -1;
    let bestValue: string[] | undefined;
    for (let j = i; j < work.length && j < i + 3 && work[j]!.segment === work[i]!.segment; j++) {
      node = node.next.get(work[j]!.key);
      if (!node) break;
      if (node.value) {
        best = j;
        bestValue = node.value;
      }
    }
    if (best >= 0 && bestValue) {
      const original = work.slice(i, best + 1).map((w) => w.original).join(best > i ? ' ' : '');
      const first = work[i]!;
      const sameAsWritten = best === i && bestValue.length === 1 && bestValue[0] === first.key;
      const via: NameToken['via'] = sameAsWritten ? 'as-written' : first.script === 'latin' ? 'equivalent' : 'transliterated';
      for (let k = 0; k < bestValue.length; k++) {
        eqd.push({ ...first, text: bestValue[k]!, key: bestValue[k]!, original, via, script: first.script, hyphenNext: work[best]!.hyphenNext, dotted: work[best]!.dotted });
      }
      i = best + 1;
    } else {
      eqd.push(work[i]!);
      i++;
    }
  }
  work = eqd;

  // 4. Transliterate what is left in Arabic script (Cyrillic keys are already Latin).
  for (const w of work) {
    if (w.script === 'arabic' && w.via === 'as-written') {
      const lat = transliterateArabic(w.key);
      w.text = lat;
      w.via = 'transliterated';
      w.vowelless = true;
      if (w.key === 'ال') w.text = 'al';
      else if (w.key === 'عبد') w.text = 'abd';
      else if (c.articles.has(w.key)) w.text = 'al';
    } else if (w.script === 'cyrillic' && w.via === 'as-written') {
      w.via = 'transliterated';
    }
  }

  // 5. Particles, articles, Abd- and -Din compounds.
  const out: WorkToken[] = [];
  for (let i = 0; i < work.length; i++) {
    const w = work[i]!;
    const next = work[i + 1];
    const sameSegNext = next !== undefined && next.segment === w.segment;
    // Abd + (article) + stem
    const isAbd = c.abdPrefixes.has(w.text) || c.abdPrefixes.has(w.key);
    const isWeakAbd = c.abdWeakPrefixes.has(w.text);
    if ((isAbd || isWeakAbd) && sameSegNext) {
      let j = i + 1;
      if (c.articles.has(work[j]!.text) || c.articles.has(work[j]!.key) || (work[j]!.hyphenNext && c.hyphenatedArticles.has(work[j]!.text))) j++;
      const stemTok = work[j];
      if (stemTok && stemTok.segment === w.segment && stemTok.kind === 'name') {
        let stem = stemTok.text;
        if (stem.length >= 4 && stem[0] === stem[1]) stem = stem.slice(1);
        stem = canonicalLatin(c, stem);
        if (isAbd || c.abdStems.has(stem)) {
          const original = work.slice(i, j + 1).map((x) => x.original).join(' ');
          out.push({ ...w, text: 'abd' + stem, original, kind: 'name', via: 'joined', vowelless: w.vowelless && stemTok.vowelless, hyphenNext: stemTok.hyphenNext, dotted: stemTok.dotted });
          i = j;
          continue;
        }
      }
    }
    // Arabic script writes "Atiqullah" as two words (عتیق الله): join them, unless the first is
    // Abd (then it is Abdullah, an equivalence) or already ends with Allah
    if (w.script === 'arabic' && w.key === 'الله' && out.length > 0) {
      const prev = out[out.length - 1]!;
      if (prev.kind === 'name' && prev.segment === w.segment && prev.script === 'arabic' && !prev.text.endsWith('allah') && !prev.text.endsWith('ullah')) {
        prev.text = prev.text + 'ullah';
        prev.original = prev.original + ' ' + w.original;
        prev.via = 'joined';
        continue;
      }
    }
    // X + (article) + din
    if (c.dinSuffixes.has(w.text) && out.length > 0) {
      const prev = out[out.length - 1]!;
      if (prev.kind === 'name' && prev.segment === w.segment) {
        prev.text = prev.text + 'din';
        prev.original = prev.original + ' ' + w.original;
        prev.via = 'joined';
        continue;
      }
    }
    if ((c.articles.has(w.text) || c.articles.has(w.key)) && sameSegNext) {
      // keep it for the "X al-Din" rule: the article is dropped once we know what follows
      const after = next!;
      if (c.dinSuffixes.has(after.text) && out.length > 0 && out[out.length - 1]!.kind === 'name') {
        continue;
      }
      dropped.push(w.original);
      continue;
    }
    if (w.hyphenNext && sameSegNext && c.hyphenatedArticles.has(w.text)) {
      if (!(c.dinSuffixes.has(next!.text) && out.length > 0)) dropped.push(w.original);
      continue;
    }
    const patr = c.patronymic.get(w.text);
    if (patr !== undefined && out.length > 0 && sameSegNext) {
      out.push({ ...w, text: patr, kind: 'particle' });
      continue;
    }
    if (c.connectors.has(w.text) && work.length > 2 && i > 0 && sameSegNext) {
      out.push({ ...w, kind: 'particle' });
      continue;
    }
    if (/^[0-9]+$/.test(w.text)) {
      dropped.push(w.original);
      continue;
    }
    if (w.script === 'latin' && w.via === 'as-written') {
      const abd = splitAbdWord(c, w.text);
      if (abd) {
        out.push({ ...w, text: abd, via: 'joined' });
        continue;
      }
      const din = splitDinWord(w.text);
      if (din && din !== w.text) {
        out.push({ ...w, text: din, via: 'joined' });
        continue;
      }
    }
    if (w.text.length === 1 && w.script !== 'arabic') {
      out.push({ ...w, kind: 'initial' });
      continue;
    }
    out.push(w);
  }

  const tokens: NameToken[] = [];
  for (const w of out) {
    if (!w.text) continue;
    tokens.push({ text: w.text, original: w.original, kind: w.kind as NameToken['kind'], via: w.via, script: w.script, vowelless: w.vowelless });
  }
  return { input, tokens, stripped, dropped };
}

/** The canonical parts that count for matching (no particles), in order. */
export function matchingParts(n: NormalisedName): string[] {
  return n.tokens.filter((t) => t.kind !== 'particle').map((t) => t.text);
}
