import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../test/setup/free-port.js';
import { dialectCases } from '../../test/helpers/databases.js';
import { latestMigrationName } from '../server/db/migrate.js';

// The CLI is run from source through tsx, exactly as a user runs it, but
// without needing a build first.
const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const cliEntry = join(process.cwd(), 'test', 'helpers', 'run-cli.ts');

function kinship(args: string[], env: Record<string, string> = {}) {
  return spawnSync(tsx, [cliEntry, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
}

describe('kinship command line', () => {
  it('--help lists the commands, and each command has its own --help', () => {
    const top = kinship(['--help']);
    expect(top.status).toBe(0);
    expect(top.stdout).toMatch(/serve\s+Start the web server/);
    expect(top.stdout).toMatch(/migrate\s+Apply pending database migrations/);
    for (const command of ['serve', 'migrate']) {
      const r = kinship([command, '--help']);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`Usage: kinship ${command}`);
    }
  });

  it('an unknown command exits 2 with usage', () => {
    const r = kinship(['frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
  });

  it('migrate applies the schema once, then reports it up to date', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kinship-cli-'));
    try {
      const env = { DATABASE_URL: `sqlite:${join(dir, 'k.db')}` };
      const first = kinship(['migrate'], env);
      expect(first.status).toBe(0);
      expect(first.stdout).toMatch(/sqlite database applied \S+/);
      expect(first.stdout).toContain(`schema version ${latestMigrationName()}`);
      const again = kinship(['migrate'], env);
      expect(again.stdout).toContain('already up to date');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('import prints a readable report, --json the same as JSON, and export writes the feed back out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kinship-cli-'));
    try {
      const env = { DATABASE_URL: `sqlite:${join(dir, 'k.db')}` };
      const feed = join(process.cwd(), 'test', 'fixtures', 'meeting-guide', 'edmonton.json');
      const table = kinship(
        ['import', feed, '--source', 'edmonton', '--format', 'meeting-guide', '--timezone', 'America/Edmonton'],
        env,
      );
      expect(table.status).toBe(0);
      expect(table.stdout).toMatch(/Import #1 into "edmonton" \(meeting-guide\): SUCCEEDED/);
      expect(table.stdout).toMatch(/added\s+315/);
      const json = kinship(['import', feed, '--source', 'edmonton', '--json'], env);
      expect(JSON.parse(json.stdout)).toMatchObject({ status: 'succeeded', counts: { total: 315, unchanged: 315, added: 0 } });
      const bad = kinship(['import', feed.replace('edmonton', 'invalid'), '--source', 'edmonton'], env);
      expect(bad.status).toBe(1);
      expect(bad.stdout).toContain('Nothing was changed.');
      const out = join(dir, 'out.json');
      expect(kinship(['export', '--format', 'meeting-guide', '--source', 'edmonton', '--output', out], env).status).toBe(0);
      expect(JSON.parse(readFileSync(out, 'utf8'))).toHaveLength(315);
      const csv = kinship(['export', '--format', 'csv'], env);
      expect(csv.stdout.split('\r\n')[0]).toMatch(/slug,name,fellowship/);
      const missing = kinship(['import', feed], env);
      expect(missing.status).toBe(2);
      expect(missing.stderr).toContain('--source is required');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start on bad configuration, listing every problem, exit 1', () => {
    const r = kinship(['serve'], { PORT: 'not-a-port', DATABASE_URL: 'mysql://nope', LOG_LEVEL: 'chatty' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('PORT');
    expect(r.stderr).toContain('DATABASE_URL');
    expect(r.stderr).toContain('LOG_LEVEL');
  });

  it.each(dialectCases())('serve on $name answers /readyz, and exits 0 on SIGTERM', async (kind) => {
    const dir = mkdtempSync(join(tmpdir(), 'kinship-serve-'));
    const tdb = await kind.create();
    const port = await freePort();
    // Node with tsx's loader, not the tsx command: that one relays signals to a child Node after an exchange with it,
    // which under load once let the SIGTERM end the server before its handler ran (exit 143 instead of 0).
    const child = spawn(process.execPath, ['--import', 'tsx', cliEntry, 'serve', '--port', String(port), '--host', '127.0.0.1'], {
      env: { ...process.env, DATABASE_URL: tdb.url, WEB_ROOT: dir, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const base = `http://127.0.0.1:${port}`;
      let ready: Response | undefined;
      for (let i = 0; i < 100 && !ready; i++) {
        ready = await fetch(`${base}/readyz`).catch(() => undefined);
        if (!ready) await new Promise((r) => setTimeout(r, 100));
      }
      expect(ready?.status).toBe(200);
      const meta = (await (await fetch(`${base}/api/meta`)).json()) as { schema_version: string };
      expect(meta.schema_version).toBe(latestMigrationName());
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out).toContain('shutdown complete');
      await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    } finally {
      child.kill('SIGKILL');
      await exited;
      await tdb.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(dialectCases())(
    'admin create on $name makes a site admin who can sign in, with recovery codes shown once',
    async (kind) => {
      const tdb = await kind.create();
      const spawnText = (args: string[], input: string, env: Record<string, string> = {}) =>
        spawnSync(tsx, [cliEntry, ...args], {
          encoding: 'utf8',
          input,
          env: { ...process.env, DATABASE_URL: tdb.url, KINSHIP_ADMIN_PASSWORD: '', ...env },
          timeout: 60_000,
        });
      try {
        expect(spawnText(['admin', 'create'], '').status).toBe(2);
        const weak = spawnText(['admin', 'create', '--handle', 'keeper'], 'password1234\n');
        expect(weak.status).toBe(1);
        expect(weak.stderr).toMatch(/password/i);
        expect(weak.stderr).not.toContain('password1234');

        const made = spawnText(['admin', 'create', '--handle', 'keeper'], 'lantern orchard quietly 47 rivers\n');
        expect(made.status, made.stderr).toBe(0);
        expect(made.stdout).toContain('created site admin "keeper"');
        const codes = made.stdout.split('\n').filter((l) => /^ {2}\S+$/.test(l));
        expect(codes).toHaveLength(10);
        // From the environment too; a taken handle is refused.
        const taken = spawnText(['admin', 'create', '--handle', 'KEEPER'], '', {
          KINSHIP_ADMIN_PASSWORD: 'another quiet long passphrase',
        });
        expect(taken.status).toBe(1);
        expect(taken.stderr).toContain('taken');

        const { buildTestApp } = await import('../../test/helpers/app.js');
        const app = await buildTestApp({ databaseUrl: tdb.url });
        try {
          const signIn = await app.inject({
            method: 'POST',
            url: '/api/auth/sign-in',
            payload: { handle: 'keeper', password: 'lantern orchard quietly 47 rivers' },
          });
          expect(signIn.statusCode).toBe(200);
          expect(signIn.json()).toMatchObject({
            status: 'signed_in',
            account: { handle: 'keeper', roles: [{ role: 'site_admin' }] },
          });
        } finally {
          await app.close();
        }
      } finally {
        await tdb.drop();
      }
    },
    120_000,
  );
});
