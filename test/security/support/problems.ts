// What a refusal must look like: application/problem+json with the exact status and code, and a body
// that carries no stack trace, no file path and none of the data it refused to show.
import type { Sent } from './security-quorum.js';

export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly requestId: string;
}

const STACK_TRACE = /\bat [\w.<>]+ \(|\n\s+at |node_modules|\/server\/[\w/-]+\.ts|file:\/\//;

/** The problem body of `sent`, or undefined when it is not problem+json of the expected shape. */
export function problemOf(sent: Sent): ProblemBody | undefined {
  if (!(sent.headers.get('content-type') ?? '').startsWith('application/problem+json'))
    return undefined;
  const body = sent.json as Partial<ProblemBody> | undefined;
  if (!body || typeof body.code !== 'string' || body.status !== sent.status) return undefined;
  if (typeof body.type !== 'string' || typeof body.requestId !== 'string') return undefined;
  return body as ProblemBody;
}

/** The markers of `markers` that appear in the response, plus "a stack trace" when one does. */
export function leaksIn(sent: Sent, markers: readonly string[]): string[] {
  const text = sent.text.toLowerCase();
  const leaks = markers.filter((m) => m.length > 0 && text.includes(m.toLowerCase()));
  if (STACK_TRACE.test(sent.text)) leaks.push('a stack trace');
  return leaks;
}

/** `[status, code]` of a response, for one readable assertion per case. */
export function outcome(sent: Sent): [number, string | undefined] {
  return [sent.status, problemOf(sent)?.code];
}
