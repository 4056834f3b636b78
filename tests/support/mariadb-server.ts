import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

/**
 * A MariaDB server of the test's own — its own data folder, a spare loopback port — so a fault
 * test can stop, kill and restart it without touching the shared server. Root over TCP without
 * a password: it listens on 127.0.0.1 only and lives as long as the test.
 */
export interface OwnMariaDb {
  /** mariadb://root@127.0.0.1:<port>/ (no database): what E2E_DATABASE_URL takes. */
  serverUrl: string;
  port: number;
  pid(): number;
  /** SIGSTOP: the process is frozen, its sockets still accept TCP. */
  freeze(): void;
  /** SIGCONT. */
  thaw(): void;
  /** SIGKILL, waiting for the process to be gone. */
  kill(): Promise<void>;
  /** Starts the server again on the same folder and port (crash recovery), waits until it answers. */
  start(): Promise<void>;
  /** Stops it and removes the data folder. */
  destroy(): Promise<void>;
}

/**
 * Bytes the server has received on its established connections but not read yet (the kernel's
 * receive queues, from /proc/net/tcp{,6}). While the server is frozen, a value above zero means a
 * client's statement is waiting on it: the deterministic way to know a request reached the database.
 */
export function unreadBytes(port: number): number {
  let total = 0;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      // sl local_address rem_address st tx_queue:rx_queue ...
      const [, local, , state, queues] = line.trim().split(/\s+/);
      if (!local || state !== '01') continue;
      if (parseInt(local.split(':')[1], 16) !== port) continue;
      total += parseInt(queues.split(':')[1], 16);
    }
  }
  return total;
}

export const MARIADBD = ['/usr/sbin/mariadbd', '/usr/bin/mariadbd'].find((p) => existsSync(p));
const INSTALL_DB = ['/usr/bin/mariadb-install-db', '/usr/bin/mysql_install_db'].find((p) =>
  existsSync(p),
);

export async function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startOwnMariaDb(): Promise<OwnMariaDb> {
  if (!MARIADBD || !INSTALL_DB)
    throw new Error('mariadbd is not installed (apt-get install mariadb-server)');
  const dir = mkdtempSync(join(tmpdir(), 'hcp-mariadb-'));
  const datadir = join(dir, 'data');
  const user = process.getuid?.() === 0 ? ['--user=root'] : [];
  const install = spawnSync(
    INSTALL_DB,
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      ...user,
    ],
    { encoding: 'utf8' },
  );
  if (install.status !== 0) throw new Error(`mariadb-install-db failed: ${install.stderr}`);
  const port = await sparePort();
  let child: ChildProcess | undefined;

  const answers = async (): Promise<boolean> => {
    try {
      const conn = await createConnection({
        host: '127.0.0.1',
        port,
        user: 'root',
        connectTimeout: 500,
      });
      await conn.end();
      return true;
    } catch {
      return false;
    }
  };

  const server: OwnMariaDb = {
    serverUrl: `mariadb://root@127.0.0.1:${port}/`,
    port,
    pid: () => child?.pid ?? -1,
    freeze: () => void child?.kill('SIGSTOP'),
    thaw: () => void child?.kill('SIGCONT'),
    async kill() {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const gone = new Promise((resolve) => c.once('exit', resolve));
      c.kill('SIGKILL');
      await gone;
    },
    async start() {
      child = spawn(
        MARIADBD,
        [
          '--no-defaults',
          `--datadir=${datadir}`,
          `--port=${port}`,
          '--bind-address=127.0.0.1',
          `--socket=${join(dir, 'mysqld.sock')}`,
          `--pid-file=${join(dir, 'mysqld.pid')}`,
          '--skip-log-bin',
          '--skip-name-resolve',
          '--innodb-buffer-pool-size=32M',
          '--max-connections=200',
          ...user,
        ],
        { stdio: 'ignore' },
      );
      const started = Date.now();
      while (!(await answers())) {
        if (child.exitCode !== null) throw new Error(`mariadbd exited with ${child.exitCode}`);
        if (Date.now() - started > 30_000) throw new Error('mariadbd did not answer in 30 s');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async destroy() {
      child?.kill('SIGCONT');
      await server.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}
