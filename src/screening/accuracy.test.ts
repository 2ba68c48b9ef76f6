/**
 * Accuracy of the matcher at the default threshold on the committed labelled set (built from the
 * real UN list by scripts/screening-build-testset.ts): every individual and entity of the list as
 * the watchlist; variants of listed individuals' names as positives; names of people who are not
 * listed, half of them near misses, as negatives.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCREENING_CONFIG } from './config.ts';
import { accuracyTable, evaluate, type LabelledQuery } from './evaluate.ts';
import { WatchlistIndex, type WatchlistEntry } from './matcher.ts';

const set = JSON.parse(readFileSync('test/fixtures/screening/labelled-set.json', 'utf8')) as {
  watchlist: WatchlistEntry[];
  queries: LabelledQuery[];
  counts: Record<string, number>;
};

describe('name-screening accuracy on the labelled set', () => {
  const index = WatchlistIndex.build(set.watchlist, DEFAULT_SCREENING_CONFIG);
  const accuracy = evaluate(set.queries, (q) => index.screen(q));

  it('has a realistic set: the whole UN list, at least 300 listed people varied, at least 5,000 negatives', () => {
    expect(set.watchlist.filter((e) => e.type === 'individual')).toHaveLength(727);
    expect(set.watchlist.filter((e) => e.type === 'entity')).toHaveLength(273);
    expect(set.counts['listed individuals varied']).toBeGreaterThanOrEqual(300);
    expect(new Set(set.queries.filter((q) => q.source).map((q) => q.source)).size).toBeGreaterThanOrEqual(300);
    expect(set.queries.filter((q) => !q.source).length).toBeGreaterThanOrEqual(5000);
    expect(set.queries.filter((q) => q.kind.startsWith('negative:near-')).length).toBeGreaterThanOrEqual(1500);
  });

  it(`finds at least 97% of listed people with at least 95% precision at the default threshold (${DEFAULT_SCREENING_CONFIG.threshold})`, () => {
    console.log(accuracyTable(accuracy));
    expect(accuracy.recall).toBeGreaterThanOrEqual(0.97);
    expect(accuracy.precision).toBeGreaterThanOrEqual(0.95);
  });
});
