/**
 * How good a ranked list of cells is at catching the crimes of a test window, for a flagged share of the area.
 *
 * - Ranking: cells inside the study area by score, highest first; equal scores in increasing cell index, so the
 *   same scores always flag the same cells.
 * - Flagged cells: k = ⌊share × cells inside⌋, at least 1; the area share reported is k / cells inside (cells are
 *   equal squares).
 * - Hit rate: crimes of the test window in the flagged cells / all its crimes in the study area.
 * - PAI, the Prediction Accuracy Index (Chainey, Tompson & Uhlig 2008, "The utility of hotspot mapping for
 *   predicting spatial patterns of crime", Security Journal 21): hit rate / area share.
 * - PEI, the Predictive Efficiency Index (Hunt 2016, as used in the NIJ Real-Time Crime Forecasting Challenge):
 *   crimes captured / the most crimes any k cells held in the test window.
 * - RRI, the Recapture Rate Index (Levine 2008, "The 'hottest' part of a hotspot: comments on 'The utility of
 *   hotspot mapping…'", Security Journal 21): (n₂ / n₁) / (N₂ / N₁), n the crimes in the flagged cells and N all
 *   crimes, 1 the training window and 2 the test window. It is 1 when the flagged cells keep their share of crime.
 *   (Not the "recovery rate index" of Wheeler & Steenbeek 2021 — predicted ÷ observed counts in the flagged cells —
 *   which some tools also abbreviate RRI.)
 * Each is null when its denominator is zero (no crime in the test window, none in the flagged cells in training).
 */

/** Cells inside the area, best first (ties: lower index first). */
export function rankCells(scores: Float64Array, inside: Uint8Array): Int32Array {
  const cells: number[] = [];
  for (let c = 0; c < scores.length; c++) if (inside[c] === 1) cells.push(c);
  cells.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  return Int32Array.from(cells);
}

export function flaggedCount(share: number, cellsInside: number): number {
  if (!(share > 0 && share <= 1)) throw new RangeError(`an area share must be in (0, 1], not ${share}`);
  return Math.min(cellsInside, Math.max(1, Math.floor(share * cellsInside + 1e-9)));
}

export interface HitMetrics {
  share: number;
  cells: number;
  areaShare: number;
  captured: number;
  crimes: number;
  hitRate: number | null;
  pai: number | null;
  pei: number | null;
  rri: number | null;
}

/**
 * The metrics of the top `share` of `ranked` against the test window's counts per cell; `trainingCounts` (the
 * counts of the training window) for the RRI.
 */
export function hitMetrics(
  ranked: Int32Array,
  share: number,
  testCounts: Float64Array,
  trainingCounts?: Float64Array,
): HitMetrics {
  const k = flaggedCount(share, ranked.length);
  let captured = 0;
  let crimes = 0;
  let trainingFlagged = 0;
  let trainingCrimes = 0;
  const inTest: number[] = [];
  for (let r = 0; r < ranked.length; r++) {
    const cell = ranked[r] as number;
    const n = testCounts[cell] as number;
    crimes += n;
    inTest.push(n);
    const m = trainingCounts ? (trainingCounts[cell] as number) : 0;
    trainingCrimes += m;
    if (r < k) {
      captured += n;
      trainingFlagged += m;
    }
  }
  inTest.sort((a, b) => b - a);
  let best = 0;
  for (let r = 0; r < k; r++) best += inTest[r] as number;
  const areaShare = k / ranked.length;
  const hitRate = crimes > 0 ? captured / crimes : null;
  return {
    share,
    cells: k,
    areaShare,
    captured,
    crimes,
    hitRate,
    pai: hitRate === null ? null : hitRate / areaShare,
    pei: best > 0 ? captured / best : null,
    rri:
      trainingCounts && trainingFlagged > 0 && crimes > 0 && trainingCrimes > 0
        ? captured / trainingFlagged / (crimes / trainingCrimes)
        : null,
  };
}
