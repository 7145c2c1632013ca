import { describe, expect, it } from 'vitest';
import { callProblems, type NewCall } from './call.js';

const at = (hhmm: string) => new Date(`2026-05-10T${hhmm}:00Z`);

function makeCall(overrides: Partial<NewCall> = {}): NewCall {
  return {
    receivedAt: at('21:00'),
    dispatchedAt: at('21:02'),
    onSceneAt: at('21:09'),
    closedAt: at('21:50'),
    priority: 2,
    callType: 'violence',
    lat: 33.59,
    lon: -7.62,
    outcome: 'incident_recorded',
    source: 'test',
    externalId: null,
    synthetic: false,
    ...overrides,
  };
}

describe('callProblems', () => {
  it('finds nothing wrong with a timeline that moves forward', () => {
    expect(callProblems(makeCall())).toEqual([]);
  });

  it('accepts equal consecutive times', () => {
    expect(callProblems(makeCall({ dispatchedAt: at('21:00'), onSceneAt: at('21:00') }))).toEqual([]);
  });

  it('flags a unit arriving on scene before it was dispatched', () => {
    expect(callProblems(makeCall({ onSceneAt: at('21:01') }))).toEqual(['onSceneAt before dispatchedAt']);
  });

  it('flags a dispatch before the call came in and a close before arrival', () => {
    expect(callProblems(makeCall({ dispatchedAt: at('20:59') }))).toEqual(['dispatchedAt before receivedAt']);
    expect(callProblems(makeCall({ closedAt: at('21:05') }))).toEqual(['closedAt before onSceneAt']);
  });

  it('accepts missing times: a call still open, never dispatched, or dispatched but cancelled', () => {
    expect(callProblems(makeCall({ dispatchedAt: null, onSceneAt: null, closedAt: null }))).toEqual([]);
    expect(callProblems(makeCall({ dispatchedAt: null, onSceneAt: null }))).toEqual([]);
    expect(callProblems(makeCall({ onSceneAt: null }))).toEqual([]);
    expect(callProblems(makeCall({ onSceneAt: null, closedAt: null }))).toEqual([]);
  });

  it('compares across a missing time with the last known one', () => {
    expect(callProblems(makeCall({ onSceneAt: null, closedAt: at('21:01') }))).toEqual([
      'closedAt before dispatchedAt',
    ]);
    expect(callProblems(makeCall({ dispatchedAt: null, onSceneAt: null, closedAt: at('20:30') }))).toEqual([
      'closedAt before receivedAt',
    ]);
  });

  it('flags an arrival on scene with no dispatch', () => {
    expect(callProblems(makeCall({ dispatchedAt: null }))).toEqual(['onSceneAt without dispatchedAt']);
  });
});
