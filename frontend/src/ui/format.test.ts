import { describe, expect, it } from 'vitest';
import { formatBytes, formatDate, formatDateTime, humanize, shortHash, statusLabel } from './format';

describe('format', () => {
  it('formats timestamps in the given locale', () => {
    const en = formatDateTime('2026-11-28T04:21:30.123456Z', 'en-US');
    expect(en).toMatch(/2026/);
    expect(en).toMatch(/Nov/);
    const de = formatDateTime('2026-11-28T04:21:30Z', 'de-DE');
    expect(de).toMatch(/28\.11\.2026|28\. Nov/);
  });
  it('keeps calendar dates on their day', () => {
    expect(formatDate('2019-04-12', 'en-US')).toBe('Apr 12, 2019');
  });
  it('returns the input when it is not a date', () => {
    expect(formatDateTime('nope')).toBe('nope');
    expect(formatDateTime(null)).toBe('');
  });
  it('formats sizes and hashes', () => {
    expect(formatBytes(512, 'en-US')).toBe('512 B');
    expect(formatBytes(1536, 'en-US')).toBe('1.5 KB');
    expect(formatBytes(25 * 1024 * 1024, 'en-US')).toBe('25 MB');
    expect(shortHash('abcdef0123456789abcdef')).toBe('abcdef012345');
  });
  it('labels statuses and roles', () => {
    expect(statusLabel('IN_REVIEW')).toBe('In review');
    expect(humanize('FACT_CHECKER')).toBe('Fact checker');
  });
});
