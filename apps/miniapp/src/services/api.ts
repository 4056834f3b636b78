import type { components } from './api-types.generated';
import { request, upload } from './request';

/**
 * One function per endpoint the citizen client uses. The request and response types come from
 * the API's OpenAPI document (api-types.generated.ts, written by `npm run openapi`): the server
 * is their single source, never re-declare a shape here.
 */

type Schemas = components['schemas'];

/** A page of a list: `{items, total, page, pageSize}`. */
export type Page<T> = Schemas['PageMeta'] & { items: T[] };

export type HealthResponse = Schemas['HealthResponse'];

/** GET /api/health — liveness/readiness of the API. */
export function health(): Promise<HealthResponse> {
  return request<HealthResponse>('/api/health');
}

export type TransactionSummary = Schemas['TransactionSummaryResponse'];
export type RatingForm = Schemas['RatingFormResponse'];

/** GET /api/rating-forms/:token — 404 NOT_FOUND unknown/forged, 410 TOKEN_EXPIRED. */
export function getRatingForm(token: string): Promise<RatingForm> {
  return request<RatingForm>(`/api/rating-forms/${encodeURIComponent(token)}`);
}

/** `anonymous` and `channel` have server-side defaults. */
export type SubmitRatingBody = Omit<Schemas['SubmitRatingDto'], 'anonymous' | 'channel'> &
  Partial<Pick<Schemas['SubmitRatingDto'], 'anonymous' | 'channel'>>;

export type RatingAnswer = Schemas['RatingAnswerResponse'];

/**
 * POST /api/ratings — one attempt. Use services/rating-queue for the retrying, idempotent
 * submission; a retry with the same Idempotency-Key returns the first answer.
 */
export function submitRating(
  body: SubmitRatingBody,
  idempotencyKey: string,
): Promise<RatingAnswer> {
  return request<RatingAnswer>('/api/ratings', {
    method: 'POST',
    data: body,
    headers: { 'Idempotency-Key': idempotencyKey },
    retries: 0,
  });
}

export type FollowUpBody = Schemas['FollowUpDto'];
export type FollowUpAnswer = Schemas['FollowUpResponse'];

/** POST /api/ratings/:id/follow-up — 409 ALREADY_FOLLOWED_UP / FOLLOW_UP_CLOSED. */
export function submitFollowUp(ratingId: number, body: FollowUpBody): Promise<FollowUpAnswer> {
  return request<FollowUpAnswer>(`/api/ratings/${ratingId}/follow-up`, {
    method: 'POST',
    data: body,
  });
}

export type ComplaintBody = Schemas['ComplaintDto'];
export type ComplaintAnswer = Schemas['ComplaintAnswerResponse'];

/** POST /api/complaints — opens a ticket. */
export function submitComplaint(body: ComplaintBody): Promise<ComplaintAnswer> {
  return request<ComplaintAnswer>('/api/complaints', {
    method: 'POST',
    data: body,
  });
}

export type AttachmentView = Schemas['AttachmentResponse'];

/** POST /api/attachments (multipart "file") — 413 too large, 415 not jpeg/png/webp. */
export function uploadAttachment(
  filePath: string,
  onProgress?: (percent: number) => void,
): Promise<AttachmentView> {
  return upload<AttachmentView>('/api/attachments', filePath, { name: 'file', onProgress });
}

export type WechatLoginAnswer = Schemas['WechatLoginResponse'];

/** POST /api/auth/wechat — weapp only (code from Taro.login). */
export function wechatLogin(code: string): Promise<WechatLoginAnswer> {
  return request<WechatLoginAnswer>('/api/auth/wechat', { method: 'POST', data: { code } });
}

export type MyTicket = Schemas['MyTicketResponse'];
export type MyRating = Schemas['MyRatingResponse'];
/** The ticket as the acceptance endpoint answers it (the staff-side ticket view). */
export type TicketView = Schemas['TicketResponse'];

/** GET /api/me/ratings — citizen token. */
export function myRatings(page = 1, pageSize = 20): Promise<Page<MyRating>> {
  return request<Page<MyRating>>(`/api/me/ratings?page=${page}&pageSize=${pageSize}`);
}

/** POST /api/me/tickets/:ticketNo/acceptance — accept the reply, or refuse it once. */
export function ticketAcceptance(
  ticketNo: string,
  accepted: boolean,
  comment?: string,
): Promise<TicketView> {
  return request<TicketView>(`/api/me/tickets/${encodeURIComponent(ticketNo)}/acceptance`, {
    method: 'POST',
    data: (comment ? { accepted, comment } : { accepted }) satisfies Schemas['AcceptanceDto'],
  });
}

export type RatingProgress = Schemas['RatingProgressResponse'];
export type TicketProgress = Schemas['TicketProgressResponse'];

/**
 * GET /api/rating-forms/:token/progress — what became of this transaction's rating and complaint:
 * the tickets' status, timeline and reply, and whether 认可 / 不认可 is open. No login.
 */
export function getRatingProgress(token: string): Promise<RatingProgress> {
  return request<RatingProgress>(`/api/rating-forms/${encodeURIComponent(token)}/progress`);
}

/** POST /api/rating-forms/:token/acceptance — 认可 / 不认可 (once) by the rating token. */
export function tokenAcceptance(
  token: string,
  ticketNo: string,
  accepted: boolean,
  comment?: string,
): Promise<TicketProgress> {
  return request<TicketProgress>(`/api/rating-forms/${encodeURIComponent(token)}/acceptance`, {
    method: 'POST',
    data: (comment
      ? { ticketNo, accepted, comment }
      : { ticketNo, accepted }) satisfies Schemas['TokenAcceptanceDto'],
  });
}
