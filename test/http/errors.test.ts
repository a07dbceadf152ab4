import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { connectionErrors } from '../../server/http/error-codes/connections.js';
import { coreErrors } from '../../server/http/error-codes/core.js';
import { orgEventErrors } from '../../server/http/error-codes/org-events.js';
import { schedulingErrors } from '../../server/http/error-codes/scheduling.js';
import { selfServiceErrors } from '../../server/http/error-codes/self-service.js';
import { AppError, errorRegistry, isErrorCode, type ErrorCode } from '../../server/http/errors.js';

const doc = readFileSync(new URL('../../docs/api-errors.md', import.meta.url), 'utf8');
const documented = new Map(
  [...doc.matchAll(/^\|\s*`(ERR_[A-Z0-9_]+)`\s*\|\s*(\d{3})\s*\|([^|]+)\|/gm)].map((m) => [
    m[1]!,
    { status: Number(m[2]), title: m[3]!.trim() },
  ]),
);

describe('docs/api-errors.md', () => {
  it('documents every registered code with its status and title', () => {
    for (const [code, spec] of Object.entries(errorRegistry)) {
      expect(documented.get(code), code).toEqual({ status: spec.status, title: spec.title });
    }
  });

  it('documents no code the registry lacks', () => {
    const unknown = [...documented.keys()].filter((code) => !isErrorCode(code));
    expect(unknown).toEqual([]);
  });
});

describe('AppError', () => {
  it('takes status and title from the registry and the description as default detail', () => {
    const error = new AppError('ERR_RATE_LIMITED');
    expect(error).toMatchObject({
      code: 'ERR_RATE_LIMITED',
      status: 429,
      title: 'Too many requests',
      detail: errorRegistry.ERR_RATE_LIMITED.description,
    });
  });

  it('keeps a custom detail, headers, field issues and the cause', () => {
    const cause = new Error('root');
    const error = new AppError('ERR_VALIDATION', {
      detail: 'bad',
      headers: { 'X-A': '1' },
      errors: [{ in: 'body', path: 'a', message: 'Required' }],
      cause,
    });
    expect(error).toMatchObject({ detail: 'bad', headers: { 'X-A': '1' }, cause });
    expect(error.errors).toHaveLength(1);
  });

  it('refuses a code that is not registered', () => {
    expect(() => new AppError('ERR_NOPE' as ErrorCode)).toThrow(TypeError);
  });

  it('uses only statuses from 400 to 599 and codes named ERR_*', () => {
    for (const [code, spec] of Object.entries(errorRegistry)) {
      expect(code).toMatch(/^ERR_[A-Z0-9_]+$/);
      expect(spec.status).toBeGreaterThanOrEqual(400);
      expect(spec.status).toBeLessThan(600);
    }
  });
});

describe('error registry parts', () => {
  it('defines each code in exactly one part', () => {
    const parts = [
      coreErrors,
      connectionErrors,
      schedulingErrors,
      selfServiceErrors,
      orgEventErrors,
    ];
    const codes = parts.flatMap((part) => Object.keys(part));
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length).toBe(Object.keys(errorRegistry).length);
  });
});
