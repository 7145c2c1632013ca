/**
 * What every forecasting model sees: events on a grid of cells, each an index and a time in days (any origin, the
 * same for every event and every instant given to a model), and the grid's shape.
 */
export interface CellEvents {
  /** The cell of each event: `column + row · nx`, as the study grid numbers them. */
  cell: Int32Array;
  /** The time of each event in days, in increasing order. */
  time: Float64Array;
}

export interface ForecastGrid {
  nx: number;
  ny: number;
  /** 1 for the cells that are observations (inside the study area); forecasts give 0 elsewhere. */
  inside: Uint8Array;
  /** The side of a cell, metres. */
  cellSizeM: number;
}

/** The events strictly before `before` and at or after `from`: what a model may learn from at an origin. */
export function eventsBefore(events: CellEvents, before: number, from = -Infinity): CellEvents {
  const start = firstAtOrAfter(events.time, from);
  const end = Math.max(start, firstAtOrAfter(events.time, before));
  return { cell: events.cell.subarray(start, end), time: events.time.subarray(start, end) };
}

/** Events per cell in [from, to). */
export function countsBetween(events: CellEvents, cellCount: number, from: number, to: number): Float64Array {
  const counts = new Float64Array(cellCount);
  for (let i = 0; i < events.time.length; i++) {
    const t = events.time[i] as number;
    const cell = events.cell[i] as number;
    if (t >= from && t < to && cell >= 0 && cell < cellCount) counts[cell] = (counts[cell] as number) + 1;
  }
  return counts;
}

/** Throws unless the times are finite and in increasing order and every cell lies on the grid. */
export function checkEvents(events: CellEvents, grid: ForecastGrid): void {
  if (events.cell.length !== events.time.length) {
    throw new RangeError(`cells (${events.cell.length}) and times (${events.time.length}) differ in length`);
  }
  const cells = grid.nx * grid.ny;
  if (grid.inside.length !== cells) throw new RangeError(`inside has ${grid.inside.length} cells, not ${cells}`);
  let previous = -Infinity;
  for (let i = 0; i < events.time.length; i++) {
    const t = events.time[i] as number;
    const cell = events.cell[i] as number;
    if (!Number.isFinite(t) || t < previous) throw new RangeError(`event ${i}: time ${t} is not in increasing order`);
    if (!Number.isInteger(cell) || cell < 0 || cell >= cells) throw new RangeError(`event ${i}: no cell ${cell}`);
    previous = t;
  }
}

/** The index of the first time at or after `t` in increasing times (their length when none). */
export function firstAtOrAfter(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
