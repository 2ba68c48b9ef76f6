import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * An exclusive lock on a data directory: one process at a time may open the embedded database.
 * The lock file holds the owner's pid; a lock left by a process that no longer exists is taken over.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(`the data directory ${dir} is in use by another pocdesk process (pid ${pid}); stop it first or use another --data directory`);
    this.name = 'DataDirLockedError';
  }
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DirLock {
  release(): void;
}

export function lockDataDir(dir: string): DirLock {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'pocdesk.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return { release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let pid = NaN;
      try {
        pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
      } catch {
        /* vanished between open and read: retry */
      }
      if (pid === process.pid) throw new DataDirLockedError(dir, pid);
      if (processAlive(pid)) throw new DataDirLockedError(dir, pid);
      // Stale lock from a process that died (kill -9, power loss): take it over.
      if (existsSync(file)) rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock the data directory ${dir}`);
}
