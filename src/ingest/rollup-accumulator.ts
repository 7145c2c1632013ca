import type { AreaDirectory } from '../geo/area-directory.js';

/**
 * The daily roll-up (area × local day × category, every ancestor level) counted in memory while a bulk load
 * writes rows, in dense typed arrays: one increment per ancestor and no allocation per record.
 */
export class RollupAccumulator {
  readonly #days: readonly string[];
  readonly #categories: readonly string[];
  readonly #areaIds: number[];
  readonly #ancestors = new Map<number, Int32Array>();
  readonly #incidents: Uint32Array;
  readonly #solved: Uint32Array;
  readonly #stride: number;

  constructor(
    directory: AreaDirectory,
    areaIds: readonly number[],
    days: readonly string[],
    categories: readonly string[],
  ) {
    this.#days = days;
    this.#categories = categories;
    this.#areaIds = [...areaIds];
    const slot = new Map(this.#areaIds.map((id, i) => [id, i]));
    for (const id of this.#areaIds) {
      this.#ancestors.set(
        id,
        Int32Array.from(
          directory
            .lineage(id)
            .map((a) => slot.get(a.id) ?? -1)
            .filter((i) => i >= 0),
        ),
      );
    }
    this.#stride = days.length * categories.length;
    this.#incidents = new Uint32Array(this.#areaIds.length * this.#stride);
    this.#solved = new Uint32Array(this.#areaIds.length * this.#stride);
  }

  /** Counts one incident of category index `category` on day index `day` in `areaId` and all its ancestors. */
  add(areaId: number, day: number, category: number, solved: boolean): void {
    const ancestors = this.#ancestors.get(areaId);
    if (!ancestors) throw new RangeError(`area ${areaId} is not in the roll-up`);
    if (day < 0 || day >= this.#days.length) throw new RangeError(`day index out of range: ${day}`);
    const offset = day * this.#categories.length + category;
    for (let i = 0; i < ancestors.length; i++) {
      const at = (ancestors[i] as number) * this.#stride + offset;
      this.#incidents[at] = (this.#incidents[at] as number) + 1;
      if (solved) this.#solved[at] = (this.#solved[at] as number) + 1;
    }
  }

  /** The non-zero cells as COPY text (area_id, day, category, incidents, solved), a chunk at a time. */
  *copyChunks(linesPerChunk = 100_000): Generator<string> {
    let chunk = '';
    let lines = 0;
    const categories = this.#categories.length;
    for (let a = 0; a < this.#areaIds.length; a++) {
      const base = a * this.#stride;
      for (let k = 0; k < this.#stride; k++) {
        const n = this.#incidents[base + k] as number;
        if (n === 0) continue;
        const day = this.#days[Math.floor(k / categories)] as string;
        const category = this.#categories[k % categories] as string;
        chunk += `${this.#areaIds[a]}\t${day}\t${category}\t${n}\t${this.#solved[base + k]}\n`;
        if (++lines >= linesPerChunk) {
          yield chunk;
          chunk = '';
          lines = 0;
        }
      }
    }
    if (chunk) yield chunk;
  }
}
