/**
 * Prints the accuracy of the matcher on a labelled set, with the misses and the false positives:
 *   npx tsx scripts/screening-evaluate.ts [--set test/fixtures/screening/labelled-set.json] [--threshold 0.86] [--show 40]
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_SCREENING_CONFIG } from '../src/screening/config.ts';
import { accuracyTable, evaluate, type LabelledQuery } from '../src/screening/evaluate.ts';
import { explain, WatchlistIndex, type WatchlistEntry } from '../src/screening/matcher.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const set = JSON.parse(readFileSync(arg('set', 'test/fixtures/screening/labelled-set.json'), 'utf8')) as { watchlist: WatchlistEntry[]; queries: LabelledQuery[] };
const threshold = Number(arg('threshold', String(DEFAULT_SCREENING_CONFIG.threshold)));
const show = Number(arg('show', '40'));
const index = WatchlistIndex.build(set.watchlist, DEFAULT_SCREENING_CONFIG);
const names = new Map(set.watchlist.map((e) => [e.id, e.names[0]!.name]));
const t0 = performance.now();
const c0 = process.cpuUsage();
const acc = evaluate(set.queries, (q) => index.screen(q, { threshold }));
const cpu = process.cpuUsage(c0);
console.log(`${set.queries.length} queries in ${(performance.now() - t0).toFixed(0)} ms (${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU) at threshold ${threshold}`);
console.log(accuracyTable(acc));
const namesOnly = evaluate(set.queries.filter((q) => !q.birthDate && !q.nationality && !q.gender), (q) => index.screen(q, { threshold }));
console.log(`names only: recall ${namesOnly.recall.toFixed(4)}, precision ${namesOnly.precision.toFixed(4)}`);
console.log('\nMISSES');
for (const q of acc.misses.slice(0, show)) {
  const best = index.screen(q, { threshold: 0, limit: 50 }).find((m) => m.id === q.source);
  console.log(`  [${q.kind}] ${JSON.stringify(q.name)} -> ${names.get(q.source!)}  best ${best ? best.score : '-'}`);
}
console.log('\nFALSE POSITIVES');
for (const fp of acc.falsePositives.slice(0, show)) {
  console.log(`  [${fp.query.kind}] ${JSON.stringify(fp.query.name)} ${fp.query.birthDate ?? ''} -> ${names.get(fp.id)} ${fp.score}`);
}
if (process.argv.includes('--curve')) {
  const lowest = 0.7;
  const all = new Map(set.queries.map((q) => [q, index.screen(q, { threshold: lowest })]));
  console.log('\nthreshold  recall  precision');
  for (let t = lowest; t <= 0.96; t += 0.01) {
    const a = evaluate(set.queries, (q) => all.get(q)!.filter((m) => m.score >= t));
    console.log(`${t.toFixed(2)}       ${a.recall.toFixed(4)}  ${a.precision.toFixed(4)}`);
  }
}
if (process.argv.includes('--explain')) {
  for (const fp of acc.falsePositives.slice(0, 5)) console.log('\n' + explain(index.screen(fp.query, { threshold }).find((m) => m.id === fp.id)!, 'en'));
}
