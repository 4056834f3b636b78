import ExcelJS from 'exceljs';
import { COUNTERS } from '@haochaping/domain';
import { DataSource } from 'typeorm';
import { ScoreRollup } from '../../apps/api/src/scores/entities/score-rollup.entity';
import { binary } from './http';
import { makeDepartment, unique, type TestApp } from './test-app';

export interface Counter {
  departmentId: number;
  windowId: number;
  windowCode: string;
  staffNo: string;
  serviceItemCode: string;
  /** Bearer header of a window clerk of this window. */
  clerk: string;
}

/** One service window with its department, a staff member, a service item and a clerk account. */
export async function makeCounter(t: TestApp): Promise<Counter> {
  const admin = await t.adminToken();
  const department = await makeDepartment(t, { name: '市场监督管理局' });
  const window = await t.http
    .post('/api/windows')
    .set('Authorization', admin)
    .send({ code: unique('W'), name: 'A01 企业开办窗口', departmentId: department.id })
    .expect(201);
  const staffNo = unique('S');
  await t.http
    .post('/api/staff')
    .set('Authorization', admin)
    .send({ staffNo, name: '张敏', departmentId: department.id, windowId: window.body.id })
    .expect(201);
  const serviceItemCode = unique('ITEM');
  await t.http
    .post('/api/service-items')
    .set('Authorization', admin)
    .send({
      code: serviceItemCode,
      name: '食品经营许可证核发',
      category: '行政许可',
      departmentId: department.id,
    })
    .expect(201);
  const clerk = await t.as('window', { windowId: window.body.id });
  return {
    departmentId: department.id,
    windowId: window.body.id,
    windowCode: window.body.code,
    staffNo,
    serviceItemCode,
    clerk,
  };
}

export interface Registered {
  id: number;
  transactionNo: string;
  ratingToken: string;
  ratingUrl: string;
  expiresAt: string;
}

export async function registerTransaction(
  t: TestApp,
  counter: Counter,
  overrides: Record<string, unknown> = {},
): Promise<Registered> {
  const res = await t.http
    .post('/api/transactions')
    .set('Authorization', counter.clerk)
    .send({
      transactionNo: unique('TX'),
      serviceItemCode: counter.serviceItemCode,
      windowCode: counter.windowCode,
      staffNo: counter.staffNo,
      finishedAt: new Date(t.clock.nowMs() - 60_000).toISOString(),
      ...overrides,
    })
    .expect(201);
  return res.body as Registered;
}

/** Gives the counter's service item a national item code (so its ratings go to the province). */
export async function giveNationalCode(
  t: TestApp,
  counter: Counter,
  nationalCode: string,
): Promise<{ nationalCode: string | null }> {
  const admin = await t.adminToken();
  const items = await t.http
    .get('/api/service-items?pageSize=100')
    .set('Authorization', admin)
    .expect(200);
  const item = (items.body.items as { id: number; code: string }[]).find(
    (i) => i.code === counter.serviceItemCode,
  );
  const patched = await t.http
    .patch(`/api/service-items/${item?.id}`)
    .set('Authorization', admin)
    .send({ nationalCode })
    .expect(200);
  return patched.body as { nationalCode: string | null };
}

/**
 * The score rollup rows that count something, without their ids, sorted: what a rebuild from the
 * raw rows must reproduce (rows the incremental path created but never counted into are not
 * rebuilt, so they are left out).
 */
export async function countedRollups(t: TestApp): Promise<string[]> {
  const rows = await t.app.get(DataSource).getRepository(ScoreRollup).find();
  return rows
    .filter((r) => COUNTERS.some((c) => r[c] !== 0))
    .map(({ id: _id, ...rest }) => JSON.stringify(rest))
    .sort();
}

/** The monthly report of `month` as a supervisor (`bearer`) downloads it, read back by exceljs. */
export async function monthlyWorkbook(
  t: TestApp,
  month: string,
  bearer: string,
): Promise<ExcelJS.Workbook> {
  const res = await t.http
    .get(`/api/exports/monthly?month=${month}&format=xlsx`)
    .set('Authorization', bearer)
    .buffer(true)
    .parse(binary)
    .expect(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.body as ArrayBuffer);
  return workbook;
}
