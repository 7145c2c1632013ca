/**
 * Gi* speed: 1,000,000 cells (1000 × 1000, seeded Poisson counts around a few peaks) with queen neighbours, by
 * `gistar` (separable box sums) beside `gistarNaive` (an explicit neighbour list per cell, then a loop over each)
 * in the same run, on the same cells. Each is run once to warm up, then the best of 3 is kept. Both give z-scores,
 * two-sided p-values and Gi_Bin classes; the line "same z-scores" compares them. A distance band of 1200 m on
 * 500 m cells (21 cells a neighbourhood) follows, the same way.
 */
import { gistar, gistarNaive, type GistarOptions, type GistarResult } from '../src/analytics/gistar.js';
import { poisson, seededRandom } from '../src/analytics/random.js';

const nx = 1000;
const ny = 1000;

function seededCounts(): Float64Array {
  const random = seededRandom(2026, 'bench-gistar');
  const peaks = Array.from({ length: 12 }, () => ({ x: random() * nx, y: random() * ny, height: 2 + 8 * random() }));
  const counts = new Float64Array(nx * ny);
  for (let row = 0; row < ny; row++) {
    for (let col = 0; col < nx; col++) {
      let mean = 0.5;
      for (const peak of peaks) mean += peak.height * Math.exp(-((col - peak.x) ** 2 + (row - peak.y) ** 2) / 2000);
      counts[row * nx + col] = poisson(random, mean);
    }
  }
  return counts;
}

function bestOf3(run: () => GistarResult): { seconds: number; result: GistarResult } {
  let result = run(); // warm-up
  let seconds = Infinity;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    result = run();
    seconds = Math.min(seconds, (performance.now() - started) / 1000);
  }
  return { seconds, result };
}

function maxDifference(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (Number.isNaN(x) !== Number.isNaN(y)) return Infinity;
    if (!Number.isNaN(x)) worst = Math.max(worst, Math.abs(x - y));
  }
  return worst;
}

function compare(label: string, counts: Float64Array, options: GistarOptions): void {
  const fast = bestOf3(() => gistar(counts, options));
  const naive = bestOf3(() => gistarNaive(counts, options));
  const hot = fast.result.bin.filter((b) => b > 0).length;
  console.log(`  ${label}`);
  console.log(`    gistar (box sums)          ${fast.seconds.toFixed(3)} s`);
  console.log(`    naive (neighbour lists)    ${naive.seconds.toFixed(3)} s`);
  console.log(`    naive / gistar             ${(naive.seconds / fast.seconds).toFixed(1)}×`);
  console.log(
    `    same z-scores              max |Δz| ${maxDifference(fast.result.z, naive.result.z)}; ${hot.toLocaleString('en')} hot cells`,
  );
}

export async function benchGistar(): Promise<void> {
  const counts = seededCounts();
  console.log(`Gi* — ${(nx * ny).toLocaleString('en')} cells (${nx} × ${ny}), best of 3 after a warm-up`);
  compare('queen neighbours (target: under 1 s)', counts, { nx, ny });
  compare('distance band 1200 m, 500 m cells', counts, {
    nx,
    ny,
    neighbours: { kind: 'band', distanceM: 1200, cellSizeM: 500 },
  });
}
