/**
 * Name-screening benchmark: the matcher against PostgreSQL's pg_trgm on the same job.
 *
 *   node --max-old-space-size=4096 --import tsx bench/screening.ts [--roster 100000] [--watchlist 50000]
 *        [--baseline-sample 1000] [--trgm-threshold auto|0.3] [--seed 20251120] [--matcher-only]
 *
 * See bench/README.md. The last line of the output is one JSON object with the figures.
 */
import { existsSync, readFileSync } from 'node:fs';
import { DEFAULT_SCREENING_CONFIG } from '../src/screening/config.ts';
import { evaluate, type LabelledQuery } from '../src/screening/evaluate.ts';
import { WatchlistIndex, type WatchlistEntry } from '../src/screening/matcher.ts';
import { parseUnConsolidatedList, unToWatchlistEntries } from '../src/screening/un-list.ts';
import { POOLS, accentVariant, chance, globalName, pick, pickRegion, regionalName, rng, rosterCase, spellingVariant, typo, withRank, type Rnd } from '../scripts/screening-names.ts';

const UN_XML = '../shared/data/un-sc-consolidated-list-2025-11-20.xml';
const LABELLED = 'test/fixtures/screening/labelled-set.json';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const ROSTER = Number(arg('roster', '100000'));
const WATCHLIST = Number(arg('watchlist', '50000'));
const SAMPLE = Number(arg('baseline-sample', '1000'));
/**
 * 'auto': pg_trgm at the threshold where the matcher's recall is equal or better (the lowest such
 * threshold of the sweep, i.e. pg_trgm as close to the matcher's recall as it gets from below); the
 * next lower threshold (pg_trgm's recall above the matcher's) is timed too, for comparison.
 */
const TRGM_ARG = arg('trgm-threshold', 'auto');
const TRGM_SWEEP = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6];
const SEED = Number(arg('seed', '20251120'));
const config = DEFAULT_SCREENING_CONFIG;

interface RosterRow {
  name: string;
  birthDate?: string;
}

const rssPeak = () => Math.round(process.resourceUsage().maxRSS / 1024);
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

function randomDate(r: Rnd): string {
  const y = 1950 + Math.floor(r() * 49);
  return chance(r, 0.5) ? String(y) : `${y}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
}

/** The UN list (real file when present, else the committed fixture) plus generated entries up to `size`. */
function buildWatchlist(r: Rnd, labelled: { watchlist: WatchlistEntry[] }): { entries: WatchlistEntry[]; unSource: string } {
  let un: WatchlistEntry[];
  let unSource: string;
  if (existsSync(UN_XML)) {
    un = unToWatchlistEntries(parseUnConsolidatedList(readFileSync(UN_XML)));
    unSource = 'UN Security Council Consolidated List (real file)';
  } else {
    un = labelled.watchlist;
    unSource = 'UN Security Council Consolidated List (committed fixture)';
  }
  const entries = [...un];
  for (let k = 0; entries.length < WATCHLIST; k++) {
    // half from the regions the roster comes from, half from elsewhere, as on a large sanctions list
    const region = pickRegion(r);
    const parts = chance(r, 0.5) ? regionalName(r, region, true) : globalName(r);
    const names: WatchlistEntry['names'] = [{ name: parts.join(' ').toUpperCase(), quality: 'primary' }];
    if (chance(r, 0.3)) names.push({ name: spellingVariant(r, parts, region === 'mena' || region === 'sudan' ? 'arabic' : 'other').join(' '), quality: 'good' });
    if (chance(r, 0.15)) names.push({ name: pick(r, POOLS[region].family), quality: 'low' });
    const e: WatchlistEntry = { list: 'generated', id: `g${k}`, names, type: 'individual' };
    if (chance(r, 0.6)) e.birthDates = [{ type: 'exact', date: randomDate(r) }];
    if (chance(r, 0.6)) e.nationalities = [pick(r, POOLS[region].nationalities)];
    entries.push(e);
  }
  return { entries, unSource };
}

/** Roster names as a battalion's personnel list would have them: mostly people from the regions, a few listed ones written differently. */
function buildRoster(r: Rnd, watch: WatchlistEntry[]): RosterRow[] {
  const rows: RosterRow[] = [];
  const individuals = watch.filter((e) => e.type === 'individual');
  while (rows.length < ROSTER) {
    const x = r();
    let parts: string[];
    if (x < 0.01) {
      // a listed or watched person, written differently
      const e = pick(r, individuals);
      parts = e.names[0]!.name.split(/\s+/);
      if (chance(r, 0.5)) parts = spellingVariant(r, parts, 'other');
    } else {
      parts = regionalName(r, pickRegion(r), true);
    }
    let name = rosterCase(r, parts);
    if (chance(r, 0.2)) name = withRank(r, name.split(' '));
    if (chance(r, 0.1)) name = rosterCase(r, accentVariant(r, name.split(' ')));
    if (chance(r, 0.05)) name = typo(r, name);
    const row: RosterRow = { name };
    if (chance(r, 0.3)) row.birthDate = randomDate(r);
    rows.push(row);
  }
  return rows;
}

interface Db {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  close(): Promise<void>;
  label: string;
}

async function openDb(): Promise<Db> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: url });
    await client.connect();
    return { query: (sql, params) => client.query(sql, params as unknown[]) as never, close: () => client.end(), label: 'PostgreSQL (DATABASE_URL)' };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const db = await PGlite.create({ extensions: { pg_trgm } });
  return { query: (sql, params) => db.query(sql, params) as never, close: () => db.close(), label: 'PGlite (PostgreSQL in WebAssembly, in process)' };
}

async function loadNames(db: Db, table: string, rows: { key: string; name: string }[]): Promise<void> {
  await db.query(`DROP TABLE IF EXISTS ${table}`);
  await db.query(`CREATE TEMP TABLE ${table} (key text NOT NULL, name text NOT NULL)`);
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    await db.query(`INSERT INTO ${table} (key, name) SELECT * FROM unnest($1::text[], $2::text[])`, [chunk.map((x) => x.key), chunk.map((x) => x.name)]);
  }
}

async function main(): Promise<void> {
  const r = rng(SEED);
  const labelled = JSON.parse(readFileSync(LABELLED, 'utf8')) as { watchlist: WatchlistEntry[]; queries: LabelledQuery[] };
  const { entries, unSource } = buildWatchlist(r, labelled);
  const roster = buildRoster(r, entries);
  const nameForms = entries.reduce((s, e) => s + e.names.length, 0);
  console.log(`watchlist: ${entries.length} entries (${nameForms} name forms): ${unSource} plus generated entries`);
  console.log(`roster: ${roster.length} names`);

  // --- the matcher ---------------------------------------------------------------------------
  let t = performance.now();
  const index = WatchlistIndex.build(entries, config);
  const buildSeconds = (performance.now() - t) / 1000;
  const rssAfterBuild = rssPeak();
  t = performance.now();
  const cpu0 = process.cpuUsage();
  let matched = 0;
  let matches = 0;
  for (const row of roster) {
    const res = index.screen(row);
    if (res.length) matched++;
    matches += res.length;
  }
  const seconds = (performance.now() - t) / 1000;
  const cpu = cpuSeconds(cpu0);
  const rssMatcher = rssPeak();
  // the evenly spaced sample the pg_trgm join is timed on, screened again right away (warm caches)
  const sampleSize = Math.min(SAMPLE, roster.length);
  const step = roster.length / sampleSize;
  const sample = Array.from({ length: sampleSize }, (_, i) => ({ key: String(i), name: roster[Math.floor(i * step)]!.name }));
  t = performance.now();
  for (const s of sample) index.screen(s.name);
  const matcherSampleSeconds = (performance.now() - t) / 1000;
  // accuracy on the labelled set, screened against the same big index (precision counts UN-list matches only:
  // the generated entries carry no labels)
  const unIds = new Set(labelled.watchlist.map((e) => e.id));
  const acc = evaluate(labelled.queries, (q) => index.screen(q).filter((m) => unIds.has(m.id) && m.list !== 'generated'));

  if (process.argv.includes('--matcher-only')) {

    console.log(`matcher: build ${buildSeconds.toFixed(2)} s, roster ${seconds.toFixed(2)} s (CPU ${cpu.toFixed(2)} s), ${matched} names with a match, ${matches} matches, recall ${acc.recall.toFixed(4)}, precision ${acc.precision.toFixed(4)}, RSS ${rssMatcher} MB`);
    return;
  }

  // --- pg_trgm -------------------------------------------------------------------------------
  const db = await openDb();
  await db.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  // Accuracy first, to choose the threshold: the labelled names joined with the UN list's names (a
  // pair's similarity does not depend on the other rows, so this is what the big table would give).
  await loadNames(db, 'bench_un', labelled.watchlist.flatMap((e) => e.names.map((n) => ({ key: e.id, name: n.name }))));
  await db.query('CREATE INDEX bench_un_trgm ON bench_un USING gin (name gin_trgm_ops)');
  await loadNames(db, 'bench_labelled', labelled.queries.map((q, i) => ({ key: String(i), name: q.name })));
  const queryIndex = new Map(labelled.queries.map((q, i) => [q, i]));
  const trgmAt = async (threshold: number) => {
    await db.query(`SET pg_trgm.similarity_threshold = ${threshold}`);
    const res = await db.query<{ key: string; entry: string; s: number }>('SELECT l.key, u.key AS entry, max(similarity(l.name, u.name)) AS s FROM bench_labelled l JOIN bench_un u ON l.name % u.name GROUP BY l.key, u.key');
    const byQuery = new Map<number, { id: string; score: number }[]>();
    for (const row of res.rows) {
      const k = Number(row.key);
      const l = byQuery.get(k) ?? [];
      l.push({ id: row.entry, score: Number(row.s) });
      byQuery.set(k, l);
    }
    return evaluate(labelled.queries, (q) => byQuery.get(queryIndex.get(q)!) ?? []);
  };
  const sweep: { threshold: number; recall: number; precision: number }[] = [];
  for (const th of TRGM_SWEEP) {
    const a = await trgmAt(th);
    sweep.push({ threshold: th, recall: a.recall, precision: a.precision });
  }
  let TRGM: number;
  let above: number | null = null;
  if (TRGM_ARG === 'auto') {
    const below = sweep.findIndex((x) => x.recall <= acc.recall);
    const k = below < 0 ? sweep.length - 1 : below;
    TRGM = sweep[k]!.threshold;
    if (k > 0) above = sweep[k - 1]!.threshold;
  } else TRGM = Number(TRGM_ARG);
  const trgm = sweep.find((x) => x.threshold === TRGM) ?? (await trgmAt(TRGM));
  const trgmAbove = above === null ? null : sweep.find((x) => x.threshold === above)!;

  // Then the roster job: every roster name against every watchlist name form, through the GIN index.
  const watchRows = entries.flatMap((e) => e.names.map((n) => ({ key: e.id, name: n.name })));
  t = performance.now();
  await loadNames(db, 'bench_watch', watchRows);
  await db.query('CREATE INDEX bench_watch_trgm ON bench_watch USING gin (name gin_trgm_ops)');
  await db.query('ANALYZE bench_watch');
  const baselineBuild = (performance.now() - t) / 1000;
  await loadNames(db, 'bench_roster', sample);
  const timeJoin = async (threshold: number) => {
    await db.query(`SET pg_trgm.similarity_threshold = ${threshold}`);
    const t0 = performance.now();
    const res = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM (SELECT r.key, w.key AS entry, max(similarity(r.name, w.name)) FROM bench_roster r JOIN bench_watch w ON r.name % w.name GROUP BY r.key, w.key) x');
    return { seconds: (performance.now() - t0) / 1000, pairs: res.rows[0]!.n };
  };
  const main = await timeJoin(TRGM);
  const sampleSeconds = main.seconds;
  const baselineSeconds = (sampleSeconds * roster.length) / sampleSize;
  const baselinePairs = main.pairs;
  const aboveTiming = above === null ? null : await timeJoin(above);
  await db.close();
  const peak = rssPeak();

  const ratio = baselineSeconds / seconds;
  const f = (x: number, d = 2) => x.toFixed(d);
  const rows: [string, string, string][] = [
    ['', 'matcher', `pg_trgm, ${db.label}`],
    ['index build (s)', f(buildSeconds), f(baselineBuild)],
    ['whole roster (s)', `${f(seconds)} (CPU ${f(cpu)})`, `${f(baselineSeconds, 1)} (extrapolated from ${sampleSize} names: ${f(sampleSeconds)} s)`],
    [`same ${sampleSize}-name sample (s)`, `${f(matcherSampleSeconds, 3)} (again, warm)`, f(sampleSeconds, 3)],
    ['roster names with a match', String(matched), `${baselinePairs} name/entry pairs on the sample`],
    ['matches reported', String(matches), ''],
    ['threshold', `score ${config.threshold}`, `similarity ${TRGM}${TRGM_ARG === 'auto' ? ' (its recall at most the matcher\'s)' : ''}`],
    ['labelled set: recall', f(acc.recall, 4), f(trgm.recall, 4)],
    ['labelled set: precision', f(acc.precision, 4), f(trgm.precision, 4)],
    ...(trgmAbove && aboveTiming
      ? ([
          [`pg_trgm at ${above} (recall above the matcher's)`, '', `recall ${f(trgmAbove.recall, 4)}, precision ${f(trgmAbove.precision, 4)}, roster ${f((aboveTiming.seconds * roster.length) / sampleSize, 1)} s extrapolated (${f((aboveTiming.seconds * roster.length) / sampleSize / seconds, 1)}x the matcher's time)`],
        ] as [string, string, string][])
      : []),
    ['peak RSS (MB)', `${rssMatcher} (after build ${rssAfterBuild})`, `${peak} (whole process${db.label.startsWith('PGlite') ? ', with PGlite' : ''})`],
  ];
  const w0 = Math.max(...rows.map((x) => x[0].length));
  const w1 = Math.max(...rows.map((x) => x[1].length));
  console.log('');
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
  console.log('');
  console.log('pg_trgm on the labelled set by threshold: ' + sweep.map((x) => `${x.threshold}: recall ${f(x.recall, 4)}, precision ${f(x.precision, 4)}`).join('; '));
  console.log(`speed-up: ${f(ratio, 1)}x (pg_trgm time EXTRAPOLATED linearly from a sample of ${sampleSize} roster names of ${roster.length}; the full join was not run)`);
  console.log(`labelled set: ${acc.positives} positives, ${acc.negatives} negatives; matcher precision counts matches on UN-list entries only`);
  console.log(
    JSON.stringify({
      roster: roster.length,
      watchlist: entries.length,
      seconds: Number(f(seconds, 3)),
      baseline_seconds: Number(f(baselineSeconds, 1)),
      ratio: Number(f(ratio, 1)),
      recall: Number(f(acc.recall, 4)),
      baseline_recall: Number(f(trgm.recall, 4)),
      precision: Number(f(acc.precision, 4)),
      peak_rss_mb: peak,
    }),
  );
}

await main();
