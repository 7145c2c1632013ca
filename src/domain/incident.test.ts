import { describe, expect, it } from 'vitest';
import { incidentProblems, type NewIncident } from './incident.js';

const occurredAt = new Date('2026-05-10T21:15:00Z');

function makeIncident(overrides: Partial<NewIncident> = {}): NewIncident {
  return {
    category: 'theft',
    occurredAt,
    reportedAt: new Date('2026-05-10T22:00:00Z'),
    lat: 33.59,
    lon: -7.62,
    status: 'recorded',
    solvedAt: null,
    provenance: 'citizen_report',
    source: 'test',
    externalId: null,
    synthetic: false,
    ...overrides,
  };
}

describe('incidentProblems', () => {
  it('finds nothing wrong with a consistent incident', () => {
    expect(incidentProblems(makeIncident())).toEqual([]);
    expect(incidentProblems(makeIncident({ status: 'solved', solvedAt: new Date('2026-05-12T09:00:00Z') }))).toEqual(
      [],
    );
  });

  it('accepts missing report times and locations', () => {
    expect(incidentProblems(makeIncident({ reportedAt: null, lat: null, lon: null }))).toEqual([]);
  });

  it('requires a solving time for a solved incident', () => {
    expect(incidentProblems(makeIncident({ status: 'solved' }))).toEqual(['solved without solvedAt']);
  });

  it('accepts a closed incident with or without a solving time', () => {
    expect(incidentProblems(makeIncident({ status: 'closed' }))).toEqual([]);
    expect(incidentProblems(makeIncident({ status: 'closed', solvedAt: new Date('2026-06-01T00:00:00Z') }))).toEqual(
      [],
    );
  });

  it('refuses a solving time on an incident still open', () => {
    const solvedAt = new Date('2026-05-12T09:00:00Z');
    expect(incidentProblems(makeIncident({ status: 'recorded', solvedAt }))).toEqual([
      'solvedAt given for status recorded',
    ]);
    expect(incidentProblems(makeIncident({ status: 'under_investigation', solvedAt }))).toEqual([
      'solvedAt given for status under_investigation',
    ]);
  });

  it('refuses a case solved or reported before it happened', () => {
    const before = new Date(occurredAt.getTime() - 1000);
    expect(incidentProblems(makeIncident({ status: 'solved', solvedAt: before }))).toEqual([
      'solvedAt before occurredAt',
    ]);
    expect(incidentProblems(makeIncident({ reportedAt: before }))).toEqual(['reportedAt before occurredAt']);
  });

  it('accepts a report at the very instant of the offence', () => {
    expect(incidentProblems(makeIncident({ reportedAt: occurredAt }))).toEqual([]);
  });

  it('needs latitude and longitude together and on the globe', () => {
    expect(incidentProblems(makeIncident({ lat: null }))).toEqual(['lat and lon must be given together']);
    expect(incidentProblems(makeIncident({ lon: null }))).toEqual(['lat and lon must be given together']);
    expect(incidentProblems(makeIncident({ lat: 91 }))).toEqual(['lat out of range: 91']);
    expect(incidentProblems(makeIncident({ lon: -180.5 }))).toEqual(['lon out of range: -180.5']);
  });

  it('lists every problem, not just the first', () => {
    const problems = incidentProblems(makeIncident({ status: 'solved', reportedAt: new Date(0), lat: 100, lon: null }));
    expect(problems).toHaveLength(4);
  });
});
