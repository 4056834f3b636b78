import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const tempDir = () => mkdtempSync(join(tmpdir(), 'hcp-config-'));

describe('loadConfig', () => {
  it('defaults to the embedded SQLite file, port 3000 and demo data outside production', () => {
    const dir = tempDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config.database).toEqual({
      kind: 'sqlite',
      path: expect.stringMatching(/data\/haochaping\.sqlite$/),
    });
    expect(config.port).toBe(3000);
    expect(config.demoData).toBe(true);
    expect(config.publicBaseUrl).toBe('http://localhost:3000');
    expect(config.wechat.apiBase).toBe('https://api.weixin.qq.com');
  });

  it('generates secrets once outside production and keeps them in the data folder', () => {
    const dir = tempDir();
    const first = loadConfig({ DATA_DIR: dir });
    const second = loadConfig({ DATA_DIR: dir });
    expect(first.jwtSecret).toHaveLength(64);
    expect(second.jwtSecret).toBe(first.jwtSecret);
    expect(second.ratingTokenSecret).toBe(first.ratingTokenSecret);
    expect(first.ratingTokenSecret).not.toBe(first.jwtSecret);
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).toContain(first.jwtSecret);
  });

  it('parses mysql:// and mariadb:// URLs for the right TypeORM type', () => {
    const dir = tempDir();
    expect(loadConfig({ DATA_DIR: dir, DATABASE_URL: 'mysql://u:p@db:3306/hcp' }).database).toEqual(
      {
        kind: 'mysql',
        url: 'mysql://u:p@db:3306/hcp',
      },
    );
    expect(
      loadConfig({ DATA_DIR: dir, DATABASE_URL: 'mariadb://u:p@db:3306/hcp' }).database,
    ).toEqual({
      kind: 'mariadb',
      url: 'mysql://u:p@db:3306/hcp',
    });
  });

  it('stops production start-up with one line naming a missing secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: tempDir() })).toThrow(
      new ConfigError('JWT_SECRET is required when NODE_ENV=production'),
    );
    expect(() =>
      loadConfig({ NODE_ENV: 'production', DATA_DIR: tempDir(), JWT_SECRET: 'x'.repeat(40) }),
    ).toThrow(/^RATING_TOKEN_SECRET is required/);
  });

  it('never seeds demo data in production', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      DEMO_DATA: 'true',
      JWT_SECRET: 'j'.repeat(40),
      RATING_TOKEN_SECRET: 'r'.repeat(40),
      DATA_DIR: tempDir(),
    });
    expect(config.demoData).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ DATABASE_URL: 'postgres://x' }, /DATABASE_URL/],
    [{ DEMO_DATA: 'maybe' }, /DEMO_DATA/],
    [{ PUBLIC_BASE_URL: 'not a url' }, /PUBLIC_BASE_URL/],
    [{ ADMIN_USERNAME: 'root', ADMIN_PASSWORD: 'short' }, /ADMIN_PASSWORD/],
    [{ ADMIN_USERNAME: 'root' }, /ADMIN_USERNAME and ADMIN_PASSWORD/],
  ])('refuses a bad value %j with a message naming the variable', (env, pattern) => {
    expect(() => loadConfig({ DATA_DIR: tempDir(), ...env })).toThrow(pattern);
  });
});
