import { describe, expect, it } from 'vitest';
import { copyText, copyValue } from './copy.js';

describe('copyValue', () => {
  it('writes null and undefined as \\N', () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue(undefined)).toBe('\\N');
  });

  it('escapes backslashes, tabs and line breaks so a value cannot split a row', () => {
    expect(copyValue('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyValue('\\N')).toBe('\\\\N');
    expect(copyValue('الدار البيضاء')).toBe('الدار البيضاء');
  });

  it('writes dates, booleans, numbers, big integers and objects', () => {
    expect(copyValue(new Date('2026-11-20T12:00:00Z'))).toBe('2026-11-20T12:00:00.000Z');
    expect(copyValue(true)).toBe('t');
    expect(copyValue(false)).toBe('f');
    expect(copyValue(-7.5)).toBe('-7.5');
    expect(copyValue(617_733_123_456_789_503n)).toBe('617733123456789503');
    expect(copyValue({ a: '\t' })).toBe('{"a":"\\\\t"}');
  });

  it('refuses numbers that are not finite', () => {
    expect(() => copyValue(Number.NaN)).toThrow(RangeError);
    expect(() => copyValue(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('copyText', () => {
  it('writes one tab-separated line per row', () => {
    expect(
      copyText([
        [1, 'a', null],
        [2, 'b\tc', true],
      ]),
    ).toBe('1\ta\t\\N\n2\tb\\tc\tt\n');
  });
});
