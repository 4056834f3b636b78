import {
  addCalendarDays as addDays,
  addWorkingDays,
  chinaDate,
  isWeekend,
  type WorkingDayCalendar,
} from '@haochaping/domain';
import { officialCalendar } from '../../apps/api/src/calendar/official-calendar';
import { makeCounter, registerTransaction, type Counter } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * The working-day calendar past the published years. Which year that is comes from the installed
 * calendar data, never from today's date, so these tests hold the day a newer package ships it.
 */
const official = officialCalendar();
const Y = Math.max(...official.years) + 1;
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

interface TicketBody {
  id: number;
  dueAt: string;
  dueProvisional: boolean;
  firstContactDueAt: string;
  events: { type: string; note: string | null; actorType: string }[];
}

describe('working-day calendar past the published years', () => {
  let t: TestApp;
  let counter: Counter;
  let supervisor: string;
  let admin: string;

  beforeAll(async () => {
    // 10:00 in China on the last day of the last published year.
    t = await startTestApp(
      { RATE_LIMIT_PER_MINUTE: '100000' },
      { now: `${Y - 1}-12-31T02:00:00.000Z` },
    );
    counter = await makeCounter(t);
    supervisor = await t.as('supervisor');
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  async function openTicket(): Promise<number> {
    const tx = await registerTransaction(t, counter);
    const rating = await t.http
      .post('/api/ratings')
      .send({ token: tx.ratingToken, level: 1, anonymous: true })
      .expect(201);
    return (await t.ticket(rating.body.ticketNo)).id;
  }
  const ticket = async (id: number): Promise<TicketBody> =>
    (await t.http.get(`/api/tickets/${id}`).set('Authorization', supervisor).expect(200))
      .body as TicketBody;

  it(`keeps 元旦 and the statutory holidays of ${Y} off, flagged provisional`, async () => {
    const newYear = await t.http
      .get(`/api/calendar/${Y}-01-01`)
      .set('Authorization', admin)
      .expect(200);
    expect(newYear.body).toMatchObject({
      working: false,
      type: 'holiday',
      name: '元旦',
      source: 'statutory',
      covered: false,
    });
    const year = await t.http.get(`/api/calendar/years/${Y}`).set('Authorization', admin);
    expect(year.status).toBe(200);
    expect(year.body).toMatchObject({ year: Y, covered: false, source: 'statutory', title: null });
    const names = new Set((year.body.holidays as { name: string }[]).map((h) => h.name));
    for (const n of ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'])
      expect(names).toContain(n);
    expect(year.body.workdays).toEqual([]);

    const id = await openTicket();
    const body = await ticket(id);
    expect(body.dueProvisional).toBe(true);
    // First contact within 1 working day of the 31st: never on 元旦, never on a weekend.
    const contact = chinaDate(new Date(body.firstContactDueAt));
    expect(contact > `${Y}-01-01`).toBe(true);
    expect(isWeekend(contact)).toBe(false);
  });

  it('recomputes provisional due dates of running tickets when a day or the year notice changes', async () => {
    const id = await openTicket();
    // A ticket opened mid-November of a published year: its due date is final and stays.
    t.clock.set(`${Y - 1}-11-18T02:00:00.000Z`);
    const settledId = await openTicket();
    t.clock.set(`${Y - 1}-12-31T02:00:00.000Z`);
    const settled = await ticket(settledId);
    expect(settled.dueProvisional).toBe(false);

    const first = await ticket(id);
    // One ordinary weekday inside the counted days becomes a day off.
    let extra = `${Y}-01-12`;
    while (isWeekend(extra) || weekday(extra) === 1) extra = addDays(extra, 1);
    await t.http
      .put(`/api/calendar/${extra}`)
      .set('Authorization', admin)
      .send({ type: 'holiday', name: '临时停止办公' })
      .expect(200);
    const second = await ticket(id);
    const firstDue = chinaDate(new Date(first.dueAt));
    const secondDue = chinaDate(new Date(second.dueAt));
    expect(secondDue > firstDue).toBe(true);
    expect(second.dueProvisional).toBe(true);
    const changed = second.events.filter((e) => e.type === 'due_changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ actorType: 'user' });
    expect(changed[0].note).toContain(`由 ${firstDue} 调整为 ${secondDue}（暂定`);

    // The year's notice: a whole week off after 元旦 and the Saturday after it worked (调休).
    const week = Array.from({ length: 7 }, (_, i) => `${Y}-01-0${i + 1}`);
    const saturday = (() => {
      let d = `${Y}-01-08`;
      while (weekday(d) !== 6) d = addDays(d, 1);
      return d;
    })();
    const notice = {
      title: `国务院办公厅关于${Y}年部分节假日安排的通知`,
      holidays: week.map((date) => ({ date, name: '元旦' })),
      workdays: [{ date: saturday, name: '元旦调休' }],
    };
    const set = await t.http
      .put(`/api/calendar/years/${Y}`)
      .set('Authorization', admin)
      .send(notice)
      .expect(200);
    expect(set.body).toMatchObject({
      year: Y,
      covered: true,
      source: 'notice',
      title: notice.title,
    });
    expect(set.body.holidays).toHaveLength(7 + 1); // the override of one date stays on top
    expect(set.body.workdays).toEqual([{ date: saturday, name: '元旦调休' }]);

    const third = await ticket(id);
    expect(third.dueProvisional).toBe(false);
    // Expected: 15 working days on the published data + the notice + the override.
    const calendar: WorkingDayCalendar = {
      holidays: new Set([...official.holidays.keys(), ...week, extra]),
      workdays: new Set([...official.workdays.keys(), saturday]),
      coveredYears: new Set([...official.years, Y]),
    };
    const expected = addWorkingDays(new Date(`${Y - 1}-12-31T02:00:00.000Z`), 15, calendar);
    expect(third.dueAt).toBe(expected.dueAt.toISOString());
    expect(third.events.filter((e) => e.type === 'due_changed')).toHaveLength(2);

    const untouched = await ticket(settledId);
    expect(untouched.dueAt).toBe(settled.dueAt);
    expect(untouched.events.filter((e) => e.type === 'due_changed')).toHaveLength(0);

    const day = await t.http.get(`/api/calendar/${Y}-01-04`).set('Authorization', admin);
    expect(day.body).toMatchObject({ working: false, source: 'notice', covered: true });
    const audit = await t.http
      .get(`/api/audit?entity=calendar&entityId=${Y}`)
      .set('Authorization', admin)
      .expect(200);
    expect(audit.body.items[0]).toMatchObject({ action: 'calendar.notice' });
  });

  it('refuses a notice with days of another year, a weekday as 调休, or missing lists', async () => {
    const put = (body: object, bearer = admin, year: string | number = Y + 1) =>
      t.http.put(`/api/calendar/years/${year}`).set('Authorization', bearer).send(body);
    const base = { title: '通知', holidays: [], workdays: [] };
    const wrongYear = await put({ ...base, holidays: [{ date: `${Y}-10-01`, name: '国庆节' }] });
    expect(wrongYear.status).toBe(400);
    expect(wrongYear.body).toMatchObject({ error: 'VALIDATION_FAILED' });
    expect(wrongYear.body.details).toHaveProperty(['holidays.0.date']);

    let monday = `${Y + 1}-03-01`;
    while (weekday(monday) !== 1) monday = addDays(monday, 1);
    const weekdayWork = await put({ ...base, workdays: [{ date: monday, name: '调休' }] });
    expect(weekdayWork.status).toBe(400);
    expect(weekdayWork.body.details).toHaveProperty(['workdays.0.date']);

    const twice = await put({
      ...base,
      holidays: [
        { date: `${Y + 1}-10-01`, name: '国庆节' },
        { date: `${Y + 1}-10-01`, name: '国庆节' },
      ],
    });
    expect(twice.status).toBe(400);
    expect((await put({ ...base, holidays: null })).status).toBe(400);
    expect((await put({ ...base, holidays: [{ date: `${Y + 1}-02-30`, name: 'x' }] })).status).toBe(
      400,
    );
    expect((await put(base, admin, 'abc')).status).toBe(400);
    expect((await put(base, supervisor)).status).toBe(403);
    // Nothing of the refused notices was kept.
    const year = await t.http.get(`/api/calendar/years/${Y + 1}`).set('Authorization', admin);
    expect(year.body).toMatchObject({ covered: false, source: 'statutory' });
  });
});
