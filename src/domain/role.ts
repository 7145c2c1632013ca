import type { AreaLevel } from './area.js';

/**
 * Roles and what area each may be scoped to. The scope is one area; the user sees that area and everything
 * inside it. The director-general's scope is the whole country (no area).
 */
export const roles = ['director_general', 'wali', 'district_chief', 'analyst'] as const;
export type Role = (typeof roles)[number];

export const scopeLevels: Record<Role, readonly AreaLevel[] | null> = {
  director_general: null,
  wali: ['region'],
  district_chief: ['district'],
  analyst: ['country', 'region', 'province', 'city', 'arrondissement_prefecture', 'district'],
};

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** Why a role cannot hold a scope at this level, or null when it can. */
export function scopeProblem(role: Role, level: AreaLevel | null): string | null {
  const allowed = scopeLevels[role];
  if (allowed === null) return level === null || level === 'country' ? null : `${role} is scoped to the whole country`;
  if (level === null) return `${role} needs an area scope (${allowed.join(' or ')})`;
  return allowed.includes(level) ? null : `${role} cannot be scoped to a ${level} (allowed: ${allowed.join(', ')})`;
}

/** The ancestry of an area, from the country down to itself: what a scope check compares. */
export interface AreaPath {
  id: number;
  ancestorIds: readonly number[];
}

/**
 * A user scoped to `scopeAreaId` (null: everything) may see an area when the scope is the area itself or one of
 * its ancestors.
 */
export function scopeCovers(scopeAreaId: number | null, area: AreaPath): boolean {
  return scopeAreaId === null || area.id === scopeAreaId || area.ancestorIds.includes(scopeAreaId);
}
