import { describe, expect, it } from 'vitest';
import type { AreaSummary } from '../../../../src/contract/common.js';
import { nextSort, sortRows, type Row } from './sort.js';

const row = (name: string, current: number, changePct: number | null): Row => ({
  area: {
    code: name,
    level: 'region',
    kind: 'region',
    nameAr: name,
    nameFr: name,
    nameEn: name,
    population: 1000,
    synthetic: false,
  },
  current,
  previous: 0,
  changePct,
  ratePer100k: null,
  solved: 0,
  solvedPct: null,
});

const name = (area: AreaSummary) => area.nameFr;
const compare = (a: string, b: string) => a.localeCompare(b, 'fr');
const rows = [row('Béni Mellal', 5, 10), row('Agadir', 9, null), row('Casablanca', 9, -20), row('Dakhla', 1, 3)];
const names = (sorted: Row[]) => sorted.map((r) => r.area.nameFr);

describe('sortRows', () => {
  it('sorts names in the language’s order', () => {
    expect(names(sortRows(rows, { key: 'name', direction: 'ascending' }, name, compare))).toEqual([
      'Agadir',
      'Béni Mellal',
      'Casablanca',
      'Dakhla',
    ]);
  });

  it('sorts figures largest first and breaks ties by name', () => {
    expect(names(sortRows(rows, { key: 'current', direction: 'descending' }, name, compare))).toEqual([
      'Agadir',
      'Casablanca',
      'Béni Mellal',
      'Dakhla',
    ]);
  });

  it('puts missing figures last in both directions', () => {
    expect(names(sortRows(rows, { key: 'changePct', direction: 'descending' }, name, compare))).toEqual([
      'Béni Mellal',
      'Dakhla',
      'Casablanca',
      'Agadir',
    ]);
    expect(names(sortRows(rows, { key: 'changePct', direction: 'ascending' }, name, compare))).toEqual([
      'Casablanca',
      'Dakhla',
      'Béni Mellal',
      'Agadir',
    ]);
  });
});

describe('nextSort', () => {
  it('flips the direction on the same column and starts a new column in its natural direction', () => {
    expect(nextSort({ key: 'current', direction: 'descending' }, 'current')).toEqual({
      key: 'current',
      direction: 'ascending',
    });
    expect(nextSort({ key: 'current', direction: 'descending' }, 'name')).toEqual({
      key: 'name',
      direction: 'ascending',
    });
    expect(nextSort({ key: 'name', direction: 'ascending' }, 'ratePer100k')).toEqual({
      key: 'ratePer100k',
      direction: 'descending',
    });
  });
});
