import { describe, expect, it } from 'vitest';
import { incidentEditChanges, incidentEditDenial, incidentEditProblem, type IncidentState } from './incident-edit.js';

const now = new Date('2026-11-20T12:00:00Z');
const open: IncidentState = { category: 'theft', status: 'recorded', solvedAt: null };

describe('incidentEditProblem', () => {
  it('asks for a reason when the category changes', () => {
    expect(incidentEditProblem(open, { category: 'robbery' })).toEqual({
      field: 'reason',
      message: 'reason: required when the category changes',
    });
    expect(incidentEditProblem(open, { category: 'robbery', reason: '  ' })?.field).toBe('reason');
    expect(incidentEditProblem(open, { category: 'robbery', reason: 'weapon found' })).toBeNull();
  });

  it('needs no reason for a status change or the same category', () => {
    expect(incidentEditProblem(open, { status: 'under_investigation' })).toBeNull();
    expect(incidentEditProblem(open, { category: 'theft' })).toBeNull();
  });

  it('refuses an edit that names no field', () => {
    expect(incidentEditProblem(open, { reason: 'nothing' })?.field).toBe('category');
  });
});

describe('incidentEditChanges', () => {
  it('lists the category and status changes with their old and new values', () => {
    expect(incidentEditChanges(open, { category: 'robbery', status: 'under_investigation', reason: 'x' }, now)).toEqual(
      [
        { field: 'category', oldValue: 'theft', newValue: 'robbery' },
        { field: 'status', oldValue: 'recorded', newValue: 'under_investigation' },
      ],
    );
  });

  it('solves a case now when it becomes solved, and unsolves it when reopened', () => {
    expect(incidentEditChanges(open, { status: 'solved' }, now)).toContainEqual({
      field: 'solvedAt',
      oldValue: null,
      newValue: '2026-11-20T12:00:00.000Z',
    });
    const solved: IncidentState = { ...open, status: 'solved', solvedAt: new Date('2026-11-01T00:00:00Z') };
    expect(incidentEditChanges(solved, { status: 'closed' }, now)).toEqual([
      { field: 'status', oldValue: 'solved', newValue: 'closed' },
    ]);
    expect(incidentEditChanges(solved, { status: 'under_investigation' }, now)).toContainEqual({
      field: 'solvedAt',
      oldValue: '2026-11-01T00:00:00.000Z',
      newValue: null,
    });
  });

  it('changes nothing when the values are the ones held', () => {
    expect(incidentEditChanges(open, { category: 'theft', status: 'recorded' }, now)).toEqual([]);
  });
});

describe('incidentEditDenial', () => {
  const district = { id: 30, ancestorIds: [1, 10, 20, 30] };
  it('lets the director-general, the region’s wali and the district’s chief edit, never an analyst', () => {
    expect(incidentEditDenial({ role: 'director_general', scopeAreaId: null }, district)).toBeNull();
    expect(incidentEditDenial({ role: 'wali', scopeAreaId: 10 }, district)).toBeNull();
    expect(incidentEditDenial({ role: 'district_chief', scopeAreaId: 30 }, district)).toBeNull();
    expect(incidentEditDenial({ role: 'wali', scopeAreaId: 11 }, district)).toBe('out_of_scope');
    expect(incidentEditDenial({ role: 'district_chief', scopeAreaId: 31 }, district)).toBe('out_of_scope');
    expect(incidentEditDenial({ role: 'analyst', scopeAreaId: 10 }, district)).toBe('forbidden');
  });
});
