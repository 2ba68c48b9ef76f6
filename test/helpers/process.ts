/** Spawning the real CLI and server, as a user would. */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../src/platform/app.ts';

const BIN = join(ROOT, 'bin', 'pocdesk.js');

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
  json: any;
}

/**
 * Runs `pocdesk <args>` to completion, asynchronously: a synchronous spawn would block the test
 * worker, and vitest's worker RPC times out when its event loop stalls for a minute (several CLI
 * calls in a row on a loaded machine).
 */
export function cli(args: string[], env: Record<string, string | undefined> = {}, input?: string, timeoutMs = 120_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, POCDESK_LOG: 'silent', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      let json: any = null;
      try {
        json = JSON.parse(stdout);
      } catch {
        /* not JSON */
      }
      resolve({ status: code ?? -1, stdout, stderr, json });
    });
    child.stdin.end(input ?? '');
  });
}

export interface RunningServer {
  proc: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  adminPassword: string | null;
  startedInMs: number;
  /** Resolves when the process has exited (also when it already had). */
  exited: Promise<number | null>;
}

/** Starts `pocdesk serve` on a free port and waits until it listens. */
export function startServer(args: string[], env: Record<string, string | undefined> = {}, timeoutMs = 60_000): Promise<RunningServer> {
  const started = Date.now();
  const proc = spawn(process.execPath, [BIN, ...args, 'serve', '--port', '0'], { env: { ...process.env, POCDESK_LOG: 'silent', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`server did not start in ${timeoutMs} ms\n${out}\n${err}`));
    }, timeoutMs);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`server exited with ${code}: ${err}`), { code, stderr: err, stdout: out }));
    };
    proc.on('exit', onExit);
    const check = () => {
      const m = /serving on (http:\/\/[\d.:a-z]+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      proc.off('exit', onExit);
      proc.stdout!.off('data', check);
      const pw = /\n\s{4}(\S+)\n/.exec(out);
      resolve({ proc, url: m[1]!, stdout: () => out, stderr: () => err, adminPassword: pw ? pw[1]! : null, startedInMs: Date.now() - started, exited });
    };
    proc.stdout!.on('data', check);
  });
}

export async function stopServer(s: RunningServer, signal: NodeJS.Signals = 'SIGTERM') {
  if (s.proc.exitCode === null && s.proc.signalCode === null) s.proc.kill(signal);
  await s.exited;
}

/** Signs in over HTTP and returns a fetch wrapper with the session cookie and anti-forgery header. */
export async function httpSession(base: string, username: string, password: string) {
  const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (r.status !== 200) throw new Error(`login: ${r.status} ${await r.text()}`);
  const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { cookie, 'x-pocdesk-csrf': '1', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
}
