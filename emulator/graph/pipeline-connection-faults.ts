// The Graph host's first step: connection faults injected through the control API
// (`POST /_emulator/faults/connection`). They act on the socket, below anything Graph would answer,
// so they live in front of the pipeline rather than in it; `$batch` items never see them.
import type { NextFunction, Request, Response } from 'express';
import { sleep } from './faults.js';
import type { GraphState } from './state.js';

/** The path after the version segment (`/v1.0/users/x?$top=1` → `/users/x`), as fault patterns see it. */
function graphPath(originalUrl: string): string {
  const path = originalUrl.split('?')[0] ?? '';
  return path.replace(/^\/(v1\.0|beta)(?=\/|$)/i, '') || '/';
}

/** Express middleware applying the next matching connection fault, if any. */
export function connectionFaults(state: GraphState) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const rule = state.faults.connectionFaultFor(graphPath(req.originalUrl));
    if (!rule) return next();
    if (rule.delayMs > 0) await sleep(rule.delayMs);
    if (rule.kind === 'slow') return next();
    // No status line, no body: the client sees the connection close under it (ECONNRESET).
    res.socket?.destroy();
    req.socket.destroy();
  };
}
