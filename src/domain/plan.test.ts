import { describe, expect, it } from 'vitest';
import {
  actionDone,
  actionLate,
  actionUpdateDenial,
  objectiveProblem,
  planVisible,
  planWriteDenial,
  submissionWriteDenial,
  type Actor,
  type ObjectiveSpec,
} from './plan.js';
import type { AreaPath } from './role.js';

// A small hierarchy: country 1 → regions 2 and 3; region 2 → city 4 → districts 5 and 6; region 3 → district 7.
const path = (id: number, ...ancestorIds: number[]): AreaPath => ({ id, ancestorIds });
const country = path(1);
const region = path(2, 1);
const otherRegion = path(3, 1);
const city = path(4, 1, 2);
const district = path(5, 1, 2, 4);
const neighbour = path(6, 1, 2, 4);
const farDistrict = path(7, 1, 3);

const dg: Actor = { role: 'director_general', scopeAreaId: null };
const wali: Actor = { role: 'wali', scopeAreaId: 2 };
const chief: Actor = { role: 'district_chief', scopeAreaId: 5 };
const analyst: Actor = { role: 'analyst', scopeAreaId: 2 };

describe('actionLate', () => {
  const action = { status: 'open' as const, doneOn: null, due: '2026-11-10' };

  it('is not late on its due day, and late the day after while open', () => {
    expect(actionLate(action, '2026-11-10')).toBe(false);
    expect(actionLate(action, '2026-11-11')).toBe(true);
  });

  it('is never late once done, and was late before the day it was done', () => {
    const done = { status: 'done' as const, doneOn: '2026-11-14', due: '2026-11-10' };
    expect(actionLate(done, '2026-11-20')).toBe(false);
    expect(actionDone(done, '2026-11-13')).toBe(false);
    expect(actionLate(done, '2026-11-13')).toBe(true);
  });
});

describe('plan permissions', () => {
  it('lets the director-general write any plan, a wali only plans of his region, no one else', () => {
    expect(planWriteDenial(dg, country, country)).toBeNull();
    expect(planWriteDenial(wali, city, region)).toBeNull();
    expect(planWriteDenial(wali, otherRegion, otherRegion)).toBe('out_of_scope');
    expect(planWriteDenial(wali, city, country)).toBe('out_of_scope');
    expect(planWriteDenial(chief, district, district)).toBe('forbidden');
    expect(planWriteDenial(analyst, city, city)).toBe('forbidden');
  });

  it('lets a district chief update actions owned by units of his district only', () => {
    const plan = { area: region, ownerArea: region };
    expect(actionUpdateDenial(chief, plan, [district])).toBeNull();
    expect(actionUpdateDenial(chief, plan, [neighbour])).toBe('out_of_scope');
    expect(actionUpdateDenial(chief, plan, [district, neighbour])).toBe('out_of_scope');
    expect(actionUpdateDenial(chief, plan, [null])).toBe('out_of_scope');
    expect(actionUpdateDenial(wali, plan, [farDistrict])).toBeNull();
    expect(actionUpdateDenial(wali, { area: otherRegion, ownerArea: otherRegion }, [farDistrict])).toBe('out_of_scope');
    expect(actionUpdateDenial(analyst, plan, [district])).toBe('forbidden');
  });

  it('lets users write the submissions of areas in their scope, analysts none', () => {
    expect(submissionWriteDenial(chief, district)).toBeNull();
    expect(submissionWriteDenial(chief, city)).toBe('out_of_scope');
    expect(submissionWriteDenial(wali, region)).toBeNull();
    expect(submissionWriteDenial(wali, farDistrict)).toBe('out_of_scope');
    expect(submissionWriteDenial(dg, farDistrict)).toBeNull();
    expect(submissionWriteDenial(analyst, region)).toBe('forbidden');
  });

  it('shows plans inside the scope and plans of the areas that contain it', () => {
    expect(planVisible(district, country)).toBe(true);
    expect(planVisible(district, city)).toBe(true);
    expect(planVisible(district, district)).toBe(true);
    expect(planVisible(district, neighbour)).toBe(false);
    expect(planVisible(region, district)).toBe(true);
    expect(planVisible(region, otherRegion)).toBe(false);
    expect(planVisible(null, farDistrict)).toBe(true);
  });
});

describe('objectiveProblem', () => {
  const plan = { start: '2026-10-01', end: '2026-12-31' };
  const spec: ObjectiveSpec = {
    measure: 'count',
    window: 'rolling',
    windowDays: 28,
    windowFrom: null,
    windowTo: null,
    baseline: 'year_before',
    baselineFrom: null,
    baselineTo: null,
    targetChangePct: -10,
    deadline: '2026-12-31',
  };

  it('accepts a rolling window against a year earlier', () => {
    expect(objectiveProblem(spec, plan)).toBeNull();
  });

  it.each([
    [{ windowDays: null }, 'windowDays'],
    [{ windowDays: 0 }, 'windowDays'],
    [{ window: 'calendar' as const, windowDays: null, windowFrom: '2026-11-01', windowTo: null }, 'windowTo'],
    [{ window: 'calendar' as const, windowDays: null, windowFrom: '2026-11-30', windowTo: '2026-11-01' }, 'windowTo'],
    [{ baseline: 'fixed' as const }, 'baselineFrom'],
    [{ baselineFrom: '2025-01-01' }, 'baselineFrom'],
    [{ targetChangePct: 0 }, 'targetChangePct'],
    [{ targetChangePct: -101 }, 'targetChangePct'],
    [{ deadline: '2027-01-01' }, 'deadline'],
  ])('names the field at fault: %o', (change, field) => {
    expect(objectiveProblem({ ...spec, ...change }, plan)?.field).toBe(field);
  });
});
