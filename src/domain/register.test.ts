import { describe, expect, it } from 'vitest';
import {
  daysLeft,
  defaultValidityDays,
  endedAt,
  initialExpiry,
  isDueForMinimisation,
  isLive,
  isOpenCase,
  isRegisterKind,
  maxRenewalDays,
  normaliseAliases,
  purposeProblem,
  renewedExpiry,
} from './register.js';

const now = new Date('2026-11-20T12:00:00Z');
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

describe('the purpose of a read', () => {
  it('is refused when missing, blank or shorter than ten characters once trimmed', () => {
    expect(purposeProblem(undefined)).toMatch(/at least 10/);
    expect(purposeProblem('          ')).toMatch(/at least 10/);
    expect(purposeProblem('  case 42  ')).toMatch(/at least 10/);
  });

  it('is accepted from ten to five hundred characters and refused beyond', () => {
    expect(purposeProblem('case 42 ab')).toBeNull();
    expect(purposeProblem('x'.repeat(500))).toBeNull();
    expect(purposeProblem('x'.repeat(501))).toMatch(/longer than 500/);
  });
});

describe('validity', () => {
  it('gives a new entry ninety days', () => {
    expect(defaultValidityDays).toBe(90);
    expect(initialExpiry(now)).toEqual(days(90));
  });

  it('renews for a whole number of days from the renewal, up to 180', () => {
    expect(renewedExpiry(now, 1)).toEqual(days(1));
    expect(renewedExpiry(now, maxRenewalDays)).toEqual(days(180));
  });

  it('throws on a renewal of zero, fractional or more than 180 days, naming the value', () => {
    expect(() => renewedExpiry(now, 0)).toThrow(/: 0$/);
    expect(() => renewedExpiry(now, 1.5)).toThrow(RangeError);
    expect(() => renewedExpiry(now, 181)).toThrow(/: 181$/);
  });

  it('counts the days left rounded up, and none once lapsed', () => {
    expect(daysLeft(days(90), now)).toBe(90);
    expect(daysLeft(new Date(now.getTime() + 1000), now)).toBe(1);
    expect(daysLeft(now, now)).toBe(0);
    expect(daysLeft(days(-3), now)).toBe(0);
  });
});

describe('whether an entry is live', () => {
  it('is live before its expiry and not from its expiry on', () => {
    expect(isLive({ expiresAt: days(1), withdrawnAt: null }, now)).toBe(true);
    expect(isLive({ expiresAt: now, withdrawnAt: null }, now)).toBe(false);
  });

  it('is not live once withdrawn, whatever its expiry', () => {
    expect(isLive({ expiresAt: days(30), withdrawnAt: days(-1) }, now)).toBe(false);
  });

  it('ended at its withdrawal, else at its expiry, and not at all while live', () => {
    expect(endedAt({ expiresAt: days(30), withdrawnAt: days(-2) }, now)).toEqual(days(-2));
    expect(endedAt({ expiresAt: days(-5), withdrawnAt: null }, now)).toEqual(days(-5));
    expect(endedAt({ expiresAt: days(5), withdrawnAt: null }, now)).toBeNull();
  });
});

describe('data minimisation', () => {
  it('is due thirty days after an entry lapsed, not before', () => {
    expect(isDueForMinimisation({ expiresAt: days(-30), withdrawnAt: null }, now)).toBe(true);
    expect(isDueForMinimisation({ expiresAt: days(-29), withdrawnAt: null }, now)).toBe(false);
  });

  it('counts from the withdrawal for a withdrawn entry', () => {
    expect(isDueForMinimisation({ expiresAt: days(60), withdrawnAt: days(-31) }, now)).toBe(true);
    expect(isDueForMinimisation({ expiresAt: days(60), withdrawnAt: days(-1) }, now)).toBe(false);
  });

  it('is never due for a live entry', () => {
    expect(isDueForMinimisation({ expiresAt: days(1), withdrawnAt: null }, now)).toBe(false);
  });
});

describe('open cases', () => {
  it('counts recorded and investigated incidents without a solving time as open', () => {
    expect(isOpenCase({ status: 'recorded', solvedAt: null })).toBe(true);
    expect(isOpenCase({ status: 'under_investigation', solvedAt: null })).toBe(true);
  });

  it('counts solved and closed incidents as not open', () => {
    expect(isOpenCase({ status: 'solved', solvedAt: now })).toBe(false);
    expect(isOpenCase({ status: 'closed', solvedAt: null })).toBe(false);
    expect(isOpenCase({ status: 'recorded', solvedAt: now })).toBe(false);
  });
});

describe('kinds and aliases', () => {
  it('knows the two kinds of entry', () => {
    expect(isRegisterKind('wanted')).toBe(true);
    expect(isRegisterKind('person_of_interest')).toBe(true);
    expect(isRegisterKind('suspect')).toBe(false);
  });

  it('keeps each alias once, trimmed, in the order given', () => {
    expect(normaliseAliases([' Le Fantôme ', 'le   fantôme', '', 'Abou X'])).toEqual(['Le Fantôme', 'Abou X']);
  });
});
