import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './bench-kit';

export interface BenchServer {
  url: string;
  pid: number;
  /** What the server reported at start (data dir, effective config knobs). */
  info: Record<string, unknown>;
  /** Runs a command in the server process (see bench-server.child.ts). */
  call<T>(cmd: string, args?: unknown): Promise<T>;
  /** Stops the server (closing the all-in-one cleanly) and waits for the process to exit. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Config overrides for the all-in-one (mode 'mottak'); for 'bare-queue', REDIS_URL and MOTTAK_REDIS_PREFIX. */
  overrides?: Record<string, string>;
  /** Write V8 CPU profiles of this process to bench/results/profiles/<mode>-<time>/ on close. */
  cpuProf?: boolean;
  startTimeoutMs?: number;
}

/** 'bare': express + express.json only; 'bare-queue': that plus one BullMQ `queue.add` per request. */
export type BenchServerMode = 'mottak' | 'bare' | 'bare-queue';

type Reply = { type: 'reply'; id: number; result?: unknown; error?: string };
type Ready = { type: 'ready'; url: string; pid: number; info: Record<string, unknown> };

/**
 * Starts a server in its own process (tsx loaders and tsconfig are inherited by `fork`), so that
 * server and load generator each get their own event loop — on two cores, one each.
 */
export async function startBenchServer(mode: BenchServerMode, options: StartOptions = {}): Promise<BenchServer> {
  const execArgv = [...process.execArgv];
  if (options.cpuProf) {
    // One directory per process: tsx's loader thread writes a profile of its own beside the main one.
    const dir = path.join(REPO_ROOT, 'bench', 'results', 'profiles', `${mode}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    mkdirSync(dir, { recursive: true });
    execArgv.push('--cpu-prof', `--cpu-prof-dir=${dir}`);
  }
  const child: ChildProcess = fork(path.join(__dirname, 'bench-server.child.ts'), [mode, JSON.stringify(options.overrides ?? {})], {
    cwd: REPO_ROOT,
    execArgv,
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(REPO_ROOT, 'tsconfig.base.json') },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let exited = false;
  const exit = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exited = true;
      for (const p of pending.values()) p.reject(new Error(`bench server (${mode}) exited with ${code}`));
      pending.clear();
      resolve(code);
    }),
  );
  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bench server (${mode}) did not start within ${options.startTimeoutMs ?? 120_000} ms`)), options.startTimeoutMs ?? 120_000);
    child.on('message', (message: Ready | Reply) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message);
      } else if (message.type === 'reply') {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (message.error !== undefined) waiter?.reject(new Error(message.error));
        else waiter?.resolve(message.result);
      }
    });
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`bench server (${mode}) exited with ${code} before it was ready`));
    });
  });
  let nextId = 1;
  const call = <T>(cmd: string, args?: unknown): Promise<T> => {
    if (exited) return Promise.reject(new Error(`bench server (${mode}) has exited`));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ type: 'call', id, cmd, args });
    });
  };
  return {
    url: ready.url,
    pid: ready.pid,
    info: ready.info,
    call,
    async close() {
      if (exited) return;
      const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await call('close').catch(() => undefined);
      await exit;
      clearTimeout(killer);
    },
  };
}
