import Taro from '@tarojs/taro';
import { STORAGE_KEYS } from '../constants';
import { submitRating, type RatingAnswer, type SubmitRatingBody } from './api';
import { ApiError, backoffDelay, sleep } from './request';
import { readStorage, writeStorage } from './storage';

/**
 * Reliable rating submission on a weak network.
 *
 * A submission is stored (with its Idempotency-Key) before the first attempt and removed only
 * when the server has answered for good. Every retry — in the foreground with backoff, or later
 * from the stored queue (app launch, network back) — reuses the same key, so the API returns the
 * first answer instead of creating a second rating or answering ALREADY_RATED.
 */

export interface PendingRating {
  token: string;
  key: string;
  body: SubmitRatingBody;
  createdAt: number;
  attempts: number;
}

export type SubmitPhase = 'submitting' | 'retrying' | 'queued' | 'done';

export interface SubmitProgress {
  phase: SubmitPhase;
  /** 1-based attempt about to run (submitting/retrying) or that has run (queued/done) */
  attempt: number;
}

/** What the result page and the "already rated" state know about the user's own ratings. */
export interface RatingResult {
  token: string;
  ratingId: number;
  level: number;
  ticketNo?: string;
  anonymous: boolean;
  at: number;
}

const KEEP_PENDING_MS = 8 * 24 * 3600 * 1000;
const KEEP_RESULTS = 30;
const FOREGROUND_ATTEMPTS = 6;

type PendingMap = Record<string, PendingRating>;

function loadPending(): PendingMap {
  const all = readStorage<PendingMap>(STORAGE_KEYS.pendingRatings, {});
  return all && typeof all === 'object' ? all : {};
}

function savePending(all: PendingMap): void {
  writeStorage(STORAGE_KEYS.pendingRatings, all);
}

export function pendingRating(token: string): PendingRating | null {
  return loadPending()[token] ?? null;
}

export function clearPendingRating(token: string): void {
  const all = loadPending();
  if (all[token]) {
    delete all[token];
    savePending(all);
  }
}

function putPending(p: PendingRating): void {
  const all = loadPending();
  all[p.token] = p;
  savePending(all);
}

/** 8–100 chars of [A-Za-z0-9_.:-], unique enough per device and attempt-set. */
export function newIdempotencyKey(): string {
  const rand = () => Math.random().toString(36).slice(2, 10);
  return `r-${Date.now().toString(36)}-${rand()}${rand()}`;
}

export function ratingResult(token: string): RatingResult | null {
  const list = readStorage<RatingResult[]>(STORAGE_KEYS.results, []);
  return (Array.isArray(list) ? list : []).find((r) => r.token === token) ?? null;
}

function rememberResult(r: RatingResult): void {
  const list = readStorage<RatingResult[]>(STORAGE_KEYS.results, []);
  const rest = (Array.isArray(list) ? list : []).filter((x) => x.token !== r.token);
  writeStorage(STORAGE_KEYS.results, [r, ...rest].slice(0, KEEP_RESULTS));
}

/** A definitive answer for this token: nothing to retry, the pending entry goes. */
function isFinal(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return (
    error.code === 'ALREADY_RATED' || error.code === 'TOKEN_EXPIRED' || error.code === 'NOT_FOUND'
  );
}

function isTransient(error: unknown): boolean {
  return error instanceof ApiError && error.transient;
}

const inflight = new Map<string, Promise<RatingAnswer>>();

export interface SubmitOptions {
  onProgress?: (p: SubmitProgress) => void;
  /** foreground attempts before the submission is left in the queue (default 6, ≈30 s) */
  maxAttempts?: number;
}

async function run(pending: PendingRating, options: SubmitOptions): Promise<RatingAnswer> {
  const { onProgress, maxAttempts = FOREGROUND_ATTEMPTS } = options;
  for (let attempt = 1; ; attempt++) {
    onProgress?.({ phase: attempt === 1 ? 'submitting' : 'retrying', attempt });
    pending.attempts += 1;
    putPending(pending);
    try {
      const answer = await submitRating(pending.body, pending.key);
      clearPendingRating(pending.token);
      rememberResult({
        token: pending.token,
        ratingId: answer.id,
        level: answer.level,
        ticketNo: answer.ticketNo,
        anonymous: !!pending.body.anonymous,
        at: Date.now(),
      });
      onProgress?.({ phase: 'done', attempt });
      return answer;
    } catch (error) {
      if (isFinal(error)) clearPendingRating(pending.token);
      if (!isTransient(error)) throw error;
      if (attempt >= maxAttempts) {
        onProgress?.({ phase: 'queued', attempt });
        throw error;
      }
      onProgress?.({ phase: 'retrying', attempt: attempt + 1 });
      await sleep(backoffDelay(attempt - 1));
    }
  }
}

/**
 * Submit a rating, retrying transient failures with backoff under one Idempotency-Key.
 * The key is created once per token and kept until the server answers for good, so pressing
 * 提交 again after a failure (or a later flush from the queue) can never rate twice.
 * Rejects with the last ApiError; a transient one means the rating stays queued.
 */
export function submitRatingReliably(
  body: SubmitRatingBody,
  options: SubmitOptions = {},
): Promise<RatingAnswer> {
  const running = inflight.get(body.token);
  if (running) return running;
  const existing = pendingRating(body.token);
  const pending: PendingRating = {
    token: body.token,
    key: existing?.key ?? newIdempotencyKey(),
    body,
    createdAt: existing?.createdAt ?? Date.now(),
    attempts: existing?.attempts ?? 0,
  };
  putPending(pending);
  const promise = run(pending, options).finally(() => inflight.delete(body.token));
  inflight.set(body.token, promise);
  return promise;
}

/** Resume a stored submission (e.g. when its rating page is opened again). */
export function resumePendingRating(
  token: string,
  options: SubmitOptions = {},
): Promise<RatingAnswer> | null {
  const pending = pendingRating(token);
  if (!pending) return null;
  return submitRatingReliably(pending.body, options);
}

/** One quiet attempt for every queued submission (app launch, network back). */
export async function flushPendingRatings(): Promise<void> {
  const all = loadPending();
  const now = Date.now();
  for (const p of Object.values(all)) {
    if (now - p.createdAt > KEEP_PENDING_MS) {
      clearPendingRating(p.token);
      continue;
    }
    if (inflight.has(p.token)) continue;
    try {
      await submitRatingReliably(p.body, { maxAttempts: 1 });
    } catch {
      // Still offline or final: the pending entry is kept or dropped by run().
    }
  }
}

let watching = false;

/**
 * Flush the queue shortly after launch and whenever the network comes back. Call once at app
 * launch. The short delay lets a rate page opened for a queued token resume it itself (and show
 * its progress and result); the flush then skips it as in flight.
 */
export function startRatingQueue(delayMs = 3000): void {
  setTimeout(() => void flushPendingRatings(), delayMs);
  if (watching) return;
  watching = true;
  try {
    Taro.onNetworkStatusChange((res) => {
      if (res.isConnected) void flushPendingRatings();
    });
  } catch {
    // Not supported here: the queue is still flushed on the next launch or page open.
  }
}
