import { describe, expect, it } from 'vitest';
import { zonedParts } from '../domain/time.js';
import { checkDateOptions, dateFromParts, parseDate, type DateOptions, type DateResult } from './dates.js';

/** The instant as an ISO string and the precision, or the error: one value to compare. */
function read(text: string, options: DateOptions): string {
  return show(parseDate(text, options));
}

function show(result: DateResult): string {
  return 'error' in result ? `error: ${result.error}` : `${result.at.toISOString()} ${result.precision}`;
}

const chicago = { timeZone: 'America/Chicago' };
const london = { timeZone: 'Europe/London' };
const casablanca = { timeZone: 'Africa/Casablanca' };
const newYork = { timeZone: 'America/New_York' };

describe('parseDate with the sample files’ own text', () => {
  it('reads Chicago’s local "YYYY-MM-DD HH:MM" in America/Chicago, detected or named by its pattern', () => {
    // chicago_aggravated_assaults.csv.gz, column date, first row.
    expect(read('2010-01-01 00:05', chicago)).toBe('2010-01-01T06:05:00.000Z instant');
    expect(read('2010-01-01 00:05', { ...chicago, format: 'YYYY-MM-DD HH:mm' })).toBe(
      '2010-01-01T06:05:00.000Z instant',
    );
    expect(read('2019-12-31 23:54', chicago)).toBe('2020-01-01T05:54:00.000Z instant');
  });

  it('keeps the UTC instant of ISO times with Z whatever the zone (Cincinnati, San Francisco, NYC, Medellín)', () => {
    expect(read('2017-05-25T00:00:00Z', newYork)).toBe('2017-05-25T00:00:00.000Z instant'); // cincinnati offense_date
    expect(read('2019-01-01T19:50:00Z', { timeZone: 'America/Los_Angeles' })).toBe('2019-01-01T19:50:00.000Z instant');
    expect(read('2016-01-01T22:55:00Z', newYork)).toBe('2016-01-01T22:55:00.000Z instant'); // nyc_homicides
    expect(read('2019-04-23T12:30:00Z', { timeZone: 'America/Bogota' })).toBe('2019-04-23T12:30:00.000Z instant');
  });

  it('reads the wall-clock time in the zone and ignores the offset with format "iso-local"', () => {
    // The NYC homicides' hours peak at 20–23 and bottom out at 06–07 "Z", and San Francisco robberies' at 23–02 and
    // 05–08: the pattern of local times, not of UTC 4–8 hours ahead of them. A mapping that judges these Z's to be
    // labels on local times can say so.
    expect(read('2016-01-01T22:55:00Z', { ...newYork, format: 'iso-local' })).toBe('2016-01-02T03:55:00.000Z instant');
    expect(read('2019-07-01T10:00:00+02:00', { ...newYork, format: 'iso-local' })).toBe(
      '2019-07-01T14:00:00.000Z instant',
    );
    expect(read('2019-07-01', { ...newYork, format: 'iso-local' })).toBe('2019-07-01T04:00:00.000Z day');
  });

  it('keeps NYC shootings’ occur_date as a day starting at New York midnight', () => {
    expect(read('2019-01-01', newYork)).toBe('2019-01-01T05:00:00.000Z day');
    expect(read('2019-07-04', newYork)).toBe('2019-07-04T04:00:00.000Z day');
  });

  it('keeps police.uk months as months, starting at London midnight of the 1st', () => {
    expect(read('2022-01', london)).toBe('2022-01-01T00:00:00.000Z month');
    expect(read('2022-07', london)).toBe('2022-06-30T23:00:00.000Z month');
    expect(read('2022/04', london)).toBe('2022-03-31T23:00:00.000Z month');
  });

  it('reads the first-day copies of police.uk months (nottingham, lancashire) as months with format "month"', () => {
    expect(read('2022-01-01', { ...london, format: 'month' })).toBe('2022-01-01T00:00:00.000Z month');
    expect(read('2022-03-01', { ...london, format: 'month' })).toBe('2022-03-01T00:00:00.000Z month');
    expect(read('2022-01', { ...london, format: 'month' })).toBe('2022-01-01T00:00:00.000Z month');
    // Without the format the text is a day, and is kept as one.
    expect(read('2022-01-01', london)).toBe('2022-01-01T00:00:00.000Z day');
  });

  it('refuses a day other than the 1st, or a time, as a month', () => {
    expect(read('2022-01-15', { ...london, format: 'month' })).toMatch(
      /^error: a month written as a day must be its 1st/,
    );
    expect(read('2022-01-01 10:00', { ...london, format: 'month' })).toMatch(/^error: not a month/);
  });
});

describe('dateFromParts', () => {
  const vancouver = 'America/Vancouver';

  it('reads Vancouver’s YEAR, MONTH, DAY, HOUR, MINUTE in America/Vancouver, PST or PDT', () => {
    // vancouver_thefts.csv.gz rows 1000, 7000 and 20000.
    expect(show(dateFromParts({ year: 2020, month: 1, day: 12, hour: 0, minute: 0 }, vancouver))).toBe(
      '2020-01-12T08:00:00.000Z instant',
    );
    expect(show(dateFromParts({ year: 2020, month: 3, day: 27, hour: 13, minute: 30 }, vancouver))).toBe(
      '2020-03-27T20:30:00.000Z instant',
    );
    expect(show(dateFromParts({ year: 2020, month: 11, day: 22, hour: 21, minute: 0 }, vancouver))).toBe(
      '2020-11-23T05:00:00.000Z instant',
    );
  });

  it('gives a month without a day, a day without an hour, and defaults minutes and seconds to 0', () => {
    expect(show(dateFromParts({ year: 2020, month: 6 }, vancouver))).toBe('2020-06-01T07:00:00.000Z month');
    expect(show(dateFromParts({ year: 2020, month: 6, day: 2 }, vancouver))).toBe('2020-06-02T07:00:00.000Z day');
    expect(show(dateFromParts({ year: 2020, month: 6, day: 2, hour: 5 }, vancouver))).toBe(
      '2020-06-02T12:00:00.000Z instant',
    );
    expect(show(dateFromParts({ year: 2020, month: 6, day: 2, hour: 5, minute: 6, second: 7 }, vancouver))).toBe(
      '2020-06-02T12:06:07.000Z instant',
    );
  });

  it('rejects impossible parts with the reason', () => {
    expect(show(dateFromParts({ year: 2021, month: 2, day: 29 }, vancouver))).toBe(
      'error: no 29th of February in 2021',
    );
    expect(show(dateFromParts({ year: 2020, month: 13, day: 1 }, vancouver))).toBe(
      'error: month 13 is out of range (1–12)',
    );
    expect(show(dateFromParts({ year: 2020, month: 1, day: 1, hour: 24 }, vancouver))).toBe(
      'error: hour 24 is out of range (0–23)',
    );
    expect(show(dateFromParts({ year: 2020, month: 1, day: 1.5 }, vancouver))).toBe(
      'error: day is not a whole number: 1.5',
    );
    expect(show(dateFromParts({ year: 2020, month: 1, hour: 3 }, vancouver))).toBe('error: an hour without a day');
    expect(show(dateFromParts({ year: 2020, month: 1, day: 1, minute: 3 }, vancouver))).toBe(
      'error: minutes without an hour',
    );
    expect(show(dateFromParts({ year: 0, month: 1, day: 1 }, vancouver))).toBe(
      'error: year 0000 is out of range (1000–9999)',
    );
  });

  it('throws a RangeError for an unknown time zone', () => {
    expect(() => dateFromParts({ year: 2020, month: 1 }, 'America/Gotham')).toThrow(RangeError);
  });
});

describe('parseDate formats', () => {
  it('reads ISO 8601 offsets and fractions of a second, the offset winning over the zone', () => {
    expect(read('2026-03-01T10:15:30.250+01:00', chicago)).toBe('2026-03-01T09:15:30.250Z instant');
    expect(read('2026-03-01T10:15:30-0500', casablanca)).toBe('2026-03-01T15:15:30.000Z instant');
    expect(read('2026-03-01T10:15+05:30', casablanca)).toBe('2026-03-01T04:45:00.000Z instant');
    expect(read('2026-03-01 10:15:00 UTC', casablanca)).toBe('2026-03-01T10:15:00.000Z instant');
    expect(read('  2026-03-01T10:15:00Z ', casablanca)).toBe('2026-03-01T10:15:00.000Z instant');
  });

  it('reads ISO 8601 without an offset as local time in the zone', () => {
    expect(read('2026-07-01T12:00:00', casablanca)).toBe('2026-07-01T11:00:00.000Z instant');
    expect(read('2026-07-01T12:00:00', { timeZone: 'Asia/Tokyo' })).toBe('2026-07-01T03:00:00.000Z instant');
    expect(read('2026-07-01 12:00:59', chicago)).toBe('2026-07-01T17:00:59.000Z instant');
  });

  it('reads year-first dates with slashes, with and without a time', () => {
    expect(read('2019/03/10 14:30', chicago)).toBe('2019-03-10T19:30:00.000Z instant');
    expect(read('2019/03/10', chicago)).toBe('2019-03-10T06:00:00.000Z day');
  });

  it('reads US portals’ "MM/DD/YYYY hh:mm:ss AM/PM" month first, 12 AM being midnight and 12 PM noon', () => {
    expect(read('12/25/2019 02:30:00 PM', newYork)).toBe('2019-12-25T19:30:00.000Z instant');
    expect(read('01/05/2019 12:00:00 AM', newYork)).toBe('2019-01-05T05:00:00.000Z instant');
    expect(read('01/05/2019 12:00:00 PM', newYork)).toBe('2019-01-05T17:00:00.000Z instant');
    expect(read('1/5/2019 3:04 pm', newYork)).toBe('2019-01-05T20:04:00.000Z instant');
  });

  it('reads European and Moroccan "DD/MM/YYYY HH:MM" day first', () => {
    expect(read('25/12/2019 14:30', casablanca)).toBe('2019-12-25T13:30:00.000Z instant');
    expect(read('03/04/2026', casablanca)).toBe('2026-04-02T23:00:00.000Z day');
    expect(read('03-04-2026 08:00', casablanca)).toBe('2026-04-03T07:00:00.000Z instant');
  });

  it('lets dayFirst decide which of day and month comes first in slashed dates', () => {
    // 4 March 2026 falls in Ramadan, when Morocco is on UTC.
    expect(read('03/04/2026', { ...casablanca, dayFirst: false })).toBe('2026-03-04T00:00:00.000Z day');
    expect(read('03/04/2026 01:00:00 PM', { ...casablanca, dayFirst: true })).toBe('2026-04-03T12:00:00.000Z instant');
  });

  it('says how it read a slashed date that fails only in that order, instead of reading it the other way', () => {
    expect(read('12/25/2019 14:30', casablanca)).toBe(
      'error: month 25 is out of range (1–12) (read as day/month/year; set dayFirst: false for month/day/year)',
    );
    expect(read('25/12/2019 02:30 PM', casablanca)).toMatch(/^error: month 25 .*set dayFirst: true/);
  });

  it('reads spreadsheet-style "DD.MM.YYYY" day first, whatever dayFirst says', () => {
    expect(read('25.12.2019', casablanca)).toBe('2019-12-24T23:00:00.000Z day');
    expect(read('03.04.2026 10:00', { ...casablanca, dayFirst: false })).toBe('2026-04-03T09:00:00.000Z instant');
  });

  it('reads "YYYYMMDD" as a day and its ISO basic form with a time', () => {
    expect(read('20190101', newYork)).toBe('2019-01-01T05:00:00.000Z day');
    expect(read('20190101T1230', newYork)).toBe('2019-01-01T17:30:00.000Z instant');
    expect(read('20190101T123000Z', newYork)).toBe('2019-01-01T12:30:00.000Z instant');
  });

  it('reads the named formats and refuses what does not fit them', () => {
    expect(read('2019-01-01T00:00:00Z', { ...newYork, format: 'iso' })).toBe('2019-01-01T00:00:00.000Z instant');
    expect(read('2022-01', { ...newYork, format: 'iso' })).toBe('2022-01-01T05:00:00.000Z month');
    expect(read('25/12/2019', { ...newYork, format: 'iso' })).toBe('error: not an ISO 8601 date: "25/12/2019"');
    expect(read('05/01/2019', { ...newYork, format: 'dmy' })).toBe('2019-01-05T05:00:00.000Z day');
    expect(read('05/01/2019', { ...newYork, format: 'mdy' })).toBe('2019-05-01T04:00:00.000Z day');
  });

  it('reads patterns, doubled tokens taking exactly two digits and single ones one or two', () => {
    const dmyTime = { ...casablanca, format: 'DD/MM/YYYY HH:mm' };
    expect(read('05/01/2026 08:00', dmyTime)).toBe('2026-01-05T07:00:00.000Z instant');
    expect(read('5/1/2026 8:00', dmyTime)).toBe('error: not the format DD/MM/YYYY HH:mm: "5/1/2026 8:00"');
    expect(read('5/1/2026 8:00', { ...casablanca, format: 'D/M/YYYY H:mm' })).toBe('2026-01-05T07:00:00.000Z instant');
    expect(read('1/5/2019 3:04:00 PM', { ...newYork, format: 'M/D/YYYY h:mm:ss A' })).toBe(
      '2019-01-05T20:04:00.000Z instant',
    );
    expect(read('20190105', { ...newYork, format: 'YYYYMMDD' })).toBe('2019-01-05T05:00:00.000Z day');
    expect(read('2019-01-05T10:00:00+01:00', { ...newYork, format: 'YYYY-MM-DD[T]HH:mm:ssZ' })).toBe(
      '2019-01-05T09:00:00.000Z instant',
    );
    expect(read('01/2022', { ...london, format: 'MM/YYYY' })).toBe('2022-01-01T00:00:00.000Z month');
    expect(read('05/01/2026   08:00', dmyTime)).toBe('2026-01-05T07:00:00.000Z instant');
  });
});

describe('parseDate rejects impossible dates with the reason', () => {
  const cases: [string, string][] = [
    ['2026-02-30', 'no 30th of February in 2026'],
    ['2026-02-29', 'no 29th of February in 2026'],
    ['2026-04-31 10:00', 'no 31st of April in 2026'],
    ['2026-13-01', 'month 13 is out of range (1–12)'],
    ['2026-00', 'month 0 is out of range (1–12)'],
    ['2026-01-32', 'day 32 is out of range (1–31)'],
    ['2026-01-01 25:00', 'hour 25 is out of range (0–23)'],
    ['2026-01-01 24:00', 'hour 24 is out of range (0–23)'],
    ['2026-01-01 12:60', 'minute 60 is out of range (0–59)'],
    ['2026-01-01 12:00:60', 'second 60 is out of range (0–59)'],
    ['0000-01-01', 'year 0000 is out of range (1000–9999)'],
    [
      '13/01/2026 01:00 PM',
      'month 13 is out of range (1–12) (read as month/day/year because of AM/PM; set dayFirst: true for day/month/year)',
    ],
    ['01/01/2026 13:00 PM', 'hour 13 is out of range (1–12 with AM/PM)'],
    ['2026-01-01T10:00+19:00', 'the UTC offset is out of range'],
    ['yesterday', 'not a date in a known format: "yesterday"'],
    ['', 'empty'],
    ['   ', 'empty'],
  ];
  for (const [text, reason] of cases) {
    it(`says "${reason}" for ${JSON.stringify(text)}`, () => {
      expect(parseDate(text, casablanca)).toEqual({ error: reason });
    });
  }

  it('accepts 29 February in leap years', () => {
    expect(read('2024-02-29', casablanca)).toBe('2024-02-28T23:00:00.000Z day');
    // Morocco kept UTC in winter until 2018.
    expect(read('2000-02-29', casablanca)).toBe('2000-02-29T00:00:00.000Z day');
    expect(read('1900-02-29', casablanca)).toBe('error: no 29th of February in 1900');
  });

  it('cuts a long unreadable text short in its reason', () => {
    const result = parseDate('x'.repeat(100), casablanca);
    expect('error' in result && result.error.length).toBeLessThan(80);
  });
});

describe('parseDate options', () => {
  it('throws a RangeError naming an unknown time zone, even for an empty text', () => {
    expect(() => parseDate('2026-01-01', { timeZone: 'Europe/Atlantis' })).toThrow(/Europe\/Atlantis/);
    expect(() => parseDate('', { timeZone: 'Europe/Atlantis' })).toThrow(RangeError);
  });

  it('throws a RangeError for an unknown format name or a pattern that cannot give a date', () => {
    expect(() => parseDate('2026-01-01', { ...casablanca, format: 'european' })).toThrow(
      /unknown date format: "european"/,
    );
    expect(() => parseDate('2026', { ...casablanca, format: 'YYYY' })).toThrow(/no month/);
    expect(() => parseDate('2026 10', { ...casablanca, format: 'YYYY HH' })).toThrow(/no month/);
    expect(() => parseDate('01/2026 10', { ...casablanca, format: 'MM/YYYY HH' })).toThrow(/an hour but no day/);
    expect(() => parseDate('01/01/2026 10:00', { ...casablanca, format: 'DD/MM/YYYY hh:mm' })).toThrow(/AM\/PM/);
    expect(() => parseDate('01/01/2026 10', { ...casablanca, format: 'DD/MM/YYYY HH A' })).toThrow(/AM\/PM/);
    expect(() => parseDate('01/01/2026', { ...casablanca, format: 'DD/DD/YYYY' })).toThrow(/twice/);
  });

  it('checks options without a text', () => {
    expect(() => checkDateOptions({ timeZone: 'Africa/Casablanca', format: 'DD/MM/YYYY HH:mm' })).not.toThrow();
    expect(() => checkDateOptions({ timeZone: 'Africa/Casablanca', format: 'dmy' })).not.toThrow();
    expect(() => checkDateOptions({ timeZone: 'Morocco' })).toThrow(RangeError);
  });
});

describe('parseDate around clock changes', () => {
  it('moves a time skipped by America/Chicago’s spring forward on by the gap', () => {
    // 10 March 2019: 02:00 CST became 03:00 CDT (08:00 UTC).
    expect(read('2019-03-10 01:59', chicago)).toBe('2019-03-10T07:59:00.000Z instant');
    expect(read('2019-03-10 02:30', chicago)).toBe('2019-03-10T08:30:00.000Z instant');
    expect(read('2019-03-10 03:00', chicago)).toBe('2019-03-10T08:00:00.000Z instant');
    expect(read('2019-03-10', chicago)).toBe('2019-03-10T06:00:00.000Z day');
    expect(read('2019-03-11', chicago)).toBe('2019-03-11T05:00:00.000Z day');
  });

  it('gives a time repeated by America/Chicago’s fall back one of its two instants', () => {
    // 3 November 2019: 02:00 CDT became 01:00 CST (07:00 UTC), so 01:30 happened at 06:30 and 07:30 UTC.
    const result = parseDate('2019-11-03 01:30', chicago);
    expect('at' in result && ['2019-11-03T06:30:00.000Z', '2019-11-03T07:30:00.000Z']).toContain(
      'at' in result && result.at.toISOString(),
    );
    expect(read('2019-11-03 00:59', chicago)).toBe('2019-11-03T05:59:00.000Z instant');
    expect(read('2019-11-03 02:00', chicago)).toBe('2019-11-03T08:00:00.000Z instant');
  });

  it('handles Europe/London’s clock changes the same way', () => {
    // 31 March 2019: 01:00 GMT became 02:00 BST. 27 October 2019: 02:00 BST became 01:00 GMT.
    expect(read('2019-03-31 00:59', london)).toBe('2019-03-31T00:59:00.000Z instant');
    expect(read('2019-03-31 01:30', london)).toBe('2019-03-31T01:30:00.000Z instant');
    expect(read('2019-03-31 02:00', london)).toBe('2019-03-31T01:00:00.000Z instant');
    const repeated = parseDate('2019-10-27 01:30', london);
    expect(['2019-10-27T00:30:00.000Z', '2019-10-27T01:30:00.000Z']).toContain(
      'at' in repeated && repeated.at.toISOString(),
    );
    expect(read('2022-04', london)).toBe('2022-03-31T23:00:00.000Z month');
  });

  it('follows Africa/Casablanca’s Ramadan changes in a Moroccan export', () => {
    // 2026: UTC+1 until 15 February 03:00 (back to 02:00, UTC+0), UTC+0 until 22 March 02:00 (on to 03:00, UTC+1).
    expect(read('14/02/2026 12:00', casablanca)).toBe('2026-02-14T11:00:00.000Z instant');
    expect(read('01/03/2026 12:00', casablanca)).toBe('2026-03-01T12:00:00.000Z instant');
    expect(read('23/03/2026 12:00', casablanca)).toBe('2026-03-23T11:00:00.000Z instant');
    expect(read('01/03/2026', casablanca)).toBe('2026-03-01T00:00:00.000Z day');
    expect(read('2026-03', casablanca)).toBe('2026-03-01T00:00:00.000Z month');
    expect(read('2026-04', casablanca)).toBe('2026-03-31T23:00:00.000Z month');
    // 02:30 on 22 March does not exist: read as 03:30 UTC+1.
    const skipped = parseDate('22/03/2026 02:30', casablanca);
    expect(show(skipped)).toBe('2026-03-22T02:30:00.000Z instant');
    expect('at' in skipped && zonedParts(skipped.at, 'Africa/Casablanca')).toMatchObject({ hour: 3, minute: 30 });
    // 02:30 on 15 February happened twice, at 01:30 and 02:30 UTC.
    const repeated = parseDate('15/02/2026 02:30', casablanca);
    expect(['2026-02-15T01:30:00.000Z', '2026-02-15T02:30:00.000Z']).toContain(
      'at' in repeated && repeated.at.toISOString(),
    );
  });

  it('starts a day whose midnight is skipped at its first instant', () => {
    // America/Santiago went from 00:00 to 01:00 on 8 September 2024 (UTC−4 → UTC−3).
    expect(read('2024-09-08', { timeZone: 'America/Santiago' })).toBe('2024-09-08T04:00:00.000Z day');
  });
});
