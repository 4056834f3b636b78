import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Role } from '@haochaping/domain';
import { JwtService } from '@nestjs/jwt';
import request, { type Test } from 'supertest';
import { DataSource } from 'typeorm';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../apps/api/src/app.factory';
import { OffsetClock } from '../../apps/api/src/common/clock';
import { loadConfig, type AppConfig } from '../../apps/api/src/config/app-config';
import { Ticket } from '../../apps/api/src/tickets/entities/ticket.entity';
import { createTestDatabase, type TestDatabase } from './database';

export const ADMIN = { username: 'admin', password: 'admin-password-1' };

/**
 * The instant every e2e test starts at unless it asks for another: Wednesday 2026-11-18, 10:00 in
 * China, mid-month and inside the published calendar. Tests never depend on the day they run.
 */
export const TEST_NOW = '2026-11-18T02:00:00.000Z';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  db: TestDatabase;
  /** The application's clock: starts at `now` (default TEST_NOW) and runs at real speed. */
  clock: OffsetClock;
  http: TestAgent;
  /** Bearer header of a fresh user of that role (created through the API by the admin). */
  as(role: Role, scope?: { departmentId?: number; windowId?: number }): Promise<string>;
  adminToken(): Promise<string>;
  /** Bearer header of a citizen as the WeChat login would issue it. */
  citizen(citizenId: number): Promise<string>;
  /** The ticket row behind a ticket number from a rating or complaint answer. */
  ticket(ticketNo: string): Promise<Ticket>;
  /** POST /api/tickets/<path> (accept, visits, submit, review, appeal, …) as that bearer. */
  act(path: string, bearer: string, body?: object): Test;
  close(): Promise<void>;
}

let counter = 0;
export const unique = (prefix: string): string =>
  `${prefix}${process.pid % 1000}${(counter++).toString(36)}${Date.now().toString(36).slice(-4)}`;

/** Boots the real application (same factory as main.ts) on a fresh database. */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { now?: string | Date } = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    DATA_DIR: db.kind === 'sqlite' ? db.url.slice('sqlite:'.length, -'test.sqlite'.length) : '/tmp',
    DEMO_DATA: 'false',
    JWT_SECRET: 'test-jwt-secret-0123456789abcdefghijklmnop',
    RATING_TOKEN_SECRET: 'test-rating-secret-0123456789abcdefghijkl',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    H5_DIR: '/nonexistent-h5',
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
    ...env,
  });
  const clock = new OffsetClock(options.now ?? TEST_NOW);
  const app = await createApp(config, { clock });
  const http = request(app.getHttpServer());
  const logins = staffLogins(http);

  const t: TestApp = {
    app,
    config,
    db,
    clock,
    http,
    ...logins,
    async citizen(citizenId) {
      return `Bearer ${await app.get(JwtService).signAsync({ sub: citizenId, typ: 'citizen' })}`;
    },
    ticket(ticketNo) {
      return app.get(DataSource).getRepository(Ticket).findOneByOrFail({ ticketNo });
    },
    act(path, bearer, body = {}) {
      return http.post(`/api/tickets/${path}`).set('Authorization', bearer).send(body);
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
  return t;
}

/**
 * The admin's bearer (signed in once) and `as()`: a fresh user of a role, created by the admin
 * (with a department or window of its own where the role needs one and none is given), signed in.
 * Everything through the API at `http`.
 */
export function staffLogins(http: TestAgent): Pick<TestApp, 'adminToken' | 'as'> {
  let adminBearer: string | undefined;
  const login = async (username: string, password: string): Promise<string> => {
    const res = await http.post('/api/auth/login').send({ username, password }).expect(200);
    return `Bearer ${(res.body as { accessToken: string }).accessToken}`;
  };
  const adminToken = async () => (adminBearer ??= await login(ADMIN.username, ADMIN.password));
  const api = { http, adminToken };
  return {
    adminToken,
    async as(role, scope = {}) {
      const username = unique(`u-${role}-`);
      const password = 'correct-horse-battery';
      let { departmentId, windowId } = scope;
      if (role === 'department' && !departmentId) departmentId = (await makeDepartment(api)).id;
      if (role === 'window' && !windowId) windowId = (await makeWindow(api)).id;
      await http
        .post('/api/users')
        .set('Authorization', await adminToken())
        .send({ username, password, role, departmentId, windowId })
        .expect(201);
      return login(username, password);
    },
  };
}

/** What the factories need: the API and the admin's bearer. */
type AdminApi = Pick<TestApp, 'http' | 'adminToken'>;

// Factories: each test creates what it needs, with overrides.

export async function makeDepartment(t: AdminApi, overrides: Record<string, unknown> = {}) {
  const res = await t.http
    .post('/api/departments')
    .set('Authorization', await t.adminToken())
    .send({ code: unique('D'), name: '测试部门', ...overrides })
    .expect(201);
  return res.body as { id: number; code: string; name: string };
}

export async function makeWindow(t: AdminApi, overrides: Record<string, unknown> = {}) {
  const departmentId = overrides.departmentId ?? (await makeDepartment(t)).id;
  const res = await t.http
    .post('/api/windows')
    .set('Authorization', await t.adminToken())
    .send({ code: unique('W'), name: '综合窗口', departmentId, ...overrides })
    .expect(201);
  return res.body as { id: number; code: string; name: string; departmentId: number };
}
