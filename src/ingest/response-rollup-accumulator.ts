import type { CallPriority } from '../domain/call.js';
import type { AreaDirectory } from '../geo/area-directory.js';
import { responseBinEdges, responseBinOf, type ResponseRollupTable } from '../store/migrations/0008-response-rollup.js';

const bins = responseBinEdges.length + 1;
/** Per call: area slot, day index, priority, then the three bins (−1: no time). */
const fields = 6;
const firstBin = 3;

/**
 * The response roll-up (migration 0008) counted in memory while a bulk load writes calls: each call is kept as a
 * few integers, and each table is made at the end by sorting one number per call, ancestor and duration (its row's
 * key, the duration's kind and its bin), so that equal numbers lie together and are counted in one pass. Bins come
 * from `responseBinOf` on the durations in seconds (milliseconds apart / 1000), which is the value SQL's
 * `response_bin` receives for the same times, so the rows equal those the triggers and the migration write.
 */
export class ResponseRollupAccumulator {
  readonly #days: readonly string[];
  readonly #areaIds: number[];
  readonly #slot = new Map<number, number>();
  readonly #ancestors: Int32Array[] = [];
  #calls = new Int32Array(fields * 65_536);
  #count = 0;

  constructor(directory: AreaDirectory, areaIds: readonly number[], days: readonly string[]) {
    this.#days = days;
    this.#areaIds = [...areaIds].sort((a, b) => a - b);
    this.#areaIds.forEach((id, i) => this.#slot.set(id, i));
    for (const id of this.#areaIds) {
      this.#ancestors.push(
        Int32Array.from(
          directory
            .lineage(id)
            .map((a) => this.#slot.get(a.id) ?? -1)
            .filter((i) => i >= 0),
        ),
      );
    }
  }

  /** Counts one call received on day index `day`, with its durations in seconds (null: no time). */
  add(
    areaId: number,
    day: number,
    priority: CallPriority,
    durations: readonly [number | null, number | null, number | null],
  ): void {
    const slot = this.#slot.get(areaId);
    if (slot === undefined) throw new RangeError(`area ${areaId} is not in the roll-up`);
    if (day < 0 || day >= this.#days.length) throw new RangeError(`day index out of range: ${day}`);
    if (this.#count * fields + fields > this.#calls.length) {
      const grown = new Int32Array(this.#calls.length * 2);
      grown.set(this.#calls);
      this.#calls = grown;
    }
    const at = this.#count * fields;
    this.#calls.set([slot, day, priority - 1, ...durations.map((d) => (d === null ? -1 : responseBinOf(d)))], at);
    this.#count++;
  }

  /** A table's rows as COPY text in `responseRollupColumns(table)` order, a chunk at a time. */
  *copyChunks(_table: ResponseRollupTable, linesPerChunk = 50_000): Generator<string> {
    const calls = this.#calls;
    // One number per call, ancestor and kind (0–2 a duration's bin, 3 the call itself):
    // (((slot × days + day) × 4 + priority) × 4 + kind) × bins + bin, below 2^53.
    let total = 0;
    for (let c = 0; c < this.#count; c++) {
      const at = c * fields;
      let kinds = 1;
      for (let k = 0; k < 3; k++) if ((calls[at + firstBin + k] as number) >= 0) kinds++;
      total += kinds * (this.#ancestors[calls[at] as number] as Int32Array).length;
    }
    const keys = new Float64Array(total);
    const days = this.#days.length;
    let n = 0;
    for (let c = 0; c < this.#count; c++) {
      const at = c * fields;
      for (const slot of this.#ancestors[calls[at] as number] as Int32Array) {
        const row = (slot * days + (calls[at + 1] as number)) * 4 + (calls[at + 2] as number);
        keys[n++] = (row * 4 + 3) * bins;
        for (let k = 0; k < 3; k++) {
          const bin = calls[at + firstBin + k] as number;
          if (bin >= 0) keys[n++] = (row * 4 + k) * bins + bin;
        }
      }
    }
    keys.sort();
    let chunk: string[] = [];
    const histograms: [number[], number[]][] = [
      [[], []],
      [[], []],
      [[], []],
    ];
    let currentRow = -1;
    let callCount = 0;
    const flush = () => {
      if (currentRow < 0) return;
      const priority = currentRow % 4;
      const rest = (currentRow - priority) / 4;
      const day = rest % days;
      const slot = (rest - day) / days;
      const key = [this.#areaIds[slot], this.#days[day], priority + 1];
      const totals = histograms.map(([, counts]) => counts.reduce((s, x) => s + x, 0));
      const arrays = histograms.flatMap(([b, c]) => [`{${b.join(',')}}`, `{${c.join(',')}}`]);
      chunk.push(`${[...key, callCount, ...totals, ...arrays].join('\t')}\n`);
      for (const h of histograms) {
        h[0] = [];
        h[1] = [];
      }
      callCount = 0;
    };
    for (let i = 0; i < total;) {
      const value = keys[i] as number;
      let j = i + 1;
      while (j < total && keys[j] === value) j++;
      const bin = value % bins;
      const rest = (value - bin) / bins;
      const kind = rest % 4;
      const row = (rest - kind) / 4;
      if (row !== currentRow) {
        flush();
        if (chunk.length >= linesPerChunk) {
          yield chunk.join('');
          chunk = [];
        }
        currentRow = row;
      }
      if (kind === 3) callCount += j - i;
      else {
        const h = histograms[kind] as [number[], number[]];
        h[0].push(bin);
        h[1].push(j - i);
      }
      i = j;
    }
    flush();
    if (chunk.length > 0) yield chunk.join('');
  }
}
