import type { BlackSpotQuery, ClassifyQuery, KdeQuery, KnoxQuery } from '../../../../src/contract/hotspots.js';
import { categoryCodes, isCategoryCode, type CategoryCode } from '../../../../src/domain/category.js';
import { addDays, daysBetween, isIsoDay, sameDayYearsBefore } from '../../../../src/domain/time.js';

/**
 * What the map shows under the black spots: the density surface, the Gi* cells, the spots alone (filled), or the
 * cells classified by how they were hot over time.
 */
export const mapLayers = ['density', 'gistar', 'spots', 'classes'] as const;
export type MapLayer = (typeof mapLayers)[number];

export const kernels = ['quartic', 'gaussian', 'epanechnikov', 'triangular', 'uniform'] as const;
export type Kernel = (typeof kernels)[number];

export const confidences = [90, 95, 99] as const;
export type Confidence = (typeof confidences)[number];

export const periodUnits = ['month', 'week'] as const;
export type PeriodUnit = (typeof periodUnits)[number];

/** How cells are classified over time: sfhotspot's classes or ArcGIS's Emerging Hot Spot Analysis patterns. */
export const schemes = ['sfhotspot', 'ehsa'] as const;
export type Scheme = (typeof schemes)[number];

/** Cell sides offered in metres; `null` leaves it to the server (a fiftieth of the area's shorter side). */
export const cellSizeChoices = [100, 250, 500, 1000, 2500, 5000] as const;

/** The API's bounds (src/contract/hotspots.ts). */
const cellSizeRange = { min: 25, max: 5000 };
const bandwidthRange = { min: 1, max: 50_000 };
/** The longest window the server reads (src/server/routes/hotspots.ts). */
export const maxWindowDays = 3660;

/**
 * The settings of a black-spot study, as the page's address keeps them: the window and categories, the grid,
 * the density's kernel and bandwidth, the spots' confidence and period; and what is looked at (layer, spot).
 * `from`/`to` are null until the area's last day with data is known; `cellSize` and `bandwidth` are null for
 * the server's default.
 */
export interface Settings {
  from: string | null;
  to: string | null;
  categories: CategoryCode[];
  cellSize: number | null;
  kernel: Kernel;
  bandwidth: number | null;
  confidence: Confidence;
  period: PeriodUnit;
  scheme: Scheme;
  layer: MapLayer;
  spot: number | null;
}

export const defaultSettings: Settings = {
  from: null,
  to: null,
  categories: [],
  cellSize: null,
  kernel: 'quartic',
  bandwidth: null,
  confidence: 95,
  period: 'month',
  scheme: 'sfhotspot',
  layer: 'density',
  spot: null,
};

const oneOf = <T extends string | number>(values: readonly T[], raw: string | null, fallback: T): T =>
  values.find((v) => String(v) === raw) ?? fallback;

function numberIn(raw: string | null, { min, max }: { min: number; max: number }): number | null {
  if (raw === null || raw.trim() === '') return null;
  const value = Number(raw);
  return Number.isFinite(value) && value >= min && value <= max ? value : null;
}

/** The settings a query string names; anything unreadable falls back to its default rather than failing. */
export function readSettings(search: string): Settings {
  const params = new URLSearchParams(search);
  const day = (key: string) => {
    const value = params.get(key);
    return value !== null && isIsoDay(value) ? value : null;
  };
  const chosen = new Set(params.getAll('category').filter(isCategoryCode));
  const spot = Number(params.get('spot'));
  return {
    from: day('from'),
    to: day('to'),
    // Kept in the vocabulary's order, so that two addresses naming the same categories are the same address.
    categories: categoryCodes.filter((code) => chosen.has(code)),
    cellSize: numberIn(params.get('cellSize'), cellSizeRange),
    kernel: oneOf(kernels, params.get('kernel'), defaultSettings.kernel),
    bandwidth: numberIn(params.get('bandwidth'), bandwidthRange),
    confidence: oneOf(confidences, params.get('confidence'), defaultSettings.confidence),
    period: oneOf(periodUnits, params.get('period'), defaultSettings.period),
    scheme: oneOf(schemes, params.get('scheme'), defaultSettings.scheme),
    layer: oneOf(mapLayers, params.get('layer'), defaultSettings.layer),
    spot: Number.isInteger(spot) && spot >= 1 ? spot : null,
  };
}

/** The query string of some settings, leaving out what is at its default; the inverse of `readSettings`. */
export function writeSettings(settings: Settings): string {
  const params = new URLSearchParams();
  if (settings.from !== null) params.set('from', settings.from);
  if (settings.to !== null) params.set('to', settings.to);
  for (const category of settings.categories) params.append('category', category);
  if (settings.cellSize !== null) params.set('cellSize', String(settings.cellSize));
  if (settings.kernel !== defaultSettings.kernel) params.set('kernel', settings.kernel);
  if (settings.bandwidth !== null) params.set('bandwidth', String(settings.bandwidth));
  if (settings.confidence !== defaultSettings.confidence) params.set('confidence', String(settings.confidence));
  if (settings.period !== defaultSettings.period) params.set('period', settings.period);
  if (settings.scheme !== defaultSettings.scheme) params.set('scheme', settings.scheme);
  if (settings.layer !== defaultSettings.layer) params.set('layer', settings.layer);
  if (settings.spot !== null) params.set('spot', String(settings.spot));
  return params.toString();
}

/** The default window: the twelve months up to the area's last day with data, both ends included. */
export function defaultWindow(asOf: string): { from: string; to: string } {
  return { from: addDays(sameDayYearsBefore(asOf, 1), 1), to: asOf };
}

/** What is wrong with a window before it is sent, as the field at fault; null when it can be sent. */
export function windowProblem(from: string, to: string): 'from' | 'to' | null {
  if (!isIsoDay(from)) return 'from';
  if (!isIsoDay(to) || to < from || daysBetween(from, to) >= maxWindowDays) return 'to';
  return null;
}

type StudyQuery = Pick<BlackSpotQuery, 'area' | 'from' | 'to' | 'category' | 'cellSize'>;

/** The query every method shares: area, window, categories (all when none is chosen) and cell size. */
function studyQuery(area: string, s: Settings & { from: string; to: string }): StudyQuery {
  return {
    area,
    from: s.from,
    to: s.to,
    ...(s.categories.length > 0 ? { category: s.categories } : {}),
    ...(s.cellSize !== null ? { cellSize: s.cellSize } : {}),
  };
}

export function kdeQuery(area: string, s: Settings & { from: string; to: string }): KdeQuery {
  return {
    ...studyQuery(area, s),
    kernel: s.kernel,
    ...(s.bandwidth !== null ? { bandwidth: s.bandwidth } : {}),
  };
}

export const gistarQuery = (area: string, s: Settings & { from: string; to: string }) => studyQuery(area, s);

export function blackSpotQuery(area: string, s: Settings & { from: string; to: string }): BlackSpotQuery {
  return { ...studyQuery(area, s), confidence: s.confidence, period: s.period };
}

export function classifyQuery(area: string, s: Settings & { from: string; to: string }): ClassifyQuery {
  return { ...studyQuery(area, s), period: s.period, scheme: s.scheme };
}

/** The near-repeat table's own settings: band edges as typed (comma-separated) and the permutations. */
export interface KnoxSettings {
  spaceBands: string;
  timeBands: string;
  permutations: number;
}

export const defaultKnox: KnoxSettings = { spaceBands: '100,200,300,400', timeBands: '7,14,21,28', permutations: 99 };

/**
 * Band edges as typed ("100, 200 ,300") in the API's form ("100,200,300"), or null when they are not increasing
 * positive numbers, at most twenty of them.
 */
export function bandEdges(raw: string): string | null {
  const parts = raw
    .split(/[,،;\s]+/u)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0 || parts.length > 20 || !parts.every((p) => /^\d+(\.\d+)?$/.test(p))) return null;
  const values = parts.map(Number);
  if (values.some((v, i) => !(v > 0) || (i > 0 && v <= (values[i - 1] ?? 0)))) return null;
  return values.join(',');
}

export function knoxQuery(area: string, s: Settings & { from: string; to: string }, knox: KnoxSettings): KnoxQuery {
  return {
    ...studyQuery(area, s),
    spaceBands: bandEdges(knox.spaceBands) ?? defaultKnox.spaceBands,
    timeBands: bandEdges(knox.timeBands) ?? defaultKnox.timeBands,
    permutations: knox.permutations,
  };
}
