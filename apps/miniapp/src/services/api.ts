import type { Channel, RatingOptions, TicketStatus } from '@haochaping/domain';
import { request, upload } from './request';

/** One function per endpoint the citizen client uses. */

export interface HealthResponse {
  status: string;
  [key: string]: unknown;
}

/** GET /api/health — liveness/readiness of the API. */
export function health(): Promise<HealthResponse> {
  return request<HealthResponse>('/api/health');
}

export interface TransactionSummary {
  transactionNo: string;
  serviceItemName: string;
  departmentName: string;
  windowName: string;
  staffName: string;
  finishedAt: string;
}

export interface RatingForm {
  transaction: TransactionSummary;
  options: RatingOptions;
  rated: boolean;
  /** A complaint about this transaction was filed already (one per transaction). */
  complained: boolean;
  ratingId?: number;
  followUpUntil?: string;
  followedUp?: boolean;
  expiresAt: string;
}

/** GET /api/rating-forms/:token — 404 NOT_FOUND unknown/forged, 410 TOKEN_EXPIRED. */
export function getRatingForm(token: string): Promise<RatingForm> {
  return request<RatingForm>(`/api/rating-forms/${encodeURIComponent(token)}`);
}

export interface SubmitRatingBody {
  token: string;
  level: number;
  tags?: string[];
  comment?: string;
  anonymous?: boolean;
  contactPhone?: string;
  attachmentIds?: number[];
  channel?: Channel;
}

export interface RatingAnswer {
  id: number;
  level: number;
  ticketNo?: string;
}

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

export interface FollowUpBody {
  token: string;
  comment: string;
  level?: number;
}

export interface FollowUpAnswer {
  id: number;
  ratingId: number;
  comment: string;
  level: number | null;
  createdAt: string;
}

/** POST /api/ratings/:id/follow-up — 409 ALREADY_FOLLOWED_UP / FOLLOW_UP_CLOSED. */
export function submitFollowUp(ratingId: number, body: FollowUpBody): Promise<FollowUpAnswer> {
  return request<FollowUpAnswer>(`/api/ratings/${ratingId}/follow-up`, {
    method: 'POST',
    data: body,
  });
}

export interface ComplaintBody {
  token: string;
  content: string;
  contactPhone?: string;
  attachmentIds?: number[];
}

/** POST /api/complaints — opens a ticket. */
export function submitComplaint(body: ComplaintBody): Promise<{ id: number; ticketNo: string }> {
  return request<{ id: number; ticketNo: string }>('/api/complaints', {
    method: 'POST',
    data: body,
  });
}

export interface AttachmentView {
  id: number;
  mime: string;
  size: number;
}

/** POST /api/attachments (multipart "file") — 413 too large, 415 not jpeg/png/webp. */
export function uploadAttachment(
  filePath: string,
  onProgress?: (percent: number) => void,
): Promise<AttachmentView> {
  return upload<AttachmentView>('/api/attachments', filePath, { name: 'file', onProgress });
}

export interface WechatLoginAnswer {
  accessToken: string;
  citizen: { id: number };
}

/** POST /api/auth/wechat — weapp only (code from Taro.login). */
export function wechatLogin(code: string): Promise<WechatLoginAnswer> {
  return request<WechatLoginAnswer>('/api/auth/wechat', { method: 'POST', data: { code } });
}

export interface MyTicket {
  ticketNo: string;
  status: TicketStatus;
  reply: string | null;
  dueAt: string | null;
  /** null while awaiting the citizen's verdict on a closed ticket (when the API sends it) */
  citizenAccepted?: boolean | null;
}

export interface MyRating {
  id: number;
  level: number;
  tags: string[];
  comment: string | null;
  createdAt: string;
  transaction: TransactionSummary | null;
  ticket: MyTicket | null;
  followUp: { comment: string; level: number | null; createdAt: string } | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** GET /api/me/ratings — citizen token. */
export function myRatings(page = 1, pageSize = 20): Promise<Page<MyRating>> {
  return request<Page<MyRating>>(`/api/me/ratings?page=${page}&pageSize=${pageSize}`);
}

/** POST /api/me/tickets/:ticketNo/acceptance — accept the reply, or refuse it once. */
export function ticketAcceptance(
  ticketNo: string,
  accepted: boolean,
  comment?: string,
): Promise<MyTicket> {
  return request<MyTicket>(`/api/me/tickets/${encodeURIComponent(ticketNo)}/acceptance`, {
    method: 'POST',
    data: comment ? { accepted, comment } : { accepted },
  });
}
