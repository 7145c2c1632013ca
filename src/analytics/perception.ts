/** Answers to "do you feel safe in your neighbourhood?", from 1 (not at all) to 5 (completely). */
export const perceptionAnswers = [1, 2, 3, 4, 5] as const;

export interface PerceptionSummary {
  n: number;
  /** Below `minResponses`, everything but n is withheld (null): too few answers to tell anything, or anyone. */
  withheld: boolean;
  counts: number[] | null;
  mean: number | null;
  /** Share answering 4 or 5. */
  shareSafe: number | null;
}

/**
 * The distribution of answers, their mean and the share feeling safe, withheld below `minResponses` answers.
 *
 * @param counts how many answered 1, 2, 3, 4 and 5, in that order
 */
export function perceptionSummary(counts: readonly number[], minResponses: number): PerceptionSummary {
  if (counts.length !== perceptionAnswers.length) {
    throw new RangeError(`counts: ${counts.length} values, not ${perceptionAnswers.length}`);
  }
  const n = counts.reduce((a, b) => a + b, 0);
  if (n < minResponses || n === 0) return { n, withheld: true, counts: null, mean: null, shareSafe: null };
  const total = counts.reduce((sum, count, i) => sum + count * (i + 1), 0);
  return {
    n,
    withheld: false,
    counts: [...counts],
    mean: total / n,
    shareSafe: ((counts[3] ?? 0) + (counts[4] ?? 0)) / n,
  };
}
