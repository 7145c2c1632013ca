/**
 * The Knox test for near repeats, as Ratcliffe's Near Repeat Calculator runs it: every pair of events is counted in
 * a table of spatial bands × temporal bands, and each count is compared with the counts when the events' times are
 * shuffled among their locations (Knox 1964; Johnson et al. 2007; Ratcliffe 2009, Near Repeat Calculator manual).
 *
 * Bands are given by their upper edges, each included: spatial edges [100, 200] make the bands 0–100 m (distance
 * ≤ 100), 100–200 m (100 < distance ≤ 200) and beyond (> 200); with whole metres and days these are the
 * calculator's "0 to 100", "101 to 200" and "more than 200". An edge of 0 first gives the calculator's "same
 * location" band. Temporal edges in days work the same way on |t_i − t_j|.
 *
 * Locations never move under the permutations, so the pairs within the largest finite spatial edge are found once
 * (a grid index with cells that size: only neighbouring cells are compared), and each permutation only re-reads
 * their times. The "beyond" row needs no pairs at all: how many of all n(n − 1)/2 pairs fall in each temporal band
 * depends only on the multiset of times, which a permutation keeps, so it is that total minus the near pairs.
 */
import { seededRandom } from './random.js';

export interface KnoxEvent {
  /** Easting in metres. */
  x: number;
  /** Northing in metres. */
  y: number;
  /** Time in days (any origin; fractions allowed). */
  t: number;
}

export interface KnoxOptions {
  /** Upper edges of the spatial bands in metres, increasing; a "beyond" band follows the last. */
  spatialEdgesM: readonly number[];
  /** Upper edges of the temporal bands in days, increasing; a "beyond" band follows the last. */
  temporalEdgesDays: readonly number[];
  /** Monte-Carlo permutations of the times (default 99, as the calculator's default). */
  permutations?: number;
  /** Seed of the permutations (default 1): the same seed gives the same result. */
  seed?: number | string;
  /** Euclidean (default) or Manhattan distance, the calculator's two choices. */
  distance?: 'euclidean' | 'manhattan';
}

/** A band: (from, to], except the first, which is [from, to]; `to` is Infinity for "beyond". */
export interface KnoxBand {
  from: number;
  to: number;
}

export interface KnoxResult {
  spatialBands: KnoxBand[];
  temporalBands: KnoxBand[];
  /** Pairs of events per [spatial band][temporal band], "beyond" last in each direction. */
  observed: number[][];
  /** The mean count over the permutations. */
  expected: number[][];
  /** The Knox ratio, observed / expected (NaN when expected is 0). */
  ratio: number[][];
  /** (1 + permutations with a count ≥ the observed) / (1 + permutations): the chance of a count this high. */
  p: number[][];
  /** All pairs: n(n − 1)/2. */
  pairs: number;
  permutations: number;
}

function checkEdges(name: string, edges: readonly number[]): void {
  if (edges.length === 0) throw new RangeError(`${name}: at least one edge is needed`);
  edges.forEach((edge, i) => {
    if (!Number.isFinite(edge) || edge < 0) throw new RangeError(`${name}: invalid edge ${edge}`);
    if (i > 0 && !(edge > (edges[i - 1] as number))) {
      throw new RangeError(`${name}: edges must increase: ${edges[i - 1]} then ${edge}`);
    }
  });
}

function bandsOf(edges: readonly number[]): KnoxBand[] {
  return [
    ...edges.map((to, i) => ({ from: i === 0 ? 0 : (edges[i - 1] as number), to })),
    {
      from: edges[edges.length - 1] as number,
      to: Infinity,
    },
  ];
}

/** The band of a value: the first edge it does not exceed, or edges.length for beyond. */
function bandOf(value: number, edges: readonly number[]): number {
  let k = 0;
  while (k < edges.length && value > (edges[k] as number)) k++;
  return k;
}

/** Near pairs (distance ≤ the largest spatial edge), found through a grid index, with their spatial band. */
function nearPairs(
  events: readonly KnoxEvent[],
  edges: readonly number[],
  manhattan: boolean,
): { first: Int32Array; second: Int32Array; band: Uint8Array; count: number } {
  const reach = edges[edges.length - 1] as number;
  // Any cell size ≥ reach works; a reach of 0 (same location only) still needs a positive one.
  const cellSize = reach > 0 ? reach : 1;
  let minX = Infinity;
  let minY = Infinity;
  for (const event of events) {
    minX = Math.min(minX, event.x);
    minY = Math.min(minY, event.y);
  }
  const cells = new Map<number, number[]>();
  const columns = new Int32Array(events.length);
  const rows = new Int32Array(events.length);
  let maxColumn = 0;
  events.forEach((event, i) => {
    const column = Math.floor((event.x - minX) / cellSize);
    columns[i] = column;
    rows[i] = Math.floor((event.y - minY) / cellSize);
    maxColumn = Math.max(maxColumn, column);
  });
  const stride = maxColumn + 3;
  const keyOf = (column: number, row: number) => row * stride + column;
  events.forEach((_, i) => {
    const key = keyOf(columns[i] as number, rows[i] as number);
    const list = cells.get(key);
    if (list) list.push(i);
    else cells.set(key, [i]);
  });

  let capacity = 1024;
  let first = new Int32Array(capacity);
  let second = new Int32Array(capacity);
  let band = new Uint8Array(capacity);
  let count = 0;
  for (let i = 0; i < events.length; i++) {
    const a = events[i] as KnoxEvent;
    const column = columns[i] as number;
    const row = rows[i] as number;
    for (let dr = -1; dr <= 1; dr++) {
      for (let dc = -1; dc <= 1; dc++) {
        if (column + dc < 0 || row + dr < 0) continue;
        const list = cells.get(keyOf(column + dc, row + dr));
        if (!list) continue;
        for (const j of list) {
          if (j <= i) continue;
          const b = events[j] as KnoxEvent;
          const dx = Math.abs(a.x - b.x);
          const dy = Math.abs(a.y - b.y);
          const distance = manhattan ? dx + dy : Math.sqrt(dx * dx + dy * dy);
          if (distance > reach) continue;
          if (count === capacity) {
            capacity *= 2;
            const grow = <T extends Int32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
              const next = make(capacity);
              next.set(old);
              return next;
            };
            first = grow(first, (n) => new Int32Array(n));
            second = grow(second, (n) => new Int32Array(n));
            band = grow(band, (n) => new Uint8Array(n));
          }
          first[count] = i;
          second[count] = j;
          band[count] = bandOf(distance, edges);
          count++;
        }
      }
    }
  }
  return { first, second, band, count };
}

/** How many of all pairs fall in each temporal band (beyond last), from the sorted times. */
function temporalTotals(times: readonly number[], edges: readonly number[]): number[] {
  const sorted = Float64Array.from(times).sort();
  const n = sorted.length;
  const within = edges.map((edge) => {
    // Pairs i < j with sorted[j] − sorted[i] ≤ edge, by a sliding window.
    let pairs = 0;
    let j = 0;
    for (let i = 0; i < n; i++) {
      if (j < i + 1) j = i + 1;
      while (j < n && (sorted[j] as number) - (sorted[i] as number) <= edge) j++;
      pairs += j - i - 1;
    }
    return pairs;
  });
  const all = n < 2 ? 0 : (n * (n - 1)) / 2;
  return [
    ...within.map((w, k) => w - (k === 0 ? 0 : (within[k - 1] as number))),
    all - (within[within.length - 1] ?? 0),
  ];
}

/** The table for one assignment of times to events. */
function countTable(
  pairs: ReturnType<typeof nearPairs>,
  times: Float64Array,
  temporalEdges: readonly number[],
  totals: readonly number[],
  spatialBands: number,
): Float64Array {
  const temporalBands = temporalEdges.length + 1;
  const table = new Float64Array(spatialBands * temporalBands);
  const { first, second, band, count } = pairs;
  for (let k = 0; k < count; k++) {
    const dt = Math.abs((times[first[k] as number] as number) - (times[second[k] as number] as number));
    const cell = (band[k] as number) * temporalBands + bandOf(dt, temporalEdges);
    table[cell] = (table[cell] as number) + 1;
  }
  // The beyond row: every pair in a temporal band, less the near ones.
  const beyond = (spatialBands - 1) * temporalBands;
  for (let t = 0; t < temporalBands; t++) {
    let near = 0;
    for (let s = 0; s < spatialBands - 1; s++) near += table[s * temporalBands + t] as number;
    table[beyond + t] = (totals[t] as number) - near;
  }
  return table;
}

/**
 * The Knox near-repeat test: observed pairs per spatial × temporal band, their expectation and p-value from
 * Monte-Carlo permutations of the times among the locations, and the Knox ratio.
 *
 * @throws RangeError for an event with a non-finite coordinate or time, edges that are not increasing and
 *   non-negative, or a permutation count that is not a positive integer
 * @see Ratcliffe, J. H. (2009) Near Repeat Calculator (version 1.3) user guide; Johnson et al. (2007), "Space-time
 *   patterns of risk", Journal of Quantitative Criminology 23
 */
export function knox(events: readonly KnoxEvent[], options: KnoxOptions): KnoxResult {
  const { spatialEdgesM, temporalEdgesDays } = options;
  checkEdges('spatialEdgesM', spatialEdgesM);
  checkEdges('temporalEdgesDays', temporalEdgesDays);
  if (spatialEdgesM.length > 254) throw new RangeError(`too many spatial bands: ${spatialEdgesM.length}`);
  const permutations = options.permutations ?? 99;
  if (!Number.isInteger(permutations) || permutations < 1) {
    throw new RangeError(`invalid permutations: ${permutations}`);
  }
  events.forEach((event, i) => {
    if (!Number.isFinite(event.x) || !Number.isFinite(event.y) || !Number.isFinite(event.t)) {
      throw new RangeError(`event ${i} has a coordinate or time that is not a finite number`);
    }
  });

  const spatialBands = spatialEdgesM.length + 1;
  const temporalBands = temporalEdgesDays.length + 1;
  const times = Float64Array.from(events, (event) => event.t);
  const pairs = nearPairs(events, spatialEdgesM, options.distance === 'manhattan');
  const totals = temporalTotals(
    events.map((event) => event.t),
    temporalEdgesDays,
  );
  const observed = countTable(pairs, times, temporalEdgesDays, totals, spatialBands);

  const random = seededRandom(options.seed ?? 1, 'knox');
  const shuffled = Float64Array.from(times);
  const sums = new Float64Array(observed.length);
  const atLeast = new Float64Array(observed.length);
  for (let run = 0; run < permutations; run++) {
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const swap = shuffled[i] as number;
      shuffled[i] = shuffled[j] as number;
      shuffled[j] = swap;
    }
    const table = countTable(pairs, shuffled, temporalEdgesDays, totals, spatialBands);
    for (let k = 0; k < table.length; k++) {
      sums[k] = (sums[k] as number) + (table[k] as number);
      if ((table[k] as number) >= (observed[k] as number)) atLeast[k] = (atLeast[k] as number) + 1;
    }
  }

  const grid = (value: (k: number) => number) =>
    Array.from({ length: spatialBands }, (_, s) =>
      Array.from({ length: temporalBands }, (_, t) => value(s * temporalBands + t)),
    );
  const expected = grid((k) => (sums[k] as number) / permutations);
  return {
    spatialBands: bandsOf(spatialEdgesM),
    temporalBands: bandsOf(temporalEdgesDays),
    observed: grid((k) => observed[k] as number),
    expected,
    ratio: grid((k) => {
      const e = (sums[k] as number) / permutations;
      return e === 0 ? NaN : (observed[k] as number) / e;
    }),
    p: grid((k) => (1 + (atLeast[k] as number)) / (1 + permutations)),
    pairs: events.length < 2 ? 0 : (events.length * (events.length - 1)) / 2,
    permutations,
  };
}
