import type { publicLevelNames } from '../../../../src/contract/public.js';

export type PublicLevelName = (typeof publicLevelNames)[number];

/** The levels the page offers (the API also publishes prefectures). */
export const pageLevels = ['region', 'province', 'city', 'district'] as const satisfies readonly PublicLevelName[];

/**
 * The settings of the public figures page, as its address keeps them: the areas shown, the region they lie in
 * (null for the whole country), the month (null for the latest complete one) and the category shown ('total' for
 * all of them).
 */
export interface PublicSettings {
  level: (typeof pageLevels)[number];
  region: string | null;
  month: string | null;
  category: string;
}

export const defaultPublicSettings: PublicSettings = {
  level: 'province',
  region: null,
  month: null,
  category: 'total',
};

const month = /^\d{4}-(0[1-9]|1[0-2])$/;
const code = /^[A-Za-z0-9._-]{1,64}$/;

/** The settings a query string names; anything unreadable falls back to its default. */
export function readPublicSettings(search: string): PublicSettings {
  const params = new URLSearchParams(search);
  const region = params.get('region');
  const m = params.get('month');
  const category = params.get('category');
  return {
    level: pageLevels.find((l) => l === params.get('level')) ?? defaultPublicSettings.level,
    region: region !== null && code.test(region) ? region : null,
    month: m !== null && month.test(m) ? m : null,
    category: category !== null && code.test(category) ? category : 'total',
  };
}

/** The query string of some settings, leaving out defaults; the inverse of `readPublicSettings`. */
export function writePublicSettings(settings: PublicSettings): string {
  const params = new URLSearchParams();
  if (settings.level !== defaultPublicSettings.level) params.set('level', settings.level);
  if (settings.region !== null) params.set('region', settings.region);
  if (settings.month !== null) params.set('month', settings.month);
  if (settings.category !== 'total') params.set('category', settings.category);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
