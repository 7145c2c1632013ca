import {
  forecastHorizons,
  forecastModelNames,
  type ForecastHorizon,
  type ForecastModelName,
} from '../../../../src/contract/forecast.js';
import { isIsoDay } from '../../../../src/domain/time.js';

/** The shares of the area's cells the page offers to flag (the API takes any share up to 20 %). */
export const shareChoices = [0.005, 0.01, 0.02, 0.05, 0.1] as const;

/**
 * The settings of a forecast page, as its address keeps them: the horizon, the model, the share of cells to flag,
 * and the last day of data (null for the server's default, the latest complete day).
 */
export interface Settings {
  horizon: ForecastHorizon;
  model: ForecastModelName;
  share: number;
  asOf: string | null;
}

export const defaultSettings: Settings = { horizon: 'week', model: 'etas', share: 0.01, asOf: null };

/** The settings a query string names; anything unreadable falls back to its default rather than failing. */
export function readSettings(search: string): Settings {
  const params = new URLSearchParams(search);
  const asOf = params.get('asOf');
  const share = Number(params.get('share'));
  return {
    horizon: forecastHorizons.find((h) => h === params.get('horizon')) ?? defaultSettings.horizon,
    model: forecastModelNames.find((m) => m === params.get('model')) ?? defaultSettings.model,
    share: shareChoices.find((s) => s === share) ?? defaultSettings.share,
    asOf: asOf !== null && isIsoDay(asOf) && asOf >= '1900-01-01' ? asOf : null,
  };
}

/** The query string of some settings, leaving out what is at its default; the inverse of `readSettings`. */
export function writeSettings(settings: Settings): string {
  const params = new URLSearchParams();
  if (settings.horizon !== defaultSettings.horizon) params.set('horizon', settings.horizon);
  if (settings.model !== defaultSettings.model) params.set('model', settings.model);
  if (settings.share !== defaultSettings.share) params.set('share', String(settings.share));
  if (settings.asOf !== null) params.set('asOf', settings.asOf);
  return params.toString();
}

/** A mean delay of `days` days as a number and a unit: hours under a day, days otherwise. */
export function delayParts(days: number): { value: number; unit: 'hours' | 'days' } {
  return days < 1 ? { value: days * 24, unit: 'hours' } : { value: days, unit: 'days' };
}
