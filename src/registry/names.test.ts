import { describe, expect, it } from 'vitest';
import { DEFAULT_RANKS, DEFAULT_VOCABULARIES, ranksSchema, vocabulariesSchema } from './config.ts';
import { areaKey, classificationCode, classifyRole, foldText, nameMatcher, nameScore, personNameKey, rankCode, searchText, slugCode, trigramSimilarity, unitNameKey } from './names.ts';

const m = nameMatcher(DEFAULT_RANKS);
const roles = DEFAULT_VOCABULARIES.roles;

describe('registry settings', () => {
  it('the defaults fit their own schemas', () => {
    expect(vocabulariesSchema.safeParse(DEFAULT_VOCABULARIES).success).toBe(true);
    expect(ranksSchema.safeParse(DEFAULT_RANKS).success).toBe(true);
  });
  it('refuses duplicate codes, naming the path', () => {
    const bad = { ...DEFAULT_VOCABULARIES, levels: [...DEFAULT_VOCABULARIES.levels, DEFAULT_VOCABULARIES.levels[0]!] };
    const r = vocabulariesSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error!.issues[0]!.path)).toContain('levels');
  });
});

describe('name folding', () => {
  it('ignores case, accents, ligatures and punctuation', () => {
    expect(foldText("  Général de Brigade  d'ŒUVRE–Ngassa ")).toBe('general de brigade d oeuvre ngassa');
    expect(foldText('Zanga-Mobi')).toBe(foldText('ZANGA MOBI'));
    expect(foldText(null)).toBe('');
  });

  it('strips French and English ranks anywhere and titles at the start, and ignores word order', () => {
    const k = personNameKey('Théodore Ngassa', m);
    expect(personNameKey('Colonel-Major NGASSA Théodore', m)).toBe(k);
    expect(personNameKey('Colonel Major Théodore Ngassa', m)).toBe(k);
    expect(personNameKey('NGASSA, Col. Théodore', m)).toBe(k);
    expect(personNameKey('Général de Brigade Aristide Mbalanga', m)).toBe(personNameKey('Mbalanga Aristide', m));
    expect(personNameKey('Lt-Col. Roger Ndolo', m)).toBe(personNameKey('Roger Ndolo', m));
    expect(personNameKey('sous-lieutenant Paul Yango', m)).toBe('paul yango');
    expect(personNameKey('Adjudant-chef Martin Gbado', m)).toBe('gbado martin');
    expect(personNameKey('Commissaire divisionnaire Victor Zanga-Mobi', m)).toBe('mobi victor zanga');
    expect(personNameKey('M. Victor Zanga-Mobi', m)).toBe('mobi victor zanga');
    expect(personNameKey('MAKENGA, Colonel SULTANI', m)).toBe('makenga sultani');
  });

  it('never strips a name down to nothing', () => {
    expect(personNameKey('Major', m)).toBe('major');
    expect(personNameKey('M.', m)).toBe('m');
  });

  it('keeps ranks in unit names but folds and orders them', () => {
    expect(unitNameKey("État-major général")).toBe(unitNameKey('Etat Major General'));
    expect(unitNameKey('1er Bataillon')).toBe(unitNameKey('bataillon 1er'));
  });

  it('scores close spellings high and unrelated names low', () => {
    expect(nameScore('ngassa theodore', 'ngassa theodore')).toBe(1);
    expect(nameScore('ngasa theodor', 'ngassa theodore')).toBeGreaterThan(0.45);
    expect(nameScore('ngassa', 'ngassa theodore')).toBeGreaterThan(0.85);
    expect(nameScore('kossi justin', 'ngassa theodore')).toBeLessThan(0.3);
    expect(trigramSimilarity('abc', 'abc')).toBe(1);
    expect(trigramSimilarity('', 'abc')).toBe(0);
    expect(searchText(['a b', 'a b', '', 'c'])).toBe('a b | c');
  });

  it('recognises ranks whatever their spelling', () => {
    expect(rankCode('Colonel-Major', DEFAULT_RANKS)).toBe('colonel-major');
    expect(rankCode('colonel major', DEFAULT_RANKS)).toBe('colonel-major');
    expect(rankCode('Général de Brigade', DEFAULT_RANKS)).toBe('brigadier-general');
    expect(rankCode('Lieutenant Colonel', DEFAULT_RANKS)).toBe('lieutenant-colonel');
    expect(rankCode('lieutenant-colonel', DEFAULT_RANKS)).toBe('lieutenant-colonel');
    expect(rankCode('Adjudant-chef', DEFAULT_RANKS)).toBe('warrant-officer');
    expect(rankCode('Bishop', DEFAULT_RANKS)).toBeNull();
  });
});

describe('posting roles', () => {
  it('reads the kind of role, deputies and staff before commanders', () => {
    expect(classifyRole('Commander', roles)).toEqual({ code: 'commander', command: 'head' });
    expect(classifyRole('Commandant', roles).command).toBe('head');
    expect(classifyRole('Commander (Directeur général de la Police nationale)', roles).command).toBe('head');
    expect(classifyRole('adjoint au commandant', roles)).toEqual({ code: 'deputy-commander', command: 'deputy' });
    expect(classifyRole('Deputy Commander', roles).command).toBe('deputy');
    expect(classifyRole('Chef de poste', roles)).toEqual({ code: 'sub-unit-leader', command: 'none' });
    expect(classifyRole('Chef de section', roles).command).toBe('none');
    expect(classifyRole('', roles)).toEqual({ code: 'member', command: 'none' });
    expect(classifyRole('Chauffeur', roles)).toEqual({ code: 'member', command: 'none' });
  });

  it('a chief of staff heads a general staff, not a military region', () => {
    expect(classifyRole("Chef d'Etat-major", roles, 'État-major général des Forces armées kamboréennes').command).toBe('head');
    expect(classifyRole("Chef d'Etat-major", roles, '2e Région militaire')).toEqual({ code: 'chief-of-staff', command: 'none' });
  });
});

describe('classifications and areas', () => {
  it('maps workbook spellings to configured codes', () => {
    const list = DEFAULT_VOCABULARIES.classifications;
    expect(classificationCode('Military', list)).toBe('military');
    expect(classificationCode('GENDARMERIE', list)).toBe('gendarmerie');
    expect(classificationCode('Joint Task Force', list)).toBe('joint-task-force');
    expect(classificationCode('Garde nationale', list)).toBe('national-guard');
    expect(classificationCode('army', list)).toBe('army');
    expect(classificationCode('Garde forestière', list)).toBeNull();
    expect(slugCode('Garde forestière')).toBe('garde-forestiere');
  });
  it('keys areas without notes and trailing ids', () => {
    expect(areaKey('Mbéto (osm, point) d9ee95fa-9608-5305-bdf1-d25e858aada9')).toBe('mbeto');
    expect(areaKey('Préfecture de la Haute-Ouali')).toBe('prefecture de la haute ouali');
    expect(areaKey(null)).toBe('');
  });
});
