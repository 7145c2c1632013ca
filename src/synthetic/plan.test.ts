import { describe, expect, it } from 'vitest';
import type { AreaGeometry, Position } from '../domain/area.js';
import { circlePolygon } from '../geo/geometry.js';
import { distanceKm, planCities, type PlanCity } from './plan.js';

function makeCity(code: string, population: number, centre: Position): PlanCity {
  const footprint: AreaGeometry = { type: 'Polygon', coordinates: circlePolygon(centre, 2) };
  return { code, population, centre, footprint, districts: [{ geometry: footprint, population }] };
}

// A big city on the equator, a town 1° (about 111 km) north of it and another 5° (about 556 km) north.
const big = makeCity('big', 1_200_000, [0, 0]);
const near = makeCity('near', 60_000, [0, 1]);
const far = makeCity('far', 60_000, [0, 5]);
const mid = makeCity('mid', 300_000, [0, 2]);

describe('distanceKm', () => {
  it('measures great-circle distances on a sphere of radius 6,371 km', () => {
    expect(distanceKm([0, 0], [0, 1])).toBeCloseTo((6371 * Math.PI) / 180, 6);
    expect(distanceKm([0, 0], [90, 0])).toBeCloseTo((6371 * Math.PI) / 2, 6);
    expect(distanceKm([-7.61, 33.59], [-7.61, 33.59])).toBe(0);
  });
});

describe('planCities', () => {
  const plans = planCities([big, near, far, mid], 2026);
  const byCode = new Map(plans.map((p) => [p.code, p]));

  it('gives weights that add up to 1', () => {
    expect(plans.reduce((s, p) => s + p.weight, 0)).toBeCloseTo(1, 12);
    for (const p of plans) expect(p.weight).toBeGreaterThan(0);
  });

  it('gives a big city a remoteness of 0', () => {
    expect(byCode.get('big')?.remoteness).toBe(0);
  });

  it('grows remoteness with the distance to the nearest big city over 400 km, up to 1', () => {
    expect(byCode.get('near')?.remoteness).toBeCloseTo(distanceKm([0, 0], [0, 1]) / 400, 12);
    expect(byCode.get('mid')?.remoteness).toBeCloseTo(distanceKm([0, 0], [0, 2]) / 400, 12);
    expect(byCode.get('far')?.remoteness).toBe(1);
  });

  it('weighs a big city more than a town', () => {
    expect(byCode.get('big')?.weight).toBeGreaterThan(10 * (byCode.get('near')?.weight ?? 0));
  });

  it('gives the same plans for the same seed and other weights for another', () => {
    expect(planCities([big, near, far, mid], 2026)).toEqual(plans);
    expect(planCities([big, near, far, mid], 2027).map((p) => p.weight)).not.toEqual(plans.map((p) => p.weight));
  });

  it('gives every city a remoteness of 0 when there is no big city', () => {
    expect(planCities([near, far, mid], 1).map((p) => p.remoteness)).toEqual([0, 0, 0]);
  });

  it('keeps each city’s footprint, districts and centre', () => {
    expect(byCode.get('near')).toMatchObject({ footprint: near.footprint, districts: near.districts, centre: [0, 1] });
  });
});
