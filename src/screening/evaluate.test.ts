import { describe, expect, it } from 'vitest';
import { accuracyTable, evaluate, type LabelledQuery } from './evaluate.ts';

const Q: LabelledQuery[] = [
  { name: 'a', source: '1', accept: ['1'], kind: 'variant:typo1' },
  { name: 'b', source: '2', accept: ['2', '3'], kind: 'variant:typo1' },
  { name: 'c', source: '4', accept: ['4'], kind: 'variant:rank' },
  { name: 'x', accept: [], kind: 'negative:sahel' },
  { name: 'y', accept: [], kind: 'negative:sahel' },
];
const RESULTS: Record<string, { id: string; score: number }[]> = {
  a: [{ id: '1', score: 0.9 }],
  b: [{ id: '3', score: 0.95 }, { id: '2', score: 0.9 }, { id: '9', score: 0.85 }],
  c: [],
  x: [{ id: '5', score: 0.86 }],
  y: [],
};

describe('accuracy figures', () => {
  const a = evaluate(Q, (q) => RESULTS[q.name]!);

  it('counts recall on the source entry and precision on every reported match', () => {
    expect(a.positives).toBe(3);
    expect(a.negatives).toBe(2);
    expect(a.recall).toBeCloseTo(2 / 3);
    // 5 matches: 1, 3 (accepted: a listed person with a compatible name), 2 correct; 9 and 5 wrong
    expect(a.precision).toBeCloseTo(3 / 5);
    expect(a.falseAlarmRate).toBe(0.5);
    expect(a.misses.map((q) => q.name)).toEqual(['c']);
    expect(a.falsePositives.map((f) => f.id)).toEqual(['9', '5']);
  });

  it('breaks the figures down by kind of query', () => {
    expect(a.byKind['variant:typo1']).toEqual({ queries: 2, found: 2, matches: 4, wrong: 1 });
    expect(accuracyTable(a)).toContain('recall 0.6667 (3 positives), precision 0.6000');
  });
});
