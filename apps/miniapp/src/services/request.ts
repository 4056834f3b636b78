import Taro from '@tarojs/taro';
import { ERROR_MESSAGES_ZH, type ErrorCode } from '@haochaping/domain';
import { STORAGE_KEYS } from '../constants';
import { readStorage, removeStorage, writeStorage } from './storage';

/**
 * The single place that talks HTTP. Pages and components call functions from ./api,
 * never Taro.request / Taro.uploadFile directly.
 *
 * It owns: the base URL, the citizen's bearer token, mapping error codes to Chinese messages,
 * and retrying network failures with backoff.
 *
 * Base URL: on H5 the app is served by the API itself, so requests are same-origin
 * (empty base). On weapp the API origin is the build-time constant API_BASE.
 */
export const BASE_URL: string = process.env.TARO_ENV === 'h5' ? '' : API_BASE;

const FALLBACK_MESSAGE = '网络异常，请稍后再试';
export const NETWORK_MESSAGE = '网络不佳，请检查网络后重试';

export type ApiErrorCode = ErrorCode | 'NETWORK_ERROR' | 'UNKNOWN_ERROR';

/** Error thrown for any failed request; `message` is Chinese and safe to show to the user. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  /** Per-field reasons of a VALIDATION_FAILED answer (developer English; map before showing). */
  readonly details?: Record<string, unknown>;

  constructor(
    code: ApiErrorCode,
    message: string,
    status: number,
    details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
  }

  /** Network failure, timeout, overload or a server-side hiccup: worth retrying later. */
  get transient(): boolean {
    return (
      this.code === 'NETWORK_ERROR' ||
      this.status === 0 ||
      this.status === 408 ||
      this.status === 429 ||
      this.status === 502 ||
      this.status === 503 ||
      this.status === 504 ||
      (this.status >= 500 && this.code === 'INTERNAL_ERROR')
    );
  }

  /** Whether the server rejected this one field (VALIDATION_FAILED details). */
  hasFieldError(field: string): boolean {
    return !!this.details && Object.prototype.hasOwnProperty.call(this.details, field);
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: Method;
  data?: unknown;
  headers?: Record<string, string>;
  timeout?: number;
  /**
   * How many times a network failure is retried (with backoff). Defaults to 2 for GET and 0
   * for writes: a write is only retried when it is idempotent (see the rating queue).
   */
  retries?: number;
  /**
   * Whose bearer token goes with the request: the citizen's (default), the staff member's, or
   * none. The two sessions never mix: a rejected token clears only its own session.
   */
  auth?: Session;
}

export type Session = 'citizen' | 'staff' | 'none';

interface ErrorBody {
  statusCode?: number;
  error?: string;
  message?: unknown;
  details?: unknown;
}

function isErrorCode(value: unknown): value is ErrorCode {
  return (
    typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES_ZH, value)
  );
}

/** Map an API error body {statusCode, error, message, details?} to an ApiError (Chinese message). */
export function toApiError(status: number, body: unknown): ApiError {
  const err = (body && typeof body === 'object' ? body : {}) as ErrorBody;
  const code = err.error;
  const details =
    err.details && typeof err.details === 'object' && !Array.isArray(err.details)
      ? (err.details as Record<string, unknown>)
      : undefined;
  if (isErrorCode(code)) {
    return new ApiError(code, ERROR_MESSAGES_ZH[code], status, details);
  }
  if (status >= 500) {
    return new ApiError('INTERNAL_ERROR', ERROR_MESSAGES_ZH.INTERNAL_ERROR, status);
  }
  return new ApiError('UNKNOWN_ERROR', FALLBACK_MESSAGE, status);
}

/** The message to show for anything thrown by the services. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return FALLBACK_MESSAGE;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Exponential backoff with ±20 % jitter: 1 s, 2 s, 4 s, 8 s, then 15 s. */
export function backoffDelay(attempt: number, baseMs = 1000, maxMs = 15000): number {
  const plain = Math.min(maxMs, baseMs * Math.pow(2, Math.max(0, attempt)));
  return Math.round(plain * (0.8 + Math.random() * 0.4));
}

// ---- citizen token (weapp login) ----

export function getCitizenToken(): string {
  return readStorage<string>(STORAGE_KEYS.citizenToken, '');
}

export function setCitizenToken(token: string | null): void {
  if (token) writeStorage(STORAGE_KEYS.citizenToken, token);
  else removeStorage(STORAGE_KEYS.citizenToken);
}

// ---- staff token (the workspace login) ----

let staffToken: () => string = () => '';
let onStaffRejected: () => void = () => undefined;

/** Wired by services/staff-session: where the staff token lives and what a 401 does. */
export function configureStaffSession(read: () => string, rejected: () => void): void {
  staffToken = read;
  onStaffRejected = rejected;
}

function authHeader(session: Session): Record<string, string> {
  const token = session === 'citizen' ? getCitizenToken() : session === 'staff' ? staffToken() : '';
  return token ? { Authorization: `Bearer ${token}` } : {};
}

function forgetRejectedToken(status: number, session: Session, sentAuth: boolean): void {
  // The stored token expired or was revoked: drop it (only that session's) so the page asks to
  // sign in again.
  if (status !== 401 || !sentAuth) return;
  if (session === 'citizen') setCitizenToken(null);
  if (session === 'staff') onStaffRejected();
}

async function requestOnce<T>(path: string, options: RequestOptions): Promise<T> {
  const {
    method = 'GET',
    data,
    headers = {},
    timeout = 15000,
    auth: session = 'citizen',
  } = options;
  const auth = authHeader(session);
  let res: Taro.request.SuccessCallbackResult<Record<string, unknown>>;
  try {
    res = await Taro.request<Record<string, unknown>>({
      url: `${BASE_URL}${path}`,
      method,
      data: data as Record<string, unknown> | undefined,
      header: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        ...auth,
        ...headers,
      },
      dataType: 'json',
      timeout,
    });
  } catch {
    throw new ApiError('NETWORK_ERROR', NETWORK_MESSAGE, 0);
  }
  if (res.statusCode >= 200 && res.statusCode < 300) {
    return res.data as T;
  }
  forgetRejectedToken(res.statusCode, session, !!auth.Authorization);
  throw toApiError(res.statusCode, res.data);
}

/** An answer index.html asked for before the scripts arrived (status and raw body). */
interface Prefetched {
  status: number;
  text: string;
}

declare global {
  interface Window {
    __hcpPrefetch?: Record<string, Promise<Prefetched> | undefined>;
  }
}

/**
 * H5: the rating form of the link being opened is requested by index.html itself, in parallel
 * with the scripts; the first GET of that path takes its answer (once) instead of asking again.
 * A network failure or a server hiccup there falls back to the usual request with its retries.
 */
async function prefetched<T>(path: string): Promise<{ data: T } | null> {
  if (process.env.TARO_ENV !== 'h5') return null;
  const early = window.__hcpPrefetch?.[path];
  if (!early) return null;
  window.__hcpPrefetch![path] = undefined;
  const answer = await early.catch(() => null);
  if (!answer || answer.status >= 500 || answer.status === 429) return null;
  let body: unknown = null;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return null;
  }
  if (answer.status >= 200 && answer.status < 300) return { data: body as T };
  throw toApiError(answer.status, body);
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  if (method === 'GET') {
    const early = await prefetched<T>(path);
    if (early) return early.data;
  }
  const retries = options.retries ?? (method === 'GET' ? 2 : 0);
  for (let attempt = 0; ; attempt++) {
    try {
      return await requestOnce<T>(path, options);
    } catch (error) {
      const retry =
        error instanceof ApiError && error.code === 'NETWORK_ERROR' && attempt < retries;
      if (!retry) throw error;
      await sleep(backoffDelay(attempt, 500));
    }
  }
}

export interface UploadOptions {
  /** multipart field name (the API expects "file") */
  name?: string;
  /** 0–100 while the bytes go out */
  onProgress?: (percent: number) => void;
  timeout?: number;
}

/** multipart upload of one local file (a chooseImage temp path or H5 blob URL). */
export async function upload<T>(
  path: string,
  filePath: string,
  options: UploadOptions = {},
): Promise<T> {
  const { name = 'file', onProgress, timeout = 60000 } = options;
  const auth = authHeader('citizen');
  let res: Taro.uploadFile.SuccessCallbackResult;
  try {
    const task = Taro.uploadFile({
      url: `${BASE_URL}${path}`,
      filePath,
      name,
      header: { Accept: 'application/json', ...auth },
      timeout,
    });
    if (onProgress && typeof task.progress === 'function') {
      task.progress((p) => onProgress(p.progress));
    }
    res = await task;
  } catch {
    throw new ApiError('NETWORK_ERROR', NETWORK_MESSAGE, 0);
  }
  // uploadFile answers with the raw text on every platform.
  let body: unknown = res.data;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      body = null;
    }
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return body as T;
  forgetRejectedToken(res.statusCode, 'citizen', !!auth.Authorization);
  throw toApiError(res.statusCode, body);
}

/**
 * GET of a binary answer with the session's token (an image address alone could not carry the
 * Authorization header). A failure is an ApiError as for JSON calls, read from the error body.
 */
async function requestBytes(
  path: string,
  accept: string,
  session: Session,
  timeout: number,
): Promise<Taro.request.SuccessCallbackResult<ArrayBuffer>> {
  const auth = authHeader(session);
  let res: Taro.request.SuccessCallbackResult<ArrayBuffer>;
  try {
    res = await Taro.request<ArrayBuffer>({
      url: `${BASE_URL}${path}`,
      method: 'GET',
      header: { Accept: accept, ...auth },
      responseType: 'arraybuffer',
      timeout,
    });
  } catch {
    throw new ApiError('NETWORK_ERROR', NETWORK_MESSAGE, 0);
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return res;
  forgetRejectedToken(res.statusCode, session, !!auth.Authorization);
  let body: unknown = null;
  try {
    body = JSON.parse(new TextDecoder().decode(res.data));
  } catch {
    body = null;
  }
  throw toApiError(res.statusCode, body);
}

/** A binary answer (an image) as a data URI for an <Image>, fetched with the session's token. */
export async function requestImage(
  path: string,
  mime: string,
  session: Session = 'staff',
): Promise<string> {
  const res = await requestBytes(path, mime, session, 15000);
  // Taro's H5 version reads its argument as bytes, which a bare ArrayBuffer is not.
  const bytes = process.env.TARO_ENV === 'h5' ? new Uint8Array(res.data) : res.data;
  return `data:${mime};base64,${Taro.arrayBufferToBase64(bytes as ArrayBuffer)}`;
}

/**
 * A file the API answers with (the monthly xlsx / csv), saved the platform's way: on H5 the
 * browser's download of a Blob; on weapp downloadFile, then openDocument to show it.
 */
export async function downloadFile(
  path: string,
  fileName: string,
  session: Session = 'staff',
): Promise<void> {
  const auth = authHeader(session);
  if (process.env.TARO_ENV === 'h5') {
    const res = await requestBytes(path, '*/*', session, 120000);
    const type = String(res.header['Content-Type'] ?? res.header['content-type'] ?? '');
    const url = URL.createObjectURL(new Blob([res.data], { type }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    return;
  }
  let res: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    res = await Taro.downloadFile({ url: `${BASE_URL}${path}`, header: { ...auth } });
  } catch {
    throw new ApiError('NETWORK_ERROR', NETWORK_MESSAGE, 0);
  }
  if (res.statusCode < 200 || res.statusCode >= 300) {
    forgetRejectedToken(res.statusCode, session, !!auth.Authorization);
    throw toApiError(res.statusCode, null);
  }
  const fileType = fileName.endsWith('.csv') ? undefined : 'xlsx';
  await Taro.openDocument({ filePath: res.tempFilePath, ...(fileType ? { fileType } : {}) });
}
