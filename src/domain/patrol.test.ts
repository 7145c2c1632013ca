import { describe, expect, it } from 'vitest';
import { parseShift, patrolLogWriteDenial, patrolTimesProblem, previousShift } from './patrol.js';

// Country 1 ⊃ region 2 ⊃ province 3 ⊃ district 4; region 9 elsewhere.
const district = { id: 4, ancestorIds: [1, 2, 3] };

describe('patrol rules', () => {
  it('lets the director-general, the region’s wali and the district’s chief write the log, and no analyst', () => {
    expect(patrolLogWriteDenial({ role: 'director_general', scopeAreaId: null }, district)).toBeNull();
    expect(patrolLogWriteDenial({ role: 'wali', scopeAreaId: 2 }, district)).toBeNull();
    expect(patrolLogWriteDenial({ role: 'wali', scopeAreaId: 9 }, district)).toBe('out_of_scope');
    expect(patrolLogWriteDenial({ role: 'district_chief', scopeAreaId: 4 }, district)).toBeNull();
    expect(patrolLogWriteDenial({ role: 'district_chief', scopeAreaId: 5 }, district)).toBe('out_of_scope');
    expect(patrolLogWriteDenial({ role: 'analyst', scopeAreaId: 4 }, district)).toBe('forbidden');
  });

  it('wants an end after the start and no more than 24 hours on', () => {
    const at = (iso: string) => new Date(iso);
    expect(patrolTimesProblem(at('2026-11-20T08:00Z'), at('2026-11-20T16:00Z'))).toBeNull();
    expect(patrolTimesProblem(at('2026-11-20T08:00Z'), at('2026-11-21T08:00Z'))).toBeNull();
    expect(patrolTimesProblem(at('2026-11-20T08:00Z'), at('2026-11-20T08:00Z'))?.field).toBe('endedAt');
    expect(patrolTimesProblem(at('2026-11-20T08:00Z'), at('2026-11-21T08:00:01Z'))?.message).toMatch(/24 hours/);
  });

  it('reads shifts and steps back across midnight', () => {
    expect(parseShift('2026-11-20:night')).toEqual({ day: '2026-11-20', name: 'night' });
    expect(parseShift('2026-11-20:evening')).toBeNull();
    expect(parseShift('2026-02-30:morning')).toBeNull();
    expect(previousShift({ day: '2026-11-20', name: 'morning' })).toEqual({ day: '2026-11-19', name: 'night' });
    expect(previousShift({ day: '2026-11-20', name: 'night' })).toEqual({ day: '2026-11-20', name: 'afternoon' });
  });
});
