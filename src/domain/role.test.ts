import { describe, expect, it } from 'vitest';
import { areaLevels } from './area.js';
import { isRole, roles, scopeCovers, scopeLevels, scopeProblem } from './role.js';

describe('scopeProblem', () => {
  it('lets a director-general hold only the whole country', () => {
    expect(scopeProblem('director_general', null)).toBeNull();
    expect(scopeProblem('director_general', 'country')).toBeNull();
    expect(scopeProblem('director_general', 'region')).toMatch(/whole country/);
  });

  it('scopes a wali to a region and nothing else', () => {
    expect(scopeProblem('wali', 'region')).toBeNull();
    for (const level of areaLevels.filter((l) => l !== 'region')) {
      expect(scopeProblem('wali', level), level).toMatch(/cannot be scoped to a/);
    }
    expect(scopeProblem('wali', null)).toMatch(/needs an area scope/);
  });

  it('scopes a district chief to a district and nothing else', () => {
    expect(scopeProblem('district_chief', 'district')).toBeNull();
    expect(scopeProblem('district_chief', 'city')).toMatch(/cannot be scoped to a city/);
    expect(scopeProblem('district_chief', null)).toMatch(/needs an area scope/);
  });

  it('lets an analyst hold any single area but not an empty scope', () => {
    for (const level of areaLevels) expect(scopeProblem('analyst', level), level).toBeNull();
    expect(scopeProblem('analyst', null)).toMatch(/needs an area scope/);
  });

  it('has a rule for every role', () => {
    expect(Object.keys(scopeLevels).sort()).toEqual([...roles].sort());
  });
});

describe('isRole', () => {
  it('recognises the four roles and nothing else', () => {
    for (const role of roles) expect(isRole(role)).toBe(true);
    for (const value of ['admin', 'Wali', '', 'director-general']) expect(isRole(value), value).toBe(false);
  });
});

describe('scopeCovers', () => {
  // Morocco (1) → Casablanca-Settat (6) → Casablanca prefecture (60) → Casablanca (600) → Anfa (6001)
  const anfa = { id: 6001, ancestorIds: [1, 6, 60, 600] };
  const marrakechRegion = { id: 7, ancestorIds: [1] };

  it('covers everything for an unrestricted scope', () => {
    expect(scopeCovers(null, anfa)).toBe(true);
    expect(scopeCovers(null, marrakechRegion)).toBe(true);
  });

  it('covers the scope area itself and every area below it', () => {
    expect(scopeCovers(6001, anfa)).toBe(true);
    expect(scopeCovers(6, anfa)).toBe(true);
    expect(scopeCovers(1, anfa)).toBe(true);
  });

  it('does not cover a sibling or an ancestor of the scope area', () => {
    expect(scopeCovers(6, marrakechRegion)).toBe(false);
    expect(scopeCovers(6001, { id: 600, ancestorIds: [1, 6, 60] })).toBe(false);
    expect(scopeCovers(6001, { id: 6002, ancestorIds: [1, 6, 60, 600] })).toBe(false);
  });
});
