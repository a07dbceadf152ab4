// A scripted Graph stand-in on node:http, started per test on port 0: it records what the client
// sent and answers whatever the test's handler says, so retry and paging logic meet a real socket.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export type Handler = (req: Recorded, res: ServerResponse, n: number) => void | Promise<void>;

export interface FakeGraph {
  /** `http://127.0.0.1:{port}` */
  origin: string;
  requests: Recorded[];
  /** The most requests the handler was running at once. */
  maxInFlight: number;
  close(): Promise<void>;
}

export async function startFakeGraph(handler: Handler): Promise<FakeGraph> {
  let inFlight = 0;
  const state = { requests: [] as Recorded[], maxInFlight: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded: Recorded = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: text === '' ? undefined : (JSON.parse(text) as unknown),
      };
      state.requests.push(recorded);
      inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, inFlight);
      res.on('close', () => inFlight--);
      Promise.resolve(handler(recorded, res, state.requests.length)).catch((e: unknown) => {
        res.statusCode = 599;
        res.end(String(e));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    get maxInFlight() {
      return state.maxInFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers with a JSON body (or none when `body` is undefined). */
export function reply(
  res: ServerResponse,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    ...headers,
  });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

/** Graph's error envelope, as Microsoft sends it. */
export function graphError(code: string, message: string, requestId: string): unknown {
  return {
    error: {
      code,
      message,
      innerError: {
        date: '2025-01-02T03:04:05',
        'request-id': requestId,
        'client-request-id': 'c',
      },
    },
  };
}
