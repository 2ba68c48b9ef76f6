/**
 * Accuracy of a screening run on a labelled set: recall (listed people found), precision (reported
 * matches that are correct), by kind of query. Pure module: the caller screens, this counts.
 */
export interface LabelledQuery {
  name: string;
  birthDate?: string;
  nationality?: string;
  gender?: string;
  /** Positive: the listed entry the name was derived from. */
  source?: string;
  /** Entry ids a match to which is correct. */
  accept: string[];
  kind: string;
}

export interface KindFigures {
  queries: number;
  found: number;
  matches: number;
  wrong: number;
}

export interface Accuracy {
  positives: number;
  negatives: number;
  /** Positives whose source entry was among the matches / positives. */
  recall: number;
  /** Correct reported matches / all reported matches (a match on a negative is always wrong). */
  precision: number;
  /** Negatives with at least one match / negatives. */
  falseAlarmRate: number;
  byKind: Record<string, KindFigures>;
  misses: LabelledQuery[];
  falsePositives: { query: LabelledQuery; id: string; score: number }[];
}

/** `screen` returns the matched entry ids (with scores) of one query at the threshold under test. */
export function evaluate(queries: LabelledQuery[], screen: (q: LabelledQuery) => { id: string; score: number }[]): Accuracy {
  let positives = 0;
  let found = 0;
  let matches = 0;
  let wrong = 0;
  let negatives = 0;
  let alarmed = 0;
  const byKind: Record<string, KindFigures> = {};
  const misses: LabelledQuery[] = [];
  const falsePositives: Accuracy['falsePositives'] = [];
  for (const q of queries) {
    const k = (byKind[q.kind] ??= { queries: 0, found: 0, matches: 0, wrong: 0 });
    k.queries++;
    const res = screen(q);
    const accept = new Set(q.accept);
    for (const m of res) {
      matches++;
      k.matches++;
      if (!accept.has(m.id)) {
        wrong++;
        k.wrong++;
        falsePositives.push({ query: q, id: m.id, score: m.score });
      }
    }
    if (q.source) {
      positives++;
      if (res.some((m) => m.id === q.source)) {
        found++;
        k.found++;
      } else misses.push(q);
    } else {
      negatives++;
      if (res.length) alarmed++;
    }
  }
  return {
    positives,
    negatives,
    recall: positives ? found / positives : 1,
    precision: matches ? (matches - wrong) / matches : 1,
    falseAlarmRate: negatives ? alarmed / negatives : 0,
    byKind,
    misses,
    falsePositives,
  };
}

/** A plain-text table of the figures by kind of query. */
export function accuracyTable(a: Accuracy): string {
  const rows = Object.entries(a.byKind).sort(([x], [y]) => x.localeCompare(y));
  const lines = ['kind                                   queries   found  matches  wrong'];
  for (const [kind, f] of rows) {
    lines.push(`${kind.padEnd(38)} ${String(f.queries).padStart(7)} ${String(f.found).padStart(7)} ${String(f.matches).padStart(8)} ${String(f.wrong).padStart(6)}`);
  }
  lines.push(`recall ${a.recall.toFixed(4)} (${a.positives} positives), precision ${a.precision.toFixed(4)}, negatives with a match ${(a.falseAlarmRate * 100).toFixed(2)}% of ${a.negatives}`);
  return lines.join('\n');
}
