import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBinary, postgresBinDirs } from './binaries.js';
import { freePort } from './free-port.js';

export interface RunningService {
  url: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL refuses to run as root, and CI runs as root: then the cluster is
 * owned by and run as the `postgres` system user that Debian's package creates.
 */
function runAs(): { user: string; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const user of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
      return { user, uid, gid };
    } catch {
      // try the next one
    }
  }
  throw new Error('running as root but neither the postgres nor the nobody user exists');
}

/**
 * Starts a throw-away cluster: initdb into a temp dir, trust auth, a random
 * loopback port, durability off (tests need speed, not crash safety).
 * @returns undefined when PostgreSQL is not installed.
 */
export async function startPostgres(): Promise<RunningService | undefined> {
  const dirs = postgresBinDirs();
  const initdb = findBinary('initdb', dirs);
  const pgCtl = findBinary('pg_ctl', dirs);
  if (!initdb || !pgCtl) return undefined;

  const owner = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'kinship-pg-'));
  const data = join(dir, 'data');
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = owner ? ['runuser', ['-u', owner.user, '--', cmd, ...args]] : [cmd, args];
    const r = spawnSync(file, argv, { encoding: 'utf8', cwd: dir });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };

  run(initdb, ['-D', data, '--auth=trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  let port = 0;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    const opts = `-p ${port} -h 127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    try {
      run(pgCtl, ['-D', data, '-o', opts, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
      break;
    } catch (err) {
      // Another process may have taken the port between the check and the start.
      if (attempt >= 3) {
        let log = '';
        try {
          log = readFileSync(join(dir, 'server.log'), 'utf8');
        } catch {
          /* no log yet */
        }
        rmSync(dir, { recursive: true, force: true });
        throw new Error(`PostgreSQL did not start: ${String(err)}\n${log}`);
      }
    }
  }

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      return Promise.resolve();
    },
  };
}
