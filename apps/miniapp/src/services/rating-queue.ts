import Taro from '@tarojs/taro';
import { isRatingLevel } from '@haochaping/domain';
import { STORAGE_KEYS } from '../constants';
import {
  getRatingForm,
  getRatingProgress,
  submitRating,
  type RatingAnswer,
  type SubmitRatingBody,
} from './api';
import { ApiError, backoffDelay, sleep } from './request';
import { readStorage, writeStorage } from './storage';

/**
 * Reliable rating submission on a weak network.
 *
 * A submission is stored (with its Idempotency-Key) before the first attempt and removed only
 * when the server has answered for good. Every retry — in the foreground with backoff, or later
 * from the stored queue (app launch, network back) — reuses the same key, so the API returns the
 * first answer instead of creating a second rating or answering ALREADY_RATED.
 *
 * A queued submission is resent when the network comes back (the browser's `online` event and
 * Taro's network status: iOS has no `navigator.connection`), when the page is shown again (tab
 * visible, mini-program back in front) and on a timer, whichever comes first. A rate page left
 * open on 「已保存在本机」 hears the outcome (watchPendingRating) and moves on to the result.
 */

export interface PendingRating {
  token: string;
  key: string;
  body: SubmitRatingBody;
  createdAt: number;
  attempts: number;
  /** Its photos were gone from the server (unused uploads are deleted after 24 h): sent without. */
  photosDropped?: boolean;
}

/**
 * The answer to a submission, with whether its photos had to be left out: a rating queued
 * offline for more than a day refers to uploads the server has deleted meanwhile.
 */
export type QueuedAnswer = RatingAnswer & { photosDropped?: boolean };

/** The server no longer knows the photos this submission refers to (a 400 on attachmentIds). */
function photosGone(error: unknown, body: SubmitRatingBody): boolean {
  return (
    error instanceof ApiError &&
    error.code === 'VALIDATION_FAILED' &&
    !!error.details &&
    'attachmentIds' in error.details &&
    (body.attachmentIds?.length ?? 0) > 0
  );
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

/** The ratings given on this device, newest first (H5's 我的评价 without a login). */
export function deviceRatings(): RatingResult[] {
  const list = readStorage<RatingResult[]>(STORAGE_KEYS.results, []);
  return Array.isArray(list) ? list : [];
}

/** This device's answer for the token, as the result page wants it, if it has one. */
export function rememberedAnswer(
  token: string,
): { answer: RatingAnswer; anonymous: boolean } | null {
  const known = ratingResult(token);
  if (!known || !isRatingLevel(known.level)) return null;
  return {
    answer: {
      id: known.ratingId,
      level: known.level,
      ...(known.ticketNo ? { ticketNo: known.ticketNo } : {}),
    },
    anonymous: known.anonymous,
  };
}

function rememberResult(r: RatingResult): void {
  const list = readStorage<RatingResult[]>(STORAGE_KEYS.results, []);
  const rest = (Array.isArray(list) ? list : []).filter((x) => x.token !== r.token);
  writeStorage(STORAGE_KEYS.results, [r, ...rest].slice(0, KEEP_RESULTS));
}

/**
 * ALREADY_RATED for a submission that was queued: an earlier send of it (or of this device's
 * rating of the same transaction) got through while the answer was lost. The server's record
 * stands as the answer — the citizen's rating is in — and the page shows the result, not
 * 「该办件已评价」.
 */
async function recoverAnswer(pending: PendingRating): Promise<RatingAnswer | null> {
  const known = rememberedAnswer(pending.token);
  if (known) return known.answer;
  try {
    const [form, progress] = await Promise.all([
      getRatingForm(pending.token),
      getRatingProgress(pending.token),
    ]);
    if (!form.rated || !form.ratingId) return null;
    const ticketNo = progress.ticket?.ticketNo;
    const level = progress.level ?? pending.body.level;
    if (!isRatingLevel(level)) return null;
    return {
      id: form.ratingId,
      level,
      ...(ticketNo ? { ticketNo } : {}),
    };
  } catch {
    return null;
  }
}

/** A definitive answer for this token: nothing to retry, the pending entry goes. */
function isFinal(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return (
    error.code === 'ALREADY_RATED' ||
    error.code === 'IDEMPOTENCY_KEY_REUSED' ||
    error.code === 'TOKEN_EXPIRED' ||
    error.code === 'NOT_FOUND'
  );
}

function isTransient(error: unknown): boolean {
  return error instanceof ApiError && error.transient;
}

const inflight = new Map<string, Promise<QueuedAnswer>>();

export interface SubmitOptions {
  onProgress?: (p: SubmitProgress) => void;
  /** foreground attempts before the submission is left in the queue (default 6, ≈30 s) */
  maxAttempts?: number;
}

/** What a rate page waiting on 「已保存在本机」 hears about its token's queued submission. */
export type QueueOutcome =
  { kind: 'sent'; answer: QueuedAnswer; anonymous: boolean } | { kind: 'failed'; error: unknown };

const watchers = new Map<string, Set<(outcome: QueueOutcome) => void>>();

/** Listen for the outcome of this token's queued submission; returns the unsubscribe. */
export function watchPendingRating(
  token: string,
  listener: (outcome: QueueOutcome) => void,
): () => void {
  const set = watchers.get(token) ?? new Set();
  set.add(listener);
  watchers.set(token, set);
  return () => {
    set.delete(listener);
    if (!set.size) watchers.delete(token);
  };
}

function tell(token: string, outcome: QueueOutcome): void {
  watchers.get(token)?.forEach((listener) => listener(outcome));
}

function succeed(pending: PendingRating, answer: RatingAnswer): QueuedAnswer {
  clearPendingRating(pending.token);
  const anonymous = !!pending.body.anonymous;
  rememberResult({
    token: pending.token,
    ratingId: answer.id,
    level: answer.level,
    ticketNo: answer.ticketNo,
    anonymous,
    at: Date.now(),
  });
  const result: QueuedAnswer = pending.photosDropped ? { ...answer, photosDropped: true } : answer;
  tell(pending.token, { kind: 'sent', answer: result, anonymous });
  return result;
}

async function run(pending: PendingRating, options: SubmitOptions): Promise<QueuedAnswer> {
  const { onProgress, maxAttempts = FOREGROUND_ATTEMPTS } = options;
  // Sent before (an earlier visit, a flush, a foreground attempt): an answer may have been lost.
  const queuedBefore = pending.attempts > 0;
  for (let attempt = 1; ; attempt++) {
    onProgress?.({ phase: attempt === 1 ? 'submitting' : 'retrying', attempt });
    pending.attempts += 1;
    putPending(pending);
    try {
      const answer = await submitRating(pending.body, pending.key);
      onProgress?.({ phase: 'done', attempt });
      return succeed(pending, answer);
    } catch (error) {
      // ALREADY_RATED, or this key already used for a rating sent with other words (the draft
      // was edited after an attempt whose answer was lost): the rating is in.
      if (
        error instanceof ApiError &&
        (error.code === 'ALREADY_RATED' || error.code === 'IDEMPOTENCY_KEY_REUSED') &&
        (queuedBefore || attempt > 1)
      ) {
        const recovered = await recoverAnswer(pending);
        if (recovered) {
          onProgress?.({ phase: 'done', attempt });
          return succeed(pending, recovered);
        }
      }
      if (photosGone(error, pending.body)) {
        // The rating itself is still wanted: send it without the photos, under a new key (the
        // refused attempts stored nothing under the old one), and say so on the result page.
        pending.body = { ...pending.body, attachmentIds: [], attachmentKeys: [] };
        pending.key = newIdempotencyKey();
        pending.photosDropped = true;
        putPending(pending);
        continue;
      }
      if (isFinal(error)) {
        clearPendingRating(pending.token);
        tell(pending.token, { kind: 'failed', error });
      }
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
): Promise<QueuedAnswer> {
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
): Promise<QueuedAnswer> | null {
  const pending = pendingRating(token);
  if (!pending) return null;
  return submitRatingReliably(pending.body, options);
}

/** One quiet attempt for every queued submission (app launch, network back, page shown, timer). */
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

function hasPending(): boolean {
  return Object.keys(loadPending()).length > 0;
}

/** Resend every RESEND_EVERY_MS while something waits, whatever the platform tells of its network. */
const RESEND_EVERY_MS = 20_000;

let watching = false;

/**
 * Flush the queue shortly after launch, and then whenever there is a chance the network is back:
 * the `online` event, Taro's network status, the page or mini-program shown again, and a timer.
 * Call once at app launch. The short first delay lets a rate page opened for a queued token
 * resume it itself (and show its progress and result); the flush then skips it as in flight.
 */
export function startRatingQueue(delayMs = 3000): void {
  setTimeout(() => void flushPendingRatings(), delayMs);
  if (watching) return;
  watching = true;
  const flushIfPending = () => {
    if (hasPending()) void flushPendingRatings();
  };
  setInterval(flushIfPending, RESEND_EVERY_MS);
  try {
    Taro.onNetworkStatusChange((res) => {
      if (res.isConnected) flushIfPending();
    });
  } catch {
    // Not supported here: the events and the timer below still resend.
  }
  if (process.env.TARO_ENV === 'h5') {
    window.addEventListener('online', flushIfPending);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') flushIfPending();
    });
  } else {
    try {
      Taro.onAppShow(flushIfPending);
    } catch {
      // Older base libraries: the network status and the timer remain.
    }
  }
}
