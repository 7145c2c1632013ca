import type { AreaLevel } from './area.js';

/**
 * Roles, what area each may be scoped to and what each may do (docs/roles.md is the same table in prose). The
 * scope is one area; the user sees that area and everything inside it. The director-general's and the
 * administrator's scope is the whole country (no area).
 */
export const roles = [
  'director_general',
  'wali',
  'district_chief',
  'analyst',
  'judicial_police',
  'partner',
  'auditor',
  'administrator',
] as const;
export type Role = (typeof roles)[number];

/** The bodies a partner account speaks for. */
export const partnerKinds = ['local_authority', 'prosecutor', 'civil_society'] as const;
export type PartnerKind = (typeof partnerKinds)[number];

export function isPartnerKind(value: string): value is PartnerKind {
  return (partnerKinds as readonly string[]).includes(value);
}

const anyArea: readonly AreaLevel[] = [
  'country',
  'region',
  'province',
  'city',
  'arrondissement_prefecture',
  'district',
];

export const scopeLevels: Record<Role, readonly AreaLevel[] | null> = {
  director_general: null,
  wali: ['region'],
  district_chief: ['district'],
  analyst: anyArea,
  judicial_police: anyArea,
  partner: ['region', 'province', 'city', 'arrondissement_prefecture', 'district'],
  auditor: ['country'],
  administrator: null,
};

/**
 * What a user may do, whatever the area; the area is the scope's business. Each route names one of these (or
 * `public` / `signed_in`) and the server refuses the rest with 403 before the route runs.
 */
export const permissions = [
  /** Aggregated figures: counts, rates, CompStat, hot spots, forecasts, response times, equity, alerts. */
  'stats.read',
  /** Individual incidents and calls (points, times, categories) and an incident's history. */
  'incidents.read',
  /** Editing and reclassifying an incident. */
  'incidents.write',
  /** Importing incidents and calls. */
  'imports.run',
  /** Plans, objectives, actions and weekly submissions. */
  'plans.read',
  'plans.write',
  /** Patrol units, the patrol log, presence and patrol plans. */
  'patrols.read',
  'patrols.write',
  /** The citizen reports queue and the perception survey's results. */
  'citizen_reports.read',
  'citizen_reports.triage',
  /** The area brief (HTML and PDF). */
  'reports.export',
  /** The restricted register of wanted persons and persons of interest. */
  'register.read',
  'register.write',
  /** The partner view: aggregated indicators of the territory and the plan actions shared with the partner. */
  'partner.read',
  /** Searching the audit trail. */
  'audit.read',
  /** Accounts, roles, scopes, lock-outs and sessions. */
  'users.manage',
] as const;
export type Permission = (typeof permissions)[number];

const operational: readonly Permission[] = [
  'stats.read',
  'incidents.read',
  'plans.read',
  'patrols.read',
  'citizen_reports.read',
  'reports.export',
];
const commanding: readonly Permission[] = [
  ...operational,
  'incidents.write',
  'plans.write',
  'patrols.write',
  'citizen_reports.triage',
];

/**
 * The one table of who may do what. Nobody but the judicial police reads the register; nobody but a partner has
 * the partner view; the administrator manages accounts and sees no crime data; the auditor reads and never writes.
 */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  director_general: [...commanding, 'imports.run', 'audit.read'],
  wali: commanding,
  district_chief: commanding,
  analyst: [...operational, 'imports.run'],
  judicial_police: ['stats.read', 'incidents.read', 'register.read', 'register.write'],
  partner: ['partner.read'],
  auditor: ['stats.read', 'incidents.read', 'plans.read', 'audit.read'],
  administrator: ['users.manage'],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}

export function isPermission(value: string): value is Permission {
  return (permissions as readonly string[]).includes(value);
}

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

/** Why a role cannot speak for this kind of partner body (or for none), or null when it can. */
export function partnerKindProblem(role: Role, kind: PartnerKind | null): string | null {
  if (role === 'partner') return kind === null ? `a partner needs a partner kind (${partnerKinds.join(', ')})` : null;
  return kind === null ? null : `only a partner has a partner kind`;
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
