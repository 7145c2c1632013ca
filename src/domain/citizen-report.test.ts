import { describe, expect, it } from 'vitest';
import {
  cleanText,
  codeAlphabet,
  isReportCode,
  open311Status,
  reportCode,
  reportWriteDenial,
} from './citizen-report.js';

describe('reportCode', () => {
  it('takes 10 characters of the alphabet, skipping bytes that would bias it', () => {
    const bytes = Uint8Array.from([255, 0, 30, 31, 248, 1, 2, 3, 4, 5, 6, 7, 8]);
    const code = reportCode(bytes);
    expect(code).toBe(`${codeAlphabet[0]}${codeAlphabet[30]}${codeAlphabet[0]}${codeAlphabet.slice(1, 8)}`);
    expect(isReportCode(code ?? '')).toBe(true);
  });

  it('gives null when the bytes run out', () => {
    expect(reportCode(new Uint8Array(9))).toBeNull();
  });

  it('uses no look-alike characters', () => {
    expect(codeAlphabet).not.toMatch(/[01ILO]/);
  });
});

describe('cleanText', () => {
  it('normalises to NFC and trims', () => {
    expect(cleanText(' e\u0301 ', 10, { required: true })).toEqual({ text: '\u00e9' });
  });

  it('refuses control characters and bidirectional overrides but keeps markup as text', () => {
    expect(cleanText('a\u0000b', 10, { required: true })).toEqual({ problem: 'holds control characters' });
    expect(cleanText('a\u202Eb', 10, { required: true })).toEqual({ problem: 'holds control characters' });
    expect(cleanText('<b>x</b>\nline', 100, { required: true })).toEqual({ text: '<b>x</b>\nline' });
  });

  it('refuses empty text when required and text too long', () => {
    expect(cleanText('   ', 10, { required: true })).toEqual({ problem: 'is empty' });
    expect(cleanText('abcdef', 5, { required: false })).toEqual({ problem: 'is longer than 5 characters' });
  });
});

describe('open311Status', () => {
  it('maps acknowledged and in-progress reports to open, rejected and merged ones to closed', () => {
    expect(['open', 'acknowledged', 'in_progress'].map((s) => open311Status(s as 'open'))).toEqual([
      'open',
      'open',
      'open',
    ]);
    expect(['closed', 'rejected', 'merged'].map((s) => open311Status(s as 'open'))).toEqual([
      'closed',
      'closed',
      'closed',
    ]);
  });
});

describe('reportWriteDenial', () => {
  const anfa = { id: 5, ancestorIds: [1, 2, 3, 4] };
  it('lets analysts only read, and others act within their scope', () => {
    expect(reportWriteDenial({ role: 'analyst', scopeAreaId: null }, anfa)).toBe('forbidden');
    expect(reportWriteDenial({ role: 'wali', scopeAreaId: 2 }, anfa)).toBeNull();
    expect(reportWriteDenial({ role: 'wali', scopeAreaId: 9 }, anfa)).toBe('out_of_scope');
    expect(reportWriteDenial({ role: 'district_chief', scopeAreaId: 5 }, anfa)).toBeNull();
  });

  it('leaves a report with no place to the director-general', () => {
    expect(reportWriteDenial({ role: 'director_general', scopeAreaId: null }, null)).toBeNull();
    expect(reportWriteDenial({ role: 'wali', scopeAreaId: 2 }, null)).toBe('out_of_scope');
  });
});
