// Quorum's real entry point (`server/main.ts`) as a child process against the in-process emulator,
// configured as `npm start` configures it — so it can be killed with SIGKILL and started again on
// the same data directory. Its API is reached over loopback with user tokens the emulator mints.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { control, type TestEmulator } from '../../support/emulator.js';
import type { Api } from './sweep.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface ChildQuorum {
  readonly url: string;
  readonly api: Api;
  /** SIGKILL, and wait until the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (graceful), then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** What the process wrote to stderr (for failure messages). */
  stderr(): string;
}

/** The environment `startQuorum` would use, for a child process listening on `port`. */
async function childEnv(emu: TestEmulator, dataDir: string, port: number) {
  const caFile = join(dataDir, '..', 'emulator-ca.pem');
  await writeFile(caFile, emu.ca.certPem);
  return {
    PATH: process.env.PATH ?? '',
    QUORUM_AUTHORITY_HOST: emu.loginUrl,
    QUORUM_GRAPH_BASE_URL: emu.graphUrl,
    QUORUM_CA_FILE: caFile,
    QUORUM_CLIENT_ID: emu.quorumApp.clientId,
    QUORUM_CLIENT_SECRET: emu.quorumApp.clientSecret,
    QUORUM_DATA_DIR: dataDir,
    QUORUM_HTTP_PORT: String(port),
    QUORUM_LOG_LEVEL: 'warn',
    QUORUM_ALLOW_PRIVATE_WEBHOOKS: 'true',
    QUORUM_PUBLIC_URL: emu.quorumApp.publicUrl,
  };
}

/** Starts `server/main.ts` on `dataDir` (whose parent must be writable) and waits for /healthz. */
export async function spawnQuorum(emu: TestEmulator, dataDir: string): Promise<ChildQuorum> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'server', 'main.ts')],
    { cwd: ROOT, env: await childEnv(emu, dataDir, port), stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (gone) throw new Error(`Quorum exited while starting: ${errors}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Quorum did not start within 60 s: ${errors}`);
    }
    await sleep(100);
  }

  const api: Api = async (as, method, path, body) => {
    const token = await control<{ access_token: string }>(emu, 'POST', '/tokens/user', as);
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token.body.access_token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as never };
  };

  return {
    url,
    api,
    async kill() {
      if (!gone) child.kill('SIGKILL');
      await exited;
    },
    async stop(graceMs = 10_000) {
      if (!gone) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    stderr: () => errors,
  };
}
