import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
  ) {
    super(
      `The data directory ${dataDir} is in use by another Tilsyn process (pid ${holderPid}). ` +
        `The embedded database can only be opened by one process at a time. Stop that process, ` +
        `point TILSYN_DATA_DIR at another directory, or set DATABASE_URL to use PostgreSQL. ` +
        `If no Tilsyn process is running (the pid was reused by another program), delete ${path.join(dataDir, 'tilsyn.lock')}.`,
    );
    this.name = 'DataDirLockedError';
  }
}

interface LockInfo {
  pid: number;
  hostname: string;
  startedAt: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `<dataDir>/tilsyn.lock` for this process. A lock left by a dead process (after a crash
 * or SIGKILL) is taken over; a live holder makes this throw DataDirLockedError.
 */
export function acquireDataDirLock(dataDir: string): { release(): void } {
  // The data directory holds the database, sealed CPR numbers and results files: its owner's only
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dataDir, 0o700);
  const file = path.join(dataDir, 'tilsyn.lock');
  const info: LockInfo = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(info), { flag: 'wx' });
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          try {
            const current = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
            if (current.pid === process.pid) fs.unlinkSync(file);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let holder: LockInfo | null;
    try {
      holder = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
    } catch {
      holder = null; // unreadable or half-written lock: treat as stale
    }
    // A lock from another host cannot be checked, so it is honoured.
    if (holder && Number.isInteger(holder.pid) && (holder.hostname !== os.hostname() || isAlive(holder.pid))) {
      throw new DataDirLockedError(dataDir, holder.pid);
    }
    // Stale lock of a dead process: remove it and try again.
    fs.rmSync(file, { force: true });
  }
  throw new Error(`Could not take the lock on ${dataDir}`);
}
