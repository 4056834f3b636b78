import type { components } from './api-types.generated';
import { downloadFile, request, requestImage } from './request';
import type { Sort } from '@haochaping/domain';
import { pageUrl } from '../utils/nav';
import './staff-session';

/** The staff workspace's calls: always with the staff token, never the citizen's. */

type Schemas = components['schemas'];
export type LoginAnswer = Schemas['LoginResponse'];

/** POST /api/auth/login — 401 INVALID_CREDENTIALS, 429 LOGIN_LOCKED, 403 ACCOUNT_DISABLED. */
export function staffLogin(username: string, password: string): Promise<LoginAnswer> {
  return request<LoginAnswer>('/api/auth/login', {
    method: 'POST',
    data: { username, password },
    auth: 'none',
  });
}

interface Counted {
  total: number;
}

/** How many rows a list endpoint holds for a filter, read from one one-row page. */
export async function countOf(path: string, query: Record<string, string> = {}): Promise<number> {
  const url = pageUrl(path, { ...query, page: 1, pageSize: 1 });
  return (await request<Counted>(url, { auth: 'staff' })).total;
}

export type WindowInfo = Schemas['WindowResponse'];

/** GET /api/windows/:id */
export function windowInfo(id: number): Promise<WindowInfo> {
  return request<WindowInfo>(`/api/windows/${id}`, { auth: 'staff' });
}

export type TicketRow = Schemas['TicketResponse'];
export type TicketDetail = Schemas['TicketDetailResponse'];
export type TicketAction = TicketDetail['availableActions'][number];

export interface TicketQuery {
  status?: string;
  ticketNo?: string;
  departmentId?: string;
  windowId?: string;
  staffId?: string;
  month?: string;
  source?: string;
  overdue?: string;
  nearDue?: string;
  order?: 'newest' | 'oldest';
  page: number;
  pageSize: number;
}

/** GET /api/tickets — a department handler gets its own department's only. */
export function listTickets(q: TicketQuery): Promise<Schemas['PageMeta'] & { items: TicketRow[] }> {
  return request(pageUrl('/api/tickets', { ...q }), { auth: 'staff' });
}

/** GET /api/tickets/:id */
export function ticketDetail(id: number): Promise<TicketDetail> {
  return request<TicketDetail>(`/api/tickets/${id}`, { auth: 'staff' });
}

const ACTION_PATH: Record<Exclude<TicketAction, 'citizen_accept' | 'citizen_refuse'>, string> = {
  accept: 'accept',
  submit: 'submit',
  approve: 'review',
  reject: 'review',
  appeal: 'appeal',
  uphold_appeal: 'appeal-review',
  dismiss_appeal: 'appeal-review',
};

/** The body each staff action sends, by its form's fields. */
export type ActionBody =
  | Record<string, never>
  | Schemas['SubmitResultDto']
  | Schemas['ReviewDto']
  | Schemas['AppealDto']
  | Schemas['AppealReviewDto'];

/** POST /api/tickets/:id/<action> — 409 INVALID_TRANSITION when someone else moved it first. */
export function ticketAction(
  id: number,
  action: Exclude<TicketAction, 'citizen_accept' | 'citizen_refuse'>,
  body: ActionBody,
): Promise<TicketRow> {
  return request<TicketRow>(`/api/tickets/${id}/${ACTION_PATH[action]}`, {
    method: 'POST',
    data: body,
    auth: 'staff',
  });
}

/** POST /api/tickets/:id/visits */
export function recordVisit(id: number, body: Schemas['RecordVisitDto']): Promise<unknown> {
  return request(`/api/tickets/${id}/visits`, { method: 'POST', data: body, auth: 'staff' });
}

/** POST /api/tickets/:id/contact — the full phone for a call-back; the server logs who asked. */
export function revealContact(id: number): Promise<Schemas['ContactResponse']> {
  return request(`/api/tickets/${id}/contact`, { method: 'POST', data: {}, auth: 'staff' });
}

export type ServiceItem = Schemas['ServiceItemResponse'];
export type StaffMember = Schemas['StaffResponse'];
export type Registered = Schemas['RegisteredTransactionResponse'];

/** GET /api/service-items?departmentId= (first 100: a department's items fit). */
export function serviceItemsOf(departmentId: number): Promise<{ items: ServiceItem[] }> {
  return request(pageUrl('/api/service-items', { departmentId, pageSize: 100 }), { auth: 'staff' });
}

/** GET /api/staff?departmentId= */
export function staffOf(departmentId: number): Promise<{ items: StaffMember[] }> {
  return request(pageUrl('/api/staff', { departmentId, pageSize: 100 }), { auth: 'staff' });
}

/** POST /api/transactions — the window's own transactions only. */
export function registerTransaction(body: Schemas['RegisterTransactionDto']): Promise<Registered> {
  return request<Registered>('/api/transactions', { method: 'POST', data: body, auth: 'staff' });
}

/** The rating QR code of a transaction, as an image for the screen. */
export function transactionQr(id: number): Promise<string> {
  return requestImage(`/api/transactions/${id}/qrcode?format=png`, 'image/png');
}

// ---- scores: the supervisor's dashboard ----

export type ScoreUnit = 'department' | 'window' | 'staff';
export type Scores = Schemas['ScoresResponse'];
export type ScoreRow = Scores['rows'][number];
export type Trend = Schemas['TrendResponse'];

export interface ScoresPage {
  page: number;
  pageSize: number;
  departmentId?: number;
  sort: Sort;
}

/**
 * GET /api/scores?month=&by= — one page of the ranking, in the table's order (`page` given), or
 * every row (the trend and the charts).
 */
export function scoresOf(month: string, by: ScoreUnit, page?: ScoresPage): Promise<Scores> {
  const query = page
    ? {
        page: page.page,
        pageSize: page.pageSize,
        departmentId: page.departmentId,
        sort: page.sort.key,
        order: page.sort.descending ? 'desc' : 'asc',
      }
    : {};
  return request<Scores>(pageUrl('/api/scores', { month, by, ...query }), { auth: 'staff' });
}

/** GET /api/scores/trend — the last 12 months of one unit, or of the whole centre. */
export function trendOf(unit: ScoreUnit | 'centre', id?: number): Promise<Trend> {
  return request<Trend>(pageUrl('/api/scores/trend', { unit, id, months: 12 }), {
    auth: 'staff',
  });
}

export type TagCounts = Schemas['BadTagsResponse'];

/** GET /api/scores/tags — the tags of the month's bad ratings, most frequent first. */
export function badTagsOf(month: string, departmentId?: number): Promise<TagCounts> {
  return request<TagCounts>(pageUrl('/api/scores/tags', { month, departmentId }), {
    auth: 'staff',
  });
}

/** POST /api/scores/:month/freeze — 409 when the month is not over or already frozen. */
export function freezeMonth(month: string): Promise<Scores> {
  return request<Scores>(`/api/scores/${month}/freeze`, {
    method: 'POST',
    data: {},
    auth: 'staff',
  });
}

/** GET /api/exports/monthly — saved as 好差评月报-YYYY-MM.xlsx / .csv */
export function downloadMonthly(month: string, format: 'xlsx' | 'csv'): Promise<void> {
  return downloadFile(
    pageUrl('/api/exports/monthly', { month, format }),
    `好差评月报-${month}.${format}`,
  );
}

export type StaffRating = Schemas['StaffRatingResponse'];

/** GET /api/ratings — the ratings behind a score row (never who rated). */
export function listRatings(
  q: Record<string, string | number>,
): Promise<Schemas['PageMeta'] & { items: StaffRating[] }> {
  return request(pageUrl('/api/ratings', q), { auth: 'staff' });
}

// ---- the window: recent transactions and the kiosk ----

export type RecentTransaction = Schemas['WindowTransactionResponse'];

/** GET /api/transactions — the window's own, newest first. */
export function recentTransactions(
  page: number,
  pageSize: number,
): Promise<Schemas['PageMeta'] & { items: RecentTransaction[] }> {
  return request(pageUrl('/api/transactions', { page, pageSize }), { auth: 'staff' });
}

export type KioskState = Schemas['KioskResponse'];

/** GET /api/windows/:id/kiosk — what the 评价器 shows now. */
export function kioskState(windowId: number): Promise<KioskState> {
  return request<KioskState>(`/api/windows/${windowId}/kiosk`, { auth: 'staff', retries: 0 });
}

// ---- to-do notices and 督办 ----

export type Notice = Schemas['NoticeResponse'];
export type NoticeList = Schemas['NoticeListResponse'];

/** GET /api/me/notifications — newest first; `unread` true: the unread only. */
export function listNotices(unread?: boolean, limit = 50): Promise<NoticeList> {
  return request<NoticeList>(pageUrl('/api/me/notifications', { unread, limit }), {
    auth: 'staff',
  });
}

/** How many notices the signed-in staff member has not read (the navigation's badge). */
export async function unreadNoticeCount(): Promise<number> {
  return (await listNotices(true, 1)).total;
}

/** POST /api/me/notifications/read — own notices only; others' ids are ignored. */
export function markNoticesRead(ids: number[]): Promise<Schemas['NoticesReadResponse']> {
  return request(`/api/me/notifications/read`, {
    method: 'POST',
    data: { ids } satisfies Schemas['MarkNoticesReadDto'],
    auth: 'staff',
  });
}

/** POST /api/tickets/:id/urge — 督办 (supervisor); 409 once the department is not the one to act. */
export function urgeTicket(id: number, note: string): Promise<TicketRow> {
  return request<TicketRow>(`/api/tickets/${id}/urge`, {
    method: 'POST',
    data: { note } satisfies Schemas['UrgeDto'],
    auth: 'staff',
  });
}
