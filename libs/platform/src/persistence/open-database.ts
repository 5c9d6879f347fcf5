import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PgExecutor, PGliteExecutor, SqlExecutor } from '@sportello/eventstore';
import { DatabaseConfig } from '../config/platform-config';
import { PreflightError } from '../startup/preflight';

/** Opens PostgreSQL (a pool) or the embedded PGlite directory. */
export async function openDatabase(
  config: DatabaseConfig,
): Promise<{ db: SqlExecutor; close: () => Promise<void> }> {
  if (config.kind === 'postgres') {
    const db = new PgExecutor({
      connectionString: config.url,
      max: config.poolSize,
      connectionTimeoutMillis: 5_000,
    });
    return { db, close: () => db.close() };
  }
  mkdirSync(config.dir, { recursive: true });
  const unlock = lockDirectory(config.dir);
  try {
    const db = await PGliteExecutor.open(config.dir);
    return {
      db,
      close: async () => {
        await db.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

/**
 * PGlite is one process's database: a second process opening the same directory would corrupt
 * it. A lock file with the owner's pid refuses that, and is taken over if its owner is dead.
 */
function lockDirectory(dir: string): () => void {
  const path = join(dir, '.sportello.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          unlinkSync(path);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(path, 'utf8').trim());
      if (owner && owner !== process.pid && isAlive(owner))
        throw new PreflightError(
          `The embedded database in ${dir} is in use by process ${owner}: stop it, or set ` +
            `DATABASE_URL to a PostgreSQL server to run several processes.`,
        );
      unlinkSync(path);
    }
  }
  throw new PreflightError(`Could not lock the embedded database in ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
