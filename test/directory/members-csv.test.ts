import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../../server/directory/members-csv.js';
import { signExportToken, verifyExportToken } from '../../server/directory/export-links.js';

describe('CSV cells', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+31 20 123', "'+31 20 123"],
    ['-5', "'-5"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\tindent', "'\tindent"],
    ['\rreturn', '"\'\rreturn"'],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['mid=dle', 'mid=dle'],
    [null, ''],
    [undefined, ''],
    [42, '42'],
  ])('writes %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('ends lines with CRLF (RFC 4180)', () => {
    expect(csvLine(['a', 'b'])).toBe('a,b\r\n');
  });
});

describe('export link tokens', () => {
  const key = Buffer.alloc(32, 7);
  const claims = {
    orgId: 'o1',
    memberId: 'm1',
    filter: { status: 'connected' as const },
    expiresAt: 2_000,
  };

  it('verifies its own signature and returns the claims', () => {
    expect(verifyExportToken(key, signExportToken(key, claims), 1_000)).toEqual({
      ok: true,
      claims,
    });
  });

  it('refuses an expired token', () => {
    expect(verifyExportToken(key, signExportToken(key, claims), 2_000)).toEqual({
      ok: false,
      problem: 'expired',
    });
  });

  it.each([
    ['another key', () => signExportToken(Buffer.alloc(32, 8), claims)],
    [
      'an edited payload',
      (t: string) =>
        `${Buffer.from(JSON.stringify({ ...claims, orgId: 'o2' })).toString('base64url')}.${t.split('.')[1]}`,
    ],
    ['no signature', (t: string) => t.split('.')[0]!],
    ['an extra part', (t: string) => `${t}.x`],
    ['garbage', () => '%%%.%%%'],
  ])('refuses a token with %s', (_what, tamper) => {
    const token = tamper(signExportToken(key, claims));
    expect(verifyExportToken(key, token, 1_000)).toEqual({ ok: false, problem: 'invalid' });
  });
});
