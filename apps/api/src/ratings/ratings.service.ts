import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  chinaMonth,
  isBadLevel,
  ratingContribution,
  sumCounters,
  ticketContribution,
  type CounterDelta,
  type Page,
  type RatingLevel,
  type RatingOptions,
  type WorkingDayCalendar,
} from '@haochaping/domain';
import { DataSource, EntityManager, In, Repository, type DeepPartial } from 'typeorm';
import { AttachmentsService } from '../attachments/attachments.service';
import { CalendarService } from '../calendar/calendar.service';
import { DomainError, invalidField, notFound } from '../common/domain-error';
import { PiiService } from '../common/pii.service';
import { TicketNotices } from '../notifications/ticket-notices';
import { OrganisationService } from '../organisation/organisation.service';
import { RollupService } from '../scores/rollup.service';
import { SettingsService } from '../settings/settings.service';
import type { Settings } from '../settings/settings.types';
import { Ticket } from '../tickets/entities/ticket.entity';
import { ticketFacts } from '../tickets/ticket-facts';
import { openTicket } from '../tickets/ticket-opener';
import { Transaction } from '../transactions/entities/transaction.entity';
import { RatingTokenService } from '../transactions/rating-token.service';
import {
  myRatingView,
  staffRatingView,
  transactionSummary,
  type TransactionSummary,
} from './ratings.view';
import { confinedDepartment, type Principal } from '../auth/principal';
import type { ListRatingsQuery } from './dto/list-ratings.dto';
import type { ComplaintDto, FollowUpDto, SubmitRatingDto } from './dto/ratings.dto';
import { Complaint } from './entities/complaint.entity';
import { FollowUp } from './entities/follow-up.entity';
import { Rating } from './entities/rating.entity';
import { findRowsByIds, insertRow, insertRows } from '../database/insert-row';
import { Batched } from '../database/batched';
import { ProvincePushService } from '../province/province-push.service';
import {
  DatabaseUnavailableError,
  isConnectionFailure,
  isUniqueViolation,
} from '../database/errors';
import { Clock } from '../common/clock';
import type { Frozen } from '../common/frozen';

const DAY_MS = 86_400_000;
/** How long after rating or complaining the rater can still sign in and make it theirs. */
const LINK_WINDOW_MS = 30 * 60_000;

const alreadyComplained = (): DomainError =>
  new DomainError('ALREADY_COMPLAINED', 'This transaction has been complained about already');

/** Who submitted, as far as the request tells: kept as fraud signals, never shown to the unit. */
export interface SubmissionContext {
  ip: string | null;
  userAgent: string | null;
  idempotencyKey: string | null;
  citizenId: number | null;
}

/** A rating checked and ready to be written. */
interface Submission {
  transaction: Transaction;
  row: DeepPartial<Rating> & { level: number; channel: string; attachmentIds: number[] };
  monthKey: string;
  now: Date;
}

export interface RatingAnswer {
  id: number;
  level: number;
  ticketNo?: string;
}

export interface RatingForm {
  transaction: TransactionSummary;
  options: Frozen<RatingOptions>;
  rated: boolean;
  /** A complaint about this transaction was filed already (one per transaction). */
  complained: boolean;
  ratingId?: number;
  /** When the rating was given (an already-rated link says so: 如非本人评价，请投诉). */
  ratedAt?: Date;
  followUpUntil?: Date;
  followedUp?: boolean;
  expiresAt: Date;
}

@Injectable()
export class RatingsService {
  constructor(
    private readonly organisation: OrganisationService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    @InjectRepository(Transaction) private readonly transactions: Repository<Transaction>,
    @InjectRepository(Rating) private readonly ratings: Repository<Rating>,
    @InjectRepository(FollowUp) private readonly followUps: Repository<FollowUp>,
    @InjectRepository(Ticket) private readonly tickets: Repository<Ticket>,
    private readonly tokens: RatingTokenService,
    private readonly settings: SettingsService,
    private readonly attachments: AttachmentsService,
    private readonly pii: PiiService,
    private readonly calendar: CalendarService,
    private readonly rollups: RollupService,
    private readonly notices: TicketNotices,
    private readonly province: ProvincePushService,
  ) {}

  /** Ratings without photos, good and bad: group commit (database/batched.ts). */
  private readonly batchedRatings = new Batched<Submission, RatingAnswer | null>(
    (batch) => this.writeBatch(batch),
    {
      single: (one) => this.writeOne(one),
      // A server out of reach fails the batch's callers at once (503), not once more each.
      retryAlone: (error) =>
        !isConnectionFailure(error) && !(error instanceof DatabaseUnavailableError),
    },
  );

  /** Transactions by id, the look-ups of concurrent requests gathered into one read. */
  private readonly transactionsById = new Batched<number, Transaction | null>(
    async (ids) => {
      const found = await findRowsByIds(this.dataSource.manager, Transaction, ids);
      return ids.map((id) => found.get(id) ?? null);
    },
    // A read fails for all or none: no second try per id (a frozen server would double the wait).
    { oneAtATime: false },
  );

  /** The transaction a token names: 404 when unknown or forged, 410 when its window has passed. */
  async resolveToken(token: string, opts: { allowExpired?: boolean } = {}): Promise<Transaction> {
    const claims = this.tokens.verify(token);
    const transaction = claims ? await this.transactionsById.add(claims.transactionId) : null;
    if (
      !claims ||
      !transaction ||
      Math.floor(transaction.tokenExpiresAt.getTime() / 1000) !== claims.expiresAt.getTime() / 1000
    ) {
      throw new DomainError('NOT_FOUND', 'Unknown rating token');
    }
    if (!opts.allowExpired && this.clock.nowMs() > transaction.tokenExpiresAt.getTime()) {
      throw new DomainError('TOKEN_EXPIRED', 'The rating period of this transaction has ended');
    }
    return transaction;
  }

  async ratingForm(token: string): Promise<RatingForm> {
    const transaction = await this.resolveToken(token, { allowExpired: true });
    // A default rating is nobody's: the link stays expired, with no follow-up.
    const rating = await this.ratings.findOneBy({
      transactionId: transaction.id,
      isDefault: false,
    });
    // A rated transaction keeps its page (for the follow-up); an unrated one expires.
    if (!rating && this.clock.nowMs() > transaction.tokenExpiresAt.getTime()) {
      throw new DomainError('TOKEN_EXPIRED', 'The rating period of this transaction has ended');
    }
    const [summary, options, settings] = await Promise.all([
      this.summaries([transaction]).then((m) => m.get(transaction.id) as TransactionSummary),
      this.settings.currentOptions(),
      this.settings.get(),
    ]);
    const form: RatingForm = {
      transaction: summary,
      options,
      rated: !!rating,
      complained: transaction.complaintId !== null,
      expiresAt: transaction.tokenExpiresAt,
    };
    if (rating) {
      form.ratingId = rating.id;
      form.ratedAt = rating.createdAt;
      form.followUpUntil = new Date(rating.createdAt.getTime() + settings.followUpDays * DAY_MS);
      form.followedUp = await this.followUps.existsBy({ ratingId: rating.id });
    }
    return form;
  }

  async submit(dto: SubmitRatingDto, ctx: SubmissionContext): Promise<RatingAnswer> {
    const transaction = await this.resolveToken(dto.token);
    const level = dto.level as RatingLevel;
    const options = await this.settings.currentOptions();
    const allowed = options.levels.find((l) => l.level === level)?.tags ?? [];
    const foreign = (dto.tags ?? []).filter((tag) => !allowed.includes(tag));
    const anonymous = dto.anonymous ?? false;
    const bad = isBadLevel(level);
    const attachmentIds = dto.attachmentIds ?? [];
    if (foreign.length > 0 || (bad && !anonymous && !dto.contactPhone)) {
      // A repeated submission is answered as one before its body is judged again.
      const existing = await this.ratings.findOneBy({ transactionId: transaction.id });
      if (existing) return this.repeated(existing, ctx, dto);
      if (foreign.length > 0) {
        throw invalidField('tags', `not an option of level ${level}: ${foreign.join(', ')}`);
      }
      throw invalidField(
        'contactPhone',
        'a real-name bad rating needs a contact phone for the call-back (or rate anonymously)',
      );
    }
    const phone = !anonymous && dto.contactPhone ? this.pii.protectPhone(dto.contactPhone) : null;
    const now = this.clock.now();
    const monthKey = chinaMonth(now);
    const channel = dto.channel ?? 'window_qr';
    const submission: Submission = {
      transaction,
      monthKey,
      now,
      row: {
        transactionId: transaction.id,
        level,
        tags: dto.tags ?? [],
        comment: dto.comment?.trim() || null,
        anonymous,
        contactPhoneEnc: phone?.encrypted ?? null,
        contactPhoneMasked: phone?.masked ?? null,
        channel,
        optionsVersion: options.version,
        attachmentIds,
        citizenId: ctx.citizenId,
        departmentId: transaction.departmentId,
        windowId: transaction.windowId,
        staffId: transaction.staffId,
        monthKey,
        isDefault: false,
        voided: false,
        idempotencyKey: ctx.idempotencyKey,
        ip: ctx.ip?.slice(0, 64) ?? null,
        deviceHint: ctx.userAgent?.slice(0, 200) ?? null,
        secondsSinceIssue: Math.max(
          0,
          Math.floor((now.getTime() - transaction.createdAt.getTime()) / 1000),
        ),
        createdAt: now,
      },
    };
    await this.rollups.ensure(transaction, [monthKey, transaction.finishedMonth]);
    if (attachmentIds.length === 0) {
      // Ratings without photos: written together with the others arriving meanwhile (group commit).
      const answer = await this.batchedRatings.add(submission);
      if (answer !== null) return answer;
    } else {
      const existing = await this.ratings.findOneBy({ transactionId: transaction.id });
      if (existing) return this.repeated(existing, ctx, dto);
      await this.attachments.requireOwned(attachmentIds, dto.attachmentKeys);
      const answer = await this.writeOne(submission);
      if (answer !== null) return answer;
    }
    // Rated already (or lost the race for this transaction's one rating).
    const winner = await this.ratings.findOneBy({ transactionId: transaction.id });
    if (!winner) throw new Error(`rating of transaction ${transaction.id} vanished`);
    return this.repeated(winner, ctx, dto);
  }

  /**
   * One submission in its own transaction: the rating, its ticket when bad, its photos, the
   * province record and the rollups. Null when the transaction has a rating already.
   */
  private async writeOne(submission: Submission): Promise<RatingAnswer | null> {
    const { transaction, row, monthKey, now } = submission;
    const level = row.level as RatingLevel;
    const [settings, calendar] = isBadLevel(level)
      ? await Promise.all([this.settings.get(), this.calendar.calendar()])
      : [null, null];
    try {
      return await this.dataSource.transaction(async (em) => {
        const ratingId = await insertRow(em, Rating, row);
        const answer: RatingAnswer = { id: ratingId, level };
        const counted = ratingContribution({
          level,
          channel: row.channel,
          voided: false,
          isDefault: false,
        });
        let opened: CounterDelta = {};
        let ticketId: number | null = null;
        if (settings && calendar) {
          const ticket = await this.openRatingTicket(em, submission, ratingId, settings, calendar);
          answer.ticketNo = ticket.ticketNo;
          ticketId = ticket.id;
          opened = ticketContribution(ticketFacts(ticket)); // opened this month, like the rating
        }
        await this.attachments.link(em, row.attachmentIds, {
          ownerType: 'rating',
          ownerId: ratingId,
          departmentId: transaction.departmentId,
          ticketId,
        });
        await this.province.enqueue(em, 'evaluation', { ...transaction, id: ratingId }, now);
        await this.rollups.applyMonths(em, transaction, [
          [monthKey, sumCounters(counted.given, opened)],
          [transaction.finishedMonth, counted.finished],
        ]);
        return answer;
      });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  /**
   * Ratings without photos, many in one transaction: the transactions already rated are found
   * with one read, the new ratings written by one multi-row INSERT and their ids read back by
   * transaction, each bad one's ticket opened (with its event and notices), the province records
   * queued, and every rollup row changed by one UPDATE (RollupService.applyBatch). Answers each
   * submission's rating (and ticket number), null for a repeat.
   */
  private async writeBatch(batch: Submission[]): Promise<(RatingAnswer | null)[]> {
    const anyBad = batch.some((b) => isBadLevel(b.row.level as RatingLevel));
    const [settings, calendar] = anyBad
      ? await Promise.all([this.settings.get(), this.calendar.calendar()])
      : [null, null];
    return this.dataSource.transaction(async (em) => {
      const ids = batch.map((b) => b.transaction.id);
      const rated = await this.ratedAmong(em, ids);
      const fresh = batch.filter((b) => {
        if (rated.has(b.transaction.id)) return false;
        rated.set(b.transaction.id, 0); // a second submission in the batch is a repeat
        return true;
      });
      if (fresh.length === 0) return batch.map(() => null);
      await insertRows(
        em,
        Rating,
        fresh.map((b) => b.row),
      );
      const written = await this.ratedAmong(
        em,
        fresh.map((b) => b.transaction.id),
      );
      const answers = new Map<Submission, RatingAnswer>();
      const changes = [];
      for (const b of fresh) {
        const level = b.row.level as RatingLevel;
        const answer: RatingAnswer = { id: written.get(b.transaction.id) as number, level };
        const counted = ratingContribution({
          level,
          channel: b.row.channel,
          voided: false,
          isDefault: false,
        });
        let opened: CounterDelta = {};
        if (settings && calendar && isBadLevel(level)) {
          const ticket = await this.openRatingTicket(em, b, answer.id, settings, calendar);
          answer.ticketNo = ticket.ticketNo;
          opened = ticketContribution(ticketFacts(ticket)); // opened this month, like the rating
        }
        await this.province.enqueue(em, 'evaluation', { ...b.transaction, id: answer.id }, b.now);
        answers.set(b, answer);
        changes.push({
          units: b.transaction,
          changes: [
            [b.monthKey, sumCounters(counted.given, opened)],
            [b.transaction.finishedMonth, counted.finished],
          ] as const,
        });
      }
      await this.rollups.applyBatch(em, changes);
      return batch.map((b) => answers.get(b) ?? null);
    });
  }

  /** A bad rating's ticket (with its event and the handlers' notices), in `em`'s transaction. */
  private openRatingTicket(
    em: EntityManager,
    { transaction, row, now }: Submission,
    ratingId: number,
    settings: Frozen<Settings>,
    calendar: WorkingDayCalendar,
  ): Promise<Ticket> {
    return openTicket(em, {
      source: 'rating',
      transaction,
      ratingId,
      level: row.level,
      realName: !!row.contactPhoneEnc,
      settings,
      calendar,
      now,
      notices: this.notices,
    });
  }

  /** Rating ids by transaction id, of those of `transactionIds` that have one. */
  private async ratedAmong(
    em: EntityManager,
    transactionIds: number[],
  ): Promise<Map<number, number>> {
    if (transactionIds.length === 0) return new Map();
    const escape = (name: string) => em.connection.driver.escape(name);
    const rows = await em.query<{ id: number | string; transactionId: number | string }[]>(
      `SELECT ${escape('id')} AS ${escape('id')}, ${escape('transactionId')} AS ${escape('transactionId')} FROM ${escape('ratings')} WHERE ${escape('transactionId')} IN (${transactionIds.map(() => '?').join(', ')})`,
      transactionIds,
    );
    return new Map(rows.map((r) => [Number(r.transactionId), Number(r.id)]));
  }

  /**
   * Records the default rating (默认评价) of a transaction whose rating window has ended without a
   * rating: flagged isDefault, channel `default`, the configured level, dated `now` (the job's
   * time, never back-dated), with no ticket and in no rate (its only counter is `defaultRated`),
   * queued for the province (pf of `default`). The unique index on transactionId keeps it to one
   * per transaction and away from a rated one: false when a rating exists (or won meanwhile).
   */
  async recordDefault(transaction: Transaction, level: RatingLevel, now: Date): Promise<boolean> {
    const options = await this.settings.currentOptions();
    await this.rollups.ensure(transaction, [transaction.finishedMonth]);
    try {
      await this.dataSource.transaction(async (em) => {
        const ratingId = await insertRow(em, Rating, {
          transactionId: transaction.id,
          level,
          tags: [],
          comment: null,
          anonymous: true,
          contactPhoneEnc: null,
          contactPhoneMasked: null,
          channel: 'default',
          optionsVersion: options.version,
          attachmentIds: [],
          citizenId: null,
          departmentId: transaction.departmentId,
          windowId: transaction.windowId,
          staffId: transaction.staffId,
          monthKey: chinaMonth(now),
          isDefault: true,
          voided: false,
          idempotencyKey: null,
          ip: null,
          deviceHint: null,
          secondsSinceIssue: null,
          createdAt: now,
        });
        const counted = ratingContribution({
          level,
          channel: 'default',
          voided: false,
          isDefault: true,
        });
        await this.province.enqueue(em, 'evaluation', { ...transaction, id: ratingId }, now);
        await this.rollups.applyMonths(em, transaction, [
          [transaction.finishedMonth, counted.finished],
        ]);
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async followUp(ratingId: number, dto: FollowUpDto): Promise<FollowUp> {
    const transaction = await this.resolveToken(dto.token, { allowExpired: true });
    const rating = await this.ratings.findOneBy({ id: ratingId });
    // A default rating (默认评价) takes no follow-up: no person gave it.
    if (!rating || rating.transactionId !== transaction.id || rating.isDefault) {
      throw notFound('Rating');
    }
    const { followUpDays } = await this.settings.get();
    if (this.clock.nowMs() > rating.createdAt.getTime() + followUpDays * DAY_MS) {
      throw new DomainError(
        'FOLLOW_UP_CLOSED',
        `Follow-ups are accepted for ${followUpDays} days after rating`,
      );
    }
    if (await this.followUps.existsBy({ ratingId })) {
      throw new DomainError('ALREADY_FOLLOWED_UP', 'This rating has its follow-up already');
    }
    try {
      return await this.dataSource.transaction(async (em) => {
        const now = this.clock.now();
        const followUp = await em.save(
          em.create(FollowUp, {
            ratingId,
            comment: dto.comment.trim(),
            level: dto.level ?? null,
            createdAt: now,
          }),
        );
        await this.province.enqueue(em, 'follow_up', { ...transaction, id: followUp.id }, now);
        return followUp;
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError('ALREADY_FOLLOWED_UP', 'This rating has its follow-up already');
      }
      throw error;
    }
  }

  async complain(
    dto: ComplaintDto,
    ctx: SubmissionContext,
  ): Promise<{ id: number; ticketNo: string }> {
    const transaction = await this.resolveToken(dto.token);
    if (transaction.complaintId !== null) throw alreadyComplained();
    const attachmentIds = dto.attachmentIds ?? [];
    await this.attachments.requireOwned(attachmentIds, dto.attachmentKeys);
    const settings = await this.settings.get();
    const calendar = await this.calendar.calendar();
    const phone = dto.contactPhone ? this.pii.protectPhone(dto.contactPhone) : null;
    const now = this.clock.now();
    const monthKey = chinaMonth(now);
    await this.rollups.ensure(transaction, [monthKey]);
    return this.dataSource.transaction(async (em) => {
      const complaint = await em.save(
        em.create(Complaint, {
          transactionId: transaction.id,
          content: dto.content.trim(),
          contactPhoneEnc: phone?.encrypted ?? null,
          contactPhoneMasked: phone?.masked ?? null,
          attachmentIds,
          citizenId: ctx.citizenId,
          ip: ctx.ip?.slice(0, 64) ?? null,
          createdAt: now,
        }),
      );
      // One complaint per transaction: of two sent at once only one claims it; the other rolls back.
      const claimed = await em
        .createQueryBuilder()
        .update(Transaction)
        .set({ complaintId: complaint.id })
        .where('id = :id AND complaintId IS NULL', { id: transaction.id })
        .execute();
      if (claimed.affected !== 1) throw alreadyComplained();
      const ticket = await openTicket(em, {
        source: 'complaint',
        transaction,
        complaintId: complaint.id,
        level: null,
        realName: !!phone,
        settings,
        calendar,
        now,
        notices: this.notices,
      });
      await this.attachments.link(em, attachmentIds, {
        ownerType: 'complaint',
        ownerId: complaint.id,
        departmentId: transaction.departmentId,
        ticketId: ticket.id,
      });
      await this.rollups.apply(
        em,
        ticket,
        ticket.monthKey,
        ticketContribution(ticketFacts(ticket)),
      );
      return { id: complaint.id, ticketNo: ticket.ticketNo };
    });
  }

  /**
   * A rating and complaint made without WeChat login become the citizen's who signs in right
   * after on the same device (the rating token is the proof), so 我的评价 and the progress
   * messages they subscribe to reach them: only within 30 minutes of making them, and never
   * away from another citizen. Answers how many were linked.
   */
  async linkToCitizen(token: string, citizenId: number): Promise<number> {
    const transaction = await this.resolveToken(token, { allowExpired: true });
    const since = new Date(this.clock.nowMs() - LINK_WINDOW_MS);
    let linked = 0;
    for (const [entity, where] of [
      [Rating, 'transactionId = :id AND isDefault = :no'],
      [Complaint, 'id = :complaintId'],
    ] as const) {
      if (entity === Complaint && transaction.complaintId === null) continue;
      const res = await this.dataSource
        .createQueryBuilder()
        .update(entity)
        .set({ citizenId })
        .where(`${where} AND citizenId IS NULL AND createdAt >= :since`, {
          id: transaction.id,
          complaintId: transaction.complaintId,
          since,
          no: false,
        })
        .execute();
      linked += res.affected ?? 0;
    }
    return linked;
  }

  /**
   * Ratings behind a score row, for staff: what was said and how, never by whom (no phone, no
   * citizen, no fraud signals). A department handler sees only its own department.
   */
  async listForStaff(q: ListRatingsQuery, principal: Principal): Promise<Page<unknown>> {
    const qb = this.ratings.createQueryBuilder('r');
    const departmentId = confinedDepartment(principal) ?? q.departmentId;
    if (departmentId) qb.andWhere('r.departmentId = :departmentId', { departmentId });
    if (q.windowId) qb.andWhere('r.windowId = :windowId', { windowId: q.windowId });
    if (q.staffId) qb.andWhere('r.staffId = :staffId', { staffId: q.staffId });
    if (q.month) qb.andWhere('r.monthKey = :month', { month: q.month });
    if (q.level) qb.andWhere('r.level = :level', { level: q.level });
    if (q.voided !== undefined) qb.andWhere('r.voided = :voided', { voided: q.voided });
    if (q.isDefault !== undefined) {
      qb.andWhere('r.isDefault = :isDefault', { isDefault: q.isDefault });
    }
    const [rows, total] = await qb
      .orderBy('r.id', 'DESC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    const transactions = await this.transactions.findBy({
      id: In(rows.map((r) => r.transactionId)),
    });
    const numbers = new Map(transactions.map((t) => [t.id, t.transactionNo]));
    const items = rows.map((r) => staffRatingView(r, numbers.get(r.transactionId) ?? null));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  /** A citizen's own ratings, newest first, with what became of each bad one. */
  async myRatings(citizenId: number, page: number, pageSize: number): Promise<Page<unknown>> {
    const [rows, total] = await this.ratings.findAndCount({
      where: { citizenId },
      order: { id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    const ids = rows.map((r) => r.id);
    const [transactions, tickets, followUps] = await Promise.all([
      this.transactions.findBy({ id: In(rows.map((r) => r.transactionId)) }),
      ids.length ? this.tickets.findBy({ ratingId: In(ids) }) : Promise.resolve([]),
      ids.length ? this.followUps.findBy({ ratingId: In(ids) }) : Promise.resolve([]),
    ]);
    const summaries = await this.summaries(transactions);
    const items = rows.map((r) =>
      myRatingView(
        r,
        summaries.get(r.transactionId) ?? null,
        tickets.find((t) => t.ratingId === r.id) ?? null,
        followUps.find((f) => f.ratingId === r.id) ?? null,
      ),
    );
    return { items, total, page, pageSize };
  }

  private async repeated(
    existing: Rating,
    ctx: SubmissionContext,
    dto: SubmitRatingDto,
  ): Promise<RatingAnswer> {
    if (ctx.idempotencyKey && existing.idempotencyKey === ctx.idempotencyKey) {
      // A retry carries the same body; the same key on another body is a client bug, not a
      // retry, and must not be answered as if it had been stored.
      if (!this.sameSubmission(existing, dto)) {
        throw new DomainError(
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was used for a different rating',
        );
      }
      const ticket = await this.tickets.findOneBy({ ratingId: existing.id });
      return {
        id: existing.id,
        level: existing.level,
        ...(ticket ? { ticketNo: ticket.ticketNo } : {}),
      };
    }
    throw new DomainError('ALREADY_RATED', 'This transaction has been rated already');
  }

  /** Whether a submission is the one stored, as the submission stored it (trimmed, defaults). */
  private sameSubmission(r: Rating, dto: SubmitRatingDto): boolean {
    const anonymous = dto.anonymous ?? false;
    const phone = !anonymous && dto.contactPhone ? dto.contactPhone : null;
    const storedPhone = r.contactPhoneEnc ? this.pii.decrypt(r.contactPhoneEnc) : null;
    return (
      r.level === dto.level &&
      JSON.stringify(r.tags) === JSON.stringify(dto.tags ?? []) &&
      r.comment === (dto.comment?.trim() || null) &&
      r.anonymous === anonymous &&
      storedPhone === phone &&
      r.channel === (dto.channel ?? 'window_qr') &&
      JSON.stringify(r.attachmentIds) === JSON.stringify(dto.attachmentIds ?? [])
    );
  }

  /** Transaction summaries for a page of ratings: four look-ups in all, not four per row. */
  private async summaries(list: Transaction[]): Promise<Map<number, TransactionSummary>> {
    const names = await this.organisation.lookup({
      serviceItemIds: list.map((t) => t.serviceItemId),
      departmentIds: list.map((t) => t.departmentId),
      windowIds: list.map((t) => t.windowId),
      staffIds: list.map((t) => t.staffId),
    });
    return new Map(list.map((t) => [t.id, transactionSummary(t, names)]));
  }
}
