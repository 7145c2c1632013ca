import type { AreaGeometry, Position } from '../domain/area.js';
import { logNormal, seededRandom } from '../analytics/random.js';
import type { CityPlan } from './generate.js';
import { citySpread, response, urbanScaling } from './model.js';

export interface PlanCity {
  code: string;
  population: number;
  centre: Position;
  footprint: AreaGeometry;
  districts: readonly { geometry: AreaGeometry; population: number }[];
}

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(a: Position, b: Position): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/**
 * Each city's remoteness r ∈ [0, 1] (model.ts `response`): the distance to the nearest city of 500,000 inhabitants
 * or more over 400 km, capped at 1; 0 for those big cities themselves.
 */
export function remotenessOf(cities: readonly Pick<PlanCity, 'population' | 'centre'>[]): number[] {
  const big = cities.filter((c) => c.population >= response.majorCityPopulation);
  return cities.map((city) => {
    const nearest = Math.min(...big.map((b) => distanceKm(city.centre, b.centre)), Infinity);
    return big.length === 0 ? 0 : Math.min(1, nearest / response.remoteDistanceKm);
  });
}

/**
 * Each city's share of national cases and its remoteness (model.ts): shares follow population^urbanScaling times
 * a seeded per-city factor, remoteness the distance to the nearest big city.
 */
export function planCities(cities: readonly PlanCity[], seed: number): CityPlan[] {
  const raw = cities.map(
    (c) => c.population ** urbanScaling * logNormal(seededRandom(seed, 'city-rate', c.code), 1, citySpread),
  );
  const total = raw.reduce((s, w) => s + w, 0);
  const remote = remotenessOf(cities);
  return cities.map((city, i) => {
    const remoteness = remote[i] as number;
    return {
      code: city.code,
      population: city.population,
      footprint: city.footprint,
      districts: city.districts,
      centre: city.centre,
      remoteness,
      weight: (raw[i] as number) / total,
    };
  });
}
