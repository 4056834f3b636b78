import type { Role } from '@haochaping/domain';
import { makeCounter, registerTransaction, type Counter } from '../support/fixtures';
import { saveFigures } from '../support/figures';
import { routeTable } from '../support/routes';
import { startTestApp, unique, type TestApp } from '../support/test-app';

/*
 * The authorization matrix: every route of the application's route table × anonymous, each staff
 * role, an integrating system's API key, a citizen and a handler of another department → the
 * answer this table expects. The table is written by hand (it is the policy); the routes come
 * from the running application, so a route added without an entry here fails the test.
 * "allowed" means the guard let the caller through: any answer but 401/403 and never a 5xx (the
 * bodies sent are empty, so many allowed calls end in 400). Objects belong to department A; a
 * handler of department B asking for one gets 404, as if it did not exist.
 */
type Who =
  | 'anonymous'
  | 'admin'
  | 'supervisor'
  | 'department'
  | 'otherDepartment'
  | 'window'
  | 'apiKey'
  | 'citizen';
const EVERYONE: Who[] = [
  'anonymous',
  'admin',
  'supervisor',
  'department',
  'otherDepartment',
  'window',
  'apiKey',
  'citizen',
];

interface Access {
  /** No credentials needed. */
  public?: true;
  /** A citizen's WeChat token only. */
  citizen?: true;
  /** Staff roles let through (every staff role when absent on a staff route). */
  roles?: Role[];
  apiKey?: true;
  /** Department A's object: a handler of department B gets 404. */
  scoped?: true;
  /** Let through by the guard, then 404 for these (outside their scope). */
  notFound?: Who[];
}

const PUBLIC: Access = { public: true };
const CITIZEN: Access = { citizen: true };
const ANY_STAFF: Access = {};
const ADMIN: Access = { roles: ['admin'] };
const staff = (...roles: Role[]): Access => ({ roles });

const MATRIX: Record<string, Access> = {
  'GET /api/health': PUBLIC,
  'POST /api/auth/login': PUBLIC,
  'POST /api/auth/wechat': PUBLIC,
  'GET /api/audit': staff('supervisor', 'admin'),
  'GET /api/calendar/years/:year': staff('admin', 'supervisor', 'department'),
  'PUT /api/calendar/years/:year': ADMIN,
  'GET /api/calendar/:date': staff('admin', 'supervisor', 'department'),
  'PUT /api/calendar/:date': ADMIN,
  'GET /api/scores': staff('supervisor', 'department', 'admin'),
  'GET /api/scores/trend': staff('supervisor', 'department', 'admin'),
  'GET /api/scores/tags': staff('supervisor', 'department', 'admin'),
  'POST /api/scores/:month/freeze': staff('supervisor'),
  'POST /api/scores/rebuild': ADMIN,
  'POST /api/api-keys': ADMIN,
  'GET /api/api-keys': ADMIN,
  'POST /api/api-keys/:id/revoke': ADMIN,
  'POST /api/departments': ADMIN,
  'GET /api/departments': ANY_STAFF,
  'GET /api/departments/:id': ANY_STAFF,
  'PATCH /api/departments/:id': ADMIN,
  'POST /api/windows': ADMIN,
  'GET /api/windows': ANY_STAFF,
  'GET /api/windows/:id': ANY_STAFF,
  'PATCH /api/windows/:id': ADMIN,
  'GET /api/windows/:id/kiosk': staff('window', 'supervisor', 'admin'),
  'POST /api/staff': ADMIN,
  'GET /api/staff': ANY_STAFF,
  'GET /api/staff/:id': ANY_STAFF,
  'PATCH /api/staff/:id': ADMIN,
  'POST /api/service-items': ADMIN,
  'GET /api/service-items': ANY_STAFF,
  'GET /api/service-items/:id': ANY_STAFF,
  'PATCH /api/service-items/:id': ADMIN,
  'POST /api/users': ADMIN,
  'GET /api/users': ADMIN,
  'GET /api/users/:id': ADMIN,
  'PATCH /api/users/:id': ADMIN,
  'GET /api/settings': ADMIN,
  'PUT /api/settings': ADMIN,
  'POST /api/transactions': { roles: ['window'], apiKey: true },
  'GET /api/transactions': staff('window', 'supervisor', 'admin'),
  'GET /api/transactions/:id/qrcode': { roles: ['window'], apiKey: true },
  'POST /api/attachments': PUBLIC,
  'GET /api/attachments/:id': { scoped: true, notFound: ['window'] },
  'GET /api/rating-forms/:token': PUBLIC,
  'GET /api/rating-forms/:token/progress': PUBLIC,
  'POST /api/rating-forms/:token/acceptance': PUBLIC,
  'POST /api/ratings': PUBLIC,
  'GET /api/ratings': staff('supervisor', 'department', 'admin'),
  'POST /api/ratings/:id/follow-up': PUBLIC,
  'POST /api/complaints': PUBLIC,
  'GET /api/me/ratings': CITIZEN,
  'POST /api/me/subscriptions': CITIZEN,
  'POST /api/me/tickets/:ticketNo/acceptance': CITIZEN,
  'GET /api/me/notifications': staff('admin', 'supervisor', 'department', 'window'),
  'POST /api/me/notifications/read': staff('admin', 'supervisor', 'department', 'window'),
  'GET /api/tickets': staff('department', 'supervisor'),
  'GET /api/tickets/:id': { roles: ['department', 'supervisor'], scoped: true },
  'POST /api/tickets/:id/accept': { roles: ['department'], scoped: true },
  'POST /api/tickets/:id/visits': { roles: ['department'], scoped: true },
  'POST /api/tickets/:id/contact': { roles: ['department'], scoped: true },
  'POST /api/tickets/:id/submit': { roles: ['department'], scoped: true },
  'POST /api/tickets/:id/appeal': { roles: ['department'], scoped: true },
  'POST /api/tickets/:id/review': staff('supervisor'),
  'POST /api/tickets/:id/urge': staff('supervisor'),
  'POST /api/tickets/:id/appeal-review': staff('supervisor'),
  // Supervisors: the provincial pushes only (their list is channel=province).
  'GET /api/outbox': staff('admin', 'supervisor'),
  'POST /api/outbox/:id/retry': staff('admin', 'supervisor'),
  'GET /api/exports/monthly': staff('supervisor'),
};

/**
 * Valid bodies where the scope check comes after validation: an empty body would be refused with
 * 400 before the question "is this ticket yours" is asked.
 */
const BODIES: Record<string, object> = {
  'POST /api/tickets/:id/visits': {
    method: 'phone',
    visitedAt: '2026-11-18T01:00:00.000Z',
    result: '已电话回访，群众表示理解',
  },
  'POST /api/tickets/:id/submit': { outcome: 'explained', reply: '已向群众说明情况并致歉' },
  'POST /api/tickets/:id/appeal': { reason: '该评价针对的是其他部门的事项，申请核实' },
};

type Expected = 'allowed' | 401 | 403 | 404;

/** What the table says `who` gets on a route with this access. */
function expected(access: Access, who: Who): Expected {
  if (access.public) return 'allowed';
  if (access.citizen) return who === 'citizen' ? 'allowed' : 401;
  if (who === 'anonymous' || who === 'citizen') return 401;
  if (who === 'apiKey') return access.apiKey ? 'allowed' : 403;
  const role: Role = who === 'otherDepartment' ? 'department' : who;
  if (access.roles && !access.roles.includes(role)) return 403;
  if (who === 'otherDepartment' && access.scoped) return 404;
  if (access.notFound?.includes(who)) return 404;
  return 'allowed';
}

describe('security: authorization matrix from the route table', () => {
  let t: TestApp;
  let a: Counter;
  const bearer: Partial<Record<Who, Record<string, string>>> = {};
  const params: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
    const admin = await t.adminToken();
    a = await makeCounter(t);
    const b = await makeCounter(t);
    const header = (value: string) => ({ Authorization: value });
    bearer.anonymous = {};
    bearer.admin = header(admin);
    bearer.supervisor = header(await t.as('supervisor'));
    bearer.department = header(await t.as('department', { departmentId: a.departmentId }));
    bearer.otherDepartment = header(await t.as('department', { departmentId: b.departmentId }));
    bearer.window = header(a.clerk);
    bearer.citizen = header(await t.citizen(1));
    const key = await t.http
      .post('/api/api-keys')
      .set('Authorization', admin)
      .send({ name: '对接系统' });
    bearer.apiKey = { 'X-Api-Key': key.body.key as string };

    // Department A's objects: a bad rating with a photo, its ticket, the transaction.
    const tx = await registerTransaction(t, a);
    const photo = await t.http
      .post('/api/attachments')
      .attach(
        'file',
        Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 7)]),
        'a.jpg',
      )
      .expect(201);
    const rated = await t.http
      .post('/api/ratings')
      .send({
        token: tx.ratingToken,
        level: 1,
        anonymous: true,
        attachmentIds: [photo.body.id],
        attachmentKeys: [photo.body.key],
      })
      .expect(201);
    const ticket = await t.ticket(rated.body.ticketNo as string);
    const otherKey = await t.http
      .post('/api/api-keys')
      .set('Authorization', admin)
      .send({ name: '旧系统' });
    const target = await t.http
      .post('/api/users')
      .set('Authorization', admin)
      .send({ username: unique('target-'), password: 'correct-horse-battery', role: 'supervisor' })
      .expect(201);
    const list = async (path: string) =>
      (await t.http.get(`${path}?pageSize=100`).set('Authorization', admin).expect(200)).body
        .items as { id: number; staffNo?: string; code?: string }[];
    Object.assign(params, {
      'departments:id': String(a.departmentId),
      'windows:id': String(a.windowId),
      'staff:id': String((await list('/api/staff')).find((s) => s.staffNo === a.staffNo)?.id),
      'service-items:id': String(
        (await list('/api/service-items')).find((s) => s.code === a.serviceItemCode)?.id,
      ),
      'users:id': String(target.body.id),
      'api-keys:id': String(otherKey.body.id),
      'transactions:id': String(tx.id),
      'attachments:id': String(photo.body.id),
      'ratings:id': String(rated.body.id),
      'tickets:id': String(ticket.id),
      'outbox:id': '999999',
      ':month': '2026-10',
      ':date': '2026-11-18',
      ':year': '2026',
      ':token': tx.ratingToken,
      ':ticketNo': ticket.ticketNo,
    });
  }, 60_000);
  afterAll(() => t.close());

  /** The route with its parameters filled by department A's objects. */
  function concrete(route: string): string {
    const path = route.split(' ')[1];
    const segments = path.split('/');
    return segments
      .map((segment, i) => {
        if (!segment.startsWith(':')) return segment;
        const value = params[`${segments[i - 1]}${segment}`] ?? params[segment];
        if (value === undefined) throw new Error(`no value for ${segment} in ${route}`);
        return encodeURIComponent(value);
      })
      .join('/');
  }

  it('has an entry for every route of the application, and no entry for a route that is gone', () => {
    const routes = routeTable(t.app).filter((r) => !r.includes('/api/docs'));
    expect(routes.filter((r) => !(r in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('answers every route × caller as the table says', async () => {
    const wrong: string[] = [];
    let requests = 0;
    for (const route of Object.keys(MATRIX).sort()) {
      const method = route.split(' ')[0].toLowerCase() as 'get' | 'post' | 'put' | 'patch';
      const path = concrete(route);
      for (const who of EVERYONE) {
        let req = t.http[method](path).set(bearer[who] ?? {});
        if (method !== 'get') req = req.send(BODIES[route] ?? {});
        const res = await req;
        requests++;
        const want = expected(MATRIX[route], who);
        const ok =
          res.status < 500 &&
          (want === 'allowed'
            ? ![401, 403].includes(res.status) && !(MATRIX[route].scoped && res.status === 404)
            : res.status === want);
        // Every refusal is in the error contract.
        const contract =
          res.status < 400 ||
          (typeof res.body?.error === 'string' && res.body.statusCode === res.status);
        if (!ok || !contract) {
          wrong.push(
            `${route} as ${who}: ${res.status} ${res.body?.error ?? ''}, expected ${want}`,
          );
        }
      }
    }
    expect(wrong).toEqual([]);
    saveFigures('authorization-matrix', {
      routes: Object.keys(MATRIX).length,
      callers: EVERYONE.length,
      requests,
    });
  }, 120_000);
});
