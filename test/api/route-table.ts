import type { Permission, Role } from '../../src/domain/role.js';
import type { Access } from '../../src/server/auth.js';

/**
 * What each role is entitled to, as docs/roles.md documents it: written out here, not read from the source, so
 * that a change to a role's permissions fails the tests until the documentation and this table follow.
 */
export const documentedEntitlements: Record<Role, readonly Permission[]> = {
  director_general: [
    'stats.read',
    'incidents.read',
    'incidents.write',
    'imports.run',
    'plans.read',
    'plans.write',
    'patrols.read',
    'patrols.write',
    'citizen_reports.read',
    'citizen_reports.triage',
    'reports.export',
    'audit.read',
  ],
  wali: [
    'stats.read',
    'incidents.read',
    'incidents.write',
    'plans.read',
    'plans.write',
    'patrols.read',
    'patrols.write',
    'citizen_reports.read',
    'citizen_reports.triage',
    'reports.export',
  ],
  district_chief: [
    'stats.read',
    'incidents.read',
    'incidents.write',
    'plans.read',
    'plans.write',
    'patrols.read',
    'patrols.write',
    'citizen_reports.read',
    'citizen_reports.triage',
    'reports.export',
  ],
  analyst: [
    'stats.read',
    'incidents.read',
    'imports.run',
    'plans.read',
    'patrols.read',
    'citizen_reports.read',
    'reports.export',
  ],
  judicial_police: ['stats.read', 'incidents.read', 'register.read', 'register.write'],
  partner: ['partner.read'],
  auditor: ['stats.read', 'incidents.read', 'plans.read', 'audit.read'],
  administrator: ['users.manage'],
};

/**
 * Every operation of the API, as the OpenAPI document names it, with what it asks of its caller — written here
 * from the roles' documented entitlements (docs/roles.md), not read from the routes — and a request that reaches
 * it. Tests that go through every route (a session needed, each role's entitlements) use this table, and fail
 * when a route is added without a line here.
 */
export interface RouteLine {
  access: Access;
  /** A concrete request: `GET` unless written 'POST /api/…' and so on. */
  request: string;
}

const study = 'area=07&from=2026-01-01&to=2026-01-31';
const purpose = 'purpose=checking%20a%20case';
const zeroSession = '0'.repeat(64);

export const routeTable: Record<string, RouteLine> = {
  'GET /api/health': { access: 'public', request: '/api/health' },
  'GET /api/categories': { access: 'public', request: '/api/categories' },
  'GET /api/public/stats': { access: 'public', request: '/api/public/stats' },
  'GET /api/public/headlines': { access: 'public', request: '/api/public/headlines' },
  'GET /api/public/stats.csv': { access: 'public', request: '/api/public/stats.csv' },
  'GET /api/public/stats.geojson': { access: 'public', request: '/api/public/stats.geojson' },
  'POST /api/public/perception': { access: 'public', request: 'POST /api/public/perception' },
  'GET /api/open311/v2/services.json': { access: 'public', request: '/api/open311/v2/services.json' },
  'GET /api/open311/v2/services/{file}': { access: 'public', request: '/api/open311/v2/services/theft.json' },
  'POST /api/open311/v2/requests.json': { access: 'public', request: 'POST /api/open311/v2/requests.json' },
  'GET /api/open311/v2/requests.json': {
    access: 'public',
    request: '/api/open311/v2/requests.json?service_request_id=ABCDEFGHJK',
  },
  'GET /api/open311/v2/requests/{file}': { access: 'public', request: '/api/open311/v2/requests/ABCDEFGHJK.json' },
  'POST /api/auth/login': { access: 'public', request: 'POST /api/auth/login' },
  'POST /api/auth/logout': { access: 'public', request: 'POST /api/auth/logout' },
  'GET /api/areas': { access: 'public', request: '/api/areas' },
  'GET /api/areas/{code}': { access: 'public', request: '/api/areas/07' },
  'GET /api/boundaries': { access: 'public', request: '/api/boundaries?code=07' },
  'GET /api/units': { access: 'public', request: '/api/units' },

  'GET /api/auth/me': { access: 'signed_in', request: '/api/auth/me' },
  'GET /api/auth/sessions': { access: 'signed_in', request: '/api/auth/sessions' },
  'DELETE /api/auth/sessions': { access: 'signed_in', request: 'DELETE /api/auth/sessions' },

  'GET /api/stats/overview': { access: 'stats.read', request: '/api/stats/overview' },
  'GET /api/stats/areas': { access: 'stats.read', request: '/api/stats/areas?level=region' },
  'GET /api/stats/cells': { access: 'stats.read', request: '/api/stats/cells?area=07.351' },
  'GET /api/compstat': { access: 'stats.read', request: '/api/compstat?area=07' },
  'GET /api/compstat/patterns': { access: 'stats.read', request: '/api/compstat/patterns?area=07' },
  'GET /api/compstat/trends': { access: 'stats.read', request: '/api/compstat/trends?area=07' },
  'GET /api/compstat/daily': { access: 'stats.read', request: '/api/compstat/daily?area=07&category=theft' },
  'GET /api/compstat/thresholds': { access: 'stats.read', request: '/api/compstat/thresholds?area=07' },
  'GET /api/hotspots/kde': { access: 'stats.read', request: `/api/hotspots/kde?${study}` },
  'GET /api/hotspots/gistar': { access: 'stats.read', request: `/api/hotspots/gistar?${study}` },
  'GET /api/hotspots/classify': { access: 'stats.read', request: `/api/hotspots/classify?${study}` },
  'GET /api/hotspots/knox': { access: 'stats.read', request: `/api/hotspots/knox?${study}` },
  'GET /api/hotspots/black-spots': { access: 'stats.read', request: `/api/hotspots/black-spots?${study}` },
  'GET /api/alerts': { access: 'stats.read', request: '/api/alerts' },
  'GET /api/alerts/stream': { access: 'stats.read', request: '/api/alerts/stream' },
  'POST /api/alerts/{id}/acknowledge': { access: 'stats.read', request: 'POST /api/alerts/1/acknowledge' },
  'GET /api/subscriptions': { access: 'stats.read', request: '/api/subscriptions' },
  'POST /api/subscriptions': { access: 'stats.read', request: 'POST /api/subscriptions' },
  'DELETE /api/subscriptions': { access: 'stats.read', request: 'DELETE /api/subscriptions' },
  'GET /api/response': { access: 'stats.read', request: '/api/response?area=07&from=2026-11-01&to=2026-11-07' },
  'GET /api/clearance': { access: 'stats.read', request: '/api/clearance?area=07&from=2026-11-01&to=2026-11-07' },
  'GET /api/equity': { access: 'stats.read', request: '/api/equity?area=07&from=2026-11-01&to=2026-11-07' },
  'GET /api/equity/trend': { access: 'stats.read', request: '/api/equity/trend?area=07' },
  'GET /api/forecast': { access: 'stats.read', request: '/api/forecast?area=07' },

  'GET /api/incidents': { access: 'incidents.read', request: '/api/incidents' },
  'GET /api/calls': { access: 'incidents.read', request: '/api/calls' },
  'GET /api/hotspots/black-spots/{rank}/incidents': {
    access: 'incidents.read',
    request: `/api/hotspots/black-spots/1/incidents?${study}`,
  },
  'GET /api/incidents/{id}/history': { access: 'incidents.read', request: '/api/incidents/1/history' },
  'PATCH /api/incidents/{id}': { access: 'incidents.write', request: 'PATCH /api/incidents/1' },

  'GET /api/imports/presets': { access: 'imports.run', request: '/api/imports/presets' },
  'POST /api/imports': { access: 'imports.run', request: 'POST /api/imports' },
  'GET /api/imports': { access: 'imports.run', request: '/api/imports' },
  'GET /api/imports/{id}': { access: 'imports.run', request: '/api/imports/1' },

  'GET /api/reports/brief': { access: 'reports.export', request: '/api/reports/brief?area=06' },
  'GET /api/reports/brief.html': { access: 'reports.export', request: '/api/reports/brief.html?area=06' },
  'GET /api/reports/brief.pdf': { access: 'reports.export', request: '/api/reports/brief.pdf?area=06' },

  'GET /api/plans': { access: 'plans.read', request: '/api/plans' },
  'GET /api/plans/{id}/progress': { access: 'plans.read', request: '/api/plans/1/progress' },
  'GET /api/plans/{id}/units': { access: 'plans.read', request: '/api/plans/1/units' },
  'GET /api/submissions': { access: 'plans.read', request: '/api/submissions?area=06&week=2026-W47' },
  'POST /api/plans': { access: 'plans.write', request: 'POST /api/plans' },
  'PATCH /api/plans/{id}': { access: 'plans.write', request: 'PATCH /api/plans/1' },
  'POST /api/plans/{id}/objectives': { access: 'plans.write', request: 'POST /api/plans/1/objectives' },
  'POST /api/plans/{id}/actions': { access: 'plans.write', request: 'POST /api/plans/1/actions' },
  'PATCH /api/plans/{id}/actions/{actionId}': { access: 'plans.write', request: 'PATCH /api/plans/1/actions/1' },
  'PUT /api/submissions': { access: 'plans.write', request: 'PUT /api/submissions' },
  'POST /api/plans/{id}/partners': { access: 'plans.write', request: 'POST /api/plans/1/partners' },
  'DELETE /api/plans/{id}/partners/{username}': {
    access: 'plans.write',
    request: 'DELETE /api/plans/1/partners/no.such.account',
  },

  'GET /api/partner/overview': { access: 'partner.read', request: '/api/partner/overview' },
  'GET /api/partner/actions': { access: 'partner.read', request: '/api/partner/actions' },

  'GET /api/patrols/log': { access: 'patrols.read', request: '/api/patrols/log?from=2026-11-01&to=2026-11-07' },
  'GET /api/patrols/fairness': {
    access: 'patrols.read',
    request: '/api/patrols/fairness?from=2026-11-01&to=2026-11-07',
  },
  'GET /api/patrols/presence': {
    access: 'patrols.read',
    request: '/api/patrols/presence?from=2026-11-01&to=2026-11-07',
  },
  'GET /api/patrols/plan': { access: 'patrols.read', request: '/api/patrols/plan?shift=2026-11-09:morning&units=2' },
  'GET /api/patrol-units': { access: 'patrols.read', request: '/api/patrol-units' },
  'POST /api/patrols/log': { access: 'patrols.write', request: 'POST /api/patrols/log' },
  'PATCH /api/patrol-units/{code}': { access: 'patrols.write', request: 'PATCH /api/patrol-units/D-06.141.01.01%2F1' },

  'GET /api/citizen-reports': { access: 'citizen_reports.read', request: '/api/citizen-reports' },
  'GET /api/perception': { access: 'citizen_reports.read', request: '/api/perception?from=2026-11-01&to=2026-11-07' },
  'PATCH /api/citizen-reports/{code}': {
    access: 'citizen_reports.triage',
    request: 'PATCH /api/citizen-reports/ABCDEFGHJK',
  },
  'POST /api/citizen-reports/{code}/merge': {
    access: 'citizen_reports.triage',
    request: 'POST /api/citizen-reports/ABCDEFGHJK/merge',
  },
  'POST /api/citizen-reports/{code}/incident': {
    access: 'citizen_reports.triage',
    request: 'POST /api/citizen-reports/ABCDEFGHJK/incident',
  },

  'GET /api/register': { access: 'register.read', request: `/api/register?${purpose}` },
  'GET /api/register/{id}': { access: 'register.read', request: `/api/register/1?${purpose}` },
  'POST /api/register': { access: 'register.write', request: 'POST /api/register' },
  'POST /api/register/{id}/renew': { access: 'register.write', request: 'POST /api/register/1/renew' },
  'POST /api/register/{id}/withdraw': { access: 'register.write', request: 'POST /api/register/1/withdraw' },
  'POST /api/register/{id}/cases': { access: 'register.write', request: 'POST /api/register/1/cases' },

  'GET /api/audit': { access: 'audit.read', request: '/api/audit' },

  'GET /api/roles': { access: 'users.manage', request: '/api/roles' },
  'GET /api/users': { access: 'users.manage', request: '/api/users' },
  'POST /api/users': { access: 'users.manage', request: 'POST /api/users' },
  'PATCH /api/users/{username}': { access: 'users.manage', request: 'PATCH /api/users/no.such.account' },
  'POST /api/users/{username}/unlock': { access: 'users.manage', request: 'POST /api/users/no.such.account/unlock' },
  'GET /api/sessions': { access: 'users.manage', request: '/api/sessions' },
  'DELETE /api/sessions/{id}': { access: 'users.manage', request: `DELETE /api/sessions/${zeroSession}` },
  'DELETE /api/users/{username}/sessions': {
    access: 'users.manage',
    request: 'DELETE /api/users/no.such.account/sessions',
  },
};

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** The method and address of a line's request. */
export function requestOf(line: RouteLine): { method: Method; url: string } {
  const written = /^(POST|PATCH|PUT|DELETE) (.*)$/.exec(line.request);
  return written ? { method: written[1] as Method, url: written[2] ?? '' } : { method: 'GET', url: line.request };
}
