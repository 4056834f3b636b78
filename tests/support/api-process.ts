import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { SystemClock } from '../../apps/api/src/common/clock';
import { createTestDatabase, type TestDatabase } from './database';
import { sparePort } from './mariadb-server';
import { ADMIN, staffLogins, type TestApp } from './test-app';

const ROOT = join(__dirname, '../..');

/** The real main.ts in a process of its own (SIGTERM goes to it, not to jest). */
export interface ApiProcess {
  baseUrl: string;
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Kills it if still running and removes its data folder. */
  destroy(): Promise<void>;
}

/**
 * Starts `node apps/api/src/main.ts` on a spare port, on a fresh database of the tier's family
 * (E2E_DATABASE_URL's server, else SQLite in a temp folder) unless env names one.
 */
export async function startApiProcess(env: Record<string, string> = {}): Promise<ApiProcess> {
  const port = await sparePort();
  const dir = mkdtempSync(join(tmpdir(), 'hcp-proc-'));
  let db: TestDatabase | undefined;
  if (!env.DATABASE_URL && process.env.E2E_DATABASE_URL) db = await createTestDatabase();
  let text = '';
  const child = spawn(
    process.execPath,
    ['-r', join(ROOT, 'tests/support/swc-register.js'), join(ROOT, 'apps/api/src/main.ts')],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        // The API shares the test's clock: under `faketime` (LD_PRELOAD + FAKETIME*) the child
        // must see the same instant, or the transactions the test registers look stale to it.
        ...sameClock(),
        NODE_ENV: 'test',
        PORT: String(port),
        DATABASE_URL: db?.url ?? `sqlite:${join(dir, 'api.sqlite')}`,
        DATA_DIR: dir,
        DEMO_DATA: 'false',
        JWT_SECRET: 'test-jwt-secret-0123456789abcdefghijklmnop',
        RATING_TOKEN_SECRET: 'test-rating-secret-0123456789abcdefghijkl',
        ADMIN_USERNAME: ADMIN.username,
        ADMIN_PASSWORD: ADMIN.password,
        H5_DIR: '/nonexistent-h5',
        LOG_LEVEL: 'info',
        JOBS_ENABLED: 'false',
        RATE_LIMIT_PER_MINUTE: '1000000',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const l of listeners) l();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const waitFor = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pattern.test(text)) {
          listeners.delete(check);
          clearTimeout(timer);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`no ${pattern} in the API's output:\n${text.slice(-2000)}`));
      }, timeoutMs);
      listeners.add(check);
      void exited.then(() => check());
      check();
    });
  const proc: ApiProcess = {
    baseUrl: `http://127.0.0.1:${port}`,
    child,
    output: () => text,
    exited,
    waitFor,
    async destroy() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
      await db?.drop();
    },
  };
  await waitFor(/好差评 API on http/);
  return proc;
}

/**
 * The factories of test-app.ts (makeCounter, registerTransaction …) against a running process:
 * its own clock is the system's, so `clock` here is too.
 */
export function remoteTestApp(baseUrl: string): TestApp {
  const http = request(baseUrl);
  return { http, clock: new SystemClock(), ...staffLogins(http) } as unknown as TestApp;
}

/** The variables that make a child process run on the same (possibly faked) clock. */
function sameClock(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] =>
        e[1] !== undefined && (e[0] === 'LD_PRELOAD' || e[0].startsWith('FAKETIME')),
    ),
  );
}
