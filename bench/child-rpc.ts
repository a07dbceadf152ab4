// Benchmarks run the emulator and the server in child processes of their own (so neither steals the
// other's event loop) and talk to them over Node's IPC channel: a small request/response protocol.
import { fork, type ChildProcess } from 'node:child_process';

/** What a child answers: `ok` with the handler's value, or the error's text. */
interface Reply {
  id: number;
  ok: boolean;
  reply?: unknown;
  error?: string;
}

/** Forks `file` (run under tsx) in the given role; the child reads `--role=` to know what to be. */
export function spawnRole(file: string, role: string): ChildProcess {
  return fork(file, [`--role=${role}`], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** Request/response over a child's IPC channel. */
export function rpc(child: ChildProcess) {
  let next = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (m: Reply) => {
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.ok) w.resolve(m.reply);
    else w.reject(new Error(m.error));
  });
  child.on('exit', (code) => {
    for (const w of waiting.values()) w.reject(new Error(`child exited (${code})`));
  });
  return <T>(cmd: string, args?: unknown): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, cmd, args });
    });
}

/** Serves `handlers` over IPC in a child; exits when the parent goes away. */
export function serve(handlers: Record<string, (args: never) => Promise<unknown>>): void {
  process.on('disconnect', () => process.exit(0));
  process.on('message', (m: { id: number; cmd: string; args?: unknown }) => {
    const handler = handlers[m.cmd];
    const answer = (r: Omit<Reply, 'id'>) => process.send!({ id: m.id, ...r });
    if (!handler) return answer({ ok: false, error: `unknown command ${m.cmd}` });
    handler(m.args as never).then(
      (reply) => answer({ ok: true, reply }),
      (error: unknown) => answer({ ok: false, error: String((error as Error).stack ?? error) }),
    );
  });
}
